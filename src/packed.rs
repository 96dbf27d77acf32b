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
    /// LZ4 block with the text's length in front.
    Packed(Box<[u8]>),
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
            Repr::Packed(bytes) => Cow::Owned(unpack(bytes)),
        }
    }

    /// The text, owned.
    pub fn into_string(self) -> String {
        match self.0 {
            Repr::Text(text) => text,
            Repr::Packed(bytes) => unpack(&bytes),
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
            Repr::Packed(bytes) => {
                hasher.update(&[1]);
                hasher.update(&(bytes.len() as u64).to_le_bytes());
                hasher.update(bytes);
            }
        }
    }

    /// Compresses the text, unless it is too short to gain from it.
    pub fn pack(&mut self) {
        if let Repr::Text(text) = &self.0 {
            if text.len() >= PACK_FROM {
                self.0 = Repr::Packed(lz4_flex::compress_prepend_size(text.as_bytes()).into());
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

/// The text of packed bytes. Only [`PackedText::pack`] makes the bytes (a
/// cache file is checked as a whole before it is read), so a failure here
/// is a damaged cache: the text then reads as empty rather than stopping the
/// build.
pub(crate) fn unpack(bytes: &[u8]) -> String {
    match lz4_flex::decompress_size_prepended(bytes) {
        Ok(raw) => String::from_utf8(raw)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(_) => String::new(),
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
        assert!(matches!(packed.0, Repr::Packed(ref b) if b.len() < text.len() / 2));
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
    fn short_text_is_kept_as_it_is() {
        let mut text = PackedText::from("<p>Hi</p>".to_string());
        text.pack();
        assert!(matches!(text.0, Repr::Text(_)));
        assert_eq!(text.text(), "<p>Hi</p>");
    }
}
