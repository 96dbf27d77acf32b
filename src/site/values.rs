//! What a template sees, kept as plain JSON values until the page is
//! rendered, so that a page's inputs can be fingerprinted: two pages with
//! the same template and the same values render to the same bytes.

use serde::Serialize;

use crate::fingerprint::Hasher;
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
        self.insert_value(key, serde_json::to_value(value).unwrap_or(Value::Null));
    }

    /// Sets `key` to `value`, as it is.
    pub fn insert_value(&mut self, key: &str, value: Value) {
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
        let mut hasher = page_hasher(theme, template);
        self.feed_into(&mut hasher);
        hasher.finish()
    }

    /// Adds every name and value to `hasher`.
    pub fn feed_into(&self, hasher: &mut Hasher) {
        crate::fingerprint::feed(hasher, &self.0);
    }

    /// The values as tera wants them.
    pub fn into_context(self) -> tera::Context {
        tera::Context::from_value(Value::Object(self.0)).unwrap_or_default()
    }
}

/// The start of the fingerprint of a page made with `template` of the
/// templates fingerprinted `theme`: the values it shows are added after.
pub fn page_hasher(theme: u128, template: &str) -> Hasher {
    let mut hasher = Hasher::new();
    hasher.update(&theme.to_le_bytes());
    hasher.text(template);
    hasher
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
