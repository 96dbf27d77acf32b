//! A chunk's postings: every stem's list of (document, weight, section)
//! in one run of bytes, eight to a posting, as the build cache keeps them.
//! Read from the cache, the run is a view into the cache's file (see
//! [`crate::shared_bytes`]): a warm build merges every chunk, but reads
//! the postings only of the files an edit changed, so the rest of the
//! lists stay on disk.

use bytes::Bytes;

use super::Posting;

/// Bytes a posting takes.
const SIZE: usize = 8;

/// Every stem's postings in one run, each stem's a part of it: a chunk
/// holds many short lists, and a vector apiece would cost more than its
/// contents.
#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct Postings {
    /// Where each stem's part starts, in postings; the last entry is the
    /// end.
    starts: Vec<u32>,
    /// The postings, eight bytes each (see [`encode`]).
    #[serde(with = "crate::shared_bytes")]
    all: Bytes,
    /// The fingerprint of each stem's part: a postings file is keyed by
    /// its lists' fingerprints, so after an edit only the files holding a
    /// list that changed are encoded again.
    keys: Vec<u128>,
}

/// Appends `postings` to `out`, eight bytes each: document, weight and
/// section, little-endian.
fn encode(postings: &[Posting], out: &mut Vec<u8>) {
    out.reserve(postings.len() * SIZE);
    for &(doc, weight, section) in postings {
        out.extend_from_slice(&doc.to_le_bytes());
        out.extend_from_slice(&weight.to_le_bytes());
        out.extend_from_slice(&section.to_le_bytes());
    }
}

impl Postings {
    /// The parts of `all` that `starts` marks, each fingerprinted.
    pub(super) fn new(starts: Vec<u32>, all: Vec<Posting>) -> Self {
        let mut bytes = Vec::new();
        encode(&all, &mut bytes);
        let keys = starts
            .windows(2)
            .map(|part| {
                xxhash_rust::xxh3::xxh3_128(
                    &bytes[part[0] as usize * SIZE..part[1] as usize * SIZE],
                )
            })
            .collect();
        Postings {
            starts,
            all: Bytes::from(bytes),
            keys,
        }
    }

    #[cfg(test)]
    pub(super) fn flatten(lists: Vec<Vec<Posting>>) -> Self {
        let mut starts = Vec::with_capacity(lists.len() + 1);
        let mut all = Vec::with_capacity(lists.iter().map(Vec::len).sum());
        for list in lists {
            starts.push(all.len() as u32);
            all.extend(list);
        }
        starts.push(all.len() as u32);
        Postings::new(starts, all)
    }

    /// Whether the parts lie within the postings, one key each: what a
    /// chunk read back from the cache must hold before it is used.
    pub(super) fn is_sound(&self) -> bool {
        self.all.len().is_multiple_of(SIZE)
            && self.starts.len() == self.keys.len() + 1
            && self.starts.windows(2).all(|w| w[0] <= w[1])
            && self.starts.last().map(|&end| end as usize * SIZE) == Some(self.all.len())
    }

    /// The fingerprint of the postings of the chunk's stem number `stem`.
    pub(super) fn key_of(&self, stem: usize) -> u128 {
        self.keys[stem]
    }

    /// The postings of the chunk's stem number `stem`.
    pub(super) fn of(&self, stem: usize) -> PostingList<'_> {
        let (start, end) = (self.starts[stem] as usize, self.starts[stem + 1] as usize);
        PostingList(&self.all[start * SIZE..end * SIZE])
    }
}

/// One stem's postings in a chunk, as kept: read one at a time.
#[derive(Clone, Copy)]
pub(super) struct PostingList<'a>(&'a [u8]);

impl<'a> PostingList<'a> {
    /// How many postings it holds.
    pub(super) fn len(self) -> usize {
        self.0.len() / SIZE
    }

    /// Its postings, in document order.
    pub(super) fn iter(self) -> impl Iterator<Item = Posting> + 'a {
        self.0.chunks_exact(SIZE).map(|p| {
            (
                u32::from_le_bytes([p[0], p[1], p[2], p[3]]),
                u16::from_le_bytes([p[4], p[5]]),
                u16::from_le_bytes([p[6], p[7]]),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_read_back_as_written_and_as_kept() {
        let postings = Postings::flatten(vec![vec![(1, 2, 3)], vec![], vec![(u32::MAX, 7, 9)]]);
        assert!(postings.is_sound());
        let check = |p: &Postings| {
            assert_eq!(p.of(0).iter().collect::<Vec<_>>(), [(1, 2, 3)]);
            assert_eq!(p.of(1).len(), 0);
            assert_eq!(p.of(2).iter().collect::<Vec<_>>(), [(u32::MAX, 7, 9)]);
        };
        check(&postings);
        let bytes = bincode::serialize(&postings).unwrap();
        let back: Postings = bincode::deserialize(&bytes).unwrap();
        assert!(back.is_sound());
        check(&back);
        assert_eq!(back.key_of(2), postings.key_of(2));
        assert_ne!(back.key_of(0), back.key_of(2));
    }

    #[test]
    fn parts_beyond_the_postings_are_not_sound() {
        let mut postings = Postings::flatten(vec![vec![(1, 2, 3)], vec![(4, 5, 6)]]);
        postings.starts[2] = 3;
        assert!(!postings.is_sound());
    }
}
