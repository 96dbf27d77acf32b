//! `lectern serve`: build in memory, serve on localhost, watch, rebuild what
//! changed, and tell open pages to refresh.
//!
//! The server keeps serving the last good site while a rebuild runs and when
//! one fails; pages show the errors in an overlay until they are fixed.

pub mod http;
pub mod listen;
pub mod watch;

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
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
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server runtime")?;
    runtime.block_on(serve(options))
}

async fn serve(mut options: ServeOptions) -> Result<()> {
    // Events name absolute paths; so must the project root.
    options.root = options
        .root
        .canonicalize()
        .with_context(|| format!("cannot open the project folder {}", options.root.display()))?;
    let address = SocketAddr::new(options.bind, options.port);
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .with_context(|| format!("cannot listen on {address}"))?;
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
    let loop_state = Arc::clone(&state);
    std::thread::spawn(move || rebuild_loop(session, rx, loop_state, watcher));

    let url = format!("http://{local}/");
    println!(
        "serving {} at {url} (Ctrl+C to stop)",
        options.root.display()
    );
    let _ = std::io::stdout().flush();
    if options.open {
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        let _ = std::process::Command::new(opener).arg(&url).spawn();
    }
    let hosts = listen::Hosts::new(local.port(), &options.allow_hosts);
    listen::serve(listener, http::router(state), hosts, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await;
    Ok(())
}

fn rebuild_loop(
    mut session: Session,
    rx: std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    state: Arc<AppState>,
    mut watcher: notify::RecommendedWatcher,
) {
    while let Some(paths) = watch::next_burst(&rx) {
        watch::rewatch(&mut watcher, session.root(), &paths);
        let Some(change) = watch::classify(session.root(), &paths) else {
            continue;
        };
        let what = match change {
            Change::Content(_) => "rebuilt",
            Change::Statics => "updated static files",
            Change::Everything => "rebuilt everything",
        };
        // The edited page first, so the writer sees it at once; then
        // everything it affects.
        let quick = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            session.quick_preview(&change)
        }));
        if let Ok(Some(quick)) = quick {
            if let Ok(mut site) = state.site.write() {
                *site = session.site();
            }
            for event in events_for(&quick, false) {
                let _ = state.events.send(event);
            }
        }
        // A panic in a rebuild must not stop the server: report it and keep
        // serving the last good site.
        let result =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| session.apply(change)));
        let Ok(outcome) = result else {
            eprintln!("error: the rebuild failed unexpectedly; still serving the last good site");
            continue;
        };
        report(&outcome, what);
        let had_errors = state.errors.read().map(|e| e.is_some()).unwrap_or(false);
        if outcome.ok {
            if let Ok(mut site) = state.site.write() {
                *site = session.site();
            }
        }
        let events = events_for(&outcome, had_errors);
        if let Ok(mut errors) = state.errors.write() {
            *errors = events.iter().find(|e| e.name == "errors").cloned();
        }
        for event in events {
            let _ = state.events.send(event);
        }
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
