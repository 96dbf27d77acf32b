//! The writer's guard against repeating themselves: the published list,
//! gathered from every moment's don't-repeat section and from items marked
//! `status: published`, and every new angle, post idea and draft checked
//! against it.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use super::memo::Kept;
use super::similarity::{self, find_repeats};
use super::{Library, PublishedPiece};
use crate::content::figures::FigureRow;
use crate::content::published::PublishedEntry;
use crate::content::Item;
use crate::diagnostics::{Diagnostic, LineIndex};
use crate::fingerprint::{feed, Hasher};

/// The published pieces, newest first, each item's don't-repeat list
/// (by item id: the index of each piece its section lists, and the entry
/// as written there), and a warning for each row of the figures files
/// that names no piece.
pub struct Published {
    /// Every piece, newest first, its figures updated from the rows.
    pub pieces: Vec<PublishedPiece>,
    /// Each item's don't-repeat list: each piece's index in `pieces` and
    /// the entry's in the item's own list (see [`crate::library::ItemLinks`]).
    pub lists: Vec<Vec<(usize, usize)>>,
    /// Rows that name no piece.
    pub problems: Vec<Diagnostic>,
}

/// Gathers the published pieces and each moment's don't-repeat list, and
/// updates the figures from the rows of the figures files. Reads no
/// links: it runs while references are resolved.
pub fn collect_published(library: &Library, rows: &[FigureRow]) -> Published {
    let mut lists: Vec<Vec<(usize, usize)>> = vec![Vec::new(); library.items.len()];
    let mut pieces: Vec<PublishedPiece> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::default();
    for (id, item) in library.items.iter().enumerate() {
        if item.front.status.as_deref() != Some("published") {
            continue;
        }
        let mut entry = PublishedEntry {
            kind: item.kind.label().to_string(),
            path: Some(item.source.to_string_lossy().replace('\\', "/")),
            title: Some(item.title.clone()),
            published: item.date(),
            figures: Default::default(),
            covers: item.front.description.clone(),
            notes: Vec::new(),
            platform: item
                .front
                .extra
                .get("platform")
                .and_then(|v| v.as_str())
                .map(str::to_string),
            line: 0,
        };
        if let Some(serde_json::Value::Object(figures)) = item.front.extra.get("figures") {
            for (name, value) in figures {
                if let Some(n) = value.as_u64() {
                    entry.figures.insert(name.clone(), n);
                }
            }
        }
        by_key.insert(entry.key(), pieces.len());
        pieces.push(PublishedPiece {
            entry,
            cited_by: Vec::new(),
            item: Some(id),
        });
    }
    for (id, item) in library.items.iter().enumerate() {
        for (at, entry) in item.published.iter().enumerate() {
            let key = entry.key();
            let index = match by_key.get(&key) {
                Some(&index) => {
                    merge(&mut pieces[index].entry, entry);
                    index
                }
                None => {
                    by_key.insert(key, pieces.len());
                    pieces.push(PublishedPiece {
                        entry: entry.clone(),
                        cited_by: Vec::new(),
                        item: None,
                    });
                    pieces.len() - 1
                }
            };
            if !pieces[index].cited_by.contains(&id) {
                pieces[index].cited_by.push(id);
            }
            lists[id].push((index, at));
        }
    }
    let problems = {
        let item_url = |id: usize| {
            library
                .config
                .has_host()
                .then(|| format!("{}{}", library.config.origin(), library.url(id)))
        };
        super::figures::apply(&mut pieces, rows, &item_url)
    };
    // Newest first; keep the old indexes valid by remapping.
    let mut order: Vec<usize> = (0..pieces.len()).collect();
    order.sort_by(|&a, &b| {
        pieces[b]
            .entry
            .published
            .cmp(&pieces[a].entry.published)
            .then_with(|| pieces[a].entry.name().cmp(&pieces[b].entry.name()))
    });
    let mut new_index = vec![0; pieces.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    for list in &mut lists {
        for (index, _) in list {
            *index = new_index[*index];
        }
    }
    let mut slots: Vec<Option<PublishedPiece>> = pieces.into_iter().map(Some).collect();
    let pieces = order.iter().filter_map(|&old| slots[old].take()).collect();
    Published {
        pieces,
        lists,
        problems,
    }
}

/// Fills what `into` lacks from another record of the same piece.
fn merge(into: &mut PublishedEntry, other: &PublishedEntry) {
    if into.title.is_none() {
        into.title.clone_from(&other.title);
    }
    if into.published.is_none() {
        into.published = other.published;
    }
    if into.covers.is_none() {
        into.covers.clone_from(&other.covers);
    }
    for (name, value) in &other.figures {
        into.figures.entry(name.clone()).or_insert(*value);
    }
    if into.platform.is_none() {
        into.platform.clone_from(&other.platform);
    }
}

/// The text a published piece is compared by.
fn published_text(piece: &PublishedPiece) -> String {
    let e = &piece.entry;
    let mut text = e.name();
    for part in [&e.title, &e.covers].into_iter().flatten() {
        text.push('\n');
        text.push_str(part);
    }
    for note in &e.notes {
        text.push('\n');
        text.push_str(note);
    }
    text
}

/// Something new to compare: where it is and how to name it.
struct Candidate<'a> {
    item: &'a Item,
    what: RepeatKind,
    name: String,
    text: String,
    line: usize,
}

/// What the repeat guard found close to published work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RepeatKind {
    /// A new angle's heading and prose.
    Angle,
    /// A post idea under a new angle.
    PostIdea,
    /// A draft item.
    Draft,
}

