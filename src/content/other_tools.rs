//! Front matter as Hugo, Zola and Jekyll write it, read as Lectern's own
//! fields: Zola's `[taxonomies]` and `[extra]` tables are lifted to the top,
//! `weight` orders like `order`, `lastmod` is `updated`, and `categories`
//! are themes. Hugo reads a field's name in any case (`Title:`, `Date:`),
//! so such names are read in lower case. A field Lectern already has wins;
//! lists are joined.

use std::borrow::Cow;

use serde_yaml::{Mapping, Value};

/// Fields of other tools and the Lectern field each one fills.
const RENAMED: [(&str, &str); 3] = [
    ("weight", "order"),
    ("lastmod", "updated"),
    ("categories", "themes"),
];

/// The lower-case name of `key` when it names, in another case, a field
/// this module or [`super::fields`] reads (`Title`, `Weight`).
fn in_another_case(key: &str) -> Option<String> {
    if !key.chars().any(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let lower = key.to_ascii_lowercase();
    let known = super::fields::KNOWN.contains(&lower.as_str())
        || RENAMED.iter().any(|(from, _)| *from == lower)
        || lower == "taxonomies"
        || lower == "extra";
    known.then_some(lower)
}

/// `map` with other tools' fields read as Lectern's (borrowed when it has
/// none of them).
pub fn lift(map: &Mapping) -> Cow<'_, Mapping> {
    let has = |key: &str| map.contains_key(Value::String(key.into()));
    let recased: Vec<(Value, String)> = map
        .keys()
        .filter_map(|k| Some((k.clone(), in_another_case(k.as_str()?)?)))
        .collect();
    let foreign = has("taxonomies")
        || has("extra")
        || RENAMED.iter().any(|(from, _)| has(from))
        || !recased.is_empty();
    if !foreign {
        return Cow::Borrowed(map);
    }
    let mut out = map.clone();
    for (key, lower) in recased {
        if let Some(value) = out.remove(&key) {
            join(&mut out, Value::String(lower), value);
        }
    }
    for table in ["taxonomies", "extra"] {
        let key = Value::String(table.into());
        if let Some(Value::Mapping(inner)) = out.get(&key).cloned() {
            out.remove(&key);
            for (k, v) in inner {
                join(&mut out, k, v);
            }
        }
    }
    for (from, to) in RENAMED {
        if let Some(value) = out.remove(Value::String(from.into())) {
            join(&mut out, Value::String(to.into()), value);
        }
    }
    Cow::Owned(out)
}

/// Adds `value` under `key`: lists are joined (without repeats), anything
/// else is kept only where the key is new.
fn join(map: &mut Mapping, key: Value, value: Value) {
    let as_list = |v: Value| match v {
        Value::Sequence(items) => items,
        other => vec![other],
    };
    match map.get_mut(&key) {
        None => {
            map.insert(key, value);
        }
        Some(existing) => {
            let is_list =
                matches!(existing, Value::Sequence(_)) || matches!(value, Value::Sequence(_));
            if is_list {
                let mut items = as_list(existing.clone());
                for item in as_list(value) {
                    if !items.contains(&item) {
                        items.push(item);
                    }
                }
                *existing = Value::Sequence(items);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Mapping {
        serde_yaml::from_str(text).unwrap()
    }

    #[test]
    fn zola_tables_and_hugo_names_become_lecterns_fields() {
        let map = yaml("title: x\nweight: 3\nlastmod: 2024-05-01\ncategories: [Leadership]\ntaxonomies:\n  tags: [a, b]\n  themes: [Feedback]\nextra:\n  mood: calm\n  title: ignored\n");
        let lifted = lift(&map);
        let get = |k: &str| lifted.get(Value::String(k.into())).cloned();
        assert_eq!(get("order"), Some(Value::from(3)));
        assert_eq!(get("updated"), Some("2024-05-01".into()));
        assert_eq!(get("tags"), Some(serde_yaml::from_str("[a, b]").unwrap()));
        assert_eq!(
            get("themes"),
            Some(serde_yaml::from_str("[Feedback, Leadership]").unwrap())
        );
        assert_eq!(get("mood"), Some("calm".into()));
        assert_eq!(get("title"), Some("x".into()), "Lectern's own field wins");
        assert_eq!(get("taxonomies"), None);
        assert_eq!(get("weight"), None);
    }

    #[test]
    fn hugo_field_names_in_another_case_are_read() {
        let map = yaml("Title: The missing knowledge\nDate: 2026-07-03\nTags: [ai]\nWeight: 2\nSubtitle: kept as written\ntitle_note: x\n");
        let lifted = lift(&map);
        let get = |k: &str| lifted.get(Value::String(k.into())).cloned();
        assert_eq!(get("title"), Some("The missing knowledge".into()));
        assert_eq!(get("date"), Some("2026-07-03".into()));
        assert_eq!(get("tags"), Some(serde_yaml::from_str("[ai]").unwrap()));
        assert_eq!(get("order"), Some(Value::from(2)));
        assert_eq!(
            get("Subtitle"),
            Some("kept as written".into()),
            "not a field Lectern reads"
        );
        assert_eq!(get("Title"), None);
        let both = yaml("title: Mine\nTitle: Theirs\n");
        assert_eq!(lift(&both).get("title"), Some(&Value::from("Mine")));
    }

    #[test]
    fn lecterns_own_fields_are_borrowed_untouched() {
        let map = yaml("title: x\norder: 2\ntags: [a]\n");
        assert!(matches!(lift(&map), Cow::Borrowed(_)));
        let both = yaml("order: 1\nweight: 9\ntags: [a]\ntaxonomies:\n  tags: [a, c]\n");
        let lifted = lift(&both);
        assert_eq!(lifted.get("order"), Some(&Value::from(1)));
        assert_eq!(
            lifted.get("tags"),
            Some(&serde_yaml::from_str::<Value>("[a, c]").unwrap())
        );
    }
}
