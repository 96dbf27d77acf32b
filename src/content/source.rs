//! Finding content files on disk and reading them as text.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{display_path, Diagnostic};

/// True for the file names Lectern reads as content.
pub fn is_content_file(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    matches!(ext.as_deref(), Some("md" | "markdown" | "txt")) && !is_editor_litter(path)
}

/// Hidden files, swap and backup files that editors write beside the real one.
pub fn is_editor_litter(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return true;
    };
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// Lists the content files under `dir`, sorted, with a diagnostic for each
/// entry that could not be read (symlink loops, unreadable folders) or was
/// not followed (symlinks leading out of the project).
pub fn find_files(root: &Path, dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let (mut files, problems) = walk_files(root, dir);
    files.retain(|path| is_content_file(path));
    (files, problems)
}

/// Every file under `dir` (hidden ones aside), sorted. Symlinks are
/// followed only where they lead: to a place inside the project `root` or
/// inside `dir` itself (so a `content/` that links to a notes folder
/// elsewhere works); a link leading anywhere else is not followed, with a
/// warning, so a cloned library cannot publish the host's files.
pub fn walk_files(root: &Path, dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let refused = std::cell::RefCell::new(Vec::new());
    let inside: Vec<PathBuf> = [root, dir]
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && is_hidden(e.file_name()) {
                return false;
            }
            if e.depth() == 0 || !e.path_is_symlink() {
                return true;
            }
            let target = e.path().canonicalize();
            match target {
                Ok(target) if inside.iter().any(|b| target.starts_with(b)) => true,
                Ok(target) => {
                    refused.borrow_mut().push(
                        Diagnostic::warning(
                            display_path(root, e.path()),
                            format!(
                                "not followed: this symlink leads outside the project, to {}",
                                target.display()
                            ),
                        )
                        .with_help("copy the file into the project, or link to a place inside it"),
                    );
                    false
                }
                // A dangling link: the walk reports it as unreadable.
                Err(_) => true,
            }
        });
    let mut problems = Vec::new();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => files.push(entry.into_path()),
            Ok(_) => {}
            Err(e) => problems.push(walk_problem(root, &e)),
        }
    }
    problems.extend(refused.into_inner());
    (files, problems)
}

fn walk_problem(root: &Path, e: &walkdir::Error) -> Diagnostic {
    let path = e.path().map(|p| display_path(root, p)).unwrap_or_default();
    if let Some(ancestor) = e.loop_ancestor() {
        Diagnostic::error(
            path,
            format!(
                "symlink loop: this link leads back to {}",
                display_path(root, ancestor).display()
            ),
        )
        .with_help("remove the link or point it somewhere outside its own folder")
    } else {
        let reason = e
            .io_error()
            .map_or_else(|| e.to_string(), ToString::to_string);
        Diagnostic::error(path, format!("cannot read: {reason}"))
            .with_help("check that the file or folder exists and that you may read it")
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// Reads `path` as UTF-8 text with the byte-order mark removed and line ends
/// normalised to `\n`. `shown` is the path used in diagnostics.
pub fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(shown, format!("cannot read file: {e}"))
            .with_help("check that the file exists and that you may read it")
    })?;
    text_of(bytes, shown)
}

/// A file's `bytes`, already read, as [`read_text`] gives them.
pub fn text_of(bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
    decode(bytes).map_err(|(message, line, column)| {
        let help = if message.contains("binary") {
            "only text files belong in content/; move it elsewhere, or to static/ to publish it as is"
        } else {
            "save the file as UTF-8 text"
        };
        Diagnostic::error(shown, message)
            .at_position(line, column)
            .with_help(help)
    })
}

/// Bytes to normalised text, or (message, line, column) of the problem.
fn decode(bytes: Vec<u8>) -> Result<String, (String, usize, usize)> {
    if let Some(nul) = bytes.iter().take(8192).position(|&b| b == 0) {
        let (line, column) = position_of(&bytes, nul);
        return Err(("this is a binary file, not text".into(), line, column));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let (line, column) = position_of(&bytes, at);
        (
            format!(
                "file is not UTF-8 text (byte 0x{:02X} cannot be read)",
                bytes[at]
            ),
            line,
            column,
        )
    })?;
    // Most files need neither change: they are kept as read, not copied.
    if !text.starts_with('\u{feff}') && !text.contains('\r') {
        return Ok(text);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    })
}

fn position_of(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_normalised() {
        let text = decode(b"\xEF\xBB\xBF---\r\ntitle: x\r\n---\r\nbody\r\n".to_vec()).unwrap();
        assert_eq!(text, "---\ntitle: x\n---\nbody\n");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let (message, line, column) = decode(b"ok\nab\xFFc".to_vec()).unwrap_err();
        assert!(message.contains("0xFF"));
        assert_eq!((line, column), (2, 3));
    }

    #[test]
    fn binary_is_detected() {
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0".to_vec())
            .unwrap_err()
            .0
            .contains("binary"));
    }

    #[test]
    fn litter_and_extensions() {
        assert!(is_content_file(Path::new("a/b.md")));
        assert!(is_content_file(Path::new("a/b.TXT")));
        assert!(!is_content_file(Path::new("a/.b.md.swp")));
        assert!(!is_content_file(Path::new("a/b.md~")));
        assert!(!is_content_file(Path::new("a/4913")));
        assert!(!is_content_file(Path::new("a/b.png")));
    }
}
