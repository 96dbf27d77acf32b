//! Turning the files under `content/` into items, in parallel.

use std::path::{Component, Path};
use std::sync::Arc;

use rayon::prelude::*;

use super::assemble::{assemble, default_section};
use super::fields::{self, FrontMatter};
use super::front_matter;
use super::item::{Content, Format, Item, Kind, Section};
use super::shared_texts::SharedTexts;
use super::slug::slugify;
use super::source::{is_content_file, read_text, walk_files};
use super::titles::{take_title_heading, title_and_body};
use super::urls::split_date_prefix;
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};

/// What one content file turned into. Its serde form is the build
/// cache's.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct FileLoad {
    /// The item, when the file is one (drafts included).
    pub item: Option<Arc<Item>>,
    /// A section's `_index.md` (the home page's when its name is empty).
    /// Boxed: a section with its front matter is some 800 bytes, and a
    /// build keeps one load per content file (in the build cache's table),
    /// nearly all of them items.
    pub section: Option<Box<Section>>,
    /// Problems found in the file.
    #[serde(with = "crate::diagnostics::every_field")]
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads every content file under `root/content`. Drafts are left out unless
/// `include_drafts`. Problems come back as diagnostics; files with errors are
/// left out of the content.
pub fn load(root: &Path, include_drafts: bool) -> (Content, Diagnostics) {
    load_with(root, include_drafts, &|path, texts| {
        load_read(root, path, None, texts)
    })
}

/// Like [`load`], with `load_file` turning each file into its load (a
/// cache may answer for files that did not change), sharing texts many
/// files write alike through the [`SharedTexts`] it is given.
pub fn load_with(
    root: &Path,
    include_drafts: bool,
    load_file: &(dyn Fn(&Path, &SharedTexts) -> FileLoad + Sync),
) -> (Content, Diagnostics) {
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(
            Diagnostic::error(display_path(root, &content_dir), "there is no content folder")
                .with_help("create content/ with moments/, workshop/ or frameworks/ inside, or run `lectern init`"),
        );
        return (Content::default(), diagnostics);
    }
    let (all_files, walk_problems) = walk_files(root, &content_dir);
    let (files, translations) = super::translations::set_aside(
        all_files
            .iter()
            .filter(|p| is_content_file(p))
            .cloned()
            .collect(),
    );
    let texts = SharedTexts::default();
    let loaded: Vec<FileLoad> = files
        .par_iter()
        .map(|path| load_file(path, &texts))
        .collect();
    // The loads keep the texts; the table that found them is done.
    drop(texts);
    let (mut content, mut diagnostics) = assemble(loaded.iter(), include_drafts);
    diagnostics.extend(walk_problems);
    diagnostics.extend(super::translations::warnings(root, &translations));
    content.assets = super::assets::find_assets(&content_dir, &all_files, false);
    // Files of the project's `static/` folder are published by the theme
    // stage; knowing them lets `/img/x.png` written in a page resolve.
    let static_dir = root.join("static");
    if static_dir.is_dir() {
        let (static_files, _) = walk_files(root, &static_dir);
        content
            .assets
            .extend(super::assets::find_assets(&static_dir, &static_files, true));
        content.assets.sort_by(|a, b| a.key.cmp(&b.key));
    }
    let (rows, figure_problems) = super::figures::load(root);
    content.figure_rows = rows;
    diagnostics.extend(figure_problems);
    (content, diagnostics)
}

/// Loads one content file (`path` lies under `root/content`).
pub fn load_one(root: &Path, path: &Path) -> FileLoad {
    load_read(root, path, None, &SharedTexts::default())
}

/// Like [`load_one`], from the file's `bytes`, already read (a cache that
/// fingerprints a file reads it first).
pub fn load_bytes(root: &Path, path: &Path, bytes: Vec<u8>) -> FileLoad {
    load_read(root, path, Some(bytes), &SharedTexts::default())
}

