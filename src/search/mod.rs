//! Search: an index built from the rendered pages, split into small files so
//! a reader's first query downloads only what it needs, at any library size.
//!
//! - `search/meta.json`: every document's kind, status and tags (for
//!   filters) and the list of word shards.
//! - `search/words/<xx>.json`: the words starting with `xx`, each with its
//!   stem, and the postings of those stems: document, weight (title and
//!   heading matches weigh most) and the section that matches best.
//! - `search/docs/<n>.json`: the fragments of a few consecutive documents
//!   starting at document `n` (title, URL, kind, tags, sections' text),
//!   fetched only for the results shown (snippets, phrases); `meta.json`
//!   says where each file starts.
//!
//! The script (`search.js` in the theme) stems nothing itself: it looks
//! words up by prefix in the vocabulary, which maps them to stems, so the
//! index and the query always agree on word forms.

mod cache;
mod chunks;
mod document;
mod postings;
mod shards;
mod text;
mod text_list;

use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use crate::library::Library;
use crate::markdown::Rendered;
use crate::output::{Contents, OutputFile};
pub use cache::{IndexCache, IndexInSite};
use chunks::Chunk;
pub use chunks::IndexedChunk;
pub use shards::shard_of;
use shards::{vocabulary_shards, ShardWords};
pub use text::Tokens;

/// Stems whose posting lists are longer than this get a file of their own;
/// shorter ones share a file with the stems of the same first letters.
const OWN_FILE: usize = 400;

/// The file a stem's postings are in: its own for long lists, else one
/// shared with the stems of the same first three letters.
fn postings_file(stem: &str, postings: usize) -> String {
    if postings > OWN_FILE {
        format!("s-{}", ascii_name(stem))
    } else {
        format!(
            "g-{}",
            ascii_name(&stem.chars().take(3).collect::<String>())
        )
    }
}

/// A word as an ASCII file name (other scripts as hex code points).
fn ascii_name(word: &str) -> String {
    if word.chars().all(|c| c.is_ascii_alphanumeric()) {
        word.to_string()
    } else {
        word.chars()
            .map(|c| format!("{:x}", c as u32))
            .collect::<Vec<_>>()
            .join("-")
    }
}

/// `[doc, weight, section, …]` with each document as the difference from
/// the one before (lists are sorted), which keeps numbers short. A stem's
/// list comes in parts, one per chunk of documents, in document order.
fn encode_postings(parts: impl Iterator<Item = impl Iterator<Item = Posting>>, out: &mut String) {
    out.push('[');
    let mut previous = 0;
    let mut first = true;
    for (doc, weight, section) in parts.flatten() {
        if !first {
            out.push(',');
        }
        first = false;
        push_number(out, doc - previous);
        out.push(',');
        push_number(out, u32::from(weight));
        out.push(',');
        push_number(out, u32::from(section));
        previous = doc;
    }
    out.push(']');
}

/// Appends `n` in decimal (millions of these per large index).
fn push_number(out: &mut String, n: u32) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// One document's entry in a stem's postings: document, weight, section.
type Posting = (u32, u16, u16);

/// Builds the search index of every item into files under `search/`,
/// handing each file to `emit` as soon as it is made.
pub fn build_index(
    library: &Library,
    bodies: &[Arc<Rendered>],
    emit: &(dyn Fn(OutputFile) + Sync),
) {
    build_index_with(library, bodies, emit, None);
}

/// Like [`build_index`]; with `cache`, chunks whose documents did not
/// change since the previous run are reused instead of indexed again, and
/// the cache is left holding this run's chunks.
pub fn build_index_with(
    library: &Library,
    bodies: &[Arc<Rendered>],
    emit: &(dyn Fn(OutputFile) + Sync),
    cache: Option<&mut IndexCache>,
) {
    let mut cache = cache;
    let timer = crate::timings::stage("    chunks");
    let indexed = chunks::index_all(library, bodies, emit, cache.as_deref_mut());
    drop(timer);
    let _timer = crate::timings::stage("    merge");
    let chunks: Vec<&Chunk> = indexed.chunks();
    let merged = Merged {
        before: cache.as_deref(),
        now: std::sync::Mutex::new(Vec::new()),
        emit,
    };
    write_merged(library, &chunks, &merged);
    let mut now = merged.now.into_inner().unwrap_or_default();
    if let Some(cache) = cache {
        now.sort_unstable();
        cache.merged = now;
    }
}

