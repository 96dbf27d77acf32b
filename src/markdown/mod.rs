//! Markdown rendering: pulldown-cmark events, rewritten on the way through.
//!
//! Headings get ids, anchor links and a table of contents; fenced code is
//! highlighted at build time; links between content files become page URLs
//! (through a resolver, so this stage does not depend on the library graph);
//! raw HTML is shown as text unless the site allows it.

mod heading;
mod highlight;
mod text;

use std::collections::HashMap;

use heading::{finish_heading, OpenHeading};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

pub use highlight::{stylesheets, Highlighter};
pub use text::TextSection;

use crate::content::scan::RawRefKind;
use crate::library::Reference;

/// A reference the renderer meets: a link destination, or a code span that
/// may name another item, at a byte offset of the markdown.
#[derive(Debug, Clone, Copy)]
pub struct RefQuery<'a> {
    /// Link or code span.
    pub kind: RawRefKind,
    /// The destination or the code span's text.
    pub target: &'a str,
    /// Byte offset in the markdown.
    pub offset: usize,
}

/// How markdown is rendered.
#[derive(Debug, Clone, Copy)]
pub struct MarkdownOptions {
    /// Pass raw HTML through instead of showing it as text.
    pub raw_html: bool,
    /// Highlight fenced code that names its language.
    pub highlight: bool,
    /// Mark items of lists written with `+` bullets as fragments, revealed
    /// one by one on slides.
    pub fragments: bool,
    /// Give headings a `#` anchor link (pages yes, slides no).
    pub anchors: bool,
    /// Keep the plain text by section, for the search index.
    pub search_text: bool,
}

impl MarkdownOptions {
    /// Options for page bodies under the site's settings: heading anchors
    /// on, no fragments, text kept for search when the site has search.
    pub fn for_pages(config: &crate::config::Config) -> Self {
        MarkdownOptions {
            raw_html: config.markdown.raw_html,
            highlight: config.markdown.highlight_code,
            fragments: false,
            anchors: true,
            search_text: config.search,
        }
    }
}

/// One entry of a page's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// 2 for `##`, 3 for `###`…
    pub level: u8,
    /// The heading's id (the anchor).
    pub id: String,
    /// The heading's text.
    pub title: String,
}

/// A link found in the markdown, with what it resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundLink {
    /// The destination as written.
    pub destination: String,
    /// What it points at.
    pub target: Reference,
    /// Byte offset of the link in the markdown text.
    pub offset: usize,
}

/// The result of rendering one markdown text.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML body.
    pub html: String,
    /// Headings of level 2 and 3, in order.
    pub toc: Vec<TocEntry>,
    /// Links to content files (resolved or not) and unsafe links.
    pub links: Vec<FoundLink>,
    /// Words of running text, for reading-time figures.
    pub words: usize,
    /// The text of the first top-level paragraph, for summaries.
    pub summary: String,
    /// The plain text by `h2`–`h4` section (when asked for), for search.
    pub sections: Vec<TextSection>,
}

