//! What the renderer reports, and callout titles.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{CalloutTitle, Renderer};
use crate::markdown::RenderNote;

impl<'a> Renderer<'a> {
    /// Reports something left out or not shown, at `offset`.
    pub(super) fn note(&mut self, offset: usize, message: String, help: &'static str) {
        self.rendered.notes.push(RenderNote {
            offset,
            message,
            help: help.into(),
        });
    }

    /// Raw HTML with its paths to the library's files replaced by their
    /// published addresses.
    pub(super) fn published_urls(&self, html: String) -> String {
        if !html.contains(" src=\"") && !html.contains(" href=\"") {
            return html;
        }
        let resolve = self.resolve;
        crate::markdown::sanitise::rewrite_urls(&html, &|written| resolve.file_url(written))
    }

    /// Reports the parts of raw HTML at `offset` that were left out.
    pub(super) fn report_left_out(&mut self, offset: usize, left_out: &[String]) {
        if left_out.is_empty() {
            return;
        }
        self.note(
            offset,
            format!(
                "raw HTML: left out {} (only safe HTML is published)",
                left_out.join(", ")
            ),
            "remove it, write it in markdown, or set `markdown.raw_html: true` in lectern.yaml if you trust every file",
        );
    }

    /// Leaves out the text of an inline element dropped with its content
    /// (`<script>…</script>`); true when `event` was used up.
    pub(super) fn skip_inline_content(&mut self, event: &Event<'a>) -> bool {
        let Some(name) = &self.inline_skip else {
            return false;
        };
        match event {
            Event::InlineHtml(html) => {
                if html.trim().eq_ignore_ascii_case(&format!("</{name}>")) {
                    self.inline_skip = None;
                }
                true
            }
            Event::End(_) => {
                self.inline_skip = None;
                false
            }
            _ => true,
        }
    }

    /// Leaves out a callout's first line (`[!note] Title`), which its
    /// opening already shows as the title; true when `event` was used up.
    pub(super) fn skip_callout_title(
        &mut self,
        event: &Event<'a>,
        out: &mut Vec<Event<'a>>,
    ) -> bool {
        let Some(state) = self.callout_title else {
            return false;
        };
        match (state, event) {
            (CalloutTitle::Awaiting, Event::Start(Tag::Paragraph)) => {
                self.callout_title = Some(CalloutTitle::Inside);
                true
            }
            (CalloutTitle::Awaiting, _) => {
                self.callout_title = None;
                false
            }
            (CalloutTitle::Inside, Event::SoftBreak | Event::HardBreak) => {
                self.callout_title = None;
                self.in_paragraph = true;
                out.push(Event::Start(Tag::Paragraph));
                true
            }
            (CalloutTitle::Inside, Event::End(TagEnd::Paragraph)) => {
                self.callout_title = None;
                true
            }
            (CalloutTitle::Inside, _) => true,
        }
    }
}
