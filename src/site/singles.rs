//! The pages of which a site has one: home, the taxonomy indexes, the
//! published list, search and 404.

use rayon::prelude::*;

use super::context::{ItemCard, TermLink};
use super::pages::{by_date_desc, intro_html, PageJob, PageValues};
use super::planner::Planner;
use super::share::default_share;
use super::theme::Theme;
use super::values::Values;
use crate::content::Kind;
use crate::diagnostics::Diagnostic;

/// A page of which the site has one: home, a taxonomy's index, the
/// published list, search, 404.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Single {
    /// The home page.
    Home,
    /// The index of a taxonomy (by index in `Planner::taxonomies`).
    Taxonomy(usize),
    /// Everything published.
    Published,
    /// The search page.
    Search,
    /// The writer's desk.
    Desk,
    /// The not-found page.
    NotFound,
}

impl Single {
    /// The single pages of the site.
    pub fn all(planner: &Planner) -> Vec<Single> {
        let mut pages = vec![Single::Home];
        pages.extend((0..planner.taxonomies.len()).map(Single::Taxonomy));
        pages.push(Single::Published);
        if planner.library.config.search {
            pages.push(Single::Search);
        }
        if planner.desk {
            pages.push(Single::Desk);
        }
        pages.push(Single::NotFound);
        pages
    }

    /// Its output path.
    pub fn path(self, planner: &Planner) -> String {
        match self {
            Single::Home => "index.html".into(),
            Single::Taxonomy(i) => format!(
                "{}/index.html",
                planner.library.taxonomy_path(planner.taxonomies[i].0)
            ),
            Single::Published => "published/index.html".into(),
            Single::Search => "search/index.html".into(),
            Single::Desk => "desk/index.html".into(),
            Single::NotFound => "404.html".into(),
        }
    }

    /// Its sitemap entry's date, and whether it is in the sitemap.
    pub fn sitemap(self, planner: &Planner) -> Option<Option<String>> {
        match self {
            Single::Home => Some(planner.newest(0..planner.cards.len())),
            Single::Published => Some(
                planner
                    .library
                    .published
                    .iter()
                    .filter_map(|p| p.entry.published.map(|d| d.ymd()))
                    .max(),
            ),
            Single::Taxonomy(_) | Single::Search => Some(None),
            // Raw notes are for the writer, not for search engines.
            Single::NotFound | Single::Desk => None,
        }
    }

    /// The page, with its template values (made now: the published list
    /// of a large library is not small), or why a piece of the published
    /// list could not be rendered.
    pub fn page(self, planner: &Planner, theme: &Theme) -> Result<PageJob, Diagnostic> {
        let path = self.path(planner);
        let sitemap = self.sitemap(planner);
        let (template, context) = match self {
            Single::Home => return Ok(home_page(planner)),
            Single::Taxonomy(i) => ("taxonomy.html", taxonomy_index(planner, i)),
            Single::Published => {
                let mut context = planner.context();
                context.insert_value("pieces", published_pieces(planner, theme)?);
                (PUBLISHED_TEMPLATE, context)
            }
            Single::Search => ("search.html", planner.context()),
            Single::Desk => {
                let mut context = planner.context();
                let desk = crate::desk::gather(planner.library, crate::desk::today());
                context.insert("desk", &desk);
                context.insert("desk_published", &planner.library.config.desk);
                ("desk.html", context)
            }
            Single::NotFound => ("404.html", planner.context()),
        };
        let mut job = planner.job(path, template, context, sitemap.clone().flatten());
        job.in_sitemap = sitemap.is_some();
        Ok(job)
    }
}

/// The partial each published piece is rendered from, once, for the
/// published list.
const PIECE_TEMPLATE: &str = "partials/published_piece.html";

/// Every published piece, newest first, as the published list shows it:
/// its HTML (`partials/published_piece.html`, which sees `site` and the
/// whole `piece`), name, kind, address and date. A piece's whole view is
/// made, rendered and dropped on its own, as an item's card is: held for
/// the whole list at once, the views were the build's peak memory (some
/// 3 KB a piece as template values, and a library of 40,000 items lists
/// 20,000 pieces).
fn published_pieces(planner: &Planner, theme: &Theme) -> Result<serde_json::Value, Diagnostic> {
    let library = planner.library;
    let pieces = library
        .published
        .par_iter()
        .map(|piece| {
            let view = super::library_views::published_view(library, &piece.entry, piece);
            let mut context = planner.context();
            context.insert("piece", &view);
            let html = theme.render(PIECE_TEMPLATE, &context.into_context(), || {
                format!("rendering the published piece \"{}\"", view.name)
            })?;
            Ok(serde_json::json!({
                "html": html,
                "name": view.name,
                "kind": view.kind,
                "url": view.url,
                "published": view.published,
            }))
        })
        .collect::<Result<Vec<_>, Diagnostic>>()?;
    Ok(serde_json::Value::Array(pieces))
}

