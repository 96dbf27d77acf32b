//! List pages: section indexes and tag and theme pages (paginated).

use serde::Serialize;

use super::context::{ListedCard, TermLink};
use super::pages::{by_date_desc, intro_html, PageJob, PageValues};
use super::planner::Planner;
use super::share::default_share;
use super::theme::Theme;
use super::values::Values;
use crate::content::Kind;
use crate::diagnostics::Diagnostic;
use crate::fingerprint::feed;

/// Where a paginated list is and where its neighbours are.
#[derive(Debug, Clone, Serialize)]
pub struct Paginator {
    /// 1-based page number.
    pub current: usize,
    /// Number of pages.
    pub total: usize,
    /// Previous page's URL.
    pub prev: Option<String>,
    /// Next page's URL.
    pub next: Option<String>,
    /// The pages to link to: the first, the last, and those within
    /// [`PAGE_WINDOW`] of this one, as number and URL, in order; a number
    /// 0 (with no URL) stands for the pages left out between two of them.
    /// Every page listing every other would make a list of N pages cost N²
    /// (1,200 links on each of 1,200 pages at 40,000 items).
    pub pages: Vec<(usize, String)>,
    /// Items on all pages together.
    pub items: usize,
}

/// What a paginated list page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListKind {
    /// A section index (by section index in `library.sections`).
    Section(usize),
    /// A tag or theme page.
    Term {
        /// `tags` or `themes`.
        taxonomy: &'static str,
        /// The term's slug.
        slug: String,
        /// The term as written.
        name: String,
    },
}

/// One page of a paginated list, planned by membership only: which items it
/// shows, in order. Its context is built only when it is rendered, so an
/// incremental rebuild can skip pages whose members did not change.
#[derive(Debug, Clone)]
pub struct ListPage {
    /// Output path.
    pub path: String,
    /// What the page lists.
    pub kind: ListKind,
    /// Item ids shown, in order.
    pub members: Vec<usize>,
    /// Where the page sits among its siblings.
    pub paginator: Paginator,
}

/// How many pages either side of the current one its paginator links to.
pub const PAGE_WINDOW: usize = 2;

/// The page numbers page `current` of `total` links to: the first, the
/// last, and those within [`PAGE_WINDOW`] of it, with a 0 wherever pages
/// are left out (a single page left out is shown rather than a gap).
fn page_window(current: usize, total: usize) -> Vec<usize> {
    let from = current.saturating_sub(PAGE_WINDOW).max(1);
    let to = (current + PAGE_WINDOW).min(total);
    let mut kept: Vec<usize> = std::iter::once(1)
        .chain(from..=to)
        .chain(std::iter::once(total))
        .filter(|&n| n >= 1 && n <= total)
        .collect();
    kept.dedup();
    let mut shown = Vec::with_capacity(kept.len() + 2);
    for (i, &n) in kept.iter().enumerate() {
        if let Some(&before) = i.checked_sub(1).and_then(|j| kept.get(j)) {
            match n - before {
                // One page left out is shown: a gap would take its place.
                2 => shown.push(before + 1),
                1 => {}
                _ => shown.push(0),
            }
        }
        shown.push(n);
    }
    shown
}

fn paginate(planner: &Planner, dir: &str, kind: ListKind, ids: Vec<usize>) -> Vec<ListPage> {
    let per_page = planner.library.config.paginate_by.max(1);
    let total_items = ids.len();
    let total = total_items.div_ceil(per_page).max(1);
    let page_dir = |n: usize| {
        if n == 1 {
            format!("{dir}/")
        } else {
            format!("{dir}/page/{n}/")
        }
    };
    let url = |n: usize| format!("{}{}", planner.base, page_dir(n));
    let mut chunks: Vec<Vec<usize>> = ids.chunks(per_page).map(<[usize]>::to_vec).collect();
    if chunks.is_empty() {
        chunks.push(Vec::new());
    }
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, members)| {
            let n = i + 1;
            ListPage {
                path: format!("{}index.html", page_dir(n)),
                kind: kind.clone(),
                members,
                paginator: Paginator {
                    current: n,
                    total,
                    prev: (n > 1).then(|| url(n - 1)),
                    next: (n < total).then(|| url(n + 1)),
                    pages: page_window(n, total)
                        .into_iter()
                        .map(|p| (p, if p == 0 { String::new() } else { url(p) }))
                        .collect(),
                    items: total_items,
                },
            }
        })
        .collect()
}

/// Every page of every paginated list: sections, tags and themes.
pub fn list_plan(planner: &Planner) -> Vec<ListPage> {
    let library = planner.library;
    let cards = &planner.cards;
    // Lists by date all share one order: the items are ranked once (a
    // stable sort, so equal dates and titles keep the items' order, as
    // each list's own sort would) and each list is sorted by rank.
    let mut by_date: Vec<usize> = (0..cards.len()).collect();
    by_date.sort_by(|&a, &b| by_date_desc(&cards[a], &cards[b]));
    let mut rank = vec![0; cards.len()];
    for (place, &id) in by_date.iter().enumerate() {
        rank[id] = place;
    }
    let mut pages = Vec::new();
    for (index, section) in library.sections.iter().enumerate() {
        let mut ids: Vec<usize> = (0..library.items.len())
            .filter(|&id| {
                library.items[id].kind != Kind::Page && library.items[id].section == section.name
            })
            .collect();
        match section.kind {
            Kind::Module => ids.sort_by(|&a, &b| {
                crate::content::module_order(&library.items[a], &library.items[b])
            }),
            _ => ids.sort_unstable_by_key(|&id| rank[id]),
        }
        pages.extend(paginate(
            planner,
            &section.name,
            ListKind::Section(index),
            ids,
        ));
    }
    for (taxonomy_name, terms) in &planner.taxonomies {
        let taxonomy_name = *taxonomy_name;
        let taxonomy_path = planner.library.taxonomy_path(taxonomy_name);
        for (slug, term) in terms {
            let mut ids = term.items.clone();
            ids.sort_unstable_by_key(|&id| rank[id]);
            let kind = ListKind::Term {
                taxonomy: taxonomy_name,
                slug: slug.clone(),
                name: term.name.clone(),
            };
            pages.extend(paginate(
                planner,
                &format!("{taxonomy_path}/{slug}"),
                kind,
                ids,
            ));
        }
    }
    pages
}

