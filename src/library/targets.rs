//! References other tools write: files beside the markdown (images, PDFs),
//! Obsidian's `[[wikilinks]]` by name, Zola's `@/path.md`, and links in an
//! old site's URL form (`/blog/2024/05/x/`, `../other-post/`).

use std::path::Path;
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use super::references::Reference;
use super::source_paths::{item_at, normalised_source};
use super::Library;
use crate::content::{Asset, Item};

/// The lookup tables for names, asset file names and URL paths.
pub fn indexes(
    items: &[Arc<Item>],
    paths: &[String],
    assets: &[Asset],
) -> (
    HashMap<String, usize>,
    HashMap<String, usize>,
    HashMap<String, usize>,
) {
    // The name table is the largest; the other two are made beside it.
    let (by_name, (asset_by_name, by_url)) = rayon::join(
        || name_index(items),
        || {
            let mut asset_by_name =
                HashMap::with_capacity_and_hasher(assets.len(), Default::default());
            for (index, asset) in assets.iter().enumerate().rev() {
                let name = asset.key.rsplit('/').next().unwrap_or(&asset.key);
                asset_by_name.insert(name.to_lowercase(), index);
            }
            let mut by_url = HashMap::with_capacity_and_hasher(items.len(), Default::default());
            for (id, item) in items.iter().enumerate() {
                by_url.entry(paths[id].clone()).or_insert(id);
                for alias in &item.front.aliases {
                    let folder = alias.trim_end_matches("index.html");
                    by_url.entry(folder.to_string()).or_insert(id);
                }
            }
            (asset_by_name, by_url)
        },
    );
    (by_name, asset_by_name, by_url)
}

/// Each item by the names a wikilink may use: title, aliases, file name
/// and slug, lowercased.
fn name_index(items: &[Arc<Item>]) -> HashMap<String, usize> {
    let mut by_name = HashMap::with_capacity_and_hasher(items.len() * 2, Default::default());
    // Titles and aliases first, then file names, so a file name (what
    // Obsidian resolves by) wins a tie: each insert replaces.
    for (id, item) in items.iter().enumerate().rev() {
        by_name.insert(item.title.to_lowercase(), id);
        for name in &item.front.names {
            by_name.insert(name.to_lowercase(), id);
        }
    }
    for (id, item) in items.iter().enumerate().rev() {
        by_name.insert(file_name_of(&item.source).to_lowercase(), id);
        by_name.insert(item.slug.to_lowercase(), id);
    }
    by_name
}

/// The name a wikilink uses for an item: its file name without extension,
/// or its folder's for a bundle's `index.md`.
fn file_name_of(source: &Path) -> String {
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    if stem == "index" || stem == "_index" {
        if let Some(folder) = source.parent().and_then(|p| p.file_name()) {
            return folder.to_string_lossy().to_string();
        }
    }
    stem
}

/// Splits `Note#Heading` into the note and the page anchor for the heading.
fn split_fragment(target: &str) -> (&str, String) {
    match target.split_once('#') {
        Some((name, heading)) => {
            // `Note#Section#Sub-section`: the last heading names the place.
            let heading = heading.rsplit('#').next().unwrap_or(heading);
            let heading = heading.trim_start_matches('^');
            let id = crate::content::slug::slugify(heading);
            (
                name,
                if id.is_empty() {
                    String::new()
                } else {
                    format!("#{id}")
                },
            )
        }
        None => (target, String::new()),
    }
}

/// A note named by its file name alone (`Note.md`, Obsidian's shortest
/// form), wherever it is in the library.
pub fn by_file_name(library: &Library, decoded: &str) -> Option<usize> {
    if decoded.contains('/') {
        return None;
    }
    let lower = decoded.to_lowercase();
    let stem = lower
        .strip_suffix(".md")
        .or_else(|| lower.strip_suffix(".markdown"))?;
    library.by_name.get(stem).copied()
}

/// Resolves `[[target]]` written in `from`: a note by path, file name,
/// title or alias, or a file beside the notes, without regard to case.
pub fn resolve_wikilink(library: &Library, from: &Path, target: &str) -> Reference {
    // In a table the label's `|` is escaped: `[[Note\|label]]`.
    let (name, fragment) = split_fragment(target.trim().trim_end_matches('\\'));
    let name = name.trim();
    if name.is_empty() {
        // `[[#Heading]]`: a heading of the same note.
        return match library.by_source(from) {
            Some(id) => Reference::Item {
                id,
                url: library.shared_url(id, &fragment),
            },
            None => Reference::Other,
        };
    }
    let lower = name.to_lowercase();
    let has_extension = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.chars().all(|c| c.is_ascii_alphanumeric()) && e.len() <= 5);
    let is_note = !has_extension || lower.ends_with(".md") || lower.ends_with(".markdown");
    if !is_note {
        let found = content_key(from, name)
            .and_then(|key| library.asset(&key))
            .or_else(|| library.asset(name.trim_start_matches('/')))
            .or_else(|| {
                let file = lower.rsplit('/').next().unwrap_or(&lower);
                library.asset_by_name.get(file).copied()
            });
        return match found {
            Some(index) => library.file_reference(index),
            None => Reference::MissingFile,
        };
    }
    let bare = lower
        .trim_end_matches(".md")
        .trim_end_matches(".markdown")
        .to_string();
    let by_path = || {
        let with_ext = format!("{}.md", name.trim_end_matches(".md"));
        item_at(library, &with_ext)
    };
    let found = by_path().or_else(|| {
        let last = bare.rsplit('/').next().unwrap_or(&bare);
        library.by_name.get(last).copied()
    });
    match found {
        Some(id) => Reference::Item {
            id,
            url: library.shared_url(id, &fragment),
        },
        None => Reference::Missing,
    }
}

