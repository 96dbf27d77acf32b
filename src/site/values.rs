//! What a template sees, kept as plain JSON values until the page is
//! rendered, so that a page's inputs can be fingerprinted: two pages with
//! the same template and the same values render to the same bytes.

use serde::Serialize;
use serde_json::{Map, Value};

/// The named values of one page (`site`, `page`, `items`…).
#[derive(Debug, Clone, Default)]
pub struct Values(Map<String, Value>);

impl Values {
    /// No values.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `key` to `value`. A value that cannot be represented (it never
    /// happens with the site's own types) becomes `null`.
    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        let value = serde_json::to_value(value).unwrap_or(Value::Null);
        self.0.insert(key.to_string(), value);
    }

    /// The text at `path` (`["page", "title"]`), when there is one.
    pub fn text(&self, path: &[&str]) -> Option<&str> {
        let (first, rest) = path.split_first()?;
        let mut value = self.0.get(*first)?;
        for key in rest {
            value = value.get(key)?;
        }
        value.as_str()
    }

    /// Adds every value of `other`, replacing values of the same name.
    pub fn extend(&mut self, other: Values) {
        self.0.extend(other.0);
    }

    /// A fingerprint of `template` of the templates fingerprinted `theme`
    /// rendered with these values: equal fingerprints mean equal pages.
    pub fn fingerprint(&self, theme: u128, template: &str) -> u128 {
        let mut hasher = crate::fingerprint::Hasher::new();
        hasher.update(&theme.to_le_bytes());
        hasher.text(template);
        hash_map(&self.0, &mut hasher);
        hasher.finish()
    }

    /// The values as tera wants them.
    pub fn into_context(self) -> tera::Context {
        tera::Context::from_value(Value::Object(self.0)).unwrap_or_default()
    }
}

/// Feeds every key and value of `map` to `hasher`, each with a tag and a
/// length so that different values never feed the same bytes. Strings go
/// in as they are: no JSON escaping on the way.
fn hash_map(map: &Map<String, Value>, hasher: &mut crate::fingerprint::Hasher) {
    hasher.update(&(map.len() as u64).to_le_bytes());
    for (key, value) in map {
        hasher.text(key);
        hash_value(value, hasher);
    }
}

fn hash_value(value: &Value, hasher: &mut crate::fingerprint::Hasher) {
    match value {
        Value::Null => hasher.update(b"n"),
        Value::Bool(b) => hasher.update(if *b { b"t" } else { b"f" }),
        Value::Number(n) => {
            hasher.update(b"#");
            hasher.text(&n.to_string());
        }
        Value::String(text) => {
            hasher.update(b"s");
            hasher.text(text);
        }
        Value::Array(values) => {
            hasher.update(b"[");
            hasher.update(&(values.len() as u64).to_le_bytes());
            for value in values {
                hash_value(value, hasher);
            }
        }
        Value::Object(map) => {
            hasher.update(b"{");
            hash_map(map, hasher);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_follow_every_value_and_the_template() {
        let mut a = Values::new();
        a.insert("page", &serde_json::json!({"title": "A", "tags": ["x"]}));
        let mut b = a.clone();
        assert_eq!(a.fingerprint(1, "item.html"), b.fingerprint(1, "item.html"));
        assert_ne!(a.fingerprint(1, "item.html"), a.fingerprint(1, "term.html"));
        assert_ne!(a.fingerprint(1, "item.html"), a.fingerprint(2, "item.html"));
        b.insert("page", &serde_json::json!({"title": "A", "tags": ["y"]}));
        assert_ne!(a.fingerprint(1, "item.html"), b.fingerprint(1, "item.html"));
        // Values that would run together without their tags and lengths.
        let mut c = Values::new();
        c.insert("page", &serde_json::json!({"a": ["xy"], "b": ""}));
        let mut d = Values::new();
        d.insert("page", &serde_json::json!({"a": ["x", "y"], "b": ""}));
        assert_ne!(c.fingerprint(1, "item.html"), d.fingerprint(1, "item.html"));
        let mut e = Values::new();
        e.insert("page", &serde_json::json!({"n": 1, "s": "1"}));
        let mut f = Values::new();
        f.insert("page", &serde_json::json!({"n": "1", "s": 1}));
        assert_ne!(e.fingerprint(1, "item.html"), f.fingerprint(1, "item.html"));
    }
}
