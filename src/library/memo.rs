//! The link stage's two library-wide passes, remembered from the previous
//! run under the fingerprint of everything each one read: computed related
//! items (every item's terms, date and title) and the repeat guard (every
//! new angle and published text, and the threshold). Each pass weighs its
//! terms across the whole library, so any change to what it reads runs it
//! again in full; an edit to anything else (prose outside the new
//! angles, a link, a picture) reuses its result. Beside them, the targets
//! of each item's body references, kept item by item (see
//! [`super::resolved`]).

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::resolved::KeptTargets;
use super::similarity::Repeat;

/// Every item's related items by shared-term weight, best first.
pub type Related = Arc<Vec<Vec<(usize, f64)>>>;

/// The previous run's results of the library-wide passes, each with the
/// fingerprint of what it was computed from. Empty (the default) computes
/// everything.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LinkMemo {
    related: Kept<Related>,
    repeats: Kept<Arc<Vec<Repeat>>>,
    /// Kept in a file of its own (see [`LinkMemo::targets`]): the passes'
    /// results change with most edits to new angles, the targets only
    /// with links and names.
    #[serde(skip)]
    targets: KeptTargets,
}

impl LinkMemo {
    /// The fingerprints the passes' results were computed from (what
    /// serializing the memo keeps): equal keys, equal memos. The targets'
    /// is [`KeptTargets::key`].
    pub fn keys(&self) -> [Option<u128>; 2] {
        [self.related.key(), self.repeats.key()]
    }

    /// The body references' targets (kept apart from the rest, which is
    /// what serializing the memo keeps).
    pub fn targets(&self) -> &KeptTargets {
        &self.targets
    }

    /// The memo with `targets` as its body references' targets.
    pub fn with_targets(self, targets: KeptTargets) -> LinkMemo {
        LinkMemo { targets, ..self }
    }

    /// The parts, borrowed apart so the passes can run side by side.
    pub(super) fn split(
        &mut self,
    ) -> (
        &mut Kept<Related>,
        &mut Kept<Arc<Vec<Repeat>>>,
        &mut KeptTargets,
    ) {
        (&mut self.related, &mut self.repeats, &mut self.targets)
    }
}

/// One pass's result and the fingerprint of what it was computed from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Kept<T>(Option<(u128, T)>);

impl<T> Default for Kept<T> {
    fn default() -> Self {
        Kept(None)
    }
}

impl<T: Clone> Kept<T> {
    /// The result computed from inputs fingerprinted `key`: the one kept,
    /// or `compute()`'s, which is kept for the next run.
    pub(super) fn get_or(&mut self, key: u128, compute: impl FnOnce() -> T) -> T {
        match &self.0 {
            Some((kept, value)) if *kept == key => value.clone(),
            _ => {
                let value = compute();
                self.0 = Some((key, value.clone()));
                value
            }
        }
    }

    fn key(&self) -> Option<u128> {
        self.0.as_ref().map(|(key, _)| *key)
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
        memo.split().1.get_or(7, || Arc::new(Vec::new()));
        let (related, repeats, _) = memo.split();
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
