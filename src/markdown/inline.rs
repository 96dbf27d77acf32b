//! Text runs: `==highlights==`, bare web addresses made links, and other
//! tools' template tags (`{{< shortcode >}}`, `{% liquid %}`, `{{ x }}`)
//! taken out so readers never see them (the loader warns about each kind).

use super::escape_html;

pub use crate::content::shortcodes::without_template_tags;

/// The HTML for a run of text with highlights, links and template tags
/// handled, or `None` when it has none of them (the text is shown as is).
pub fn decorate(text: &str, link_addresses: bool) -> Option<String> {
    let has_address = link_addresses && text.contains("://");
    let block_id = block_id_at_end(text);
    if !text.contains("==")
        && !has_address
        && !text.contains("{{")
        && !text.contains("{%")
        && block_id.is_none()
    {
        return None;
    }
    let text = without_template_tags(&text[..block_id.unwrap_or(text.len())]);
    let mut html = String::with_capacity(text.len() + 32);
    let mut rest: &str = &text;
    while let Some(open) = rest.find("==") {
        let after = &rest[open + 2..];
        match after.find("==") {
            Some(close) if close > 0 && !after[..close].starts_with(' ') => {
                push_text(&mut html, &rest[..open], link_addresses);
                html.push_str("<mark>");
                push_text(&mut html, &after[..close], link_addresses);
                html.push_str("</mark>");
                rest = &after[close + 2..];
            }
            _ => {
                push_text(&mut html, &rest[..open + 2], link_addresses);
                rest = after;
            }
        }
    }
    push_text(&mut html, rest, link_addresses);
    Some(html)
}

/// `text` without an Obsidian block id at its end: what readers see of it,
/// and so what is counted, summarised and searched.
pub fn without_block_id(text: &str) -> &str {
    &text[..block_id_at_end(text).unwrap_or(text.len())]
}

/// Where an Obsidian block id (` ^my-block`) ends a run of text: it marks
/// the block for embeds and is never shown.
fn block_id_at_end(text: &str) -> Option<usize> {
    let trimmed = text.trim_end();
    let caret = trimmed.rfind('^')?;
    let id = &trimmed[caret + 1..];
    let before = trimmed[..caret].chars().next_back();
    let valid = !id.is_empty()
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && before.is_none_or(|c| !c.is_alphanumeric());
    valid.then(|| trimmed[..caret].trim_end().len())
}

/// Escaped text, with web addresses as links when asked.
fn push_text(html: &mut String, text: &str, link_addresses: bool) {
    if !link_addresses || !text.contains("://") {
        html.push_str(&escape_html(text));
        return;
    }
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]);
    for span in finder.spans(text) {
        let piece = escape_html(span.as_str());
        let is_web = span.as_str().starts_with("http://") || span.as_str().starts_with("https://");
        if span.kind().is_some() && is_web {
            html.push_str(&format!("<a href=\"{piece}\">{piece}</a>"));
        } else {
            html.push_str(&piece);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_links_and_template_tags() {
        assert_eq!(decorate("plain", true), None);
        assert_eq!(decorate("a ==b== c", true).unwrap(), "a <mark>b</mark> c");
        assert_eq!(decorate("a == b", true).unwrap(), "a == b");
        assert_eq!(
            decorate("see https://x.org/a?b=1&c. Then", true).unwrap(),
            "see <a href=\"https://x.org/a?b=1&amp;c\">https://x.org/a?b=1&amp;c</a>. Then"
        );
        assert_eq!(decorate("see https://x.org", false), None);
        assert_eq!(
            decorate(
                "a {{< youtube id >}} b {% include x.html %}c {{ site.title }}",
                true
            )
            .unwrap(),
            "a  b c "
        );
        assert_eq!(decorate("<{{ unclosed", true).unwrap(), "&lt;{{ unclosed");
        assert_eq!(without_template_tags("a {{ b"), "a {{ b");
        assert_eq!(decorate("A block. ^my-id", true).unwrap(), "A block.");
        assert_eq!(decorate("x^2", true), None);
        assert_eq!(without_block_id("A block. ^my-id"), "A block.");
        assert_eq!(without_block_id("^41116d"), "");
        assert_eq!(without_block_id("x^2"), "x^2");
    }
}
