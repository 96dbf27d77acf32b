//! What a live session keeps between runs, keyed by what each result
//! depends on: a file's load by its bytes, a body by its markdown and the
//! references it shows. A lookup that misses computes the result; nothing
//! here knows which edit affects what.

use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use rayon::prelude::*;

use crate::content::scan::RawRefKind;
use crate::content::{self, Content, FileLoad};
use crate::diagnostics::Diagnostics;
use crate::fingerprint::Hasher;
use crate::library::{Library, LinkMemo, Reference};
use crate::markdown::{Highlighter, MarkdownOptions, Rendered};
use crate::site::OutputCache;

use super::body_shelf::BodyShelf;
use super::stamp::Stamp;

/// Everything a session reuses from one run to the next.
#[derive(Default)]
pub struct Caches {
    /// Loaded files and rendered bodies.
    pub inputs: InputCache,
    /// Rendered pages and search index chunks.
    pub outputs: OutputCache,
}

/// A content file's load as kept: the fingerprint of the file's bytes,
/// the file's stamp when it was read, and the load.
pub type KeptLoad = (u128, Option<Stamp>, FileLoad);

/// Loaded content files, rendered bodies and the link stage's
/// library-wide results from the previous run.
#[derive(Default)]
pub struct InputCache {
    files: HashMap<PathBuf, KeptLoad>,
    bodies: HashMap<u128, Arc<Rendered>>,
    /// The link stage's library-wide passes.
    pub link: LinkMemo,
}

impl InputCache {
    /// A cache holding `files` (each file's load, by its path, with the
    /// fingerprint of its bytes and its stamp) and `bodies` (by
    /// [`body_key`]).
    pub fn kept(
        files: HashMap<PathBuf, KeptLoad>,
        mut bodies: HashMap<u128, Arc<Rendered>>,
        link: LinkMemo,
    ) -> Self {
        for (key, body) in &mut bodies {
            tell_key(*key, body);
        }
        InputCache {
            files,
            bodies,
            link,
        }
    }

    /// Every file load held: its path, the fingerprint of its bytes, its
    /// stamp, and the load.
    pub fn file_entries(&self) -> impl Iterator<Item = (&PathBuf, u128, Option<Stamp>, &FileLoad)> {
        self.files
            .iter()
            .map(|(path, (key, stamp, load))| (path, *key, *stamp, load))
    }

    /// Lets go of the file loads (once kept on disk by a build that does
    /// not run again), and so of the cache's share of every item.
    pub fn forget_loads(&mut self) {
        self.files = HashMap::default();
    }

    /// Every body held, by the key of what it was rendered from.
    pub fn body_entries(&self) -> impl Iterator<Item = (u128, &Arc<Rendered>)> {
        self.bodies.iter().map(|(key, body)| (*key, body))
    }

    /// Loads the content under `root`, reusing the load of every file
    /// whose bytes are unchanged: without reading it when its stamp
    /// vouches for it (see [`Stamp`]), else by the fingerprint of its
    /// bytes. Only this run's files are kept.
    pub fn load(&mut self, root: &Path, drafts: bool) -> (Content, Diagnostics) {
        let next = Mutex::new(HashMap::with_capacity_and_hasher(
            self.files.len(),
            Default::default(),
        ));
        let previous = &self.files;
        let keep = |path: &Path, kept: KeptLoad| {
            if let Ok(mut next) = next.lock() {
                next.insert(path.to_path_buf(), kept);
            }
        };
        let loaded = content::load_with(root, drafts, &|path, texts| {
            // Stamped before the bytes are read: a change after this
            // moves the file's times past the stamp's.
            let stamp = std::fs::metadata(path)
                .ok()
                .and_then(|meta| Stamp::of(&meta, SystemTime::now()));
            let before = previous.get(path);
            if let (Some(now), Some((key, Some(kept), load))) = (stamp, before) {
                if kept.vouches_for(&now) {
                    keep(path, (*key, Some(*kept), load.clone()));
                    return load.clone();
                }
            }
            let Ok(bytes) = std::fs::read(path) else {
                // Unreadable: the loader says why, and nothing is kept.
                return content::load_read(root, path, None, texts);
            };
            let key = crate::fingerprint::of(&bytes);
            let load = match before {
                Some((old, _, load)) if *old == key => load.clone(),
                _ => content::load_read(root, path, Some(bytes), texts),
            };
            keep(path, (key, stamp, load.clone()));
            load
        });
        self.files = next.into_inner().unwrap_or_default();
        loaded
    }

