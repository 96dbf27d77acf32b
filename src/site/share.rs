//! What a page tells the sites it is shared on (Open Graph, X cards): its
//! title, description, address and picture, and the social card each
//! item gets when `social_cards` is on.

use serde::Serialize;

use super::values::Values;
use crate::diagnostics::Diagnostic;
use crate::library::Library;
use crate::output::card::{missing_glyphs, text_width, wrap};
use crate::output::{CARD_HEIGHT, CARD_WIDTH};

/// The template a card is drawn from.
pub const CARD_TEMPLATE: &str = "social-card.svg";

/// A page's picture for link previews.
#[derive(Debug, Clone, Serialize)]
pub struct ShareImage {
    /// Absolute address.
    pub url: String,
    /// Size, when known.
    pub width: Option<u32>,
    /// Height, when known.
    pub height: Option<u32>,
    /// What it shows.
    pub alt: String,
}

/// `share` in every page's template values.
#[derive(Debug, Clone, Serialize)]
pub struct Share {
    /// The page's own title (without the site's name).
    pub title: String,
    /// One or two sentences.
    pub description: String,
    /// The page's absolute address, when `base_url` names a host.
    pub url: Option<String>,
    /// `article` for items, `website` for the rest.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The picture, when there is one and an absolute address for it.
    pub image: Option<ShareImage>,
    /// When an item was published (`2026-01-13`).
    pub published: Option<String>,
}

/// The site path of item `id`'s card (`cards/moments/x.png`), or of the
/// site's own card with `None`.
pub fn card_path(library: &Library, id: Option<usize>) -> String {
    match id {
        Some(id) => format!("cards/{}.png", library.paths[id].trim_end_matches('/')),
        None => "cards/site.png".into(),
    }
}

/// The absolute address of site path `path`, when there is a host.
fn absolute(library: &Library, url_path: &str) -> Option<String> {
    library
        .config
        .has_host()
        .then(|| super::absolute_url(library, url_path))
}

/// The card picture of item `id` (or of the site) when cards are drawn.
pub fn card_image(library: &Library, id: Option<usize>, title: &str) -> Option<ShareImage> {
    if !library.config.social_cards {
        return None;
    }
    let path = format!("{}{}", library.config.base_path(), card_path(library, id));
    Some(ShareImage {
        url: absolute(library, &path)?,
        width: Some(CARD_WIDTH),
        height: Some(CARD_HEIGHT),
        alt: format!("{title} · {}", library.config.title),
    })
}

impl Share {
    /// The share values of a page at `url_path` (with the base path) that
    /// is not an item's: the site's card as its picture.
    pub fn page(library: &Library, title: &str, description: &str, url_path: &str) -> Share {
        let description = if description.trim().is_empty() {
            library.config.description.clone()
        } else {
            description.to_string()
        };
        Share {
            title: title.to_string(),
            description,
            url: absolute(library, url_path),
            kind: "website",
            image: card_image(library, None, &library.config.title),
            published: None,
        }
    }

    /// The share values of item `id`'s page: its card, else its cover
    /// picture (`cover_src` as the page shows it, with its size).
    pub fn item(
        library: &Library,
        id: usize,
        summary: &str,
        cover: Option<(&str, Option<u32>, Option<u32>)>,
    ) -> Share {
        let item = &library.items[id];
        let image = card_image(library, Some(id), &item.title).or_else(|| {
            let (src, width, height) = cover?;
            let url = if src.contains("://") {
                src.to_string()
            } else {
                absolute(library, src)?
            };
            Some(ShareImage {
                url,
                width,
                height,
                alt: item.title.clone(),
            })
        });
        Share {
            title: item.title.clone(),
            description: if summary.trim().is_empty() {
                library.config.description.clone()
            } else {
                summary.to_string()
            },
            url: absolute(library, &library.url(id)),
            kind: "article",
            image,
            published: item.date().map(|d| d.ymd()),
        }
    }
}

/// What item `id`'s page tells the sites it is shared on.
pub(super) fn item_share(
    library: &Library,
    id: usize,
    summary: &str,
    cover: Option<&super::context::CoverImage>,
) -> Share {
    let cover = cover.map(|c| (c.src.as_str(), c.width, c.height));
    Share::item(library, id, summary, cover)
}

