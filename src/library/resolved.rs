//! The targets of every item's body references, kept from the previous run.
//!
//! A body reference resolves by looking its text up in the library's
//! tables of names: sources, slugs, titles and other names, URL paths and
//! assets. Its target changes only when the reference or those tables
//! change, so each item's targets are kept under the fingerprint of both
//! (see [`names_key`] and [`item_key`]): after an edit to one item's
//! prose, a build resolves that item's links and looks the others' up
//! instead of resolving every link of the library again. What the tables
//! give afresh on each run (an item's URL, an image's size and smaller
//! copies) is not kept but asked of the library when the targets are
//! used; warnings are written from the targets on every run, so a kept
//! target reports as a resolved one does.

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use super::{references, ItemLinks, Library, Reference};
use crate::content::Item;
use crate::diagnostics::Diagnostic;
use crate::fingerprint::Hasher;

/// What one body reference resolved to, without what the library gives
/// again on each run, in 32 bits: what it is in the top three (one of the
/// constants below), the item, asset or fragment it names in the rest. A
/// library has hundreds of thousands of links, and their targets are held
/// through the build and read back by the next: four bytes each.
type Code = u32;

/// Not a reference to keep or report: a web address, an anchor, a code
/// span that names no item.
const SKIP: Code = 0;
/// An item, at its address.
const ITEM: Code = 1;
/// An item at its address and a fragment: the value is the index of
/// both in the table of fragments.
const ITEM_AT: Code = 2;
const MISSING: Code = 3;
const UNSAFE: Code = 4;
/// An asset (see [`Library::file_reference`]).
const FILE: Code = 5;
const MISSING_FILE: Code = 6;
const TEMPLATE: Code = 7;

const KIND_SHIFT: u32 = 29;
const VALUE: Code = (1 << KIND_SHIFT) - 1;

fn code(kind: Code, value: usize) -> Option<Code> {
    let value = Code::try_from(value).ok().filter(|v| *v <= VALUE)?;
    Some(kind << KIND_SHIFT | value)
}

fn kind_of(code: Code) -> Code {
    code >> KIND_SHIFT
}

fn value_of(code: Code) -> usize {
    (code & VALUE) as usize
}

/// An item and a fragment of its page (`#…`) a reference points at.
type Fragment = (u32, Box<str>);

/// `targets` in kept form, with the fragments their codes name; `None`
/// when one cannot be given again by the library (an item's URL that is
/// not its address and a fragment, a number too large to pack).
fn pack(library: &Library, targets: &[Option<Reference>]) -> Option<(Vec<Code>, Vec<Fragment>)> {
    let mut fragments = Vec::new();
    let codes = targets
        .iter()
        .map(|target| match target {
            None | Some(Reference::Other) => Some(SKIP),
            Some(Reference::Item { id, url }) => {
                let fragment = url.strip_prefix(&*library.urls[*id])?;
                if fragment.is_empty() {
                    return code(ITEM, *id);
                }
                fragments.push((u32::try_from(*id).ok()?, fragment.into()));
                code(ITEM_AT, fragments.len() - 1)
            }
            Some(Reference::Missing) => code(MISSING, 0),
            Some(Reference::Unsafe) => code(UNSAFE, 0),
            Some(Reference::File(file)) => code(FILE, file.index),
            Some(Reference::MissingFile) => code(MISSING_FILE, 0),
            Some(Reference::Template) => code(TEMPLATE, 0),
        })
        .collect::<Option<Vec<Code>>>()?;
    Some((codes, fragments))
}

/// The target `code` stands for, as resolving would have given it
/// (`None` for [`SKIP`]); `fragments` is the table its value indexes. The
/// kept codes come with a key that names the library's tables, so the
/// ids and indexes are this library's.
fn unpack(code: Code, library: &Library, fragments: &[Fragment]) -> Option<Reference> {
    let value = value_of(code);
    Some(match kind_of(code) {
        ITEM => Reference::Item {
            id: value,
            url: library.shared_url(value, ""),
        },
        ITEM_AT => {
            let (id, fragment) = &fragments[value];
            Reference::Item {
                id: *id as usize,
                url: library.shared_url(*id as usize, fragment),
            }
        }
        MISSING => Reference::Missing,
        UNSAFE => Reference::Unsafe,
        FILE => library.file_reference(value),
        MISSING_FILE => Reference::MissingFile,
        TEMPLATE => Reference::Template,
        _ => return None,
    })
}

/// The codes of each item's body references, by [`item_key`], from the
/// last run: every item's in one array.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct KeptTargets {
    /// Where each item's codes start in `codes`, and how many there are.
    by_key: HashMap<u128, (u32, u32)>,
    codes: Vec<Code>,
    /// The fragments [`ITEM_AT`] codes name.
    fragments: Vec<Fragment>,
    /// See [`KeptTargets::key`].
    fingerprint: Option<u128>,
}

