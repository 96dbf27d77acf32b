//! The library graph's page: the drawing, who references what, and the
//! missing moments.

use serde::Serialize;

use super::pages::{PageJob, PageValues};
use super::planner::Planner;

/// An item citing another, on the graph page.
#[derive(Serialize)]
struct Citer<'a> {
    title: &'a str,
    url: String,
}

/// A reference to something not in the library, and who makes it.
#[derive(Serialize)]
struct MissingView<'a> {
    written: &'a str,
    is_slug: bool,
    cited_by: Vec<Citer<'a>>,
}

/// An item that others cite, and who cites it.
#[derive(Serialize)]
struct CitedView<'a> {
    title: &'a str,
    url: String,
    kind: &'static str,
    cited_by: Vec<Citer<'a>>,
}

/// The library web and the missing moments: the page's values, with the
/// drawing left to be made only when the page is rendered.
pub struct GraphPage<'a> {
    library: &'a crate::library::Library,
    plan: super::graph::GraphPlan<'a>,
    /// The page, all but the drawing.
    job: PageJob,
}

impl PageValues for GraphPage<'_> {
    fn path(&self) -> String {
        self.job.path.clone()
    }

    fn fingerprint(&self, theme: u128) -> u128 {
        let mut hasher = super::values::page_hasher(theme, self.job.template);
        self.job.context.feed_into(&mut hasher);
        self.plan.feed(self.library, &mut hasher);
        hasher.finish()
    }

    fn into_job(mut self) -> Result<PageJob, crate::diagnostics::Diagnostic> {
        let graph = self.plan.draw(self.library);
        self.job.context.insert("graph", &graph);
        Ok(self.job)
    }
}

/// The library web and the missing moments.
pub fn graph_page<'a>(planner: &Planner<'a>) -> GraphPage<'a> {
    let library = planner.library;
    let citers = |ids: &[usize]| -> Vec<Citer> {
        ids.iter()
            .map(|&id| Citer {
                title: &library.items[id].title,
                url: library.url(id),
            })
            .collect()
    };
    let plan = super::graph::plan(library);
    let missing: Vec<MissingView> = library
        .missing
        .iter()
        .map(|m| MissingView {
            written: &m.written,
            is_slug: m.is_slug,
            cited_by: citers(&m.cited_by),
        })
        .collect();
    // "Who references what" is the drawing's text: when a large library
    // is drawn in part, it lists the links drawn (all of them would make a
    // page of megabytes), and each item's page has its own full list.
    let drawn = |id: &usize| plan.drawn[*id];
    let linked: Vec<CitedView> = (0..library.items.len())
        .filter(drawn)
        .filter_map(|id| {
            let by: Vec<usize> = library.links[id]
                .backlinks
                .iter()
                .copied()
                .filter(drawn)
                .collect();
            (!by.is_empty()).then(|| CitedView {
                title: &library.items[id].title,
                url: library.url(id),
                kind: library.items[id].kind.label(),
                cited_by: citers(&by),
            })
        })
        .collect();
    let mut context = planner.context();
    context.insert("missing", &missing);
    context.insert("linked", &linked);
    GraphPage {
        library,
        job: planner.job("graph/index.html".into(), "graph.html", context, None),
        plan,
    }
}
