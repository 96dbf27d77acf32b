//! A page's table of contents, held in two blocks: every body of a
//! library keeps one for its page, and as an entry apiece with two
//! strings each, the tables of contents of 10,000 bodies were 4 MB of the
//! heap at its peak.

use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

/// The `h2`–`h3` headings of a body, in order. Serialized as a list of
/// [`TocEntry`], as templates see it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Toc {
    /// Each entry's id, then its title.
    text: String,
    /// Each entry's level and where its id and its title end in `text`.
    entries: Vec<(u8, u32, u32)>,
}

/// One entry of a page's table of contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TocEntry<'a> {
    /// 2 for `##`, 3 for `###`.
    pub level: u8,
    /// The heading's id (the anchor).
    pub id: &'a str,
    /// The heading's text.
    pub title: &'a str,
}

impl Toc {
    /// Adds a heading at the end.
    pub fn push(&mut self, level: u8, id: &str, title: &str) {
        self.text.push_str(id);
        let id_end = self.text.len() as u32;
        self.text.push_str(title);
        self.entries.push((level, id_end, self.text.len() as u32));
    }

    /// How many headings it lists.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it lists none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries in order.
    pub fn entries(&self) -> impl Iterator<Item = TocEntry<'_>> + '_ {
        let mut start = 0;
        self.entries.iter().map(move |&(level, id_end, title_end)| {
            // Read back from the cache, ends that do not fit the text (never
            // so for a list made here) give empty texts, not a stopped build.
            let id = self.text.get(start..id_end as usize).unwrap_or("");
            let title = self
                .text
                .get(id_end as usize..title_end as usize)
                .unwrap_or("");
            start = title_end as usize;
            TocEntry { level, id, title }
        })
    }

    /// Frees the room kept for more entries.
    pub fn without_room(&mut self) {
        self.text = crate::packed::text_without_room(std::mem::take(&mut self.text));
        self.entries = crate::packed::without_room(std::mem::take(&mut self.entries));
    }
}

impl Serialize for Toc {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for entry in self.entries() {
            seq.serialize_element(&entry)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Toc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// An entry as serialized, read back: its texts borrowed from the
        /// cache's bytes where the reader can lend them (a warm build reads
        /// every body's table of contents), copied where it cannot.
        #[derive(Deserialize)]
        struct Owned<'a> {
            level: u8,
            #[serde(borrow)]
            id: std::borrow::Cow<'a, str>,
            #[serde(borrow)]
            title: std::borrow::Cow<'a, str>,
        }

        struct Entries;

        impl<'de> Visitor<'de> for Entries {
            type Value = Toc;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table of contents")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Toc, A::Error> {
                let mut toc = Toc::default();
                while let Some(entry) = seq.next_element::<Owned<'de>>()? {
                    toc.push(entry.level, &entry.id, &entry.title);
                }
                toc.without_room();
                Ok(toc)
            }
        }

        deserializer.deserialize_seq(Entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Toc {
        let mut toc = Toc::default();
        toc.push(2, "why", "Why it matters");
        toc.push(3, "", "");
        toc.push(3, "équipe", "L'équipe");
        toc
    }

    #[test]
    fn entries_read_back_in_order_empty_ones_included() {
        let toc = sample();
        let entries: Vec<_> = toc.entries().collect();
        assert_eq!(entries.len(), 3);
        assert_eq!(
            entries[0],
            TocEntry {
                level: 2,
                id: "why",
                title: "Why it matters"
            }
        );
        assert_eq!((entries[1].id, entries[1].title), ("", ""));
        assert_eq!((entries[2].level, entries[2].id), (3, "équipe"));
        assert_eq!(entries[2].title, "L'équipe");
    }

    #[test]
    fn it_is_kept_and_shown_as_a_list_of_entries() {
        let toc = sample();
        let back: Toc = bincode::deserialize(&bincode::serialize(&toc).unwrap()).unwrap();
        assert_eq!(back, toc);
        let json = serde_json::to_value(&toc).unwrap();
        assert_eq!(
            json[0],
            serde_json::json!({"level": 2, "id": "why", "title": "Why it matters"})
        );
        assert_eq!(json.as_array().map(Vec::len), Some(3));
    }
}
