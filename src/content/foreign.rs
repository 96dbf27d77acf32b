//! Syntax of other tools that Lectern does not run: Hugo shortcodes,
//! Liquid tags, template expressions. The renderer leaves them out of the
//! page; this finds them so the writer hears about each kind once per file,
//! at its first place. Code blocks and spans are examples, not syntax.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::Item;
use crate::diagnostics::{Diagnostic, LineIndex};

/// The kinds, each with what starts it and what to tell the writer.
const KINDS: [(&str, &str, &str); 3] = [
    (
        "{{<",
        "a Hugo shortcode",
        "Lectern does not run shortcodes: write what it made in markdown (an image, a link, a quote)",
    ),
    (
        "{%",
        "a Liquid or Jinja tag",
        "Lectern does not run Liquid: write what it made in markdown (an include's text, a link)",
    ),
    (
        "{{",
        "a template expression",
        "Lectern does not fill in template values: write the value itself",
    ),
];

/// One warning per kind of foreign syntax in `item`'s body, at its first
/// place; each is left out of the page.
pub fn warnings(item: &Item) -> Vec<Diagnostic> {
    let body = item.body.text();
    let body = body.as_ref();
    if !body.contains("{{") && !body.contains("{%") {
        return Vec::new();
    }
    let mut first: [Option<usize>; 3] = [None; 3];
    let mut in_code = false;
    let parser = Parser::new_ext(body, super::scan::parser_options()).into_offset_iter();
    for (event, range) in pulldown_cmark::TextMergeWithOffset::new(parser) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(_) | Event::Html(_) | Event::InlineHtml(_) if !in_code => {
                let source = &body[range.clone()];
                for (at, (open, _, _)) in KINDS.iter().enumerate() {
                    let found = match *open {
                        "{{" => find_expression(source),
                        "{{<" => find_shortcode(source),
                        _ => find_tag(source),
                    };
                    if let (Some(offset), None) = (found, first[at]) {
                        first[at] = Some(range.start + offset);
                    }
                }
            }
            _ => {}
        }
    }
    let body_lines = LineIndex::new(body);
    let text = item.text();
    let file_lines = LineIndex::new(&text);
    KINDS
        .iter()
        .zip(first)
        .filter_map(|((_, what, help), offset)| {
            let offset = offset?;
            let (line, column) = item.body_position(&body_lines, offset);
            let end = body[offset..]
                .find(['\n'])
                .map_or(body.len(), |e| offset + e);
            let written: String = body[offset..end].chars().take(60).collect();
            Some(
                Diagnostic::warning(
                    &item.source,
                    format!("{what} (`{}`) is left out of the page", written.trim()),
                )
                .at_indexed(&file_lines, line, column)
                .with_help(*help),
            )
        })
        .collect()
}

/// A shortcode Lectern does not draw (it draws figures and videos).
fn find_shortcode(source: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = source[from..].find("{{") {
        let at = from + at;
        if let Some(code) = super::shortcodes::Shortcode::at(&source[at..]) {
            let name = code.name.trim_start_matches('/');
            if !super::shortcodes::DRAWN.contains(&name) {
                return Some(at);
            }
        }
        from = at + 2;
    }
    None
}

/// A Liquid or Jinja `{% … %}` that is not the inside of a Hugo
/// shortcode's `{{% … %}}` (reported as a shortcode).
fn find_tag(source: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = source[from..].find("{%") {
        let at = from + at;
        if !source[..at].ends_with('{') {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// A `{{ … }}` that is not a shortcode's `{{<` or `{{%`.
fn find_expression(source: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = source[from..].find("{{") {
        let at = from + at;
        let next = source[at + 2..].chars().next();
        if !matches!(next, Some('<' | '%')) && source[at..].contains("}}") {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shortcode_with_markdown_inside_is_no_liquid_tag() {
        assert_eq!(find_tag("{{% notice tip %}}x{{% /notice %}}"), None);
        assert_eq!(find_tag("{{% a %}} {% include x.html %}"), Some(10));
        assert_eq!(find_tag("{% raw %}"), Some(0));
    }

    #[test]
    fn expressions_are_not_shortcodes() {
        assert_eq!(find_expression("a {{< x >}} b {{ site.x }}"), Some(14));
        assert_eq!(find_expression("{{% x %}}"), None);
        assert_eq!(find_expression("{{ unclosed"), None);
    }
}
