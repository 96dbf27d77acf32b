//! Views of the library graph for templates: an item's related items,
//! backlinks and don't-repeat panel, and the published list.

use serde::Serialize;

use crate::content::published::{thousands, PublishedEntry};
use crate::library::{Library, PublishedPiece, Target};

/// A reference as a page shows it: a link, or text marked missing. It
/// borrows its texts from the library: a page lists dozens of these and
/// its template values copy them once more.
#[derive(Debug, Clone, Serialize)]
pub struct RefView<'a> {
    /// Text to show.
    pub title: &'a str,
    /// Where it links; `None` for references not in the library.
    pub url: Option<&'a str>,
    /// Kind of the item linked to.
    pub kind: Option<&'static str>,
    /// The value as written.
    pub written: &'a str,
    /// Not in the library yet.
    pub missing: bool,
    /// A web address outside the site.
    pub external: bool,
    /// The front matter field, for explicit references.
    pub field: &'static str,
}

/// A linked item in a list, borrowing its texts from the library.
#[derive(Debug, Clone, Serialize)]
pub struct ItemLink<'a> {
    /// Title.
    pub title: &'a str,
    /// URL.
    pub url: &'a str,
    /// Kind label.
    pub kind: &'static str,
}

/// A figure of a published piece.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// "impressions"…
    pub name: String,
    /// The number.
    pub value: u64,
    /// The number with thousands separators.
    pub shown: String,
}

/// A published piece as a page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct PublishedView<'a> {
    /// Short post, long article…
    pub kind: String,
    /// Title, else a name from the path.
    pub name: String,
    /// Title when one was given.
    pub title: Option<String>,
    /// Where it lives.
    pub path: Option<String>,
    /// `2025-10-13`.
    pub published: Option<String>,
    /// `13 Oct 2025`.
    pub published_human: Option<String>,
    /// Figures.
    pub figures: Vec<Figure>,
    /// What it covers.
    pub covers: Option<String>,
    /// Other remarks.
    pub notes: Vec<String>,
    /// Moments that list it.
    pub cited_by: Vec<ItemLink<'a>>,
    /// The item's page, for published items of the library.
    pub url: Option<String>,
    /// Where it went out (LinkedIn, Substack…), when known.
    pub platform: Option<String>,
}

/// Item `id` as a link shows it.
pub fn item_link(library: &Library, id: usize) -> ItemLink<'_> {
    ItemLink {
        title: &library.items[id].title,
        url: library.url_text(id),
        kind: library.items[id].kind.label(),
    }
}

/// The view of an entry, with the library-wide facts of its piece.
pub fn published_view<'a>(
    library: &'a Library,
    entry: &PublishedEntry,
    piece: &PublishedPiece,
) -> PublishedView<'a> {
    PublishedView {
        kind: entry.kind.clone(),
        name: entry.name(),
        title: entry.title.clone(),
        path: entry.path.clone(),
        published: entry.published.map(|d| d.ymd()),
        published_human: entry.published.map(|d| d.human()),
        // The piece's figures: every record of it, and the figures files.
        figures: piece
            .entry
            .figures
            .iter()
            .map(|(name, value)| Figure {
                name: name.clone(),
                value: *value,
                shown: thousands(*value),
            })
            .collect(),
        covers: entry.covers.clone(),
        notes: entry.notes.clone(),
        cited_by: piece
            .cited_by
            .iter()
            .map(|&id| item_link(library, id))
            .collect(),
        url: piece.item.map(|id| library.url(id)),
        platform: piece.entry.platform_name(),
    }
}

/// `/published.json`: the published list for other tools.
pub fn published_json(library: &Library) -> crate::output::OutputFile {
    // Written as serde_json writes a `Value`, keys in order, but one piece
    // at a time: the list of a large library, made whole as values first,
    // took several times its own size in memory.
    #[derive(Serialize)]
    struct PublishedJson<'a> {
        count: usize,
        generator: String,
        pieces: PiecesOneByOne<'a>,
    }
    let json = PublishedJson {
        count: library.published.len(),
        generator: format!("Lectern {}", env!("CARGO_PKG_VERSION")),
        pieces: PiecesOneByOne(library),
    };
    crate::output::OutputFile {
        path: "published.json".into(),
        contents: crate::output::Contents::Bytes(
            serde_json::to_vec_pretty(&json).unwrap_or_default(),
        ),
    }
}

/// One piece's view as values (keys in order, as templates and
/// `published.json` have always seen them).
fn piece_value(library: &Library, piece: &PublishedPiece) -> serde_json::Value {
    serde_json::to_value(published_view(library, &piece.entry, piece))
        .unwrap_or(serde_json::Value::Null)
}

/// The published list, serialized one piece at a time.
struct PiecesOneByOne<'a>(&'a Library);

impl Serialize for PiecesOneByOne<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let library = self.0;
        serializer.collect_seq(
            library
                .published
                .iter()
                .map(|piece| piece_value(library, piece)),
        )
    }
}

/// The graph around item `id`, for its page.
#[derive(Debug, Clone, Serialize)]
pub struct ItemGraphView<'a> {
    /// Explicit related items from front matter.
    pub related: Vec<RefView<'a>>,
    /// Items that reference this one.
    pub backlinks: Vec<ItemLink<'a>>,
    /// Items on the same tags and themes (computed).
    pub same_themes: Vec<ItemLink<'a>>,
    /// The moment's don't-repeat list.
    pub dont_repeat: Vec<PublishedView<'a>>,
}

/// The graph view of `item`, whose links are `links`.
pub fn item_graph<'a>(
    library: &'a Library,
    item: &crate::content::Item,
    links: &'a crate::library::ItemLinks,
) -> ItemGraphView<'a> {
    let related = links
        .explicit
        .iter()
        .map(|r| {
            let (title, url, kind) = match &r.target {
                Target::Item { id } => (
                    library.items[*id].title.as_str(),
                    Some(library.url_text(*id)),
                    Some(library.items[*id].kind.label()),
                ),
                Target::External { url } => (url.as_str(), Some(url.as_str()), None),
                Target::Missing | Target::Invalid => (r.written.as_str(), None, None),
            };
            RefView {
                title,
                url,
                kind,
                written: &r.written,
                missing: matches!(r.target, Target::Missing | Target::Invalid),
                external: matches!(r.target, Target::External { .. }),
                field: r.field,
            }
        })
        .collect();
    ItemGraphView {
        related,
        backlinks: links
            .backlinks
            .iter()
            .map(|&b| item_link(library, b))
            .collect(),
        same_themes: links
            .same_themes
            .iter()
            .map(|&(r, _)| item_link(library, r))
            .collect(),
        dont_repeat: links
            .dont_repeat_entries(item)
            .map(|(index, entry)| published_view(library, entry, &library.published[index]))
            .collect(),
    }
}
