//! Words for the search index: splitting text and stemming.

use rust_stemmers::{Algorithm, Stemmer};

/// Words too common to search for.
fn is_stop_word(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "and"
            | "are"
            | "as"
            | "at"
            | "be"
            | "but"
            | "by"
            | "for"
            | "from"
            | "has"
            | "have"
            | "in"
            | "is"
            | "it"
            | "its"
            | "of"
            | "on"
            | "or"
            | "that"
            | "the"
            | "their"
            | "this"
            | "to"
            | "was"
            | "were"
            | "will"
            | "with"
    )
}

/// Whether a word is worth indexing: not a stop word, and more than one
/// character unless it is a digit (`1:1` has to be findable).
fn is_searchable(word: &str) -> bool {
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (None, _) => false,
        (Some(c), None) => c.is_ascii_digit(),
        _ => !is_stop_word(word),
    }
}

/// The runs of letters and digits of a text. ASCII (most of any text) is
/// classified byte by byte; other characters by their Unicode class.
struct Words<'t> {
    text: &'t str,
    at: usize,
}

impl Words<'_> {
    /// Whether the character at byte `at` is a letter or digit, and its length.
    fn class_at(&self, at: usize) -> (bool, usize) {
        let byte = self.text.as_bytes()[at];
        if byte.is_ascii() {
            return (byte.is_ascii_alphanumeric(), 1);
        }
        self.text[at..]
            .chars()
            .next()
            .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8()))
    }
}

impl<'t> Iterator for Words<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        let len = self.text.len();
        while self.at < len {
            let (word, width) = self.class_at(self.at);
            if word {
                break;
            }
            self.at += width;
        }
        if self.at >= len {
            return None;
        }
        let start = self.at;
        while self.at < len {
            let (word, width) = self.class_at(self.at);
            if !word {
                break;
            }
            self.at += width;
        }
        Some(&self.text[start..self.at])
    }
}

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
        Words { text, at: 0 }.filter(|w| is_searchable(w))
    }

    /// Calls `each` with every searchable word of `text`, lowercased. ASCII
    /// text (most text) is lowercased and split in one pass through a
    /// reused buffer; other text is lowercased whole first, as the script
    /// does, so both agree on every script.
    pub fn each_word(&self, text: &str, buffer: &mut String, mut each: impl FnMut(&str)) {
        if !text.is_ascii() {
            for word in self.split(&text.to_lowercase()) {
                each(word);
            }
            return;
        }
        let mut emit = |word: &str| {
            // Most words are lowercase already and go as they are.
            let word = if word.bytes().any(|b| b.is_ascii_uppercase()) {
                buffer.clear();
                buffer.push_str(word);
                buffer.make_ascii_lowercase();
                buffer.as_str()
            } else {
                word
            };
            if is_searchable(word) {
                each(word);
            }
        };
        let mut start = None;
        for (at, byte) in text.bytes().enumerate() {
            if byte.is_ascii_alphanumeric() {
                start.get_or_insert(at);
            } else if let Some(from) = start.take() {
                emit(&text[from..at]);
            }
        }
        if let Some(from) = start {
            emit(&text[from..]);
        }
    }

    /// The stem of a lowercased word.
    pub fn stem(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercased_stemmed_and_filtered() {
        let tokens = Tokens::default();
        let mut buffer = String::new();
        let mut words: Vec<(String, String)> = Vec::new();
        tokens.each_word(
            "Mentoring the Reviews, and 1:1 questions!",
            &mut buffer,
            |w| words.push((w.to_string(), tokens.stem(w))),
        );
        let stems: Vec<&str> = words.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(stems, ["mentor", "review", "1", "1", "question"]);
        assert_eq!(words[0].0, "mentoring");
    }

    #[test]
    fn words_are_runs_of_letters_and_digits_in_any_script() {
        let words: Vec<&str> = Words {
            text: "1:1 — привет,мир! naïve x2 ",
            at: 0,
        }
        .collect();
        assert_eq!(words, ["1", "1", "привет", "мир", "naïve", "x2"]);
    }

    #[test]
    fn the_ascii_pass_finds_what_the_general_one_does() {
        let tokens = Tokens::default();
        let mut buffer = String::new();
        for text in [
            "Mentoring the Reviews, and 1:1 questions!",
            "x2 a-b  C++ e.g. OK",
            "Naïve ΣΟΦΙΑΣ İstanbul",
            "",
        ] {
            let mut fast = Vec::new();
            tokens.each_word(text, &mut buffer, |w| fast.push(w.to_string()));
            let general: Vec<String> = tokens
                .split(&text.to_lowercase())
                .map(str::to_string)
                .collect();
            assert_eq!(fast, general, "{text}");
        }
    }

    #[test]
    fn single_letters_and_stop_words_are_left_out_but_digits_stay() {
        let tokens = Tokens::default();
        let words: Vec<&str> = tokens.split("a b 7 to ok with él").collect();
        assert_eq!(words, ["7", "ok", "él"]);
    }
}
