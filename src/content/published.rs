//! The don't-repeat list as a moment writes it: the pieces its "Already
//! Published (Don't Repeat)" section lists, read once, when the file is
//! loaded (the library gathers them across moments).
//!
//! The section is free-form markdown, so the parser reads it the way a
//! person would: a bold label (`**Short post:**`) opens an entry, optionally
//! followed by the piece's path or quoted title; the list lines under it give
//! `Published:` date, `Performance:` figures, `Title:`, `Covers:`, and any
//! other notes (`1,480 words, comprehensive framework breakdown`). A list of
//! `"Title" (2025-12-04)` lines under a label such as `**Published LinkedIn
//! posts:**` gives one entry each.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::dates::Date;
use super::outline::{outline, OutlineSection};

/// One published piece, as a moment records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedEntry {
    /// What it is: "Short post", "Long article"…
    pub kind: String,
    /// Where the piece lives, when given.
    pub path: Option<String>,
    /// Its title, when given.
    pub title: Option<String>,
    /// When it was published.
    #[serde(with = "super::dates::exact")]
    pub published: Option<Date>,
    /// Figures: impressions, reactions, comments, shares, views, words…
    pub figures: BTreeMap<String, u64>,
    /// What it covers.
    pub covers: Option<String>,
    /// Other remarks.
    pub notes: Vec<String>,
    /// Where it went out (`Platform: LinkedIn`, or a figures file's
    /// column), when written; see [`PublishedEntry::platform_name`].
    pub platform: Option<String>,
    /// 1-based line of the entry in the body.
    pub line: usize,
}

impl PublishedEntry {
    fn new(kind: &str, line: usize) -> Self {
        PublishedEntry {
            kind: kind.trim().to_string(),
            path: None,
            title: None,
            published: None,
            figures: BTreeMap::new(),
            covers: None,
            notes: Vec::new(),
            platform: None,
            line,
        }
    }

    /// A name for people: the title, else the file name of the path.
    pub fn name(&self) -> String {
        if let Some(title) = &self.title {
            return title.clone();
        }
        if let Some(path) = &self.path {
            let stem = path.rsplit('/').next().unwrap_or(path);
            let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
            return stem.replace(['-', '_'], " ");
        }
        self.kind.clone()
    }

    /// The key two moments' records of the same piece share.
    pub fn key(&self) -> String {
        match (&self.path, &self.title) {
            (Some(path), _) => format!("path:{}", path.trim()),
            (None, Some(title)) => format!("title:{}", normalise_title(title)),
            (None, None) => format!("kind:{}:{}", self.kind, self.line),
        }
    }
}

