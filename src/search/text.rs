//! Words for the search index: splitting text and stemming.

use rust_stemmers::{Algorithm, Stemmer};

/// Words too common to search for.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "in",
    "is", "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "was", "were",
    "will", "with",
];

/// Splits text into words and stems them (Snowball English).
pub struct Tokens {
    stemmer: Stemmer,
}

impl Default for Tokens {
    fn default() -> Self {
        Tokens {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }
}

impl Tokens {
    /// The searchable words of already lowercased `text`, as slices of it.
    pub fn split<'t>(&self, text: &'t str) -> impl Iterator<Item = &'t str> + 't {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .filter(|w| w.chars().count() > 1 || w.chars().all(|c| c.is_ascii_digit()))
            .filter(|w| !STOP_WORDS.contains(w))
    }

    /// The stem of a lowercased word.
    pub fn stem(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }

    /// The searchable words of `text`, lowercased, each with its stem.
    pub fn words(&self, text: &str) -> Vec<(String, String)> {
        self.split(&text.to_lowercase())
            .map(|w| (w.to_string(), self.stem(w)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercased_stemmed_and_filtered() {
        let words = Tokens::default().words("Mentoring the Reviews, and 1:1 questions!");
        let stems: Vec<&str> = words.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(stems, ["mentor", "review", "1", "1", "question"]);
        assert_eq!(words[0].0, "mentoring");
    }
}
