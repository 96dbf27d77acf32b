//! The repeat guard: is a new angle too close to something already
//! published? Texts are compared by TF-IDF cosine similarity over word stems
//! (Snowball English: "mentoring", "mentors" and "mentor" are one word), with
//! case, punctuation and common words set aside. Published pieces are found
//! through an inverted index, so each angle is compared only with pieces
//! that share a word with it.

use std::collections::{HashMap, HashSet};

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

/// A text as a unit-length TF-IDF vector.
type Vector = HashMap<String, f64>;

fn vectorise(stems: &[String], idf: &HashMap<String, f64>) -> Vector {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for s in stems {
        *counts.entry(s).or_insert(0) += 1;
    }
    let mut vector: Vector = counts
        .into_iter()
        .map(|(stem, n)| {
            let weight = (1.0 + (n as f64).ln()) * idf.get(stem).copied().unwrap_or(1.0);
            (stem.to_string(), weight)
        })
        .collect();
    let norm = vector.values().map(|w| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        vector.values_mut().for_each(|w| *w /= norm);
    }
    vector
}

/// A pair that is too close.
#[derive(Debug, Clone, PartialEq)]
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
pub fn find_repeats(candidates: &[String], published: &[String], threshold: f64) -> Vec<Repeat> {
    let tokenizer = Tokenizer::default();
    let candidate_stems: Vec<Vec<String>> = candidates.iter().map(|t| tokenizer.stems(t)).collect();
    let published_stems: Vec<Vec<String>> = published.iter().map(|t| tokenizer.stems(t)).collect();

    // Smoothed inverse document frequency over both sides.
    let mut df: HashMap<&str, usize> = HashMap::new();
    for stems in candidate_stems.iter().chain(&published_stems) {
        let unique: HashSet<&str> = stems.iter().map(String::as_str).collect();
        for stem in unique {
            *df.entry(stem).or_insert(0) += 1;
        }
    }
    let n = (candidate_stems.len() + published_stems.len()) as f64;
    let idf: HashMap<String, f64> = df
        .into_iter()
        .map(|(stem, d)| (stem.to_string(), ((1.0 + n) / (1.0 + d as f64)).ln() + 1.0))
        .collect();

    let published_vectors: Vec<Vector> =
        published_stems.iter().map(|s| vectorise(s, &idf)).collect();
    let mut index: HashMap<&str, Vec<(usize, f64)>> = HashMap::new();
    for (id, vector) in published_vectors.iter().enumerate() {
        for (stem, weight) in vector {
            index.entry(stem.as_str()).or_default().push((id, *weight));
        }
    }

    let mut repeats = Vec::new();
    for (candidate, stems) in candidate_stems.iter().enumerate() {
        let vector = vectorise(stems, &idf);
        let mut scores: HashMap<usize, f64> = HashMap::new();
        for (stem, weight) in &vector {
            for (id, other) in index.get(stem.as_str()).into_iter().flatten() {
                *scores.entry(*id).or_insert(0.0) += weight * other;
            }
        }
        let mut close: Vec<Repeat> = scores
            .into_iter()
            .filter(|&(_, score)| score >= threshold)
            .map(|(published, score)| Repeat {
                candidate,
                published,
                score: score.min(1.0),
            })
            .collect();
        close.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.published.cmp(&b.published))
        });
        repeats.extend(close);
    }
    repeats
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
