//! The library graph: items with their URLs and indexes, the references
//! between them (front matter paths, backtick slugs, markdown links),
//! backlinks, computed related items, the don't-repeat list of published
//! work, and the repeat guard.
//!
//! Stage two of the pipeline (load → **link** → render → write). It is built
//! once from the loaded [`Content`](crate::content::Content) (`link.rs`)
//! and then only read, so rendering can share it across threads. Every
//! reference is resolved here, once; the renderer looks the answers up
//! instead of resolving again.

mod addresses;
mod dont_repeat;
mod figures;
mod link;
mod memo;
mod platforms;
mod references;
mod resolved;
mod same_themes;
mod schemes;
pub mod similarity;
mod source_paths;
mod stems;
mod targets;

use std::path::Path;
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

pub use references::{resolve_written, FileTarget, ImageInfo, Reference};
pub use schemes::{has_scheme, is_template, is_unsafe_url};
pub use source_paths::normalise_reference_path;

use crate::config::Config;
use crate::content::published::PublishedEntry;
use crate::content::scan::RawRefKind;
use crate::content::{Asset, Item, Kind, Section};
pub use dont_repeat::{Repeat, RepeatKind};
pub use memo::LinkMemo;
pub use resolved::KeptTargets;

/// Where a front matter reference points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Target {
    /// An item of the library.
    Item {
        /// The item's id.
        id: usize,
    },
    /// A path or slug that is not in the library (yet).
    Missing,
    /// A web address, shown as an outside link.
    External {
        /// The address.
        url: String,
    },
    /// Neither a path, a slug nor a web address (`javascript:…`): shown as text.
    Invalid,
}

/// A `related_content` or `related_threads` entry, resolved.
#[derive(Debug, Clone, Serialize)]
pub struct ExplicitRef {
    /// The front matter field it came from.
    pub field: &'static str,
    /// The value as written.
    pub written: String,
    /// What it points at.
    pub target: Target,
}

/// A reference in a body, resolved, keyed by its byte offset in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyRef {
    /// Byte offset of the link or code span in the body.
    pub offset: usize,
    /// Link or code span.
    pub kind: RawRefKind,
    /// The target as written (shared with the item's [`RawRef`]).
    ///
    /// [`RawRef`]: crate::content::scan::RawRef
    pub written: Arc<str>,
    /// What it resolved to.
    pub target: Reference,
}

/// Everything the graph knows about one item.
#[derive(Debug, Clone, Default)]
pub struct ItemLinks {
    /// Front matter references, in the order written.
    pub explicit: Vec<ExplicitRef>,
    /// Body references that point at items or at missing ones, by offset.
    pub body: Vec<BodyRef>,
    /// Items that reference this one.
    pub backlinks: Vec<usize>,
    /// Items on the same tags and themes, best first, with their scores
    /// (computed; the explicit `related_content` is in `explicit`).
    pub same_themes: Vec<(usize, f64)>,
    /// The item's picture from front matter (`image:`, `cover:`), resolved:
    /// a published file, or a web address (`Other`).
    pub cover: Option<Reference>,
    /// Published pieces this moment lists as "don't repeat": each an
    /// index into [`Library::published`], and one into the moment's own
    /// `published` list for the entry as it wrote it (read it with
    /// [`ItemLinks::dont_repeat_entries`]).
    pub dont_repeat: Vec<(usize, usize)>,
}

impl ItemLinks {
    /// The moment's don't-repeat list, given the moment: each piece's
    /// index into [`Library::published`] and the entry as the moment wrote
    /// it. An entry the item no longer has (a quick preview pairs an edited
    /// item with the links of the one before) is left out.
    pub fn dont_repeat_entries<'a>(
        &'a self,
        item: &'a Item,
    ) -> impl Iterator<Item = (usize, &'a PublishedEntry)> + 'a {
        self.dont_repeat
            .iter()
            .filter_map(|&(piece, at)| Some((piece, item.published.get(at)?)))
    }
}

/// A piece of published work, merged across the moments that cite it.
#[derive(Debug, Clone, Serialize)]
pub struct PublishedPiece {
    /// The fullest record of the piece.
    pub entry: PublishedEntry,
    /// Moments that list it.
    pub cited_by: Vec<usize>,
    /// The library item, when the piece is an item with `status: published`.
    pub item: Option<usize>,
}

