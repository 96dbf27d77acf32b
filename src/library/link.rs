//! Linking: the library put together from loaded content. Its indexes
//! (names, slugs, sources, addresses), every reference resolved, backlinks,
//! computed related items, the published list and the repeat guard; the
//! library-wide passes reuse a [`LinkMemo`]'s results where what they
//! read is unchanged.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::{
    addresses, dont_repeat, resolved, same_themes, source_text, targets, ItemLinks, Library,
    LinkMemo, Missing, Reference, Target,
};
use crate::config::Config;
use crate::content::scan::RawRefKind;
use crate::content::{Content, Item, Kind};
use crate::diagnostics::Diagnostics;

impl Library {
    /// Builds the graph from the loaded content, reporting references that
    /// do not resolve and new angles that repeat published work.
    pub fn link(content: Content, config: Config) -> (Library, Diagnostics) {
        let (library, diagnostics, ()) =
            Self::link_with(content, config, &mut LinkMemo::default(), |_| ());
        (library, diagnostics)
    }

    /// Like [`Library::link`], running `alongside` on the linked library
    /// while the repeat guard compares new angles with published work (the
    /// guard only reports; nothing else waits for it). The library-wide
    /// passes reuse `memo`'s results when what they read is unchanged, and
    /// leave this run's in it.
    pub fn link_with<R: Send>(
        content: Content,
        config: Config,
        memo: &mut LinkMemo,
        alongside: impl FnOnce(&Library) -> R + Send,
    ) -> (Library, Diagnostics, R) {
        let Content {
            items,
            drafts,
            sections,
            home,
            assets,
            figure_rows,
        } = content;
        let paths: Vec<String> = items.par_iter().map(|i| item_path(i)).collect();
        let base_path = config.base_path();
        // The lookup tables do not depend on one another; the name table
        // (in `indexes`) is the largest.
        let ((by_name, asset_by_name, by_url), (by_source, by_slug, asset_paths, urls)) =
            rayon::join(
                || targets::indexes(&items, &paths, &assets),
                || {
                    (
                        source_index(&items),
                        slug_index(&items),
                        addresses::asset_paths(&items, &paths, &assets),
                        paths
                            .iter()
                            .map(|path| Arc::from(format!("{base_path}{path}")))
                            .collect::<Vec<Arc<str>>>(),
                    )
                },
            );
        let taxonomy_paths = ["tags", "themes"].map(|name| {
            if sections.iter().any(|s| s.name == name) {
                format!("lectern/{name}")
            } else {
                name.to_string()
            }
        });
        let mut library = Library {
            urls,
            assets,
            asset_paths,
            by_name,
            asset_by_name,
            by_url,
            base_path,
            config,
            items,
            sections,
            home,
            paths,
            links: Vec::new(),
            published: Vec::new(),
            missing: Vec::new(),
            repeats: Vec::new(),
            redirects: Vec::new(),
            taxonomy_paths,
            by_source,
            by_slug,
        };
        let mut diagnostics = Diagnostics::new();
        let (redirects, redirect_problems) = addresses::redirects(&library.items, &library.paths);
        library.redirects = redirects;
        diagnostics.extend(redirect_problems);

        // References, computed related items and the published list do
        // not depend on each other: work them out side by side.
        let resolve_timer = crate::timings::stage("  references");
        let (related_memo, repeats_memo, targets_memo) = memo.split();
        let ((resolved, related), published) = rayon::join(
            || {
                rayon::join(
                    || resolved::resolve_all(&library, targets_memo),
                    || {
                        same_themes::computed_related(
                            &library.items,
                            library.config.library.related_items + 8,
                            related_memo,
                        )
                    },
                )
            },
            || dont_repeat::collect_published(&library, &figure_rows),
        );
        let mut links = Vec::with_capacity(resolved.len());
        for ((mut item_links, problems), dont_repeat) in resolved.into_iter().zip(published.lists) {
            diagnostics.extend(problems);
            item_links.dont_repeat = dont_repeat;
            links.push(item_links);
        }
        add_backlinks(&mut links);
        drop(resolve_timer);
        for (id, ranked) in related.iter().enumerate() {
            let shown: Vec<usize> = links[id]
                .explicit
                .iter()
                .filter_map(|r| match r.target {
                    Target::Item { id } => Some(id),
                    _ => None,
                })
                .collect();
            links[id].same_themes = ranked
                .iter()
                .copied()
                .filter(|(other, _)| !shown.contains(other))
                .take(library.config.library.related_items)
                .collect();
        }
        library.missing = collect_missing(&links);
        library.links = links;
        library.published = published.pieces;
        diagnostics.extend(published.problems);
        let (repeats, alongside) = rayon::join(
            || {
                let _t = crate::timings::stage("  guard");
                dont_repeat::find_repeated(&library, &drafts, repeats_memo)
            },
            || alongside(&library),
        );
        diagnostics.extend(dont_repeat::repeat_warnings(&library, &drafts, &repeats));
        library.repeats = repeats;
        (library, diagnostics, alongside)
    }
}

