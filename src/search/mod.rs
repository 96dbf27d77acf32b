//! Search: an index built from the rendered pages, split into small files so
//! a reader's first query downloads only what it needs, at any library size.
//!
//! - `search/meta.json`: every document's kind, status and tags (for
//!   filters) and the list of word shards.
//! - `search/words/<xx>.json`: the words starting with `xx`, each with its
//!   stem, and the postings of those stems: document, weight (title and
//!   heading matches weigh most) and the section that matches best.
//! - `search/docs/<n>.json`: one document's title, URL, kind, tags and its
//!   sections' text, fetched only for the results shown (snippets, phrases).
//!
//! The script (`search.js` in the theme) stems nothing itself: it looks
//! words up by prefix in the vocabulary, which maps them to stems, so the
//! index and the query always agree on word forms.

mod text;

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::library::Library;
use crate::markdown::Rendered;
use crate::site::{Contents, OutputFile};
pub use text::{html_sections, Section, Tokens};

/// Weights of where a word is found.
const TITLE: u32 = 12;
const HEADING: u32 = 5;
const TAG: u32 = 4;
/// Body words count once per occurrence, up to this many.
const BODY_CAP: u32 = 4;
/// Section text kept per document for snippets.
const SECTION_TEXT: usize = 4000;

#[derive(Serialize)]
struct DocFragment<'a> {
    t: &'a str,
    u: String,
    k: &'static str,
    g: &'a [String],
    s: Option<&'a str>,
    d: Option<String>,
    /// Sections: (anchor, heading, text).
    h: Vec<(String, String, String)>,
}

/// What the index keeps of one document: (stem, weight, best section).
type DocTerms = Vec<(String, u32, u16)>;

/// Indexes one document: its stems with weights, its fragment written out
/// at once through `emit`, and its words added to `cache` (word → stem),
/// which becomes the vocabulary.
fn index_document(
    library: &Library,
    id: usize,
    body: &Rendered,
    tokens: &Tokens,
    cache: &mut HashMap<String, String>,
    emit: &(dyn Fn(OutputFile) + Sync),
) -> DocTerms {
    let item = &library.items[id];
    let sections = html_sections(&body.html);
    // Every text of the document, lowercased once: (text, weight, section);
    // weight 0 marks body text, which counts per occurrence.
    let mut texts: Vec<(String, u32, u16)> = vec![(item.title.to_lowercase(), TITLE, 0)];
    for tag in item.front.tags.iter().chain(&item.front.themes) {
        texts.push((tag.replace('-', " ").to_lowercase(), TAG, 0));
    }
    for (index, section) in sections.iter().enumerate() {
        let index = index.min(u16::MAX as usize) as u16;
        texts.push((section.heading.to_lowercase(), HEADING, index));
        texts.push((section.text.to_lowercase(), 0, index));
    }
    // Distinct words with their weight and the section of the strongest match.
    let mut found: HashMap<&str, (u32, u16, u32)> = HashMap::default();
    for (text, weight, section) in &texts {
        for word in tokens.split(text) {
            let entry = found.entry(word).or_insert((0, *section, 0));
            if *weight == 0 {
                entry.2 += 1;
            } else {
                if *weight >= entry.0 {
                    entry.1 = *section;
                }
                entry.0 = entry.0.saturating_add(*weight);
            }
        }
    }
    let mut stems: HashMap<String, (u32, u16)> =
        HashMap::with_capacity_and_hasher(found.len(), Default::default());
    for (word, (field_weight, section, body_count)) in found {
        let stem = match cache.get(word) {
            Some(stem) => stem.clone(),
            None => {
                let stem = tokens.stem(word);
                cache.insert(word.to_string(), stem.clone());
                stem
            }
        };
        let weight = field_weight + body_count.min(BODY_CAP);
        let entry = stems.entry(stem.clone()).or_insert((0, section));
        if field_weight > 0 && field_weight >= entry.0 {
            entry.1 = section;
        }
        entry.0 = entry.0.saturating_add(weight).min(10_000);
    }
    let fragment = DocFragment {
        t: &item.title,
        u: library.url(id),
        k: item.kind.label(),
        g: &item.front.tags,
        s: item.front.status.as_deref(),
        d: item.date().map(|d| d.human()),
        h: sections
            .into_iter()
            .map(|s| {
                let text: String = s.text.chars().take(SECTION_TEXT).collect();
                (s.anchor, s.heading, text)
            })
            .collect(),
    };
    emit(OutputFile {
        path: format!("search/docs/{id}.json"),
        contents: Contents::Bytes(serde_json::to_vec(&fragment).unwrap_or_default()),
    });
    stems
        .into_iter()
        .map(|(stem, (weight, section))| (stem, weight, section))
        .collect()
}

