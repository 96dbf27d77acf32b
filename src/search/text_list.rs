//! Many short texts in one string: what a chunk of the index keeps of its
//! words and stems. A chunk of 512 documents has some 6,000 of each, and
//! a build holds every chunk until the merge (and a warm build reads back
//! every chunk it did not index again): as strings apiece they cost a
//! heap block each, here two blocks in all.

use serde::{Deserialize, Serialize};

/// Texts in order, each found by where it ends.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextList {
    text: String,
    ends: Vec<u32>,
}

impl TextList {
    /// Adds `text` at the end.
    pub fn push(&mut self, text: &str) {
        self.text.push_str(text);
        self.ends.push(self.text.len() as u32);
    }

    /// How many texts it holds.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The texts in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            // Read back from the cache, a list whose ends do not fit its
            // text (it never happens to one this module made) shows empty
            // texts rather than stopping the build.
            let text = self.text.get(start..end as usize).unwrap_or("");
            start = end as usize;
            text
        })
    }

    /// Frees the room kept for more texts.
    pub fn without_room(&mut self) {
        self.text = crate::packed::text_without_room(std::mem::take(&mut self.text));
        self.ends = crate::packed::without_room(std::mem::take(&mut self.ends));
    }
}

impl<'a> FromIterator<&'a str> for TextList {
    fn from_iter<I: IntoIterator<Item = &'a str>>(texts: I) -> Self {
        let mut list = TextList::default();
        for text in texts {
            list.push(text);
        }
        list.without_room();
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_read_back_in_order_empty_ones_included() {
        let list: TextList = ["lead", "", "équipe", "x"].into_iter().collect();
        assert_eq!(list.len(), 4);
        assert_eq!(list.iter().collect::<Vec<_>>(), ["lead", "", "équipe", "x"]);
        let bytes = bincode::serialize(&list).unwrap();
        let back: TextList = bincode::deserialize(&bytes).unwrap();
        assert_eq!(back, list);
        assert_eq!(TextList::default().iter().count(), 0);
    }

    #[test]
    fn ends_past_the_text_read_as_empty_texts() {
        let list = TextList {
            text: "ab".into(),
            ends: vec![1, 9, 2],
        };
        assert_eq!(list.iter().collect::<Vec<_>>(), ["a", "", ""]);
    }
}
