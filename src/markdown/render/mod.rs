//! The renderer: pulldown-cmark's events, rewritten one kind at a time,
//! with the table of contents, summary, word count and search
//! text gathered on the way.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd};
use rustc_hash::FxHashMap as HashMap;

use super::callouts::Callout;
use super::heading::{finish_heading, OpenHeading};
use super::highlight::Highlighter;
use super::tables::empty_header_cells_as_data;
use super::{escape_html, text, MarkdownOptions, Rendered, Resolver};
use crate::library::Reference;

mod links;
mod media;
mod notes;
mod raw;
mod structure;
mod words;

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
        used_ids: HashMap::default(),
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
            }) => self.start_link(link_type, dest_url, title, id, range.start, out),
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
            Event::Text(words) => self.text(words, out),
            Event::InlineMath(_)
                if crate::content::scan::math_is_price(self.markdown, range.end) =>
            {
                let markdown = self.markdown;
                self.text(CowStr::from(&markdown[range]), out)
            }
            Event::InlineMath(latex) | Event::DisplayMath(latex) => self.math(&latex, range, out),
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
        }
        .into();
        rendered.sections = self.plain.finish().into();
        rendered.summary = super::shorten(&rendered.summary, super::SUMMARY_CHARS);
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
