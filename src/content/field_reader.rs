//! Reading typed values out of a front matter mapping, with each problem
//! located at its line in the file.

use std::path::Path;

use serde_yaml::{Mapping, Value};

use super::dates::{looks_like_date, Date};
use super::fields::Located;
use crate::diagnostics::Diagnostic;

/// Finds where keys and values sit in the file, since serde_yaml gives no
/// spans for values.
pub(super) struct Locator<'a> {
    pub(super) lines: Vec<&'a str>,
    pub(super) first_line: usize,
}

impl<'a> Locator<'a> {
    pub(super) fn new(yaml: &'a str, first_line: usize) -> Self {
        Locator {
            lines: yaml.lines().collect(),
            first_line,
        }
    }

    pub(super) fn key_index(&self, key: &str) -> Option<usize> {
        let sets = |line: &str| {
            super::front_matter::is_key_line(line, key)
                || super::front_matter::is_toml_key_line(line, key)
        };
        // A field may be written in another case (`Title:`, read as `title`).
        self.lines.iter().position(|line| sets(line)).or_else(|| {
            self.lines
                .iter()
                .position(|line| sets(&line.to_ascii_lowercase()))
        })
    }

    pub(super) fn key(&self, key: &str) -> (usize, usize) {
        self.key_index(key)
            .map_or((self.first_line, 1), |i| (self.first_line + i, 1))
    }