/// Like [`load_bytes`] (reading the file when `bytes` is `None`), sharing
/// texts through `texts` with the other files of a load.
pub fn load_read(
    root: &Path,
    path: &Path,
    bytes: Option<Vec<u8>>,
    texts: &SharedTexts,
) -> FileLoad {
    let (loaded, diagnostics) = load_file(root, &root.join("content"), path, bytes, texts);
    let mut file = FileLoad {
        diagnostics,
        ..FileLoad::default()
    };
    match loaded {
        Some(Loaded::Item(item)) => file.item = Some(item),
        Some(Loaded::SectionIndex(section)) => file.section = Some(section),
        None => {}
    }
    file
}

enum Loaded {
    Item(Arc<Item>),
    SectionIndex(Box<Section>),
}

fn load_file(
    root: &Path,
    content_dir: &Path,
    path: &Path,
    bytes: Option<Vec<u8>>,
    texts: &SharedTexts,
) -> (Option<Loaded>, Vec<Diagnostic>) {
    let shown = display_path(root, path);
    let read = match bytes {
        Some(bytes) => super::source::text_of(bytes, &shown),
        None => read_text(path, &shown),
    };
    let text = match read {
        Ok(text) => text,
        Err(d) => return (None, vec![d]),
    };
    let relative = path.strip_prefix(content_dir).unwrap_or(path);
    let top_folder = match relative.components().next() {
        Some(Component::Normal(first)) if relative.components().count() > 1 => {
            Some(first.to_string_lossy().into_owned())
        }
        _ => None,
    };
    let (section, kind) = match &top_folder {
        Some(folder) => (slugify(folder), Kind::of_folder(folder)),
        None => (String::new(), Kind::Page),
    };
    let mut stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let depth = relative.components().count();
    let bundle = depth > 2 && (stem == "index" || stem == "_index");
    let folder = match kind {
        Kind::Article if depth > 2 => folder_path(relative, bundle),
        _ => String::new(),
    };
    if stem == "index" || stem == "_index" {
        match relative.parent().and_then(Path::file_name) {
            // A page bundle (Hugo, Zola): `folder/index.md` is the page of
            // `folder`, and so is a sub-folder's `_index.md`.
            Some(folder) if depth > 2 => stem = folder.to_string_lossy().into_owned(),
            // `content/index.md` and `content/blog/index.md` give the home
            // page or the section their text, like `_index.md`.
            _ => stem = "_index".into(),
        }
    }
    let format = match path.extension().and_then(|e| e.to_str()) {
        Some(ext) if ext.eq_ignore_ascii_case("txt") => Format::PlainText,
        _ => Format::Markdown,
    };

    let (split, front, problems) = match read_front_matter(&text, &shown) {
        Ok(read) => read,
        Err(problems) => return (None, problems),
    };
    let mut problems = problems;
    let body = split.body.to_string();
    let body_line = split.body_line;
    let body_start = split.body.as_ptr() as usize - text.as_ptr() as usize;

    if stem == "_index" {
        let mut section_info = default_section(&section, kind);
        let (heading_title, body) = take_title_heading(&body, front.title.as_deref());
        if let Some(title) = front.title.clone().or(heading_title) {
            section_info.title = title;
        }
        section_info.front = front;
        section_info.body = body;
        section_info.source = Some(shown);
        return (Some(Loaded::SectionIndex(Box::new(section_info))), problems);
    }

    let mut front = front;
    let (dated_stem, stem_date) = split_date_prefix(&stem);
    if front.date.is_none() {
        front.date = stem_date;
    }
    let (title, body) = title_and_body(format, &mut front, body, &stem);
    let body = match super::shortcodes::plain_addresses(&body) {
        std::borrow::Cow::Owned(plain) => plain,
        std::borrow::Cow::Borrowed(_) => body,
    };

    let slug = match super::urls::item_slug(front.slug.as_ref(), dated_stem, &shown, &text) {
        Ok(slug) => slug,
        Err(d) => {
            problems.push(*d);
            return (None, problems);
        }
    };

    let refs = super::scan::scan_references(&body, texts);
    // A moment's new angles and don't-repeat section, from one outline.
    let in_pipeline = super::item::in_pipeline(kind, &front);
    let sections = if in_pipeline || kind == Kind::Moment {
        super::outline::outline(&body)
    } else {
        Vec::new()
    };
    let angles = if in_pipeline {
        super::angles::from_outline(&sections)
    } else {
        Vec::new()
    };
    let published = if kind == Kind::Moment {
        super::published::from_outline(&sections)
    } else {
        Vec::new()
    };
    let file_text = super::file_text::FileText::new(text, &body, body_start);
    let names_files = super::item::may_name_files(&body);
    let body_key = crate::fingerprint::of(body.as_bytes());
    let mut item = Item {
        refs,
        angles,
        published,
        kind,
        section,
        source: shown,
        format,
        title,
        slug,
        folder,
        front,
        body: crate::packed::PackedText::from(body),
        body_key,
        body_line,
        file_text,
        names_files,
    };
    // Asked while the body is still as read: once packed, every question
    // of it unpacks it again.
    problems.extend(super::foreign::warnings(&item));
    item.body.pack();
    (Some(Loaded::Item(Arc::new(item))), problems)
}

