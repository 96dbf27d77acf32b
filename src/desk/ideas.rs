//! Open ideas: every post idea not yet published (or angle without one)
//! across the library, with what the repeat guard says of it.

use std::path::Path;

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use super::pipeline::potential_rank;
use super::Note;
use crate::library::{Library, Repeat, RepeatKind};

/// A published piece an idea is close to.
#[derive(Debug, Clone, Serialize)]
pub struct RepeatFlag {
    /// The piece's name.
    pub piece: String,
    /// Its kind (Short post…).
    pub kind: String,
    /// Its page, when it is an item of the library.
    pub url: Option<String>,
    /// How close (0 to 1), two decimals.
    pub score: String,
}

/// One open idea.
#[derive(Debug, Clone, Serialize)]
pub struct OpenIdea {
    /// The post idea as quoted, or the angle's title.
    pub idea: String,
    /// The angle it develops.
    pub angle: String,
    /// The moment's title.
    pub moment: String,
    /// The moment's page, at the angle.
    pub url: String,
    /// The moment's file and the idea's line in it.
    pub source: String,
    /// 1-based line in the file.
    pub line: usize,
    /// The moment's potential.
    pub potential: Option<String>,
    /// The moment's date.
    pub created: Option<String>,
    /// `Planned:` date.
    pub planned: Option<String>,
    /// The moment's themes and platforms, for the filters.
    pub themes: Vec<String>,
    /// Platforms the moment fits.
    pub platforms: Vec<String>,
    /// The closest published piece, when the repeat guard flags it.
    pub repeat: Option<RepeatFlag>,
}

fn flag(library: &Library, repeat: &Repeat) -> RepeatFlag {
    let piece = &library.published[repeat.piece];
    RepeatFlag {
        piece: piece.entry.name(),
        kind: piece.entry.kind.clone(),
        url: piece.item.map(|id| library.url(id)),
        score: format!("{:.2}", repeat.score),
    }
}

/// Every open idea of the library's moments, highest potential first, then
/// newest, then in file order.
pub(super) fn open_ideas(library: &Library, notes: &[Note]) -> Vec<OpenIdea> {
    let repeats: HashMap<(&Path, usize, RepeatKind), &Repeat> = library
        .repeats
        .iter()
        .map(|r| ((r.source.as_path(), r.line, r.what), r))
        .collect();
    let mut ideas: Vec<(u8, Option<crate::content::dates::Date>, OpenIdea)> = Vec::new();
    for &Note { id, item } in notes {
        let rank = item.front.potential.as_deref().map_or(0, potential_rank);
        for angle in &item.angles {
            if !angle.is_open() {
                continue;
            }
            let angle_line = item.body_line_in_file(angle.line);
            let angle_repeat = repeats.get(&(item.source.as_path(), angle_line, RepeatKind::Angle));
            let base = OpenIdea {
                idea: angle.title.clone(),
                angle: angle.title.clone(),
                moment: item.title.clone(),
                url: library.url(id),
                source: item.source.display().to_string(),
                line: angle_line,
                potential: item.front.potential.clone(),
                created: item.date().map(|d| d.ymd()),
                planned: angle.planned.map(|d| d.ymd()),
                themes: item.front.themes.clone(),
                platforms: item.front.platform_fit.clone(),
                repeat: angle_repeat.map(|r| flag(library, r)),
            };
            if angle.post_ideas.is_empty() {
                ideas.push((rank, item.date(), base));
                continue;
            }
            for idea in angle.post_ideas.iter().filter(|i| i.published.is_none()) {
                let line = item.body_line_in_file(idea.line);
                let own = repeats.get(&(item.source.as_path(), line, RepeatKind::PostIdea));
                let repeat = match (own, angle_repeat) {
                    (Some(a), Some(b)) => Some(if a.score >= b.score { a } else { b }),
                    (a, b) => a.or(b),
                };
                ideas.push((
                    rank,
                    item.date(),
                    OpenIdea {
                        idea: idea.idea.clone(),
                        line,
                        planned: idea.planned.or(angle.planned).map(|d| d.ymd()),
                        repeat: repeat.map(|r| flag(library, r)),
                        ..base.clone()
                    },
                ));
            }
        }
    }
    // Stable: ideas of one moment stay in file order.
    ideas.sort_by(|(ra, da, _), (rb, db, _)| rb.cmp(ra).then(db.cmp(da)));
    ideas.into_iter().map(|(_, _, idea)| idea).collect()
}
