//! The values templates see. Everything here is plain data; tera escapes it
//! on output (autoescape is on), except the fields documented as HTML.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::library::Reference;

use super::term_pages::TermPages;
use crate::content::{Item, Kind};
use crate::library::Library;
use crate::markdown::{shorten, Rendered, Toc, SUMMARY_CHARS};

/// `site` in every template.
#[derive(Debug, Clone, Serialize)]
pub struct SiteContext {
    /// Site title.
    pub title: String,
    /// Site description.
    pub description: String,
    /// Author.
    pub author: String,
    /// Content language.
    pub language: String,
    /// Path prefix of every internal link (`/` or `/docs/`).
    pub base_path: String,
    /// The configured base URL.
    pub base_url: String,
    /// Top navigation: one entry per section.
    pub nav: Vec<Link>,
    /// `extra` from lectern.yaml.
    pub extra: BTreeMap<String, serde_json::Value>,
    /// Generator name and version.
    pub generator: String,
    /// Whether the site has search (the box, the script, `/search/`).
    pub search: bool,
    /// The Atom feed's URL path, when the site has one (its `base_url`
    /// names a host).
    pub feed_url: Option<String>,
    /// The index of tags.
    pub tags_url: String,
    /// The index of themes.
    pub themes_url: String,
}

/// A titled link.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Text to show.
    pub title: String,
    /// Full URL path.
    pub url: String,
}

/// A tag or theme, with the URL of its page and how many items carry it.
#[derive(Debug, Clone, Serialize)]
pub struct TermLink<'a> {
    /// As written in front matter.
    pub name: std::borrow::Cow<'a, str>,
    /// Full URL path of the term's page.
    pub url: std::sync::Arc<str>,
    /// Items carrying it (on index pages).
    pub count: usize,
}

/// An item as it appears in lists.
#[derive(Debug, Clone, Serialize)]
pub struct ItemCard<'a> {
    /// Title.
    pub title: &'a str,
    /// Full URL path.
    pub url: String,
    /// `moment`, `module`, `framework`, `article` or `page`.
    pub kind: &'static str,
    /// Section name.
    pub section: &'a str,
    /// `2026-01-13`.
    pub date: Option<String>,
    /// `13 Jan 2026`.
    pub date_human: Option<String>,
    /// Status from front matter.
    pub status: Option<&'a str>,
    /// Potential from front matter.
    pub potential: Option<&'a str>,
    /// Themes with their pages.
    pub themes: Vec<TermLink<'a>>,
    /// Tags with their pages.
    pub tags: Vec<TermLink<'a>>,
    /// Description, else the first paragraph, shortened.
    pub summary: std::borrow::Cow<'a, str>,
    /// Module order.
    pub order: Option<i64>,
    /// Module duration in minutes.
    pub duration: Option<u32>,
    /// Whether the item is a draft (only built with `--drafts`).
    pub draft: bool,
}

/// An item on a section or term page: its card as HTML (output with
/// `| safe`) and the fields a list needs to arrange it. The card template
/// (`partials/card.html`) sees the whole [`ItemCard`]; a list shows many
/// items, so it gets only these.
#[derive(Debug, Clone, Serialize)]
pub struct ListedCard<'a> {
    /// `partials/card.html` rendered for this item.
    pub html: &'a str,
    /// Title.
    pub title: &'a str,
    /// Full URL path.
    pub url: &'a str,
    /// `moment`, `module`, `framework`, `article` or `page`.
    pub kind: &'static str,
    /// `2026-01-13`.
    pub date: Option<&'a str>,
}

impl<'a> ListedCard<'a> {
    /// `card` on a list, with its HTML.
    pub fn new(card: &'a ItemCard, html: &'a str) -> Self {
        ListedCard {
            html,
            title: card.title,
            url: &card.url,
            kind: card.kind,
            date: card.date.as_deref(),
        }
    }
}

/// An item's picture: what its `<img>` needs.
#[derive(Debug, Clone, Serialize)]
pub struct CoverImage {
    /// Its address.
    pub src: String,
    /// Its size in pixels, when known.
    pub width: Option<u32>,
    /// Its height in pixels, when known.
    pub height: Option<u32>,
    /// Smaller copies, as a `srcset` value (may be empty).
    pub srcset: String,
}

