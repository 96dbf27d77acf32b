//! The planner: the values every page shares (`site`, the taxonomies,
//! each item's card, made once), the fingerprints that say when a page is
//! unchanged, and the jobs that render pages.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::context::{ItemCard, SiteContext};
use super::pages::{site_context, taxonomy, PageJob, PageValues, Term, CARD_TEMPLATE};
use super::share::default_share;
use super::term_pages::TermPages;
use super::theme::Theme;
use super::values::Values;
use crate::diagnostics::Diagnostic;
use crate::library::Library;
use crate::markdown::Rendered;
use crate::slides::Workshop;

/// Plans pages: the shared values every page gets, and the list view of
/// every item, computed once.
pub struct Planner<'a> {
    /// The library.
    pub library: &'a Library,
    /// Rendered bodies by item id.
    pub bodies: &'a [Arc<Rendered>],
    /// `site` for every template.
    pub site: SiteContext,
    /// Every item's list view, by id.
    pub cards: Vec<ItemCard<'a>>,
    /// The base path.
    pub base: String,
    /// The taxonomies: (`tags` or `themes`, their terms by slug).
    pub taxonomies: [(&'static str, BTreeMap<String, Term>); 2],
    /// The page of every tag and theme name.
    pub terms: TermPages<'a>,
    /// Every item's card as HTML, rendered the first time a list shows it:
    /// an item is on several lists (its section, each of its tags and
    /// themes) but its card is made once.
    card_html: Vec<OnceLock<Result<KeyedCard, Diagnostic>>>,
    /// Cards of the previous run by the fingerprint of their template and
    /// values, when the run has a cache: a card made from the same values
    /// is taken from here rather than rendered.
    previous_cards: Option<HashMap<u128, Arc<str>>>,
    /// A context holding only `site`, the start of every page's.
    base_context: Values,
    /// The fingerprint of `site`.
    site_fingerprint: u128,
    /// Minutes of all the items of each section (by index in
    /// `library.sections`): a workshop's total length.
    pub section_minutes: Vec<u32>,
    /// Whether the site has the writer's desk (published, or a preview).
    pub desk: bool,
    /// Each item as a link shows it (title, address, kind), fingerprinted
    /// when first asked for (only a run with a cache asks).
    link_keys: Vec<OnceLock<u128>>,
    /// Each item's card values, fingerprinted when first asked for: its
    /// card's HTML and its page both show them.
    card_value_keys: Vec<OnceLock<u128>>,
    /// Each published piece as a don't-repeat list shows it,
    /// fingerprinted when first asked for.
    piece_keys: Vec<OnceLock<u128>>,
    /// Every piece's key, in order, fingerprinted when first asked for:
    /// `published.json` and the published page both show the whole list.
    published_key: OnceLock<u128>,
}

/// An item card's HTML and the fingerprint of what it was made from.
type KeyedCard = (u128, Arc<str>);

impl<'a> Planner<'a> {
    /// A planner for the library and its rendered bodies.
    pub fn new(library: &'a Library, bodies: &'a [Arc<Rendered>]) -> Self {
        let terms = TermPages::of(library, library.items.iter().map(|item| &**item));
        // The cards are made beside the site's values and taxonomies.
        let (cards, (site, taxonomies)) = rayon::join(
            || -> Vec<ItemCard> {
                (0..library.items.len())
                    .into_par_iter()
                    .map(|id| ItemCard::new(library, id, &bodies[id], &terms))
                    .collect()
            },
            || {
                let taxonomies =
                    ["tags", "themes"].map(|name| (name, taxonomy(&library.items, &terms, name)));
                (site_context(library), taxonomies)
            },
        );
        let base = site.base_path.clone();
        let mut section_minutes = vec![0u32; library.sections.len()];
        let section_index: HashMap<&str, usize> = library
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.as_str(), i))
            .collect();
        for (item, card) in library.items.iter().zip(&cards) {
            if let (Some(&i), Some(minutes)) =
                (section_index.get(item.section.as_str()), card.duration)
            {
                section_minutes[i] += minutes;
            }
        }
        let card_html = (0..library.items.len()).map(|_| OnceLock::new()).collect();
        let mut base_context = Values::new();
        base_context.insert("site", &site);
        let mut site_fingerprint = crate::fingerprint::Hasher::new();
        crate::fingerprint::feed(&mut site_fingerprint, &site);
        let link_keys = library.items.iter().map(|_| OnceLock::new()).collect();
        let card_value_keys = library.items.iter().map(|_| OnceLock::new()).collect();
        let piece_keys = library.published.iter().map(|_| OnceLock::new()).collect();
        Planner {
            link_keys,
            card_value_keys,
            piece_keys,
            published_key: OnceLock::new(),
            base_context,
            site_fingerprint: site_fingerprint.finish(),
            library,
            bodies,
            site,
            cards,
            base,
            taxonomies,
            terms,
            card_html,
            previous_cards: None,
            section_minutes,
            desk: false,
        }
    }

    /// Reuses the cards of a previous run (see [`Planner::cards_made`]).
    pub fn reuse_cards(&mut self, cards: HashMap<u128, Arc<str>>) {
        self.previous_cards = Some(cards);
    }

    /// The cards made (or reused) so far, by fingerprint, when reusing
    /// cards: what the next run can reuse.
    pub fn cards_made(&self) -> HashMap<u128, Arc<str>> {
        if self.previous_cards.is_none() {
            return HashMap::default();
        }
        self.card_html
            .iter()
            .filter_map(|card| card.get()?.as_ref().ok())
            .map(|(key, html)| (*key, Arc::clone(html)))
            .collect()
    }

    /// Item `id`'s card as HTML (`partials/card.html`).
    pub fn card_html(&self, theme: &Theme, id: usize) -> Result<&str, Diagnostic> {
        let rendered = self.card_html[id].get_or_init(|| {
            let key = match &self.previous_cards {
                Some(previous) => {
                    let key = self.card_fingerprint(theme, id);
                    if let Some(html) = previous.get(&key) {
                        return Ok((key, Arc::clone(html)));
                    }
                    key
                }
                None => 0,
            };
            let mut context = self.context();
            context.insert("item", &self.cards[id]);
            let url = &self.cards[id].url;
            theme
                .render(CARD_TEMPLATE, &context.into_context(), || {
                    format!("rendering the card of {url}")
                })
                .map(|html| (key, Arc::from(html)))
        });
        rendered
            .as_ref()
            .map(|(_, html)| &**html)
            .map_err(Diagnostic::clone)
    }

    /// The fingerprint item `id`'s card was made from, once
    /// [`Planner::card_html`] made it; 0 when it was made without one (a
    /// run with no cache) or could not be made.
    pub fn card_key(&self, id: usize) -> u128 {
        match self.card_html[id].get() {
            Some(Ok((key, _))) => *key,
            _ => 0,
        }
    }

    /// The fingerprint of item `id` as a link to it shows it.
    pub fn link_key(&self, id: usize) -> u128 {
        *self.link_keys[id].get_or_init(|| {
            let link = super::library_views::item_link(self.library, id);
            let mut hasher = crate::fingerprint::Hasher::new();
            crate::fingerprint::feed(&mut hasher, &link);
            hasher.finish()
        })
    }

    /// The fingerprint of what published piece `index` shows of itself
    /// on a don't-repeat list (the entry that lists it aside).
    pub fn piece_key(&self, index: usize) -> u128 {
        *self.piece_keys[index].get_or_init(|| {
            let piece = &self.library.published[index];
            let view = super::library_views::published_view(self.library, &piece.entry, piece);
            let mut hasher = crate::fingerprint::Hasher::new();
            crate::fingerprint::feed(&mut hasher, &view);
            hasher.finish()
        })
    }

    /// The fingerprint of what `published.json` lists: every piece, in
    /// order.
    pub fn published_key(&self) -> u128 {
        *self.published_key.get_or_init(|| {
            let mut hasher = crate::fingerprint::Hasher::new();
            hasher.text("published.json");
            hasher.update(&(self.piece_keys.len() as u64).to_le_bytes());
            for index in 0..self.piece_keys.len() {
                hasher.update(&self.piece_key(index).to_le_bytes());
            }
            hasher.finish()
        })
    }

    /// The start of the fingerprint of a page made with `template` of the
    /// templates fingerprinted `theme`, holding `site`: the page's own
    /// values are added after, as they are typed.
    pub fn page_hasher(&self, theme: u128, template: &str) -> crate::fingerprint::Hasher {
        let mut hasher = super::values::page_hasher(theme, template);
        hasher.update(&self.site_fingerprint.to_le_bytes());
        hasher
    }

    /// A fingerprint of item `id`'s card rendered with `theme`, from its
    /// typed values: equal fingerprints mean equal cards.
    fn card_fingerprint(&self, theme: &Theme, id: usize) -> u128 {
        let mut hasher = self.page_hasher(theme.fingerprint, CARD_TEMPLATE);
        hasher.update(&self.card_values_key(id).to_le_bytes());
        hasher.finish()
    }

    /// The fingerprint of item `id`'s card values ([`ItemCard`]).
    pub fn card_values_key(&self, id: usize) -> u128 {
        *self.card_value_keys[id].get_or_init(|| {
            let mut hasher = crate::fingerprint::Hasher::new();
            crate::fingerprint::feed(&mut hasher, &self.cards[id]);
            hasher.finish()
        })
    }

    /// What a taxonomy's pages show of it: `name` (`tags` or `themes`),
    /// `title` and `url`.
    pub fn taxonomy_value(&self, taxonomy: &str) -> serde_json::Value {
        let title = if taxonomy == "tags" { "Tags" } else { "Themes" };
        let path = self.library.taxonomy_path(taxonomy);
        serde_json::json!({ "name": taxonomy, "title": title, "url": format!("{}{path}/", self.base) })
    }

    /// A context holding `site` (made once, copied for each page).
    pub fn context(&self) -> Values {
        self.base_context.clone()
    }

    /// The URL of the page at output path `path` (`tags/x/index.html` →
    /// `/base/tags/x/`).
    pub fn url_of(&self, path: &str) -> String {
        format!("{}{}", self.base, path.trim_end_matches("index.html"))
    }

    /// A page at `path` (under the site root).
    pub fn job(
        &self,
        path: String,
        template: &'static str,
        context: Values,
        updated: Option<String>,
    ) -> PageJob {
        let url = self.url_of(&path);
        let mut context = context;
        if context.text(&["share", "title"]).is_none() {
            let share = default_share(self.library, template, &context, &url);
            context.insert("share", &share);
        }
        PageJob {
            path,
            url,
            template,
            context,
            in_sitemap: true,
            updated,
        }
    }

    /// The newest date among `ids`.
    pub fn newest(&self, ids: impl Iterator<Item = usize>) -> Option<String> {
        ids.filter_map(|id| self.cards[id].date.as_deref())
            .max()
            .map(str::to_string)
    }

    /// The output path of item `id`'s page.
    pub fn item_path(&self, id: usize) -> String {
        format!("{}index.html", self.library.paths[id])
    }

    /// Item `id`'s page.
    pub fn item_page(&self, id: usize) -> Result<PageJob, Diagnostic> {
        PageValues::into_job(super::item_page::ItemPage::new(self, id))
    }

    /// Decks, the facilitator guide and the handout.
    pub fn workshop_pages(&self, workshop: &Workshop) -> Vec<PageJob> {
        super::decks::pages(self.library, workshop)
            .into_iter()
            .map(|(path, template, context)| {
                let mut full = self.context();
                full.extend(context);
                let mut page = self.job(path, template, full, None);
                page.in_sitemap = template != "deck.html";
                page
            })
            .collect()
    }
}
