//! Text as word stems for the repeat guard: Snowball English stems
//! ("mentoring", "mentors" and "mentor" are one word), with case,
//! punctuation, numbers and common words set aside, numbered so that texts
//! can be compared as vectors.

use std::collections::HashSet;

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap as HashMap;

/// Words that carry no subject: English function words, and the words every
/// note about publishing uses.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "don",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "let",
    "me",
    "more",
    "most",
    "my",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "vs",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "s",
    "t",
    "re",
    "ve",
    "ll",
    "d",
    // The vocabulary of the notes themselves, not of their subjects.
    "post",
    "posts",
    "idea",
    "ideas",
    "angle",
    "angles",
    "content",
    "published",
    "publish",
    "new",
    "article",
    "articles",
    "short",
    "long",
    "moment",
    "moments",
    "core",
    "insight",
    "show",
    "compare",
    "tie",
    "back",
    "existing",
    "primary",
    "opportunity",
    "covers",
    "links",
    "connects",
    "md",
    "workspace",
    "linkedin",
];

/// Turns text into word stems.
pub struct Tokenizer {
    stemmer: Stemmer,
    stop: HashSet<&'static str>,
}

impl Default for Tokenizer {
    fn default() -> Self {
        Tokenizer {
            stemmer: Stemmer::create(Algorithm::English),
            stop: STOP_WORDS.iter().copied().collect(),
        }
    }
}

impl Tokenizer {
    /// The stems of the words of `text`, in order, without common words.
    #[cfg(test)]
    pub fn stems(&self, text: &str) -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter_map(|w| self.stem_of(w))
            .collect()
    }

    /// The stem of one word as written, or `None` for a word that carries
    /// no subject: a single character, a number, a common word.
    pub(super) fn stem_of(&self, word: &str) -> Option<String> {
        if word.chars().nth(1).is_none() || word.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let lower = word.to_lowercase();
        if self.stop.contains(lower.as_str()) {
            return None;
        }
        Some(self.stemmer.stem(&lower).into_owned())
    }
}

/// Texts stemmed in parallel parts of this many.
const PART_TEXTS: usize = 256;

/// The stems of every text as numbers, each stem numbered in the order it
/// first appears across the texts (as one pass in order would), and how
/// many stems there are.
///
/// A library repeats its words far more than it has them, so each part
/// stems each distinct word once; the parts are then numbered in order.
pub(super) fn numbered_stems(texts: &[&str]) -> (Vec<Vec<u32>>, usize) {
    let tokenizer = Tokenizer::default();
    let parts: Vec<(Vec<Vec<u32>>, Vec<String>)> = texts
        .par_chunks(PART_TEXTS)
        .map(|part| {
            // Local numbers by the word as written (None: a common word),
            // and each local number's stem.
            let mut words: HashMap<&str, Option<u32>> = HashMap::default();
            let mut stems: Vec<String> = Vec::new();
            let docs = part
                .iter()
                .map(|text| {
                    text.split(|c: char| !c.is_alphanumeric())
                        .filter_map(|word| {
                            *words.entry(word).or_insert_with(|| {
                                let stem = tokenizer.stem_of(word)?;
                                stems.push(stem);
                                Some(stems.len() as u32 - 1)
                            })
                        })
                        .collect()
                })
                .collect();
            (docs, stems)
        })
        .collect();
    let mut numbers: HashMap<String, u32> = HashMap::default();
    let mut docs = Vec::with_capacity(texts.len());
    for (part_docs, stems) in parts {
        let mut global = vec![u32::MAX; stems.len()];
        let mut stems: Vec<Option<String>> = stems.into_iter().map(Some).collect();
        for doc in part_docs {
            docs.push(
                doc.into_iter()
                    .map(|local| {
                        let local = local as usize;
                        if global[local] == u32::MAX {
                            let next = numbers.len() as u32;
                            let stem = stems[local].take().unwrap_or_default();
                            global[local] = *numbers.entry(stem).or_insert(next);
                        }
                        global[local]
                    })
                    .collect(),
            );
        }
    }
    let terms = numbers.len();
    (docs, terms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_normalise_word_forms_case_and_punctuation() {
        let t = Tokenizer::default();
        assert_eq!(
            t.stems("Mentoring, MENTORS; mentor!"),
            ["mentor", "mentor", "mentor"]
        );
        assert_eq!(t.stems("Reviews of the review"), ["review", "review"]);
        assert!(t.stems("the and of 42").is_empty());
    }

    /// Stems are numbered as one pass over the texts in order would number
    /// them, whichever part of the texts stemmed them.
    #[test]
    fn stems_are_numbered_in_order_of_first_appearance_across_parts() {
        let words = [
            "Mentoring",
            "review",
            "Reviews",
            "the",
            "42",
            "delegate",
            "x",
        ];
        let texts: Vec<String> = (0..3 * PART_TEXTS + 7)
            .map(|i| format!("{} {} new{}", words[i % 7], words[(i / 7) % 7], i % 300))
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let (docs, terms) = numbered_stems(&refs);
        let tokenizer = Tokenizer::default();
        let mut numbers: HashMap<String, u32> = HashMap::default();
        let expected: Vec<Vec<u32>> = texts
            .iter()
            .map(|t| {
                tokenizer
                    .stems(t)
                    .into_iter()
                    .map(|stem| {
                        let next = numbers.len() as u32;
                        *numbers.entry(stem).or_insert(next)
                    })
                    .collect()
            })
            .collect();
        assert_eq!(docs, expected);
        assert_eq!(terms, numbers.len());
    }
}
