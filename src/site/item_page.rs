//! An item's page as typed values, before they are made into the JSON a
//! template reads: fingerprinted as they are, so that a page whose values
//! did not change is reused without making them at all.

use super::context::PageContext;
use super::pages::{PageJob, PageValues, Planner};
use super::share::{item_share, Share};
use super::values::Values;
use crate::fingerprint::feed;

/// The template of item pages.
const TEMPLATE: &str = "item.html";

/// Item `id`'s page: its `page` and `share` values.
pub struct ItemPage<'p, 'a> {
    planner: &'p Planner<'a>,
    id: usize,
    /// `page`, its `content` empty until the page is rendered: the body
    /// is fingerprinted as it is kept, never unpacked for it.
    page: PageContext<'p>,
    share: Share,
}

impl<'p, 'a> ItemPage<'p, 'a> {
    /// The values of item `id`'s page.
    pub fn new(planner: &'p Planner<'a>, id: usize) -> Self {
        let page = PageContext::without_content(
            planner.library,
            id,
            &planner.cards[id],
            &planner.bodies[id],
        );
        let share = item_share(planner.library, id, &page);
        ItemPage {
            planner,
            id,
            page,
            share,
        }
    }
}

impl PageValues for ItemPage<'_, '_> {
    fn path(&self) -> String {
        self.planner.item_path(self.id)
    }

    fn fingerprint(&self, theme: u128) -> u128 {
        let mut hasher = self.planner.page_hasher(theme, TEMPLATE);
        feed(&mut hasher, &self.page);
        self.planner.bodies[self.id]
            .html
            .fingerprint_into(&mut hasher);
        feed(&mut hasher, &self.share);
        hasher.finish()
    }

    fn into_job(mut self) -> PageJob {
        let planner = self.planner;
        self.page.content = planner.bodies[self.id].html.text();
        let mut context: Values = planner.context();
        context.insert("page", &self.page);
        context.insert("share", &self.share);
        let updated = planner.library.items[self.id]
            .front
            .updated
            .map(|d| d.ymd())
            .or_else(|| planner.cards[self.id].date.clone());
        planner.job(planner.item_path(self.id), TEMPLATE, context, updated)
    }
}