/// Where the merged files go: each is fingerprinted by its inputs, and one
/// whose inputs are those of the previous build's file is linked from
/// there instead of encoded again.
struct Merged<'a> {
    before: Option<&'a IndexCache>,
    now: std::sync::Mutex<Vec<(String, u128)>>,
    emit: &'a (dyn Fn(OutputFile) + Sync),
}

impl Merged<'_> {
    /// Emits file `path`, made from inputs fingerprinted `key` by `encode`.
    fn emit(&self, path: String, key: u128, encode: impl FnOnce() -> Vec<u8>) {
        let contents = match self.before.and_then(|c| c.merged_before(&path, key)) {
            Some(previous) => Contents::Checked(previous),
            None => Contents::Bytes(encode()),
        };
        if let Ok(mut now) = self.now.lock() {
            now.push((path.clone(), key));
        }
        (self.emit)(OutputFile { path, contents });
    }
}

/// Merges the chunks' vocabularies and postings and writes the index's
/// shared files: meta, filters, vocabulary shards and postings.
fn write_merged(library: &Library, chunks: &[&Chunk], merged: &Merged) {
    // Stems numbered across the library, each with its parts: (chunk, the
    // chunk's number for it).
    let mut stem_number: HashMap<&str, u32> = HashMap::default();
    let mut stems: Vec<&str> = Vec::new();
    let mut parts: Vec<Vec<(u32, u32)>> = Vec::new();
    let mut vocabulary: HashMap<&str, u32> = HashMap::default();
    for (c, chunk) in chunks.iter().enumerate() {
        let global: Vec<u32> = chunk
            .vocabulary
            .stems
            .iter()
            .enumerate()
            .map(|(local, stem)| {
                let n = *stem_number.entry(stem).or_insert_with(|| {
                    stems.push(stem);
                    parts.push(Vec::new());
                    (stems.len() - 1) as u32
                });
                parts[n as usize].push((c as u32, local as u32));
                n
            })
            .collect();
        for (word, stem) in chunk.vocabulary.listed() {
            vocabulary.entry(word).or_insert(global[stem as usize]);
        }
    }
    let file_of: Vec<String> = (0..stems.len())
        .into_par_iter()
        .map(|stem| {
            let postings = stem_postings(&parts[stem], chunks)
                .map(postings::PostingList::len)
                .sum();
            postings_file(stems[stem], postings)
        })
        .collect();

    // Vocabulary shards: word → [stem, postings file].
    let mut words: Vec<(&str, u32)> = vocabulary.into_iter().collect();
    words.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    let shards = vocabulary_shards(&words);
    // Postings files: the stems each holds.
    let mut posting_files: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (stem, file) in file_of.iter().enumerate() {
        posting_files.entry(file.as_str()).or_default().push(stem);
    }

    let shard_keys: Vec<&String> = shards.keys().collect();
    // The meta file is written beside the others.
    let index = Stems {
        names: &stems,
        files: &file_of,
        parts: &parts,
        chunks,
    };
    rayon::join(
        || write_meta_and_filters(library, chunks, &shard_keys, merged.emit),
        || write_words_and_postings(&shards, &posting_files, &index, merged),
    );
}

/// The merged stems: their names, postings files and parts, by number.
struct Stems<'a> {
    names: &'a [&'a str],
    files: &'a [String],
    parts: &'a [Vec<(u32, u32)>],
    chunks: &'a [&'a Chunk],
}

/// A stem's postings, part by part: `parts` says which chunks have it and
/// under which of their numbers.
fn stem_postings<'a>(
    parts: &'a [(u32, u32)],
    chunks: &'a [&Chunk],
) -> impl Iterator<Item = postings::PostingList<'a>> + 'a {
    parts
        .iter()
        .map(|&(c, local)| chunks[c as usize].postings.of(local as usize))
}

