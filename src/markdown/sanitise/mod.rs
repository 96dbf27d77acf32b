//! Raw HTML in markdown, made safe: blocks go through ammonia with an
//! allow-list of harmless elements (tables, `details`, `kbd`, images…),
//! inline tags are kept when they are on a shorter list, and whatever is
//! left out is named so the build can say so at its line. Comments are
//! authors' notes: they are dropped without a word.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

const GENERIC_ATTRIBUTES: [&str; 5] = ["lang", "title", "dir", "class", "id"];

mod lists;
mod tags;

use lists::{BLOCK_TAGS, HTML_ELEMENTS, INLINE_TAGS};

pub use tags::rewrite_urls;
use tags::{rebuild, start_tags, StartTag};

/// The attributes element `name` may keep besides the generic ones.
fn allowed_attributes(name: &str) -> Option<&'static [&'static str]> {
    BLOCK_TAGS.iter().find(|(t, _)| *t == name).map(|(_, a)| *a)
}

fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        let tags: HashSet<&str> = BLOCK_TAGS.iter().map(|(t, _)| *t).collect();
        let attributes: HashMap<&str, HashSet<&str>> = BLOCK_TAGS
            .iter()
            .map(|(t, a)| (*t, a.iter().copied().collect()))
            .collect();
        builder
            .tags(tags)
            .tag_attributes(attributes)
            .generic_attributes(GENERIC_ATTRIBUTES.into_iter().collect())
            .link_rel(None);
        builder
    })
}

/// For an element left out with its content (`<script>`), its name.
pub fn drops_content(what: &str) -> Option<&str> {
    let name = what.trim_start_matches('<').trim_end_matches('>');
    tags::WITH_CONTENT.contains(&name).then_some(name)
}

/// A raw HTML block made safe, and what was left out of it. A block whose
/// elements close within it goes through ammonia; one that opens an element
/// markdown fills and a later block closes (`<details>` … `</details>`) is
/// cleaned tag by tag with the same allow-list, so its shape survives.
pub fn clean_block(html: &str) -> (String, Vec<String>) {
    if !tags::is_balanced(html) {
        return tags::clean_tag_by_tag(html);
    }
    let mut clean = cleaner().clean(html).to_string();
    if clean.contains("<center>") {
        // An obsolete element: its content stays, centred by the theme.
        clean = clean
            .replace("<center>", "<div class=\"center\">")
            .replace("</center>", "</div>");
    }
    if clean.contains("<img") {
        clean = images_with_alt(&clean);
    }
    let lost = left_out(html, &start_tags(&clean));
    (clean, lost)
}

/// The text of clean HTML without its tags, for the search index.
pub fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
}

