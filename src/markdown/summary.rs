//! Summaries: the few words a card shows of an item, its description or
//! its body's first paragraph, cut at a word.

/// About how many characters of a summary a card shows.
pub const SUMMARY_CHARS: usize = 220;

/// Shortens `text` to about `max` characters at a word boundary.
pub fn shorten(text: &str, max: usize) -> String {
    // Words joined by single spaces, up to the first that goes past `max`
    // characters: a long summary is not joined whole to be cut.
    let mut joined = String::new();
    let mut chars = 0;
    for word in text.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
            chars += 1;
        }
        joined.push_str(word);
        chars += word.chars().count();
        if chars > max {
            break;
        }
    }
    if chars <= max {
        // Built word by word, the string has up to twice its length in
        // room, which a summary kept for every item would carry all build.
        return crate::packed::text_without_room(joined);
    }
    let cut: String = joined.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut,
    };
    crate::packed::text_without_room(format!("{}…", cut.trim_end_matches([',', '.', ';', ':'])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_at_words() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("one two three four", 10), "one two…");
        assert_eq!(shorten("  one\n two  ", 10), "one two");
        assert_eq!(shorten("one two three", 13), "one two three");
        assert_eq!(shorten("one two three", 12), "one two…");
        assert_eq!(shorten("abcdefghijklmnop", 10), "abcdefghij…");
        assert_eq!(shorten("ab, cdefghijklmnop", 10), "ab, cdefgh…");
        assert_eq!(shorten("été déjà vu là", 9), "été déjà…");
    }
}
