//! Committing a build by updating the previous site in place.
//!
//! A build that knows every file the last build left in the output folder
//! (the build cache's record, trusted only for the folder that build made)
//! writes just the files that changed into its staging folder and keeps
//! the rest where they are. Nothing in the site is touched until the whole
//! build has succeeded; then, holding the site's marker file locked, the
//! commit clears the marker's build name (an update cut short leaves a
//! site the next build does not trust, and so makes again from scratch),
//! removes the files and folders the site no longer has and anything put
//! into a folder by hand since the last build, moves the new files in,
//! and names the build in the marker again. After an edit to one file
//! this is a few renames, where a fresh folder would be one link for each
//! of tens of thousands of files and folders, and one removal of each.

use std::borrow::Cow;
use std::fs;
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashSet as HashSet;

use super::previous::{marker_build, marker_text, PreviousSite};
use super::{io_error, output_path, OutputError, MARKER};

/// What one update in place is made of.
pub(super) struct Update<'a> {
    /// The site as the last build left it.
    pub site: &'a PreviousSite,
    /// The staging folder holding the files written.
    pub staged_in: &'a Path,
    /// The files written into the staging folder, by path.
    pub staged: &'a [String],
    /// Every file of the new site, by path.
    pub files: &'a [String],
    /// Every file of the site before, by path.
    pub before: &'a [String],
    /// What the marker file says once the site is updated.
    pub marker: &'a str,
}

/// Updates the site in place (see the module's documentation).
pub(super) fn update<'a>(update: &Update<'a>) -> Result<(), OutputError> {
    let site = update.site.dir();
    let mut lock = MarkerLock::take(site).map_err(io_error(site))?;
    if !lock.is_the_sites()? || lock.build()?.as_deref() != update.site.build() {
        return Err(OutputError::Refused {
            path: site.to_path_buf(),
            reason: "another build replaced or updated it while this one ran; run the build again"
                .into(),
        });
    }
    lock.set(&marker_text(None)).map_err(io_error(site))?;

    let paths = |list: &'a [String]| -> HashSet<Cow<'a, str>> {
        list.iter().filter_map(|p| normal(p)).collect()
    };
    let (files, before) = rayon::join(|| paths(update.files), || paths(update.before));
    let (folders, folders_before) = rayon::join(|| folders_of(&files), || folders_of(&before));

    // Files of the last build that this one does not make.
    before
        .par_iter()
        .filter(|path| !files.contains(*path))
        .try_for_each(|path| remove(site, path))?;
    // Folders that hold nothing of the new site, outermost first.
    let mut gone: Vec<&&str> = folders_before
        .iter()
        .filter(|f| !folders.contains(*f))
        .collect();
    gone.sort_by_key(|f| f.matches('/').count());
    for folder in gone {
        remove(site, folder)?;
    }
    // What was put into a folder by hand since the last build: a folder
    // changes when an entry is added to it or removed.
    std::iter::once(&"")
        .chain(folders.iter())
        .collect::<Vec<_>>()
        .par_iter()
        .try_for_each(|folder| remove_strays(update.site, folder, &files, &folders))?;
    // The files written, moved into place.
    update.staged.par_iter().try_for_each(|path| {
        let (Some(from), Some(to)) = (output_path(update.staged_in, path), output_path(site, path))
        else {
            return Ok(());
        };
        if let Some(folder) = to.parent() {
            fs::create_dir_all(folder).map_err(io_error(folder))?;
        }
        if fs::symlink_metadata(&to).is_ok_and(|m| m.is_dir()) {
            fs::remove_dir_all(&to).map_err(io_error(&to))?;
        }
        fs::rename(&from, &to).map_err(io_error(&to))
    })?;
    lock.set(update.marker).map_err(io_error(site))
}

/// `path` with `/` separators and no empty or `.` parts (as the plan
/// writes paths, so almost always `path` itself); `None` for the folder
/// itself.
fn normal(path: &str) -> Option<Cow<'_, str>> {
    let odd = |p: &&str| p.is_empty() || *p == ".";
    if !path.split('/').any(|p| odd(&p)) {
        return Some(Cow::Borrowed(path));
    }
    let parts: Vec<&str> = path.split('/').filter(|p| !odd(p)).collect();
    (!parts.is_empty()).then(|| Cow::Owned(parts.join("/")))
}

/// Every folder that holds one of `files` (the site's folder aside).
fn folders_of<'a>(files: &'a HashSet<Cow<'_, str>>) -> HashSet<&'a str> {
    let mut folders = HashSet::default();
    for file in files {
        let mut end = file.len();
        while let Some(slash) = file[..end].rfind('/') {
            if !folders.insert(&file[..slash]) {
                break;
            }
            end = slash;
        }
    }
    folders
}

/// Removes the site's file or folder `path`, if it is there.
fn remove(site: &Path, path: &str) -> Result<(), OutputError> {
    let Some(full) = output_path(site, path) else {
        return Ok(());
    };
    let removed = match fs::symlink_metadata(&full) {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(&full),
        Ok(_) => fs::remove_file(&full),
        Err(e) => Err(e),
    };
    match removed {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(io_error(&full)(e)),
        _ => Ok(()),
    }
}

