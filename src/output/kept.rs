//! Files of the build cache: values kept with bincode, their packed runs
//! apart and mapped when read back, and the mappings a build reads from.

use std::io;
use std::path::Path;
use std::sync::Arc;

/// Keeps `bytes` in the cache folder `dir` as `path` (see [`write_whole`]).
pub(crate) fn keep(dir: &Path, path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_whole(dir, path, |file| io::Write::write_all(file, bytes))
}

/// Writes `path` in the cache folder `dir` through a temporary file
/// beside it, renamed over `path` once `write` has written it whole, so a
/// build running beside this one never reads half a file.
fn write_whole(
    dir: &Path,
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> io::Result<()>,
) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut temporary = tempfile::NamedTempFile::new_in(dir)?;
    write(temporary.as_file_mut())?;
    temporary.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Keeps `value` in the cache folder `dir` as `path`, encoded with
/// bincode (see [`keep`]). Its runs of packed bytes are put apart (see
/// [`crate::shared_bytes`]) after the rest, from a page boundary on, so
/// [`read_kept`] can map them without reading them. The file holds the
/// length of the rest and where the runs start (8 bytes each,
/// little-endian), the rest, zeros up to that start, and the runs.
pub(crate) fn keep_value<T: serde::Serialize + ?Sized>(
    dir: &Path,
    path: &Path,
    value: &T,
) -> io::Result<()> {
    use std::io::{Read, Seek, SeekFrom, Write};
    write_whole(dir, path, |file| {
        // Encoded straight into the file, the runs written from where
        // they are: gathered in memory first, a large library's tables
        // (tens of MB) were copied whole at the end of its build, the
        // time of its peak memory. The head, which needs the encoded
        // length, is written last.
        let mut out = io::BufWriter::with_capacity(1 << 16, file);
        out.write_all(&[0u8; 16])?;
        let (encoded, payloads) =
            crate::shared_bytes::write_apart(|| bincode::serialize_into(&mut out, value));
        encoded.map_err(io::Error::other)?;
        let end = out.stream_position()?;
        let page = page_size() as u64;
        let start = if payloads.is_empty() {
            end
        } else {
            end.div_ceil(page) * page
        };
        io::copy(&mut io::repeat(0).take(start - end), &mut out)?;
        for run in payloads.runs() {
            out.write_all(run)?;
        }
        let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        let mut head = [0u8; 16];
        head[..8].copy_from_slice(&(end - 16).to_le_bytes());
        head[8..].copy_from_slice(&start.to_le_bytes());
        file.seek(SeekFrom::Start(0))?;
        file.write_all(&head)
    })
}

/// The size of a memory page, which a mapping's start in a file must be a
/// multiple of.
fn page_size() -> usize {
    #[cfg(unix)]
    {
        // SAFETY: sysconf reads a constant of the system.
        let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
        if let Ok(size) = usize::try_from(size) {
            if size.is_power_of_two() {
                return size;
            }
        }
    }
    64 * 1024
}

/// A value kept by [`keep_value`]; `None` when it is missing or unreadable
/// (a cache that cannot be read is only a cache that misses).
///
/// The rest of the value is read into memory and dropped once decoded;
/// the runs put apart are mapped (on Unix), and each stays a view into the
/// mapping: a warm build neither copies the bodies it does not render
/// again nor brings them into memory.
pub(crate) fn read_kept<T: serde::de::DeserializeOwned>(path: &Path) -> Option<T> {
    use std::io::{Read, Seek, SeekFrom};
    let (mut file, rest, start, size) = open_kept(path)?;
    let payloads = if start == size {
        bytes::Bytes::new()
    } else if let Some(map) = map_from(&file, start) {
        bytes::Bytes::from_owner(map)
    } else {
        let mut payloads = Vec::new();
        file.seek(SeekFrom::Start(start)).ok()?;
        file.read_to_end(&mut payloads).ok()?;
        bytes::Bytes::from(payloads)
    };
    crate::shared_bytes::read_apart(payloads, || bincode::deserialize(&rest).ok())
}

/// Like [`read_kept`], but the runs are left in the file and read from it
/// each time they are asked for (see [`crate::shared_bytes::Run`]): what
/// a build holds of a value it reads seldom, such as a body it reads for
/// the search index and for its page, then never again.
pub(crate) fn read_kept_in_file<T: serde::de::DeserializeOwned>(path: &Path) -> Option<T> {
    let (file, rest, start, size) = open_kept(path)?;
    crate::shared_bytes::read_apart_in_file(Arc::new(file), start, size - start, || {
        bincode::deserialize(&rest).ok()
    })
}

/// A kept file, opened: the file, the rest (the value without its runs),
/// where the runs start and the file's size.
fn open_kept(path: &Path) -> Option<(std::fs::File, Vec<u8>, u64, u64)> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).ok()?;
    let size = file.metadata().ok()?.len();
    let mut head = [0u8; 16];
    file.read_exact(&mut head).ok()?;
    let len = u64::from_le_bytes(head[..8].try_into().ok()?);
    let start = u64::from_le_bytes(head[8..].try_into().ok()?);
    if len > size - 16 || start < 16 + len || start > size {
        return None;
    }
    let mut rest = vec![0u8; usize::try_from(len).ok()?];
    file.read_exact(&mut rest).ok()?;
    Some((file, rest, start, size))
}

/// `file` from `start` on, mapped; `None` when it cannot be (the caller
/// reads it instead).
#[cfg(unix)]
fn map_from(file: &std::fs::File, start: u64) -> Option<memmap2::Mmap> {
    if !start.is_multiple_of(page_size() as u64) {
        return None;
    }
    // SAFETY: a mapped file must not change while it is mapped. Lectern
    // never writes a kept file in place: `keep` writes a new file and
    // renames it over the old one, which leaves the mapped file as it was
    // (and removing it leaves the mapping readable).
    unsafe { memmap2::MmapOptions::new().offset(start).map(file) }.ok()
}

/// Elsewhere kept files are read, not mapped: Windows refuses to replace
/// a file that is mapped, which the next cache write does.
#[cfg(not(unix))]
fn map_from(_file: &std::fs::File, _start: u64) -> Option<memmap2::Mmap> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_value_reads_back_with_its_packed_runs_and_a_cut_file_misses() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kept.bin");
        let long = "<p>Delegation, one decision at a time.</p>\n".repeat(200);
        let mut text = crate::packed::PackedText::from(long.clone());
        text.pack();
        let value = (String::from("title"), text, vec![1u32, 2, 3]);
        keep_value(dir.path(), &path, &value).unwrap();
        let back: (String, crate::packed::PackedText, Vec<u32>) = read_kept(&path).unwrap();
        assert_eq!(back.0, "title");
        assert_eq!(back.1.text(), long);
        assert_eq!(back.2, [1, 2, 3]);
        // The packed run starts on a page of its own, after the rest.
        let bytes = std::fs::read(&path).unwrap();
        let start = u64::from_le_bytes(bytes[8..16].try_into().unwrap()) as usize;
        assert_eq!(start % page_size(), 0);
        assert!(start < bytes.len());
        // Cut short anywhere, the file reads as nothing rather than as
        // something else.
        for cut in [4, 20, start - 1, bytes.len() - 1] {
            std::fs::write(&path, &bytes[..cut]).unwrap();
            let back: Option<(String, crate::packed::PackedText, Vec<u32>)> = read_kept(&path);
            assert!(back.is_none(), "cut at {cut} of {}", bytes.len());
        }
    }
}
