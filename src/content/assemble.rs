//! Putting the loaded files together into the library's content: drafts
//! set aside, every folder with items a section (named from its folder
//! when it has no `_index.md`), and URLs checked for clashes.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use super::fields::FrontMatter;
use super::item::{Content, Kind, Section};
use super::load::FileLoad;
use super::urls::check_unique_urls;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// A section (or the home page, `name` empty) given its text by two files,
/// `_index.md` and `index.md`: an error naming both, in a stable order.
fn two_texts(name: &str, a: &Path, b: &Path) -> Diagnostic {
    let (first, second) = if a <= b { (a, b) } else { (b, a) };
    let what = if name.is_empty() {
        "the home page".to_string()
    } else {
        format!("the section `{name}`")
    };
    Diagnostic::error(
        second,
        format!("{what} already has its text in {}", first.display()),
    )
    .with_help("keep one of the two files: `_index.md` and `index.md` both give a section its text")
}

/// Puts loaded files together: drafts aside unless included, every folder
/// with items a section, and URLs checked for clashes.
pub fn assemble<'a>(
    files: impl Iterator<Item = &'a FileLoad>,
    include_drafts: bool,
) -> (Content, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let mut content = Content::default();
    let mut section_meta: HashMap<String, Section> = HashMap::default();
    let mut texts_of: HashMap<String, PathBuf> = HashMap::default();
    for file in files {
        diagnostics.extend(file.diagnostics.iter().cloned());
        if let Some(item) = &file.item {
            if include_drafts || !item.is_draft() {
                content.items.push(Arc::clone(item));
            } else {
                content.drafts.push(Arc::clone(item));
            }
        }
        if let Some(source) = file.section.as_ref().and_then(|s| s.source.as_ref()) {
            let name = file
                .section
                .as_ref()
                .map_or(String::new(), |s| s.name.clone());
            if let Some(other) = texts_of.insert(name.clone(), source.clone()) {
                diagnostics.push(two_texts(&name, &other, source));
            }
        }
        match &file.section {
            Some(section) if section.name.is_empty() => content.home = Some((**section).clone()),
            Some(section) => {
                section_meta.insert(section.name.clone(), (**section).clone());
            }
            None => {}
        }
    }
    content.items.sort_by(|a, b| a.source.cmp(&b.source));
    content.drafts.sort_by(|a, b| a.source.cmp(&b.source));

    // Every folder with items is a section, with or without an `_index.md`.
    for item in content.items.iter().filter(|i| i.kind != Kind::Page) {
        section_meta
            .entry(item.section.clone())
            .or_insert_with(|| default_section(&item.section, item.kind));
    }
    content.sections = section_meta.into_values().collect();
    content.sections.sort_by(|a, b| a.name.cmp(&b.name));

    diagnostics.extend(check_unique_urls(&content));
    (content, diagnostics)
}

/// The section a folder is when no `_index.md` says otherwise: titled by
/// its kind, or by its folder's name in words.
pub(super) fn default_section(name: &str, kind: Kind) -> Section {
    let title = match kind {
        Kind::Moment => "Moments".to_string(),
        Kind::Module => "Workshop".to_string(),
        Kind::Framework => "Frameworks".to_string(),
        _ => {
            let mut words: Vec<String> = name
                .split(['-', '_'])
                .filter(|w| !w.is_empty())
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                })
                .collect();
            if words.is_empty() {
                words.push(name.to_string());
            }
            words.join(" ")
        }
    };
    Section {
        name: name.to_string(),
        kind,
        title,
        front: FrontMatter::default(),
        body: String::new(),
        source: None,
    }
}
