//! Watching the project: file system events, debounced and sorted into
//! the kind of rebuild they need.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::build::Change;
use crate::config::CONFIG_FILE;
use crate::content::is_editor_litter;

/// Quiet time after the last event before rebuilding: editors save in
/// bursts (write a swap file, rename, touch), which this gathers up.
pub const DEBOUNCE: Duration = Duration::from_millis(15);
/// The longest a burst can delay a rebuild.
const MAX_WAIT: Duration = Duration::from_millis(250);

/// The folders watched with everything in them.
const FOLDERS: [&str; 4] = ["content", "themes", "static", "data"];

/// Starts watching `root`'s content, themes, static files, figures and
/// settings.
pub fn watch(
    root: &Path,
) -> notify::Result<(
    notify::RecommendedWatcher,
    Receiver<notify::Result<notify::Event>>,
)> {
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx)?;
    // The root itself, not recursively: it shows the folders and the
    // settings file coming and going.
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    for folder in FOLDERS {
        let path = root.join(folder);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    Ok((watcher, rx))
}

/// Watches again any of the folders that `paths` show were created,
/// deleted or replaced (`rm -rf content; cp -r backup content`, a theme
/// made after the server started): a watch follows the folder it was
/// set on, not its name.
pub fn rewatch(watcher: &mut notify::RecommendedWatcher, root: &Path, paths: &BTreeSet<PathBuf>) {
    for folder in FOLDERS {
        let path = root.join(folder);
        if paths.contains(&path) {
            let _ = watcher.unwatch(&path);
            if path.is_dir() {
                let _ = watcher.watch(&path, RecursiveMode::Recursive);
            }
        }
    }
}

/// Waits for the next burst of changes and returns the paths it touched.
/// `None` when the watcher is gone.
pub fn next_burst(rx: &Receiver<notify::Result<notify::Event>>) -> Option<BTreeSet<PathBuf>> {
    let mut paths = BTreeSet::new();
    // Reading files (our own scans included) makes access events; only
    // changes count.
    let counts = |event: &notify::Event| !matches!(event.kind, notify::EventKind::Access(_));
    loop {
        match rx.recv().ok()? {
            Ok(event) if counts(&event) => {
                paths.extend(event.paths);
                break;
            }
            _ => {}
        }
    }
    let started = Instant::now();
    loop {
        let left = MAX_WAIT.saturating_sub(started.elapsed());
        if left.is_zero() {
            break;
        }
        match rx.recv_timeout(DEBOUNCE.min(left)) {
            Ok(Ok(event)) if counts(&event) => paths.extend(event.paths),
            Ok(Ok(_)) => {}
            Ok(Err(_)) => {}
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
    Some(paths)
}

/// Sorts a burst into the rebuild it needs; `None` when nothing that
/// matters changed (editor litter, the output folder).
pub fn classify(root: &Path, paths: &BTreeSet<PathBuf>) -> Option<Change> {
    let mut content = Vec::new();
    let mut statics = false;
    let mut everything = false;
    for path in paths {
        let relative = path.strip_prefix(root).unwrap_or(path);
        let mut parts = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        let top = parts.next().unwrap_or_default();
        let is_litter = path.file_name().is_some_and(|_| is_editor_litter(path));
        match top.as_str() {
            "content" if !is_litter => content.push(path.clone()),
            "static" if !is_litter => statics = true,
            "themes" if !is_litter => {
                let kind = relative
                    .components()
                    .nth(2)
                    .map(|c| c.as_os_str().to_string_lossy().into_owned());
                if kind.as_deref() == Some("static") {
                    statics = true;
                } else {
                    everything = true;
                }
            }
            "data" if !is_litter => everything = true,
            name if name == CONFIG_FILE => everything = true,
            _ => {}
        }
    }
    if everything {
        Some(Change::Everything)
    } else if !content.is_empty() {
        Some(Change::Content(content))
    } else if statics {
        Some(Change::Statics)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(paths: &[&str]) -> BTreeSet<PathBuf> {
        paths.iter().map(|p| PathBuf::from("/r").join(p)).collect()
    }

    #[test]
    fn editor_litter_and_output_are_ignored() {
        let root = Path::new("/r");
        assert!(classify(
            root,
            &set(&[
                "content/moments/.x.md.swp",
                "content/moments/x.md~",
                "content/moments/4913"
            ])
        )
        .is_none());
        assert!(classify(root, &set(&["site/index.html", "target/x"])).is_none());
    }

    #[test]
    fn content_statics_and_templates() {
        let root = Path::new("/r");
        assert!(
            matches!(classify(root, &set(&["content/moments/x.md", "content/moments/4913"])), Some(Change::Content(p)) if p.len() == 1)
        );
        assert!(matches!(
            classify(root, &set(&["content/moments/new-folder"])),
            Some(Change::Content(_))
        ));
        assert!(matches!(
            classify(root, &set(&["themes/default/static/style.css"])),
            Some(Change::Statics)
        ));
        assert!(matches!(
            classify(root, &set(&["static/logo.png"])),
            Some(Change::Statics)
        ));
        assert!(matches!(
            classify(root, &set(&["themes/default/templates/item.html"])),
            Some(Change::Everything)
        ));
        assert!(matches!(
            classify(root, &set(&["lectern.yaml", "content/a.md"])),
            Some(Change::Everything)
        ));
        // A figures file changes published pieces across the site.
        assert!(matches!(
            classify(root, &set(&["data/linkedin.csv"])),
            Some(Change::Everything)
        ));
    }
}
