//! Translation files of multilingual Hugo and Zola sites (`index.fr.md`
//! beside `index.md`): Lectern builds one language, so these are set aside,
//! each with a warning, instead of becoming pages that clash with the
//! original or silently replace it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::diagnostics::{display_path, Diagnostic};

/// The language code of a translation file name (`post.fr.md` → `fr`,
/// `post.pt-br.md` → `pt-br`), when it has one.
fn language_of(path: &Path) -> Option<(String, &str)> {
    let name = path.file_name()?.to_str()?;
    let (stem, _) = name.rsplit_once('.')?;
    let (base, code) = stem.rsplit_once('.')?;
    let (lang, region) = code.split_once(['-', '_']).unwrap_or((code, ""));
    let letters = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphabetic())
    };
    let is_code = lang.len() == 2
        && lang.chars().all(|c| c.is_ascii_lowercase())
        && (region.is_empty() || letters(region, 2..=4));
    is_code.then(|| (base.to_string(), code))
}

/// Splits `files` into those to build and the translations set aside: a
/// file named with a language code whose original (`post.md` for
/// `post.fr.md`) is in the same folder.
pub fn set_aside(files: Vec<PathBuf>) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let present: HashSet<&Path> = files.iter().map(PathBuf::as_path).collect();
    let is_translation = |path: &Path| {
        let Some((base, _)) = language_of(path) else {
            return false;
        };
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("md");
        present.contains(path.with_file_name(format!("{base}.{ext}")).as_path())
    };
    let marks: Vec<bool> = files.iter().map(|p| is_translation(p)).collect();
    let (mut kept, mut aside) = (Vec::new(), Vec::new());
    for (file, translation) in files.into_iter().zip(marks) {
        if translation {
            aside.push(file);
        } else {
            kept.push(file);
        }
    }
    (kept, aside)
}

/// One warning for each translation set aside.
pub fn warnings(root: &Path, translations: &[PathBuf]) -> Vec<Diagnostic> {
    translations
        .iter()
        .map(|path| {
            let code = language_of(path).map_or(String::new(), |(_, c)| c.to_string());
            Diagnostic::warning(
                display_path(root, path),
                format!("a translation (`{code}`): Lectern builds one language, so this file is not published"),
            )
            .with_help("keep it for your records, or move it out of content/ to silence this warning")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translations_need_their_original() {
        let files: Vec<PathBuf> = [
            "c/post/index.md",
            "c/post/index.fr.md",
            "c/a.pt-br.md",
            "c/a.md",
            "c/v1.0.md",
            "c/lonely.de.md",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let (kept, aside) = set_aside(files);
        assert_eq!(
            aside,
            [
                PathBuf::from("c/post/index.fr.md"),
                PathBuf::from("c/a.pt-br.md")
            ]
        );
        assert_eq!(kept.len(), 4);
    }
}
