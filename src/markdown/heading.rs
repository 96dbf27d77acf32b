//! Headings: ids that stay unique on a page, the `#` anchor link, and the
//! table of contents.

use pulldown_cmark::{Event, HeadingLevel};
use rustc_hash::FxHashMap as HashMap;

use super::{escape_html, Toc};
use crate::content::slug::slugify;

/// A heading being read: its events are held until its end, when its id
/// (from its text) is known.
pub(super) struct OpenHeading<'a> {
    pub level: HeadingLevel,
    pub id: Option<String>,
    pub classes: Vec<String>,
    pub events: Vec<Event<'a>>,
    pub text: String,
}

/// A heading, rendered: its HTML, id and text.
pub(super) struct FinishedHeading {
    pub html: String,
    pub id: String,
    pub title: String,
}

/// The heading's HTML with a unique id and an anchor link (or neither, for
/// slides),
/// adding `h2`–`h3` to the table of contents.
pub(super) fn finish_heading(
    open: OpenHeading,
    used_ids: &mut HashMap<String, usize>,
    toc: &mut Toc,
    anchor: bool,
) -> FinishedHeading {
    let level = open.level as u8;
    let title = open.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let base = open
        .id
        .map(|id| slugify(&id))
        .filter(|id| !id.is_empty())
        .unwrap_or_else(|| {
            let slug = slugify(&title);
            if slug.is_empty() {
                "section".into()
            } else {
                slug
            }
        });
    let count = used_ids.entry(base.clone()).or_insert(0);
    let id = if *count == 0 {
        base.clone()
    } else {
        format!("{base}-{count}")
    };
    *count += 1;
    // A generated id may collide with an explicit one written later; the
    // counter above keeps both unique because they share the map.
    used_ids.entry(id.clone()).or_insert(1);
    if (2..=3).contains(&level) {
        toc.push(level, &id, &title);
    }
    let mut inner = String::new();
    pulldown_cmark::html::push_html(&mut inner, open.events.into_iter());
    let class = if open.classes.is_empty() {
        String::new()
    } else {
        format!(" class=\"{}\"", escape_html(&open.classes.join(" ")))
    };
    let escaped = escape_html(&id);
    let html = if anchor {
        format!(
            "<h{level} id=\"{escaped}\"{class}>{inner} <a class=\"anchor\" href=\"#{escaped}\" aria-label=\"Link to this section: {}\">#</a></h{level}>\n",
            escape_html(&title),
        )
    } else {
        // Without anchors (slides), a heading needs no id: a deck, guide or
        // handout puts many slides on one page, where ids would repeat.
        format!("<h{level}{class}>{inner}</h{level}>\n")
    };
    FinishedHeading { html, id, title }
}