/// A single page as the runner takes it.
pub enum SingleValues<'p> {
    /// The published list: fingerprinted from each piece's key (see
    /// [`Planner::piece_key`]), so a build that reuses the page does not
    /// make the values of every published piece to learn it; its pieces
    /// are rendered with the theme only when the page is made.
    Published(&'p Planner<'p>, &'p Theme),
    /// Any other, with its values.
    Made(PageJob),
}

impl Single {
    /// The page's values, made now unless the page is the published list.
    pub fn values<'p>(
        self,
        planner: &'p Planner<'p>,
        theme: &'p Theme,
    ) -> Result<SingleValues<'p>, Diagnostic> {
        Ok(match self {
            Single::Published => SingleValues::Published(planner, theme),
            other => SingleValues::Made(other.page(planner, theme)?),
        })
    }
}

impl PageValues for SingleValues<'_> {
    fn path(&self) -> String {
        match self {
            SingleValues::Published(planner, _) => Single::Published.path(planner),
            SingleValues::Made(job) => job.path(),
        }
    }

    fn fingerprint(&self, theme: u128) -> u128 {
        let planner = match self {
            SingleValues::Published(planner, _) => planner,
            SingleValues::Made(job) => return job.fingerprint(theme),
        };
        // The template sees the site, the pieces and the share values
        // (which the pieces do not name: see `default_share`).
        let template = PUBLISHED_TEMPLATE;
        let mut hasher = planner.page_hasher(theme, template);
        hasher.update(&planner.published_key().to_le_bytes());
        let url = planner.url_of(&Single::Published.path(planner));
        let share = default_share(planner.library, template, &Values::new(), &url);
        crate::fingerprint::feed(&mut hasher, &share);
        hasher.finish()
    }

    fn into_job(self) -> Result<PageJob, Diagnostic> {
        match self {
            SingleValues::Published(planner, theme) => Single::Published.page(planner, theme),
            SingleValues::Made(job) => Ok(job),
        }
    }
}

/// The published list's template.
const PUBLISHED_TEMPLATE: &str = "published.html";

/// The values of taxonomy `index`'s page: its terms with counts.
fn taxonomy_index(planner: &Planner, index: usize) -> super::values::Values {
    let (taxonomy_name, terms) = &planner.taxonomies[index];
    let links: Vec<TermLink> = terms
        .values()
        .map(|term| TermLink {
            name: term.name.as_str().into(),
            url: planner.terms.url(taxonomy_name, &term.name),
            count: term.items.len(),
        })
        .collect();
    let mut context = planner.context();
    context.insert("taxonomy", &planner.taxonomy_value(taxonomy_name));
    context.insert("terms", &links);
    context
}

/// The list views of every item of `kind`, in library order.
fn cards_of<'a>(planner: &'a Planner<'a>, kind: &str) -> Vec<&'a ItemCard<'a>> {
    planner.cards.iter().filter(|c| c.kind == kind).collect()
}

fn home_page(planner: &Planner) -> PageJob {
    let library = planner.library;
    let base = &planner.base;
    let cards = &planner.cards;
    let mut moments = cards_of(planner, "moment");
    moments.sort_by(|a, b| by_date_desc(a, b));
    let moment_count = moments.len();
    moments.truncate(library.config.home_moments);
    let mut module_ids: Vec<usize> = (0..library.items.len())
        .filter(|&id| library.items[id].kind == crate::content::Kind::Module)
        .collect();
    module_ids.sort_by(|&a, &b| crate::content::module_order(&library.items[a], &library.items[b]));
    let modules: Vec<&ItemCard> = module_ids.iter().map(|&id| &cards[id]).collect();
    let mut frameworks = cards_of(planner, "framework");
    frameworks.sort_by(|a, b| by_date_desc(a, b));
    let framework_count = frameworks.len();
    frameworks.truncate(library.config.home_moments);
    let others: Vec<serde_json::Value> = library
        .sections
        .iter()
        .filter(|s| s.kind == Kind::Article)
        .map(|s| {
            let mut items: Vec<&ItemCard> = cards.iter().filter(|c| c.section == s.name).collect();
            items.sort_by(|a, b| by_date_desc(a, b));
            items.truncate(5);
            serde_json::json!({ "title": s.title, "url": format!("{base}{}/", s.name), "items": items })
        })
        .collect();
    let workshop = library.sections.iter().find(|s| s.kind == Kind::Module);
    let home = library.home.as_ref();
    let mut context = planner.context();
    context.insert(
        "home",
        &serde_json::json!({
            "title": home.map_or(planner.site.title.clone(), |h| h.title.clone()),
            "content": home.map_or(String::new(), |h| intro_html(library, h)),
            "workshop": workshop.map(|w| serde_json::json!({
                "title": w.title,
                "description": w.front.description,
                "url": format!("{base}{}/", w.name),
                "total_minutes": modules.iter().filter_map(|c| c.duration).sum::<u32>(),
            })),
            "modules": modules,
            "moments": moments,
            "moment_count": moment_count,
            "moments_url": format!("{base}moments/"),
            "frameworks": frameworks,
            "framework_count": framework_count,
            "sections": others,
        }),
    );
    let updated = planner.newest(0..cards.len());
    planner.job("index.html".into(), "home.html", context, updated)
}
