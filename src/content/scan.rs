//! One light pass over a markdown body that finds what may refer to other
//! items: link destinations and slug-shaped code spans, with their offsets
//! and the heading they sit under. Resolving them is the library graph's job.

use std::sync::Arc;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::shared_texts::SharedTexts;

/// What kind of reference was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum RawRefKind {
    /// A markdown link destination.
    Link,
    /// A code span shaped like a slug (`reactive-vs-deliberate-thinking`).
    CodeSpan,
    /// A markdown image's source.
    Image,
    /// An Obsidian `[[wikilink]]`: a note by name, or a file.
    WikiLink,
    /// An Obsidian `![[embed]]`: a note shown in place, or an image.
    Embed,
}

/// The markdown dialect every stage parses: CommonMark with tables,
/// footnotes, strikethrough, task lists, heading attributes, `$math$` and
/// `[[wikilinks]]`. One definition, so byte offsets found while loading
/// are the renderer's offsets too.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_MATH
        | Options::ENABLE_WIKILINKS
}

/// Whether the inline math that ends at byte `end` of `source` is no
/// formula: a closing `$` right before a digit closes none (Pandoc's
/// rule), so `$400K-$700K` is two prices, shown as written.
pub fn math_is_price(source: &str, end: usize) -> bool {
    source
        .get(end..)
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// A reference as written in a body.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RawRef {
    /// Link or code span.
    pub kind: RawRefKind,
    /// The destination or the code span's text (shared with what it
    /// resolves to, [`crate::library::BodyRef`]).
    pub target: Arc<str>,
    /// Byte offset in the body where the link or code span starts.
    pub offset: usize,
    /// The text of the nearest heading above it, shared by the references
    /// under one heading (a list of links is common).
    pub heading: Arc<str>,
    /// Whether it sits inside a link (a code span that is a link's text).
    pub in_link: bool,
}

/// True for text shaped like a slug: lowercase words joined by hyphens.
pub fn is_slug_shaped(text: &str) -> bool {
    text.contains('-')
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--")
        && text
            .chars()
            .all(|c| c == '-' || c.is_numeric() || (c.is_alphabetic() && !c.is_uppercase()))
}

/// The text a line of markdown shows: no emphasis marks, link text
/// without its address, a wikilink's label.
pub fn inline_text(line: &str) -> String {
    let mut text = String::new();
    for (event, range) in Parser::new_ext(line, parser_options()).into_offset_iter() {
        match event {
            Event::InlineMath(_) if math_is_price(line, range.end) => text.push_str(&line[range]),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Finds the references in `body`, their targets and headings shared
/// through `texts` with the other files of the load.
pub fn scan_references(body: &str, texts: &SharedTexts) -> Vec<RawRef> {
    let options = parser_options();
    let mut refs = Vec::new();
    let mut heading = String::new();
    let mut in_heading = false;
    // The heading as the references under it share it, made again only
    // after the heading's text changed.
    let mut shared: Arc<str> = Arc::from("");
    let mut current = |heading: &String| -> Arc<str> {
        if *shared != **heading {
            shared = texts.share(heading);
        }
        Arc::clone(&shared)
    };
    let mut link_depth = 0usize;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                heading.clear();
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(text) if in_heading => heading.push_str(&text),
            Event::Start(Tag::Image {
                dest_url,
                link_type,
                ..
            }) => refs.push(RawRef {
                kind: if matches!(link_type, LinkType::WikiLink { .. }) {
                    RawRefKind::Embed
                } else {
                    RawRefKind::Image
                },
                target: texts.share(&dest_url),
                offset: range.start,
                heading: current(&heading),
                in_link: link_depth > 0,
            }),
            Event::Start(Tag::Link {
                dest_url,
                link_type,
                ..
            }) => {
                link_depth += 1;
                refs.push(RawRef {
                    kind: if matches!(link_type, LinkType::WikiLink { .. }) {
                        RawRefKind::WikiLink
                    } else {
                        RawRefKind::Link
                    },
                    target: texts.share(&dest_url),
                    offset: range.start,
                    heading: current(&heading),
                    in_link: false,
                });
            }
            Event::End(TagEnd::Link) => link_depth = link_depth.saturating_sub(1),
            Event::Code(text) => {
                if in_heading {
                    heading.push_str(&text);
                } else if is_slug_shaped(&text) {
                    refs.push(RawRef {
                        kind: RawRefKind::CodeSpan,
                        target: texts.share(&text),
                        offset: range.start,
                        heading: current(&heading),
                        in_link: link_depth > 0,
                    });
                }
            }
            _ => {}
        }
    }
    crate::packed::without_room(refs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_prices_and_drops_marks() {
        assert_eq!(
            inline_text("Staff+ roles (**$400K-$700K+**), and $x^2$"),
            "Staff+ roles ($400K-$700K+), and x^2"
        );
        assert_eq!(inline_text("[Delegation](a.md) `code`"), "Delegation code");
    }

    #[test]
    fn finds_links_and_slug_spans_with_their_heading() {
        let body = "## Connection to Other Moments\n\n- Links to `reactive-vs-deliberate-thinking` - x\n- See [w](../workshop/a.md) and `Not-A-Slug` and `path/x.md`\n";
        let refs = scan_references(body, &SharedTexts::default());
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[0].kind, RawRefKind::CodeSpan);
        assert_eq!(&*refs[0].target, "reactive-vs-deliberate-thinking");
        assert_eq!(&*refs[0].heading, "Connection to Other Moments");
        assert_eq!(&body[refs[0].offset..refs[0].offset + 1], "`");
        assert_eq!(refs[1].kind, RawRefKind::Link);
        assert_eq!(&*refs[1].target, "../workshop/a.md");
    }

    #[test]
    fn finds_images_wikilinks_and_embeds() {
        let refs = scan_references(
            "![a](d.png) [[Note|n]] ![[Other#H]] ![[p.png|300]]",
            &SharedTexts::default(),
        );
        let kinds: Vec<_> = refs.iter().map(|r| (r.kind, &*r.target)).collect();
        assert_eq!(
            kinds,
            [
                (RawRefKind::Image, "d.png"),
                (RawRefKind::WikiLink, "Note"),
                (RawRefKind::Embed, "Other#H"),
                (RawRefKind::Embed, "p.png"),
            ]
        );
    }

    #[test]
    fn slug_shapes() {
        assert!(is_slug_shaped("tool-switching-costs"));
        assert!(is_slug_shaped("привет-мир"));
        assert!(!is_slug_shaped("single"));
        assert!(!is_slug_shaped("--strict"));
        assert!(!is_slug_shaped("a/b-c"));
        assert!(!is_slug_shaped("Upper-Case"));
    }

    #[test]
    fn code_blocks_are_not_scanned() {
        assert!(scan_references("```\n`a-b` [x](y.md)\n```\n", &SharedTexts::default()).is_empty());
    }
}
