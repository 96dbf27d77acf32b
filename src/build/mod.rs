//! The pipeline: load → link → render → write, one way for every command.
//!
//! [`execute`] prepares the library (load, link, bodies, decks), plans
//! every output ([`site::Plan`]) and runs the plan into a sink. `build`
//! gives it the atomic staging folder, `check` a sink that keeps nothing,
//! and the live preview's [`Session`] memory and its caches. So `check`
//! reports exactly what `build` reports, and the preview is what `build`
//! writes.

mod body_shelf;
mod cache;
mod prepare;
mod quick;
pub mod session;
mod shards;
mod stamp;
mod store;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use thiserror::Error;

pub use body_shelf::BodyShelf;
pub use cache::{Caches, InputCache};
pub use prepare::{prepare, Prepared};
pub use quick::quick_preview;
pub use session::{changed_paths, Change, Outcome, Session};

use crate::diagnostics::Diagnostic;
use crate::output::{self, NullSink, OutputError, Sink};
use crate::site::{self, Plan, RunReport};

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
    /// A live preview for the writer: the site has the writer's desk at
    /// `/desk/` even when `desk:` does not publish it (nothing else differs).
    pub preview: bool,
    /// Build from scratch: neither read nor write the build cache in
    /// `.lectern-cache/` (the live preview never uses it).
    pub no_cache: bool,
}

impl BuildOptions {
    /// Whether the site has the writer's desk: published by `config`, or
    /// a live preview's.
    pub fn has_desk(&self, config: &crate::config::Config) -> bool {
        self.preview || config.desk
    }

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
    /// Stopped before the end because the files changed again (the live
    /// preview then starts over).
    #[error("stopped: the files changed again")]
    Stopped,
}

fn count_errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.is_error()).count()
}

/// One run of the whole pipeline into `sink`. With `caches` (a live
/// session's), unchanged files, bodies and pages are reused and the caches
/// are updated for the next run. Every error of the run comes back at once;
/// on success, the prepared library (for a quick preview of the next edit)
/// and what the run did.
pub fn execute(
    options: &BuildOptions,
    sink: &dyn Sink,
    caches: Option<&mut Caches>,
) -> Result<(Prepared, RunReport), BuildError> {
    execute_until(
        options,
        sink,
        caches,
        &AtomicBool::new(false),
        None,
        &mut |_, _| {},
    )
}

/// What a run does with the prepared library (and its input cache) before
/// it plans the outputs: a build that writes once keeps the file loads and
/// lets go of the texts nothing after reads.
pub type AfterPrepare<'a> = dyn FnMut(&mut Prepared, Option<&mut InputCache>) + 'a;

/// Like [`execute`], stopping early with [`BuildError::Stopped`] once
/// `stop` is set (checked between stages and before each output), keeping
/// the bodies on `shelf` as they are rendered (with `caches`), and
/// calling `after_prepare` once the library is prepared.
pub fn execute_until(
    options: &BuildOptions,
    sink: &dyn Sink,
    caches: Option<&mut Caches>,
    stop: &AtomicBool,
    shelf: Option<&BodyShelf>,
    after_prepare: &mut AfterPrepare,
) -> Result<(Prepared, RunReport), BuildError> {
    let stopped = || stop.load(Ordering::Relaxed);
    let (mut inputs, mut outputs) = match caches {
        Some(caches) => (Some(&mut caches.inputs), Some(&mut caches.outputs)),
        None => (None, None),
    };
    let mut prepared =
        prepare(options, inputs.as_deref_mut(), shelf).map_err(BuildError::Invalid)?;
    after_prepare(&mut prepared, inputs);
    if stopped() {
        return Err(BuildError::Stopped);
    }
    let plan_timer = crate::timings::stage("plan");
    let mut plan = Plan::new(
        &prepared.library,
        &prepared.bodies,
        &prepared.theme,
        &prepared.workshop,
        &options.root.join(".lectern-cache"),
        options.has_desk(&prepared.library.config),
    );
    if let Some(outputs) = outputs.as_deref_mut() {
        plan.planner.reuse_cards(outputs.take_cards());
    }
    let clashes = site::clashes(&plan);
    if !clashes.is_empty() {
        let mut all = clashes;
        all.extend(prepared.diagnostics.as_slice().iter().cloned());
        return Err(BuildError::Invalid(all));
    }
    drop(plan_timer);
    let mut report = site::run(&plan, &prepared.theme, sink, outputs.as_deref_mut(), stop)?;
    crate::timings::note(|| format!("{} of {} pages rendered", report.rendered, report.pages));
    drop(plan);
    if stopped() {
        // What was made is keyed by what it was made from, so it stays
        // good for the next run.
        if let (Some(outputs), Some(next)) = (outputs, report.cache.take()) {
            outputs.absorb(next);
        }
        return Err(BuildError::Stopped);
    }
    if !report.errors.is_empty() {
        let mut all = std::mem::take(&mut report.errors);
        all.extend(prepared.diagnostics.as_slice().iter().cloned());
        return Err(BuildError::Invalid(all));
    }
    if let (Some(outputs), Some(next)) = (outputs, report.cache.take()) {
        *outputs = next;
    }
    Ok((prepared, report))
}

