//! The repeat guard: is a new angle too close to something already
//! published? Texts are compared by TF-IDF cosine similarity over word stems
//! (Snowball English: "mentoring", "mentors" and "mentor" are one word), with
//! case, punctuation and common words set aside. Published pieces are found
//! through an inverted index, so each angle is compared only with pieces
//! that share a word with it.

use std::collections::HashSet;

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use rust_stemmers::{Algorithm, Stemmer};

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
    pub fn stems(&self, text: &str) -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 1 && !w.chars().all(|c| c.is_ascii_digit()))
            .map(str::to_lowercase)
            .filter(|w| !self.stop.contains(w.as_str()))
            .map(|w| self.stemmer.stem(&w).into_owned())
            .collect()
    }
}

/// The most texts a word may be in and still find the pieces that share
/// it: a word counts as uncommon when at most one text in fifty has it (at
/// least 20), and never when more than this many do. Without the bound
/// each word's list of pieces would grow with the library, and the
/// comparisons with its square; a library of 10,000 items stays under it.
const MAX_RARE: usize = 200;

/// A text as a unit-length TF-IDF vector: (term id, weight), sorted by term.
type Vector = Vec<(u32, f64)>;

fn vectorise(terms: &[u32], idf: &[f64]) -> Vector {
    let mut sorted = terms.to_vec();
    sorted.sort_unstable();
    let mut vector: Vector = Vec::with_capacity(sorted.len());
    for chunk in sorted.chunk_by(|a, b| a == b) {
        let term = chunk[0];
        let weight = (1.0 + (chunk.len() as f64).ln()) * idf[term as usize];
        vector.push((term, weight));
    }
    let norm = vector.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        vector.iter_mut().for_each(|(_, w)| *w /= norm);
    }
    vector
}

fn cosine(a: &Vector, b: &Vector) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// A pair that is too close.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Repeat {
    /// Index of the new text.
    pub candidate: usize,
    /// Index of the published text.
    pub published: usize,
    /// Cosine similarity, 0 to 1.
    pub score: f64,
}

/// Compares every candidate text with every published text and returns the
/// pairs scoring at least `threshold`, best first for each candidate.
///
/// Pairs are found through the terms they share that are rare in the
/// corpus; the score of each pair found is the exact cosine. Two texts that
/// share no uncommon word at all do not restate each other, and skipping
/// the long lists of common words keeps this linear.
pub fn find_repeats(candidates: &[String], published: &[String], threshold: f64) -> Vec<Repeat> {
    let tokenizer = Tokenizer::default();
    let mut ids: HashMap<String, u32> = HashMap::default();
    let stems: Vec<Vec<String>> = candidates
        .par_iter()
        .chain(published.par_iter())
        .map(|t| tokenizer.stems(t))
        .collect();
    let docs: Vec<Vec<u32>> = stems
        .into_iter()
        .map(|words| {
            words
                .into_iter()
                .map(|w| {
                    let next = ids.len() as u32;
                    *ids.entry(w).or_insert(next)
                })
                .collect()
        })
        .collect();
    let mut df = vec![0u32; ids.len()];
    for doc in &docs {
        let mut unique = doc.clone();
        unique.sort_unstable();
        unique.dedup();
        for term in unique {
            df[term as usize] += 1;
        }
    }
    let n = docs.len() as f64;
    let idf: Vec<f64> = df
        .iter()
        .map(|&d| ((1.0 + n) / (1.0 + d as f64)).ln() + 1.0)
        .collect();
    let vectors: Vec<Vector> = docs.par_iter().map(|d| vectorise(d, &idf)).collect();
    let (candidate_vectors, published_vectors) = vectors.split_at(candidates.len());

    let rare_limit = (docs.len() / 50).clamp(20, MAX_RARE) as u32;
    let mut index: HashMap<u32, Vec<u32>> = HashMap::default();
    for (id, vector) in published_vectors.iter().enumerate() {
        for &(term, _) in vector {
            if df[term as usize] <= rare_limit {
                index.entry(term).or_default().push(id as u32);
            }
        }
    }
    candidate_vectors
        .par_iter()
        .enumerate()
        .flat_map_iter(|(candidate, vector)| {
            let mut seen: Vec<u32> = vector
                .iter()
                .filter_map(|(term, _)| index.get(term))
                .flatten()
                .copied()
                .collect();
            seen.sort_unstable();
            seen.dedup();
            let mut close: Vec<Repeat> = seen
                .into_iter()
                .filter_map(|p| {
                    let score = cosine(vector, &published_vectors[p as usize]);
                    (score >= threshold).then(|| Repeat {
                        candidate,
                        published: p as usize,
                        score: score.min(1.0),
                    })
                })
                .collect();
            close.sort_by(|a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then(a.published.cmp(&b.published))
            });
            close
        })
        .collect()
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

    #[test]
    fn a_restatement_is_close_and_a_new_subject_is_not() {
        let published = vec![
            "Junior → Task, Middle → Project, Senior → Standard, Management → Team".to_string(),
            "The 4 Mental Shifts That Define Engineering Growth. All 4 levels with detailed mindset shifts".to_string(),
        ];
        let candidates = vec![
            "What each level delivers: juniors deliver tasks, middles own projects, seniors set standards, managers build teams".to_string(),
            "Running effective incident postmortems without blame".to_string(),
        ];
        let repeats = find_repeats(&candidates, &published, 0.4);
        assert!(
            repeats.iter().any(|r| r.candidate == 0 && r.published == 0),
            "{repeats:?}"
        );
        assert!(!repeats.iter().any(|r| r.candidate == 1), "{repeats:?}");
    }

    #[test]
    fn a_word_in_more_texts_than_the_bound_finds_none_of_them() {
        // 20,000 texts: one in fifty is 400, above the bound. A word in
        // 300 of them is common by the bound, so it alone finds nothing,
        // however close the texts that share it would score; a word in
        // 150 is uncommon and finds its texts.
        let words = ["alpha", "bravo", "delta", "gamma", "kilo", "lima"];
        let published: Vec<String> = (0..20_000)
            .map(|i| {
                let own = format!("{}{}", words[i % 6], i / 6);
                match i {
                    0..300 => format!("zeta {own}"),
                    300..450 => format!("theta {own}"),
                    _ => own,
                }
            })
            .collect();
        let repeats = find_repeats(&["zeta".into()], &published, 0.3);
        assert!(repeats.is_empty(), "{} found", repeats.len());
        let repeats = find_repeats(&["theta".into()], &published, 0.3);
        assert_eq!(repeats.len(), 150);
    }

    #[test]
    fn identical_text_scores_one() {
        let r = find_repeats(
            &["delegation tips".into()],
            &["Delegation tips".into()],
            0.99,
        );
        assert_eq!(r.len(), 1);
        assert!((r[0].score - 1.0).abs() < 1e-9);
    }
}
