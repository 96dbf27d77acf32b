//! Markdown rendering: pulldown-cmark events, rewritten on the way through.
//!
//! Headings get ids, anchor links and a table of contents; fenced code is
//! highlighted at build time; links, images, wikilinks and embeds become
//! page and file URLs (through a resolver, so this stage does not depend on
//! the library graph); callouts, highlights and math (as MathML) are drawn;
//! raw HTML is sanitised unless the site trusts it, and what is left out is
//! reported with its offset.

mod callouts;
mod contrast;
mod heading;
mod highlight;
mod images;
mod inline;
mod math;
mod packed;
mod render;
mod sanitise;
mod shortcodes;
mod summary;
mod tables;
mod text;
mod toc;

use serde::{Deserialize, Serialize};

pub use highlight::{can_highlight, stylesheets, Highlighter, MAX_BLOCK_BYTES, MAX_LINE_BYTES};
pub use inline::without_template_tags;
pub use packed::{Html, SectionTexts};
pub use render::render;
pub use summary::{shorten, SUMMARY_CHARS};
pub use text::TextSection;
pub use toc::{Toc, TocEntry};

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

/// What the renderer asks about the references it meets.
pub trait Resolver {
    /// What a link, image or code span points at.
    fn resolve(&self, query: RefQuery) -> Reference;

    /// The HTML of item `id`'s body, or of its `section` (a heading's
    /// id), to show in place of `![[Note]]`; `None` when it cannot be shown
    /// here (it would show itself, or the section is not there).
    fn embed(&self, id: usize, section: Option<&str>) -> Option<String> {
        let _ = (id, section);
        None
    }

    /// The published address of a file a raw HTML `src` or `href` names
    /// (relative to the markdown file), when it is one of the library's.
    fn file_url(&self, written: &str) -> Option<String> {
        let _ = written;
        None
    }
}

impl<F: Fn(RefQuery) -> Reference> Resolver for F {
    fn resolve(&self, query: RefQuery) -> Reference {
        self(query)
    }
}

/// Something the renderer left out or could not show, at a byte offset of
/// the markdown: the build reports it as a located warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderNote {
    /// Byte offset in the markdown.
    pub offset: usize,
    /// What happened.
    pub message: String,
    /// What the writer can do.
    pub help: std::borrow::Cow<'static, str>,
}

/// How markdown is rendered.
#[derive(Debug, Clone, Copy)]
pub struct MarkdownOptions {
    /// Pass raw HTML through as written instead of sanitising it.
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

/// The result of rendering one markdown text.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Rendered {
    /// The HTML body.
    pub html: Html,
    /// Headings of level 2 and 3, in order.
    pub toc: Toc,
    /// Words of running text, for reading-time figures.
    pub words: usize,
    /// The text of the first top-level paragraph, shortened to about
    /// [`SUMMARY_CHARS`] at a word: what a card shows when front matter
    /// gives no description.
    pub summary: String,
    /// The plain text by `h2`–`h4` section (when asked for), for search:
    /// read with [`Rendered::search_sections`] (packed, it is read with
    /// the HTML).
    pub sections: SectionTexts,
    /// Byte offsets of code blocks that name a language but were shown
    /// without highlighting because they are too long.
    pub unhighlighted: Vec<usize>,
    /// What was left out or could not be shown (raw HTML, math).
    pub notes: Vec<RenderNote>,
    /// The fingerprint of what the body was rendered from, when a cache
    /// made or kept it (0 otherwise): equal keys, equal bodies. Not kept
    /// with the body: the cache keeps bodies under their key, and
    /// [`crate::build::InputCache`] sets it.
    #[serde(skip)]
    pub key: u128,
}

impl Rendered {
    /// Packs the HTML and the search text (see [`SectionTexts`]), and
    /// frees the room kept for more headings: what a build then holds for
    /// every item.
    pub fn pack(&mut self) {
        // The text is packed beside the HTML it was taken from, before the
        // HTML itself is packed.
        self.sections.pack(&self.html.text());
        self.html.pack();
        self.toc.without_room();
    }

    /// The plain text by section, for search.
    pub fn search_sections(&self) -> std::borrow::Cow<'_, [TextSection]> {
        self.sections.list(&self.html.text())
    }
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

#[cfg(test)]
mod tests;
