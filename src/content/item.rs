//! The plain structs that the loading stage hands to the rest of the pipeline.

use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::fields::FrontMatter;
use super::scan::RawRef;

/// What an item is, from the top-level folder it sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A note under `moments/`.
    Moment,
    /// A workshop module under `workshop/`.
    Module,
    /// A framework article under `frameworks/`.
    Framework,
    /// An article in any other top-level folder.
    Article,
    /// A file directly under `content/`.
    Page,
}

impl Kind {
    /// The kind of items in the top-level folder `folder`.
    pub fn of_folder(folder: &str) -> Kind {
        match folder {
            "moments" => Kind::Moment,
            "workshop" => Kind::Module,
            "frameworks" => Kind::Framework,
            _ => Kind::Article,
        }
    }

    /// A lowercase word for people and templates.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Moment => "moment",
            Kind::Module => "module",
            Kind::Framework => "framework",
            Kind::Article => "article",
            Kind::Page => "page",
        }
    }

    /// Whether the kind is dated writing that belongs in the feed.
    pub fn in_feed(self) -> bool {
        matches!(self, Kind::Moment | Kind::Framework | Kind::Article)
    }
}

/// How the body was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// CommonMark with extensions.
    Markdown,
    /// Plain text whose structure was recovered into markdown.
    PlainText,
}

/// One content file, loaded.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Item {
    /// Moment, module, article…
    pub kind: Kind,
    /// The URL segment of its section (`moments`); empty for top-level pages.
    pub section: String,
    /// Path relative to the project root, with `/` separators
    /// (`content/moments/x.md`).
    pub source: PathBuf,
    /// Markdown or plain text.
    pub format: Format,
    /// The title, from front matter, the first `# ` heading or the first line.
    pub title: String,
    /// URL-safe name, unique within the section (within its folder, in a
    /// section that keeps its folders).
    pub slug: String,
    /// The folders between the section's and the file's, URL-safe
    /// (`guides/setup`): a section other than moments, workshop and
    /// frameworks keeps its folder structure in its URLs, so a handbook
    /// whose folders reuse file names builds as it is. Empty for the others.
    pub folder: String,
    /// Typed front matter.
    pub front: FrontMatter,
    /// The body as markdown (plain text already converted), held packed:
    /// read it with `body.text()`, once per use.
    pub body: crate::packed::PackedText,
    /// The fingerprint of `body`'s text, taken once when it is loaded: what
    /// the rendered body is keyed by, without unpacking or reading the
    /// body again in every build that reuses the load.
    pub body_key: u128,
    /// 1-based file line where `body` starts (exact for markdown files).
    pub body_line: usize,
    /// The whole file text, without a second copy of the body: see
    /// [`Item::text`].
    pub file_text: super::file_text::FileText,
    /// Links and slug-shaped code spans in the body, as written.
    #[serde(with = "super::kept_refs")]
    pub refs: Vec<RawRef>,
    /// The new angles the body lists, when the item is in the writer's
    /// pipeline ([`Item::in_pipeline`]); empty otherwise.
    pub angles: Vec<super::angles::Angle>,
    /// The pieces a moment's don't-repeat section lists; empty for other
    /// kinds.
    pub published: Vec<super::published::PublishedEntry>,
    /// Whether the body has raw HTML that may name a file of the library
    /// (see [`may_name_files`]): its rendering then depends on the set of
    /// files. Found once, when the file is read.
    pub names_files: bool,
}

/// Whether markdown has raw HTML that may name a file (` src=`, ` href=`).
pub fn may_name_files(markdown: &str) -> bool {
    markdown.contains(" src=") || markdown.contains(" href=")
}

impl Item {
    /// Lets go of what only loading, linking and rendering bodies read:
    /// the markdown, the rest of the file's text and the references as
    /// written. A build that writes the site once does this when the build
    /// cache holds them and the bodies are rendered: nothing after reads
    /// them, and at 10,000 items they were a sixth of the build's memory.
    /// After it, [`Item::text`] and the body are empty.
    pub fn release_sources(&mut self) {
        self.body = crate::packed::PackedText::default();
        self.file_text = super::file_text::FileText::new(String::new(), "", 0);
        self.refs = Vec::new();
    }

    /// The item's URL below its section: `folder/slug`, or the slug.
    pub fn url_name(&self) -> std::borrow::Cow<'_, str> {
        if self.folder.is_empty() {
            std::borrow::Cow::Borrowed(&self.slug)
        } else {
            std::borrow::Cow::Owned(format!("{}/{}", self.folder, self.slug))
        }
    }

    /// The whole file text, normalised (no BOM, `\n` line ends), for later
    /// stages to place and show the offending line of a diagnostic. Put
    /// together from the body when asked for: call it once per use.
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        self.file_text.with_body(&self.body.text())
    }

    /// Date for ordering: the front matter date, if any.
    pub fn date(&self) -> Option<super::dates::Date> {
        self.front.date
    }

    /// Whether the item is a draft.
    pub fn is_draft(&self) -> bool {
        self.front.draft
    }

    /// Whether the item is a note in the writer's pipeline: a moment, or a
    /// note of a brought library with a `status` other than `published`
    /// (an Obsidian note marked `status: idea`). Its new angles are ideas
    /// the desk lists and the repeat guard checks.
    pub fn in_pipeline(&self) -> bool {
        in_pipeline(self.kind, &self.front)
    }

    /// The 1-based file line of 1-based line `line` of the body; exact for
    /// markdown files, the start of the body for converted plain text.
    pub fn body_line_in_file(&self, line: usize) -> usize {
        match self.format {
            Format::Markdown => self.body_line + line.max(1) - 1,
            Format::PlainText => self.body_line,
        }
    }

    /// The 1-based file line and column of byte `offset` of the body; exact
    /// for markdown files, the start of the body for converted plain text.
    /// `body_lines` indexes the body (see [`LineIndex`]).
    ///
    /// [`LineIndex`]: crate::diagnostics::LineIndex
    pub fn body_position(
        &self,
        body_lines: &crate::diagnostics::LineIndex,
        offset: usize,
    ) -> (usize, usize) {
        match self.format {
            Format::Markdown => {
                let (line, column) = body_lines.line_col(offset);
                (self.body_line + line - 1, column)
            }
            Format::PlainText => (self.body_line, 1),
        }
    }
}

