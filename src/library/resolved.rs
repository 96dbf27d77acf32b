//! The targets of every item's body references, kept from the previous run.
//!
//! A body reference resolves by looking its text up in the library's
//! tables of names: sources, slugs, titles and other names, URL paths and
//! assets. Its target changes only when the reference or those tables
//! change, so each item's targets are kept under the fingerprint of both
//! (see [`names_key`] and [`item_key`]): after an edit to one item's
//! prose, a build resolves that item's links and looks the others' up
//! instead of resolving every link of the library again. What the tables give afresh on each run (an item's URL, an
//! image's size and smaller copies) is not kept but asked of the library
//! when the targets are used; warnings are written from the targets on
//! every run, so a kept target reports as a resolved one does.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use rayon::prelude::*;

use super::{references, ItemLinks, Library, Reference};
use crate::content::Item;
use crate::diagnostics::Diagnostic;
use crate::fingerprint::Hasher;

/// What one body reference resolved to, without what the library gives
/// again on each run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum Resolved {
    /// Nothing to keep or report: a web address, an anchor, a code span
    /// that names no item.
    Skip,
    /// Item `id`, at its URL followed by `fragment` (empty, or `#…`).
    Item { id: u32, fragment: Box<str> },
    /// See [`Reference::Missing`].
    Missing,
    /// See [`Reference::Unsafe`].
    Unsafe,
    /// Asset `index` (see [`Library::file_reference`]).
    File { index: u32 },
    /// See [`Reference::MissingFile`].
    MissingFile,
    /// See [`Reference::Template`].
    Template,
}

impl Resolved {
    /// `target` in kept form; `None` when it cannot be given again by the
    /// library (an item's URL that is not its address and a fragment).
    pub(super) fn of(library: &Library, target: Option<&Reference>) -> Option<Resolved> {
        Some(match target {
            None | Some(Reference::Other) => Resolved::Skip,
            Some(Reference::Item { id, url }) => Resolved::Item {
                id: u32::try_from(*id).ok()?,
                fragment: url.strip_prefix(&*library.urls[*id])?.into(),
            },
            Some(Reference::Missing) => Resolved::Missing,
            Some(Reference::Unsafe) => Resolved::Unsafe,
            Some(Reference::File { index, .. }) => Resolved::File {
                index: u32::try_from(*index).ok()?,
            },
            Some(Reference::MissingFile) => Resolved::MissingFile,
            Some(Reference::Template) => Resolved::Template,
        })
    }

    /// The target as resolving would have given it; `None` for
    /// [`Resolved::Skip`]. The kept targets come with a key that names the
    /// library's tables, so the ids and indexes are this library's.
    pub(super) fn target(&self, library: &Library) -> Option<Reference> {
        Some(match self {
            Resolved::Skip => return None,
            Resolved::Item { id, fragment } => Reference::Item {
                id: *id as usize,
                url: library.shared_url(*id as usize, fragment),
            },
            Resolved::Missing => Reference::Missing,
            Resolved::Unsafe => Reference::Unsafe,
            Resolved::File { index } => library.file_reference(*index as usize),
            Resolved::MissingFile => Reference::MissingFile,
            Resolved::Template => Reference::Template,
        })
    }
}

/// The targets of each item's body references, by [`item_key`], from the
/// last run.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct KeptTargets {
    by_key: HashMap<u128, Arc<[Resolved]>>,
    /// The fingerprint of the keys, in item order: equal fingerprints,
    /// equal tables.
    fingerprint: Option<u128>,
}

impl KeptTargets {
    /// The targets kept under `key`.
    pub(super) fn get(&self, key: u128) -> Option<&Arc<[Resolved]>> {
        self.by_key.get(&key)
    }

    /// This run's targets, by item (`None` for an item whose targets
    /// cannot be kept), replacing the last run's.
    pub(super) fn replace(&mut self, items: Vec<(u128, Option<Arc<[Resolved]>>)>) {
        let mut fingerprint = Hasher::new();
        let mut by_key = HashMap::with_capacity_and_hasher(items.len(), Default::default());
        for (key, targets) in items {
            fingerprint.update(&key.to_le_bytes());
            if let Some(targets) = targets {
                by_key.insert(key, targets);
            }
        }
        self.by_key = by_key;
        self.fingerprint = Some(fingerprint.finish());
    }

