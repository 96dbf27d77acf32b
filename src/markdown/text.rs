//! The plain text of a page, split at its `h2`–`h4` headings, gathered while
//! the markdown renders so the search index never has to take the HTML
//! apart again.

/// A part of a page under one heading, as plain text.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TextSection {
    /// The heading's id (empty for text before the first heading).
    pub anchor: String,
    /// The heading's text.
    pub heading: String,
    /// The section's text, whitespace folded to single spaces.
    pub text: String,
}

/// Collects text into sections as render events arrive.
#[derive(Debug, Default)]
pub(super) struct SectionText {
    sections: Vec<TextSection>,
    /// A block ended since the last word: the next word needs a space even
    /// if the text itself does not start with one.
    gap: bool,
}

impl SectionText {
    /// Appends text. Whitespace runs become one space; text that continues
    /// a word (`foo` then `*bar*`) joins it.
    pub fn push(&mut self, text: &str) {
        if self.sections.is_empty() {
            self.sections.push(TextSection::default());
        }
        let Some(section) = self.sections.last_mut() else {
            return;
        };
        let out = &mut section.text;
        let space = self.gap || text.starts_with(char::is_whitespace);
        let wrote = if text.is_ascii() {
            push_ascii(out, text, space)
        } else {
            push_words(out, text.split_whitespace(), space)
        };
        self.gap = if wrote {
            text.ends_with(char::is_whitespace)
        } else {
            self.gap || !text.is_empty()
        };
    }

    /// Marks the end of a block: the next text starts a new word.
    pub fn gap(&mut self) {
        self.gap = true;
    }

    /// Starts the section of a heading.
    pub fn start_section(&mut self, anchor: &str, heading: &str) {
        self.sections.push(TextSection {
            anchor: anchor.to_string(),
            heading: heading.to_string(),
            text: String::new(),
        });
        self.gap = false;
    }

    /// The sections with any text or heading.
    pub fn finish(mut self) -> Vec<TextSection> {
        self.sections
            .retain(|s| !s.text.is_empty() || !s.heading.is_empty());
        self.sections
    }
}

/// Whether `byte` is whitespace as `char::is_whitespace` has it (ASCII
/// whitespace and the vertical tab).
fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// Appends `words` to `out`, one space between them and one before the
/// first if `space` and `out` has text; whether any was written.
fn push_words<'t>(out: &mut String, words: impl Iterator<Item = &'t str>, mut space: bool) -> bool {
    let mut wrote = false;
    for word in words {
        if space && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        space = true;
        wrote = true;
    }
    wrote
}

/// [`push_words`] of the whitespace-separated words of ASCII `text`, the
/// way a page's text is: words already one plain space apart are copied as
/// one run rather than a word at a time (most text, and in a long library
/// a twentieth of a first build's time went to this).
fn push_ascii(out: &mut String, text: &str, mut space: bool) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut wrote = false;
    while at < bytes.len() {
        while at < bytes.len() && is_space(bytes[at]) {
            at += 1;
        }
        if at == bytes.len() {
            break;
        }
        let start = at;
        loop {
            while at < bytes.len() && !is_space(bytes[at]) {
                at += 1;
            }
            if at + 1 < bytes.len() && bytes[at] == b' ' && !is_space(bytes[at + 1]) {
                at += 1;
            } else {
                break;
            }
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text[start..at]);
        space = true;
        wrote = true;
    }
    wrote
}

/// How many whitespace-separated words `text` has, as
/// `text.split_whitespace().count()` counts them.
pub(super) fn word_count(text: &str) -> usize {
    if !text.is_ascii() {
        return text.split_whitespace().count();
    }
    let mut count = 0;
    let mut in_word = false;
    for &byte in text.as_bytes() {
        let space = is_space(byte);
        count += usize::from(!space && !in_word);
        in_word = !space;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_and_blocks_separate() {
        let mut t = SectionText::default();
        t.push("Intro  &\n more");
        t.push("over");
        t.gap();
        t.push("next");
        t.push(" block ");
        t.push("end");
        t.start_section("core", "Core");
        t.push("body");
        let sections = t.finish();
        assert_eq!(sections[0].text, "Intro & moreover next block end");
        assert_eq!(sections[1].anchor, "core");
        assert_eq!(sections[1].text, "body");
    }

    #[test]
    fn ascii_text_is_folded_and_counted_as_any_text_is() {
        let samples = [
            "",
            " ",
            "one",
            " one ",
            "one two",
            "one  two",
            "a\tb\nc\r\nd",
            "x\u{b}y\u{c}z",
            "  lead",
            "trail  ",
            "run of words. then, more ",
            "a \n b",
            "word\t",
            "\n\n",
            "end.  ",
        ];
        for (i, text) in samples.iter().enumerate() {
            for space in [false, true] {
                for before in ["", "kept"] {
                    let (mut fast, mut slow) = (before.to_string(), before.to_string());
                    let wrote_fast = push_ascii(&mut fast, text, space);
                    let wrote_slow = push_words(&mut slow, text.split_whitespace(), space);
                    assert_eq!((fast, wrote_fast), (slow, wrote_slow), "sample {i}");
                }
            }
            assert_eq!(
                word_count(text),
                text.split_whitespace().count(),
                "sample {i}"
            );
        }
        assert_eq!(
            word_count("café au lait\u{a0}noir"),
            4,
            "non-ASCII text as split_whitespace counts it"
        );
    }

    #[test]
    fn empty_sections_are_dropped() {
        let mut t = SectionText::default();
        t.start_section("", "");
        t.start_section("a", "A");
        assert_eq!(t.finish().len(), 1);
    }
}
