//! Paths written in references (`content/moments/x.md`, `moments/x.md`,
//! `../2023/y.md` from a folder), as the sources items are kept under:
//! relative to the project root, `/` between folders, never climbing out
//! of the project.

use std::path::PathBuf;

use super::Library;

/// Turns a path as written in a reference (`content/moments/x.md`, or one
/// relative to `content/`) into a path relative to the project root. `None`
/// when it climbs out of the project (`../../etc/passwd`).
pub fn normalise_reference_path(reference: &str) -> Option<PathBuf> {
    normalised_source(reference).map(PathBuf::from)
}

/// Like [`normalise_reference_path`], as the text items' sources are
/// kept in (`/` between folders): what [`Library::by_source_text`] looks
/// up.
pub fn normalised_source(reference: &str) -> Option<String> {
    let mut out = String::with_capacity(reference.len() + 8);
    source_into(&[reference], &mut out).then_some(out)
}

/// The item at the path `written` in a reference names (see
/// [`normalise_reference_path`]).
pub(super) fn item_at(library: &Library, written: &str) -> Option<usize> {
    normalised_source(written).and_then(|source| library.by_source_text(&source))
}

/// Writes into `out` the source path that `parts`, joined by `/`, name
/// (see [`normalise_reference_path`]); false when they climb out of the
/// project. Every link of every body goes through this, so it builds the
/// text in place instead of a list of parts.
pub(super) fn source_into(parts: &[&str], out: &mut String) -> bool {
    out.clear();
    let last = parts.len().saturating_sub(1);
    for (i, text) in parts.iter().enumerate() {
        // The reference as written is trimmed as a whole.
        let text = match (i == 0, i == last) {
            (true, true) => text.trim(),
            (true, false) => text.trim_start(),
            (false, true) => text.trim_end(),
            (false, false) => text,
        };
        for part in text.split(['/', '\\']) {
            match part {
                "" | "." => {}
                ".." => match out.rfind('/') {
                    Some(at) => out.truncate(at),
                    None if out.is_empty() => return false,
                    None => out.clear(),
                },
                other => {
                    if !out.is_empty() {
                        out.push('/');
                    }
                    out.push_str(other);
                }
            }
        }
    }
    if out != "content" && !out.starts_with("content/") {
        out.insert_str(
            0,
            if out.is_empty() {
                "content"
            } else {
                "content/"
            },
        );
    }
    true
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
        for (written, source) in [
            (" content/./moments//x.md ", Some("content/moments/x.md")),
            ("moments\\x.md", Some("content/moments/x.md")),
            ("", Some("content")),
            ("content", Some("content")),
            ("contents/x.md", Some("content/contents/x.md")),
            ("a/../../content/x.md", None),
            ("a/..", Some("content")),
            ("content/a/../../x.md", Some("content/x.md")),
        ] {
            assert_eq!(normalised_source(written).as_deref(), source, "{written:?}");
        }
        // A folder and a path relative to it, as one path.
        let mut out = String::new();
        assert!(source_into(
            &["content/moments/2024", "../2023/y.md "],
            &mut out
        ));
        assert_eq!(out, "content/moments/2023/y.md");
        assert!(!source_into(&["content", "../../x.md"], &mut out));
    }
}