/// Writes the vocabulary shards and the postings files.
fn write_words_and_postings(
    shards: &BTreeMap<String, Vec<(&str, u32)>>,
    posting_files: &BTreeMap<&str, Vec<usize>>,
    index: &Stems,
    merged: &Merged,
) {
    let (stems, parts, chunks) = (index.names, index.parts, index.chunks);
    shards.par_iter().for_each(|(key, words)| {
        let words = ShardWords {
            words,
            stems: index,
        };
        let mut inputs = crate::fingerprint::Hasher::new();
        crate::fingerprint::feed(&mut inputs, &words);
        merged.emit(format!("search/words/{key}.json"), inputs.finish(), || {
            serde_json::to_vec(&words).unwrap_or_default()
        });
    });
    posting_files.par_iter().for_each(|(file, numbers)| {
        // The stems in order with the fingerprint of each part of their
        // lists, which is all the encoded file says: an edit re-encodes
        // only the files of the stems whose lists it changed. Without a
        // cache nothing is reused and the fingerprint is not needed.
        let mut inputs = crate::fingerprint::Hasher::new();
        if merged.before.is_some() {
            for &stem in numbers {
                inputs.text(stems[stem]);
                inputs.update(&(parts[stem].len() as u64).to_le_bytes());
                for &(c, local) in &parts[stem] {
                    let key = chunks[c as usize].postings.key_of(local as usize);
                    inputs.update(&key.to_le_bytes());
                }
            }
        }
        merged.emit(
            format!("search/postings/{file}.json"),
            inputs.finish(),
            || {
                let mut out = String::from("{");
                for (i, &stem) in numbers.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::to_string(stems[stem]).unwrap_or_default());
                    out.push(':');
                    encode_postings(
                        stem_postings(&parts[stem], chunks).map(postings::PostingList::iter),
                        &mut out,
                    );
                }
                out.push('}');
                out.into_bytes()
            },
        );
    });
}

/// Writes `search/meta.json` (counts, filter values, shards, where each
/// fragment file starts) and `search/filters.json` (each document's kind,
/// status and tags as numbers into those values).
fn write_meta_and_filters(
    library: &Library,
    chunks: &[&Chunk],
    shard_keys: &[&String],
    emit: &(dyn Fn(OutputFile) + Sync),
) {
    // Filters: each document's kind, status and tags, as numbers into the
    // lists of values.
    let mut kinds = Interned::default();
    let mut statuses = Interned::default();
    let mut tags = Interned::default();
    let doc_table: Vec<(usize, Option<usize>, Vec<usize>)> = library
        .items
        .iter()
        .map(|item| {
            (
                kinds.number(item.kind.label()),
                item.front.status.as_deref().map(|s| statuses.number(s)),
                item.front.tags.iter().map(|t| tags.number(t)).collect(),
            )
        })
        .collect();
    // Where each fragment file starts, as gaps from the one before.
    let mut previous = 0;
    let bundle_gaps: Vec<u32> = chunks
        .iter()
        .flat_map(|c| &c.bundles)
        .map(|&start| {
            let gap = start - previous;
            previous = start;
            gap
        })
        .collect();
    let meta = serde_json::json!({
        "version": 3,
        "count": library.items.len(),
        "kinds": kinds.values,
        "statuses": statuses.values,
        "tags": tags.values,
        "shards": shard_keys,
        "bundles": bundle_gaps,
    });

    let bytes = |path: String, data: Vec<u8>| OutputFile {
        path,
        contents: Contents::Bytes(data),
    };
    emit(bytes(
        "search/meta.json".into(),
        serde_json::to_vec(&meta).unwrap_or_default(),
    ));
    emit(bytes(
        "search/filters.json".into(),
        serde_json::to_vec(&doc_table).unwrap_or_default(),
    ));
}

/// Values numbered in the order first met.
#[derive(Default)]
struct Interned<'a> {
    values: Vec<&'a str>,
    numbers: HashMap<&'a str, usize>,
}

impl<'a> Interned<'a> {
    fn number(&mut self, value: &'a str) -> usize {
        *self.numbers.entry(value).or_insert_with(|| {
            self.values.push(value);
            self.values.len() - 1
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_are_delta_encoded_in_decimal() {
        let mut out = String::new();
        let a: &[Posting] = &[(3, 12, 0), (4000000000, 10000, 65535)];
        let b: &[Posting] = &[(4000000011, 1, 2)];
        encode_postings([a, b].into_iter().map(|p| p.iter().copied()), &mut out);
        assert_eq!(out, "[3,12,0,3999999997,10000,65535,11,1,2]");
    }

    #[test]
    fn shards_are_ascii_file_names() {
        assert_eq!(shard_of("mentoring"), "me");
        assert_eq!(shard_of("a"), "a");
        assert_eq!(shard_of("привет"), "43f-440");
    }
}
