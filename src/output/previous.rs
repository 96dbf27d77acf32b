//! The output folder a build replaces: what the last build left there and
//! when, and how the previous folder is set aside and removed.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::{io_error, output_path, OutputError, MARKER};

/// The output folder as the last build left it, and when that was.
#[derive(Debug, Clone)]
pub struct PreviousSite {
    dir: PathBuf,
    built_at: Option<SystemTime>,
    build: Option<String>,
}

impl PreviousSite {
    /// The output folder `dir` (an earlier build's when it has the marker).
    pub fn new(dir: PathBuf) -> Self {
        let marker = dir.join(MARKER);
        let built_at = fs::metadata(&marker).and_then(|m| m.modified()).ok();
        let build = fs::read_to_string(&marker)
            .ok()
            .and_then(|text| Some(marker_build(&text)?.to_string()));
        PreviousSite {
            dir,
            built_at,
            build,
        }
    }

    /// The name of the build that made the folder, from its marker: what
    /// ties the build cache's record of the site to this very folder.
    pub fn build(&self) -> Option<&str> {
        self.build.as_deref()
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the site file `relative` is.
    pub fn file(&self, relative: &str) -> PathBuf {
        self.dir.join(relative)
    }

    /// Whether `previous`, a file of the folder, still holds what the last
    /// build wrote: not modified since that build was committed.
    pub(super) fn untouched_file(&self, previous: &fs::Metadata) -> bool {
        previous.is_file() && !self.changed_since_build(previous)
    }

    /// Whether the entry of the folder that `meta` describes changed after
    /// the last build was committed (a folder changes when an entry is
    /// added to it or removed); true when that cannot be told.
    pub(super) fn changed_since_build(&self, meta: &fs::Metadata) -> bool {
        match (self.built_at, meta.modified()) {
            (Some(built), Ok(modified)) => modified > built,
            _ => true,
        }
    }

    /// Whether the site file `relative` is there as the last build wrote it.
    pub fn untouched(&self, relative: &str) -> bool {
        output_path(&self.dir, relative)
            .and_then(|path| fs::metadata(path).ok())
            .is_some_and(|meta| self.untouched_file(&meta))
    }
}

/// What the marker file of a site says: that Lectern made it and, once
/// the site is complete, the name of the build that did (a site being
/// updated in place names none, so nothing of it is trusted).
pub(super) fn marker_text(build: Option<&str>) -> String {
    match build {
        Some(build) => format!("built by lectern\nbuild {build}\n"),
        None => "built by lectern\n".to_string(),
    }
}

/// The build a marker file's `text` names.
pub(super) fn marker_build(text: &str) -> Option<&str> {
    text.lines().find_map(|l| l.strip_prefix("build "))
}

/// A name no other build has: the time, the process and the staging
/// folder, fingerprinted.
pub(super) fn build_name() -> String {
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default();
    let seed = format!(
        "{now:?} {} {:?}",
        std::process::id(),
        std::thread::current().id()
    );
    format!("{:032x}", crate::fingerprint::of(seed.as_bytes()))
}

/// When a file's contents or place last changed. On Unix this includes
/// the status change time, which tools that restore an older modification
/// time (`rsync -t`, `cp -p`) cannot set back.
pub(super) fn last_change(meta: &fs::Metadata) -> Option<SystemTime> {
    let modified = meta.modified().ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let since = std::time::Duration::new(
            u64::try_from(meta.ctime()).ok()?,
            u32::try_from(meta.ctime_nsec()).ok()?,
        );
        let changed = SystemTime::UNIX_EPOCH + since;
        Some(modified.max(changed))
    }
    #[cfg(not(unix))]
    Some(modified)
}

/// Removes `old` in a detached `rm` process, or here when there is none.
pub(super) fn remove_in_background(old: &Path) {
    let spawned = std::process::Command::new("rm")
        .arg("-rf")
        .arg("--")
        .arg(old)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if spawned.is_err() {
        let _ = fs::remove_dir_all(old);
    }
}

/// Removes what an interrupted build or removal left beside the output
/// (`.site.building-*`, `.site.old-*`) an hour or more ago; newer ones may
/// belong to a build or a removal still running.
pub(super) fn sweep_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefixes = [format!(".{name}.building-"), format!(".{name}.old-")];
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if !prefixes.iter().any(|p| file_name.starts_with(p.as_str())) {
            continue;
        }
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|m| m.elapsed().ok());
        if age.is_some_and(|age| age.as_secs() >= 3600) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Puts `staged` in place of `out`; where the previous `out` now is.
pub(super) fn swap_in(
    staged: &Path,
    out: &Path,
    parent: &Path,
    name: &str,
) -> Result<Option<PathBuf>, OutputError> {
    if !out.exists() {
        return fs::rename(staged, out)
            .map(|()| None)
            .map_err(io_error(out));
    }
    let old = tempfile::Builder::new()
        .prefix(&format!(".{name}.old-"))
        .tempdir_in(parent)
        .map_err(io_error(parent))?
        .keep();
    // rename() cannot replace a non-empty folder: move the old one aside
    // first, then put the new one in its place.
    fs::remove_dir(&old).map_err(io_error(&old))?;
    fs::rename(out, &old).map_err(io_error(out))?;
    if let Err(e) = fs::rename(staged, out) {
        let _ = fs::rename(&old, out);
        return Err(io_error(out)(e));
    }
    Ok(Some(old))
}
