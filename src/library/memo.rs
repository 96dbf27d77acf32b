//! The link stage's two library-wide passes, remembered from the previous
//! run under the fingerprint of everything each one read: computed related
//! items (every item's terms, date and title) and the repeat guard (every
//! new angle and published text, and the threshold). Each pass weighs its
//! terms across the whole library, so any change to what it reads runs it
//! again in full; an edit to anything else (prose outside the new
//! angles, a link, a picture) reuses its result.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::similarity::Repeat;
use crate::fingerprint::Hasher;

/// Every item's related items by shared-term weight, best first.
pub type Related = Arc<Vec<Vec<(usize, f64)>>>;

/// The previous run's results of the library-wide passes, each with the
/// fingerprint of what it was computed from. Empty (the default) computes
/// everything.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LinkMemo {
    related: Option<(u128, Related)>,
    repeats: Option<(u128, Arc<Vec<Repeat>>)>,
}

impl LinkMemo {
    /// The fingerprints its results were computed from: equal keys, equal
    /// memos.
    pub fn keys(&self) -> [Option<u128>; 2] {
        [
            self.related.as_ref().map(|(key, _)| *key),
            self.repeats.as_ref().map(|(key, _)| *key),
        ]
    }

    /// The parts, borrowed apart so the two passes can run side by side.
    pub(super) fn split(&mut self) -> (RelatedMemo<'_>, RepeatsMemo<'_>) {
        (
            RelatedMemo(&mut self.related),
            RepeatsMemo(&mut self.repeats),
        )
    }
}

/// The related-items part of a [`LinkMemo`].
pub(super) struct RelatedMemo<'a>(&'a mut Option<(u128, Related)>);

impl RelatedMemo<'_> {
    /// The related items computed from inputs fingerprinted `key`, or
    /// `compute()`'s, which are kept for the next run.
    pub(super) fn get_or(&mut self, key: u128, compute: impl FnOnce() -> Related) -> Related {
        remembered(self.0, key, compute)
    }
}

/// The repeat-guard part of a [`LinkMemo`].
pub(super) struct RepeatsMemo<'a>(&'a mut Option<(u128, Arc<Vec<Repeat>>)>);

impl RepeatsMemo<'_> {
    /// The repeats found among texts fingerprinted `key`, or
    /// `compute()`'s, which are kept for the next run.
    pub(super) fn get_or(
        &mut self,
        key: u128,
        compute: impl FnOnce() -> Vec<Repeat>,
    ) -> Arc<Vec<Repeat>> {
        remembered(self.0, key, || Arc::new(compute()))
    }
}

fn remembered<T: Clone>(slot: &mut Option<(u128, T)>, key: u128, compute: impl FnOnce() -> T) -> T {
    match slot {
        Some((kept, value)) if *kept == key => value.clone(),
        _ => {
            let value = compute();
            *slot = Some((key, value.clone()));
            value
        }
    }
}

/// A fingerprint of a list of texts, each with its length so that no two
/// different lists feed the same bytes.
pub(super) fn texts_key<'a>(hasher: &mut Hasher, texts: impl ExactSizeIterator<Item = &'a str>) {
    hasher.update(&(texts.len() as u64).to_le_bytes());
    for text in texts {
        hasher.text(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_is_reused_only_under_the_same_key() {
        let mut memo = LinkMemo::default();
        let mut runs = 0;
        for key in [1, 1, 2, 1] {
            memo.split().0.get_or(key, || {
                runs += 1;
                Arc::new(vec![vec![(1, 0.5)]])
            });
        }
        assert_eq!(runs, 3);
    }

    #[test]
    fn the_two_parts_are_kept_apart() {
        let mut memo = LinkMemo::default();
        memo.split().1.get_or(7, Vec::new);
        let (mut related, mut repeats) = memo.split();
        let computed = std::cell::Cell::new(false);
        related.get_or(7, || {
            computed.set(true);
            Arc::new(Vec::new())
        });
        assert!(
            computed.get(),
            "a repeats key must not answer for related items"
        );
        repeats.get_or(7, || panic!("the repeats were kept under 7"));
    }
}