/// The shard a word belongs to: its first two characters.
pub fn shard_of(word: &str) -> String {
    ascii_name(&word.chars().take(2).collect::<String>())
}

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
/// the one before (lists are sorted), which keeps numbers short.
fn encode_postings(list: &[(u32, u32, u16)], out: &mut String) {
    use std::fmt::Write as _;
    out.push('[');
    let mut previous = 0;
    for (i, (doc, weight, section)) in list.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{},{},{}", doc - previous, weight, section);
        previous = *doc;
    }
    out.push(']');
}

/// Builds the search index of every item into files under `search/`,
/// handing each file to `emit` as soon as it is made.
pub fn build_index(
    library: &Library,
    bodies: &[std::sync::Arc<Rendered>],
    emit: &(dyn Fn(OutputFile) + Sync),
) {
    let tokens = Tokens::default();
    // Chunks of documents, each with its own stem cache; the caches together
    // are the vocabulary.
    let ids: Vec<usize> = (0..library.items.len()).collect();
    let chunks: Vec<(HashMap<String, String>, Vec<DocTerms>)> = ids
        .par_chunks(256)
        .map(|ids| {
            let mut cache = HashMap::default();
            let docs = ids
                .iter()
                .map(|&id| index_document(library, id, &bodies[id], &tokens, &mut cache, emit))
                .collect();
            (cache, docs)
        })
        .collect();

    // stem → postings, documents in order.
    let mut postings: HashMap<&str, Vec<(u32, u32, u16)>> = HashMap::default();
    let mut vocabulary: HashMap<&str, &str> = HashMap::default();
    let mut doc = 0u32;
    for (cache, docs) in &chunks {
        for terms in docs {
            for (stem, weight, section) in terms {
                postings
                    .entry(stem.as_str())
                    .or_default()
                    .push((doc, *weight, *section));
            }
            doc += 1;
        }
        for (word, stem) in cache {
            vocabulary.entry(word.as_str()).or_insert(stem.as_str());
        }
    }
    let file_of: HashMap<&str, String> = postings
        .iter()
        .map(|(stem, list)| (*stem, postings_file(stem, list.len())))
        .collect();

    // Vocabulary shards: word → [stem, postings file].
    let mut shards: BTreeMap<String, BTreeMap<&str, (&str, &str)>> = BTreeMap::new();
    for (word, stem) in &vocabulary {
        if let Some(file) = file_of.get(stem) {
            shards
                .entry(shard_of(word))
                .or_default()
                .insert(word, (stem, file.as_str()));
        }
    }
    // Postings files: stem → encoded list.
    let mut posting_files: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (stem, file) in &file_of {
        posting_files.entry(file.as_str()).or_default().push(stem);
    }

    let mut kinds: Vec<&str> = Vec::new();
    let mut statuses: Vec<&str> = Vec::new();
    let mut tags: Vec<&str> = Vec::new();
    fn position<'a>(list: &mut Vec<&'a str>, value: &'a str) -> usize {
        list.iter().position(|v| *v == value).unwrap_or_else(|| {
            list.push(value);
            list.len() - 1
        })
    }
    let mut doc_table: Vec<(usize, Option<usize>, Vec<usize>)> =
        Vec::with_capacity(library.items.len());
    for item in &library.items {
        let k = position(&mut kinds, item.kind.label());
        let s = item
            .front
            .status
            .as_deref()
            .map(|status| position(&mut statuses, status));
        let g = item
            .front
            .tags
            .iter()
            .map(|tag| position(&mut tags, tag))
            .collect();
        doc_table.push((k, s, g));
    }
    let meta = serde_json::json!({
        "version": 2,
        "count": library.items.len(),
        "kinds": kinds,
        "statuses": statuses,
        "tags": tags,
        "shards": shards.keys().collect::<Vec<_>>(),
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
    shards.par_iter().for_each(|(key, words)| {
        emit(bytes(
            format!("search/words/{key}.json"),
            serde_json::to_vec(words).unwrap_or_default(),
        ));
    });
    posting_files.par_iter().for_each(|(file, stems)| {
        let mut out = String::from("{");
        for (i, stem) in stems.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&serde_json::to_string(stem).unwrap_or_default());
            out.push(':');
            encode_postings(&postings[stem], &mut out);
        }
        out.push('}');
        emit(bytes(
            format!("search/postings/{file}.json"),
            out.into_bytes(),
        ));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_ascii_file_names() {
        assert_eq!(shard_of("mentoring"), "me");
        assert_eq!(shard_of("a"), "a");
        assert_eq!(shard_of("привет"), "43f-440");
    }
}
