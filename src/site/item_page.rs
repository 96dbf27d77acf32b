//! An item's page: fingerprinted from the fingerprints of what it shows,
//! so that a page whose inputs did not change is reused without making
//! its template values at all.
//!
//! What an item's page shows: its card, its front matter, its rendered
//! body (fingerprinted by the key it was rendered under), the items it
//! links to and is linked from (each by its title, address and kind), the
//! published pieces of its don't-repeat list, its section, its picture and
//! what it tells the sites it is shared on. A value the page comes to
//! take from elsewhere must be added to [`ItemPage::fingerprint`] too:
//! `tests/warm_build.rs` edits each of these and compares the warm site
//! with a cold one.

use super::context::PageContext;
use super::pages::{PageJob, PageValues};
use super::planner::Planner;
use super::share::item_share;
use super::values::Values;
use crate::fingerprint::{feed, Hasher};
use crate::library::Target;

/// The template of item pages.
const TEMPLATE: &str = "item.html";

/// Item `id`'s page.
pub struct ItemPage<'p, 'a> {
    planner: &'p Planner<'a>,
    id: usize,
}

impl<'p, 'a> ItemPage<'p, 'a> {
    /// The page of item `id`.
    pub fn new(planner: &'p Planner<'a>, id: usize) -> Self {
        ItemPage { planner, id }
    }
}

impl PageValues for ItemPage<'_, '_> {
    fn path(&self) -> String {
        self.planner.item_path(self.id)
    }

    fn fingerprint(&self, theme: u128) -> u128 {
        let planner = self.planner;
        let library = planner.library;
        let id = self.id;
        let item = &library.items[id];
        let links = &library.links[id];
        let mut hasher = planner.page_hasher(theme, TEMPLATE);
        hasher.update(&planner.card_values_key(id).to_le_bytes());
        // The front matter the page shows beyond its card (the cover is
        // added below, as shown).
        let front = &item.front;
        feed(
            &mut hasher,
            &(
                front.updated.map(|d| d.ymd()),
                &front.platform_fit,
                &front.category,
                &front.objectives,
                &front.extra,
            ),
        );
        hasher.text(&item.source.to_string_lossy());
        feed(&mut hasher, &PageContext::section_link(library, item));
        // A run that fingerprints pages has a cache, whose bodies all
        // carry the key they were rendered under.
        let body_key = planner.bodies[id].key;
        debug_assert_ne!(body_key, 0, "a body without its key");
        hasher.update(&body_key.to_le_bytes());
        hasher.update(&(links.explicit.len() as u64).to_le_bytes());
        for reference in &links.explicit {
            hasher.text(reference.field);
            hasher.text(&reference.written);
            match &reference.target {
                Target::Item { id } => {
                    hasher.update(&[0]);
                    hasher.update(&planner.link_key(*id).to_le_bytes());
                }
                Target::External { url } => {
                    hasher.update(&[1]);
                    hasher.text(url);
                }
                Target::Missing => hasher.update(&[2]),
                Target::Invalid => hasher.update(&[3]),
            }
        }
        let linked = |hasher: &mut Hasher, ids: &mut dyn Iterator<Item = usize>| {
            let mut count = 0u64;
            for id in ids {
                hasher.update(&planner.link_key(id).to_le_bytes());
                count += 1;
            }
            hasher.update(&count.to_le_bytes());
        };
        linked(&mut hasher, &mut links.backlinks.iter().copied());
        linked(
            &mut hasher,
            &mut links.same_themes.iter().map(|&(id, _)| id),
        );
        hasher.update(&(links.dont_repeat.len() as u64).to_le_bytes());
        for (index, entry) in links.dont_repeat_entries(item) {
            feed(&mut hasher, entry);
            hasher.update(&planner.piece_key(index).to_le_bytes());
        }
        let cover = PageContext::cover(item, links);
        feed(&mut hasher, &cover);
        let summary = &planner.cards[id].summary;
        feed(
            &mut hasher,
            &item_share(library, id, summary, cover.as_ref()),
        );
        hasher.finish()
    }

    fn into_job(self) -> Result<PageJob, crate::diagnostics::Diagnostic> {
        let planner = self.planner;
        let id = self.id;
        let page = PageContext::of(
            planner.library,
            &planner.library.items[id],
            &planner.library.links[id],
            &planner.cards[id],
            &planner.bodies[id],
        );
        let share = item_share(planner.library, id, &page.card.summary, page.cover.as_ref());
        let mut context: Values = planner.context();
        context.insert("page", &page);
        context.insert("share", &share);
        let updated = planner.library.items[id]
            .front
            .updated
            .map(|d| d.ymd())
            .or_else(|| planner.cards[id].date.clone());
        Ok(planner.job(planner.item_path(id), TEMPLATE, context, updated))
    }
}
