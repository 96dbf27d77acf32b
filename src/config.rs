//! Site settings: the optional `lectern.yaml` at the project root.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{display_path, line_col, Diagnostic};

/// The name of the settings file at the project root.
pub const CONFIG_FILE: &str = "lectern.yaml";

/// Site-wide settings. Every field has a default, so a folder with only
/// `content/` builds without a `lectern.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The site's name, shown in the header and the feed.
    pub title: String,
    /// A one-line description for the home page and the feed.
    pub description: String,
    /// Where the site is served: `https://host/some/path/` or just `/`.
    /// Its path part prefixes every internal link.
    pub base_url: String,
    /// Author named in the feed and the page footer.
    pub author: String,
    /// Language of the content (the `lang` attribute).
    pub language: String,
    /// Theme folder name under `themes/`; `default` is built in.
    pub theme: String,
    /// How many moments the home page lists.
    pub home_moments: usize,
    /// How many items a section or tag page lists before continuing on
    /// `page/2/`, `page/3/`…
    pub paginate_by: usize,
    /// Build the search index and the `/search/` page (on by default).
    pub search: bool,
    /// Publish the writer's desk at `/desk/` (off by default: it shows raw
    /// notes; the live preview always has it).
    pub desk: bool,
    /// Draw a 1200×630 picture for each item, for links shared on social
    /// sites (off by default).
    pub social_cards: bool,
    /// Markdown options.
    pub markdown: MarkdownConfig,
    /// Library-graph settings (related items, the repeat guard).
    pub library: LibraryConfig,
    /// Free-form values passed to the templates as `site.extra`.
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// Markdown rendering options.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Pass raw HTML in markdown through as written. Off by default: raw
    /// HTML is sanitised (scripts, styles, handlers left out, each with a
    /// warning), so a pasted snippet cannot inject script into the site.
    pub raw_html: bool,
    /// Highlight fenced code blocks that name a language.
    pub highlight_code: bool,
}

/// Settings for the library graph.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LibraryConfig {
    /// How many computed related items an item page shows.
    pub related_items: usize,
    /// Similarity (0 to 1) at or above which a new angle is reported as
    /// repeating a published piece.
    pub repeat_threshold: f64,
    /// The statuses moments move through, in order (the writer's desk
    /// groups them so); empty for the usual order, raw → published.
    pub statuses: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Lectern".into(),
            description: String::new(),
            base_url: "/".into(),
            author: String::new(),
            language: "en".into(),
            theme: "default".into(),
            home_moments: 8,
            paginate_by: 30,
            search: true,
            desk: false,
            social_cards: false,
            markdown: MarkdownConfig::default(),
            library: LibraryConfig::default(),
            extra: BTreeMap::new(),
        }
    }
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            raw_html: false,
            highlight_code: true,
        }
    }
}

impl Default for LibraryConfig {
    fn default() -> Self {
        LibraryConfig {
            related_items: 5,
            repeat_threshold: 0.4,
            statuses: Vec::new(),
        }
    }
}

