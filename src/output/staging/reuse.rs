//! Reusing the previous build's files: a generated file whose bytes are
//! those the last build wrote, a copy made after its source last changed,
//! or a file the caller names as unchanged is kept in place (a build in
//! place) or linked into the staging folder, not written again; but only
//! when the file is still as that build left it.

use std::fs;
use std::io;
use std::path::Path;

use super::Staging;
use crate::output::previous::last_change;
use crate::output::{io_error, output_path, Contents, OutputError};

/// What became of the previous build's file for a file of this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reuse {
    /// Not reusable: the file is written.
    No,
    /// Kept where it is, by a build in place.
    Kept,
    /// Linked into the staging folder.
    Linked,
}

impl Staging {
    /// What to do for file `relative` (at `target` in the staging folder)
    /// with `contents`: keep or link the previous build's file when it
    /// holds those bytes, else [`Reuse::No`] (the caller writes). Contents
    /// that name a previous file which is gone or changed are an error.
    pub(super) fn reuse_for(
        &self,
        relative: &str,
        target: &Path,
        contents: &Contents,
    ) -> Result<Reuse, OutputError> {
        Ok(match contents {
            Contents::Bytes(bytes) => self.reuse_bytes(relative, target, bytes),
            Contents::Embedded(bytes) => self.reuse_bytes(relative, target, bytes),
            Contents::Copy(from) => {
                // A copy made by the last build after the source's last
                // change holds the source's bytes.
                let source = fs::metadata(from).map_err(io_error(from))?;
                let copied_after = |previous: &fs::Metadata| {
                    previous.len() == source.len()
                        && matches!(
                            (previous.modified(), last_change(&source)),
                            (Ok(copied), Some(changed)) if copied > changed
                        )
                };
                self.reuse_previous(relative, true, target, copied_after)
            }
            Contents::Resized(_) => Reuse::No,
            Contents::Unchanged(from) | Contents::Checked(from) => {
                let reused = match from.strip_prefix(&self.out) {
                    Ok(rest) => {
                        let rest = rest.to_string_lossy();
                        let same_place = rest == relative;
                        if matches!(contents, Contents::Checked(_)) {
                            self.reuse_checked(from, same_place, target)
                        } else {
                            self.reuse_previous(&rest, same_place, target, |_| true)
                        }
                    }
                    Err(_) => Reuse::No,
                };
                if reused == Reuse::No {
                    return Err(io_error(target)(io::Error::new(
                        io::ErrorKind::NotFound,
                        "the previous build's file changed or is gone",
                    )));
                }
                reused
            }
        })
    }

    /// Reuses the previous build's file at `relative` when it holds
    /// generated `bytes` (see [`Staging::reuse_previous`]).
    fn reuse_bytes(&self, relative: &str, target: &Path, bytes: &[u8]) -> Reuse {
        let fingerprint = crate::fingerprint::of(bytes);
        if let Ok(mut written) = self.written.lock() {
            written.push((relative.to_string(), fingerprint));
        }
        if self.previous_bytes.get(relative) != Some(&fingerprint) {
            return Reuse::No;
        }
        self.reuse_previous(relative, true, target, |meta| {
            meta.len() == bytes.len() as u64
        })
    }

    /// Reuses the previous build's file at `relative` for `target` when
    /// that file still holds what the build wrote and `same` says its
    /// bytes are the ones wanted now: a build in place keeps it where it
    /// is (when `same_place`: `target` is `relative` in the staging
    /// folder), any other links it; [`Reuse::No`] when it cannot (the
    /// caller writes).
    fn reuse_previous(
        &self,
        relative: &str,
        same_place: bool,
        target: &Path,
        same: impl FnOnce(&fs::Metadata) -> bool,
    ) -> Reuse {
        let Some(previous) = output_path(&self.out, relative) else {
            return Reuse::No;
        };
        match fs::metadata(&previous) {
            Ok(meta) if self.previous.untouched_file(&meta) && same(&meta) => {
                self.reuse_checked(&previous, same_place, target)
            }
            _ => Reuse::No,
        }
    }

    /// Reuses `previous`, a file of the previous build found as that
    /// build left it, for `target`: kept where it is by a build in place
    /// (when `same_place`), linked by any other.
    fn reuse_checked(&self, previous: &Path, same_place: bool, target: &Path) -> Reuse {
        if self.in_place.is_some() && same_place {
            return Reuse::Kept;
        }
        let linked = target
            .parent()
            .is_none_or(|folder| self.make_folder(folder).is_ok())
            && fs::hard_link(previous, target).is_ok();
        if linked {
            Reuse::Linked
        } else {
            Reuse::No
        }
    }
}