/// Whether an item of `kind` with `front` matter is in the writer's
/// pipeline (see [`Item::in_pipeline`]).
pub(super) fn in_pipeline(kind: Kind, front: &FrontMatter) -> bool {
    kind == Kind::Moment || front.status.as_deref().is_some_and(|s| s != "published")
}

/// A top-level folder of `content/` and its optional `_index.md`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Section {
    /// URL segment (`moments`).
    pub name: String,
    /// Kind of the items in it.
    pub kind: Kind,
    /// Title from `_index.md`, else a readable default.
    pub title: String,
    /// Front matter of `_index.md` (description, order, duration…).
    pub front: FrontMatter,
    /// Body of `_index.md` as markdown.
    pub body: String,
    /// Where `_index.md` is, if there is one.
    pub source: Option<PathBuf>,
}

/// Everything the loading stage produced.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// Every item, sorted by source path. Shared, so a rebuild can reuse the
    /// items whose files did not change.
    pub items: Vec<Arc<Item>>,
    /// Drafts left out of the site (built without `--drafts`); the repeat
    /// guard still reads them.
    pub drafts: Vec<Arc<Item>>,
    /// Every section, sorted by name.
    pub sections: Vec<Section>,
    /// The body of `content/_index.md`, shown on the home page.
    pub home: Option<Section>,
    /// Every other file under `content/` (images, PDFs…), sorted by key.
    pub assets: Vec<super::Asset>,
    /// Rows of the figures files under `data/`, in file and line order.
    pub figure_rows: Vec<super::figures::FigureRow>,
}

/// The order of workshop modules: `order:` first, then the file's path as
/// a person reads it (`2-x.md` before `10-x.md`, folder by folder), then
/// the title. Modules exported from other tools are often numbered by file
/// and folder name only.
pub fn module_order(a: &Item, b: &Item) -> std::cmp::Ordering {
    let order = |item: &Item| item.front.order.unwrap_or(i64::MAX);
    let name = |item: &Item| item.source.to_string_lossy().into_owned();
    order(a)
        .cmp(&order(b))
        .then_with(|| natural_cmp(&name(a), &name(b)))
        .then_with(|| a.title.cmp(&b.title))
}

/// Compares text with runs of digits compared as numbers.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (mut a, mut b) = (a, b);
    loop {
        match (a.chars().next(), b.chars().next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let da = a.len() - a.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                let db = b.len() - b.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                let (na, nb) = (
                    a[..da].trim_start_matches('0'),
                    b[..db].trim_start_matches('0'),
                );
                let by_number = na.len().cmp(&nb.len()).then_with(|| na.cmp(nb));
                if by_number != Ordering::Equal {
                    return by_number;
                }
                a = &a[da..];
                b = &b[db..];
            }
            (Some(x), Some(y)) => {
                let by_char = x.to_lowercase().cmp(y.to_lowercase()).then(x.cmp(&y));
                if by_char != Ordering::Equal {
                    return by_char;
                }
                a = &a[x.len_utf8()..];
                b = &b[y.len_utf8()..];
            }
        }
    }
}

#[cfg(test)]
mod order_tests {
    use super::natural_cmp;
    use std::cmp::Ordering::*;

    #[test]
    fn numbers_in_names_compare_as_numbers() {
        assert_eq!(natural_cmp("2-intro.md", "10-close.md"), Less);
        assert_eq!(natural_cmp("02-b.md", "2-a.md"), Greater);
        assert_eq!(natural_cmp("module-9", "module-10"), Less);
        assert_eq!(natural_cmp("Apple", "banana"), Less);
        assert_eq!(natural_cmp("same", "same"), Equal);
    }
}

#[cfg(test)]
mod release_tests {
    use std::path::Path;

    #[test]
    fn released_sources_leave_what_pages_show() {
        let root = Path::new("/nowhere");
        let load = crate::content::load_bytes(
            root,
            &root.join("content/moments/a.md"),
            b"---\ntitle: A\ntags: [x]\n---\nSee [b](b.md), then more text.\n".to_vec(),
        );
        let mut item = (*load.item.expect("an item")).clone();
        assert!(!item.refs.is_empty());
        assert!(item.body.text().contains("more text"));
        assert!(item.text().contains("title: A"));
        item.release_sources();
        assert!(item.refs.is_empty());
        assert!(item.body.text().is_empty());
        assert!(item.text().is_empty());
        assert_eq!(item.title, "A");
        assert_eq!(item.front.tags, ["x"]);
        assert_ne!(item.body_key, 0, "a released body keeps its key");
    }
}