    /// Every item's body, rendering only those whose markdown or
    /// references changed. Only this run's bodies are kept. With `shelf`,
    /// each shard of bodies is kept on it as soon as it is rendered, and
    /// held from then on as the shelf gives it back (see [`BodyShelf`]).
    pub fn bodies(
        &mut self,
        library: &Library,
        highlighter: &Highlighter,
        shelf: Option<&BodyShelf>,
    ) -> Vec<Arc<Rendered>> {
        let options = MarkdownOptions::for_pages(&library.config);
        let options_text = format!("{options:?}");
        // Raw HTML may name any file of the library: such bodies depend on
        // the set of files.
        let mut files = Hasher::new();
        for asset in &library.assets {
            files.text(&asset.key);
        }
        let files = files.finish().to_le_bytes();
        let keys: Vec<u128> = (0..library.items.len())
            .into_par_iter()
            .map(|id| {
                let key = body_key(library, id, &options_text);
                if !library.items[id].names_files {
                    return key;
                }
                let mut hasher = Hasher::new();
                hasher.update(&key.to_le_bytes());
                hasher.update(&files);
                hasher.finish()
            })
            .collect();
        let previous = &self.bodies;
        let body = |id: usize| -> (u128, Arc<Rendered>) {
            let key = keys[id];
            let body = previous.get(&key).cloned().unwrap_or_else(|| {
                let mut body = crate::site::render_body(library, id, highlighter, options);
                body.key = key;
                Arc::new(body)
            });
            (key, body)
        };
        let made: Vec<(u128, Arc<Rendered>)> = match shelf {
            None => (0..library.items.len()).into_par_iter().map(body).collect(),
            Some(shelf) => {
                let mut by_shard = vec![Vec::new(); shelf.shards()];
                for (id, key) in keys.iter().enumerate() {
                    by_shard[shelf.shard_of(*key)].push(id);
                }
                // A shard is kept as soon as it is rendered: only the
                // shards being rendered are held in memory whole.
                let shelved: Vec<Vec<(usize, u128, Arc<Rendered>)>> = by_shard
                    .into_par_iter()
                    .enumerate()
                    .map(|(shard, ids)| {
                        let made: Vec<(u128, Arc<Rendered>)> =
                            ids.par_iter().map(|&id| body(id)).collect();
                        let kept = shelf.keep(shard, made.clone());
                        ids.into_iter()
                            .zip(made)
                            .map(|(id, (key, made))| {
                                let body = kept.get(&key).map_or(made, Arc::clone);
                                (id, key, body)
                            })
                            .collect()
                    })
                    .collect();
                let mut made = vec![(0, Arc::default()); library.items.len()];
                for (id, key, body) in shelved.into_iter().flatten() {
                    made[id] = (key, body);
                }
                made
            }
        };
        self.bodies = made.iter().map(|(k, b)| (*k, Arc::clone(b))).collect();
        made.into_iter().map(|(_, body)| body).collect()
    }
}

/// What item `id`'s rendered body depends on: its markdown, the options
/// (as text), what each of its references resolved to, and the bodies of
/// the notes it embeds (and theirs in turn).
/// Tells `body`, read back from the build cache, its key: a body is kept
/// without it.
pub(super) fn tell_key(key: u128, body: &mut Arc<Rendered>) {
    if let Some(body) = Arc::get_mut(body) {
        body.key = key;
    }
}

fn body_key(library: &Library, id: usize, options: &str) -> u128 {
    let mut hasher = Hasher::new();
    hash_body(library, id, options, &mut hasher, &mut vec![id]);
    hasher.finish()
}

fn hash_body(
    library: &Library,
    id: usize,
    options: &str,
    hasher: &mut Hasher,
    embedding: &mut Vec<usize>,
) {
    hasher.update(&library.items[id].body_key.to_le_bytes());
    hasher.text(options);
    for r in &library.links[id].body {
        hasher.update(&(r.offset as u64).to_le_bytes());
        match &r.target {
            Reference::Item { id: to, url } => {
                hasher.text("item");
                hasher.text(url);
                if r.kind == RawRefKind::Embed && !embedding.contains(to) {
                    embedding.push(*to);
                    hash_body(library, *to, options, hasher, embedding);
                    embedding.pop();
                }
            }
            Reference::File(file) => {
                hasher.text("file");
                hasher.text(&file.url);
                hasher.text(&format!("{:?}", file.image));
            }
            Reference::Missing => hasher.text("missing"),
            Reference::MissingFile => hasher.text("missing file"),
            Reference::Template => hasher.text("template"),
            Reference::Other => hasher.text("other"),
            Reference::Unsafe => hasher.text("unsafe"),
        }
    }
}
