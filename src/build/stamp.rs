//! What the file system says of a content file (its size, times and
//! inode), so a second run can tell an unchanged file without reading it.
//!
//! A stamp vouches for a file only when nothing about it has changed and
//! the file had settled when the stamp was taken: its last change was
//! [`SETTLED`] or more before. A file written within the same tick of the
//! file system's clock as the stamp could change again without its times
//! moving; one that settled cannot. The status change time cannot be set
//! back by tools that restore times (`cp -p`, `rsync -t`), and a file
//! replaced by another has another inode.

use std::fs::Metadata;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// How long before a stamp a file must have last changed for the stamp
/// to vouch for it: more than any file system's clock resolution (two
/// seconds on FAT).
const SETTLED: Duration = Duration::from_secs(3);

/// A file's size, times and identity, and when they were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    /// Modification time, in nanoseconds since the epoch.
    modified: i128,
    /// Status change time, in nanoseconds since the epoch.
    changed: i128,
    inode: u64,
    device: u64,
    /// When the stamp was taken, in nanoseconds since the epoch.
    seen: i128,
}

impl Stamp {
    /// The stamp of the file `meta` describes, read at `seen` (taken
    /// before the file's bytes are read); `None` where the file system
    /// cannot say.
    pub fn of(meta: &Metadata, seen: SystemTime) -> Option<Stamp> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let nanos =
                |seconds: i64, nanos: i64| i128::from(seconds) * 1_000_000_000 + i128::from(nanos);
            Some(Stamp {
                len: meta.len(),
                modified: nanos(meta.mtime(), meta.mtime_nsec()),
                changed: nanos(meta.ctime(), meta.ctime_nsec()),
                inode: meta.ino(),
                device: meta.dev(),
                seen: i128::try_from(seen.duration_since(UNIX_EPOCH).ok()?.as_nanos()).ok()?,
            })
        }
        #[cfg(not(unix))]
        {
            let _ = (meta, seen);
            None
        }
    }

    /// Whether this stamp, kept from an earlier run, says the file is
    /// still as it was then: `now` (the file's stamp at this run) shows
    /// nothing changed, and the file had settled when this was taken.
    pub fn vouches_for(&self, now: &Stamp) -> bool {
        let same = self.len == now.len
            && self.modified == now.modified
            && self.changed == now.changed
            && self.inode == now.inode
            && self.device == now.device;
        let settled = self.changed.max(self.modified) + SETTLED.as_nanos() as i128 <= self.seen;
        same && settled
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(changed_secs: i128, seen_secs: i128) -> Stamp {
        Stamp {
            len: 10,
            modified: changed_secs * 1_000_000_000,
            changed: changed_secs * 1_000_000_000,
            inode: 7,
            device: 1,
            seen: seen_secs * 1_000_000_000,
        }
    }

    #[test]
    fn a_stamp_vouches_only_for_a_file_that_had_settled_and_did_not_change() {
        let settled = stamp(100, 110);
        assert!(settled.vouches_for(&stamp(100, 200)));
        // Taken within the settling time of the file's last change.
        assert!(!stamp(100, 101).vouches_for(&stamp(100, 200)));
        // Anything changed: size, times, inode.
        assert!(!settled.vouches_for(&Stamp {
            len: 11,
            ..stamp(100, 200)
        }));
        assert!(!settled.vouches_for(&stamp(150, 200)));
        assert!(!settled.vouches_for(&Stamp {
            inode: 8,
            ..stamp(100, 200)
        }));
        let touched = Stamp {
            changed: 150 * 1_000_000_000,
            ..stamp(100, 200)
        };
        assert!(
            !settled.vouches_for(&touched),
            "a status change alone counts"
        );
    }

    #[test]
    fn a_file_read_now_has_a_stamp() {
        let file = tempfile::NamedTempFile::new().unwrap();
        let meta = std::fs::metadata(file.path()).unwrap();
        let now = Stamp::of(&meta, SystemTime::now()).unwrap();
        assert_eq!(now.len, 0);
        assert!(
            !now.vouches_for(&now),
            "a file just written has not settled"
        );
    }
}
