//! Runs of bytes kept apart from the values that hold them in a build
//! cache file, and read back as views into the file rather than copies: a
//! warm build reads every packed body from the cache and unpacks only the
//! few it renders again, so the rest need not be copied, nor even brought
//! into memory.
//!
//! A field written with `#[serde(with = "crate::shared_bytes")]` is
//! written inline, except while [`write_apart`] runs on the thread: then
//! its bytes go to a separate run of payloads and the value records where
//! they are. [`read_apart`] reads such values back, with each field a view
//! into the payloads (see [`crate::output::keep_value`] for the file).
//!
//! A [`Run`] field can also be left in the file: read with
//! [`read_apart_in_file`], it holds where its bytes are and reads them
//! each time it is asked for.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;

use bytes::Bytes;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

thread_local! {
    /// The payloads being written on this thread, while [`write_apart`]
    /// runs. Passed this way because serde's derived writers and readers
    /// take no state of the caller's; it is set and cleared by one call
    /// and never seen by another thread.
    static SINK: RefCell<Option<Payloads>> = const { RefCell::new(None) };
    /// The payloads being read from on this thread, while [`read_apart`]
    /// or [`read_apart_in_file`] runs.
    static SOURCE: RefCell<Option<Source>> = const { RefCell::new(None) };
}

/// The runs put apart while [`write_apart`] ran, in order: the fields'
/// own bytes (a shared field's copy is a count raised, not the bytes
/// copied), to be written one after another as the payloads.
#[derive(Debug, Default)]
pub(crate) struct Payloads {
    runs: Vec<Bytes>,
    len: u64,
}

impl Payloads {
    /// The runs, in the order their places were written.
    pub(crate) fn runs(&self) -> &[Bytes] {
        &self.runs
    }

    /// Whether no run was put apart.
    pub(crate) fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// Puts `bytes` last; where it starts in the payloads.
    fn push(&mut self, bytes: &Bytes) -> u64 {
        let at = self.len;
        self.len += bytes.len() as u64;
        self.runs.push(bytes.clone());
        at
    }
}

/// Runs `write`, with every shared field it writes put apart: its result
/// and the payloads.
pub(crate) fn write_apart<T>(write: impl FnOnce() -> T) -> (T, Payloads) {
    let before = SINK.with(|s| s.borrow_mut().replace(Payloads::default()));
    let _restore = Restore(&SINK, before);
    let written = write();
    let payloads = SINK.with(|s| s.borrow_mut().replace(Payloads::default()));
    (written, payloads.unwrap_or_default())
}

/// Runs `read` on values written by [`write_apart`] whose payloads are
/// `payloads`: each shared field it reads is a view into them.
pub(crate) fn read_apart<T>(payloads: Bytes, read: impl FnOnce() -> T) -> T {
    read_from(Source::Held(payloads), read)
}

/// Like [`read_apart`], with the payloads the `len` bytes of `file` from
/// `start` on: each [`Run`] read is left in the file, a [`FileRun`]; a
/// plain field of bytes is read from the file at once.
pub(crate) fn read_apart_in_file<T>(
    file: Arc<std::fs::File>,
    start: u64,
    len: u64,
    read: impl FnOnce() -> T,
) -> T {
    read_from(Source::File { file, start, len }, read)
}

fn read_from<T>(source: Source, read: impl FnOnce() -> T) -> T {
    let before = SOURCE.with(|s| s.borrow_mut().replace(source));
    let _restore = Restore(&SOURCE, before);
    read()
}

/// Where the payloads being read are.
#[derive(Clone)]
enum Source {
    /// In memory, or mapped.
    Held(Bytes),
    /// In `file`, its `len` bytes from `start` on.
    File {
        file: Arc<std::fs::File>,
        start: u64,
        len: u64,
    },
}

/// Puts back what a thread-local held before, even if the call panics.
struct Restore<T: 'static>(
    &'static std::thread::LocalKey<RefCell<Option<T>>>,
    Option<T>,
);

impl<T: 'static> Drop for Restore<T> {
    fn drop(&mut self) {
        let before = self.1.take();
        self.0.with(|s| *s.borrow_mut() = before);
    }
}

/// Where a run put apart is: its start and length in the payloads.
#[derive(Serialize, Deserialize)]
struct Apart(u64, u64);

