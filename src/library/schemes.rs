//! Telling written addresses apart by their scheme before resolving them:
//! one that would run code when clicked, one with a scheme of its own (not
//! a path in the site), or one in another tool's template syntax.

/// Schemes that would run code or smuggle content when clicked.
pub fn is_unsafe_url(url: &str) -> bool {
    // Browsers skip whitespace and control characters inside a scheme
    // (`java\tscript:`), so they are skipped here too. Only the first
    // letters matter, so only they are looked at: every link of every body
    // is checked.
    const LONGEST: usize = "javascript:".len();
    let mut head = [0u8; LONGEST];
    let mut len = 0;
    for c in url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(LONGEST)
    {
        head[len] = if c.is_ascii() {
            c.to_ascii_lowercase() as u8
        } else {
            0xff
        };
        len += 1;
    }
    let head = &head[..len];
    [&b"javascript:"[..], b"vbscript:", b"data:"]
        .iter()
        .any(|scheme| head.starts_with(scheme))
}

/// Whether `url` starts with a scheme (`https:`, `mailto:`): an address of
/// its own, not a path in the site.
pub fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(i) => {
            let scheme = &url[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !url[..i].contains('/')
        }
        None => false,
    }
}

/// Whether a destination is written in a template language (Liquid, Hugo,
/// Tera): it means nothing outside the tool it was written for.
pub fn is_template(destination: &str) -> bool {
    destination.contains("{{") || destination.contains("{%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_schemes() {
        assert!(is_unsafe_url("javascript:alert(1)"));
        assert!(is_unsafe_url(" JaVa\tscript:alert(1)"));
        assert!(is_unsafe_url("data:text/html,x"));
        assert!(is_unsafe_url("VBScript:x"));
        assert!(!is_unsafe_url("java"));
        assert!(!is_unsafe_url("javascript"));
        assert!(!is_unsafe_url("datas:x"));
        assert!(!is_unsafe_url("../moments/x.md"));
        assert!(!is_unsafe_url(""));
        assert!(!is_unsafe_url("https://example.com"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("../moments/x.md"));
    }
}
