//! A body's references as the build cache keeps them: each heading once,
//! the references under it pointing at it, so that read back they share
//! it again as [`super::scan::scan_references`] made them. Kept one by
//! one, a note of 50 links would read back 50 copies of its heading, and
//! each target would be read into a string and then copied into its
//! shared form.

use std::sync::Arc;

use serde::de::{DeserializeSeed, Deserializer, Error, SeqAccess, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use super::scan::{RawRef, RawRefKind};

/// One reference: kind, target, offset, index of its heading, in a link.
type Entry<T> = (RawRefKind, T, usize, u32, bool);

#[derive(Serialize)]
struct Written<'a> {
    headings: Vec<&'a str>,
    refs: Vec<Entry<&'a str>>,
}

/// Writes `refs`, each heading once.
pub fn serialize<S: Serializer>(refs: &[RawRef], s: S) -> Result<S::Ok, S::Error> {
    let mut headings: Vec<&str> = Vec::new();
    let entries = refs
        .iter()
        .map(|r| {
            // References under one heading follow each other and share it.
            if headings.last() != Some(&&*r.heading) {
                headings.push(&r.heading);
            }
            let heading = (headings.len() - 1) as u32;
            (r.kind, &*r.target, r.offset, heading, r.in_link)
        })
        .collect();
    Written {
        headings,
        refs: entries,
    }
    .serialize(s)
}

/// Reads references written by [`serialize`]: the headings, then each
/// reference straight into its [`RawRef`]: a library of 50 links an item
/// reads half a million back on every build that reuses its loads, and
/// making a list of entries first, converted after, took the cache's
/// tables 63 ms to read instead of 56 (and left each list with room to
/// spare).
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<RawRef>, D::Error> {
    d.deserialize_struct("Written", &["headings", "refs"], KeptVisitor)
}

struct KeptVisitor;

impl<'de> Visitor<'de> for KeptVisitor {
    type Value = Vec<RawRef>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("headings and references")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<RawRef>, A::Error> {
        let headings: Vec<SharedText> = seq
            .next_element()?
            .ok_or_else(|| A::Error::invalid_length(0, &self))?;
        seq.next_element_seed(RefsUnder(&headings))?
            .ok_or_else(|| A::Error::invalid_length(1, &self))
    }
}

/// The references of a body, their headings from those read before them.
struct RefsUnder<'h>(&'h [SharedText]);

impl<'de> DeserializeSeed<'de> for RefsUnder<'_> {
    type Value = Vec<RawRef>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<RawRef>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RefsUnder<'_> {
    type Value = Vec<RawRef>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of references")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<RawRef>, A::Error> {
        // Sized as written, but a damaged length cannot ask for more than
        // 65,536 at once.
        let mut refs = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
        while let Some((kind, target, offset, heading, in_link)) =
            seq.next_element::<Entry<SharedText>>()?
        {
            let heading = self
                .0
                .get(heading as usize)
                .ok_or_else(|| A::Error::custom("a reference's heading is missing"))?;
            refs.push(RawRef {
                kind,
                target: target.0,
                offset,
                heading: Arc::clone(&heading.0),
                in_link,
            });
        }
        Ok(refs)
    }
}

/// A text read straight into its shared form.
struct SharedText(Arc<str>);

impl<'de> Deserialize<'de> for SharedText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Text;
        impl Visitor<'_> for Text {
            type Value = SharedText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<SharedText, E> {
                Ok(SharedText(Arc::from(v)))
            }
        }
        d.deserialize_str(Text)
    }
}

#[cfg(test)]
mod tests {
    use super::super::scan::scan_references;
    use super::*;

    #[derive(Serialize, Deserialize)]
    struct Kept(#[serde(with = "super")] Vec<RawRef>);

    #[test]
    fn references_read_back_as_written_sharing_their_headings() {
        let body = "## Related\n\n- [a](a.md) and `b-c`\n- [[D]]\n\n## Other\n\n![e](e.png)\n";
        let refs = scan_references(body, &super::super::SharedTexts::default());
        let bytes = bincode::serialize(&Kept(refs.clone())).unwrap();
        let back: Kept = bincode::deserialize(&bytes).unwrap();
        assert_eq!(back.0, refs);
        assert_eq!(back.0.len(), 4);
        assert!(Arc::ptr_eq(&back.0[0].heading, &back.0[2].heading));
        assert!(!Arc::ptr_eq(&back.0[2].heading, &back.0[3].heading));
        assert_eq!(&*back.0[3].heading, "Other");
    }

    #[test]
    fn a_reference_under_a_heading_not_written_is_an_error() {
        let written = Written {
            headings: vec!["Only"],
            refs: vec![(RawRefKind::Link, "a.md", 0, 1, false)],
        };
        let bytes = bincode::serialize(&written).unwrap();
        assert!(bincode::deserialize::<Kept>(&bytes).is_err());
    }

    #[test]
    fn no_references_read_back_as_none() {
        let bytes = bincode::serialize(&Kept(Vec::new())).unwrap();
        let back: Kept = bincode::deserialize(&bytes).unwrap();
        assert!(back.0.is_empty());
    }
}
