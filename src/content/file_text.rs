//! A content file's whole text, kept beside its body without a second copy
//! of the body.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// The whole text of a content file (normalised: no BOM, `\n` line ends),
/// which later stages need to place and show a diagnostic's line.
///
/// An item's body is most often the file's tail: the text after the front
/// matter, less the title heading when it is blanked out. Only the parts
/// the body lacks are kept then, and [`FileText::with_body`] puts the text
/// together again on the rare call (a diagnostic, a deck's source); a body
/// that is not the file's tail (converted plain text, rewritten addresses)
/// keeps the text whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileText(Repr);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum Repr {
    Whole(String),
    /// The text is `before`, the body's first `at` bytes, `removed`, then
    /// the rest of the body.
    AroundBody {
        before: String,
        at: usize,
        removed: String,
    },
}

impl FileText {
    /// The file text `text` of an item whose body is `body`, the body being
    /// made from the text from byte `body_start` on.
    pub fn new(text: String, body: &str, body_start: usize) -> FileText {
        match around(&text, body, body_start) {
            Some(repr) => FileText(repr),
            None => FileText(Repr::Whole(text)),
        }
    }

    /// The whole text, given the item's body.
    pub fn with_body<'a>(&'a self, body: &str) -> Cow<'a, str> {
        match &self.0 {
            Repr::Whole(text) => Cow::Borrowed(text),
            Repr::AroundBody {
                before,
                at,
                removed,
            } => {
                // The body is the one the text was split around; should a
                // caller pass another, it still gets text, never a panic.
                let at = (*at).min(body.len());
                let at = (0..=at)
                    .rev()
                    .find(|&i| body.is_char_boundary(i))
                    .unwrap_or(0);
                let mut text = String::with_capacity(before.len() + body.len() + removed.len());
                text.push_str(before);
                text.push_str(&body[..at]);
                text.push_str(removed);
                text.push_str(&body[at..]);
                Cow::Owned(text)
            }
        }
    }
}

/// `text` as what `body` lacks of it: it must be `text[..body_start]`, the
/// body's first bytes, one removed run, then the rest of the body.
fn around(text: &str, body: &str, body_start: usize) -> Option<Repr> {
    let tail = text.get(body_start..)?;
    let same_end = tail
        .bytes()
        .rev()
        .zip(body.bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let mut at = body.len() - same_end;
    // Splitting inside a character would leave halves in `removed`.
    while !body.is_char_boundary(at) || !text.is_char_boundary(body_start + at) {
        at += 1;
        if at > body.len() {
            return None;
        }
    }
    let removed_end = text.len() - (body.len() - at);
    if body_start + at > removed_end || !tail.starts_with(&body[..at]) {
        return None;
    }
    Some(Repr::AroundBody {
        before: text[..body_start].to_string(),
        at,
        removed: text[body_start + at..removed_end].to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(text: &str, body: &str, start: usize) -> FileText {
        let kept = FileText::new(text.to_string(), body, start);
        assert_eq!(kept.with_body(body), text, "{kept:?}");
        kept
    }

    #[test]
    fn a_body_that_is_the_tail_keeps_only_the_front_matter() {
        let text = "---\ntitle: A\n---\n# A\n\nBody é.\n";
        let kept = kept(text, "\nBody é.\n", 17);
        assert_eq!(
            kept.0,
            Repr::AroundBody {
                before: "---\ntitle: A\n---\n".into(),
                at: 0,
                removed: "# A\n".into()
            }
        );
    }

    #[test]
    fn a_title_blanked_after_blank_lines_is_kept_as_removed() {
        let text = "---\nx: 1\n---\n\n\n# Title x\n\nText x\n";
        let body = "\n\n\n\nText x\n";
        let kept = kept(text, body, 13);
        assert!(matches!(kept.0, Repr::AroundBody { .. }));
    }

    #[test]
    fn a_body_made_from_the_text_keeps_the_text_whole() {
        let converted = kept("Title\n• one\n", "## Title\n- one\n", 0);
        assert!(matches!(converted.0, Repr::Whole(_)));
        let longer = kept("abc", "xxabc", 0);
        assert!(matches!(longer.0, Repr::Whole(_)));
    }

    #[test]
    fn multibyte_characters_at_the_split_stay_whole() {
        kept("---\n---\n# é\n\nééé\n", "\n\nééé\n", 8);
        kept("é# Tï\nï", "é\nï", 0);
    }
}