/// The folders of `relative` (a path below `content/`) between its section
/// and the file, URL-safe; a bundle's own folder is its page, not a folder
/// above it.
fn folder_path(relative: &Path, bundle: bool) -> String {
    let mut folders: Vec<String> = relative
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .skip(1)
        .filter_map(|c| match c {
            Component::Normal(name) => Some(slugify(&name.to_string_lossy())),
            _ => None,
        })
        .filter(|s| !s.is_empty())
        .collect();
    if bundle {
        folders.pop();
    }
    folders.join("/")
}

/// The file's front matter, split from its body and read into fields,
/// with the problems found; `Err` when the file cannot be an item.
fn read_front_matter<'t>(
    text: &'t str,
    shown: &Path,
) -> Result<(front_matter::Split<'t>, FrontMatter, Vec<Diagnostic>), Vec<Diagnostic>> {
    let located = |message: String, line: usize, column: usize, help: &str| {
        vec![Diagnostic::error(shown, message)
            .at(text, line, column)
            .with_help(help)]
    };
    let split =
        front_matter::split(text).map_err(|e| located(e.message, e.line, e.column, e.help))?;
    let (front, problems) = match split.block {
        None => (FrontMatter::default(), Vec::new()),
        Some(block) => {
            let map = front_matter::parse(block, split.format, split.block_line)
                .map_err(|e| located(e.message, e.line, e.column, e.help))?;
            fields::read(&map, block, split.block_line, shown, text)
        }
    };
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    Ok((split, front, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A load stays a few words wide whatever a section holds: the build
    /// cache keeps one per content file in a table, where each entry is
    /// as wide as the widest load (a section inline made it 800 bytes).
    #[test]
    fn a_load_is_small() {
        assert!(std::mem::size_of::<FileLoad>() <= 48);
    }

    /// A file loaded from the bytes a cache read to fingerprint it is the
    /// file loaded from disk, whatever its line ends and mark.
    #[test]
    fn a_file_loads_the_same_from_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("content/moments");
        std::fs::create_dir_all(&folder).unwrap();
        for (name, text) in [
            (
                "plain.md",
                "---\ntitle: A\ntags: [x]\n---\n\nSee `b-note`.\n",
            ),
            ("crlf.md", "\u{feff}---\r\ntitle: B\r\n---\r\nText\r\n"),
            ("bad.md", "\u{0}binary"),
        ] {
            let path = folder.join(name);
            std::fs::write(&path, text).unwrap();
            let encode = |load: &FileLoad| bincode::serialize(load).unwrap();
            let from_disk = load_one(dir.path(), &path);
            let from_bytes = load_bytes(dir.path(), &path, text.as_bytes().to_vec());
            assert_eq!(encode(&from_disk), encode(&from_bytes), "{name}");
            assert_eq!(from_disk.item.is_some(), name != "bad.md", "{name}");
        }
    }

    #[test]
    fn date_prefix_gives_date_and_slug() {
        let (rest, date) = split_date_prefix("2025-12-04__ic-to-leader");
        assert_eq!(rest, "ic-to-leader");
        assert_eq!(date.unwrap().ymd(), "2025-12-04");
        assert_eq!(split_date_prefix("notes").0, "notes");
    }
}
