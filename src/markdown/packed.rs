//! A rendered body's HTML and search text, held compressed once the build
//! keeps them (see [`crate::packed`]).

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::TextSection;
use crate::packed::{PackedBytes, PACK_FROM};

/// The HTML of a rendered body, held packed from the bodies stage until
/// its page is written.
pub type Html = crate::packed::PackedText;

/// A body's plain text by section, which only the search index reads.
/// Every body's is held until the index is made, so [`SectionTexts::pack`]
/// keeps it like [`Html`]: encoded with bincode, then LZ4-compressed with
/// the body's HTML as the dictionary. The text is the HTML's, less the
/// markup, so most of it packs to references into the HTML: 12.7 MB of
/// packed text on a 10,000-item library became about 4 MB.
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct SectionTexts(Sections);

#[derive(Clone, Serialize, Deserialize)]
enum Sections {
    List(Vec<TextSection>),
    /// The list as bincode, packed.
    Packed(PackedBytes),
}

impl Default for Sections {
    fn default() -> Self {
        Sections::List(Vec::new())
    }
}

impl SectionTexts {
    /// The sections, in order; `html` is the body's HTML, as it was when
    /// they were packed (unchecked: other bytes read back as other text,
    /// which is why [`crate::markdown::Rendered::search_sections`], which
    /// keeps the two together, is the way to read them).
    pub(crate) fn list(&self, html: &str) -> Cow<'_, [TextSection]> {
        match &self.0 {
            Sections::List(list) => Cow::Borrowed(list),
            // As for packed text: a damaged cache reads as no text.
            Sections::Packed(bytes) => Cow::Owned(
                bytes
                    .unpack_beside(html.as_bytes())
                    .and_then(|raw| bincode::deserialize(&raw).ok())
                    .unwrap_or_default(),
            ),
        }
    }

    /// Adds the sections to `hasher` as they are stored, without unpacking
    /// them: as with [`Html`], equal lists once packed beside the same HTML
    /// add the same bytes (beside other HTML they may not, which only
    /// makes the search index take the body as changed).
    pub fn fingerprint_into(&self, hasher: &mut crate::fingerprint::Hasher) {
        match &self.0 {
            Sections::List(list) => {
                hasher.update(&[0]);
                hasher.update(&(list.len() as u64).to_le_bytes());
                for section in list {
                    hasher.text(&section.anchor);
                    hasher.text(&section.heading);
                    hasher.text(&section.text);
                }
            }
            Sections::Packed(bytes) => bytes.fingerprint_into(hasher),
        }
    }

    /// Compresses the list beside the body's `html` (see
    /// [`SectionTexts`]), unless its text is too short to gain from it.
    pub(crate) fn pack(&mut self, html: &str) {
        if let Sections::List(list) = &self.0 {
            let size: usize = list.iter().map(|s| s.text.len() + s.heading.len()).sum();
            if size >= PACK_FROM {
                if let Ok(raw) = bincode::serialize(list) {
                    self.0 = Sections::Packed(PackedBytes::pack_beside(&raw, html.as_bytes()));
                }
            }
        }
    }
}

impl From<Vec<TextSection>> for SectionTexts {
    fn from(list: Vec<TextSection>) -> Self {
        SectionTexts(Sections::List(list))
    }
}

impl fmt::Debug for SectionTexts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Sections::List(list) => fmt::Debug::fmt(list, f),
            Sections::Packed(bytes) => write!(f, "SectionTexts({} bytes packed)", bytes.len()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_sections_read_back_the_same() {
        let list: Vec<TextSection> = (0..20)
            .map(|i| TextSection {
                anchor: format!("part-{i}"),
                heading: format!("Part {i}"),
                // Words that do not repeat, as in real prose.
                text: (0..40)
                    .map(|j| format!("w{}q{}", i * 97 + j * 31, j * j))
                    .collect::<Vec<_>>()
                    .join(" "),
            })
            .collect();
        let html: String = list
            .iter()
            .map(|s| {
                format!(
                    "<h2 id=\"{}\">{}</h2>\n<p>{}</p>\n",
                    s.anchor, s.heading, s.text
                )
            })
            .collect();
        let mut sections = SectionTexts::from(list.clone());
        sections.pack(&html);
        assert!(matches!(sections.0, Sections::Packed(_)));
        assert_eq!(sections.list(&html).as_ref(), list.as_slice());
        let mut alone = SectionTexts::from(list.clone());
        alone.pack("");
        assert_eq!(alone.list("").as_ref(), list.as_slice());
        let (Sections::Packed(beside), Sections::Packed(apart)) = (&sections.0, &alone.0) else {
            panic!("both packed");
        };
        assert!(
            beside.len() * 2 < apart.len(),
            "the HTML makes the text pack smaller: {} against {}",
            beside.len(),
            apart.len()
        );
        let mut short = SectionTexts::from(list[..1].to_vec());
        short.pack(&html);
        assert!(matches!(short.0, Sections::List(_)));

        let print = |list: &[TextSection]| {
            let mut sections = SectionTexts::from(list.to_vec());
            sections.pack(&html);
            let mut hasher = crate::fingerprint::Hasher::new();
            sections.fingerprint_into(&mut hasher);
            hasher.finish()
        };
        let mut edited = list.clone();
        edited[7].text.push('!');
        assert_eq!(print(&list), print(&list));
        assert_ne!(print(&list), print(&edited));
        assert_ne!(print(&list[..1]), print(&edited[..2]));
    }
}
