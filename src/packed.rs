//! Text held compressed: what a build keeps of every item at once (bodies
//! as written and as rendered) and reads back once or twice.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Bodies shorter than this are kept as they are: LZ4 gains little on them.
pub(crate) const PACK_FROM: usize = 512;

/// A text that [`PackedText::pack`] keeps LZ4-compressed. A build holds
/// every item's markdown from loading to rendering and its HTML from
/// rendering until the page is written (and the build cache keeps both
/// between builds): markdown and HTML pack about 2.3 to 1, and unpacking
/// one for its few readers costs microseconds.
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct PackedText(Repr);

#[derive(Clone, Serialize, Deserialize)]
enum Repr {
    Text(String),
    /// The text's bytes, packed.
    Packed(PackedBytes),
}

/// An LZ4 block with the length of the bytes it packs in front: what
/// [`PackedText`] and [`crate::markdown::SectionTexts`] keep once packed.
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct PackedBytes(
    // As one run of bytes: read as a sequence, bincode would take the
    // cache's bodies a byte at a time. Read from the build cache, it is a
    // view into the cache's file, or where it is in the file (see
    // `shared_bytes`).
    crate::shared_bytes::Run,
);

impl PackedBytes {
    /// `raw`, packed.
    pub(crate) fn pack(raw: &[u8]) -> Self {
        Self::from_block(lz4_flex::compress_prepend_size(raw))
    }

    /// `raw`, packed with `dictionary` (bytes it likely repeats) at hand:
    /// read back with [`PackedBytes::unpack_beside`] and the same bytes.
    pub(crate) fn pack_beside(raw: &[u8], dictionary: &[u8]) -> Self {
        Self::from_block(lz4_flex::block::compress_prepend_size_with_dict(
            raw, dictionary,
        ))
    }

    /// The compressor's block, copied into one of its own size: the
    /// compressor's buffer has room for the worst case, and mimalloc
    /// shrinks a block in place (keeping all of it) when the new size is
    /// at least half the old, which is the case for most bodies. Kept for
    /// every item, that room was about 15 MiB of a 10,000-item build's
    /// peak.
    fn from_block(block: Vec<u8>) -> Self {
        PackedBytes(crate::shared_bytes::Run::Held(
            bytes::Bytes::copy_from_slice(&block),
        ))
    }

    /// The bytes packed by [`PackedBytes::pack_beside`] with `dictionary`;
    /// `None` for a damaged block, as for [`PackedBytes::unpack`].
    pub(crate) fn unpack_beside(&self, dictionary: &[u8]) -> Option<Vec<u8>> {
        lz4_flex::block::decompress_size_prepended_with_dict(&self.0.bytes(), dictionary).ok()
    }

    /// How many bytes the block takes.
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    /// The bytes packed; `None` for a damaged block. Only
    /// [`PackedBytes::pack`] makes blocks (a cache file is checked as a
    /// whole before it is read), so callers read a failure as no text
    /// rather than stopping the build.
    pub(crate) fn unpack(&self) -> Option<Vec<u8>> {
        lz4_flex::decompress_size_prepended(&self.0.bytes()).ok()
    }

    /// Adds the block to `hasher` as it is, tagged apart from the unpacked
    /// form its owner adds: whether a value is packed depends on its size
    /// alone, so equal values, once packed, add the same bytes.
    pub(crate) fn fingerprint_into(&self, hasher: &mut crate::fingerprint::Hasher) {
        hasher.update(&[1]);
        hasher.update(&(self.0.len() as u64).to_le_bytes());
        hasher.update(&self.0.bytes());
    }
}

impl Default for Repr {
    fn default() -> Self {
        Repr::Text(String::new())
    }
}

