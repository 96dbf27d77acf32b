//! The page of every tag and theme name, worked out once per run: every
//! item's card links its terms, and many items share each term, so a
//! name is made into a slug and an address once rather than once per card.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use super::context::TermLink;
use crate::content::slug::slugify;
use crate::content::Item;
use crate::library::Library;

/// Each tag and each theme name's slug and page address.
pub struct TermPages<'a> {
    tags: HashMap<&'a str, Page>,
    themes: HashMap<&'a str, Page>,
}

/// A term's slug and the address of its page.
struct Page {
    slug: Arc<str>,
    url: Arc<str>,
}

/// The terms `item` lists in `taxonomy` (`tags` or `themes`).
pub fn terms_of<'i>(item: &'i Item, taxonomy: &str) -> &'i [String] {
    if taxonomy == "tags" {
        &item.front.tags
    } else {
        &item.front.themes
    }
}

/// The page of term `name` of the taxonomy at `path`; `None` for a name
/// with no letter or digit to make a slug of.
fn term_page(base: &str, path: &str, name: &str) -> Option<Page> {
    let slug = slugify(name);
    (!slug.is_empty()).then(|| Page {
        url: format!("{base}{path}/{slug}/").into(),
        slug: slug.into(),
    })
}

impl<'a> TermPages<'a> {
    /// The pages of the terms of `items`. A name with no letter or digit
    /// to make a slug of has none.
    pub fn of(library: &Library, items: impl Iterator<Item = &'a Item>) -> Self {
        let base = library.config.base_path();
        let mut pages = TermPages {
            tags: HashMap::default(),
            themes: HashMap::default(),
        };
        let tags_path = library.taxonomy_path("tags");
        let themes_path = library.taxonomy_path("themes");
        for item in items {
            for (taxonomy, map, path) in [
                ("tags", &mut pages.tags, tags_path),
                ("themes", &mut pages.themes, themes_path),
            ] {
                for name in terms_of(item, taxonomy) {
                    if map.contains_key(name.as_str()) {
                        continue;
                    }
                    if let Some(page) = term_page(&base, path, name) {
                        map.insert(name, page);
                    }
                }
            }
        }
        pages
    }

    fn map(&self, taxonomy: &str) -> &HashMap<&'a str, Page> {
        if taxonomy == "tags" {
            &self.tags
        } else {
            &self.themes
        }
    }

    /// The slug of `name` in `taxonomy` (`tags` or `themes`); `None` when
    /// it has none.
    pub fn slug(&self, taxonomy: &str, name: &str) -> Option<&Arc<str>> {
        self.map(taxonomy).get(name).map(|page| &page.slug)
    }

    /// The address of the page of `name` in `taxonomy`; empty when it has
    /// none (a name with no slug has no page to link).
    pub fn url(&self, taxonomy: &str, name: &str) -> Arc<str> {
        self.map(taxonomy)
            .get(name)
            .map(|page| Arc::clone(&page.url))
            .unwrap_or_default()
    }

    /// Links to the pages of `names` in `taxonomy`, leaving out names
    /// with no slug.
    pub fn links<'n>(&self, taxonomy: &str, names: &'n [String]) -> Vec<TermLink<'n>> {
        let map = self.map(taxonomy);
        names
            .iter()
            .filter_map(|name| {
                map.get(name.as_str()).map(|page| TermLink {
                    name: name.as_str().into(),
                    url: Arc::clone(&page.url),
                    count: 0,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn term_urls_are_slugged() {
        let page = term_page("/x/", "tags", "1on1 Questions").unwrap();
        assert_eq!(&*page.url, "/x/tags/1on1-questions/");
        assert_eq!(&*page.slug, "1on1-questions");
        assert!(term_page("/", "tags", "!!").is_none());
    }
}
