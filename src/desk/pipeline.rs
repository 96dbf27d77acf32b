//! The pipeline: moments grouped by status, in the order the library
//! moves them along.

use chrono::NaiveDate;
use serde::Serialize;

use super::Note;
use crate::library::Library;

/// Statuses in the order a moment usually moves through them; the
/// library's own order (`library.statuses` in lectern.yaml) replaces it.
pub const DEFAULT_STATUSES: &[&str] = &[
    "idea",
    "raw",
    "captured",
    "exploring",
    "outlined",
    "drafting",
    "draft",
    "review",
    "ready",
    "scheduled",
    "published",
    "archived",
];

/// What a group is called when its moments have no status.
pub const NO_STATUS: &str = "no status";

/// One moment on the desk.
#[derive(Debug, Clone, Serialize)]
pub struct MomentRow {
    /// Title.
    pub title: String,
    /// Its page.
    pub url: String,
    /// Its file.
    pub source: String,
    /// Status as written (lowercase), or [`NO_STATUS`].
    pub status: String,
    /// Potential as written.
    pub potential: Option<String>,
    /// Themes.
    pub themes: Vec<String>,
    /// Platforms it fits (`platform_fit`).
    pub platforms: Vec<String>,
    /// When it was captured (`2026-01-13`).
    pub created: Option<String>,
    /// Days since then.
    pub age_days: Option<i64>,
    /// Angles still open.
    pub open_angles: usize,
    /// `planned:` date.
    pub planned: Option<String>,
}

/// The moments of one status.
#[derive(Debug, Clone, Serialize)]
pub struct StatusGroup {
    /// The status.
    pub status: String,
    /// Its moments, highest potential and newest first.
    pub moments: Vec<MomentRow>,
}

/// Higher for more potential: `very high` 4, `high` 3, `medium` 2, `low` 1,
/// anything else 0.
pub fn potential_rank(potential: &str) -> u8 {
    match potential
        .trim()
        .to_lowercase()
        .replace(['-', '_'], " ")
        .as_str()
    {
        "very high" | "highest" | "top" => 4,
        "high" => 3,
        "medium" | "med" | "moderate" | "mid" => 2,
        "low" => 1,
        _ => 0,
    }
}

/// The order statuses are shown in: the library's list, then any other
/// status found (alphabetically), then [`NO_STATUS`].
pub fn status_order(library: &Library, found: &[String]) -> Vec<String> {
    let configured = &library.config.library.statuses;
    let mut order: Vec<String> = if configured.is_empty() {
        DEFAULT_STATUSES.iter().map(|s| s.to_string()).collect()
    } else {
        configured.iter().map(|s| s.trim().to_lowercase()).collect()
    };
    let mut others: Vec<&String> = found
        .iter()
        .filter(|s| !order.contains(s) && s.as_str() != NO_STATUS)
        .collect();
    others.sort();
    others.dedup();
    order.extend(others.into_iter().cloned());
    order.push(NO_STATUS.to_string());
    order
}

/// The moments of `library` grouped by status (empty groups left out).
pub(super) fn groups(library: &Library, notes: &[Note], today: NaiveDate) -> Vec<StatusGroup> {
    let rows: Vec<(Option<crate::content::dates::Date>, MomentRow)> = notes
        .iter()
        .map(|&Note { id, item }| {
            let date = item.date();
            let open_angles = item.angles.iter().filter(|a| a.is_open()).count();
            let row = MomentRow {
                title: item.title.clone(),
                url: library.url(id),
                source: item.source.display().to_string(),
                status: item
                    .front
                    .status
                    .clone()
                    .unwrap_or_else(|| NO_STATUS.into()),
                potential: item.front.potential.clone(),
                themes: item.front.themes.clone(),
                platforms: item.front.platform_fit.clone(),
                created: date.map(|d| d.ymd()),
                age_days: date.map(|d| (today - d.at.date()).num_days()),
                open_angles,
                planned: item.front.planned.map(|d| d.ymd()),
            };
            (date, row)
        })
        .collect();
    let found: Vec<String> = rows.iter().map(|(_, r)| r.status.clone()).collect();
    let mut groups: Vec<StatusGroup> = status_order(library, &found)
        .into_iter()
        .map(|status| StatusGroup {
            status,
            moments: Vec::new(),
        })
        .collect();
    let mut rows = rows;
    rows.sort_by(|(da, a), (db, b)| {
        let rank = |r: &MomentRow| r.potential.as_deref().map_or(0, potential_rank);
        rank(b)
            .cmp(&rank(a))
            .then(db.cmp(da))
            .then(a.title.cmp(&b.title))
    });
    for (_, row) in rows {
        if let Some(group) = groups.iter_mut().find(|g| g.status == row.status) {
            group.moments.push(row);
        }
    }
    groups.retain(|g| !g.moments.is_empty());
    groups
}

#[cfg(test)]
mod tests {
    use super::potential_rank;

    #[test]
    fn potentials_rank_as_writers_word_them() {
        assert!(potential_rank("High") > potential_rank("medium"));
        assert!(potential_rank("very-high") > potential_rank("high"));
        assert_eq!(potential_rank("unknown"), 0);
    }
}