/// Writes `bytes`: apart while [`write_apart`] runs, else as one run.
pub(crate) fn serialize<S: Serializer>(bytes: &Bytes, s: S) -> Result<S::Ok, S::Error> {
    let apart = SINK.with(|sink| {
        sink.borrow_mut()
            .as_mut()
            .map(|payloads| Apart(payloads.push(bytes), bytes.len() as u64))
    });
    match apart {
        Some(apart) => apart.serialize(s),
        None => s.serialize_bytes(bytes),
    }
}

/// Reads what [`serialize`] wrote: a view into the payloads while
/// [`read_apart`] runs, else a copy of the run.
pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Bytes, D::Error> {
    match Run::deserialize(d)? {
        Run::Held(bytes) => Ok(bytes),
        Run::InFile(run) => Ok(Bytes::from(run.read())),
    }
}

/// A run of bytes of a kept value: held (in memory, or a view into a
/// mapped file), or left in the file it was read from and read from there
/// each time it is asked for, for a value read seldom that a build would
/// otherwise hold to its end (see [`read_apart_in_file`]). Written like a
/// field of bytes with [`serialize`], so either reads what the other
/// wrote.
#[derive(Clone)]
pub enum Run {
    /// The bytes.
    Held(Bytes),
    /// Where the bytes are.
    InFile(FileRun),
}

/// Where a [`Run`] left in a file is.
#[derive(Clone)]
pub struct FileRun {
    file: Arc<std::fs::File>,
    at: u64,
    len: usize,
}

impl FileRun {
    /// The bytes, read from the file. The file stays open for as long as
    /// a run refers to it, so a newer file of the same name (a later build
    /// replaces kept files whole) does not change what it reads; should
    /// the read fail, which a regular file opened and kept does not do
    /// short of a failing disk, the run reads as empty, as a damaged
    /// packed block does.
    fn read(&self) -> Vec<u8> {
        let mut bytes = vec![0u8; self.len];
        match read_at(&self.file, &mut bytes, self.at) {
            Ok(()) => bytes,
            Err(_) => Vec::new(),
        }
    }
}

#[cfg(unix)]
fn read_at(file: &std::fs::File, into: &mut [u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, into, at)
}

#[cfg(windows)]
fn read_at(file: &std::fs::File, mut into: &mut [u8], mut at: u64) -> std::io::Result<()> {
    while !into.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, into, at)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                into = &mut into[n..];
                at += n as u64;
            }
        }
    }
    Ok(())
}

impl Run {
    /// The bytes: borrowed when held, else read from the file.
    pub fn bytes(&self) -> Cow<'_, [u8]> {
        match self {
            Run::Held(bytes) => Cow::Borrowed(bytes),
            Run::InFile(run) => Cow::Owned(run.read()),
        }
    }

    /// How many bytes the run has.
    pub fn len(&self) -> usize {
        match self {
            Run::Held(bytes) => bytes.len(),
            Run::InFile(run) => run.len,
        }
    }

    /// Whether the run has no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Serialize for Run {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Run::Held(bytes) => serialize(bytes, s),
            Run::InFile(run) => serialize(&Bytes::from(run.read()), s),
        }
    }
}

impl<'de> Deserialize<'de> for Run {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let source = SOURCE.with(|s| s.borrow().clone());
        let Some(source) = source else {
            return d.deserialize_bytes(Inline).map(Run::Held);
        };
        let Apart(at, len) = Apart::deserialize(d)?;
        let within = |total: u64| {
            at.checked_add(len)
                .filter(|&end| end <= total)
                .ok_or_else(|| de::Error::custom("a run of bytes beyond the payloads"))
        };
        match source {
            Source::Held(payloads) => {
                let end = within(payloads.len() as u64)?;
                // Both fit in a usize: they are within a slice's length.
                Ok(Run::Held(payloads.slice(at as usize..end as usize)))
            }
            Source::File {
                file,
                start,
                len: total,
            } => {
                within(total)?;
                let len = usize::try_from(len).map_err(de::Error::custom)?;
                Ok(Run::InFile(FileRun {
                    file,
                    at: start + at,
                    len,
                }))
            }
        }
    }
}

/// A run of bytes written inline, copied.
struct Inline;

