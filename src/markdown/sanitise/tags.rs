//! Tags of raw HTML read one at a time: start tags with their attributes,
//! and cleaning that keeps allowed tags as they stand (for blocks whose
//! elements open in one block and close in another).

use super::{allowed_attributes, GENERIC_ATTRIBUTES};

/// A start tag: its name and attributes, lowercased names.
#[derive(Debug)]
pub(super) struct StartTag {
    pub(super) name: String,
    pub(super) attributes: Vec<(String, String)>,
}

/// The start tags of `html`, skipping comments and the content of
/// `script` and `style`.
pub(super) fn start_tags(html: &str) -> Vec<StartTag> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        at += offset + 1;
        if html[at..].starts_with("!--") {
            at = html[at..].find("-->").map_or(html.len(), |e| at + e + 3);
            continue;
        }
        if !bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = html[at..]
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .map_or(html.len(), |e| at + e);
        let name = html[at..name_end].to_ascii_lowercase();
        let (attributes, end) = attributes(html, name_end);
        at = end;
        if name == "script" || name == "style" {
            let closing = format!("</{name}");
            at = html[at..]
                .to_ascii_lowercase()
                .find(&closing)
                .map_or(html.len(), |e| at + e);
        }
        tags.push(StartTag { name, attributes });
    }
    tags
}

/// The attributes of a tag from `at` (just after its name) to its `>`, and
/// where the tag ends.
fn attributes(html: &str, mut at: usize) -> (Vec<(String, String)>, usize) {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    loop {
        while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
            at += 1;
        }
        if at >= bytes.len() || bytes[at] == b'>' {
            return (found, (at + 1).min(html.len()));
        }
        let name_end = html[at..]
            .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
            .map_or(html.len(), |e| at + e);
        let name = html[at..name_end].to_ascii_lowercase();
        at = name_end;
        let mut value = String::new();
        if bytes.get(at) == Some(&b'=') {
            at += 1;
            match bytes.get(at) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let close = html[at + 1..]
                        .find(q as char)
                        .map_or(html.len(), |e| at + 1 + e);
                    value = html[at + 1..close].to_string();
                    at = (close + 1).min(html.len());
                }
                _ => {
                    let end = html[at..]
                        .find(|c: char| c.is_whitespace() || c == '>')
                        .map_or(html.len(), |e| at + e);
                    value = html[at..end].to_string();
                    at = end;
                }
            }
        }
        if !name.is_empty() {
            found.push((name, value));
        }
    }
}

/// Elements whose content goes with them when they are left out.
pub(super) const WITH_CONTENT: [&str; 6] = [
    "script", "style", "iframe", "object", "template", "noscript",
];

/// Elements without an end tag.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "wbr" | "img" | "hr" | "col" | "source" | "input" | "meta" | "link" | "embed"
    )
}

/// The tag as it will be written (allowed attributes only, URLs checked,
/// an `alt` for images) and the attributes left out.
pub(super) fn rebuild(tag: &StartTag) -> (String, Vec<String>) {
    let allowed = allowed_attributes(&tag.name).unwrap_or(&[]);
    let mut html = format!("<{}", tag.name);
    let mut dropped = Vec::new();
    let mut has_alt = false;
    for (name, value) in &tag.attributes {
        let ok = GENERIC_ATTRIBUTES.contains(&name.as_str()) || allowed.contains(&name.as_str());
        let safe_url =
            !matches!(name.as_str(), "href" | "src") || !crate::library::is_unsafe_url(value);
        if ok && safe_url {
            has_alt |= name == "alt";
            html.push_str(&format!(
                " {name}=\"{}\"",
                value.replace('"', "&quot;").replace('<', "&lt;")
            ));
        } else {
            dropped.push(format!("`{name}` on <{}>", tag.name));
        }
    }
    if tag.name == "img" && !has_alt {
        html.push_str(" alt=\"\"");
    }
    html.push('>');
    (html, dropped)
}

/// Whether every element `html` opens, it also closes.
pub(super) fn is_balanced(html: &str) -> bool {
    let mut depth: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    for tag in start_tags(html) {
        if !is_void(&tag.name) {
            *depth.entry(tag.name).or_default() += 1;
        }
    }
    let lower = html.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("</") {
        let after = &rest[at + 2..];
        let end = after
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(after.len());
        *depth.entry(after[..end].to_string()).or_default() -= 1;
        rest = &after[end..];
    }
    depth.values().all(|d| *d == 0)
}

/// `html` with only allowed tags and attributes, tag by tag; comments
/// and the content of scripts and styles dropped.
pub(super) fn clean_tag_by_tag(html: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(html.len());
    let mut lost = std::collections::BTreeSet::new();
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        out.push_str(&html[at..at + offset]);
        at += offset;
        let rest = &html[at..];
        if rest.starts_with("<!--") {
            at = rest.find("-->").map_or(html.len(), |e| at + e + 3);
        } else if let Some(closing) = rest.strip_prefix("</") {
            let end = closing.find('>').map_or(closing.len(), |e| e + 1);
            let name = closing[..end]
                .trim_end_matches('>')
                .trim()
                .to_ascii_lowercase();
            if allowed_attributes(&name).is_some() {
                out.push_str(&format!("</{name}>"));
            }
            at += 2 + end;
        } else if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            let name_end = rest
                .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
                .unwrap_or(rest.len());
            let name = rest[1..name_end].to_ascii_lowercase();
            let (attributes, end) = attributes(rest, name_end);
            let tag = StartTag { name, attributes };
            at += end;
            if allowed_attributes(&tag.name).is_some() {
                let (written, dropped) = rebuild(&tag);
                out.push_str(&written);
                lost.extend(dropped);
            } else {
                lost.insert(format!("<{}>", tag.name));
                if WITH_CONTENT.contains(&tag.name.as_str()) {
                    let closing = format!("</{}", tag.name);
                    let skip = html[at..].to_ascii_lowercase().find(&closing);
                    at = skip.map_or(html.len(), |e| {
                        let close = at + e;
                        html[close..]
                            .find('>')
                            .map_or(html.len(), |g| close + g + 1)
                    });
                }
            }
        } else {
            out.push_str("&lt;");
            at += 1;
        }
    }
    out.push_str(&html[at..]);
    (out, lost.into_iter().collect())
}

/// `html` with the `src` and `href` values that `published` knows (paths
/// to files beside the markdown) replaced by their published addresses.
pub fn rewrite_urls(html: &str, published: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let next = [" src=\"", " href=\""]
            .iter()
            .filter_map(|attr| rest.find(attr).map(|i| (i, attr.len())))
            .min();
        let Some((at, len)) = next else { break };
        out.push_str(&rest[..at + len]);
        rest = &rest[at + len..];
        let Some(end) = rest.find('"') else { break };
        let value = &rest[..end];
        match published(&value.replace("&amp;", "&")) {
            Some(url) => out.push_str(&crate::markdown::escape_html(&url)),
            None => out.push_str(value),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}