/// A list page's values before they are made into the JSON its template
/// reads: fingerprinted as they are, so a list whose values did not change
/// is reused without making them.
pub struct ListValues<'p> {
    planner: &'p Planner<'p>,
    path: String,
    template: &'static str,
    updated: Option<String>,
    items: Vec<ListedCard<'p>>,
    /// The items' ids, in the same order.
    members: &'p [usize],
    paginator: &'p Paginator,
    /// `section`, or `taxonomy` and `term`: a few small values.
    named: Values,
    share: super::share::Share,
}

impl<'p> ListValues<'p> {
    /// The values of list page `page`, its items' cards rendered (or
    /// reused) on the way.
    pub fn new(
        planner: &'p Planner,
        theme: &Theme,
        page: &'p ListPage,
    ) -> Result<Self, Diagnostic> {
        let library = planner.library;
        let base = &planner.base;
        let items = page
            .members
            .iter()
            .map(|&id| {
                Ok(ListedCard::new(
                    &planner.cards[id],
                    planner.card_html(theme, id)?,
                ))
            })
            .collect::<Result<Vec<_>, Diagnostic>>()?;
        let mut named = Values::new();
        let template = match &page.kind {
            ListKind::Section(index) => {
                let section = &library.sections[*index];
                named.insert(
                    "section",
                    &serde_json::json!({
                        "name": section.name,
                        "title": section.title,
                        "kind": section.kind.label(),
                        "description": section.front.description,
                        "content": intro_html(library, section),
                        "url": format!("{base}{}/", section.name),
                        "extra": section.front.extra,
                        "total_minutes": planner.section_minutes[*index],
                    }),
                );
                "section.html"
            }
            ListKind::Term { taxonomy, name, .. } => {
                named.insert("taxonomy", &planner.taxonomy_value(taxonomy));
                named.insert(
                    "term",
                    &TermLink {
                        name: name.as_str().into(),
                        url: planner.terms.url(taxonomy, name),
                        count: page.paginator.items,
                    },
                );
                "term.html"
            }
        };
        let share = default_share(library, template, &named, &planner.url_of(&page.path));
        Ok(ListValues {
            planner,
            path: page.path.clone(),
            template,
            updated: planner.newest(page.members.iter().copied()),
            items,
            members: &page.members,
            paginator: &page.paginator,
            named,
            share,
        })
    }
}

impl PageValues for ListValues<'_> {
    fn path(&self) -> String {
        self.path.clone()
    }

    fn fingerprint(&self, theme: u128) -> u128 {
        let mut hasher = self.planner.page_hasher(theme, self.template);
        self.named.feed_into(&mut hasher);
        // A card is known by the fingerprint it was made from: its HTML,
        // on every list the item is on, is not hashed again each time.
        // That fingerprint covers the whole card, so also the fields a
        // list arranges it by (title, address, kind, date).
        hasher.update(&(self.items.len() as u64).to_le_bytes());
        for (card, &id) in self.items.iter().zip(self.members) {
            let key = self.planner.card_key(id);
            if key == 0 {
                hasher.update(b"h");
                hasher.text(card.html);
                feed(&mut hasher, &(card.title, card.url, card.kind, card.date));
            } else {
                hasher.update(b"k");
                hasher.update(&key.to_le_bytes());
            }
        }
        feed(&mut hasher, self.paginator);
        feed(&mut hasher, &self.share);
        hasher.finish()
    }

    fn into_job(self) -> Result<PageJob, Diagnostic> {
        let planner = self.planner;
        let mut context = planner.context();
        context.insert("items", &self.items);
        context.insert("paginator", self.paginator);
        context.extend(self.named);
        context.insert("share", &self.share);
        Ok(planner.job(self.path, self.template, context, self.updated))
    }
}

#[cfg(test)]
mod tests {
    use super::page_window;

    #[test]
    fn a_paginator_links_the_ends_and_the_pages_near_this_one() {
        assert_eq!(page_window(1, 1), [1]);
        assert_eq!(page_window(2, 3), [1, 2, 3]);
        assert_eq!(page_window(1, 300), [1, 2, 3, 0, 300]);
        assert_eq!(
            page_window(150, 300),
            [1, 0, 148, 149, 150, 151, 152, 0, 300]
        );
        assert_eq!(page_window(300, 300), [1, 0, 298, 299, 300]);
        // One page between the first and the window is shown, not a gap.
        assert_eq!(page_window(5, 9), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(page_window(4, 9), [1, 2, 3, 4, 5, 6, 0, 9]);
        for total in 1..40 {
            for current in 1..=total {
                let shown = page_window(current, total);
                assert!(shown.len() <= 9, "{current} of {total}: {shown:?}");
                assert!(shown.contains(&current) && shown.contains(&1) && shown.contains(&total));
                let numbers: Vec<usize> = shown.iter().copied().filter(|&n| n > 0).collect();
                assert!(numbers.windows(2).all(|w| w[0] < w[1]));
            }
        }
    }
}