impl PackedText {
    /// The text.
    pub fn text(&self) -> Cow<'_, str> {
        match &self.0 {
            Repr::Text(text) => Cow::Borrowed(text),
            Repr::Packed(bytes) => Cow::Owned(text_of(bytes)),
        }
    }

    /// The text, owned.
    pub fn into_string(self) -> String {
        match self.0 {
            Repr::Text(text) => text,
            Repr::Packed(bytes) => text_of(&bytes),
        }
    }

    /// Adds the text to `hasher` as it is stored, without unpacking it.
    /// Whether a text is packed depends on its length alone, so equal
    /// texts, once packed, add the same bytes.
    pub fn fingerprint_into(&self, hasher: &mut crate::fingerprint::Hasher) {
        match &self.0 {
            Repr::Text(text) => {
                hasher.update(&[0]);
                hasher.text(text);
            }
            Repr::Packed(bytes) => bytes.fingerprint_into(hasher),
        }
    }

    /// Compresses the text, unless it is too short to gain from it.
    pub fn pack(&mut self) {
        if let Repr::Text(text) = &self.0 {
            if text.len() >= PACK_FROM {
                self.0 = Repr::Packed(PackedBytes::pack(text.as_bytes()));
            }
        }
    }
}

/// Equal when the texts are, packed or not.
impl PartialEq for PackedText {
    fn eq(&self, other: &Self) -> bool {
        self.text() == other.text()
    }
}

impl Eq for PackedText {}

impl From<String> for PackedText {
    fn from(text: String) -> Self {
        PackedText(Repr::Text(text))
    }
}

impl fmt::Display for PackedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl fmt::Debug for PackedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.text(), f)
    }
}

/// `list` in a block of its own length. `Vec::shrink_to_fit` does not do
/// it under mimalloc, which keeps a block shrunk by less than half as it
/// is: a list grown by doubling always is. For what a build keeps of every
/// item until it ends.
pub(crate) fn without_room<T>(mut list: Vec<T>) -> Vec<T> {
    if list.capacity() == list.len() {
        return list;
    }
    let mut exact = Vec::with_capacity(list.len());
    exact.append(&mut list);
    exact
}

/// `text` in a block of its own length (see [`without_room`]).
pub(crate) fn text_without_room(text: String) -> String {
    if text.capacity() == text.len() {
        return text;
    }
    text.as_str().to_owned()
}

/// The text of packed bytes; a damaged block (see [`PackedBytes::unpack`])
/// reads as empty.
fn text_of(bytes: &PackedBytes) -> String {
    match bytes.unpack() {
        Some(raw) => String::from_utf8(raw)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_text_reads_back_the_same() {
        let text = "<p>Delegation é ✓</p>\n".repeat(100);
        let mut packed = PackedText::from(text.clone());
        packed.pack();
        assert!(matches!(packed.0, Repr::Packed(ref b) if b.0.len() < text.len() / 2));
        assert_eq!(packed.text(), text);
        let bytes = bincode::serialize(&packed).unwrap();
        let back: PackedText = bincode::deserialize(&bytes).unwrap();
        assert_eq!(back, PackedText::from(text.clone()), "equal packed or not");
        assert_eq!(back.into_string(), text);
    }

    #[test]
    fn fingerprint_follows_the_text() {
        let print = |text: &str| {
            let mut packed = PackedText::from(text.to_string());
            packed.pack();
            let mut hasher = crate::fingerprint::Hasher::new();
            packed.fingerprint_into(&mut hasher);
            hasher.finish()
        };
        let long = "<p>Delegation</p>\n".repeat(100);
        assert_eq!(print(&long), print(&long));
        assert_ne!(print(&long), print(&long.replace("Dele", "Rele")));
        assert_eq!(print("short"), print("short"));
        assert_ne!(print("short"), print("shorter"));
    }

    #[test]
    fn lists_are_kept_without_room() {
        let mut list: Vec<u32> = Vec::new();
        list.extend(0..1000);
        list.push(1000);
        assert!(list.capacity() > list.len());
        let kept = without_room(list);
        assert_eq!(kept.capacity(), kept.len());
        assert_eq!(kept, (0..=1000).collect::<Vec<_>>());
        let mut text = String::new();
        text.extend(std::iter::repeat_n("word ", 100));
        text.push('!');
        assert!(text.capacity() > text.len());
        let kept = text_without_room(text);
        assert_eq!(kept.capacity(), kept.len());
        assert_eq!(kept, format!("{}!", "word ".repeat(100)));
    }

    #[test]
    fn short_text_is_kept_as_it_is() {
        let mut text = PackedText::from("<p>Hi</p>".to_string());
        text.pack();
        assert!(matches!(text.0, Repr::Text(_)));
        assert_eq!(text.text(), "<p>Hi</p>");
    }
}
