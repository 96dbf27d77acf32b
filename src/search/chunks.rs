//! Indexing the documents in chunks of consecutive documents, each with its
//! own vocabulary and postings, in parallel; and the cache of chunks the
//! live preview reuses when none of a chunk's documents changed.

use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::cache::IndexCache;
use super::document::{index_document, Bundler, DocTerms, Tally, Vocabulary};
use super::postings::Postings;
use super::{Posting, Tokens};
use crate::library::Library;
use crate::markdown::Rendered;
use crate::output::{Contents, OutputFile};

/// A chunk of consecutive documents, indexed: its vocabulary and, by its
/// stem numbers, the postings of its documents.
#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct Chunk {
    pub(super) vocabulary: Vocabulary,
    pub(super) postings: Postings,
    /// The first document of each fragment file the chunk wrote.
    pub(super) bundles: Vec<u32>,
}

/// Indexes the documents `ids` (consecutive) into one chunk: in parts
/// side by side, so that a build that indexes one chunk again (after an
/// edit) uses every core, then joined in order.
fn index_chunk(
    library: &Library,
    bodies: &[Arc<Rendered>],
    ids: &[usize],
    tokens: &Tokens,
    emit: &(dyn Fn(OutputFile) + Sync),
) -> Chunk {
    let parts: Vec<Part> = ids
        .par_chunks(PART_DOCS)
        .map(|ids| index_part(library, bodies, ids, tokens, emit))
        .collect();
    join_parts(parts)
}

/// Documents indexed by one worker: a chunk is indexed in parts of this
/// many. Fixed, so the fragment files are the same on every machine.
const PART_DOCS: usize = 128;

/// Part of a chunk: its own vocabulary, and the postings of its
/// documents by its own stem numbers.
struct Part {
    vocabulary: Vocabulary,
    postings: Vec<Vec<Posting>>,
    /// The first document of each fragment file the part wrote.
    bundles: Vec<u32>,
}

fn index_part(
    library: &Library,
    bodies: &[Arc<Rendered>],
    ids: &[usize],
    tokens: &Tokens,
    emit: &(dyn Fn(OutputFile) + Sync),
) -> Part {
    let mut vocabulary = Vocabulary::default();
    let mut tally = Tally::default();
    let mut postings: Vec<Vec<Posting>> = Vec::new();
    let mut bundler = Bundler::new(emit);
    let mut fragment = Vec::new();
    for &id in ids {
        fragment.clear();
        let terms: DocTerms = index_document(
            library,
            id,
            &bodies[id],
            tokens,
            &mut vocabulary,
            &mut tally,
            &mut fragment,
        );
        bundler.add(id, &fragment);
        postings.resize_with(vocabulary.stems.len(), Vec::new);
        for (stem, weight, section) in terms {
            postings[stem as usize].push((id as u32, weight, section));
        }
    }
    bundler.flush();
    Part {
        vocabulary,
        postings,
        bundles: bundler.starts,
    }
}

/// The parts of a chunk as one: stems numbered as one pass over the
/// chunk's documents would have numbered them (first met, first
/// numbered), each stem's postings in document order, laid out at once in
/// the one array the chunk keeps.
fn join_parts(parts: Vec<Part>) -> Chunk {
    let mut vocabulary = Vocabulary::default();
    let mut numbers: Vec<Vec<u32>> = Vec::with_capacity(parts.len());
    let mut lengths: Vec<u32> = Vec::new();
    for part in &parts {
        let part_numbers: Vec<u32> = part
            .vocabulary
            .stems
            .iter()
            .map(|stem| vocabulary.number(stem))
            .collect();
        lengths.resize(vocabulary.stems.len(), 0);
        for (local, list) in part.postings.iter().enumerate() {
            lengths[part_numbers[local] as usize] += list.len() as u32;
        }
        numbers.push(part_numbers);
    }
    let mut starts = Vec::with_capacity(lengths.len() + 1);
    let mut total = 0u32;
    for length in &lengths {
        starts.push(total);
        total += length;
    }
    starts.push(total);
    // Where the next posting of each stem goes.
    let mut next: Vec<u32> = starts[..lengths.len()].to_vec();
    let mut all = vec![(0, 0, 0); total as usize];
    let mut bundles = Vec::new();
    for (part, part_numbers) in parts.into_iter().zip(numbers) {
        for (word, local) in part.vocabulary.words {
            vocabulary
                .words
                .entry(word)
                .or_insert(part_numbers[local as usize]);
        }
        for (local, list) in part.postings.into_iter().enumerate() {
            let at = &mut next[part_numbers[local] as usize];
            all[*at as usize..*at as usize + list.len()].copy_from_slice(&list);
            *at += list.len() as u32;
        }
        bundles.extend(part.bundles);
    }
    vocabulary.finish();
    Chunk {
        vocabulary,
        postings: Postings::new(starts, all),
        bundles,
    }
}