    /// See [`KeptTargets::fingerprint`].
    pub(super) fn key(&self) -> Option<u128> {
        self.fingerprint
    }
}

/// The fingerprint of everything a body reference is looked up by: each
/// item's source, kind, slug, title, other names, aliases and address,
/// the assets' paths and the site's base path.
pub(super) fn names_key(library: &Library) -> u128 {
    let mut hasher = Hasher::new();
    hasher.text(&library.base_path);
    hasher.update(&(library.items.len() as u64).to_le_bytes());
    for (item, path) in library.items.iter().zip(&library.paths) {
        let source = item.source.as_os_str().as_encoded_bytes();
        hasher.update(&(source.len() as u64).to_le_bytes());
        hasher.update(source);
        hasher.update(&[item.kind as u8]);
        hasher.text(&item.slug);
        hasher.text(&item.title);
        for list in [&item.front.names, &item.front.aliases] {
            hasher.update(&(list.len() as u64).to_le_bytes());
            for name in list {
                hasher.text(name);
            }
        }
        hasher.text(path);
    }
    hasher.update(&(library.assets.len() as u64).to_le_bytes());
    for asset in &library.assets {
        hasher.text(&asset.key);
    }
    hasher.finish()
}

/// The fingerprint of what item `item`'s body references resolve from:
/// the library's names (`names`, see [`names_key`]), the item's source and
/// kind, and its body, which the references were read from (as its
/// fingerprint, taken when it was loaded: the references themselves are
/// not read again).
pub(super) fn item_key(names: u128, item: &Item) -> u128 {
    let source = item.source.as_os_str().as_encoded_bytes();
    let mut bytes = Vec::with_capacity(33 + source.len());
    bytes.extend_from_slice(&names.to_le_bytes());
    bytes.extend_from_slice(&item.body_key.to_le_bytes());
    bytes.push(item.kind as u8);
    bytes.extend_from_slice(source);
    crate::fingerprint::of(&bytes)
}

/// Resolves every item's references, each item's body references looked
/// up in `kept` when neither they nor the library's names changed since
/// the last run, and leaves this run's targets in `kept`.
pub(super) fn resolve_all(
    library: &Library,
    kept: &mut KeptTargets,
) -> Vec<(ItemLinks, Vec<Diagnostic>)> {
    let names = names_key(library);
    let previous = &*kept;
    let (resolved, targets): (Vec<_>, Vec<_>) = library
        .items
        .par_iter()
        .map(|item| {
            let key = item_key(names, item);
            if let Some(targets) = previous.get(key) {
                let found = targets.iter().map(|t| t.target(library));
                let resolved = references::resolve_with(library, item, found);
                return (resolved, (key, Some(Arc::clone(targets))));
            }
            let found = references::body_targets(library, item);
            let targets: Option<Arc<[Resolved]>> = found
                .iter()
                .map(|t| Resolved::of(library, t.as_ref()))
                .collect();
            let resolved = references::resolve_with(library, item, found.into_iter());
            (resolved, (key, targets))
        })
        .unzip();
    kept.replace(targets);
    resolved
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_tables_are_named_by_their_keys_in_order() {
        let targets: Arc<[Resolved]> = Arc::from(vec![Resolved::Missing]);
        let mut kept = KeptTargets::default();
        kept.replace(vec![(1, Some(Arc::clone(&targets))), (2, None)]);
        let first = kept.key();
        assert_eq!(
            kept.get(1).map(|t| t.to_vec()),
            Some(vec![Resolved::Missing])
        );
        assert!(kept.get(2).is_none(), "an item that cannot be kept is not");
        kept.replace(vec![(2, None), (1, Some(targets))]);
        assert_ne!(kept.key(), first, "the same keys in another order");
    }
}
