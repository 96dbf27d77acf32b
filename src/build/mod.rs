//! The pipeline: load → link → render → write.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use thiserror::Error;

pub mod session;
pub use session::{Change, Outcome, Session, SiteFiles};

use crate::config::Config;
use crate::content;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::library::Library;
use crate::markdown::Rendered;
use crate::output::{self, OutputError};
use crate::site::{self, Theme};
use crate::slides::{self, Workshop};

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The project folder (holding `content/`).
    pub root: PathBuf,
    /// Where the site goes; `ROOT/site` when `None`.
    pub out: Option<PathBuf>,
    /// Overrides `base_url` from lectern.yaml.
    pub base_url: Option<String>,
    /// Include draft items.
    pub drafts: bool,
}

impl BuildOptions {
    /// Options for building `root` with the defaults.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            ..Self::default()
        }
    }

    /// The output folder.
    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.root.join("site"))
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// HTML pages written.
    pub pages: usize,
    /// Items in the library.
    pub items: usize,
    /// Wall time of the whole build.
    pub elapsed: Duration,
    /// Warnings (a successful build has no errors).
    pub warnings: Vec<Diagnostic>,
    /// Where the site was written.
    pub out: PathBuf,
}

/// Why a build failed.
#[derive(Debug, Error)]
pub enum BuildError {
    /// The library has errors; every one of them is listed.
    #[error("build failed: {} error(s)", count_errors(.0))]
    Invalid(Vec<Diagnostic>),
    /// The site could not be written.
    #[error(transparent)]
    Output(#[from] OutputError),
}

fn count_errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.is_error()).count()
}

/// A loaded, linked and rendered library, before anything is written.
pub struct Prepared {
    /// The library graph.
    pub library: Library,
    /// Rendered item bodies, by item id.
    pub bodies: Vec<std::sync::Arc<Rendered>>,
    /// The theme.
    pub theme: Theme,
    /// The workshop's decks, planned.
    pub workshop: Workshop,
    /// Everything reported so far.
    pub diagnostics: Diagnostics,
}

/// Loads, links and renders the bodies of the library at `options.root`,
/// without writing anything. Errors anywhere are collected, not returned
/// early, so the caller sees them all.
pub fn prepare(options: &BuildOptions) -> Result<Prepared, Vec<Diagnostic>> {
    let root = options.root.as_path();
    let mut diagnostics = Diagnostics::new();
    let mut config = match Config::load(root) {
        Ok(config) => config,
        Err(d) => {
            diagnostics.push(d);
            Config::default()
        }
    };
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.clone();
    }
    let theme_name = config.theme.clone();
    let load_timer = crate::timings::stage("load");
    let ((content, load_diagnostics), theme) = rayon::join(
        || content::load(root, options.drafts),
        || Theme::load(root, &theme_name),
    );
    diagnostics.extend(load_diagnostics);
    let theme = match theme {
        Ok(theme) => Some(theme),
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    };
    drop(load_timer);
    // Bodies render while the repeat guard runs: neither needs the other.
    let link_timer = crate::timings::stage("link+bodies");
    let (library, link_diagnostics, bodies) = Library::link_with(content, config, |library| {
        let _t = crate::timings::stage("  bodies");
        site::render_bodies(library, &crate::markdown::Highlighter::new())
    });
    drop(link_timer);
    diagnostics.extend(link_diagnostics);
    let (workshop, slide_warnings) = {
        let _t = crate::timings::stage("slides");
        slides::plan(&library)
    };
    diagnostics.extend(slide_warnings);
    match theme {
        Some(theme) if !diagnostics.has_errors() => Ok(Prepared {
            library,
            bodies,
            theme,
            workshop,
            diagnostics,
        }),
        _ => Err(diagnostics.sorted()),
    }
}

/// Checks the library without writing: every diagnostic a build would print.
pub fn check(options: &BuildOptions) -> Vec<Diagnostic> {
    match prepare(options) {
        Ok(prepared) => prepared.diagnostics.sorted(),
        Err(diagnostics) => diagnostics,
    }
}

/// Builds the site: load, link, render, then write into a temporary folder
/// that replaces the output only on success.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let out = options.out_dir();
    output::check_output_dir(&options.root, &out)?;
    let prepared = prepare(options).map_err(BuildError::Invalid)?;
    let render_timer = crate::timings::stage("render");
    let staging = output::Staging::new(&out)?;
    let p = &prepared;
    let pages =
        site::render_into(&p.library, &p.theme, &p.bodies, &p.workshop, &staging).map_err(|e| {
            match e {
                site::RenderError::Templates(mut errors) => {
                    errors.extend(prepared.diagnostics.as_slice().iter().cloned());
                    BuildError::Invalid(errors)
                }
                site::RenderError::Write(e) => BuildError::Output(e),
            }
        })?;
    drop(render_timer);
    let commit_timer = crate::timings::stage("commit");
    staging.commit()?;
    drop(commit_timer);
    Ok(BuildReport {
        pages,
        items: prepared.library.items.len(),
        elapsed: started.elapsed(),
        warnings: prepared.diagnostics.sorted(),
        out,
    })
}