/// A title compared without case, punctuation or extra spaces.
pub fn normalise_title(title: &str) -> String {
    title
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `1480` → `1,480`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Whether a heading names a section that lists published work.
pub fn is_published_heading(title: &str) -> bool {
    let lower = title.to_lowercase().replace('’', "'");
    lower.contains("already published")
        || lower.contains("don't repeat")
        || lower.contains("dont repeat")
        || lower.contains("existing content")
}

/// Reads every published piece listed in `body`.
pub fn parse(body: &str) -> Vec<PublishedEntry> {
    from_outline(&outline(body))
}

/// Reads every published piece listed in a body's `sections`.
pub fn from_outline(sections: &[OutlineSection]) -> Vec<PublishedEntry> {
    let mut entries = Vec::new();
    for section in sections {
        if section.level > 3 || !is_published_heading(section.title) {
            continue;
        }
        parse_section(section.text, section.line + 1, &mut entries);
    }
    entries
}

/// `**Label:** rest` → (label, rest).
fn bold_label(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix("**")?;
    let end = rest.find("**")?;
    let inner = &rest[..end];
    let after = rest[end + 2..].trim();
    // "**Label:** rest" or "**Label**: rest"
    let (label, after) = match inner.strip_suffix(':') {
        Some(label) => (label, after),
        None => (inner, after.strip_prefix(':')?.trim()),
    };
    Some((label.trim(), after))
}

fn unquote(text: &str) -> &str {
    text.trim()
        .trim_matches(|c| matches!(c, '"' | '“' | '”' | '\'' | '`'))
        .trim()
}

/// `"Title" (2025-12-04)` → (title, date).
fn quoted_title_with_date(text: &str) -> Option<(String, Option<Date>)> {
    let text = text.trim();
    let open = text.chars().next().filter(|c| matches!(c, '"' | '“'))?;
    let close = if open == '“' { '”' } else { '"' };
    let rest = &text[open.len_utf8()..];
    let end = rest.find(close)?;
    let title = rest[..end].trim().to_string();
    let tail = rest[end + close.len_utf8()..].trim();
    let date = tail
        .trim_start_matches(['(', '-', '–', ' '])
        .get(..10)
        .and_then(Date::parse);
    Some((title, date))
}

fn looks_like_path(text: &str) -> bool {
    let t = unquote(text);
    !t.contains(' ')
        && (t.contains('/') || t.ends_with(".md") || t.ends_with(".txt") || t.starts_with("http"))
}

/// Figures such as "242 impressions, 2 reactions" or "1,480 words".
pub fn figures(text: &str) -> BTreeMap<String, u64> {
    const NAMES: &[(&str, &str)] = &[
        ("impression", "impressions"),
        ("reaction", "reactions"),
        ("like", "reactions"),
        ("comment", "comments"),
        ("share", "shares"),
        ("repost", "shares"),
        ("view", "views"),
        ("word", "words"),
        ("click", "clicks"),
        ("follower", "followers"),
    ];
    let mut found = BTreeMap::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    for pair in words.windows(2) {
        let number: String = pair[0].chars().filter(|c| c.is_ascii_digit()).collect();
        let plain = pair[0].trim_end_matches([',', ';']).replace(',', "");
        if number.is_empty() || plain.chars().any(|c| !c.is_ascii_digit()) {
            continue;
        }
        let unit = pair[1]
            .trim_matches(|c: char| !c.is_alphabetic())
            .to_lowercase();
        if let Some((_, name)) = NAMES.iter().find(|(stem, _)| unit.starts_with(stem)) {
            if let Ok(n) = number.parse::<u64>() {
                *found.entry(name.to_string()).or_insert(0) += n;
            }
        }
    }
    found
}

fn parse_section(text: &str, first_line: usize, entries: &mut Vec<PublishedEntry>) {
    let mut current: Option<PublishedEntry> = None;
    // A label such as "Published LinkedIn posts:" whose list lines are
    // entries of their own.
    let mut list_kind: Option<String> = None;
    for (index, raw) in text.lines().enumerate() {
        let line_no = first_line + index;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let item_text = line
            .strip_prefix("- ")
            .or_else(|| line.strip_prefix("* "))
            .map(str::trim);
        let bold = bold_label(item_text.unwrap_or(line));
        if let Some((label, rest)) = bold {
            let is_field = item_text.is_some() && current.is_some() && is_field_name(label);
            if !is_field {
                entries.extend(current.take());
                list_kind = None;
                if rest.is_empty() {
                    // "**Published LinkedIn posts:**" heads a list of titles.
                    list_kind = Some(singular_kind(label));
                    continue;
                }
                let mut entry = PublishedEntry::new(label, line_no);
                if looks_like_path(rest) {
                    entry.path = Some(unquote(rest).to_string());
                } else if let Some((title, date)) = quoted_title_with_date(rest) {
                    entry.title = Some(title);
                    entry.published = date;
                } else {
                    entry.title = Some(unquote(rest).to_string());
                }
                current = Some(entry);
                continue;
            }
        }
        let Some(item) = item_text else {
            continue;
        };
        if let Some(kind) = &list_kind {
            if let Some((title, date)) = quoted_title_with_date(item) {
                let mut entry = PublishedEntry::new(kind, line_no);
                entry.title = Some(title);
                entry.published = date;
                entries.push(entry);
                continue;
            }
        }
        let Some(entry) = current.as_mut() else {
            continue;
        };
        let (field, value) = match item.split_once(':') {
            Some((f, v)) if is_field_name(f.trim_matches('*')) => (
                f.trim_matches('*').trim().to_lowercase(),
                v.trim().trim_start_matches("**").trim(),
            ),
            _ => (String::new(), item),
        };
        match field.as_str() {
            "published" | "date" => {
                entry.published = value.get(..10).and_then(Date::parse).or(entry.published)
            }
            "performance" | "figures" | "stats" | "metrics" => {
                entry.figures.extend(figures(value));
            }
            "title" => entry.title = Some(unquote(value).to_string()),
            "covers" | "covered" | "topics" => entry.covers = Some(value.to_string()),
            "path" | "file" | "link" | "url" => entry.path = Some(unquote(value).to_string()),
            "platform" | "channel" => entry.platform = Some(value.to_string()),
            _ => {
                let found = figures(value);
                if found.is_empty() {
                    entry.notes.push(value.to_string());
                } else {
                    entry.figures.extend(found);
                    // "1,480 words, comprehensive breakdown": keep the remark,
                    // not the figure (thousands separators have no space).
                    let remark: Vec<&str> = value
                        .split(", ")
                        .filter(|part| figures(part).is_empty())
                        .collect();
                    if !remark.is_empty() {
                        entry.notes.push(remark.join(", "));
                    }
                }
            }
        }
    }
    entries.extend(current);
}

fn is_field_name(label: &str) -> bool {
    matches!(
        label.trim().to_lowercase().as_str(),
        "published"
            | "date"
            | "performance"
            | "figures"
            | "stats"
            | "metrics"
            | "title"
            | "covers"
            | "covered"
            | "topics"
            | "path"
            | "file"
            | "link"
            | "url"
            | "platform"
            | "channel"
    )
}

/// "Published LinkedIn posts" → "LinkedIn post".
fn singular_kind(label: &str) -> String {
    let label = label.trim();
    let label = label
        .strip_prefix("Published ")
        .or_else(|| label.strip_prefix("published "))
        .unwrap_or(label);
    label.strip_suffix('s').unwrap_or(label).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1480), "1,480");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    const SEED_000: &str = "## Already Published (Don't Repeat)\n\n**Short post:** `workspace/published/linkedin/engineering-growth-from-tasks-to-teams-short.md`\n- Published: 2025-10-13\n- Performance: 242 impressions, 2 reactions\n- Covers: Junior → Task, Middle → Project, Senior → Standard, Management → Team\n\n**Long article:** `workspace/published/linkedin/engineering-growth-mindset.md`\n- Title: \"The 4 Mental Shifts That Define Engineering Growth\"\n- 1,480 words, comprehensive framework breakdown\n- Covers: All 4 levels with detailed mindset shifts\n\n## NEW Content Angles (Not Yet Published)\n\n**Post idea:** \"not an entry\"\n";

    #[test]
    fn reads_the_seed_format() {
        let entries = parse(SEED_000);
        assert_eq!(entries.len(), 2);
        let short = &entries[0];
        assert_eq!(short.kind, "Short post");
        assert_eq!(
            short.path.as_deref(),
            Some("workspace/published/linkedin/engineering-growth-from-tasks-to-teams-short.md")
        );
        assert_eq!(short.published.unwrap().ymd(), "2025-10-13");
        assert_eq!(short.figures["impressions"], 242);
        assert_eq!(short.figures["reactions"], 2);
        assert!(short
            .covers
            .as_deref()
            .unwrap()
            .starts_with("Junior → Task"));
        assert_eq!(short.line, 3);
        let long = &entries[1];
        assert_eq!(long.kind, "Long article");
        assert_eq!(
            long.title.as_deref(),
            Some("The 4 Mental Shifts That Define Engineering Growth")
        );
        assert_eq!(long.figures["words"], 1480);
        assert_eq!(long.notes, ["comprehensive framework breakdown"]);
        assert_eq!(
            long.covers.as_deref(),
            Some("All 4 levels with detailed mindset shifts")
        );
    }

    #[test]
    fn reads_a_list_of_titled_posts() {
        let body = "## Existing Content to Leverage\n\n**Published LinkedIn posts:**\n- \"The Best IC Might Become Your Worst Manager\" (2025-12-04)\n- \"Team leadership isn't about being the best IC\" (2025-11-24)\n\n**Key frameworks already developed:**\n- IC vs Leader value equation\n";
        let entries = parse(body);
        assert_eq!(entries.len(), 2, "{entries:#?}");
        assert_eq!(entries[0].kind, "LinkedIn post");
        assert_eq!(
            entries[0].title.as_deref(),
            Some("The Best IC Might Become Your Worst Manager")
        );
        assert_eq!(entries[1].published.unwrap().ymd(), "2025-11-24");
    }

    #[test]
    fn figures_in_prose() {
        let f = figures("Performance: 1,204 impressions, 31 reactions and 4 comments");
        assert_eq!(f["impressions"], 1204);
        assert_eq!(f["reactions"], 31);
        assert_eq!(f["comments"], 4);
        assert!(figures("All 4 levels").is_empty());
    }

    #[test]
    fn other_sections_are_ignored() {
        assert!(parse("## Notes\n\n**Short post:** `a/b.md`\n").is_empty());
    }
}