/// Where an item's targets came from in this run.
enum Found {
    /// Kept by the last run: its codes' place in the last run's array.
    Kept(u32, u32),
    /// Resolved now, with the fragments its codes name.
    New(Vec<Code>, Vec<Fragment>),
    /// Resolved now, and not to be kept (see [`pack`]).
    Unkept,
}

impl KeptTargets {
    /// The place of the codes kept under `key`.
    fn place(&self, key: u128) -> Option<(u32, u32)> {
        self.by_key.get(&key).copied()
    }

    fn codes(&self, (start, len): (u32, u32)) -> &[Code] {
        &self.codes[start as usize..(start + len) as usize]
    }

    /// This run's table: each item's codes, by its key in item order,
    /// copied from the last run's table or from what was resolved now.
    fn gather(&self, items: Vec<(u128, Found)>) -> KeptTargets {
        let mut next = KeptTargets {
            by_key: HashMap::with_capacity_and_hasher(items.len(), Default::default()),
            codes: Vec::with_capacity(self.codes.len()),
            fragments: Vec::new(),
            fingerprint: None,
        };
        let mut fingerprint = Hasher::new();
        for (key, found) in &items {
            fingerprint.update(&key.to_le_bytes());
            let (codes, fragments) = match found {
                Found::Kept(start, len) => (self.codes((*start, *len)), &self.fragments[..]),
                Found::New(codes, fragments) => (&codes[..], &fragments[..]),
                Found::Unkept => continue,
            };
            let start = next.codes.len() as u32;
            for &code in codes {
                let code = match kind_of(code) {
                    ITEM_AT => {
                        next.fragments.push(fragments[value_of(code)].clone());
                        self::code(ITEM_AT, next.fragments.len() - 1).unwrap_or(SKIP)
                    }
                    _ => code,
                };
                next.codes.push(code);
            }
            next.by_key.insert(*key, (start, codes.len() as u32));
        }
        next.fingerprint = Some(fingerprint.finish());
        next
    }

    /// The fingerprint of the keys, in item order: equal fingerprints,
    /// equal tables (`None` for a table no run gathered).
    pub fn key(&self) -> Option<u128> {
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
    let mut hasher = Hasher::new();
    hasher.update(&names.to_le_bytes());
    hasher.update(&item.body_key.to_le_bytes());
    hasher.update(&[item.kind as u8]);
    hasher.update(item.source.as_os_str().as_encoded_bytes());
    hasher.finish()
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
    let (resolved, found): (Vec<_>, Vec<_>) = library
        .items
        .par_iter()
        .map(|item| {
            let key = item_key(names, item);
            if let Some(place) = previous.place(key) {
                let targets = previous
                    .codes(place)
                    .iter()
                    .map(|&code| unpack(code, library, &previous.fragments));
                let resolved = references::resolve_with(library, item, targets);
                return (resolved, (key, Found::Kept(place.0, place.1)));
            }
            let targets = references::body_targets(library, item);
            let found = match pack(library, &targets) {
                Some((codes, fragments)) => Found::New(codes, fragments),
                None => Found::Unkept,
            };
            let resolved = references::resolve_with(library, item, targets.into_iter());
            (resolved, (key, found))
        })
        .unzip();
    *kept = kept.gather(found);
    resolved
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_keep_what_they_name() {
        for (kind, value) in [(ITEM, 0), (ITEM, VALUE as usize), (FILE, 12), (MISSING, 0)] {
            let packed = code(kind, value).unwrap();
            assert_eq!((kind_of(packed), value_of(packed)), (kind, value));
        }
        assert_eq!(code(ITEM, VALUE as usize + 1), None, "too large to pack");
    }

    #[test]
    fn a_kept_table_is_gathered_from_the_last_and_the_new() {
        let last = KeptTargets::default().gather(vec![
            (
                1,
                Found::New(vec![code(ITEM_AT, 0).unwrap()], vec![(4, "#a".into())]),
            ),
            (
                2,
                Found::New(vec![code(ITEM, 5).unwrap(), SKIP], Vec::new()),
            ),
        ]);
        let next = last.gather(vec![
            (
                3,
                Found::New(vec![code(ITEM_AT, 0).unwrap()], vec![(6, "#b".into())]),
            ),
            (1, Found::Kept(last.place(1).unwrap().0, 1)),
            (4, Found::Unkept),
        ]);
        // Item 1's fragment, kept, is found under its new number.
        let kept = next.codes(next.place(1).unwrap())[0];
        assert_eq!(&next.fragments[value_of(kept)], &(4, "#a".into()));
        assert_eq!(
            next.codes(next.place(3).unwrap()),
            [code(ITEM_AT, 0).unwrap()]
        );
        assert!(next.place(2).is_none(), "only this run's items are kept");
        assert!(
            next.place(4).is_none(),
            "an item that cannot be kept is not"
        );
        let again = last.gather(vec![(4, Found::Unkept), (1, Found::Kept(0, 1))]);
        assert_ne!(again.key(), next.key(), "other keys, another fingerprint");
    }
}
