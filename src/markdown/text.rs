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
        let mut space = self.gap || text.starts_with(char::is_whitespace);
        let mut wrote = false;
        for word in text.split_whitespace() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
            space = true;
            wrote = true;
        }
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
    fn empty_sections_are_dropped() {
        let mut t = SectionText::default();
        t.start_section("", "");
        t.start_section("a", "A");
        assert_eq!(t.finish().len(), 1);
    }
}