/// The path under `content/` that `relative`, written in the file `from`
/// (relative to the project root), names; `None` when it climbs out.
pub fn content_key(from: &Path, relative: &str) -> Option<String> {
    let joined = if let Some(absolute) = relative.strip_prefix('/') {
        format!("content/{absolute}")
    } else {
        let dir = from.parent().unwrap_or(Path::new(""));
        format!("{}/{relative}", dir.to_string_lossy())
    };
    let source = normalised_source(&joined)?;
    let key = source.strip_prefix("content/")?;
    (!key.is_empty()).then(|| key.to_string())
}

/// A link to something other than a content file: a published file, an
/// item by its folder or one of its URLs (current or previous), an old
/// dated permalink; `None` when it is none of these.
pub fn resolve_path(
    library: &Library,
    from: &Path,
    decoded: &str,
    fragment: &str,
) -> Option<Reference> {
    let item = |id: usize| Reference::Item {
        id,
        url: library.shared_url(id, fragment),
    };
    // Zola's internal links: `@/blog/post.md`, from the content folder.
    if let Some(rest) = decoded.strip_prefix("@/") {
        // From the content folder (Zola), else from this file's folder or
        // its parent (Hugo's `ref` tries the page's place first); `post.md`
        // may also be the bundle `post/index.md`.
        let bundle = format!("{}/index.md", rest.trim_end_matches(".md"));
        let folder = from.parent().unwrap_or(Path::new("content"));
        let mut candidates = vec![rest.to_string(), bundle.clone()];
        for base in [Some(folder), folder.parent()].into_iter().flatten() {
            for path in [rest, bundle.as_str()] {
                candidates.push(format!("{}/{path}", base.to_string_lossy()));
            }
        }
        return Some(
            candidates
                .iter()
                .find_map(|p| item_at(library, p))
                .or_else(|| by_file_name(library, rest))
                .map_or(Reference::Missing, item),
        );
    }
    let key = content_key(from, decoded);
    if let Some(index) = key.as_deref().and_then(|k| library.asset(k)) {
        return Some(library.file_reference(index));
    }
    // Obsidian writes a file by its name alone wherever it is in the vault.
    if !decoded.contains('/') {
        if let Some(&index) = library.asset_by_name.get(&decoded.to_lowercase()) {
            return Some(library.file_reference(index));
        }
    }
    // A folder of the content: its `index.md`, `_index.md` or `folder.md`.
    if let Some(key) = key.as_deref() {
        let folder = key.trim_end_matches('/');
        for candidate in [
            format!("content/{folder}/index.md"),
            format!("content/{folder}/_index.md"),
            format!("content/{folder}.md"),
        ] {
            if let Some(id) = library.by_source_text(&candidate) {
                return Some(item(id));
            }
        }
    }
    // The site's URL form: from the root, or relative to the page's URL.
    let url_path = if let Some(absolute) = decoded.strip_prefix('/') {
        Some(absolute.to_string())
    } else {
        library.by_source(from).and_then(|id| {
            let page = format!("content/{}", library.paths[id]);
            // Every normalised source starts with `content`.
            normalised_source(&format!("{page}{decoded}"))
                .map(|p| p.strip_prefix("content/").unwrap_or_default().to_string())
        })
    };
    if let Some(url_path) = url_path {
        let base = library.config.base_path();
        let without_base = url_path
            .strip_prefix(base.trim_start_matches('/'))
            .unwrap_or(&url_path);
        let page = without_base
            .trim_end_matches("index.html")
            .trim_end_matches(".html")
            .trim_end_matches('/');
        if !page.is_empty() {
            if let Some(&id) = library.by_url.get(&format!("{page}/")) {
                return Some(item(id));
            }
            if let Some(id) = dated_permalink(library, page) {
                return Some(item(id));
            }
        }
    }
    let looks_like_file = Path::new(decoded)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| {
            !decoded.contains('@')
                && !e.is_empty()
                && !e.eq_ignore_ascii_case("html")
                && !e.eq_ignore_ascii_case("htm")
                && e.chars().all(|c| c.is_ascii_alphanumeric())
        });
    (looks_like_file && key.is_some()).then_some(Reference::MissingFile)
}

/// A blog's dated permalink (`2024/05/06/my-post`, `blog/2024/my-post`):
/// the item whose slug is the last segment, when a year comes before it.
fn dated_permalink(library: &Library, page: &str) -> Option<usize> {
    let mut segments: Vec<&str> = page.split('/').collect();
    let last = segments.pop()?;
    let dated = segments
        .iter()
        .any(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()));
    if !dated {
        return None;
    }
    library
        .by_name
        .get(&last.to_lowercase())
        .copied()
        .filter(|&id| {
            library.items[id].slug.eq_ignore_ascii_case(last)
                || file_name_of(&library.items[id].source).ends_with(last)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_keys() {
        let from = Path::new("content/blog/post/index.md");
        assert_eq!(
            content_key(from, "diagram.png").as_deref(),
            Some("blog/post/diagram.png")
        );
        assert_eq!(
            content_key(from, "../img/a.png").as_deref(),
            Some("blog/img/a.png")
        );
        assert_eq!(
            content_key(from, "/img/a.png").as_deref(),
            Some("img/a.png")
        );
        assert_eq!(content_key(from, "../../../../etc/passwd"), None);
    }

    #[test]
    fn heading_fragments() {
        assert_eq!(
            split_fragment("Note#Two Words"),
            ("Note", "#two-words".into())
        );
        assert_eq!(split_fragment("Note"), ("Note", String::new()));
    }
}
