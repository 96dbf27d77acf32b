//! A chunk's postings: every stem's list of (document, weight, section)
//! in one run of bytes, as the build cache keeps them. Each list is its
//! length and then, per posting, the document's distance from the one
//! before (the first: its number), the weight and the section, each a
//! variable-length number (seven bits a byte, low bits first): most take
//! a byte, so a posting takes about three bytes rather than eight, and a
//! large library holds millions while its pages are written.
//! Read from the cache, the run is a view into the cache's file (see
//! [`crate::shared_bytes`]): a warm build merges every chunk, but reads
//! the postings only of the files an edit changed, so the rest of the
//! lists stay on disk.

use bytes::Bytes;

use super::Posting;

/// Every stem's postings in one run, each stem's a part of it: a chunk
/// holds many short lists, and a vector apiece would cost more than its
/// contents.
#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct Postings {
    /// Where each stem's part starts, in bytes; the last entry is the
    /// end.
    starts: Vec<u32>,
    /// The parts, encoded (see the module's documentation).
    #[serde(with = "crate::shared_bytes")]
    all: Bytes,
    /// The fingerprint of each stem's part: a postings file is keyed by
    /// its lists' fingerprints, so after an edit only the files holding a
    /// list that changed are encoded again.
    keys: Vec<u128>,
}

/// Appends `n` to `out` as a variable-length number.
fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The variable-length number at the start of `bytes`, and the bytes
/// after it; `None` when `bytes` ends inside it or it overflows 32 bits
/// (a damaged cache file is read as shorter lists, never as a panic).
fn read_varint(bytes: &[u8]) -> Option<(u32, &[u8])> {
    let mut n: u32 = 0;
    for (i, &byte) in bytes.iter().enumerate().take(5) {
        n |= u32::from(byte & 0x7f).checked_shl(7 * i as u32)?;
        if byte < 0x80 {
            return Some((n, &bytes[i + 1..]));
        }
    }
    None
}

/// Appends one stem's `postings` (in document order) to `out`.
fn encode(postings: &[Posting], out: &mut Vec<u8>) {
    push_varint(out, postings.len() as u32);
    let mut previous = 0;
    for &(doc, weight, section) in postings {
        push_varint(out, doc.wrapping_sub(previous));
        push_varint(out, u32::from(weight));
        push_varint(out, u32::from(section));
        previous = doc;
    }
}

impl Postings {
    /// The parts of `all` that `starts` marks (in postings), encoded and
    /// each fingerprinted.
    pub(super) fn new(starts: Vec<u32>, all: Vec<Posting>) -> Self {
        let mut bytes = Vec::with_capacity(all.len() * 3 + starts.len());
        let mut byte_starts = Vec::with_capacity(starts.len());
        for part in starts.windows(2) {
            byte_starts.push(bytes.len() as u32);
            encode(&all[part[0] as usize..part[1] as usize], &mut bytes);
        }
        byte_starts.push(bytes.len() as u32);
        let keys = byte_starts
            .windows(2)
            .map(|part| xxhash_rust::xxh3::xxh3_128(&bytes[part[0] as usize..part[1] as usize]))
            .collect();
        Postings {
            starts: byte_starts,
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
        self.starts.len() == self.keys.len() + 1
            && self.starts.windows(2).all(|w| w[0] <= w[1])
            && self.starts.last().map(|&end| end as usize) == Some(self.all.len())
    }

    /// The fingerprint of the postings of the chunk's stem number `stem`.
    pub(super) fn key_of(&self, stem: usize) -> u128 {
        self.keys[stem]
    }

    /// The postings of the chunk's stem number `stem`.
    pub(super) fn of(&self, stem: usize) -> PostingList<'_> {
        let (start, end) = (self.starts[stem] as usize, self.starts[stem + 1] as usize);
        PostingList(&self.all[start..end])
    }
}

/// One stem's postings in a chunk, as kept: read one at a time.
#[derive(Clone, Copy)]
pub(super) struct PostingList<'a>(&'a [u8]);

impl<'a> PostingList<'a> {
    /// How many postings it holds.
    pub(super) fn len(self) -> usize {
        read_varint(self.0).map_or(0, |(n, _)| n as usize)
    }

    /// Its postings, in document order.
    pub(super) fn iter(self) -> impl Iterator<Item = Posting> + 'a {
        let (count, mut rest) = read_varint(self.0).unwrap_or((0, &[]));
        let mut previous = 0u32;
        (0..count).map_while(move |_| {
            let (delta, after) = read_varint(rest)?;
            let (weight, after) = read_varint(after)?;
            let (section, after) = read_varint(after)?;
            rest = after;
            previous = previous.wrapping_add(delta);
            Some((
                previous,
                u16::try_from(weight).unwrap_or(u16::MAX),
                u16::try_from(section).unwrap_or(u16::MAX),
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variable_length_numbers_read_back_and_damage_reads_as_nothing() {
        for n in [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX] {
            let mut bytes = Vec::new();
            push_varint(&mut bytes, n);
            assert_eq!(read_varint(&bytes), Some((n, &[][..])), "{n}");
            assert_eq!(
                read_varint(&bytes[..bytes.len() - 1]),
                None,
                "{n} cut short"
            );
        }
        assert_eq!(read_varint(&[0xff; 6]), None, "more than 32 bits");
        // A list whose bytes end early yields what it holds, no more.
        let postings = Postings::flatten(vec![vec![(1, 2, 3), (300, 9, 1)]]);
        let cut = PostingList(&postings.all[..postings.all.len() - 1]);
        assert_eq!(cut.len(), 2);
        assert_eq!(cut.iter().collect::<Vec<_>>(), [(1, 2, 3)]);
    }

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
        postings.starts[2] += 1;
        assert!(!postings.is_sound());
    }
}
