//! The renderer: pulldown-cmark's events, rewritten one kind at a time,
//! with the table of contents, summary, word count, found links and search
//! text gathered on the way.

use std::collections::HashMap;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Parser, Tag, TagEnd};

use super::callouts::{self, Callout};
use super::heading::{finish_heading, OpenHeading};
use super::highlight::Highlighter;
use super::sanitise::{self, InlineTag};
use super::tables::empty_header_cells_as_data;
use super::{
    escape_html, inline, math, text, FoundLink, MarkdownOptions, RefQuery, Rendered, Resolver,
};
use crate::content::scan::RawRefKind;
use crate::library::Reference;

mod media;
mod notes;

/// Summaries keep about this many bytes of the first paragraph.
const SUMMARY_BYTES: usize = 600;

/// Renders `markdown`, asking `resolve` what each link and code span points at.
pub fn render(
    markdown: &str,
    resolve: &dyn Resolver,
    highlighter: &Highlighter,
    options: MarkdownOptions,
) -> Rendered {
    let mut renderer = Renderer {
        markdown,
        resolve,
        highlighter,
        options,
        rendered: Rendered::default(),
        events: Vec::new(),
        heading: None,
        code: None,
        links: Vec::new(),
        used_ids: HashMap::new(),
        nesting: 0,
        summary: Summary::NotReached,
        items: Vec::new(),
        image: None,
        html_block: None,
        inline_open: Vec::new(),
        quotes: Vec::new(),
        callout_title: None,
        in_paragraph: false,
        inline_skip: None,
        wiki_label: false,
        plain: text::SectionText::default(),
    };
    let parser = Parser::new_ext(markdown, crate::content::scan::parser_options());
    for (event, range) in pulldown_cmark::TextMergeWithOffset::new(parser.into_offset_iter()) {
        if options.search_text {
            match &event {
                Event::Start(tag) if ends_block(tag.to_end()) => renderer.plain.gap(),
                Event::End(tag) if ends_block(*tag) => renderer.plain.gap(),
                _ => {}
            }
        }
        let mut out = Vec::with_capacity(1);
        renderer.event(event, range, &mut out);
        match renderer.heading.as_mut() {
            Some(open) => open.events.extend(out),
            None => renderer.events.extend(out),
        }
    }
    renderer.finish()
}

/// Where the renderer is with the summary (the first top-level paragraph).
#[derive(PartialEq, Eq)]
enum Summary {
    NotReached,
    Inside,
    Done,
}

/// Where the renderer is in a callout's first line (`> [!note] Title`),
/// which becomes its title rather than text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CalloutTitle {
    /// The quote has opened; its first paragraph has not.
    Awaiting,
    /// Inside the title line.
    Inside,
}

/// An image being read: its alt text is gathered before it is written.
struct OpenImage<'a> {
    written: CowStr<'a>,
    title: CowStr<'a>,
    alt: String,
    target: Reference,
    embed: bool,
    offset: usize,
}

struct Renderer<'a> {
    markdown: &'a str,
    resolve: &'a dyn Resolver,
    highlighter: &'a Highlighter,
    options: MarkdownOptions,
    rendered: Rendered,
    events: Vec<Event<'a>>,
    /// The heading being read: its events go to it, not to the body.
    heading: Option<OpenHeading<'a>>,
    /// The code block being read: (language, text, offset).
    code: Option<(String, String, usize)>,
    /// What each open link points at.
    links: Vec<Reference>,
    used_ids: HashMap<String, usize>,
    /// Depth of lists, quotes and footnotes.
    nesting: usize,
    summary: Summary,
    /// For each open list item: whether it was opened as a fragment.
    items: Vec<bool>,
    /// The image being read.
    image: Option<OpenImage<'a>>,
    /// The raw HTML block being read, and where it starts.
    html_block: Option<(String, usize)>,
    /// Inline raw HTML elements open in the current block.
    inline_open: Vec<String>,
    /// For each open block quote: the callout it is, if it is one.
    quotes: Vec<Option<Callout>>,
    callout_title: Option<CalloutTitle>,
    in_paragraph: bool,
    /// Inside `[[Note#Heading]]` without a label: its text is shown as
    /// `Note › Heading`, as Obsidian does.
    wiki_label: bool,
    /// An inline `<script>` or `<style>` left out: its text goes with it
    /// up to its closing tag.
    inline_skip: Option<String>,
    plain: text::SectionText,
}