/// Escapes the five characters that matter in HTML text and attributes.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // Runs between special characters are copied whole; the five are all
    // ASCII, so byte positions are always character boundaries.
    let mut from = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[from..at]);
        out.push_str(entity);
        from = at + 1;
    }
    out.push_str(&text[from..]);
    out
}

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `markdown`, asking `resolve` what each link and code span points at.
pub fn render(
    markdown: &str,
    resolve: &dyn Fn(RefQuery) -> Reference,
    highlighter: &Highlighter,
    options: MarkdownOptions,
) -> Rendered {
    let mut rendered = Rendered::default();
    let mut events: Vec<Event> = Vec::new();
    let mut heading: Option<OpenHeading> = None;
    let mut code: Option<(String, String)> = None;
    let mut link_stack: Vec<Reference> = Vec::new();
    let mut used_ids: HashMap<String, usize> = HashMap::new();
    // Depth of containers (lists, quotes, tables) and the state of the first
    // top-level paragraph: 0 not reached, 1 inside, 2 done.
    let mut nesting = 0usize;
    let mut summary_state = 0u8;
    // For each open list item: whether it was opened as a fragment.
    let mut items: Vec<bool> = Vec::new();
    let mut plain = text::SectionText::default();
    let search_text = options.search_text;

    for (event, range) in Parser::new_ext(markdown, parser_options()).into_offset_iter() {
        let mut out: Vec<Event> = Vec::with_capacity(1);
        if search_text {
            match &event {
                Event::Start(tag) if ends_block(tag.to_end()) => plain.gap(),
                Event::End(tag) if ends_block(*tag) => plain.gap(),
                _ => {}
            }
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Text(text) if code.is_some() => {
                if let Some((_, body)) = code.as_mut() {
                    body.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let (lang, body) = code.take().unwrap_or_default();
                if search_text {
                    plain.gap();
                    plain.push(&body);
                    plain.gap();
                }
                let html = if lang.is_empty() || !options.highlight {
                    format!(
                        "<pre class=\"code\"><code>{}</code></pre>\n",
                        escape_html(&body)
                    )
                } else {
                    highlighter.highlight(&body, &lang)
                };
                out.push(Event::Html(html.into()));
            }
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                heading = Some(OpenHeading {
                    level,
                    id: id.map(|i| i.to_string()),
                    classes: classes.iter().map(|c| c.to_string()).collect(),
                    events: Vec::new(),
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(open) = heading.take() {
                    let level = open.level as u8;
                    let done =
                        finish_heading(open, &mut used_ids, &mut rendered.toc, options.anchors);
                    if search_text {
                        if (2..=4).contains(&level) {
                            plain.start_section(&done.id, &done.title);
                        } else {
                            plain.gap();
                            plain.push(&done.title);
                            plain.gap();
                        }
                    }
                    out.push(Event::Html(done.html.into()));
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let target = resolve(RefQuery {
                    kind: RawRefKind::Link,
                    target: &dest_url,
                    offset: range.start,
                });
                match &target {
                    Reference::Item { url, .. } => out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: CowStr::from(url.clone()),
                        title,
                        id,
                    })),
                    Reference::Missing => out.push(Event::Html(
                        format!(
                            "<span class=\"missing-ref\" title=\"{} is not in the library yet\">",
                            escape_html(&dest_url)
                        )
                        .into(),
                    )),
                    Reference::Unsafe => {
                        out.push(Event::Html("<span class=\"unsafe-link\">".into()))
                    }
                    Reference::Other => out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })),
                }
                if !matches!(target, Reference::Other) {
                    rendered.links.push(FoundLink {
                        destination: markdown[range.clone()]
                            .rsplit_once("](")
                            .map_or(String::new(), |(_, d)| d.trim_end_matches(')').to_string()),
                        target: target.clone(),
                        offset: range.start,
                    });
                }
                link_stack.push(target);
            }
            Event::End(TagEnd::Link) => match link_stack.pop() {
                Some(Reference::Missing) => out.push(Event::Html(
                    "<small class=\"missing-note\"> (not in the library yet)</small></span>".into(),
                )),
                Some(Reference::Unsafe) => out.push(Event::Html("</span>".into())),
                _ => out.push(Event::End(TagEnd::Link)),
            },
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let safe = if crate::library::is_unsafe_url(&dest_url) {
                    CowStr::from("")
                } else {
                    dest_url
                };
                out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: safe,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Table(alignments)) => {
                out.push(Event::Html("<div class=\"table-wrap\">".into()));
                out.push(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                out.push(Event::End(TagEnd::Table));
                out.push(Event::Html("</div>\n".into()));
            }
            Event::Start(Tag::HtmlBlock) if !options.raw_html => {
                out.push(Event::Html("<pre class=\"raw-html\">".into()));
            }
            Event::End(TagEnd::HtmlBlock) if !options.raw_html => {
                out.push(Event::Html("</pre>\n".into()));
            }
            Event::Html(html) | Event::InlineHtml(html) if !options.raw_html => {
                if search_text && heading.is_none() {
                    plain.push(&html);
                }
                out.push(Event::Text(html));
            }
            Event::Start(Tag::Item) => {
                let fragment =
                    options.fragments && markdown[range.clone()].trim_start().starts_with('+');
                items.push(fragment);
                out.push(if fragment {
                    Event::Html("<li class=\"fragment\">".into())
                } else {
                    Event::Start(Tag::Item)
                });
            }
            Event::End(TagEnd::Item) => {
                out.push(if items.pop() == Some(true) {
                    Event::Html("</li>\n".into())
                } else {
                    Event::End(TagEnd::Item)
                });
            }
            Event::Start(tag) => {
                match &tag {
                    Tag::Paragraph if nesting == 0 && summary_state == 0 => summary_state = 1,
                    Tag::List(_) | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_) => nesting += 1,
                    _ => {}
                }
                out.push(Event::Start(tag));
            }
            Event::End(tag) => {
                match tag {
                    TagEnd::Paragraph if summary_state == 1 => summary_state = 2,
                    TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition => {
                        nesting = nesting.saturating_sub(1)
                    }
                    _ => {}
                }
                out.push(Event::End(tag));
            }
            Event::Text(words) => {
                rendered.words += words.split_whitespace().count();
                if summary_state == 1 && rendered.summary.len() < 600 {
                    rendered.summary.push_str(&words);
                }
                if let Some(open) = heading.as_mut() {
                    open.text.push_str(&words);
                } else if search_text {
                    plain.push(&words);
                }
                out.push(Event::Text(words));
            }
            Event::Code(text) => {
                if summary_state == 1 && rendered.summary.len() < 600 {
                    rendered.summary.push_str(&text);
                }
                if heading.is_none() && search_text {
                    plain.push(&text);
                }
                if let Some(open) = heading.as_mut() {
                    open.text.push_str(&text);
                    out.push(Event::Code(text));
                } else if !link_stack.is_empty() {
                    out.push(Event::Code(text));
                } else {
                    let target = resolve(RefQuery {
                        kind: RawRefKind::CodeSpan,
                        target: &text,
                        offset: range.start,
                    });
                    let code = escape_html(&text);
                    match target {
                        Reference::Item { url, .. } => out.push(Event::Html(
                            format!("<a class=\"slug-ref\" href=\"{}\"><code>{code}</code></a>", escape_html(&url)).into(),
                        )),
                        Reference::Missing => out.push(Event::Html(
                            format!("<span class=\"missing-ref\" title=\"{code} is not in the library yet\"><code>{code}</code><small class=\"missing-note\"> (not in the library yet)</small></span>").into(),
                        )),
                        _ => out.push(Event::Code(text)),
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if summary_state == 1 {
                    rendered.summary.push(' ');
                }
                if heading.is_none() && search_text {
                    plain.gap();
                }
                out.push(event);
            }
            other => out.push(other),
        }
        match heading.as_mut() {
            Some(open) => open.events.extend(out),
            None => events.extend(out),
        }
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    rendered.html = html;
    rendered.sections = plain.finish();
    rendered
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

#[cfg(test)]
mod tests;
