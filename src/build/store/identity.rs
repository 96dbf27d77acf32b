//! Which cache a build uses: the identity in its folder's name, and the
//! removal of the caches of other identities.

use super::Store;
use crate::build::BuildOptions;
use crate::fingerprint::Hasher;

/// What the cache's contents depend on besides their own keys: this
/// Lectern binary (its version, and the executable itself, so a rebuilt
/// binary never reads a cache of another), the settings file, and the
/// build's options.
pub(super) fn identity(options: &BuildOptions) -> u128 {
    let mut hasher = Hasher::new();
    hasher.text(env!("CARGO_PKG_VERSION"));
    if let Ok(meta) = std::env::current_exe().and_then(std::fs::metadata) {
        hasher.update(&meta.len().to_le_bytes());
        if let Ok(since) = meta
            .modified()
            .map(|m| m.duration_since(std::time::UNIX_EPOCH).unwrap_or_default())
        {
            hasher.update(&since.as_nanos().to_le_bytes());
        }
    }
    // Loads name their files relative to the project folder.
    if let Ok(root) = options.root.canonicalize() {
        hasher.text(&root.to_string_lossy());
    }
    let settings = options.root.join(crate::config::CONFIG_FILE);
    hasher.update(&std::fs::read(settings).unwrap_or_default());
    hasher.text(&format!(
        "{:?} {:?} {:?}",
        options.drafts, options.base_url, options.preview
    ));
    hasher.finish()
}

impl Store {
    /// Removes the caches of other identities (another binary, settings
    /// or options): only this one is read again.
    pub(super) fn remove_other_identities(&self) {
        let Some(parent) = self.dir.parent() else {
            return;
        };
        let Ok(entries) = std::fs::read_dir(parent) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("build-") && entry.path() != self.dir {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}