/// What a page other than an item's tells the sites it is shared on: its
/// title as its values name it (a deck's, a section's, a term's), else as
/// its template does.
pub(super) fn default_share(
    library: &Library,
    template: &str,
    context: &Values,
    url: &str,
) -> Share {
    let named = [
        ["deck", "title"],
        ["section", "title"],
        ["term", "name"],
        ["taxonomy", "title"],
    ]
    .iter()
    .find_map(|path| context.text(path));
    let title = named.map(str::to_string).unwrap_or_else(|| {
        match template {
            "published.html" => "Published",
            "search.html" => "Search",
            "404.html" => "Page not found",
            "graph.html" => "Library graph",
            "desk.html" => "Writer's desk",
            "guide.html" => "Facilitator guide",
            "handout.html" => "Handout",
            _ => library.config.title.as_str(),
        }
        .to_string()
    });
    let description = context
        .text(&["section", "description"])
        .unwrap_or_default();
    Share::page(library, &title, description, url)
}

/// The values of the card of item `id` (or of the site with `None`): its
/// title broken into lines that fit, at the largest size that fits.
pub fn card_values(library: &Library, id: Option<usize>) -> Values {
    let config = &library.config;
    let (title, kind, themes, date) = match id {
        Some(id) => {
            let item = &library.items[id];
            let themes = if item.front.themes.is_empty() {
                item.front.tags.iter().take(5).cloned().collect()
            } else {
                item.front.themes.clone()
            };
            (
                item.title.clone(),
                item.kind.label().to_string(),
                themes,
                item.date().map(|d| d.human()),
            )
        }
        None => (config.title.clone(), String::new(), Vec::new(), None),
    };
    // Widest text area of the default card: 1200 less 80 px each side.
    const TEXT_WIDTH: f32 = 1040.0;
    let (size, lines) = [(80.0, 2), (68.0, 3), (56.0, 4)]
        .into_iter()
        .map(|(size, max)| (size, wrap(&title, size, true, TEXT_WIDTH, max)))
        .find(|(_, lines)| !lines.last().is_some_and(|l| l.ends_with('…')))
        .unwrap_or_else(|| (56.0, wrap(&title, 56.0, true, TEXT_WIDTH, 4)));
    let host = config
        .origin()
        .split_once("://")
        .map(|(_, host)| host.to_string())
        .unwrap_or_default();
    let description = if id.is_none() {
        wrap(&config.description, 34.0, false, TEXT_WIDTH, 2)
    } else {
        Vec::new()
    };
    let themes_line = themes.join(" · ");
    let themes_line = if text_width(&themes_line, 28.0, false) > TEXT_WIDTH {
        wrap(&themes_line, 28.0, false, TEXT_WIDTH, 1).join("")
    } else {
        themes_line
    };
    let mut values = Values::new();
    values.insert(
        "card",
        &serde_json::json!({
            "title": title,
            "title_lines": lines,
            "title_size": size,
            "line_height": (size * 1.18_f32).round(),
            "kind": kind,
            "themes": themes_line,
            "date": date,
            "description_lines": description,
            "site_name": config.title,
            "host": host,
            "width": CARD_WIDTH,
            "height": CARD_HEIGHT,
        }),
    );
    values
}

/// A warning for each item whose title has characters its card cannot
/// draw (the card fonts cover Latin, Greek and Cyrillic), at the title's
/// line.
pub fn card_warnings(library: &Library) -> Vec<Diagnostic> {
    if !library.config.social_cards {
        return Vec::new();
    }
    library
        .items
        .iter()
        .filter_map(|item| {
            let missing = missing_glyphs(&item.title);
            if missing.is_empty() {
                return None;
            }
            let text = item.text();
            let line = text
                .lines()
                .position(|l| l.contains(item.title.as_str()))
                .map_or(1, |i| i + 1);
            let shown: String = missing.iter().take(8).collect();
            Some(
                Diagnostic::warning(
                    &item.source,
                    format!("the social card cannot draw \"{shown}\" in the title: those characters show as blanks"),
                )
                .at(&text, line, 1)
                .with_help("the card fonts (DejaVu Sans) cover Latin, Greek and Cyrillic; a theme's own social-card.svg may draw the title differently"),
            )
        })
        .collect()
}
