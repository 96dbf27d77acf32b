//! The disk sink: a temporary folder beside the output, swapped in only
//! when every file is written, so a failed build never touches the previous
//! site.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::previous::{
    build_name, marker_text, remove_in_background, swap_in, sweep_stale, PreviousSite,
};
use super::replaceable::absolute;
use super::{io_error, output_path, Contents, OutputError, OutputFile, Sink};
use reuse::Reuse;
use std::sync::Arc;

mod reuse;

/// A file Lectern leaves in every output folder, so it can tell its own
/// output from a folder it must not replace.
pub const MARKER: &str = ".lectern-build";

/// A fresh folder beside the output that a build writes into, file by file
/// and from many threads, and that replaces the output only when the build
/// commits it. Dropped without committing, it removes itself.
pub struct Staging {
    dir: Option<PathBuf>,
    out: PathBuf,
    parent: PathBuf,
    name: String,
    /// The output folder as the last build left it: its files not changed
    /// since may be linked.
    previous: PreviousSite,
    /// The fingerprint of the bytes of each file the last build wrote, by
    /// path: a file whose bytes are the same again is linked, not written.
    previous_bytes: HashMap<String, u128>,
    /// The fingerprint of the bytes of each generated file written now.
    written: Mutex<Vec<(String, u128)>>,
    /// Every file of the site this build makes, by path.
    files: Mutex<Vec<String>>,
    /// For a build that updates the previous site in place (see
    /// [`Staging::knowing`]): every file that site has, by path.
    in_place: Option<Vec<String>>,
    /// The files written into the staging folder, for a build in place:
    /// those it moves into the site.
    staged: Mutex<Vec<String>>,
    /// Folders made so far, so each is made once.
    folders: Mutex<HashSet<PathBuf>>,
    /// This build's name, written in the marker file.
    build: String,
}

impl Staging {
    /// Creates the staging folder for output folder `out`.
    pub fn new(out: &Path) -> Result<Staging, OutputError> {
        let out = absolute(out);
        let parent = out.parent().unwrap_or(Path::new("/")).to_path_buf();
        fs::create_dir_all(&parent).map_err(io_error(&parent))?;
        let name = out
            .file_name()
            .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
        sweep_stale(&parent, &name);
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.building-"))
            .tempdir_in(&parent)
            .map_err(io_error(&parent))?
            .keep();
        Ok(Staging {
            dir: Some(dir),
            previous: PreviousSite::new(out.clone()),
            out,
            parent,
            name,
            previous_bytes: HashMap::default(),
            written: Mutex::new(Vec::new()),
            files: Mutex::new(Vec::new()),
            in_place: None,
            staged: Mutex::new(Vec::new()),
            folders: Mutex::new(HashSet::default()),
            build: build_name(),
        })
    }

    /// This build's name: the marker file of the folder it commits holds
    /// it, so a record of what the build wrote is only trusted for that
    /// folder (two builds of one project at once cannot mix them up).
    pub fn build(&self) -> &str {
        &self.build
    }

    /// The output folder as the last build left it.
    pub fn previous(&self) -> &PreviousSite {
        &self.previous
    }

    /// Tells the staging folder what the last build wrote into the output
    /// folder (see [`Staging::written`]): generated files whose bytes are
    /// the same again are linked from there. With the list of every file
    /// that build left (see [`Staging::files`]), the build updates that
    /// folder in place instead: the staging folder then holds only the
    /// files that changed, and committing moves them into the site and
    /// removes what the site no longer has, so an edit to one file costs
    /// a few files written rather than a new folder of links to every
    /// page (see [`super::in_place`]).
    pub fn knowing(
        mut self,
        previous_bytes: HashMap<String, u128>,
        previous_files: Option<Vec<String>>,
    ) -> Self {
        self.previous_bytes = previous_bytes;
        self.in_place = previous_files.filter(|_| self.previous.build().is_some());
        self
    }

    /// Every file of the site written so far (made, linked or kept), by
    /// path: what the next build's [`Staging::knowing`] takes.
    pub fn files(&self) -> Vec<String> {
        self.files.lock().map(|f| f.clone()).unwrap_or_default()
    }

