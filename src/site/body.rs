//! An item's body rendered: its references as the link stage resolved
//! them, the notes it embeds (`![[Note]]`, `![[Note#Section]]`) rendered
//! in place, and raw HTML's paths to the library's files published.

use crate::library::Library;
use crate::markdown::{self, Highlighter, MarkdownOptions, RefQuery, Rendered};

/// Renders item `id`'s body, its references looked up as the link stage
/// resolved them.
pub fn render_body(
    library: &Library,
    id: usize,
    highlighter: &Highlighter,
    options: MarkdownOptions,
) -> Rendered {
    let resolver = BodyResolver {
        library,
        id,
        highlighter,
        options,
        base: 0,
        embedding: vec![(id, None)],
    };
    let mut rendered = markdown::render(
        &library.items[id].body.text(),
        &resolver,
        highlighter,
        options,
    );
    rendered.pack();
    rendered
}

/// Notes embedded in notes go this deep at most.
const MAX_EMBED_DEPTH: usize = 4;

/// Answers an item body's references as the link stage resolved them, and
/// renders the notes it embeds, never one that is already being shown.
struct BodyResolver<'a> {
    library: &'a Library,
    id: usize,
    highlighter: &'a Highlighter,
    options: MarkdownOptions,
    /// Where the markdown being rendered starts in the item's body (a
    /// section shown in another note starts part way).
    base: usize,
    /// The item and the notes embedded around it, outermost first.
    embedding: Vec<(usize, Option<String>)>,
}

impl markdown::Resolver for BodyResolver<'_> {
    fn resolve(&self, query: RefQuery) -> crate::library::Reference {
        self.library.body_ref(self.id, self.base + query.offset)
    }

    fn embed(&self, id: usize, section: Option<&str>) -> Option<String> {
        // A note may show a section of itself, never all of itself, and
        // nothing it is already inside.
        let key = (id, section.map(str::to_string));
        if self.embedding.contains(&key)
            || (section.is_none() && self.embedding.iter().any(|(i, _)| *i == id))
            || self.embedding.len() > MAX_EMBED_DEPTH
        {
            return None;
        }
        let mut embedding = self.embedding.clone();
        embedding.push(key);
        let body = self.library.items[id].body.text();
        let range = match section {
            Some(section) => section_range(&body, section)?,
            None => 0..body.len(),
        };
        let inner = BodyResolver {
            library: self.library,
            id,
            base: range.start,
            highlighter: self.highlighter,
            options: MarkdownOptions {
                search_text: false,
                anchors: false,
                ..self.options
            },
            embedding,
        };
        let rendered = markdown::render(&body[range], &inner, self.highlighter, inner.options);
        Some(prefix_ids(&rendered.html.text(), &format!("embed-{id}-")))
    }

    fn file_url(&self, written: &str) -> Option<String> {
        let index = self
            .library
            .asset_from(&self.library.items[self.id].source, written)?;
        Some(self.library.asset_url(index))
    }
}

/// `html` with its ids (and the in-page links to them) prefixed, so an
/// embedded note's headings and footnotes do not clash with the page's.
fn prefix_ids(html: &str, prefix: &str) -> String {
    html.replace(" id=\"", &format!(" id=\"{prefix}"))
        .replace(" href=\"#", &format!(" href=\"#{prefix}"))
}

/// Where the section `id` of a markdown body is: from the heading whose
/// anchor is `id` to the next heading of the same or a higher level, or
/// the block (paragraph or list item) marked `^id` (Obsidian's block ids).
fn section_range(body: &str, id: &str) -> Option<std::ops::Range<usize>> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let parser = Parser::new_ext(body, crate::content::scan::parser_options());
    let mut open: Option<(usize, pulldown_cmark::HeadingLevel, String)> = None;
    let mut found: Option<(usize, pulldown_cmark::HeadingLevel)> = None;
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                if let Some((start, wanted)) = found {
                    if level <= wanted {
                        return Some(start..range.start);
                    }
                }
                open = Some((range.start, level, String::new()));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, title)) = open.as_mut() {
                    title.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, level, title)) = open.take() {
                    if found.is_none() && crate::content::slug::slugify(&title) == id {
                        found = Some((start, level));
                    }
                }
            }
            _ => {}
        }
    }
    if let Some((start, _)) = found {
        return Some(start..body.len());
    }
    block_range(body, id)
}

/// The paragraph or list item whose line ends with ` ^id`.
fn block_range(body: &str, id: &str) -> Option<std::ops::Range<usize>> {
    let marker = format!("^{id}");
    let mut offset = 0;
    let lines: Vec<(usize, &str)> = body
        .split_inclusive('\n')
        .map(|line| {
            let at = offset;
            offset += line.len();
            (at, line)
        })
        .collect();
    let index = lines.iter().position(|(_, line)| {
        let line = line.trim_end();
        let Some(before) = line.len().checked_sub(marker.len()) else {
            return false;
        };
        line.is_char_boundary(before)
            && (before == 0 || !line[..before].ends_with(char::is_alphanumeric))
            && line[before..].eq_ignore_ascii_case(&marker)
    })?;
    let is_item = |line: &str| {
        let t = line.trim_start();
        t.starts_with("- ")
            || t.starts_with("* ")
            || t.starts_with("+ ")
            || t.split_once(". ")
                .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty())
    };
    if is_item(lines[index].1) {
        let (at, line) = lines[index];
        return Some(at..at + line.len());
    }
    let blank = |i: usize| lines[i].1.trim().is_empty();
    // `^id` alone on a line marks the block just above it (a table, a
    // quote, a list).
    if lines[index].1.trim().eq_ignore_ascii_case(&marker) {
        let mut last = index;
        while last > 0 && blank(last - 1) {
            last -= 1;
        }
        let mut first = last.checked_sub(1)?;
        while first > 0 && !blank(first - 1) {
            first -= 1;
        }
        let (at, line) = lines[last - 1];
        return Some(lines[first].0..at + line.len());
    }
    let mut first = index;
    while first > 0 && !blank(first - 1) {
        first -= 1;
    }
    let (at, line) = lines[index];
    Some(lines[first].0..at + line.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_end_at_the_next_heading_of_their_level() {
        let body = "intro\n## A\na\n### B\nb\n## C\nc\n";
        assert_eq!(
            &body[section_range(body, "a").unwrap()],
            "## A\na\n### B\nb\n"
        );
        assert_eq!(&body[section_range(body, "b").unwrap()], "### B\nb\n");
        assert_eq!(&body[section_range(body, "c").unwrap()], "## C\nc\n");
        assert_eq!(section_range(body, "d"), None);
    }

    #[test]
    fn blocks_by_their_id() {
        let body = "one\ntwo ^para\n\n- item ^it\n- other\n";
        assert_eq!(
            &body[section_range(body, "para").unwrap()],
            "one\ntwo ^para\n"
        );
        assert_eq!(&body[section_range(body, "it").unwrap()], "- item ^it\n");
        let body = "x\n\n> quote\n> more\n^q\n";
        assert_eq!(
            &body[section_range(body, "q").unwrap()],
            "> quote\n> more\n"
        );
    }
}
