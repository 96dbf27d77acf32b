//! Links and code spans: to another item's page, to a published file,
//! marked missing, made harmless, or left as written; a code span that is
//! another item's slug becomes a link to it.

use pulldown_cmark::{CowStr, Event, LinkType, Tag};

use super::Renderer;
use crate::content::scan::RawRefKind;
use crate::library::Reference;
use crate::markdown::{escape_html, RefQuery};

impl<'a> Renderer<'a> {
    /// A link: to another item's page, marked missing, made harmless, or
    /// left as written.
    pub(super) fn start_link(
        &mut self,
        link_type: pulldown_cmark::LinkType,
        dest_url: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        offset: usize,
        out: &mut Vec<Event<'a>>,
    ) {
        let target = self.resolve.resolve(RefQuery {
            kind: RawRefKind::Link,
            target: &dest_url,
            offset,
        });
        self.wiki_label = link_type == LinkType::WikiLink { has_pothole: false };
        out.push(match &target {
            Reference::Item { .. } | Reference::File(_) => Event::Start(Tag::Link {
                link_type,
                dest_url: CowStr::from(target.site_url().unwrap_or_default().to_string()),
                title,
                id,
            }),
            Reference::MissingFile => Event::Html(
                format!(
                    "<span class=\"missing-ref\" title=\"{} is not among the library's files\">",
                    escape_html(&dest_url)
                )
                .into(),
            ),
            Reference::Template => Event::Html("<span class=\"unsafe-link\">".into()),
            Reference::Missing => Event::Html(
                format!(
                    "<span class=\"missing-ref\" title=\"{} is not in the library yet\">",
                    escape_html(&dest_url)
                )
                .into(),
            ),
            Reference::Unsafe => Event::Html("<span class=\"unsafe-link\">".into()),
            Reference::Other => Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }),
        });
        self.links.push(target);
    }

    /// A code span: a slug that names another item becomes a link to it.
    pub(super) fn code_span(&mut self, text: CowStr<'a>, offset: usize, out: &mut Vec<Event<'a>>) {
        self.add_to_summary(&text);
        if self.heading.is_none() && self.options.search_text {
            self.plain.push(&text);
        }
        if let Some(open) = self.heading.as_mut() {
            open.text.push_str(&text);
            out.push(Event::Code(text));
            return;
        }
        if !self.links.is_empty() {
            out.push(Event::Code(text));
            return;
        }
        let target = self.resolve.resolve(RefQuery {
            kind: RawRefKind::CodeSpan,
            target: &text,
            offset,
        });
        let code = escape_html(&text);
        out.push(match target {
            Reference::Item { url, .. } => Event::Html(
                format!(
                    "<a class=\"slug-ref\" href=\"{}\"><code>{code}</code></a>",
                    escape_html(&url)
                )
                .into(),
            ),
            Reference::Missing => Event::Html(
                format!("<span class=\"missing-ref\" title=\"{code} is not in the library yet\"><code>{code}</code><small class=\"missing-note\"> (not in the library yet)</small></span>").into(),
            ),
            _ => Event::Code(text),
        });
    }
}
