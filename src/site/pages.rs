//! Which pages the site has, and what each one's template sees.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::share::item_share;
use super::values::Values;

use super::context::{ItemCard, Link, PageContext, SiteContext};
use super::term_pages::{terms_of, TermPages};
use super::theme::Theme;
use crate::content::{Item, Kind};
use crate::diagnostics::Diagnostic;
use crate::library::Library;
use crate::markdown::{self, Highlighter, MarkdownOptions, Rendered};
use crate::output::{Contents, OutputFile};
use std::sync::Arc;

/// One page to render: where it goes, with which template and values.
#[derive(Debug, Clone)]
pub struct PageJob {
    /// Output path under the site root (`moments/x/index.html`).
    pub path: String,
    /// The page's URL path with the base path (`/moments/x/`).
    pub url: String,
    /// Template name (`item.html`).
    pub template: &'static str,
    /// The template's values.
    pub context: Values,
    /// Whether the page belongs in the sitemap.
    pub in_sitemap: bool,
    /// The date of the newest content the page shows, for the sitemap.
    pub updated: Option<String>,
}

impl PageJob {
    /// Renders the page with `theme`.
    pub fn render(self, theme: &Theme) -> Result<OutputFile, Diagnostic> {
        let context = self.context.into_context();
        let url = &self.url;
        let html = theme.render(self.template, &context, || format!("rendering {url}"))?;
        Ok(OutputFile {
            path: self.path,
            contents: Contents::Bytes(html.into_bytes()),
        })
    }
}

/// A page before it is rendered: where it goes, a fingerprint of what its
/// template would see, and the job that renders it, made only when the
/// page must be rendered.
pub trait PageValues {
    /// Output path under the site root.
    fn path(&self) -> String;
    /// A fingerprint of the page rendered with the templates fingerprinted
    /// `theme`: equal fingerprints mean equal pages.
    fn fingerprint(&self, theme: u128) -> u128;
    /// The page to render, or why its values could not be made (a page
    /// that shows pieces rendered from a partial of their own).
    fn into_job(self) -> Result<PageJob, Diagnostic>;
}

impl PageValues for PageJob {
    fn path(&self) -> String {
        self.path.clone()
    }

    fn fingerprint(&self, theme: u128) -> u128 {
        self.context.fingerprint(theme, self.template)
    }

    fn into_job(self) -> Result<PageJob, Diagnostic> {
        Ok(self)
    }
}

/// The template of an item's card in lists.
pub(super) const CARD_TEMPLATE: &str = "partials/card.html";

pub(super) fn by_date_desc(a: &ItemCard, b: &ItemCard) -> Ordering {
    b.date.cmp(&a.date).then_with(|| a.title.cmp(b.title))
}

/// A term of a taxonomy with its items.
pub struct Term {
    /// The term as first written.
    pub name: String,
    /// Items carrying it, by id.
    pub items: Vec<usize>,
}

/// The terms of taxonomy `name` (`tags` or `themes`) by slug, each with
/// the items that list it.
pub(super) fn taxonomy(
    items: &[Arc<Item>],
    pages: &TermPages,
    name: &str,
) -> BTreeMap<String, Term> {
    let mut terms: BTreeMap<String, Term> = BTreeMap::new();
    for (id, item) in items.iter().enumerate() {
        for name_written in terms_of(item, name) {
            let Some(slug) = pages.slug(name, name_written) else {
                continue;
            };
            let term = match terms.get_mut(&**slug) {
                Some(term) => term,
                None => terms.entry(slug.to_string()).or_insert_with(|| Term {
                    name: name_written.clone(),
                    items: Vec::new(),
                }),
            };
            if term.items.last() != Some(&id) {
                term.items.push(id);
            }
        }
    }
    terms
}

pub(super) fn site_context(library: &Library) -> SiteContext {
    let config = &library.config;
    let base = config.base_path();
    let mut sections: Vec<&crate::content::Section> = library.sections.iter().collect();
    let rank = |k: Kind| match k {
        Kind::Module => 0,
        Kind::Moment => 1,
        Kind::Framework => 2,
        _ => 3,
    };
    sections.sort_by(|a, b| rank(a.kind).cmp(&rank(b.kind)).then(a.title.cmp(&b.title)));
    SiteContext {
        title: config.title.clone(),
        description: config.description.clone(),
        author: config.author.clone(),
        language: config.language.clone(),
        base_path: base.clone(),
        tags_url: format!("{base}{}/", library.taxonomy_path("tags")),
        themes_url: format!("{base}{}/", library.taxonomy_path("themes")),
        base_url: config.base_url.clone(),
        nav: sections
            .iter()
            .map(|s| Link {
                title: s.title.clone(),
                url: format!("{base}{}/", s.name),
            })
            .chain([
                Link {
                    title: "Published".into(),
                    url: format!("{base}published/"),
                },
                Link {
                    title: "Graph".into(),
                    url: format!("{base}graph/"),
                },
                Link {
                    title: "Tags".into(),
                    url: format!("{base}{}/", library.taxonomy_path("tags")),
                },
            ])
            .chain(config.desk.then(|| Link {
                title: "Desk".into(),
                url: format!("{base}desk/"),
            }))
            .collect(),
        extra: config.extra.clone(),
        generator: format!("Lectern {}", env!("CARGO_PKG_VERSION")),
        search: config.search,
        feed_url: config.has_host().then(|| format!("{base}atom.xml")),
    }
}

/// Renders a section's or the home page's own markdown text; its links to
/// content files resolve like an item's.
pub(super) fn intro_html(library: &Library, section: &crate::content::Section) -> String {
    if section.body.trim().is_empty() {
        return String::new();
    }
    let options = MarkdownOptions {
        highlight: false,
        search_text: false,
        ..MarkdownOptions::for_pages(&library.config)
    };
    let from = section.source.clone().unwrap_or_default();
    let resolve =
        |q: markdown::RefQuery| crate::library::resolve_written(library, &from, q.kind, q.target);
    markdown::render(&section.body, &resolve, Highlighter::shared(), options)
        .html
        .into_string()
}

/// The page of item `id` as if its text were `item`, without planning the
/// rest of the site: for a quick preview of an edit.
pub fn lone_item_page(
    library: &Library,
    id: usize,
    item: &Item,
    links: &crate::library::ItemLinks,
    body: &Rendered,
) -> PageJob {
    let site = site_context(library);
    let terms = TermPages::of(library, std::iter::once(item));
    let card = ItemCard::of(item, library.url(id), body, &terms);
    let updated = card.date.clone();
    let page = PageContext::of(library, item, links, &card, body);
    let mut context = Values::new();
    context.insert("site", &site);
    context.insert("page", &page);
    let share = item_share(library, id, &card.summary, page.cover.as_ref());
    context.insert("share", &share);
    PageJob {
        url: library.url(id),
        path: format!("{}index.html", library.paths[id]),
        template: "item.html",
        context,
        in_sitemap: true,
        updated,
    }
}
