//! The vocabulary's shards: `search/words/<xx>.json`, the words starting
//! with `xx`, each with its stem and the file of the stem's postings.

use std::collections::BTreeMap;

use super::{ascii_name, Stems};

/// The shard a word belongs to: its first two characters.
pub fn shard_of(word: &str) -> String {
    ascii_name(&word.chars().take(2).collect::<String>())
}

/// Sorted `words` (each with its stem's number) by vocabulary shard, each
/// shard's words sorted. Words of one shard share their first two
/// characters, so they follow one another: a shard's name is made once
/// per run rather than once per word.
pub(super) fn vocabulary_shards<'w>(
    words: &[(&'w str, u32)],
) -> BTreeMap<String, Vec<(&'w str, u32)>> {
    let mut shards: BTreeMap<String, Vec<(&'w str, u32)>> = BTreeMap::new();
    // Two runs can share a name (`é` is shard `e9`, and so is `e9x`):
    // such a shard is sorted again once all are in.
    let mut joined = Vec::new();
    let mut start = 0;
    while start < words.len() {
        let prefix = first_two_chars(words[start].0);
        let end = start
            + words[start..]
                .iter()
                .position(|(word, _)| first_two_chars(word) != prefix)
                .unwrap_or(words.len() - start);
        let name = shard_of(prefix);
        let shard = shards.entry(name.clone()).or_default();
        if !shard.is_empty() {
            joined.push(name);
        }
        shard.extend_from_slice(&words[start..end]);
        start = end;
    }
    for name in joined {
        if let Some(shard) = shards.get_mut(&name) {
            shard.sort_unstable_by(|a, b| a.0.cmp(b.0));
        }
    }
    shards
}

/// The first two characters of `word` (all of a shorter one).
fn first_two_chars(word: &str) -> &str {
    word.char_indices()
        .nth(2)
        .map_or(word, |(at, _)| &word[..at])
}

/// A vocabulary shard as its file has it: `{word: [stem, postings file]}`.
pub(super) struct ShardWords<'a> {
    pub(super) words: &'a [(&'a str, u32)],
    pub(super) stems: &'a Stems<'a>,
}

impl serde::Serialize for ShardWords<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.words.iter().map(|&(word, stem)| {
            let stem = stem as usize;
            (
                word,
                (self.stems.names[stem], self.stems.files[stem].as_str()),
            )
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_words_go_to_their_shards_in_order() {
        let mut words = vec![
            ("mentor", 0),
            ("meeting", 1),
            ("e9x", 2),
            ("é", 3),
            ("1", 4),
            ("10", 5),
            ("100", 4),
            ("zebra", 6),
            ("e9", 7),
        ];
        words.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let shards = vocabulary_shards(&words);
        let mut expected: BTreeMap<String, BTreeMap<&str, u32>> = BTreeMap::new();
        for &(word, stem) in &words {
            expected
                .entry(shard_of(word))
                .or_default()
                .insert(word, stem);
        }
        let got: BTreeMap<String, BTreeMap<&str, u32>> = shards
            .iter()
            .map(|(name, words)| {
                assert!(words.windows(2).all(|w| w[0].0 < w[1].0), "{name} in order");
                (name.clone(), words.iter().copied().collect())
            })
            .collect();
        assert_eq!(got, expected);
        assert_eq!(
            shards["e9"].iter().map(|w| w.0).collect::<Vec<_>>(),
            ["e9", "e9x", "é"]
        );
    }
}