/// Removes from the site's `folder`, when it changed since the last build,
/// every entry that is neither a file nor a folder of the new site.
fn remove_strays(
    site: &PreviousSite,
    folder: &str,
    files: &HashSet<Cow<str>>,
    folders: &HashSet<&str>,
) -> Result<(), OutputError> {
    let full: PathBuf = match folder {
        "" => site.dir().to_path_buf(),
        folder => match output_path(site.dir(), folder) {
            Some(full) => full,
            None => return Ok(()),
        },
    };
    match fs::symlink_metadata(&full) {
        Ok(meta) if meta.is_dir() && site.changed_since_build(&meta) => {}
        _ => return Ok(()),
    }
    let entries = fs::read_dir(&full).map_err(io_error(&full))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = match folder {
            "" => name,
            folder => format!("{folder}/{name}"),
        };
        if path != MARKER && !files.contains(path.as_str()) && !folders.contains(path.as_str()) {
            remove(site.dir(), &path)?;
        }
    }
    Ok(())
}

/// The marker file of a site, opened and locked: a build that updates the
/// site in place and one that moves it aside hold it, so neither does so
/// while the other does.
pub(super) struct MarkerLock {
    file: fs::File,
    path: PathBuf,
}

impl MarkerLock {
    /// Opens and locks the marker of the site at `site`, waiting for any
    /// other build that holds it.
    pub(super) fn take(site: &Path) -> io::Result<MarkerLock> {
        let path = site.join(MARKER);
        let file = fs::OpenOptions::new().read(true).write(true).open(&path)?;
        file.lock()?;
        Ok(MarkerLock { file, path })
    }

    /// Whether the file locked is still the site's marker (a build that
    /// moved the site aside meanwhile took the marker with it).
    fn is_the_sites(&self) -> Result<bool, OutputError> {
        let locked = self.file.metadata().map_err(io_error(&self.path))?;
        Ok(match fs::metadata(&self.path) {
            Ok(now) => same_file(&locked, &now),
            Err(_) => false,
        })
    }

    /// The build the marker names.
    fn build(&mut self) -> Result<Option<String>, OutputError> {
        let mut text = String::new();
        self.file
            .rewind()
            .and_then(|()| self.file.read_to_string(&mut text))
            .map_err(io_error(&self.path))?;
        Ok(marker_build(&text).map(str::to_string))
    }

    /// Makes the marker say `text`.
    fn set(&mut self, text: &str) -> io::Result<()> {
        self.file.set_len(0)?;
        self.file.rewind()?;
        self.file.write_all(text.as_bytes())
    }
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set<'a>(paths: &[&'a str]) -> HashSet<Cow<'a, str>> {
        paths.iter().map(|p| Cow::Borrowed(*p)).collect()
    }

    #[test]
    fn paths_are_compared_in_one_form() {
        assert!(matches!(
            normal("a/b/c.html"),
            Some(Cow::Borrowed("a/b/c.html"))
        ));
        assert_eq!(normal("a//b/./c.html").as_deref(), Some("a/b/c.html"));
        assert_eq!(normal("/index.html").as_deref(), Some("index.html"));
        assert_eq!(normal("./"), None);
    }

    #[test]
    fn a_site_another_build_committed_meanwhile_is_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let staged = dir.path().join("staged");
        fs::create_dir_all(site.join("a")).unwrap();
        fs::create_dir_all(&staged).unwrap();
        fs::write(site.join(MARKER), "built by lectern\nbuild one\n").unwrap();
        fs::write(site.join("a/index.html"), "old").unwrap();
        fs::write(staged.join("index.html"), "new").unwrap();
        let previous = PreviousSite::new(site.clone());
        // Another build commits after this one read the site.
        fs::write(site.join(MARKER), "built by lectern\nbuild two\n").unwrap();
        let update = Update {
            site: &previous,
            staged_in: &staged,
            staged: &["index.html".to_string()],
            files: &["index.html".to_string()],
            before: &["a/index.html".to_string()],
            marker: "built by lectern\nbuild three\n",
        };
        assert!(matches!(
            super::update(&update),
            Err(OutputError::Refused { .. })
        ));
        assert_eq!(
            fs::read_to_string(site.join("a/index.html")).unwrap(),
            "old"
        );
        assert!(!site.join("index.html").exists());
        assert_eq!(
            fs::read_to_string(site.join(MARKER)).unwrap(),
            "built by lectern\nbuild two\n"
        );

        // The site as this build read it: updated, the folder left empty
        // gone, the marker naming the new build.
        fs::write(site.join(MARKER), "built by lectern\nbuild one\n").unwrap();
        super::update(&update).unwrap();
        assert_eq!(fs::read_to_string(site.join("index.html")).unwrap(), "new");
        assert!(!site.join("a").exists());
        assert_eq!(
            fs::read_to_string(site.join(MARKER)).unwrap(),
            "built by lectern\nbuild three\n"
        );
    }

    #[test]
    fn every_folder_holding_a_file_is_listed_once() {
        let files = set(&["a/b/c.html", "a/b/d.html", "a/e.html", "f.html"]);
        let folders = folders_of(&files);
        assert_eq!(folders, HashSet::from_iter(["a", "a/b"]));
    }
}
