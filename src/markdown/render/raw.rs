//! Raw HTML written in markdown, sanitised: a block is gathered whole and
//! cleaned; an inline tag is kept, shown as text or left out one at a time,
//! and elements it opens are closed where their block ends.

use pulldown_cmark::Event;

use super::Renderer;
use crate::markdown::sanitise::{self, InlineTag};

impl<'a> Renderer<'a> {
    /// The raw HTML block just read, cleaned.
    pub(super) fn end_html_block(&mut self, out: &mut Vec<Event<'a>>) {
        let (mut block, offset) = self.html_block.take().unwrap_or_default();
        // Shortcodes run into an HTML block are drawn or taken out there too.
        let resolve = self.resolve;
        if let Some((drawn, _)) =
            crate::markdown::shortcodes::replace(&block, &|src| resolve.file_url(src), &|text| {
                text.to_string()
            })
        {
            block = drawn;
        }
        let (clean, left_out) = sanitise::clean_block(&block);
        self.report_left_out(offset, &left_out);
        let clean = self.published_urls(clean);
        if self.options.search_text && self.heading.is_none() {
            self.plain.gap();
            self.plain.push(&sanitise::text_of(&clean));
            self.plain.gap();
        }
        out.push(Event::Html(clean.into()));
    }

    /// One inline tag of raw HTML at `offset`.
    pub(super) fn inline_html(&mut self, html: &str, offset: usize, out: &mut Vec<Event<'a>>) {
        match sanitise::inline_tag(html) {
            InlineTag::Open {
                html,
                element,
                dropped,
            } => {
                self.report_left_out(offset, &dropped);
                if let Some(element) = element {
                    self.inline_open.push(element);
                }
                out.push(Event::Html(self.published_urls(html).into()));
            }
            InlineTag::Text(text) => {
                self.add_to_summary(&text);
                out.push(Event::Text(text.into()));
            }
            InlineTag::Close(name) => {
                if let Some(at) = self.inline_open.iter().rposition(|n| *n == name) {
                    for name in self.inline_open.drain(at..).rev() {
                        out.push(Event::Html(format!("</{name}>").into()));
                    }
                }
            }
            InlineTag::Dropped(what) => {
                self.report_left_out(offset, what.as_slice());
                if let Some(name) = what.as_deref().and_then(sanitise::drops_content) {
                    self.inline_skip = Some(name.to_string());
                }
            }
        }
    }
}