    /// The fingerprint of the bytes of every generated file written so
    /// far, by path: what the next build's [`Staging::knowing`] takes.
    pub fn written(&self) -> Vec<(String, u128)> {
        self.written.lock().map(|w| w.clone()).unwrap_or_default()
    }

    /// Makes `folder` and its parents, once per build.
    fn make_folder(&self, folder: &Path) -> io::Result<()> {
        if self.folders.lock().is_ok_and(|made| made.contains(folder)) {
            return Ok(());
        }
        fs::create_dir_all(folder)?;
        if let Ok(mut made) = self.folders.lock() {
            made.insert(folder.to_path_buf());
        }
        Ok(())
    }

    fn dir(&self) -> &Path {
        self.dir
            .as_deref()
            .expect("staging folder exists until committed")
    }

    /// Writes one file; `relative` may not leave the folder.
    pub fn write(&self, relative: &str, contents: &Contents) -> Result<(), OutputError> {
        let target = output_path(self.dir(), relative).ok_or_else(|| OutputError::Refused {
            path: PathBuf::from(relative),
            reason: "the path would leave the output folder".into(),
        })?;
        if let Ok(mut files) = self.files.lock() {
            files.push(relative.to_string());
        }
        let reused = self.reuse_for(relative, &target, contents)?;
        match reused {
            Reuse::Kept => return Ok(()),
            Reuse::Linked => {}
            Reuse::No => {
                if let Some(folder) = target.parent() {
                    self.make_folder(folder).map_err(io_error(folder))?;
                }
                match contents {
                    Contents::Bytes(bytes) => fs::write(&target, bytes),
                    Contents::Embedded(bytes) => fs::write(&target, bytes),
                    Contents::Copy(from) => fs::copy(from, &target).map(|_| ()),
                    Contents::Resized(resized) => {
                        resized.bytes().and_then(|b| fs::write(&target, b))
                    }
                    Contents::Unchanged(_) | Contents::Checked(_) => Ok(()),
                }
                .map_err(io_error(&target))?;
            }
        }
        // A file in the staging folder, written or linked: a build in
        // place moves it into the site.
        if self.in_place.is_some() {
            if let Ok(mut staged) = self.staged.lock() {
                staged.push(relative.to_string());
            }
        }
        Ok(())
    }

    /// Marks the folder as Lectern's and swaps it in place of the output;
    /// the previous output is removed before this returns.
    pub fn commit(self) -> Result<(), OutputError> {
        if self.in_place.is_some() {
            return self.update_in_place();
        }
        if let Some(old) = self.swap()? {
            let _ = fs::remove_dir_all(old);
        }
        Ok(())
    }

    /// Like [`Staging::commit`], but the previous output, moved aside, is
    /// removed by a process of its own that outlives this one: the build
    /// does not wait for thousands of files to be unlinked.
    pub fn commit_in_background(self) -> Result<(), OutputError> {
        if self.in_place.is_some() {
            return self.update_in_place();
        }
        if let Some(old) = self.swap()? {
            remove_in_background(&old);
        }
        Ok(())
    }

    /// Moves the files written into the site the last build left, and
    /// removes what it no longer has (see [`super::in_place`]).
    fn update_in_place(mut self) -> Result<(), OutputError> {
        let dir = self.dir.take().expect("committed once");
        let files = std::mem::take(self.files.get_mut().unwrap_or_else(|e| e.into_inner()));
        let staged = std::mem::take(self.staged.get_mut().unwrap_or_else(|e| e.into_inner()));
        let result = super::in_place::update(&super::in_place::Update {
            site: &self.previous,
            staged_in: &dir,
            staged: &staged,
            files: &files,
            before: self.in_place.as_deref().unwrap_or_default(),
            marker: &marker_text(Some(&self.build)),
        });
        let _ = fs::remove_dir_all(&dir);
        result
    }