impl RepeatKind {
    fn label(self) -> &'static str {
        match self {
            RepeatKind::Angle => "new angle",
            RepeatKind::PostIdea => "post idea",
            RepeatKind::Draft => "draft",
        }
    }
}

/// A new angle, post idea or draft too close to a published piece.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Repeat {
    /// The file it is in (relative to the project root).
    pub source: std::path::PathBuf,
    /// 1-based line in that file.
    pub line: usize,
    /// What it is.
    pub what: RepeatKind,
    /// The angle's title, the idea as quoted, the draft's title.
    pub name: String,
    /// The piece it is close to: an index into [`Library::published`].
    pub piece: usize,
    /// How close (0 to 1).
    pub score: f64,
}

fn candidates<'a>(items: impl Iterator<Item = &'a Item>) -> Vec<Candidate<'a>> {
    items.flat_map(candidates_of).collect()
}

/// What item `item` has to compare: its new angles and their post ideas
/// when it is in the pipeline, its summary when it is a draft.
fn candidates_of(item: &Item) -> Vec<Candidate<'_>> {
    let mut out = Vec::new();
    let drafted = item.is_draft() && item.front.status.as_deref() != Some("published");
    if !item.in_pipeline() && !drafted {
        return out;
    }
    for angle in &item.angles {
        out.push(Candidate {
            item,
            what: RepeatKind::Angle,
            name: angle.title.clone(),
            text: angle.text.clone(),
            line: item.body_line_in_file(angle.line),
        });
        for idea in &angle.post_ideas {
            out.push(Candidate {
                item,
                what: RepeatKind::PostIdea,
                name: idea.idea.clone(),
                text: idea.text.clone(),
                line: item.body_line_in_file(idea.line),
            });
        }
    }
    if drafted {
        let summary: String = item.body.text().chars().take(600).collect();
        out.push(Candidate {
            item,
            what: RepeatKind::Draft,
            name: item.title.clone(),
            text: format!(
                "{}\n{}\n{}",
                item.title,
                item.front.description.clone().unwrap_or_default(),
                summary
            ),
            line: 1,
        });
    }
    out
}

/// Every new angle, post idea or draft that is too close to a published
/// piece. Drafts left out of the build are checked too.
pub fn find_repeated(
    library: &Library,
    drafts: &[Arc<Item>],
    memo: &mut Kept<Arc<Vec<similarity::Repeat>>>,
) -> Vec<Repeat> {
    if library.published.is_empty() {
        return Vec::new();
    }
    let threshold = library.config.library.repeat_threshold;
    let candidates = candidates(library.items.iter().chain(drafts).map(|i| &**i));
    let texts: Vec<String> = candidates.iter().map(|c| c.text.clone()).collect();
    let published: Vec<String> = library.published.iter().map(published_text).collect();
    let mut key = Hasher::new();
    key.update(&threshold.to_le_bytes());
    feed(&mut key, &texts);
    feed(&mut key, &published);
    let found = memo.get_or(key.finish(), || {
        Arc::new(find_repeats(&texts, &published, threshold))
    });
    found
        .iter()
        .map(|repeat| {
            let candidate = &candidates[repeat.candidate];
            Repeat {
                source: candidate.item.source.clone(),
                line: candidate.line,
                what: candidate.what,
                name: candidate.name.clone(),
                piece: repeat.published,
                score: repeat.score,
            }
        })
        .collect()
}

/// A warning for each repeat, at its line.
pub fn repeat_warnings(
    library: &Library,
    drafts: &[Arc<Item>],
    repeats: &[Repeat],
) -> Vec<Diagnostic> {
    if repeats.is_empty() {
        return Vec::new();
    }
    let threshold = library.config.library.repeat_threshold;
    let items: HashMap<&std::path::Path, &Item> = library
        .items
        .iter()
        .chain(drafts)
        .map(|i| (i.source.as_path(), &**i))
        .collect();
    // The texts of the files with repeats, each put together once.
    let mut texts: HashMap<&std::path::Path, std::borrow::Cow<str>> = HashMap::default();
    for repeat in repeats {
        if let Some(item) = items.get(repeat.source.as_path()) {
            texts
                .entry(repeat.source.as_path())
                .or_insert_with(|| item.text());
        }
    }
    // Each file's lines are indexed once, however many repeats it has.
    let mut file_lines: HashMap<&std::path::Path, LineIndex> = HashMap::default();
    repeats
        .iter()
        .map(|repeat| {
            let lines = file_lines
                .entry(repeat.source.as_path())
                .or_insert_with(|| LineIndex::new(texts.get(repeat.source.as_path()).map_or("", |t| t)));
            let piece = &library.published[repeat.piece];
            let cited = piece
                .cited_by
                .first()
                .map(|&id| format!(", listed in {}", library.items[id].source.display()))
                .unwrap_or_default();
            Diagnostic::warning(
                &repeat.source,
                format!(
                    "{} \"{}\" repeats published {} \"{}\"{cited} (similarity {:.2}, threshold {:.2})",
                    repeat.what.label(),
                    repeat.name,
                    piece.entry.kind.to_lowercase(),
                    piece.entry.name(),
                    repeat.score,
                    threshold
                ),
            )
            .at_indexed(lines, repeat.line, 1)
            .with_help("find what is new in it, or raise library.repeat_threshold in lectern.yaml if this is a deliberate follow-up")
        })
        .collect()
}
