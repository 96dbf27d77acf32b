//! The quick preview: the page of an edited item rendered at once against
//! the last good build's library, so the writer sees their edit before the
//! rebuild that makes the whole site exact has run.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use super::session::same_contents;
use super::{Outcome, Prepared};
use crate::content;
use crate::diagnostics::Diagnostic;
use crate::library::Reference;
use crate::markdown::{self, Highlighter, MarkdownOptions, RefQuery};
use crate::output::SiteFiles;
use crate::site;

/// Files larger than this are left to the rebuild: rendering one at once
/// would not be quick.
const MAX_BYTES: u64 = 1 << 20;

/// `site` with the pages of the items edited in `paths` rendered again
/// against `last` (their links resolved anew, backlinks and related items
/// as they were), and what changed. Only for edits of existing items that
/// keep their URL and load without errors; `None` otherwise (the rebuild
/// that always follows handles everything).
pub fn quick_preview(
    last: &Prepared,
    root: &Path,
    site: &SiteFiles,
    paths: &[PathBuf],
) -> Option<(SiteFiles, Outcome)> {
    let started = Instant::now();
    let library = &last.library;
    let mut site_files: Option<SiteFiles> = None;
    let mut changed = Vec::new();
    for path in paths {
        if !content::is_content_file(path) || !path.is_file() {
            continue;
        }
        if std::fs::metadata(path).map_or(true, |m| m.len() > MAX_BYTES) {
            return None;
        }
        let load = content::load_one(root, path);
        if load.diagnostics.iter().any(Diagnostic::is_error) {
            return None;
        }
        let item = load.item?;
        let id = library.by_source(&item.source)?;
        let old = &library.items[id];
        if old.slug != item.slug
            || old.folder != item.folder
            || old.section != item.section
            || old.is_draft() != item.is_draft()
        {
            return None;
        }
        let links = library.links_if_edited(id, &item);
        // Embedded notes are left to the rebuild, which renders them.
        if links
            .body
            .iter()
            .any(|r| r.kind == content::scan::RawRefKind::Embed)
        {
            return None;
        }
        let options = MarkdownOptions::for_pages(&library.config);
        let resolve = |q: RefQuery| match links.body.binary_search_by_key(&q.offset, |r| r.offset) {
            Ok(i) => links.body[i].target.clone(),
            Err(_) => Reference::Other,
        };
        let body = markdown::render(&item.body.text(), &resolve, Highlighter::shared(), options);
        let file = site::lone_item_page(library, id, &item, &links, &body)
            .render(&last.theme)
            .ok()?;
        if !site
            .get(&file.path)
            .is_some_and(|old| same_contents(old, &file.contents))
        {
            changed.push(file.path.clone());
        }
        site_files
            .get_or_insert_with(|| site.clone())
            .insert(file.path, Arc::new(file.contents));
    }
    let site_files = site_files?;
    if changed.is_empty() {
        return None;
    }
    let outcome = Outcome {
        ok: true,
        changed,
        diagnostics: Vec::new(),
        pages_rendered: 1,
        stopped: false,
        elapsed: started.elapsed(),
    };
    Some((site_files, outcome))
}
