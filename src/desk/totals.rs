//! Totals: the published pieces and their figures, in all and by theme,
//! kind and platform.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::content::published::thousands;
use crate::library::{Library, PublishedPiece};

/// Figures shown first, in this order; others follow by name.
const FIRST: &[&str] = &[
    "impressions",
    "reactions",
    "comments",
    "shares",
    "views",
    "clicks",
];

/// One row of a totals table.
#[derive(Debug, Clone, Serialize)]
pub struct TotalRow {
    /// The theme, kind or platform.
    pub name: String,
    /// How many pieces.
    pub pieces: usize,
    /// The sum of each figure, in [`Totals::columns`] order, with
    /// thousands separators (empty when no piece has the figure).
    pub figures: Vec<String>,
    /// The same sums as numbers (0 when none), for scripts.
    pub values: Vec<u64>,
}

/// The totals of the published pieces.
#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    /// The figures counted (impressions, reactions…).
    pub columns: Vec<String>,
    /// Every piece together.
    pub all: TotalRow,
    /// By theme (of the moments that list the piece, or of the item), by
    /// kind (Short post, Long article…) and by platform (LinkedIn…;
    /// "Unknown" when nothing names one).
    pub tables: Vec<TotalTable>,
}

/// The totals grouped one way.
#[derive(Debug, Clone, Serialize)]
pub struct TotalTable {
    /// `theme`, `kind` or `platform`.
    pub by: &'static str,
    /// "By theme"…
    pub title: &'static str,
    /// A row per group, the one that did best first.
    pub rows: Vec<TotalRow>,
}

fn themes_of(library: &Library, piece: &PublishedPiece) -> Vec<String> {
    let mut themes: Vec<String> = piece
        .item
        .into_iter()
        .chain(piece.cited_by.iter().copied())
        .flat_map(|id| library.items[id].front.themes.iter().cloned())
        .collect();
    themes.sort();
    themes.dedup();
    if themes.is_empty() {
        themes.push("No theme".into());
    }
    themes
}

/// The totals of `library`'s published pieces.
pub fn totals(library: &Library) -> Totals {
    let mut names: Vec<String> = library
        .published
        .iter()
        .flat_map(|p| p.entry.figures.keys().cloned())
        .collect();
    names.sort_by_key(|n| {
        (
            FIRST.iter().position(|f| f == n).unwrap_or(FIRST.len()),
            n.clone(),
        )
    });
    names.dedup();
    // Words say how long a piece is, not how it did.
    names.retain(|n| n != "words");
    type Sums = (usize, BTreeMap<String, (u64, bool)>);
    let add = |sums: &mut Sums, piece: &PublishedPiece| {
        sums.0 += 1;
        for (name, value) in &piece.entry.figures {
            let slot = sums.1.entry(name.clone()).or_default();
            slot.0 += value;
            slot.1 = true;
        }
    };
    let row = |name: String, sums: &Sums| TotalRow {
        name,
        pieces: sums.0,
        figures: names
            .iter()
            .map(|n| match sums.1.get(n) {
                Some((v, true)) => thousands(*v),
                _ => String::new(),
            })
            .collect(),
        values: names
            .iter()
            .map(|n| sums.1.get(n).map_or(0, |s| s.0))
            .collect(),
    };
    let mut all: Sums = Default::default();
    let mut by_theme: BTreeMap<String, Sums> = BTreeMap::new();
    let mut by_kind: BTreeMap<String, Sums> = BTreeMap::new();
    let mut by_platform: BTreeMap<String, Sums> = BTreeMap::new();
    for piece in &library.published {
        add(&mut all, piece);
        for theme in themes_of(library, piece) {
            add(by_theme.entry(theme).or_default(), piece);
        }
        add(by_kind.entry(piece.entry.kind.clone()).or_default(), piece);
        let platform = piece
            .entry
            .platform_name()
            .unwrap_or_else(|| "Unknown".into());
        add(by_platform.entry(platform).or_default(), piece);
    }
    let rows = |map: BTreeMap<String, Sums>| -> Vec<TotalRow> {
        let mut rows: Vec<TotalRow> = map.iter().map(|(k, s)| row(k.clone(), s)).collect();
        // The group that did best first.
        rows.sort_by(|a, b| {
            let lead = |r: &TotalRow| r.values.first().copied().unwrap_or(0);
            lead(b)
                .cmp(&lead(a))
                .then(b.pieces.cmp(&a.pieces))
                .then(a.name.cmp(&b.name))
        });
        rows
    };
    Totals {
        all: row("All pieces".into(), &all),
        tables: vec![
            TotalTable {
                by: "theme",
                title: "By theme",
                rows: rows(by_theme),
            },
            TotalTable {
                by: "kind",
                title: "By kind",
                rows: rows(by_kind),
            },
            TotalTable {
                by: "platform",
                title: "By platform",
                rows: rows(by_platform),
            },
        ],
        columns: names,
    }
}