    /// Swaps the staging folder in; the previous output's new place.
    fn swap(mut self) -> Result<Option<PathBuf>, OutputError> {
        let dir = self.dir.take().expect("committed once");
        // Holding the previous site's marker keeps a build updating that
        // site in place from doing so while it is moved aside.
        let _held = super::in_place::MarkerLock::take(&self.out).ok();
        let result = fs::write(dir.join(MARKER), marker_text(Some(&self.build)))
            .map_err(io_error(&dir))
            .and_then(|()| swap_in(&dir, &self.out, &self.parent, &self.name));
        if result.is_err() {
            let _ = fs::remove_dir_all(&dir);
        }
        result
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, contents: Arc<Contents>) -> Result<(), OutputError> {
        self.write(path, &contents)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if let Some(dir) = self.dir.take() {
            let _ = fs::remove_dir_all(dir);
        }
    }
}

/// Writes `files` into a fresh folder beside `out`, then swaps it in place
/// of `out`. On any error the temporary folder is removed and `out` is left
/// as it was.
pub fn write_site(out: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    let staging = Staging::new(out)?;
    files
        .par_iter()
        .try_for_each(|file| staging.write(&file.path, &file.contents))?;
    staging.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: Contents::Bytes(text.as_bytes().to_vec()),
        }
    }

    #[test]
    fn writes_and_replaces_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_site(&out, &[file("a/index.html", "one")]).unwrap();
        write_site(&out, &[file("b/index.html", "two")]).unwrap();
        assert!(!out.join("a").exists());
        assert_eq!(fs::read_to_string(out.join("b/index.html")).unwrap(), "two");
        assert!(out.join(MARKER).exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folders left behind");
    }

    #[test]
    fn a_site_updated_in_place_gets_kept_written_and_linked_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_site(&out, &[file("a/index.html", "one"), file("gone.html", "x")]).unwrap();
        let kept = out.join("a/index.html");
        let staging = Staging::new(&out).unwrap().knowing(
            HashMap::default(),
            Some(vec!["a/index.html".into(), "gone.html".into()]),
        );
        let unchanged = Contents::Unchanged(kept.clone());
        staging.write("a/index.html", &unchanged).unwrap();
        staging.write("b/copy.html", &unchanged).unwrap();
        staging
            .write("c.html", &Contents::Bytes(b"new".to_vec()))
            .unwrap();
        staging.commit().unwrap();
        let read = |path: &str| fs::read_to_string(out.join(path)).unwrap();
        assert_eq!(read("a/index.html"), "one");
        assert_eq!(read("b/copy.html"), "one", "a linked file is moved in");
        assert_eq!(read("c.html"), "new");
        assert!(!out.join("gone.html").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folders left behind");
    }

    #[test]
    fn a_checked_file_is_reused_without_a_second_look() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_site(
            &out,
            &[file("a/index.html", "one"), file("b/index.html", "two")],
        )
        .unwrap();
        let staging = Staging::new(&out).unwrap().knowing(
            HashMap::default(),
            Some(vec!["a/index.html".into(), "b/index.html".into()]),
        );
        assert!(staging.previous().untouched("b/index.html"));
        // Changed after it was checked: looked at again, it is refused;
        // checked, it is taken as the check found it.
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
        fs::File::options()
            .write(true)
            .open(out.join("b/index.html"))
            .unwrap()
            .set_modified(later)
            .unwrap();
        let b = out.join("b/index.html");
        assert!(staging
            .write("b/index.html", &Contents::Unchanged(b.clone()))
            .is_err());
        staging
            .write("b/index.html", &Contents::Checked(b))
            .unwrap();
        let a = Contents::Checked(out.join("a/index.html"));
        staging.write("a/index.html", &a).unwrap();
        staging.write("c/index.html", &a).unwrap();
        staging.commit().unwrap();
        let read = |path: &str| fs::read_to_string(out.join(path)).unwrap();
        assert_eq!(read("a/index.html"), "one", "kept where it is");
        assert_eq!(read("b/index.html"), "two");
        assert_eq!(read("c/index.html"), "one", "linked to a new place");
    }

    #[test]
    fn a_path_leaving_the_folder_fails_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        assert!(write_site(&out, &[file("../evil.html", "x")]).is_err());
        assert!(!dir.path().join("evil.html").exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
