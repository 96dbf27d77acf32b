//! Computed related items: items that share tags and themes, weighted toward
//! rare ones (inverse document frequency), found through an inverted index
//! from term to items rather than by comparing every pair.

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::memo::{Kept, Related};
use crate::content::dates::exact;
use crate::content::slug::slugify;
use crate::content::Item;
use crate::fingerprint::{feed, Hasher};

/// How many items of one term are looked at. A term on thousands of items
/// says little about any two of them (its weight is near zero), and capping
/// its list keeps the work linear in the size of the library.
const MAX_POSTINGS: usize = 128;

fn terms(item: &Item) -> Vec<String> {
    let mut terms: Vec<String> = item
        .front
        .tags
        .iter()
        .chain(&item.front.themes)
        .map(|t| slugify(t))
        .filter(|t| !t.is_empty())
        .collect();
    terms.sort();
    terms.dedup();
    terms
}

/// For every item, up to `limit` other items by shared-term weight, best
/// first (ties: newer first, then title); `memo`'s when nothing it reads
/// changed.
pub(super) fn computed_related(
    items: &[Arc<Item>],
    limit: usize,
    memo: &mut Kept<Related>,
) -> Related {
    // Keyed by the tags and themes as written, from which the terms
    // follow: the terms are made only when the ranking is.
    let mut key = Hasher::new();
    key.update(&(limit as u64).to_le_bytes());
    key.update(&(items.len() as u64).to_le_bytes());
    for item in items {
        feed(&mut key, &item.front.tags);
        feed(&mut key, &item.front.themes);
        feed(&mut key, &item.date().as_ref().map(exact::parts));
        key.text(&item.title);
    }
    memo.get_or(key.finish(), || {
        let item_terms: Vec<Vec<String>> = items.par_iter().map(|i| terms(i)).collect();
        Arc::new(rank(items, limit, &item_terms))
    })
}

fn rank(items: &[Arc<Item>], limit: usize, item_terms: &[Vec<String>]) -> Vec<Vec<(usize, f64)>> {
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::default();
    for (id, list) in item_terms.iter().enumerate() {
        for term in list {
            postings.entry(term.as_str()).or_default().push(id);
        }
    }
    let n = items.len().max(1) as f64;
    let idf: HashMap<&str, f64> = postings
        .iter()
        .map(|(term, ids)| (*term, (n / ids.len() as f64).ln() + 0.1))
        .collect();
    for ids in postings.values_mut() {
        if ids.len() > MAX_POSTINGS {
            ids.sort_by(|&a, &b| items[b].date().cmp(&items[a].date()).then(a.cmp(&b)));
            ids.truncate(MAX_POSTINGS);
        }
    }
    let newer_first = |a: usize, b: usize| {
        items[b]
            .date()
            .cmp(&items[a].date())
            .then_with(|| items[a].title.cmp(&items[b].title))
    };
    // Each thread keeps one dense score table and the list of entries it
    // touched, so scoring an item costs its candidates, not the library.
    (0..items.len())
        .into_par_iter()
        .map_init(
            || {
                (
                    vec![0.0f64; items.len()],
                    Vec::<usize>::new(),
                    Vec::<(usize, f64)>::new(),
                )
            },
            |(scores, touched, ranked), id| {
                for term in &item_terms[id] {
                    let weight = idf[term.as_str()];
                    for &other in &postings[term.as_str()] {
                        if other != id {
                            if scores[other] == 0.0 {
                                touched.push(other);
                            }
                            scores[other] += weight;
                        }
                    }
                }
                // The candidates go to a reused buffer: only the top `limit`
                // are kept, so each item's list is allocated at its final size.
                ranked.clear();
                ranked.extend(touched.iter().map(|&o| (o, scores[o])));
                for &o in touched.iter() {
                    scores[o] = 0.0;
                }
                touched.clear();
                let order = |a: &(usize, f64), b: &(usize, f64)| {
                    b.1.total_cmp(&a.1).then_with(|| newer_first(a.0, b.0))
                };
                if ranked.len() > limit {
                    ranked.select_nth_unstable_by(limit, order);
                    ranked.truncate(limit);
                }
                ranked.sort_by(order);
                ranked.to_vec()
            },
        )
        .collect()
}
