//! Where a published piece went out: LinkedIn, Substack… as written, or
//! as its path, address or kind names it.

use crate::content::published::PublishedEntry;

/// Platforms known by name, as they appear in paths and addresses, and
/// how they are shown.
const PLATFORMS: &[(&str, &str)] = &[
    ("linkedin", "LinkedIn"),
    ("substack", "Substack"),
    ("medium.com", "Medium"),
    ("medium", "Medium"),
    ("twitter", "X"),
    ("x.com", "X"),
    ("youtube", "YouTube"),
    ("mastodon", "Mastodon"),
    ("bsky", "Bluesky"),
    ("bluesky", "Bluesky"),
    ("dev.to", "DEV"),
    ("hashnode", "Hashnode"),
    ("newsletter", "Newsletter"),
    ("internal", "Internal"),
    ("blog", "Blog"),
];

/// A platform as written (`linkedin`, `LinkedIn`) shown the usual way.
pub fn platform_label(written: &str) -> String {
    let lower = written.trim().to_lowercase();
    PLATFORMS
        .iter()
        .find(|(needle, _)| lower == *needle)
        .map_or_else(|| written.trim().to_string(), |(_, name)| name.to_string())
}

impl PublishedEntry {
    /// Where the piece went out: as written, else a platform named in its
    /// path, address or kind (`workspace/published/linkedin/…`, "LinkedIn
    /// post"), else `None`.
    pub fn platform_name(&self) -> Option<String> {
        if let Some(platform) = &self.platform {
            return Some(platform_label(platform));
        }
        let haystack =
            format!("{} {}", self.path.as_deref().unwrap_or_default(), self.kind).to_lowercase();
        PLATFORMS
            .iter()
            .find(|(needle, _)| haystack.contains(needle))
            .map(|(_, name)| name.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platforms_from_what_is_written_or_named() {
        let mut entry = PublishedEntry {
            kind: "Short post".into(),
            path: Some("workspace/published/linkedin/x.md".into()),
            title: None,
            published: None,
            figures: Default::default(),
            covers: None,
            notes: Vec::new(),
            platform: None,
            line: 1,
        };
        assert_eq!(entry.platform_name().as_deref(), Some("LinkedIn"));
        entry.platform = Some("substack".into());
        assert_eq!(entry.platform_name().as_deref(), Some("Substack"));
        entry.platform = Some("Mastodon.social".into());
        assert_eq!(entry.platform_name().as_deref(), Some("Mastodon.social"));
    }
}