/// Every `<img>` gets an `alt` (empty when none was written), so screen
/// readers skip it instead of reading its file name.
fn images_with_alt(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while let Some(at) = rest.find("<img") {
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e);
        let tag = &rest[at..end];
        out.push_str(&rest[..at]);
        if tag.contains(" alt=") {
            out.push_str(tag);
        } else {
            out.push_str("<img alt=\"\"");
            out.push_str(&tag[4..]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// An inline tag of raw HTML, judged.
#[derive(Debug, PartialEq, Eq)]
pub enum InlineTag {
    /// Kept: the tag as it will be written, the element it opens (`None`
    /// for a void element such as `<br>`), and the attributes left out.
    Open {
        html: String,
        element: Option<String>,
        dropped: Vec<String>,
    },
    /// A closing tag of an element that may be kept.
    Close(String),
    /// Not markup at all (`<bucket>`): shown as the text it is.
    Text(String),
    /// Left out, with what was left out (nothing to say for a comment).
    Dropped(Option<String>),
}

/// Judges one inline tag (`<kbd>`, `</kbd>`, `<br/>`, `<!-- x -->`).
pub fn inline_tag(tag: &str) -> InlineTag {
    let trimmed = tag.trim();
    if trimmed.starts_with("<!") || trimmed.starts_with("<?") {
        return InlineTag::Dropped(None);
    }
    if let Some(name) = trimmed.strip_prefix("</") {
        let name = name.trim_end_matches('>').trim().to_ascii_lowercase();
        // A closing tag of an element left out: its opening was reported.
        return if INLINE_TAGS.contains(&name.as_str()) {
            InlineTag::Close(name)
        } else if !HTML_ELEMENTS.contains(&name.as_str()) && !name.contains('-') {
            InlineTag::Text(trimmed.to_string())
        } else {
            InlineTag::Dropped(None)
        };
    }
    // `<p/>` inside a line (a table cell, say) is a line break.
    if trimmed.eq_ignore_ascii_case("<p/>") || trimmed.eq_ignore_ascii_case("<p />") {
        return InlineTag::Open {
            html: "<br>".into(),
            element: None,
            dropped: Vec::new(),
        };
    }
    let Some(parsed) = start_tags(trimmed).into_iter().next() else {
        return InlineTag::Dropped(Some(trimmed.to_string()));
    };
    if !INLINE_TAGS.contains(&parsed.name.as_str()) {
        // Custom elements (`<my-widget>`) are markup; other unknown names
        // are text.
        if !HTML_ELEMENTS.contains(&parsed.name.as_str()) && !parsed.name.contains('-') {
            return InlineTag::Text(trimmed.to_string());
        }
        return InlineTag::Dropped(Some(format!("<{}>", parsed.name)));
    }
    let (html, dropped) = rebuild(&parsed);
    let void = matches!(parsed.name.as_str(), "br" | "wbr" | "img");
    InlineTag::Open {
        html,
        element: (!void).then_some(parsed.name),
        dropped,
    }
}

/// What `html` had that `kept` lacks: elements, and attributes by element.
fn left_out(html: &str, kept: &[StartTag]) -> Vec<String> {
    let count = |tags: &[StartTag]| {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for tag in tags {
            *counts.entry(format!("<{}>", tag.name)).or_default() += 1;
            for (attribute, _) in &tag.attributes {
                *counts
                    .entry(format!("`{attribute}` on <{}>", tag.name))
                    .or_default() += 1;
            }
        }
        counts
    };
    let before = count(&start_tags(html));
    let after = count(kept);
    let mut lost = BTreeSet::new();
    for (what, n) in &before {
        let kept_n = after.get(what).copied().unwrap_or(0);
        if kept_n < *n {
            let centred = what == "<center>" && after.contains_key("<div>");
            if !centred {
                lost.insert(what.clone());
            }
        }
    }
    // An element left out takes its attributes with it: name it once.
    let gone: Vec<String> = lost
        .iter()
        .filter(|w| w.starts_with('<'))
        .cloned()
        .collect();
    lost.retain(|w| !gone.iter().any(|g| w.ends_with(&format!(" on {g}"))));
    lost.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_keep_tables_and_lose_scripts() {
        let (clean, lost) = clean_block(
            "<table><tr><td colspan=\"2\" style=\"color:red\">a</td></tr></table>\n<!-- private -->\n<script>alert(1)</script><p onclick=\"x()\">p</p><img src=\"a.png\">",
        );
        assert!(clean.contains("<td colspan=\"2\">a</td>"), "{clean}");
        assert!(!clean.contains("private"));
        assert!(!clean.contains("alert"));
        assert!(clean.contains("<img alt=\"\" src=\"a.png\">"), "{clean}");
        assert_eq!(lost, ["<script>", "`onclick` on <p>", "`style` on <td>"]);
        let (_, lost) = clean_block("<a href=\"javascript:x()\">a</a>");
        assert_eq!(lost, ["`href` on <a>"]);
        let (clean, lost) = clean_block("<center><b>x</b></center>");
        assert!(clean.contains("class=\"center\""));
        assert!(lost.is_empty(), "{lost:?}");
    }

    #[test]
    fn an_element_open_across_blocks_keeps_its_shape() {
        let (open, lost) =
            clean_block("<details class=\"x\" onclick=\"y\">\n<summary>More</summary>\n");
        assert_eq!(open, "<details class=\"x\">\n<summary>More</summary>\n");
        assert_eq!(lost, ["`onclick` on <details>"]);
        let (close, lost) = clean_block("</details>\n<script>x()</script><!-- c -->");
        assert_eq!(close, "</details>\n");
        assert_eq!(lost, ["<script>"]);
    }

    #[test]
    fn published_files_get_their_addresses() {
        let html = "<img src=\"chart.png\" alt=\"\"> <a href=\"https://x.org/a\">x</a>";
        let out = rewrite_urls(html, &|u: &str| {
            (u == "chart.png").then(|| "/h/chart.png".into())
        });
        assert_eq!(
            out,
            "<img src=\"/h/chart.png\" alt=\"\"> <a href=\"https://x.org/a\">x</a>"
        );
    }

    #[test]
    fn inline_tags() {
        let open = |html: &str, element: Option<&str>| InlineTag::Open {
            html: html.into(),
            element: element.map(Into::into),
            dropped: Vec::new(),
        };
        assert_eq!(inline_tag("<kbd>"), open("<kbd>", Some("kbd")));
        assert_eq!(inline_tag("</kbd>"), InlineTag::Close("kbd".into()));
        assert_eq!(inline_tag("<br/>"), open("<br>", None));
        assert_eq!(inline_tag("<!-- note -->"), InlineTag::Dropped(None));
        assert_eq!(inline_tag("<bucket>"), InlineTag::Text("<bucket>".into()));
        assert_eq!(inline_tag("</file>"), InlineTag::Text("</file>".into()));
        assert_eq!(
            inline_tag("<script>"),
            InlineTag::Dropped(Some("<script>".into()))
        );
        assert_eq!(
            inline_tag("<a href='javascript:x' title=\"t\">"),
            InlineTag::Open {
                html: "<a title=\"t\">".into(),
                element: Some("a".into()),
                dropped: vec!["`href` on <a>".into()],
            }
        );
    }
}
