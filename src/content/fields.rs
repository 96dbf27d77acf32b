//! Typed front matter fields, read leniently from the YAML mapping the way
//! real files write them: a single string where a list is expected, `potential`
//! or `content_potential`, dates quoted or bare. Fields we do not know are
//! kept in [`FrontMatter::extra`] for the templates.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use serde_yaml::{Mapping, Value};

use super::dates::{looks_like_date, Date};
use crate::diagnostics::Diagnostic;

/// A value with the 1-based file position it was written at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column in the file.
    pub column: usize,
}

/// The fields Lectern understands, plus everything else in `extra`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FrontMatter {
    /// `title`.
    pub title: Option<String>,
    /// `slug`: overrides the file name in the URL.
    pub slug: Option<Located<String>>,
    /// `description` or `summary`.
    pub description: Option<String>,
    /// `date`, else `created`, else `published`.
    pub date: Option<Date>,
    /// `updated` or `modified`.
    pub updated: Option<Date>,
    /// `status` (raw, captured, draft, published…).
    pub status: Option<String>,
    /// `potential` or `content_potential`.
    pub potential: Option<String>,
    /// `draft: true`, or `status: draft`.
    pub draft: bool,
    /// `type` as written (moment, module…); informational.
    pub item_type: Option<String>,
    /// `category`.
    pub category: Option<String>,
    /// `tags`.
    pub tags: Vec<String>,
    /// `themes`.
    pub themes: Vec<String>,
    /// `platform_fit`.
    pub platform_fit: Vec<String>,
    /// `related_content`: paths of related library files.
    pub related_content: Vec<Located<String>>,
    /// `related_threads`: paths of related conversation threads.
    pub related_threads: Vec<Located<String>>,
    /// `order`: position of a workshop module.
    pub order: Option<i64>,
    /// `duration`: minutes a workshop module takes.
    pub duration: Option<u32>,
    /// `objectives` of a workshop module.
    pub objectives: Vec<String>,
    /// Every field not listed above, as written.
    pub extra: BTreeMap<String, serde_json::Value>,
}

const KNOWN: &[&str] = &[
    "title",
    "slug",
    "description",
    "summary",
    "date",
    "created",
    "published",
    "updated",
    "modified",
    "status",
    "potential",
    "content_potential",
    "draft",
    "type",
    "category",
    "tags",
    "themes",
    "platform_fit",
    "related_content",
    "related_threads",
    "order",
    "duration",
    "objectives",
];

/// Finds where keys and values sit in the file, since serde_yaml gives no
/// spans for values.
struct Locator<'a> {
    lines: Vec<&'a str>,
    first_line: usize,
}

impl<'a> Locator<'a> {
    fn new(yaml: &'a str, first_line: usize) -> Self {
        Locator {
            lines: yaml.lines().collect(),
            first_line,
        }
    }

    fn key_index(&self, key: &str) -> Option<usize> {
        self.lines
            .iter()
            .position(|line| super::front_matter::is_key_line(line, key))
    }

    fn key(&self, key: &str) -> (usize, usize) {
        self.key_index(key)
            .map_or((self.first_line, 1), |i| (self.first_line + i, 1))
    }

    /// Position of `value` under `key`: on the key's line or the lines after
    /// it, before the next top-level key.
    fn value(&self, key: &str, value: &str) -> (usize, usize) {
        let Some(start) = self.key_index(key) else {
            return (self.first_line, 1);
        };
        for (i, line) in self.lines.iter().enumerate().skip(start) {
            if i > start && !line.starts_with([' ', '\t', '-']) {
                break;
            }
            let search_from = if i == start {
                line.find(':').map_or(0, |c| c + 1)
            } else {
                0
            };
            if let Some(col) = line[search_from..].find(value) {
                let byte = search_from + col;
                return (self.first_line + i, line[..byte].chars().count() + 1);
            }
        }
        (self.first_line + start, 1)
    }
}

