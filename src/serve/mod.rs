//! `lectern serve`: build in memory, serve on localhost, watch, rebuild what
//! changed, and tell open pages to refresh.
//!
//! The server keeps serving the last good site while a rebuild runs and when
//! one fails; pages show the errors in an overlay until they are fixed.

pub mod http;
pub mod listen;
pub mod watch;

use std::collections::BTreeSet;
use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

use anyhow::{Context as _, Result};
use tokio::sync::broadcast;

use crate::build::{BuildOptions, Change, Outcome, Session};
use http::{AppState, LiveEvent};

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The project folder.
    pub root: PathBuf,
    /// Address to listen on (127.0.0.1 by default).
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Open the site in the default browser.
    pub open: bool,
    /// Include drafts.
    pub drafts: bool,
    /// Host names to answer besides localhost and IP addresses.
    pub allow_hosts: Vec<String>,
}

/// Turns a site file path into the URL path a page is read at.
pub fn url_of(path: &str) -> String {
    match path.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{path}"),
    }
}

/// The events that tell pages about a rebuild.
pub fn events_for(outcome: &Outcome, had_errors: bool) -> Vec<LiveEvent> {
    if !outcome.ok {
        let errors: Vec<String> = outcome
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.to_string())
            .collect();
        return vec![LiveEvent {
            name: "errors",
            data: serde_json::json!({ "errors": errors }).to_string(),
        }];
    }
    let mut events = Vec::new();
    if had_errors {
        events.push(LiveEvent {
            name: "ok",
            data: "{}".into(),
        });
    }
    if outcome.changed.is_empty() {
        return events;
    }
    let paths: Vec<String> = outcome.changed.iter().map(|p| url_of(p)).collect();
    let css_only = outcome.changed.iter().all(|p| p.ends_with(".css"));
    events.push(LiveEvent {
        name: if css_only { "css" } else { "reload" },
        data: serde_json::json!({ "paths": paths }).to_string(),
    });
    events
}

fn report(outcome: &Outcome, what: &str) {
    let mut err = std::io::stderr().lock();
    for d in &outcome.diagnostics {
        let _ = writeln!(err, "{d}");
    }
    if outcome.ok {
        let _ = writeln!(
            err,
            "{what}: {} page(s) rendered, {} file(s) changed in {} ms",
            outcome.pages_rendered,
            outcome.changed.len(),
            outcome.elapsed.as_millis()
        );
    } else {
        let _ = writeln!(err, "build failed; still serving the last good site");
    }
}

/// Runs the preview server until interrupted.
pub fn run(options: ServeOptions) -> Result<()> {
    listen::block_on(serve(options))
}

async fn serve(mut options: ServeOptions) -> Result<()> {
    // Events name absolute paths; so must the project root.
    let (root, listener) = listen::open(&options.root, options.bind, options.port).await?;
    options.root = root;
    let local = listener.local_addr()?;
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: listening on {}: anyone who can reach this machine can read the site",
            options.bind
        );
    }
    let build = BuildOptions {
        root: options.root.clone(),
        out: None,
        base_url: Some(format!("http://{local}/")),
        drafts: options.drafts,
        preview: true,
        no_cache: true,
    };
    let (session, outcome) = tokio::task::spawn_blocking(move || Session::start(build)).await?;
    report(&outcome, "built");
    let (events, _) = broadcast::channel(64);
    let state = Arc::new(AppState {
        site: RwLock::new(session.site()),
        events,
        errors: RwLock::new(
            events_for(&outcome, false)
                .into_iter()
                .find(|e| e.name == "errors"),
        ),
    });

    let (watcher, rx) =
        watch::watch(&options.root).context("cannot watch the project for changes")?;
    // One thread turns file events into bursts and flags that the files
    // changed again; the other rebuilds, giving up on a rebuild as soon as
    // the flag says it is out of date.
    let shared = Arc::new(Shared {
        state: Arc::clone(&state),
        changed_again: AtomicBool::new(false),
        last_good: RwLock::new(session.last_good()),
        root: options.root.clone(),
    });
    let (bursts_tx, bursts) = std::sync::mpsc::channel();
    let watching = Arc::clone(&shared);
    std::thread::spawn(move || watch_loop(watcher, rx, bursts_tx, watching));
    std::thread::spawn(move || rebuild_loop(session, bursts, shared));

    let url = format!("http://{local}/");
    println!(
        "serving {} at {url} (Ctrl+C to stop); the writer's desk is at {url}desk/",
        options.root.display()
    );
    let _ = std::io::stdout().flush();
    if options.open {
        listen::open_in_browser(&url);
    }
    let hosts = listen::Hosts::new(options.bind, local.port(), &options.allow_hosts);
    listen::serve(listener, http::router(state), hosts, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await;
    Ok(())
}

