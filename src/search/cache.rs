//! What one run of the index leaves for the next: its chunks (in memory
//! for the live preview, as files for the build cache) and the
//! fingerprint of the inputs of each merged file, so a file merged from
//! the same inputs is linked from the previous site, not encoded again.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use super::chunks::IndexedChunk;

/// What a site holds of the search index, as the build cache records it:
/// the chunks it was built with (their fragment files are in it) and the
/// fingerprint of the inputs of each merged file, by path.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IndexInSite {
    /// The keys of its chunks.
    pub chunks: Vec<u128>,
    /// Each merged file's path and the fingerprint of its inputs.
    pub merged: Vec<(String, u128)>,
}

/// Indexed chunks from the previous run, by the fingerprint of their
/// documents: what the live preview reuses when a few documents change.
#[derive(Default)]
pub struct IndexCache {
    pub(super) chunks: HashMap<u128, Arc<IndexedChunk>>,
    /// For a build on disk: where chunks are kept instead of memory.
    pub(super) disk: Option<ChunksOnDisk>,
    /// The keys of the last run's chunks.
    pub(super) used: Vec<u128>,
    /// The fingerprint of the inputs of each merged file (word shards,
    /// postings) this run made, by path.
    pub(super) merged: Vec<(String, u128)>,
}

/// Chunks kept as files rather than in memory.
pub(super) struct ChunksOnDisk {
    /// The folder of chunk files, each named by its key.
    folder: std::path::PathBuf,
    /// The previous site, which holds the chunks' fragment files.
    site: crate::output::PreviousSite,
    /// The chunks the previous site was built with, the only ones whose
    /// fragment files it holds.
    in_site: Vec<u128>,
    /// The fingerprint of the inputs of each merged file the previous
    /// site holds, by path.
    merged: HashMap<String, u128>,
}

impl IndexCache {
    /// A cache of chunks kept as files in `folder` (the build cache on
    /// disk): read when a run needs one, written when one is made, never
    /// all held in memory.
    pub fn on_disk(
        folder: std::path::PathBuf,
        site: crate::output::PreviousSite,
        in_site: IndexInSite,
    ) -> Self {
        IndexCache {
            disk: Some(ChunksOnDisk {
                folder,
                site,
                in_site: in_site.chunks,
                merged: in_site.merged.into_iter().collect(),
            }),
            ..Self::default()
        }
    }

    /// The keys of the last run's chunks.
    pub fn used(&self) -> &[u128] {
        &self.used
    }

    /// What the site this run made holds of the index, for the next run.
    pub fn in_site(&self) -> IndexInSite {
        IndexInSite {
            chunks: self.used.clone(),
            merged: self.merged.clone(),
        }
    }

    /// The previous site's file `path`, when it was merged from inputs
    /// fingerprinted `key` and is as that build wrote it.
    pub(super) fn merged_before(&self, path: &str, key: u128) -> Option<std::path::PathBuf> {
        let disk = self.disk.as_ref()?;
        (disk.merged.get(path) == Some(&key) && disk.site.untouched(path))
            .then(|| disk.site.file(path))
    }

    /// The file of chunk `key` in a cache on disk.
    pub fn chunk_file(folder: &std::path::Path, key: u128) -> std::path::PathBuf {
        folder.join(format!("{key:032x}.bin"))
    }

    /// The chunk `key`: from memory, or read from the folder on disk when
    /// the previous site still has its fragment files as they were written.
    pub(super) fn find(&self, key: u128) -> Option<Arc<IndexedChunk>> {
        if let Some(chunk) = self.chunks.get(&key) {
            return Some(Arc::clone(chunk));
        }
        let disk = self.disk.as_ref()?;
        if !disk.in_site.contains(&key) {
            return None;
        }
        let mut chunk: IndexedChunk =
            crate::output::read_kept(&Self::chunk_file(&disk.folder, key))?;
        if !chunk.chunk.postings.is_sound() {
            return None;
        }
        for file in &mut chunk.files {
            if !disk.site.untouched(&file.path) {
                return None;
            }
            file.contents = crate::output::Contents::Checked(disk.site.file(&file.path));
        }
        Some(Arc::new(chunk))
    }

    /// Keeps a chunk made now as a file on disk, once (a chunk that cannot
    /// be kept is only made again next time).
    pub(super) fn keep_on_disk(&self, key: u128, chunk: &IndexedChunk) {
        if let Some(disk) = &self.disk {
            let file = Self::chunk_file(&disk.folder, key);
            if !file.exists() {
                let _ = crate::output::keep_value(&disk.folder, &file, chunk);
            }
        }
    }
}
