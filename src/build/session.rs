//! The live preview's build: the same pipeline as `lectern build`, run
//! into memory with caches.
//!
//! A session is not a second pipeline. Every rebuild runs
//! [`super::execute`] on the project as it is on disk, into a
//! [`MemorySink`]; what makes it fast are its caches, each keyed by what
//! its results depend on (a file's bytes, a body's markdown and references,
//! a page's template values). So after any sequence of edits the site in
//! memory is the site `build` would write. A failed rebuild keeps the last
//! good site and reports why.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{execute, BuildError, BuildOptions, Caches, Prepared};
use crate::content;
use crate::diagnostics::Diagnostic;
use crate::library::Reference;
use crate::markdown::{self, Highlighter, MarkdownOptions, RefQuery};
use crate::output::{Contents, MemorySink, SiteFiles};
use crate::site;

/// What changed on disk, as the watcher saw it. Every change rebuilds
/// through the same pipeline; the kind only says what the quick preview
/// can show first and how to describe the rebuild.
#[derive(Debug, Clone)]
pub enum Change {
    /// Files or folders under `content/` (absolute paths).
    Content(Vec<PathBuf>),
    /// Static files only: stylesheets and assets of the theme or `static/`.
    Statics,
    /// Templates, settings, or folders that came or went.
    Everything,
}

/// What a build or rebuild did.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Whether the site was updated (false: errors; the last good site stays).
    pub ok: bool,
    /// Site paths whose contents changed, appeared or disappeared.
    pub changed: Vec<String>,
    /// Errors and warnings of the build.
    pub diagnostics: Vec<Diagnostic>,
    /// Pages rendered by this build (pages reused from the cache aside).
    pub pages_rendered: usize,
    /// Wall time.
    pub elapsed: Duration,
}

/// A live build of one project.
pub struct Session {
    options: BuildOptions,
    caches: Caches,
    site: Arc<SiteFiles>,
    /// The last good run's library and theme, for quick previews.
    last: Option<Prepared>,
}

impl Session {
    /// Builds the whole site of the project in memory.
    pub fn start(options: BuildOptions) -> (Session, Outcome) {
        let mut session = Session {
            options,
            caches: Caches::default(),
            site: Arc::new(SiteFiles::new()),
            last: None,
        };
        let outcome = session.rebuild();
        (session, outcome)
    }

    /// The current site (the last good build).
    pub fn site(&self) -> Arc<SiteFiles> {
        Arc::clone(&self.site)
    }

    /// The project folder.
    pub fn root(&self) -> &Path {
        &self.options.root
    }

    /// Brings the site up to date after `change` (whatever it was: the
    /// rebuild looks at the project itself).
    pub fn apply(&mut self, _change: Change) -> Outcome {
        self.rebuild()
    }

    /// Runs the pipeline on the project as it is now, reusing what did not
    /// change.
    pub fn rebuild(&mut self) -> Outcome {
        let started = Instant::now();
        let sink = MemorySink::new();
        match execute(&self.options, &sink, Some(&mut self.caches)) {
            Ok((prepared, report)) => {
                let site = sink.into_files();
                let changed = changed_paths(&self.site, &site);
                self.site = Arc::new(site);
                let diagnostics = prepared.diagnostics.clone().sorted();
                self.last = Some(prepared);
                Outcome {
                    ok: true,
                    changed,
                    diagnostics,
                    pages_rendered: report.rendered,
                    elapsed: started.elapsed(),
                }
            }
            Err(e) => Outcome {
                ok: false,
                changed: Vec::new(),
                diagnostics: match e {
                    BuildError::Invalid(diagnostics) => diagnostics,
                    BuildError::Output(e) => vec![Diagnostic::error("site", e.to_string())],
                },
                pages_rendered: 0,
                elapsed: started.elapsed(),
            },
        }
    }

    /// Renders the pages of edited items at once, against the last build's
    /// library graph, and serves them: the page the writer is looking at
    /// changes before the rest of the site is rebuilt (the rebuild that
    /// always follows makes the whole site exact). Only for edits of
    /// existing items that keep their URL and load without errors; `None`
    /// otherwise.
    pub fn quick_preview(&mut self, change: &Change) -> Option<Outcome> {
        let started = Instant::now();
        let Change::Content(paths) = change else {
            return None;
        };
        let last = self.last.as_ref()?;
        let library = &last.library;
        let root = &self.options.root;
        let mut site_files: Option<SiteFiles> = None;
        let mut changed = Vec::new();
        for path in paths {
            if !content::is_content_file(path) || !path.is_file() {
                continue;
            }
            let load = content::load_one(root, path);
            if load.diagnostics.iter().any(Diagnostic::is_error) {
                return None;
            }
            let item = load.item?;
            let id = library.by_source(&item.source)?;
            let old = &library.items[id];
            if old.slug != item.slug
                || old.section != item.section
                || old.is_draft() != item.is_draft()
            {
                return None;
            }
            let links = library.links_if_edited(id, &item);
            let options = MarkdownOptions::for_pages(&library.config);
            let resolve =
                |q: RefQuery| match links.body.binary_search_by_key(&q.offset, |r| r.offset) {
                    Ok(i) => links.body[i].target.clone(),
                    Err(_) => Reference::Other,
                };
            let body = markdown::render(&item.body, &resolve, Highlighter::shared(), options);
            let file = site::lone_item_page(library, id, &item, &links, &body)
                .render(&last.theme)
                .ok()?;
            if !self
                .site
                .get(&file.path)
                .is_some_and(|old| same_contents(old, &file.contents))
            {
                changed.push(file.path.clone());
            }
            site_files
                .get_or_insert_with(|| (*self.site).clone())
                .insert(file.path, Arc::new(file.contents));
        }
        let site_files = site_files?;
        if changed.is_empty() {
            return None;
        }
        self.site = Arc::new(site_files);
        Some(Outcome {
            ok: true,
            changed,
            diagnostics: Vec::new(),
            pages_rendered: 1,
            elapsed: started.elapsed(),
        })
    }
}

/// Paths whose contents differ between two sites, or that only one has.
fn changed_paths(old: &SiteFiles, new: &SiteFiles) -> Vec<String> {
    let mut changed: Vec<String> = new
        .iter()
        .filter(|(path, contents)| {
            old.get(*path).is_none_or(|before| {
                !Arc::ptr_eq(before, contents) && !same_contents(before, contents)
            })
        })
        .map(|(path, _)| path.clone())
        .chain(old.keys().filter(|p| !new.contains_key(*p)).cloned())
        .collect();
    changed.sort();
    changed
}

fn same_contents(a: &Contents, b: &Contents) -> bool {
    match (a.read(), b.read()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
