//! Two outputs of the plan at one path: a section or item whose URL is one
//! of Lectern's own pages (`/tags/`, `/search/`, `/graph/`…), or two items
//! at one URL. Each is an error naming both, never a silent replacement.

use std::path::PathBuf;

use rustc_hash::FxHashMap as HashMap;

use super::lists::ListKind;
use super::plan::{Output, Plan, Source};
use super::singles::Single;
use crate::diagnostics::Diagnostic;

/// What made an output, and the file or folder to point the writer at.
struct Maker {
    what: String,
    file: Option<PathBuf>,
    built_in: bool,
}

fn maker(plan: &Plan, output: &Output) -> Maker {
    let library = plan.planner.library;
    let built_in = |name: &str| Maker {
        what: format!("Lectern's built-in {name}"),
        file: None,
        built_in: true,
    };
    match &output.source {
        Source::Item(id) => Maker {
            what: format!("the page of {}", library.items[*id].source.display()),
            file: Some(library.items[*id].source.clone()),
            built_in: false,
        },
        Source::Redirect(id) => Maker {
            what: format!(
                "the redirect from an `aliases:` entry of {}",
                library.items[*id].source.display()
            ),
            file: Some(library.items[*id].source.clone()),
            built_in: false,
        },
        Source::List(index) => match &plan.lists[*index].kind {
            ListKind::Section(s) => {
                let section = &library.sections[*s];
                Maker {
                    what: format!("the list of the section `{}`", section.name),
                    file: Some(
                        section
                            .source
                            .clone()
                            .unwrap_or_else(|| PathBuf::from("content").join(&section.name)),
                    ),
                    built_in: false,
                }
            }
            ListKind::Term { taxonomy, name, .. } => {
                built_in(&format!("page of the {taxonomy} `{name}`"))
            }
        },
        Source::Single(Single::Taxonomy(i)) => {
            built_in(&format!("index of {}", plan.planner.taxonomies[*i].0))
        }
        Source::Single(single) => built_in(match single {
            Single::Home => "home page",
            Single::Published => "published page",
            Single::Search => "search page",
            Single::Desk => "writer's desk",
            Single::NotFound | Single::Taxonomy(_) => "not-found page",
        }),
        Source::Page(_) => built_in("workshop page"),
        Source::Graph => built_in("graph page"),
        Source::File(_) => built_in("static file"),
        Source::Feed => built_in("feed"),
        Source::PublishedJson => built_in("published.json"),
        Source::Sitemap => built_in("sitemap"),
        Source::SearchIndex => built_in("search index"),
        Source::Card(Some(id)) => Maker {
            what: format!("the social card of {}", library.items[*id].source.display()),
            file: Some(library.items[*id].source.clone()),
            built_in: false,
        },
        Source::Card(None) => built_in("social card of the site"),
    }
}

/// An error for every path the plan has more than one output at.
pub fn clashes(plan: &Plan) -> Vec<Diagnostic> {
    let mut first_at: HashMap<&str, usize> =
        HashMap::with_capacity_and_hasher(plan.outputs.len(), Default::default());
    let mut problems = Vec::new();
    for (index, output) in plan.outputs.iter().enumerate() {
        let Some(&earlier) = first_at.get(output.path.as_str()) else {
            first_at.insert(&output.path, index);
            continue;
        };
        let (a, b) = (maker(plan, &plan.outputs[earlier]), maker(plan, output));
        // Point at the writer's file: the one that is not Lectern's own.
        let (mine, other) = if a.built_in { (b, a) } else { (a, b) };
        let url = plan.planner.url_of(&output.path);
        let help = if other.built_in {
            "rename the folder or give the page another `slug:`; Lectern's own pages keep their URLs"
        } else {
            "give one of them another `slug:`, or rename one of the files"
        };
        let at = mine.file.unwrap_or_else(|| PathBuf::from(&output.path));
        problems.push(
            Diagnostic::error(
                at,
                format!("`{url}` would be both {} and {}", mine.what, other.what),
            )
            .with_help(help),
        );
    }
    problems
}