impl<'de> Visitor<'de> for Inline {
    type Value = Bytes;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a run of bytes")
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Bytes, E> {
        Ok(Bytes::copy_from_slice(v))
    }

    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Bytes, E> {
        Ok(Bytes::from(v))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Bytes, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
        while let Some(byte) = seq.next_element::<u8>()? {
            out.push(byte);
        }
        Ok(Bytes::from(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize, serde::Deserialize)]
    struct Kept {
        #[serde(with = "super")]
        run: Bytes,
        other: String,
        #[serde(with = "super")]
        second: Bytes,
    }

    fn kept() -> Kept {
        Kept {
            run: Bytes::from_static(b"packed body"),
            other: "title".into(),
            second: Bytes::from_static(b"another"),
        }
    }

    /// [`kept`] written with its runs apart: the rest, and the runs.
    fn kept_apart() -> (Vec<u8>, Vec<u8>) {
        let (header, payloads) = write_apart(|| {
            let mut header = Vec::new();
            bincode::serialize_into(&mut header, &kept()).unwrap();
            header
        });
        (header, payloads.runs().concat())
    }

    #[test]
    fn runs_put_apart_read_back_as_views_into_the_payloads() {
        let (header, payloads) = kept_apart();
        assert_eq!(payloads, b"packed bodyanother");
        let header_text = String::from_utf8_lossy(&header);
        assert!(!header_text.contains("packed"), "the runs are not inline");
        let payloads = Bytes::from(payloads);
        let back: Kept = read_apart(payloads.clone(), || bincode::deserialize(&header).unwrap());
        assert_eq!(&back.run[..], b"packed body");
        assert_eq!(&back.second[..], b"another");
        assert_eq!(back.other, "title");
        assert_eq!(back.run.as_ptr(), payloads.as_ptr(), "a view, not a copy");
        // Both are cleared once done.
        SINK.with(|s| assert!(s.borrow().is_none()));
        SOURCE.with(|s| assert!(s.borrow().is_none()));
    }

    #[derive(serde::Serialize, serde::Deserialize)]
    struct KeptRuns {
        first: Run,
        other: String,
        second: Run,
    }

    #[test]
    fn runs_left_in_a_file_are_read_from_it_and_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kept.bin");
        let value = KeptRuns {
            first: Run::Held(Bytes::from_static(b"packed body")),
            other: "title".into(),
            second: Run::Held(Bytes::from_static(b"another")),
        };
        let (header, payloads) = write_apart(|| bincode::serialize(&value).unwrap());
        // The file: some bytes before the payloads, as a kept file has.
        let mut file = b"head".to_vec();
        file.extend(payloads.runs().concat());
        std::fs::write(&path, &file).unwrap();
        let opened = Arc::new(std::fs::File::open(&path).unwrap());
        let back: KeptRuns = read_apart_in_file(opened, 4, file.len() as u64 - 4, || {
            bincode::deserialize(&header).unwrap()
        });
        assert!(matches!(back.first, Run::InFile(_)), "left in the file");
        assert_eq!(back.first.len(), 11);
        assert_eq!(&back.first.bytes()[..], b"packed body");
        assert_eq!(&back.second.bytes()[..], b"another");
        assert_eq!(back.other, "title");
        // A newer file of the same name does not change what a run reads:
        // it reads the file it was read from, still open.
        std::fs::write(dir.path().join("new.bin"), b"something else entirely").unwrap();
        std::fs::rename(dir.path().join("new.bin"), &path).unwrap();
        assert_eq!(&back.first.bytes()[..], b"packed body");
        // Written again, a run left in a file is written with its bytes.
        let again: KeptRuns = bincode::deserialize(&bincode::serialize(&back).unwrap()).unwrap();
        assert!(matches!(again.first, Run::Held(_)));
        assert_eq!(&again.second.bytes()[..], b"another");
        // A run said to reach beyond the file's payloads is an error.
        let opened = Arc::new(std::fs::File::open(&path).unwrap());
        let short: Result<KeptRuns, _> =
            read_apart_in_file(opened, 0, 12, || bincode::deserialize(&header));
        assert!(short.is_err());
    }

    #[test]
    fn a_run_beyond_the_payloads_is_an_error_not_a_panic() {
        let (header, _) = kept_apart();
        let short = Bytes::from_static(b"packed");
        let back: Result<Kept, _> = read_apart(short, || bincode::deserialize(&header));
        assert!(back.is_err());
    }

    #[test]
    fn elsewhere_runs_are_written_inline() {
        let bytes = bincode::serialize(&kept()).unwrap();
        assert!(String::from_utf8_lossy(&bytes).contains("packed body"));
        let back: Kept = bincode::deserialize(&bytes).unwrap();
        assert_eq!(&back.run[..], b"packed body");
        let json: Kept = serde_json::from_str(r#"{"run":[1,2,3],"other":"","second":[]}"#).unwrap();
        assert_eq!(&json.run[..], &[1, 2, 3]);
    }
}