/// The URL path of an item relative to the site root.
fn item_path(item: &Item) -> String {
    if item.section.is_empty() {
        format!("{}/", item.slug)
    } else {
        format!("{}/{}/", item.section, item.url_name())
    }
}

/// Each item by its file.
fn source_index(items: &[Arc<Item>]) -> HashMap<Box<str>, usize> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| (source_text(&item.source).into(), i))
        .collect()
}

/// Each slug's items, one per kind: the last item of a kind with a slug
/// answers for it.
fn slug_index(items: &[Arc<Item>]) -> HashMap<String, Vec<(Kind, usize)>> {
    let mut by_slug: HashMap<String, Vec<(Kind, usize)>> = HashMap::default();
    for (i, item) in items.iter().enumerate() {
        let kinds = by_slug.entry(item.slug.clone()).or_default();
        match kinds.iter_mut().find(|(kind, _)| *kind == item.kind) {
            Some(entry) => entry.1 = i,
            None => kinds.push((item.kind, i)),
        }
    }
    by_slug
}

fn add_backlinks(links: &mut [ItemLinks]) {
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); links.len()];
    for (from, item_links) in links.iter().enumerate() {
        let explicit = item_links.explicit.iter().filter_map(|r| match r.target {
            Target::Item { id } => Some(id),
            _ => None,
        });
        let body = item_links.body.iter().filter_map(|r| match r.target {
            Reference::Item { id, .. } => Some(id),
            _ => None,
        });
        for to in explicit.chain(body) {
            if to != from && incoming[to].last() != Some(&from) {
                incoming[to].push(from);
            }
        }
    }
    for (item_links, mut from) in links.iter_mut().zip(incoming) {
        from.sort_unstable();
        from.dedup();
        item_links.backlinks = from;
    }
}

fn collect_missing(links: &[ItemLinks]) -> Vec<Missing> {
    let mut missing: BTreeMap<(bool, String), Vec<usize>> = BTreeMap::new();
    for (id, item_links) in links.iter().enumerate() {
        for r in &item_links.explicit {
            if r.target == Target::Missing {
                let is_slug = crate::content::scan::is_slug_shaped(&r.written);
                missing
                    .entry((!is_slug, r.written.clone()))
                    .or_default()
                    .push(id);
            }
        }
        for r in &item_links.body {
            if r.target == Reference::Missing {
                let is_slug = r.kind == RawRefKind::CodeSpan;
                missing
                    .entry((!is_slug, r.written.to_string()))
                    .or_default()
                    .push(id);
            }
        }
    }
    missing
        .into_iter()
        .map(|((is_path, written), mut cited_by)| {
            cited_by.sort_unstable();
            cited_by.dedup();
            Missing {
                written,
                is_slug: !is_path,
                cited_by,
            }
        })
        .collect()
}
