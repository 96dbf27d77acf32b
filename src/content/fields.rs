//! Typed front matter fields, read leniently from the YAML mapping the way
//! real files write them: a single string where a list is expected, `potential`
//! or `content_potential`, dates quoted or bare. Fields we do not know are
//! kept in [`FrontMatter::extra`] for the templates.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_yaml::{Mapping, Value};

use super::dates::Date;
use super::field_reader::{scalar_text, Locator, Reader};
use crate::diagnostics::Diagnostic;

/// A value with the 1-based file position it was written at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column in the file.
    pub column: usize,
}

/// The fields Lectern understands, plus everything else in `extra`. Its
/// serde form is the build cache's (templates get their own values).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FrontMatter {
    /// `title`.
    pub title: Option<String>,
    /// `slug`: overrides the file name in the URL.
    pub slug: Option<Located<String>>,
    /// `description` or `summary`.
    pub description: Option<String>,
    /// `date`, else `created`, else `published`.
    #[serde(with = "super::dates::exact")]
    pub date: Option<Date>,
    /// `updated` or `modified`.
    #[serde(with = "super::dates::exact")]
    pub updated: Option<Date>,
    /// `planned`: when a moment is planned to go out (the writer's desk
    /// shows it in its calendar).
    #[serde(with = "super::dates::exact")]
    pub planned: Option<Date>,
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
    /// `aliases`: the page's previous addresses, as site files that will
    /// redirect to it (`2024/03/old-name/index.html`).
    pub aliases: Vec<String>,
    /// The item's picture: `image`, `cover` (or Hugo themes' `cover.image`),
    /// `featured_image`, `thumbnail`; a path beside the file, from
    /// `content/` with a leading `/`, or a web address.
    pub cover: Option<Located<String>>,
    /// Other names of the item that wikilinks may use (Obsidian's
    /// `aliases:` entries that are names rather than addresses).
    pub names: Vec<String>,
    /// Every field not listed above, as written.
    #[serde(with = "json_text")]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// Fields not known to Lectern as one JSON text: the build cache's format
/// (bincode) cannot read free-form values back.
mod json_text {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        extra: &BTreeMap<String, serde_json::Value>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let text = serde_json::to_string(extra).map_err(serde::ser::Error::custom)?;
        s.serialize_str(&text)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<String, serde_json::Value>, D::Error> {
        let text = String::deserialize(d)?;
        serde_json::from_str(&text).map_err(serde::de::Error::custom)
    }
}

/// The fields Lectern reads, by their names as it writes them.
pub(super) const KNOWN: &[&str] = &[
    "aliases",
    "title",
    "slug",
    "description",
    "summary",
    "date",
    "created",
    "published",
    "updated",
    "modified",
    "planned",
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

/// Reads the known fields of `map` (whose YAML starts at file line
/// `yaml_line`), reporting values of the wrong shape as diagnostics.
pub fn read(
    map: &Mapping,
    yaml: &str,
    yaml_line: usize,
    path: &Path,
    file_text: &str,
) -> (FrontMatter, Vec<Diagnostic>) {
    let lifted = super::other_tools::lift(map);
    let map = lifted.as_ref();
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
    // `type` is informational: Obsidian vaults often make it a list of
    // links, which is kept for the templates as written rather than
    // failing the build.
    fm.item_type = r.get("type").and_then(scalar_text);
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
    fm.planned = r.date("planned");
    fm.draft = r.flag("draft").unwrap_or(false) || fm.status.as_deref() == Some("draft");
    fm.order = r.number("order");
    fm.duration = r.number("duration").and_then(|n| {
        let minutes = u32::try_from(n).ok().filter(|&m| m <= 100_000);
        if minutes.is_none() {
            r.wrong("duration", "a number of minutes between 0 and 100000");
        }
        minutes
    });
    fm.tags = r.page_names("tags");
    fm.themes = r.page_names("themes");
    fm.platform_fit = r.list("platform_fit");
    fm.objectives = r.list("objectives");
    fm.related_content = r.located_list("related_content");
    fm.related_threads = r.located_list("related_threads");
    for key in ["image", "cover", "featured_image", "thumbnail"] {
        let value = match r.get(key) {
            Some(Value::Mapping(map)) => map
                .get(Value::String("image".into()))
                .and_then(super::field_reader::scalar_text),
            Some(other) => super::field_reader::scalar_text(other),
            None => None,
        };
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            let (line, column) = r.locate.value(key, &value);
            fm.cover = Some(Located {
                value: value.trim().to_string(),
                line,
                column,
            });
            break;
        }
    }
    for alias in r.located_list("aliases") {
        // Obsidian's aliases are other names of the note (`[[Other name]]`),
        // Hugo's and Zola's are previous addresses (`/2024/old/`).
        let value = alias.value.trim();
        let address_shaped = value.starts_with('/')
            || (!value.contains(char::is_whitespace)
                && (value.contains('/') || value.to_ascii_lowercase().ends_with(".html")));
        if !address_shaped {
            fm.names.push(value.to_string());
            continue;
        }
        match super::urls::alias_path(&alias.value) {
            Some(path) => fm.aliases.push(path),
            None => r.problems.push(
                Diagnostic::warning(
                    path,
                    format!(
                        "alias `{}` is not an address on this site, so no redirect is made for it",
                        alias.value
                    ),
                )
                .at(file_text, alias.line, alias.column)
                .with_help("write a path from the site's root, e.g. `/2024/03/old-name/`"),
            ),
        }
    }

    for (key, value) in map {
        let name = match key {
            Value::String(s) => s.clone(),
            other => scalar_text(other).unwrap_or_default(),
        };
        let informational = name == "type" && fm.item_type.is_none();
        if !KNOWN.contains(&name.as_str()) || informational {
            let json = serde_json::to_value(value).unwrap_or(serde_json::Value::Null);
            fm.extra.insert(name, json);
        }
    }
    (fm, r.problems)
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
    fn obsidian_properties_left_empty_or_made_lists_are_kept() {
        let (fm, problems) = read_yaml(
            "type:\n  - \"[[Product usage analysis]]\"\ncreated: \"\"\nupdated: \" \"\nstatus: \"\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(fm.date, None);
        assert_eq!(fm.updated, None);
        assert_eq!(fm.status, None);
        assert_eq!(fm.item_type, None);
        assert_eq!(
            fm.extra.get("type"),
            Some(&serde_json::json!(["[[Product usage analysis]]"]))
        );
        let (fm, _) = read_yaml("type: moment\n");
        assert_eq!(fm.item_type.as_deref(), Some("moment"));
        assert!(!fm.extra.contains_key("type"));
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
