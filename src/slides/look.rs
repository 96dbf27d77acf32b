//! How a slide looks beyond its markdown: classes, a background, a header
//! and footer, as decks written for Marp or Slidev ask for them.

use serde::Serialize;

/// A slide's look.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Look {
    /// Classes of the slide's element (`lead`, `invert`, `layout-center`…).
    pub classes: Vec<String>,
    /// An image behind the slide, or beside its content.
    pub background: Option<Background>,
    /// Small text at the top of the slide.
    pub header: Option<String>,
    /// Small text at the bottom of the slide.
    pub footer: Option<String>,
    /// A background colour (a CSS colour, checked).
    pub background_color: Option<String>,
    /// A text colour (a CSS colour, checked).
    pub color: Option<String>,
}

/// An image behind a slide (`![bg](…)`), or filling one side of it
/// (`![bg right:40%](…)`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Background {
    /// The image's address as the deck uses it.
    pub src: String,
    /// What it shows, for readers who cannot see it (may be empty).
    pub alt: String,
    /// `cover`, `contain` or a percentage.
    pub size: String,
    /// `left` or `right` to fill that side; `None` behind the whole slide.
    pub side: Option<String>,
    /// Width of the side it fills, in percent.
    pub side_width: u32,
    /// The file the deck copies it from.
    #[serde(skip)]
    pub file: super::media::MediaFile,
}

/// A class name as a slide may carry it: letters, digits, `-` and `_`.
pub fn class_name(name: &str) -> Option<String> {
    let name = name.trim();
    (!name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    .then(|| name.to_string())
}

/// A colour as a slide may carry it: a name, `#hex`, or `rgb()`/`hsl()` of
/// plain numbers, so it cannot break out of its `style` attribute.
pub fn css_color(value: &str) -> Option<String> {
    let value = value.trim();
    let plain = value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '#' | '(' | ')' | ',' | '.' | '%' | ' '));
    (plain && !value.is_empty() && value.len() <= 40).then(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_classes_and_colours() {
        assert_eq!(class_name("lead").as_deref(), Some("lead"));
        assert_eq!(class_name("a\"b"), None);
        assert_eq!(css_color("#fff").as_deref(), Some("#fff"));
        assert_eq!(css_color("rgb(1, 2, 3)").as_deref(), Some("rgb(1, 2, 3)"));
        assert_eq!(css_color("red;background:url(x)"), None);
    }
}
