//! The library graph: items with their URLs and indexes, the references
//! between them (front matter paths, backtick slugs, markdown links),
//! backlinks, computed related items, the don't-repeat list of published
//! work, and the repeat guard.
//!
//! Stage two of the pipeline (load → **link** → render → write). It is built
//! once from the loaded [`Content`] and then only read, so rendering can
//! share it across threads. Every reference is resolved here, once; the
//! renderer looks the answers up instead of resolving again.

mod addresses;
mod dont_repeat;
mod figures;
mod memo;
mod platforms;
mod references;
mod resolved;
mod same_themes;
pub mod similarity;
mod stems;
mod targets;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

pub use references::{
    has_scheme, is_template, is_unsafe_url, normalise_reference_path, resolve_written, ImageInfo,
    Reference,
};

use crate::config::Config;
use crate::content::published::PublishedEntry;
use crate::content::scan::RawRefKind;
use crate::content::{Asset, Content, Item, Kind, Section};
use crate::diagnostics::Diagnostics;
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
    by_source: rustc_hash::FxHashMap<Box<str>, usize>,
    /// Items by slug, each slug with the kinds that use it: looked up by
    /// the slug as written, for every backtick slug of every body.
    by_slug: rustc_hash::FxHashMap<String, Vec<(Kind, usize)>>,
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
    /// Builds the graph from the loaded content, reporting references that
    /// do not resolve and new angles that repeat published work.
    pub fn link(content: Content, config: Config) -> (Library, Diagnostics) {
        let (library, diagnostics, ()) =
            Self::link_with(content, config, &mut LinkMemo::default(), |_| ());
        (library, diagnostics)
    }

    /// Like [`Library::link`], running `alongside` on the linked library
    /// while the repeat guard compares new angles with published work (the
    /// guard only reports; nothing else waits for it). The library-wide
    /// passes reuse `memo`'s results when what they read is unchanged, and
    /// leave this run's in it.
    pub fn link_with<R: Send>(
        content: Content,
        config: Config,
        memo: &mut LinkMemo,
        alongside: impl FnOnce(&Library) -> R + Send,
    ) -> (Library, Diagnostics, R) {
        let Content {
            items,
            drafts,
            sections,
            home,
            assets,
            figure_rows,
        } = content;
        let paths: Vec<String> = items.par_iter().map(|i| item_path(i)).collect();
        let base_path = config.base_path();
        // The lookup tables do not depend on one another; the name table
        // (in `indexes`) is the largest.
        let ((by_name, asset_by_name, by_url), (by_source, by_slug, asset_paths, urls)) =
            rayon::join(
                || targets::indexes(&items, &paths, &assets),
                || {
                    (
                        source_index(&items),
                        slug_index(&items),
                        addresses::asset_paths(&items, &paths, &assets),
                        paths
                            .iter()
                            .map(|path| Arc::from(format!("{base_path}{path}")))
                            .collect::<Vec<Arc<str>>>(),
                    )
                },
            );
        let taxonomy_paths = ["tags", "themes"].map(|name| {
            if sections.iter().any(|s| s.name == name) {
                format!("lectern/{name}")
            } else {
                name.to_string()
            }
        });
        let mut library = Library {
            urls,
            assets,
            asset_paths,
            by_name,
            asset_by_name,
            by_url,
            base_path,
            config,
            items,
            sections,
            home,
            paths,
            links: Vec::new(),
            published: Vec::new(),
            missing: Vec::new(),
            repeats: Vec::new(),
            redirects: Vec::new(),
            taxonomy_paths,
            by_source,
            by_slug,
        };
        let mut diagnostics = Diagnostics::new();
        let (redirects, redirect_problems) = addresses::redirects(&library.items, &library.paths);
        library.redirects = redirects;
        diagnostics.extend(redirect_problems);

        // References, computed related items and the published list do
        // not depend on each other: work them out side by side.
        let resolve_timer = crate::timings::stage("  references");
        let (related_memo, repeats_memo, targets_memo) = memo.split();
        let ((resolved, related), published) = rayon::join(
            || {
                rayon::join(
                    || resolved::resolve_all(&library, targets_memo),
                    || {
                        same_themes::computed_related(
                            &library.items,
                            library.config.library.related_items + 8,
                            related_memo,
                        )
                    },
                )
            },
            || dont_repeat::collect_published(&library, &figure_rows),
        );
        let mut links = Vec::with_capacity(resolved.len());
        for ((mut item_links, problems), dont_repeat) in resolved.into_iter().zip(published.lists) {
            diagnostics.extend(problems);
            item_links.dont_repeat = dont_repeat;
            links.push(item_links);
        }
        add_backlinks(&mut links);
        drop(resolve_timer);
        for (id, ranked) in related.iter().enumerate() {
            let shown: Vec<usize> = links[id]
                .explicit
                .iter()
                .filter_map(|r| match r.target {
                    Target::Item { id } => Some(id),
                    _ => None,
                })
                .collect();
            links[id].same_themes = ranked
                .iter()
                .copied()
                .filter(|(other, _)| !shown.contains(other))
                .take(library.config.library.related_items)
                .collect();
        }
        library.missing = collect_missing(&links);
        library.links = links;
        library.published = published.pieces;
        diagnostics.extend(published.problems);
        let (repeats, alongside) = rayon::join(
            || {
                let _t = crate::timings::stage("  guard");
                dont_repeat::find_repeated(&library, &drafts, repeats_memo)
            },
            || alongside(&library),
        );
        diagnostics.extend(dont_repeat::repeat_warnings(&library, &drafts, &repeats));
        library.repeats = repeats;
        (library, diagnostics, alongside)
    }

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
        Reference::File {
            index,
            url: url.into(),
            image: image.map(Box::new),
        }
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