/// A slug or path that items reference but that is not in the library.
#[derive(Debug, Clone, Serialize)]
pub struct Missing {
    /// The slug or path as written.
    pub written: String,
    /// Whether it is a moment slug (else a path).
    pub is_slug: bool,
    /// Items that reference it.
    pub cited_by: Vec<usize>,
}

/// Every item of the site, with URLs, lookup indexes and the links between them.
#[derive(Debug)]
pub struct Library {
    /// Site settings.
    pub config: Config,
    /// Items, in source-path order; an item's index is its id.
    pub items: Vec<Arc<Item>>,
    /// Sections, by name.
    pub sections: Vec<Section>,
    /// The home page's own text, from `content/_index.md`.
    pub home: Option<Section>,
    /// Each item's URL path relative to the site root (`moments/x/`).
    pub paths: Vec<String>,
    /// The graph around each item, by id.
    pub links: Vec<ItemLinks>,
    /// Published work, newest first.
    pub published: Vec<PublishedPiece>,
    /// Referenced slugs and paths that are not in the library, by name.
    pub missing: Vec<Missing>,
    /// New angles, post ideas and drafts too close to published work.
    pub repeats: Vec<Repeat>,
    /// Where the `tags` and `themes` indexes live, worked out once from
    /// the sections (see [`Library::taxonomy_path`]).
    taxonomy_paths: [String; 2],
    /// Redirect pages from previous addresses (`aliases:`): the site file
    /// and the item it leads to, each file once.
    pub redirects: Vec<(String, usize)>,
    /// Files under `content/` published as they are, sorted by key.
    pub assets: Vec<Asset>,
    /// Where each asset is published (by index): its path under
    /// `content/`, or under its bundle's page when the page's address is
    /// not its folder's.
    pub asset_paths: Vec<String>,
    by_source: HashMap<Box<str>, usize>,
    /// Items by slug, each slug with the kinds that use it: looked up by
    /// the slug as written, for every backtick slug of every body.
    by_slug: HashMap<String, Vec<(Kind, usize)>>,
    /// The names wikilinks use, lowercased: file names, titles, aliases.
    by_name: HashMap<String, usize>,
    /// Assets by file name, lowercased, for `![[image.png]]`.
    asset_by_name: HashMap<String, usize>,
    /// Each item's URL path and previous addresses (`blog/x/`).
    by_url: HashMap<String, usize>,
    /// `config.base_path()`, worked out once: every URL starts with it.
    base_path: String,
    /// Each item's URL (the base path and its path), made once and shared
    /// by every reference to it: a library of linked notes has many more
    /// references than items.
    urls: Vec<Arc<str>>,
}

impl Library {
    /// Item `id`'s links if its text were `item` (same slug and section):
    /// its own references resolved again, backlinks and related items as they
    /// are. For a quick preview of an edit.
    pub fn links_if_edited(&self, id: usize, item: &Item) -> ItemLinks {
        let (mut links, _) = references::resolve_refs(self, item);
        links.backlinks = self.links[id].backlinks.clone();
        links.same_themes = self.links[id].same_themes.clone();
        links.dont_repeat = self.links[id].dont_repeat.clone();
        links
    }

    /// The item whose file is `source` (relative to the project root).
    pub fn by_source(&self, source: &Path) -> Option<usize> {
        self.by_source_text(&source_text(source))
    }

    /// The item whose file is `source`, written with `/` between folders.
    pub fn by_source_text(&self, source: &str) -> Option<usize> {
        self.by_source.get(source).copied()
    }

    /// The asset published at `key` (its path under `content/`).
    pub fn asset(&self, key: &str) -> Option<usize> {
        self.assets
            .binary_search_by(|a| a.key.as_str().cmp(key))
            .ok()
    }

    /// The asset a path written in the file `from` names (relative to it,
    /// or from `content/` when it starts with `/`), if it is one.
    pub fn asset_from(&self, from: &Path, written: &str) -> Option<usize> {
        if written.starts_with('#') || written.starts_with("//") || has_scheme(written) {
            return None;
        }
        let path = written.split(['#', '?']).next().unwrap_or_default();
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        self.asset(&targets::content_key(from, &decoded)?)
    }

