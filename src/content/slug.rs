//! Slugs: the URL-safe names of items, tags and headings.
//!
//! We keep letters of every script (a Cyrillic title stays readable in the
//! address bar) instead of transliterating to ASCII as the `slug` crate does;
//! that is why this is written here rather than taken from a crate.

/// Lowercases `text` and keeps its letters and digits, joining the words
/// with single hyphens: `"IC → Leader: Part 2"` becomes `"ic-leader-part-2"`,
/// `"Привет мир"` becomes `"привет-мир"`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            if c.is_ascii() {
                slug.push(c.to_ascii_lowercase());
            } else {
                slug.extend(c.to_lowercase());
            }
        } else if c == '\'' || c == '\u{2019}' {
            // "Don't" reads better as "dont" than as "don-t".
        } else {
            pending_hyphen = true;
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_titles() {
        assert_eq!(
            slugify("Management vs Leadership"),
            "management-vs-leadership"
        );
        assert_eq!(slugify("  IC → Leader: Part 2!  "), "ic-leader-part-2");
        assert_eq!(slugify("Don't Repeat"), "dont-repeat");
        assert_eq!(slugify("1on1-questions"), "1on1-questions");
    }

    #[test]
    fn non_latin_letters_stay_readable() {
        assert_eq!(slugify("Привет Мир"), "привет-мир");
        assert_eq!(slugify("Ünïcödé Straße"), "ünïcödé-straße");
    }

    #[test]
    fn nothing_usable_gives_empty() {
        assert_eq!(slugify("→ … !"), "");
    }
}
