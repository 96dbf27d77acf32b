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

use std::sync::atomic::AtomicBool;

use super::{execute_until, BuildError, BuildOptions, Caches, Prepared};
use crate::diagnostics::Diagnostic;
use crate::output::{Contents, MemorySink, SiteFiles};

/// What changed on disk, as the watcher saw it. Every change rebuilds
/// through the same pipeline ([`Session::rebuild`]); the kind only says what the quick preview
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
    /// Whether the rebuild was stopped because the files changed again
    /// (nothing was updated; another rebuild follows).
    pub stopped: bool,
    /// Wall time.
    pub elapsed: Duration,
}

/// A live build of one project.
pub struct Session {
    options: BuildOptions,
    caches: Caches,
    site: Arc<SiteFiles>,
    /// The last good run's library and theme, for quick previews.
    last: Option<Arc<Prepared>>,
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

    /// Runs the pipeline on the project as it is now, reusing what did not
    /// change.
    pub fn rebuild(&mut self) -> Outcome {
        self.rebuild_until(&AtomicBool::new(false))
    }

    /// Like [`Session::rebuild`], giving up (and keeping the current site)
    /// as soon as `stop` is set: the files changed again, and the rebuild
    /// that follows will include this one's work.
    pub fn rebuild_until(&mut self, stop: &AtomicBool) -> Outcome {
        let started = Instant::now();
        let sink = MemorySink::new();
        match execute_until(
            &self.options,
            &sink,
            Some(&mut self.caches),
            stop,
            None,
            &mut |_, _| {},
        ) {
            Ok((prepared, report)) => {
                let site = sink.into_files();
                let changed = changed_paths(&self.site, &site);
                self.site = Arc::new(site);
                let diagnostics = prepared.diagnostics.clone().sorted();
                self.last = Some(Arc::new(prepared));
                Outcome {
                    ok: true,
                    changed,
                    diagnostics,
                    pages_rendered: report.rendered,
                    stopped: false,
                    elapsed: started.elapsed(),
                }
            }
            Err(BuildError::Stopped) => Outcome {
                stopped: true,
                elapsed: started.elapsed(),
                ..Outcome::default()
            },
            Err(BuildError::Invalid(diagnostics)) => failed(diagnostics, started),
            Err(BuildError::Output(e)) => {
                failed(vec![Diagnostic::error("site", e.to_string())], started)
            }
        }
    }

    /// The last good run's library and theme, for quick previews.
    pub fn last_good(&self) -> Option<Arc<Prepared>> {
        self.last.clone()
    }
}

/// A rebuild that failed: the last good site stays.
fn failed(diagnostics: Vec<Diagnostic>, started: Instant) -> Outcome {
    Outcome {
        diagnostics,
        elapsed: started.elapsed(),
        ..Outcome::default()
    }
}

/// Paths whose contents differ between two sites, or that only one has.
pub fn changed_paths(old: &SiteFiles, new: &SiteFiles) -> Vec<String> {
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

pub(super) fn same_contents(a: &Contents, b: &Contents) -> bool {
    match (a.read(), b.read()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