/// The URL path of an item relative to the site root.
fn item_path(item: &Item) -> String {
    if item.section.is_empty() {
        format!("{}/", item.slug)
    } else {
        format!("{}/{}/", item.section, item.url_name())
    }
}

/// Each item by its file.
fn source_index(items: &[Arc<Item>]) -> rustc_hash::FxHashMap<Box<str>, usize> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| (source_text(&item.source).into(), i))
        .collect()
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

/// Each slug's items, one per kind: the last item of a kind with a slug
/// answers for it.
fn slug_index(items: &[Arc<Item>]) -> rustc_hash::FxHashMap<String, Vec<(Kind, usize)>> {
    let mut by_slug: rustc_hash::FxHashMap<String, Vec<(Kind, usize)>> =
        rustc_hash::FxHashMap::default();
    for (i, item) in items.iter().enumerate() {
        let kinds = by_slug.entry(item.slug.clone()).or_default();
        match kinds.iter_mut().find(|(kind, _)| *kind == item.kind) {
            Some(entry) => entry.1 = i,
            None => kinds.push((item.kind, i)),
        }
    }
    by_slug
}

fn add_backlinks(links: &mut [ItemLinks]) {
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); links.len()];
    for (from, item_links) in links.iter().enumerate() {
        let explicit = item_links.explicit.iter().filter_map(|r| match r.target {
            Target::Item { id } => Some(id),
            _ => None,
        });
        let body = item_links.body.iter().filter_map(|r| match r.target {
            Reference::Item { id, .. } => Some(id),
            _ => None,
        });
        for to in explicit.chain(body) {
            if to != from && incoming[to].last() != Some(&from) {
                incoming[to].push(from);
            }
        }
    }
    for (item_links, mut from) in links.iter_mut().zip(incoming) {
        from.sort_unstable();
        from.dedup();
        item_links.backlinks = from;
    }
}

fn collect_missing(links: &[ItemLinks]) -> Vec<Missing> {
    let mut missing: BTreeMap<(bool, String), Vec<usize>> = BTreeMap::new();
    for (id, item_links) in links.iter().enumerate() {
        for r in &item_links.explicit {
            if r.target == Target::Missing {
                let is_slug = crate::content::scan::is_slug_shaped(&r.written);
                missing
                    .entry((!is_slug, r.written.clone()))
                    .or_default()
                    .push(id);
            }
        }
        for r in &item_links.body {
            if r.target == Reference::Missing {
                let is_slug = r.kind == RawRefKind::CodeSpan;
                missing
                    .entry((!is_slug, r.written.to_string()))
                    .or_default()
                    .push(id);
            }
        }
    }
    missing
        .into_iter()
        .map(|((is_path, written), mut cited_by)| {
            cited_by.sort_unstable();
            cited_by.dedup();
            Missing {
                written,
                is_slug: !is_path,
                cited_by,
            }
        })
        .collect()
}
