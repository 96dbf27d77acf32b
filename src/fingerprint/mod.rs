//! Fingerprints of the inputs of a result, for the caches that let a
//! rebuild reuse what did not change: 128-bit XXH3, so that two different
//! inputs sharing one is not a practical concern.

mod serialized;

pub use serialized::feed;

use xxhash_rust::xxh3::Xxh3;

/// Accumulates bytes into a fingerprint.
#[derive(Default, Clone)]
pub struct Hasher(Xxh3);

impl Hasher {
    /// An empty fingerprint.
    pub fn new() -> Self {
        Hasher(Xxh3::new())
    }

    /// Adds `bytes`.
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    /// Adds a string with its length, so that ("ab", "c") and ("a", "bc")
    /// differ.
    pub fn text(&mut self, text: &str) {
        self.0.update(&(text.len() as u64).to_le_bytes());
        self.0.update(text.as_bytes());
    }

    /// The fingerprint of everything added.
    pub fn finish(&self) -> u128 {
        self.0.digest128()
    }
}

impl std::io::Write for Hasher {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
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
}
