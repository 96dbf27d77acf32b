//! Which folders a build may replace with a site: never the project, its
//! content or theme, nor a folder Lectern did not make.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{io_error, OutputError, MARKER};

/// The absolute form of `path`, resolving symlinks of the part that exists.
pub(super) fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    match (parent, path.file_name()) {
        (Some(parent), Some(name)) => absolute(parent).join(name),
        (None, Some(name)) => std::env::current_dir().unwrap_or_default().join(name),
        _ => path.to_path_buf(),
    }
}

/// Checks that `out` may be replaced by a build of the project at `root`:
/// not the root itself, not holding or inside `content/` or `themes/`, and
/// either absent, empty, or an earlier Lectern build.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<(), OutputError> {
    let refuse = |reason: &str| {
        Err(OutputError::Refused {
            path: out.to_path_buf(),
            reason: reason.to_string(),
        })
    };
    let out_abs = absolute(out);
    let root_abs = absolute(root);
    if out_abs == root_abs {
        return refuse("it is the project folder itself; use the default site/ or another folder");
    }
    if root_abs.starts_with(&out_abs) {
        return refuse("it contains the project folder");
    }
    for protected in ["content", "themes", "static"] {
        let p = absolute(&root.join(protected));
        if out_abs.starts_with(&p) {
            return refuse(&format!("it is inside {protected}/"));
        }
        if p.starts_with(&out_abs) {
            return refuse(&format!("it contains {protected}/"));
        }
    }
    if out_abs.parent().is_none() {
        return refuse("it is the root of the file system");
    }
    match fs::read_dir(&out_abs) {
        Ok(mut entries) => {
            let empty = entries.next().is_none();
            if !empty && !out_abs.join(MARKER).is_file() {
                return refuse(
                    "it is not empty and was not made by lectern; remove it or choose another --out",
                );
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(_) if out_abs.exists() && !out_abs.is_dir() => {
            return refuse("it is a file, not a folder");
        }
        Err(e) => return Err(io_error(out)(e)),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_output_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content/moments")).unwrap();
        assert!(check_output_dir(root, root).is_err());
        assert!(check_output_dir(root, &root.join("content")).is_err());
        assert!(check_output_dir(root, &root.join("content/x")).is_err());
        assert!(check_output_dir(root, &root.join("site")).is_ok());
        fs::create_dir_all(root.join("docs")).unwrap();
        fs::write(root.join("docs/precious.txt"), "x").unwrap();
        assert!(check_output_dir(root, &root.join("docs")).is_err());
    }
}
