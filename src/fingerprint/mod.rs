//! Fingerprints of the inputs of a result, for the caches that let a
//! rebuild reuse what did not change: 128-bit XXH3, so that two different
//! inputs sharing one is not a practical concern.

mod serialized;

pub use serialized::feed;

use xxhash_rust::xxh3::Xxh3;

/// Accumulates bytes into a fingerprint.
///
/// Most inputs arrive in pieces of a few bytes (a tag, a length, a short
/// text), and XXH3's streaming state pays a call and a copy for each; they
/// are gathered here and handed over in blocks. The fingerprint is that of
/// all the bytes in order, however they were split.
#[derive(Default, Clone)]
pub struct Hasher {
    /// Bytes handed over so far; `None` until the first block is.
    state: Option<Box<Xxh3>>,
    /// Bytes gathered, at most [`BLOCK`] (its capacity once one is added).
    pending: Vec<u8>,
}

/// How many bytes are gathered before they go to the streaming state.
const BLOCK: usize = 4096;

/// From this length a piece is handed to the streaming state as it is.
const DIRECT: usize = 256;

impl Hasher {
    /// An empty fingerprint.
    pub fn new() -> Self {
        Hasher::default()
    }

    /// Adds `bytes`.
    // Inlined so that the pieces of a known size (a tag, a length) are
    // copied by a move or two rather than a call to `memcpy`: a warm build
    // feeds millions of them.
    #[inline]
    pub fn update(&mut self, bytes: &[u8]) {
        if bytes.len() < DIRECT && self.pending.len() + bytes.len() <= self.pending.capacity() {
            self.pending.extend_from_slice(bytes);
        } else {
            self.update_long(bytes);
        }
    }

    /// [`Hasher::update`] when the block is full or the piece is long
    /// (or the first).
    fn update_long(&mut self, bytes: &[u8]) {
        if self.pending.capacity() == 0 && bytes.len() < DIRECT {
            self.pending.reserve_exact(BLOCK);
            self.pending.extend_from_slice(bytes);
            return;
        }
        let state = self.state.get_or_insert_with(Default::default);
        state.update(&self.pending);
        self.pending.clear();
        // A long piece (a packed body) goes straight to the state: copying
        // it into the block first would cost as much as hashing it.
        if bytes.len() >= DIRECT {
            state.update(bytes);
        } else {
            self.pending.extend_from_slice(bytes);
        }
    }

    /// Adds a string with its length, so that ("ab", "c") and ("a", "bc")
    /// differ.
    #[inline]
    pub fn text(&mut self, text: &str) {
        self.update(&(text.len() as u64).to_le_bytes());
        self.update(text.as_bytes());
    }

    /// The fingerprint of everything added.
    pub fn finish(&self) -> u128 {
        let pending = &self.pending;
        match &self.state {
            // Most fingerprints fit in one block: XXH3 of the bytes at
            // once is the same number, without the streaming state.
            None => of(pending),
            Some(state) => {
                let mut state = state.clone();
                state.update(pending);
                state.digest128()
            }
        }
    }
}

impl std::io::Write for Hasher {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The fingerprint of `bytes`.
pub fn of(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_delimited() {
        let mut a = Hasher::new();
        a.text("ab");
        a.text("c");
        let mut b = Hasher::new();
        b.text("a");
        b.text("bc");
        assert_ne!(a.finish(), b.finish());
        assert_eq!(of(b"x"), of(b"x"));
    }

    /// Gathering pieces changes nothing: the fingerprint is that of the
    /// bytes in order, in small pieces, large ones, or one.
    #[test]
    fn the_fingerprint_is_of_the_bytes_however_they_are_split() {
        let bytes: Vec<u8> = (0..3 * BLOCK as u32 + 17)
            .map(|i| (i * 31 % 251) as u8)
            .collect();
        for cuts in [
            vec![1, 7, 300],
            vec![BLOCK - 1, 2, BLOCK + 5],
            vec![2 * BLOCK, 9],
            vec![DIRECT - 1, DIRECT, 1, DIRECT + 1, 3],
        ] {
            let mut hasher = Hasher::new();
            let mut rest = &bytes[..];
            for cut in cuts.iter().cycle() {
                if rest.is_empty() {
                    break;
                }
                let (piece, after) = rest.split_at((*cut).min(rest.len()));
                hasher.update(piece);
                rest = after;
            }
            assert_eq!(hasher.finish(), of(&bytes), "{cuts:?}");
        }
        assert_eq!(Hasher::new().finish(), of(b""));
    }
}
