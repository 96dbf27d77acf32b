//! URLs of items: slugs from front matter or file names, their limits,
//! and the check that no two items (or an item and a page of the site's
//! own) share one.

use std::path::Path;

use rustc_hash::FxHashMap as HashMap;

use super::dates::Date;
use super::fields::Located;
use super::item::{Content, Item, Kind};
use super::slug::slugify;
use crate::diagnostics::Diagnostic;

/// Percent-encodes a site path for places that need plain ASCII URLs
/// (sitemap, feed), keeping `/` as it is.
pub fn encode_path(path: &str) -> String {
    const SET: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'/')
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(path, SET).to_string()
}

/// The site file an `aliases:` entry names (`/2024/03/old-name/` →
/// `2024/03/old-name/index.html`, `/old.html` as it is), or `None` for an
/// entry that is not a path on this site (another host, `..`, the root).
pub fn alias_path(alias: &str) -> Option<String> {
    let alias = alias.trim();
    if alias.contains("://") || alias.starts_with("//") || alias.contains(['\\', '?', '#', '\0']) {
        return None;
    }
    let path = alias.trim_start_matches('/');
    if path
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
        || path.contains("//")
    {
        return None;
    }
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".html") || lower.ends_with(".htm") {
        return Some(path.to_string());
    }
    let folder = path.trim_end_matches('/');
    if folder.is_empty() {
        return None;
    }
    Some(format!("{folder}/index.html"))
}

/// The longest URL name (a slug, a tag's or a theme's) in bytes: each is a
/// folder name in the site, and file systems allow 255 bytes at most.
pub const MAX_URL_NAME: usize = 200;

/// The error for a URL name of `len` bytes.
pub fn too_long(what: &str, len: usize) -> String {
    format!(
        "{what} is too long to be a folder name in the site: {len} bytes, at most {MAX_URL_NAME}"
    )
}

/// The URL name of an item: its `slug:` when it has one, else its file
/// name (without a date prefix), made URL-safe; an error when that leaves
/// nothing or is too long for a folder name.
pub(super) fn item_slug(
    written: Option<&Located<String>>,
    dated_stem: &str,
    shown: &Path,
    text: &str,
) -> Result<String, Box<Diagnostic>> {
    match written {
        Some(s) => {
            let slug = slugify(&s.value);
            if slug.is_empty() {
                return Err(Box::new(
                    Diagnostic::error(
                        shown,
                        format!("slug `{}` has no letters or digits", s.value),
                    )
                    .at(text, s.line, s.column)
                    .with_help("use letters, digits and hyphens, e.g. `slug: my-moment`"),
                ));
            }
            if slug.len() > MAX_URL_NAME {
                return Err(Box::new(
                    Diagnostic::error(shown, too_long("slug", slug.len()))
                        .at(text, s.line, s.column)
                        .with_help("shorten `slug:` to a few words"),
                ));
            }
            Ok(slug)
        }
        None => {
            let slug = slugify(dated_stem);
            if slug.is_empty() {
                return Err(Box::new(
                    Diagnostic::error(
                        shown,
                        "the file name has no letters or digits to make a URL from",
                    )
                    .with_help("rename the file, or set `slug: my-item` in its front matter"),
                ));
            }
            if slug.len() > MAX_URL_NAME {
                return Err(Box::new(
                    Diagnostic::error(shown, too_long("the file name's URL name", slug.len()))
                        .with_help("rename the file, or set a shorter `slug:` in its front matter"),
                ));
            }
            Ok(slug)
        }
    }
}

/// `2026-01-13-my-note` names its date; the rest is the slug.
pub(super) fn split_date_prefix(stem: &str) -> (&str, Option<Date>) {
    if stem.len() > 11 && stem.is_char_boundary(10) {
        if let Some(date) = Date::parse(&stem[..10]) {
            let rest = stem[10..].trim_start_matches(['-', '_']);
            if !rest.is_empty() {
                return (rest, Some(date));
            }
        }
    }
    (stem, None)
}

/// Two items of a section may not share a slug, and a top-level page may not
/// take a section's or a site page's URL.
pub(super) fn check_unique_urls(content: &Content) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut seen: HashMap<(&str, std::borrow::Cow<'_, str>), &Item> = HashMap::default();
    for item in &content.items {
        let key = (item.section.as_str(), item.url_name());
        if let Some(first) = seen.get(&key) {
            let mut d = Diagnostic::error(
                &item.source,
                format!(
                    "slug `{}` is already used by {}; two items of a kind need different slugs",
                    item.slug,
                    first.source.display()
                ),
            )
            .with_help("rename one of the files, or set `slug:` in its front matter");
            if let Some(s) = &item.front.slug {
                d = d.at(&item.text(), s.line, s.column);
            }
            problems.push(d);
        } else {
            seen.insert(key, item);
        }
    }
    let reserved = super::RESERVED_PATHS;
    for item in content.items.iter().filter(|i| i.kind == Kind::Page) {
        let taken_by_section = content.sections.iter().any(|s| s.name == item.slug);
        if taken_by_section || reserved.contains(&item.slug.as_str()) {
            problems.push(
                Diagnostic::error(
                    &item.source,
                    format!("the URL /{}/ is already taken by the site", item.slug),
                )
                .with_help("rename the file, or set another `slug:` in its front matter"),
            );
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_paths_on_this_site() {
        assert_eq!(
            alias_path("/2024/03/old-name/").as_deref(),
            Some("2024/03/old-name/index.html")
        );
        assert_eq!(
            alias_path("blog/old").as_deref(),
            Some("blog/old/index.html")
        );
        assert_eq!(alias_path("/old.html").as_deref(), Some("old.html"));
        for bad in [
            "/",
            "",
            "https://elsewhere.example/x/",
            "//host/x",
            "/a/../b/",
            "/a/./b",
            "/a//b",
            "/x?y=1",
            "/x#y",
            "a\\b",
        ] {
            assert_eq!(alias_path(bad), None, "{bad:?}");
        }
    }
}
