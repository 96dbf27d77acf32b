//! The library graph: items with their URLs, and the indexes that let any
//! stage find an item by source path or by slug.
//!
//! Stage two of the pipeline (load → **link** → render → write). It is built
//! once from the loaded [`Content`] and then only read, so rendering can
//! share it across threads.

mod references;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use references::{is_unsafe_url, normalise_reference_path, Reference};

use crate::config::Config;
use crate::content::{Content, Item, Kind, Section};
use crate::diagnostics::Diagnostics;

/// Every item of the site, with URLs and lookup indexes.
#[derive(Debug)]
pub struct Library {
    /// Site settings.
    pub config: Config,
    /// Items, in source-path order; an item's index is its id.
    pub items: Vec<Item>,
    /// Sections, by name.
    pub sections: Vec<Section>,
    /// The home page's own text, from `content/_index.md`.
    pub home: Option<Section>,
    /// Each item's URL path relative to the site root (`moments/x/`).
    pub paths: Vec<String>,
    by_source: HashMap<PathBuf, usize>,
    by_slug: HashMap<(Kind, String), usize>,
}

impl Library {
    /// Indexes the loaded content. Linking problems (none yet in this stage
    /// beyond what loading found) come back as diagnostics.
    pub fn link(content: Content, config: Config) -> (Library, Diagnostics) {
        let Content {
            items,
            sections,
            home,
        } = content;
        let paths: Vec<String> = items.iter().map(item_path).collect();
        let by_source = items
            .iter()
            .enumerate()
            .map(|(i, item)| (item.source.clone(), i))
            .collect();
        let by_slug = items
            .iter()
            .enumerate()
            .map(|(i, item)| ((item.kind, item.slug.clone()), i))
            .collect();
        let library = Library {
            config,
            items,
            sections,
            home,
            paths,
            by_source,
            by_slug,
        };
        (library, Diagnostics::new())
    }

    /// The item whose file is `source` (relative to the project root).
    pub fn by_source(&self, source: &Path) -> Option<usize> {
        self.by_source.get(source).copied()
    }

    /// The item of `kind` with `slug`.
    pub fn by_slug(&self, kind: Kind, slug: &str) -> Option<usize> {
        self.by_slug.get(&(kind, slug.to_string())).copied()
    }

    /// The full URL path of item `id`, with the base path (`/docs/moments/x/`).
    pub fn url(&self, id: usize) -> String {
        format!("{}{}", self.config.base_path(), self.paths[id])
    }

    /// The section named `name`.
    pub fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }

    /// Resolves a markdown link written in item `from` to the item it points at.
    pub fn resolve_link(&self, from: usize, destination: &str) -> Reference {
        references::resolve_link(self, &self.items[from].source, destination)
    }
}

/// The URL path of an item relative to the site root.
fn item_path(item: &Item) -> String {
    if item.section.is_empty() {
        format!("{}/", item.slug)
    } else {
        format!("{}/{}/", item.section, item.slug)
    }
}