    /// Position of `value` under `key`: on the key's line or the lines after
    /// it, before the next top-level key.
    pub(super) fn value(&self, key: &str, value: &str) -> (usize, usize) {
        let Some(start) = self.key_index(key) else {
            return (self.first_line, 1);
        };
        for (i, line) in self.lines.iter().enumerate().skip(start) {
            if i > start && !line.starts_with([' ', '\t', '-']) {
                break;
            }
            let search_from = if i == start {
                line.find([':', '=']).map_or(0, |c| c + 1)
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

    /// Positions of `values` under `key`, which a list holds in order: one
    /// pass over the list's lines, each value searched from where the one
    /// before it was found (a value not found is placed at the key).
    pub(super) fn values(&self, key: &str, values: Vec<String>) -> Vec<Located<String>> {
        let Some(start) = self.key_index(key) else {
            return values
                .into_iter()
                .map(|value| Located {
                    value,
                    line: self.first_line,
                    column: 1,
                })
                .collect();
        };
        let end = self.lines[start + 1..]
            .iter()
            .position(|line| !line.starts_with([' ', '\t', '-']))
            .map_or(self.lines.len(), |n| start + 1 + n);
        let first = self.lines[start].find(':').map_or(0, |c| c + 1);
        let mut cursor = (start, first);
        values
            .into_iter()
            .map(|value| {
                let (line, column) = match self.find_from(cursor, end, &value) {
                    Some((i, byte)) => {
                        cursor = (i, byte + value.len());
                        let text = self.lines[i];
                        (self.first_line + i, text[..byte].chars().count() + 1)
                    }
                    None => (self.first_line + start, 1),
                };
                Located {
                    value,
                    line,
                    column,
                }
            })
            .collect()
    }

    /// Where `value` next occurs at or after `(line, byte)`, before line
    /// `end`.
    fn find_from(
        &self,
        (line, byte): (usize, usize),
        end: usize,
        value: &str,
    ) -> Option<(usize, usize)> {
        for i in line..end {
            let from = if i == line { byte } else { 0 };
            let text = self.lines[i];
            if let Some(at) = text.get(from..).and_then(|rest| rest.find(value)) {
                return Some((i, from + at));
            }
        }
        None
    }
}

/// Reads fields out of the mapping, collecting problems as it goes.
pub(super) struct Reader<'a> {
    pub(super) map: &'a Mapping,
    pub(super) locate: Locator<'a>,
    pub(super) path: &'a Path,
    pub(super) file_text: &'a str,
    pub(super) problems: Vec<Diagnostic>,
}

impl Reader<'_> {
    /// The value of `key`; a field left empty (`created: ""`, as Obsidian's
    /// templates leave properties) is no value, like `created:`.
    pub(super) fn get(&self, key: &str) -> Option<&Value> {
        self.map.get(key).filter(|v| match v {
            Value::Null => false,
            Value::String(text) => !text.trim().is_empty(),
            _ => true,
        })
    }

    pub(super) fn wrong(&mut self, key: &str, expected: &str) {
        let (line, col) = self.locate.key(key);
        self.problems.push(
            Diagnostic::error(self.path, format!("field `{key}` should be {expected}"))
                .at(self.file_text, line, col)
                .with_help(format!("write it as {}", example_for(key))),
        );
    }

    pub(super) fn error_at_value(&mut self, key: &str, value: &str, message: String, help: &str) {
        let (line, col) = self.locate.value(key, value);
        self.problems.push(
            Diagnostic::error(self.path, message)
                .at(self.file_text, line, col)
                .with_help(help),
        );
    }

    pub(super) fn text(&mut self, key: &str) -> Option<String> {
        let text = scalar_text(self.get(key)?);
        if text.is_none() {
            self.wrong(key, "text");
        }
        text
    }

    pub(super) fn list(&mut self, key: &str) -> Vec<String> {
        match self.get(key).map(list_of_text) {
            None => Vec::new(),
            Some(Some(list)) => list,
            Some(None) => {
                self.wrong(key, "a list of text");
                Vec::new()
            }
        }
    }

    /// A list of names that become pages (tags, themes): a name with no
    /// letters or digits gets a warning (it has no page), one too long for
    /// a folder name an error.
    pub(super) fn page_names(&mut self, key: &str) -> Vec<String> {
        let names = self.list(key);
        let empty = match self.get(key) {
            Some(Value::Sequence(items)) => items
                .iter()
                .any(|v| v.as_str().is_some_and(|t| t.trim().is_empty())),
            _ => false,
        };
        if empty {
            let (line, col) = self.locate.key(key);
            self.problems.push(
                Diagnostic::warning(
                    self.path,
                    format!("`{key}` has an empty value: it is left out"),
                )
                .at(self.file_text, line, col)
                .with_help("remove the empty entry"),
            );
        }
        let bad = |name: &String| {
            let len = super::slug::slugify(name).len();
            len == 0 || len > super::urls::MAX_URL_NAME
        };
        if !names.iter().any(bad) {
            return names;
        }
        for located in self.locate.values(key, names.clone()) {
            let (name, line, col) = (&located.value, located.line, located.column);
            let len = super::slug::slugify(name).len();
            if len == 0 {
                self.problems.push(
                    Diagnostic::warning(
                        self.path,
                        format!("`{name}` in `{key}` has no letters or digits: it gets no page and is left out of the lists"),
                    )
                    .at(self.file_text, line, col)
                    .with_help("use words, e.g. `tags: [delegation, feedback]`"),
                );
            } else if len > super::urls::MAX_URL_NAME {
                self.problems.push(
                    Diagnostic::error(
                        self.path,
                        super::urls::too_long(&format!("a `{key}` value"), len),
                    )
                    .at(self.file_text, line, col)
                    .with_help("shorten it to a few words"),
                );
            }
        }
        names
    }

    pub(super) fn located_list(&mut self, key: &str) -> Vec<Located<String>> {
        let values = self.list(key);
        self.locate.values(key, values)
    }

    pub(super) fn date(&mut self, key: &str) -> Option<Date> {
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

    pub(super) fn number(&mut self, key: &str) -> Option<i64> {
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

    pub(super) fn flag(&mut self, key: &str) -> Option<bool> {
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

/// A scalar as text; `None` for lists and mappings.
pub(super) fn scalar_text(value: &Value) -> Option<String> {
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
pub(super) fn list_of_text(value: &Value) -> Option<Vec<String>> {
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

/// How to write field `key`, for help lines.
pub(super) fn example_for(key: &str) -> &'static str {
    match key {
        "tags" | "themes" | "platform_fit" | "objectives" | "related_content"
        | "related_threads" => "a list: `[a, b]`, or one `- item` per line",
        "order" => "a number, e.g. `order: 2`",
        "duration" => "minutes, e.g. `duration: 45`",
        _ => "text, e.g. `title: My moment` (quote it if it contains `: `)",
    }
}