/// Checks the library without writing: renders everything into a sink that
/// keeps nothing, and returns every diagnostic a build would print.
pub fn check(options: &BuildOptions) -> Vec<Diagnostic> {
    match execute(options, &NullSink, None) {
        Ok((prepared, _)) => prepared.diagnostics.sorted(),
        Err(BuildError::Invalid(diagnostics)) => diagnostics,
        Err(BuildError::Output(e)) => vec![Diagnostic::error("site", e.to_string())],
        Err(BuildError::Stopped) => Vec::new(),
    }
}

/// The writer's desk of the library at `options.root`: loaded and linked
/// (nothing rendered), with the warnings found on the way; every error
/// when the library cannot be loaded.
pub fn desk(
    options: &BuildOptions,
) -> Result<(crate::desk::Desk, Vec<Diagnostic>), Vec<Diagnostic>> {
    let root = options.root.as_path();
    let mut diagnostics = crate::diagnostics::Diagnostics::new();
    let config = match crate::config::Config::load(root) {
        Ok((config, _)) => config,
        Err(d) => return Err(vec![d]),
    };
    let (content, load_problems) = crate::content::load(root, options.drafts);
    diagnostics.extend(load_problems);
    let (library, link_problems) = crate::library::Library::link(content, config);
    diagnostics.extend(link_problems);
    if diagnostics.has_errors() {
        return Err(diagnostics.sorted());
    }
    let desk = crate::desk::gather(&library, crate::desk::today());
    Ok((desk, diagnostics.sorted()))
}

/// Builds the site: load, link, render, then write into a temporary folder
/// that replaces the output only on success.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let out = options.out_dir();
    let staging_timer = crate::timings::stage("staging");
    output::check_output_dir(&options.root, &out)?;
    let staging = output::Staging::new(&out)?;
    let mut store = (!options.no_cache).then(|| store::Store::open(options));
    drop(staging_timer);
    let mut caches = store.as_mut().map(|store| store.read(staging.previous()));
    let staging = match store.as_mut() {
        Some(store) => {
            let (written_before, files_before) = store.take_site_record();
            staging.knowing(written_before, files_before)
        }
        None => staging,
    };
    // A build that writes once keeps each shard of bodies as soon as it is
    // rendered, and reads each body from the cache's file from then on
    // (see `BodyShelf`); it keeps the file loads as soon as the bodies
    // are rendered, then lets go of the texts only loading, linking and
    // rendering read (see `Item::release_sources`), instead of holding
    // them through the outputs to keep them at the end. The writer's desk
    // reads the markdown while it is made: a site that has one keeps it.
    let shelf = store.as_ref().map(store::Store::body_shelf);
    let mut keep_early = |prepared: &mut Prepared, inputs: Option<&mut InputCache>| {
        if let (Some(store), Some(shelf)) = (store.as_mut(), &shelf) {
            store.bodies_shelved(shelf);
        }
        if options.has_desk(&prepared.library.config) {
            return;
        }
        let nothing_else_needs_them = match (store.as_mut(), inputs) {
            // Should the loads not be kept now, the end of the build tries
            // again and says why.
            (Some(store), Some(inputs)) => {
                let kept = store.write_loads(inputs).is_ok();
                if kept {
                    inputs.forget_loads();
                }
                kept
            }
            // Without a cache (`--no-cache`) nothing keeps them.
            (None, None) => true,
            _ => false,
        };
        if nothing_else_needs_them {
            prepared.library.release_sources();
        }
    };
    let (prepared, report) = execute_until(
        options,
        &staging,
        caches.as_mut(),
        &AtomicBool::new(false),
        shelf.as_ref(),
        &mut keep_early,
    )?;
    let written = staging.written();
    let files = staging.files();
    let build = staging.build().to_string();
    let Prepared {
        library,
        bodies,
        theme,
        workshop,
        diagnostics,
    } = prepared;
    let mut warnings = diagnostics.sorted();
    // The site and the cache are written side by side: neither reads the
    // other.
    let (committed, kept) = rayon::join(
        || {
            let _t = crate::timings::stage("commit");
            staging.commit_in_background()
        },
        || match (store, &caches) {
            (Some(store), Some(caches)) => store.write(caches, written, files, &build),
            _ => Ok(()),
        },
    );
    committed?;
    if let Err(e) = kept {
        warnings.push(
            Diagnostic::warning(".lectern-cache", format!("the build cache was not saved: {e}"))
                .with_help("the site is built; the next build will be a full one. Deleting .lectern-cache/ is always safe"),
        );
    }
    let items = library.items.len();
    drop_in_background((library, bodies, theme, workshop, caches));
    Ok(BuildReport {
        pages: report.pages,
        items,
        elapsed: started.elapsed(),
        warnings,
        out,
    })
}

/// Frees `value` on a thread of its own. A large library is tens of
/// thousands of small allocations whose freeing would otherwise be the
/// build's last step; a command that exits right after need not wait for it.
fn drop_in_background<T: Send + 'static>(value: T) {
    // When no thread can be made, `spawn` frees the value itself.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}