/// What the watching and the rebuilding threads share.
struct Shared {
    state: Arc<AppState>,
    /// Set when files change; a rebuild under way is then out of date.
    changed_again: AtomicBool,
    /// The last good build's library and theme, for quick previews.
    last_good: RwLock<Option<Arc<crate::build::Prepared>>>,
    root: PathBuf,
}

impl Shared {
    fn send(&self, events: Vec<LiveEvent>) {
        for event in events {
            let _ = self.state.events.send(event);
        }
    }
}

/// Gathers file events into bursts for the rebuild loop, watching folders
/// again when they are re-created. For each burst it says at once that the
/// files changed (so a rebuild under way stops) and shows the edited page
/// first: the quick preview does not wait for any rebuild.
fn watch_loop(
    mut watcher: notify::RecommendedWatcher,
    rx: std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    bursts: std::sync::mpsc::Sender<BTreeSet<PathBuf>>,
    shared: Arc<Shared>,
) {
    while let Some(paths) = watch::next_burst(&rx) {
        watch::rewatch(&mut watcher, &shared.root, &paths);
        let Some(change) = watch::classify(&shared.root, &paths) else {
            continue;
        };
        let last = shared.last_good.read().ok().and_then(|l| l.clone());
        // The flag is set under the site's lock, so a rebuild that finished
        // meanwhile either published before this preview or not at all.
        // The preview is made under the lock too (files over 1 MB are left
        // to the rebuild, so it is brief).
        if let Ok(mut site) = shared.state.site.write() {
            shared.changed_again.store(true, Ordering::SeqCst);
            if let (Change::Content(edited), Some(last)) = (&change, last) {
                let quick = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    crate::build::quick_preview(&last, &shared.root, &site, edited)
                }));
                if let Ok(Some((preview, outcome))) = quick {
                    *site = Arc::new(preview);
                    shared.send(events_for(&outcome, false));
                }
            }
        }
        if bursts.send(paths).is_err() {
            return;
        }
    }
}

/// Rebuilds after each burst (bursts that came meanwhile count as one),
/// giving up on a rebuild as soon as the files change again.
fn rebuild_loop(
    mut session: Session,
    bursts: std::sync::mpsc::Receiver<BTreeSet<PathBuf>>,
    shared: Arc<Shared>,
) {
    while let Ok(mut paths) = bursts.recv() {
        while let Ok(more) = bursts.try_recv() {
            paths.extend(more);
        }
        shared.changed_again.store(false, Ordering::SeqCst);
        let what = match watch::classify(session.root(), &paths) {
            Some(Change::Content(_)) => "rebuilt",
            Some(Change::Statics) => "updated static files",
            Some(Change::Everything) | None => "rebuilt everything",
        };
        // A panic in a rebuild must not stop the server: report it and keep
        // serving the last good site.
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            session.rebuild_until(&shared.changed_again)
        }));
        let Ok(mut outcome) = result else {
            eprintln!("error: the rebuild failed unexpectedly; still serving the last good site");
            continue;
        };
        if outcome.stopped {
            continue;
        }
        let Ok(mut site) = shared.state.site.write() else {
            continue;
        };
        if shared.changed_again.load(Ordering::SeqCst) {
            // Out of date before it could be shown: the next one follows.
            continue;
        }
        if outcome.ok {
            let built = session.site();
            // Against what is served, which may hold a quick preview.
            outcome.changed = crate::build::changed_paths(&site, &built);
            *site = built;
            if let Ok(mut last) = shared.last_good.write() {
                *last = session.last_good();
            }
        }
        drop(site);
        report(&outcome, what);
        let had_errors = shared
            .state
            .errors
            .read()
            .map(|e| e.is_some())
            .unwrap_or(false);
        let events = events_for(&outcome, had_errors);
        if let Ok(mut errors) = shared.state.errors.write() {
            *errors = events.iter().find(|e| e.name == "errors").cloned();
        }
        shared.send(events);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_of_site_files() {
        assert_eq!(url_of("index.html"), "/");
        assert_eq!(url_of("moments/x/index.html"), "/moments/x/");
        assert_eq!(url_of("style.css"), "/style.css");
        assert_eq!(url_of("404.html"), "/404.html");
    }

    #[test]
    fn css_only_changes_swap_stylesheets() {
        let outcome = Outcome {
            ok: true,
            changed: vec!["style.css".into()],
            ..Outcome::default()
        };
        let events = events_for(&outcome, true);
        assert_eq!(events[0].name, "ok");
        assert_eq!(events[1].name, "css");
    }
}