/// Documents per chunk of the index. Fixed, so a chunk none of whose
/// documents changed is reused by the live preview and the build cache.
/// An edit indexes its chunk again, and every chunk adds its vocabulary
/// to the merge: at 10,000 items a warm build was 5% faster with 512 than
/// with 1,024, and no faster with 256.
const CHUNK_DOCS: usize = 512;

/// A chunk and the fragment files it wrote.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct IndexedChunk {
    pub(super) chunk: Chunk,
    #[serde(with = "files_as_paths")]
    pub(super) files: Vec<OutputFile>,
}

/// Fragment files by their paths only, for the build cache: their bytes
/// are the previous site's files (see [`IndexCache::find`]).
mod files_as_paths {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::output::{Contents, OutputFile};

    pub fn serialize<S: Serializer>(files: &[OutputFile], s: S) -> Result<S::Ok, S::Error> {
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        paths.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<OutputFile>, D::Error> {
        let paths = Vec::<String>::deserialize(d)?;
        Ok(paths
            .into_iter()
            .map(|path| OutputFile {
                contents: Contents::Unchanged(path.clone().into()),
                path,
            })
            .collect())
    }
}

/// What indexing documents `ids` depends on: their ids and everything of
/// each that the index shows or weighs.
fn chunk_fingerprint(library: &Library, bodies: &[Arc<Rendered>], ids: &[usize]) -> u128 {
    let mut hasher = crate::fingerprint::Hasher::new();
    for &id in ids {
        let item = &library.items[id];
        hasher.update(&(id as u64).to_le_bytes());
        hasher.text(&item.title);
        hasher.text(&library.url(id));
        hasher.text(item.kind.label());
        hasher.text(item.front.status.as_deref().unwrap_or(""));
        hasher.text(&item.date().map(|d| d.human()).unwrap_or_default());
        for list in [&item.front.tags, &item.front.themes] {
            hasher.update(&(list.len() as u64).to_le_bytes());
            for value in list {
                hasher.text(value);
            }
        }
        // Equal keys, equal bodies: a kept body's key stands for its text
        // without reading the text again.
        match bodies[id].key {
            0 => bodies[id].sections.fingerprint_into(&mut hasher),
            key => {
                hasher.update(b"k");
                hasher.update(&key.to_le_bytes());
            }
        }
    }
    hasher.finish()
}

/// The chunks of one run: made now, or shared with the cache.
pub(super) enum Indexed {
    Fresh(Vec<Chunk>),
    Cached(Vec<Arc<IndexedChunk>>),
}

impl Indexed {
    /// Every chunk, in document order.
    pub(super) fn chunks(&self) -> Vec<&Chunk> {
        match self {
            Indexed::Fresh(chunks) => chunks.iter().collect(),
            Indexed::Cached(chunks) => chunks.iter().map(|c| &c.chunk).collect(),
        }
    }
}

/// Indexes every document in chunks, handing fragment files to `emit`.
/// With `cache`, a chunk none of whose documents changed is reused (its
/// fragment files emitted again), and the cache is left holding this run's
/// chunks.
pub(super) fn index_all(
    library: &Library,
    bodies: &[Arc<Rendered>],
    emit: &(dyn Fn(OutputFile) + Sync),
    cache: Option<&mut IndexCache>,
) -> Indexed {
    let tokens = Tokens::default();
    let ids: Vec<usize> = (0..library.items.len()).collect();
    let Some(cache) = cache else {
        return Indexed::Fresh(
            ids.par_chunks(CHUNK_DOCS)
                .map(|ids| index_chunk(library, bodies, ids, &tokens, emit))
                .collect(),
        );
    };
    let previous = &*cache;
    let made: Vec<(u128, Arc<IndexedChunk>)> = ids
        .par_chunks(CHUNK_DOCS)
        .map(|ids| {
            let key = chunk_fingerprint(library, bodies, ids);
            let on_disk = previous.disk.is_some();
            let found = previous.find(key);
            let made_now = found.is_none();
            let indexed = found.unwrap_or_else(|| {
                let files = Mutex::new(Vec::new());
                let keep = |file: OutputFile| {
                    // On disk, a fragment file is written as soon as it is
                    // made, and the chunk records its path only.
                    let file = if on_disk {
                        let path = file.path.clone();
                        emit(file);
                        OutputFile {
                            contents: Contents::Unchanged(path.clone().into()),
                            path,
                        }
                    } else {
                        file
                    };
                    if let Ok(mut files) = files.lock() {
                        files.push(file);
                    }
                };
                let chunk = index_chunk(library, bodies, ids, &tokens, &keep);
                let mut files = files.into_inner().unwrap_or_default();
                // Parts finish in any order.
                files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
                Arc::new(IndexedChunk { chunk, files })
            });
            if on_disk {
                previous.keep_on_disk(key, &indexed);
            }
            let indexed = match Arc::try_unwrap(indexed) {
                // On disk, a chunk's fragment files are not held in memory
                // once written.
                Ok(mut owned) if on_disk => {
                    for file in std::mem::take(&mut owned.files) {
                        if !made_now {
                            emit(file);
                        }
                    }
                    Arc::new(owned)
                }
                Ok(owned) => Arc::new(owned),
                Err(shared) => shared,
            };
            if !on_disk {
                for file in &indexed.files {
                    emit(file.clone());
                }
            }
            (key, indexed)
        })
        .collect();
    cache.used = made.iter().map(|(k, _)| *k).collect();
    cache.chunks = match cache.disk {
        Some(_) => HashMap::default(),
        None => made.iter().map(|(k, c)| (*k, Arc::clone(c))).collect(),
    };
    Indexed::Cached(made.into_iter().map(|(_, c)| c).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A part whose documents use `stems` (in the order met), each stem's
    /// postings one per document listed.
    fn part(stems: &[(&str, &[u32])]) -> Part {
        let mut vocabulary = Vocabulary::default();
        let mut postings = Vec::new();
        for (stem, docs) in stems {
            let n = vocabulary.number(stem);
            vocabulary.words.insert(format!("{stem}s"), n);
            postings.push(docs.iter().map(|&d| (d, 1, 0)).collect());
        }
        Part {
            vocabulary,
            postings,
            bundles: vec![stems
                .iter()
                .flat_map(|(_, d)| d.iter())
                .min()
                .copied()
                .unwrap_or(0)],
        }
    }

    #[test]
    fn parts_join_as_one_pass_would_have_numbered_them() {
        let joined = join_parts(vec![
            part(&[("lead", &[0, 1]), ("team", &[1])]),
            part(&[("coach", &[2]), ("lead", &[2, 3])]),
        ]);
        assert_eq!(
            joined.vocabulary.stems.iter().collect::<Vec<_>>(),
            ["lead", "team", "coach"]
        );
        let stem_of = |word: &str| {
            let mut listed = joined.vocabulary.listed();
            listed.find(|(w, _)| *w == word).map(|(_, n)| n)
        };
        assert_eq!(stem_of("coachs"), Some(2));
        assert_eq!(stem_of("leads"), Some(0));
        assert_eq!(joined.vocabulary.listed.len(), 3);
        let docs =
            |stem: usize| -> Vec<u32> { joined.postings.of(stem).iter().map(|p| p.0).collect() };
        assert_eq!(docs(0), [0, 1, 2, 3]);
        assert_eq!(docs(1), [1]);
        assert_eq!(docs(2), [2]);
        assert_eq!(joined.bundles, [0, 2]);
    }
}
