//! References from one item to another: markdown links between content files.

use std::path::{Path, PathBuf};

use super::Library;

/// What a reference turned out to point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    /// Another item of the library; the URL keeps any `#fragment`.
    Item { id: usize, url: String },
    /// A content file path that is not in the library.
    Missing,
    /// Not a reference to a content file (a web URL, an anchor, an image…):
    /// left as written.
    Other,
    /// A link with a scheme that runs code (`javascript:`): never emitted.
    Unsafe,
}

/// Schemes that would run code or smuggle content when clicked.
pub fn is_unsafe_url(url: &str) -> bool {
    let lower: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    lower.starts_with("javascript:") || lower.starts_with("vbscript:") || lower.starts_with("data:")
}

fn has_scheme(url: &str) -> bool {
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

/// Resolves a markdown link destination written in the file `from`.
pub fn resolve_link(library: &Library, from: &Path, destination: &str) -> Reference {
    if is_unsafe_url(destination) {
        return Reference::Unsafe;
    }
    let destination = destination.trim();
    if destination.is_empty()
        || destination.starts_with('#')
        || destination.starts_with("//")
        || has_scheme(destination)
    {
        return Reference::Other;
    }
    let (path_part, fragment) = match destination.find('#') {
        Some(i) => (&destination[..i], &destination[i..]),
        None => (destination, ""),
    };
    let path_part = path_part.split('?').next().unwrap_or_default();
    let decoded = percent_encoding::percent_decode_str(path_part).decode_utf8_lossy();
    let lower = decoded.to_ascii_lowercase();
    if !(lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".txt")) {
        return Reference::Other;
    }
    let joined = if decoded.starts_with('/') {
        decoded.trim_start_matches('/').to_string()
    } else {
        let dir = from.parent().unwrap_or(Path::new(""));
        format!("{}/{}", dir.to_string_lossy(), decoded)
    };
    match normalise_reference_path(&joined).and_then(|p| library.by_source(&p)) {
        Some(id) => Reference::Item {
            id,
            url: format!("{}{}", library.url(id), fragment),
        },
        None => Reference::Missing,
    }
}

/// Turns a path as written in a reference (`content/moments/x.md`, or one
/// relative to `content/`) into a path relative to the project root. `None`
/// when it climbs out of the project (`../../etc/passwd`).
pub fn normalise_reference_path(reference: &str) -> Option<PathBuf> {
    let mut parts: Vec<&str> = Vec::new();
    for part in reference.trim().split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    if parts.first() != Some(&"content") {
        parts.insert(0, "content");
    }
    Some(parts.iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_paths_are_normalised() {
        assert_eq!(
            normalise_reference_path("content/moments/x.md").unwrap(),
            PathBuf::from("content/moments/x.md")
        );
        assert_eq!(
            normalise_reference_path("moments/x.md").unwrap(),
            PathBuf::from("content/moments/x.md")
        );
        assert_eq!(
            normalise_reference_path("content/frameworks/../moments/x.md").unwrap(),
            PathBuf::from("content/moments/x.md")
        );
        assert!(normalise_reference_path("../../etc/passwd").is_none());
    }

    #[test]
    fn unsafe_schemes() {
        assert!(is_unsafe_url("javascript:alert(1)"));
        assert!(is_unsafe_url(" JaVa\tscript:alert(1)"));
        assert!(is_unsafe_url("data:text/html,x"));
        assert!(!is_unsafe_url("https://example.com"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("../moments/x.md"));
    }
}