/// Reads fields out of the mapping, collecting problems as it goes.
struct Reader<'a> {
    map: &'a Mapping,
    locate: Locator<'a>,
    path: &'a Path,
    file_text: &'a str,
    problems: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn get(&self, key: &str) -> Option<&Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn wrong(&mut self, key: &str, expected: &str) {
        let (line, col) = self.locate.key(key);
        self.problems.push(
            Diagnostic::error(self.path, format!("field `{key}` should be {expected}"))
                .at(self.file_text, line, col)
                .with_help(format!("write it as {}", example_for(key))),
        );
    }

    fn error_at_value(&mut self, key: &str, value: &str, message: String, help: &str) {
        let (line, col) = self.locate.value(key, value);
        self.problems.push(
            Diagnostic::error(self.path, message)
                .at(self.file_text, line, col)
                .with_help(help),
        );
    }

    fn text(&mut self, key: &str) -> Option<String> {
        let text = scalar_text(self.get(key)?);
        if text.is_none() {
            self.wrong(key, "text");
        }
        text
    }

    fn list(&mut self, key: &str) -> Vec<String> {
        match self.get(key).map(list_of_text) {
            None => Vec::new(),
            Some(Some(list)) => list,
            Some(None) => {
                self.wrong(key, "a list of text");
                Vec::new()
            }
        }
    }

    fn located_list(&mut self, key: &str) -> Vec<Located<String>> {
        self.list(key)
            .into_iter()
            .map(|value| {
                let (line, column) = self.locate.value(key, &value);
                Located {
                    value,
                    line,
                    column,
                }
            })
            .collect()
    }

    fn date(&mut self, key: &str) -> Option<Date> {
        let text = self.text(key)?;
        let text = text.trim();
        let date = Date::parse(text);
        if date.is_none() {
            let message = if looks_like_date(text) {
                format!("`{text}` in `{key}` is not a real date")
            } else {
                format!("`{text}` in `{key}` is not a date")
            };
            self.error_at_value(
                key,
                text,
                message,
                "write dates as YYYY-MM-DD, optionally with a time: 2026-01-13 or 2026-01-13T09:30:00Z",
            );
        }
        date
    }

    fn number(&mut self, key: &str) -> Option<i64> {
        let text = self.text(key)?;
        // "45", "45 min", "45 minutes" all mean 45.
        let number = text
            .trim()
            .trim_end_matches("minutes")
            .trim_end_matches("mins")
            .trim_end_matches("min")
            .trim();
        let parsed = number.parse::<i64>().ok();
        if parsed.is_none() {
            self.error_at_value(
                key,
                text.trim(),
                format!("`{}` in `{key}` is not a whole number", text.trim()),
                &format!("write it as {}", example_for(key)),
            );
        }
        parsed
    }

    fn flag(&mut self, key: &str) -> Option<bool> {
        let value = self.get(key)?;
        if let Some(flag) = value.as_bool() {
            return Some(flag);
        }
        match scalar_text(value)
            .map(|t| t.trim().to_lowercase())
            .as_deref()
        {
            Some("yes" | "true" | "on") => Some(true),
            Some("no" | "false" | "off") => Some(false),
            _ => {
                self.wrong(key, "true or false");
                None
            }
        }
    }
}

/// Reads the known fields of `map` (whose YAML starts at file line
/// `yaml_line`), reporting values of the wrong shape as diagnostics.
pub fn read(
    map: &Mapping,
    yaml: &str,
    yaml_line: usize,
    path: &Path,
    file_text: &str,
) -> (FrontMatter, Vec<Diagnostic>) {
    let mut r = Reader {
        map,
        locate: Locator::new(yaml, yaml_line),
        path,
        file_text,
        problems: Vec::new(),
    };
    let mut fm = FrontMatter {
        title: r.text("title").filter(|t| !t.trim().is_empty()),
        ..FrontMatter::default()
    };
    fm.slug = r.text("slug").map(|s| {
        let (line, column) = r.locate.value("slug", &s);
        Located {
            value: s,
            line,
            column,
        }
    });
    fm.description = r.text("description").or_else(|| r.text("summary"));
    fm.status = r.text("status").map(|s| s.trim().to_lowercase());
    fm.item_type = r.text("type");
    fm.category = r.text("category");
    let potential = r.text("potential");
    let content_potential = r.text("content_potential");
    if let (Some(a), Some(b)) = (&potential, &content_potential) {
        if a != b {
            let (line, col) = r.locate.key("content_potential");
            r.problems.push(
                Diagnostic::warning(
                    path,
                    format!("`potential` ({a}) and `content_potential` ({b}) disagree; using `potential`"),
                )
                .at(file_text, line, col)
                .with_help("keep one of the two fields"),
            );
        }
    }
    fm.potential = potential.or(content_potential);
    let date = r.date("date");
    let created = r.date("created");
    let published = r.date("published");
    fm.date = date.or(created).or(published);
    let updated = r.date("updated");
    let modified = r.date("modified");
    fm.updated = updated.or(modified);
    fm.draft = r.flag("draft").unwrap_or(false) || fm.status.as_deref() == Some("draft");
    fm.order = r.number("order");
    fm.duration = r.number("duration").and_then(|n| {
        let minutes = u32::try_from(n).ok().filter(|&m| m <= 100_000);
        if minutes.is_none() {
            r.wrong("duration", "a number of minutes between 0 and 100000");
        }
        minutes
    });
    fm.tags = r.list("tags");
    fm.themes = r.list("themes");
    fm.platform_fit = r.list("platform_fit");
    fm.objectives = r.list("objectives");
    fm.related_content = r.located_list("related_content");
    fm.related_threads = r.located_list("related_threads");

    for (key, value) in map {
        let name = match key {
            Value::String(s) => s.clone(),
            other => scalar_text(other).unwrap_or_default(),
        };
        if !KNOWN.contains(&name.as_str()) {
            let json = serde_json::to_value(value).unwrap_or(serde_json::Value::Null);
            fm.extra.insert(name, json);
        }
    }
    (fm, r.problems)
}

