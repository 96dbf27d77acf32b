//! Computed related items: items that share tags and themes, weighted toward
//! rare ones (inverse document frequency), found through an inverted index
//! from term to items rather than by comparing every pair.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::slug::slugify;
use crate::content::Item;

/// How many items of one term are looked at. A term on thousands of items
/// says little about any two of them (its weight is near zero), and capping
/// its list keeps the work linear in the size of the library.
const MAX_POSTINGS: usize = 256;

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
/// first (ties: newer first, then title).
pub fn computed_related(items: &[Arc<Item>], limit: usize) -> Vec<Vec<(usize, f64)>> {
    let item_terms: Vec<Vec<String>> = items.par_iter().map(|i| terms(i)).collect();
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
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
    (0..items.len())
        .into_par_iter()
        .map(|id| {
            let mut scores: HashMap<usize, f64> = HashMap::new();
            for term in &item_terms[id] {
                let weight = idf[term.as_str()];
                for &other in &postings[term.as_str()] {
                    if other != id {
                        *scores.entry(other).or_insert(0.0) += weight;
                    }
                }
            }
            let mut ranked: Vec<(usize, f64)> = scores.into_iter().collect();
            ranked.sort_by(|a, b| {
                b.1.total_cmp(&a.1)
                    .then_with(|| items[b.0].date().cmp(&items[a.0].date()))
                    .then_with(|| items[a.0].title.cmp(&items[b.0].title))
            });
            ranked.truncate(limit);
            ranked
        })
        .collect()
}