impl Config {
    /// Reads `lectern.yaml` from `root` when there is one: the settings and
    /// their text (empty without the file), for diagnostics about them.
    pub fn load(root: &Path) -> Result<(Config, String), Diagnostic> {
        let path = root.join(CONFIG_FILE);
        let shown = display_path(root, &path);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok((Config::default(), String::new()))
            }
            Err(e) => {
                return Err(Diagnostic::error(
                    shown,
                    format!("cannot read settings: {e}"),
                ))
            }
        };
        match Self::parse(&text) {
            Ok(config) => Ok((config, text)),
            Err((message, offset)) => {
                let mut d = Diagnostic::error(shown, message).with_help(
                    "see the README's \"Settings\" section for the fields lectern.yaml accepts",
                );
                if let Some((line, col)) = offset {
                    d = d.at(&text, line, col);
                }
                Err(d)
            }
        }
    }

    /// The warning for a `base_url` without a host, at its line in the
    /// settings text (`settings`, as [`Config::load`] read it) when it is
    /// written there.
    pub fn no_host_warning(&self, root: &Path, settings: &str) -> Diagnostic {
        let path = root.join(CONFIG_FILE);
        let mut warning = Diagnostic::warning(
            display_path(root, &path),
            format!(
                "base_url {:?} has no host, so the site has no sitemap.xml and no atom.xml \
                 (both must use absolute URLs)",
                self.base_url
            ),
        )
        .with_help(
            "set the address the site will have, for example `base_url: https://example.org/` \
             (or `https://example.org/docs/` under a sub-path), or pass --base-url",
        );
        let line = settings
            .lines()
            .position(|l| l.trim_start().starts_with("base_url:"));
        if let Some(line) = line {
            warning = warning.at(settings, line + 1, 1);
        }
        warning
    }

    /// Parses settings text; on failure gives the message and position.
    pub fn parse(text: &str) -> Result<Config, (String, Option<(usize, usize)>)> {
        let text = text.trim_start_matches('\u{feff}');
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        let config: Config = serde_yaml::from_str(text).map_err(|e| {
            let pos = e.location().map(|l| line_col(text, l.index()));
            (
                format!("invalid settings: {}", strip_yaml_position(&e)),
                pos,
            )
        })?;
        config.validate().map_err(|m| (m, None))?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), String> {
        if !(0.0..=1.0).contains(&self.library.repeat_threshold) {
            return Err(format!(
                "library.repeat_threshold must be between 0 and 1, not {}",
                self.library.repeat_threshold
            ));
        }
        if self.paginate_by == 0 {
            return Err("paginate_by must be at least 1".into());
        }
        if self.theme.is_empty() || self.theme.contains(['/', '\\']) || self.theme.starts_with('.')
        {
            return Err(format!(
                "theme must be a folder name under themes/, not {:?}",
                self.theme
            ));
        }
        Ok(())
    }

    /// The path part of `base_url`, always starting and ending with `/`:
    /// every internal link starts with it.
    pub fn base_path(&self) -> String {
        let url = self.base_url.trim();
        let after_scheme = match url.find("://") {
            Some(i) => &url[i + 3..],
            None => url,
        };
        let path = if url.contains("://") {
            after_scheme.find('/').map_or("", |i| &after_scheme[i..])
        } else {
            after_scheme
        };
        let trimmed = path.trim_matches('/');
        if trimmed.is_empty() {
            "/".into()
        } else {
            format!("/{trimmed}/")
        }
    }

    /// Whether `base_url` names a host: only then can the site have a
    /// sitemap and a feed, which both standards require to use absolute URLs.
    pub fn has_host(&self) -> bool {
        self.origin()
            .split_once("://")
            .is_some_and(|(_, host)| !host.is_empty())
    }

    /// The scheme and host of `base_url` (`https://host`), or empty when the
    /// base URL is only a path.
    pub fn origin(&self) -> String {
        let url = self.base_url.trim();
        match url.find("://") {
            Some(i) => {
                let rest = &url[i + 3..];
                let host_end = rest.find('/').unwrap_or(rest.len());
                format!("{}{}", &url[..i + 3], &rest[..host_end])
            }
            None => String::new(),
        }
    }
}

/// serde_yaml appends "at line X column Y" to its messages; we show the
/// position in our own form, so drop it from the text.
pub(crate) fn strip_yaml_position(error: &serde_yaml::Error) -> String {
    let text = error.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_settings_are_defaults() {
        let c = Config::parse("").unwrap();
        assert_eq!(c.base_path(), "/");
        assert_eq!(c.theme, "default");
    }

    #[test]
    fn base_path_from_full_url_and_bare_path() {
        let mut c = Config {
            base_url: "https://host/some/path".into(),
            ..Config::default()
        };
        assert_eq!(c.base_path(), "/some/path/");
        assert_eq!(c.origin(), "https://host");
        assert!(c.has_host());
        c.base_url = "https://host".into();
        assert_eq!(c.base_path(), "/");
        c.base_url = "docs/".into();
        assert_eq!(c.base_path(), "/docs/");
        assert!(!c.has_host());
        c.base_url = "https://".into();
        assert!(!c.has_host());
    }

    #[test]
    fn unknown_field_is_an_error_with_position() {
        let (message, pos) = Config::parse("title: x\ntitel: y\n").unwrap_err();
        assert!(message.contains("titel"), "{message}");
        assert_eq!(pos.map(|p| p.0), Some(2));
    }

    #[test]
    fn threshold_out_of_range_is_rejected() {
        assert!(Config::parse("library:\n  repeat_threshold: 3\n").is_err());
    }
}