fn example_for(key: &str) -> &'static str {
    match key {
        "tags" | "themes" | "platform_fit" | "objectives" | "related_content"
        | "related_threads" => "a list: `[a, b]`, or one `- item` per line",
        "order" => "a number, e.g. `order: 2`",
        "duration" => "minutes, e.g. `duration: 45`",
        _ => "text, e.g. `title: My moment` (quote it if it contains `: `)",
    }
}

/// A scalar as text; `None` for lists and mappings.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(tagged) => scalar_text(&tagged.value),
        Value::Null | Value::Sequence(_) | Value::Mapping(_) => None,
    }
}

/// A list of scalars; a single string counts as a one-item list, and a
/// comma-separated string (`tags: a, b`) as several.
fn list_of_text(value: &Value) -> Option<Vec<String>> {
    let clean = |items: Vec<String>| -> Vec<String> {
        items
            .into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    match value {
        Value::Sequence(items) => {
            let texts: Option<Vec<String>> = items
                .iter()
                .filter(|v| !v.is_null())
                .map(scalar_text)
                .collect();
            texts.map(clean)
        }
        Value::String(s) => Some(clean(s.split(',').map(str::to_string).collect())),
        other => scalar_text(other).map(|s| vec![s]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::parse_yaml;

    fn read_yaml(yaml: &str) -> (FrontMatter, Vec<Diagnostic>) {
        let text = format!("---\n{yaml}---\n");
        let map = parse_yaml(yaml, 2).unwrap();
        read(&map, yaml, 2, Path::new("x.md"), &text)
    }

    #[test]
    fn block_and_flow_lists_and_single_strings() {
        let (fm, problems) =
            read_yaml("tags: [a, b]\nthemes:\n  - x\n  - y\nplatform_fit: linkedin\n");
        assert!(problems.is_empty());
        assert_eq!(fm.tags, ["a", "b"]);
        assert_eq!(fm.themes, ["x", "y"]);
        assert_eq!(fm.platform_fit, ["linkedin"]);
    }

    #[test]
    fn quoted_and_bare_dates_and_potential_alias() {
        let (a, _) = read_yaml("created: '2025-12-18'\npotential: high\n");
        let (b, _) = read_yaml("created: 2026-01-13\ncontent_potential: medium\n");
        assert_eq!(a.date.unwrap().ymd(), "2025-12-18");
        assert_eq!(b.date.unwrap().ymd(), "2026-01-13");
        assert_eq!(a.potential.as_deref(), Some("high"));
        assert_eq!(b.potential.as_deref(), Some("medium"));
    }

    #[test]
    fn impossible_date_is_located() {
        let (_, problems) = read_yaml("title: x\ncreated: 2026-02-30\n");
        assert_eq!(problems.len(), 1);
        assert_eq!((problems[0].line, problems[0].column), (3, 10));
        assert!(problems[0].message.contains("not a real date"));
    }

    #[test]
    fn unknown_fields_are_kept() {
        let (fm, _) = read_yaml("title: x\nmood: calm\nscore: 3\n");
        assert_eq!(fm.extra["mood"], "calm");
        assert_eq!(fm.extra["score"], 3);
        assert!(!fm.extra.contains_key("title"));
    }

    #[test]
    fn wrong_shapes_are_errors() {
        let (_, problems) = read_yaml("title: [a, b]\ntags: {a: 1}\n");
        assert_eq!(problems.len(), 2);
        assert!(problems.iter().all(|p| p.is_error()));
    }

    #[test]
    fn related_paths_are_located() {
        let (fm, _) = read_yaml("related_content:\n  - content/a.md\n  - content/b.md\n");
        assert_eq!(fm.related_content[1].value, "content/b.md");
        assert_eq!(
            (fm.related_content[1].line, fm.related_content[1].column),
            (4, 5)
        );
    }

    #[test]
    fn draft_from_flag_or_status_and_durations() {
        assert!(read_yaml("draft: true\n").0.draft);
        assert!(read_yaml("status: Draft\n").0.draft);
        assert_eq!(read_yaml("duration: 45 min\n").0.duration, Some(45));
        assert!(!read_yaml("duration: soon\n").1.is_empty());
    }
}
