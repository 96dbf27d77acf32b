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

use std::cell::RefCell;
use std::fmt;

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
    /// runs.
    static SOURCE: RefCell<Option<Bytes>> = const { RefCell::new(None) };
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
    let before = SOURCE.with(|s| s.borrow_mut().replace(payloads));
    let _restore = Restore(&SOURCE, before);
    read()
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
    let payloads = SOURCE.with(|s| s.borrow().clone());
    let Some(payloads) = payloads else {
        return d.deserialize_bytes(Run);
    };
    let Apart(at, len) = Apart::deserialize(d)?;
    let range = usize::try_from(at)
        .ok()
        .zip(usize::try_from(len).ok())
        .and_then(|(at, len)| Some(at..at.checked_add(len)?))
        .filter(|range| range.end <= payloads.len())
        .ok_or_else(|| de::Error::custom("a run of bytes beyond the payloads"))?;
    Ok(payloads.slice(range))
}

/// A run of bytes written inline, copied.
struct Run;

impl<'de> Visitor<'de> for Run {
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