/// `page` in the item template.
#[derive(Debug, Clone, Serialize)]
pub struct PageContext<'a> {
    /// The list view of the item.
    #[serde(flatten)]
    pub card: &'a ItemCard<'a>,
    /// `updated` date.
    pub updated: Option<String>,
    /// The `updated` date for people (`3 Feb 2025`), as `date_human`.
    pub updated_human: Option<String>,
    /// `platform_fit` values.
    pub platform_fit: &'a [String],
    /// `category`.
    pub category: Option<&'a str>,
    /// `objectives` of a module.
    pub objectives: &'a [String],
    /// Unknown front matter fields, as written.
    pub extra: &'a BTreeMap<String, serde_json::Value>,
    /// Table of contents.
    pub toc: &'a Toc,
    /// The body as HTML (already escaped where needed: output with `| safe`).
    pub content: std::borrow::Cow<'a, str>,
    /// Source path relative to the project root.
    pub source: String,
    /// Words in the body.
    pub words: usize,
    /// Minutes to read, at 220 words a minute.
    pub reading_minutes: usize,
    /// The section's title and URL.
    pub section_link: Option<Link>,
    /// Related items, backlinks, computed related items, don't-repeat list.
    pub links: super::library_views::ItemGraphView<'a>,
    /// The module's slide deck.
    pub deck_url: Option<String>,
    /// The item's picture from front matter, when it has one that exists.
    pub cover: Option<CoverImage>,
}

impl<'a> ItemCard<'a> {
    /// The list view of item `id`, with its terms' pages from `terms`.
    pub fn new(
        library: &'a Library,
        id: usize,
        rendered: &'a Rendered,
        terms: &TermPages,
    ) -> ItemCard<'a> {
        Self::of(&library.items[id], library.url(id), rendered, terms)
    }

    /// The list view of `item`, whose page is at `url`. It borrows its
    /// texts: a planner holds every item's card for the whole run.
    pub fn of(
        item: &'a Item,
        url: String,
        rendered: &'a Rendered,
        terms: &TermPages,
    ) -> ItemCard<'a> {
        // A body's summary is shortened when rendered (and kept so).
        let summary = match &item.front.description {
            Some(description) => shorten(description, SUMMARY_CHARS).into(),
            None => rendered.summary.as_str().into(),
        };
        ItemCard {
            title: &item.title,
            url,
            kind: item.kind.label(),
            section: &item.section,
            date: item.date().map(|d| d.ymd()),
            date_human: item.date().map(|d| d.human()),
            status: item.front.status.as_deref(),
            potential: item.front.potential.as_deref(),
            themes: terms.links("themes", &item.front.themes),
            tags: terms.links("tags", &item.front.tags),
            summary,
            order: item.front.order,
            duration: item.front.duration,
            draft: item.is_draft(),
        }
    }
}

impl<'a> PageContext<'a> {
    /// The full view of `item` with its `links`, whose list view is `card`.
    pub fn of(
        library: &'a Library,
        item: &'a Item,
        links: &'a crate::library::ItemLinks,
        card: &'a ItemCard,
        rendered: &'a Rendered,
    ) -> PageContext<'a> {
        let deck_url = (item.kind == Kind::Module).then(|| format!("{}slides/", card.url));
        PageContext {
            card,
            updated: item.front.updated.map(|d| d.ymd()),
            updated_human: item.front.updated.map(|d| d.human()),
            platform_fit: &item.front.platform_fit,
            category: item.front.category.as_deref(),
            objectives: &item.front.objectives,
            extra: &item.front.extra,
            toc: &rendered.toc,
            content: rendered.html.text(),
            source: item.source.to_string_lossy().replace('\\', "/"),
            words: rendered.words,
            reading_minutes: rendered.words.div_ceil(220).max(1),
            section_link: Self::section_link(library, item),
            links: super::library_views::item_graph(library, item, links),
            deck_url,
            cover: Self::cover(item, links),
        }
    }

    /// The link to `item`'s section, shown on its page.
    pub fn section_link(library: &Library, item: &Item) -> Option<Link> {
        (item.kind != Kind::Page)
            .then(|| library.section(&item.section))
            .flatten()
            .map(|s| Link {
                title: s.title.clone(),
                url: format!("{}{}/", library.config.base_path(), s.name),
            })
    }

    /// `item`'s picture, from its `links`.
    pub fn cover(item: &Item, links: &crate::library::ItemLinks) -> Option<CoverImage> {
        match &links.cover {
            Some(Reference::File(file)) => {
                let image = file.image.as_deref();
                Some(CoverImage {
                    src: file.url.to_string(),
                    width: image.map(|i| i.width),
                    height: image.map(|i| i.height),
                    srcset: image.map_or(String::new(), |i| i.srcset.clone()),
                })
            }
            Some(Reference::Other) => item.front.cover.as_ref().map(|c| CoverImage {
                src: c.value.clone(),
                width: None,
                height: None,
                srcset: String::new(),
            }),
            _ => None,
        }
    }
}