    /// The URL of asset `index`, with the base path.
    pub fn asset_url(&self, index: usize) -> String {
        format!(
            "{}{}",
            self.base_path,
            crate::content::encode_path(&self.asset_paths[index])
        )
    }

    /// A reference to asset `index`, with its size and smaller copies
    /// when it is an image.
    pub fn file_reference(&self, index: usize) -> Reference {
        let asset = &self.assets[index];
        let url = self.asset_url(index);
        let image = asset.size.map(|size| {
            let widths = asset.variant_widths();
            let srcset = if widths.is_empty() {
                String::new()
            } else {
                let mut parts: Vec<String> = widths
                    .iter()
                    .map(|w| format!("{} {w}w", self.variant_url(index, *w)))
                    .collect();
                parts.push(format!("{url} {}w", size.width));
                parts.join(", ")
            };
            ImageInfo {
                width: size.width,
                height: size.height,
                srcset,
            }
        });
        Reference::File(Box::new(FileTarget {
            index,
            url: url.into(),
            image: image.map(Box::new),
        }))
    }

    /// The URL of an asset's copy `width` pixels wide.
    pub fn variant_url(&self, index: usize, width: u32) -> String {
        format!(
            "{}{}",
            self.base_path,
            crate::content::encode_path(&crate::content::variant_path(
                &self.asset_paths[index],
                width
            ))
        )
    }

    /// Where the built-in pages of a taxonomy (`tags`, `themes`) live:
    /// at its name, or under `lectern/` when a section of the library has
    /// that name (a brought site's `themes/` gallery keeps its address).
    pub fn taxonomy_path<'a>(&'a self, taxonomy: &'a str) -> &'a str {
        match taxonomy {
            "tags" => &self.taxonomy_paths[0],
            "themes" => &self.taxonomy_paths[1],
            other => other,
        }
    }

    /// The item with `slug` of the first of `kinds` that has one.
    pub fn by_slug(&self, slug: &str, kinds: &[Kind]) -> Option<usize> {
        let with_slug = self.by_slug.get(slug)?;
        kinds
            .iter()
            .find_map(|kind| with_slug.iter().find(|(k, _)| k == kind).map(|(_, id)| *id))
    }

    /// Lets go of every item's sources ([`Item::release_sources`]) that
    /// nothing else holds (a build cache that still holds an item keeps
    /// it whole).
    pub fn release_sources(&mut self) {
        for item in &mut self.items {
            if let Some(item) = Arc::get_mut(item) {
                item.release_sources();
            }
        }
    }

    /// The full URL path of item `id`, with the base path (`/docs/moments/x/`).
    pub fn url(&self, id: usize) -> String {
        self.urls[id].to_string()
    }

    /// Item `id`'s URL path, borrowed.
    pub fn url_text(&self, id: usize) -> &str {
        &self.urls[id]
    }

    /// Item `id`'s URL followed by `fragment` (`#section`, or empty), to
    /// keep in a reference: without a fragment, the item's one copy.
    pub fn shared_url(&self, id: usize, fragment: &str) -> Arc<str> {
        if fragment.is_empty() {
            Arc::clone(&self.urls[id])
        } else {
            Arc::from(format!("{}{fragment}", self.urls[id]))
        }
    }

    /// The section named `name`.
    pub fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }

    /// What the link or code span at `offset` of item `id`'s body points at,
    /// as the link stage resolved it; `Other` for anything not a reference.
    pub fn body_ref(&self, id: usize, offset: usize) -> Reference {
        let Some(links) = self.links.get(id) else {
            return Reference::Other;
        };
        match links.body.binary_search_by_key(&offset, |r| r.offset) {
            Ok(i) => links.body[i].target.clone(),
            Err(_) => Reference::Other,
        }
    }
}

/// A source path as text with `/` between folders, as sources are looked
/// up (they are kept so already; a path put together with `join` on
/// Windows is not).
fn source_text(source: &Path) -> std::borrow::Cow<'_, str> {
    match source.to_string_lossy() {
        text if text.contains('\\') => text.replace('\\', "/").into(),
        text => text,
    }
}