impl<'a> Renderer<'a> {
    fn event(&mut self, event: Event<'a>, range: std::ops::Range<usize>, out: &mut Vec<Event<'a>>) {
        // An image's alt text is read whole, so its size keywords become
        // attributes rather than part of its description.
        if let Some(image) = self.image.as_mut() {
            match event {
                Event::End(TagEnd::Image) => self.finish_image(out),
                Event::Text(t) | Event::Code(t) => image.alt.push_str(&t),
                _ => {}
            }
            return;
        }
        if self.skip_callout_title(&event, out) || self.skip_inline_content(&event) {
            return;
        }
        if let Event::End(tag) = &event {
            if ends_block(*tag) && !self.inline_open.is_empty() {
                for name in self.inline_open.drain(..).rev() {
                    out.push(Event::Html(format!("</{name}>").into()));
                }
            }
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                self.code = Some((language(&kind), String::new(), range.start))
            }
            Event::Text(text) if self.code.is_some() => {
                if let Some((_, body, _)) = self.code.as_mut() {
                    body.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => out.push(self.code_block()),
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                self.heading = Some(OpenHeading {
                    level,
                    id: id.map(|i| i.to_string()),
                    classes: classes.iter().map(|c| c.to_string()).collect(),
                    events: Vec::new(),
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(out),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => self.start_link(link_type, dest_url, title, id, range, out),
            Event::End(TagEnd::Link) => {
                self.wiki_label = false;
                out.push(match self.links.pop() {
                    Some(Reference::Missing) => Event::Html(
                        "<small class=\"missing-note\"> (not in the library yet)</small></span>"
                            .into(),
                    ),
                    Some(Reference::MissingFile) => Event::Html(
                        "<small class=\"missing-note\"> (file not found)</small></span>".into(),
                    ),
                    Some(Reference::Unsafe | Reference::Template) => Event::Html("</span>".into()),
                    _ => Event::End(TagEnd::Link),
                })
            }
            Event::Start(_) | Event::End(_) | Event::Html(_) | Event::InlineHtml(_) => {
                self.structure(event, range, out)
            }
            Event::Text(words) if self.wiki_label && words.contains('#') => {
                let label = words.trim_start_matches('#').replace('#', " › ");
                self.event(Event::Text(label.into()), range, out);
            }
            Event::Text(words) => {
                let shown = inline::without_template_tags(&words);
                self.rendered.words += shown.split_whitespace().count();
                self.add_to_summary(&shown);
                if let Some(open) = self.heading.as_mut() {
                    open.text.push_str(&shown);
                } else if self.options.search_text {
                    self.plain.push(&shown);
                }
                let link_addresses = self.links.is_empty();
                let resolve = self.resolve;
                let drawn =
                    super::shortcodes::replace(&words, &|src| resolve.file_url(src), &|text| {
                        inline::decorate(text, link_addresses).unwrap_or_else(|| escape_html(text))
                    });
                out.push(match drawn {
                    // A figure is a block: it cannot sit in a paragraph.
                    Some((html, true)) if self.in_paragraph => {
                        Event::Html(format!("</p>{html}<p>").into())
                    }
                    Some((html, _)) => Event::Html(html.into()),
                    None => match inline::decorate(&words, link_addresses) {
                        Some(html) => Event::Html(html.into()),
                        None => Event::Text(words),
                    },
                });
            }
            Event::InlineMath(latex) | Event::DisplayMath(latex) => {
                let block = self.markdown[range.clone()].starts_with("$$");
                if self.options.search_text && self.heading.is_none() {
                    self.plain.push(&latex);
                }
                let html = match math::mathml(&latex, block) {
                    Ok(html) => html,
                    Err((shown, reason)) => {
                        self.note(
                            range.start,
                            format!(
                                "this math could not be read, so it is shown as LaTeX: {reason}"
                            ),
                            "fix the LaTeX, or put it in a code span if it is not meant as math",
                        );
                        shown
                    }
                };
                // A display formula is a block: it cannot sit in a paragraph.
                let html = if block && self.in_paragraph && html.starts_with("<div") {
                    format!("</p>{html}<p>")
                } else {
                    html
                };
                out.push(Event::Html(html.into()));
            }
            Event::Code(text) => self.code_span(text, range.start, out),
            // A checkbox needs a name for screen readers; the item's text
            // follows it.
            Event::TaskListMarker(done) => out.push(Event::Html(
                if done {
                    "<input type=\"checkbox\" disabled checked aria-label=\"Done\"> "
                } else {
                    "<input type=\"checkbox\" disabled aria-label=\"Not done\"> "
                }
                .into(),
            )),
            Event::SoftBreak | Event::HardBreak => {
                if self.summary == Summary::Inside {
                    self.rendered.summary.push(' ');
                }
                if self.heading.is_none() && self.options.search_text {
                    self.plain.gap();
                }
                out.push(event);
            }
            other => out.push(other),
        }
    }

    /// Blocks and inline markup: images made safe, tables wrapped, raw HTML
    /// shown as text unless allowed, list items as fragments on slides, and
    /// the nesting that tells where the summary paragraph is.
    fn structure(
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
            Event::End(TagEnd::HtmlBlock) if !raw_html => {
                let (mut block, offset) = self.html_block.take().unwrap_or_default();
                // Shortcodes run into an HTML block are drawn or taken out
                // there too.
                let resolve = self.resolve;
                if let Some((drawn, _)) =
                    super::shortcodes::replace(&block, &|src| resolve.file_url(src), &|text| {
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
            Event::InlineHtml(html) if !raw_html => match sanitise::inline_tag(&html) {
                InlineTag::Open {
                    html,
                    element,
                    dropped,
                } => {
                    self.report_left_out(range.start, &dropped);
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
                    self.report_left_out(range.start, what.as_slice());
                    if let Some(name) = what.as_deref().and_then(sanitise::drops_content) {
                        self.inline_skip = Some(name.to_string());
                    }
                }
            },
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

    fn add_to_summary(&mut self, text: &str) {
        if self.summary == Summary::Inside && self.rendered.summary.len() < SUMMARY_BYTES {
            self.rendered.summary.push_str(text);
        }
    }

    /// The code block just closed, highlighted when its language is known.
    fn code_block(&mut self) -> Event<'a> {
        let (lang, body, offset) = self.code.take().unwrap_or_default();
        if self.options.search_text {
            self.plain.gap();
            self.plain.push(&body);
            self.plain.gap();
        }
        let too_long = !lang.is_empty() && self.options.highlight && !super::can_highlight(&body);
        if too_long {
            self.rendered.unhighlighted.push(offset);
        }
        let html = if lang.is_empty() || !self.options.highlight || too_long {
            format!(
                "<pre class=\"code\"><code>{}</code></pre>\n",
                escape_html(&body)
            )
        } else {
            self.highlighter.highlight(&body, &lang)
        };
        Event::Html(html.into())
    }

    /// The heading just closed, with its id and anchor; it opens a section
    /// of the search text.
    fn end_heading(&mut self, out: &mut Vec<Event<'a>>) {
        let Some(open) = self.heading.take() else {
            return;
        };
        let level = open.level as u8;
        let done = finish_heading(
            open,
            &mut self.used_ids,
            &mut self.rendered.toc,
            self.options.anchors,
        );
        if self.options.search_text {
            if (2..=4).contains(&level) {
                self.plain.start_section(&done.id, &done.title);
            } else {
                self.plain.gap();
                self.plain.push(&done.title);
                self.plain.gap();
            }
        }
        out.push(Event::Html(done.html.into()));
    }

    /// A link: to another item's page, marked missing, made harmless, or
    /// left as written.
    fn start_link(
        &mut self,
        link_type: pulldown_cmark::LinkType,
        dest_url: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        range: std::ops::Range<usize>,
        out: &mut Vec<Event<'a>>,
    ) {
        let target = self.resolve.resolve(RefQuery {
            kind: RawRefKind::Link,
            target: &dest_url,
            offset: range.start,
        });
        self.wiki_label = link_type == LinkType::WikiLink { has_pothole: false };
        if !matches!(target, Reference::Other) {
            self.rendered.links.push(FoundLink {
                destination: self.markdown[range.clone()]
                    .rsplit_once("](")
                    .map_or(String::new(), |(_, d)| d.trim_end_matches(')').to_string()),
                target: target.clone(),
                offset: range.start,
            });
        }
        out.push(match &target {
            Reference::Item { url, .. } | Reference::File { url, .. } => Event::Start(Tag::Link {
                link_type,
                dest_url: CowStr::from(url.clone()),
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
    fn code_span(&mut self, text: CowStr<'a>, offset: usize, out: &mut Vec<Event<'a>>) {
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

    fn finish(self) -> Rendered {
        let mut rendered = self.rendered;
        let mut html = String::with_capacity(self.markdown.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, self.events.into_iter());
        if html.contains("<p></p>") {
            // Left where a block (an embedded note) closed a paragraph.
            html = html.replace("<p></p>\n", "").replace("<p></p>", "");
        }
        rendered.html = if html.contains("></th>") {
            empty_header_cells_as_data(&html)
        } else {
            html
        };
        rendered.sections = self.plain.finish();
        rendered
    }
}

/// A code block's language: the first word of a fence's info string.
fn language(kind: &CodeBlockKind) -> String {
    match kind {
        CodeBlockKind::Fenced(info) => info
            .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
            .next()
            .unwrap_or_default()
            .to_string(),
        CodeBlockKind::Indented => String::new(),
    }
}

/// Whether a tag (given by its end) is a block: its start and end separate
/// words in the plain text.
fn ends_block(tag: TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}
