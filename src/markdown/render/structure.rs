//! Blocks and inline markup as the renderer passes them on: images
//! resolved, callouts, wrapped tables, raw HTML, slide fragments, and the
//! nesting that finds the summary paragraph.

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use super::{CalloutTitle, OpenImage, Renderer, Summary};
use crate::content::scan::RawRefKind;
use crate::markdown::callouts;
use crate::markdown::RefQuery;

impl<'a> Renderer<'a> {
    /// Blocks and inline markup: images made safe, tables wrapped, raw HTML
    /// shown as text unless allowed, list items as fragments on slides, and
    /// the nesting that tells where the summary paragraph is.
    pub(super) fn structure(
        &mut self,
        event: Event<'a>,
        range: std::ops::Range<usize>,
        out: &mut Vec<Event<'a>>,
    ) {
        let raw_html = self.options.raw_html;
        match event {
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                let embed = matches!(link_type, LinkType::WikiLink { .. });
                let kind = if embed {
                    RawRefKind::Embed
                } else {
                    RawRefKind::Image
                };
                let target = self.resolve.resolve(RefQuery {
                    kind,
                    target: &dest_url,
                    offset: range.start,
                });
                self.image = Some(OpenImage {
                    written: dest_url,
                    title,
                    alt: String::new(),
                    target,
                    embed,
                    offset: range.start,
                });
            }
            Event::Start(Tag::BlockQuote(kind)) => {
                self.nesting += 1;
                let callout = callouts::read(&self.markdown[range.clone()]);
                match &callout {
                    Some(c) => {
                        out.push(Event::Html(c.open_html().into()));
                        self.callout_title = Some(CalloutTitle::Awaiting);
                    }
                    None => out.push(Event::Start(Tag::BlockQuote(kind))),
                }
                self.quotes.push(callout);
            }
            Event::End(TagEnd::BlockQuote(kind)) => {
                self.nesting = self.nesting.saturating_sub(1);
                out.push(match self.quotes.pop().flatten() {
                    Some(c) => Event::Html(c.close_html().into()),
                    None => Event::End(TagEnd::BlockQuote(kind)),
                });
            }
            Event::Start(Tag::Table(alignments)) => {
                out.push(Event::Html("<div class=\"table-wrap\">".into()));
                out.push(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                out.push(Event::End(TagEnd::Table));
                out.push(Event::Html("</div>\n".into()));
            }
            Event::Start(Tag::HtmlBlock) if !raw_html => {
                self.html_block = Some((String::new(), range.start))
            }
            Event::Html(html) if !raw_html => {
                if let Some((block, _)) = self.html_block.as_mut() {
                    block.push_str(&html);
                }
            }
            Event::End(TagEnd::HtmlBlock) if !raw_html => self.end_html_block(out),
            Event::InlineHtml(html) if !raw_html => self.inline_html(&html, range.start, out),
            Event::Start(Tag::Item) => {
                let fragment =
                    self.options.fragments && self.markdown[range].trim_start().starts_with('+');
                self.items.push(fragment);
                out.push(if fragment {
                    Event::Html("<li class=\"fragment\">".into())
                } else {
                    Event::Start(Tag::Item)
                });
            }
            Event::End(TagEnd::Item) => out.push(if self.items.pop() == Some(true) {
                Event::Html("</li>\n".into())
            } else {
                Event::End(TagEnd::Item)
            }),
            Event::Start(tag) => {
                if tag == Tag::Paragraph {
                    self.in_paragraph = true;
                }
                match &tag {
                    Tag::Paragraph if self.nesting == 0 && self.summary == Summary::NotReached => {
                        self.summary = Summary::Inside
                    }
                    Tag::List(_) | Tag::FootnoteDefinition(_) => self.nesting += 1,
                    _ => {}
                }
                out.push(Event::Start(tag));
            }
            Event::End(tag) => {
                if tag == TagEnd::Paragraph {
                    self.in_paragraph = false;
                }
                match tag {
                    TagEnd::Paragraph if self.summary == Summary::Inside => {
                        self.summary = Summary::Done
                    }
                    TagEnd::List(_) | TagEnd::FootnoteDefinition => {
                        self.nesting = self.nesting.saturating_sub(1)
                    }
                    _ => {}
                }
                out.push(Event::End(tag));
            }
            other => out.push(other),
        }
    }
}
