//! Site rendering: the library becomes a set of output files.
//!
//! Stage three of the pipeline (load → link → **render** → write). Item
//! bodies are rendered from markdown in parallel; then [`Plan`] lists every
//! output of the site once (path, what makes it, sitemap entry), and
//! [`run`] renders the plan into a sink, reusing unchanged pages when given
//! the previous run's cache.

mod body;
mod clashes;
pub mod context;
mod decks;
mod feeds;
pub mod graph;
mod graph_page;
mod item_page;
pub mod library_views;
mod lists;
mod pages;
pub mod plan;
mod planner;
mod redirect;
mod run;
pub mod share;
mod singles;
mod term_pages;
pub mod theme;
pub mod values;

use std::sync::Arc;

use rayon::prelude::*;

pub use clashes::clashes;
pub use graph_page::{graph_page, GraphPage};
pub use lists::{list_plan, ListPage, ListValues};
pub use pages::{lone_item_page, PageJob, PageValues};
pub use plan::{Output, Plan, SitemapEntry, Source};
pub use planner::Planner;
pub use run::{run, OutputCache, RunReport};
pub use singles::Single;
pub use theme::Theme;
pub use values::Values;

use crate::library::Library;
use crate::markdown::{Highlighter, MarkdownOptions, Rendered};

/// Renders the markdown body of every item, in parallel. References are
/// looked up as the link stage resolved them.
pub fn render_bodies(library: &Library, highlighter: &Highlighter) -> Vec<Arc<Rendered>> {
    render_some_bodies(library, 0..library.items.len(), highlighter)
}

/// Renders the bodies of the items `ids`, in parallel. The highlighter is
/// passed in so its syntax definitions load once per process.
pub fn render_some_bodies(
    library: &Library,
    ids: impl IntoParallelIterator<Item = usize>,
    highlighter: &Highlighter,
) -> Vec<Arc<Rendered>> {
    let options = MarkdownOptions::for_pages(&library.config);
    ids.into_par_iter()
        .map(|id| Arc::new(render_body(library, id, highlighter, options)))
        .collect()
}

pub use body::render_body;

pub use crate::content::encode_path;

/// The absolute URL of a site path, when the base URL names a host.
pub fn absolute_url(library: &Library, path: &str) -> String {
    format!("{}{}", library.config.origin(), encode_path(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_paths() {
        assert_eq!(
            encode_path("/moments/привет/"),
            "/moments/%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82/"
        );
        assert_eq!(encode_path("/a b/"), "/a%20b/");
    }
}
