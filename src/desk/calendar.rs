//! The calendar: published pieces by month, beside the planned ones (a
//! moment's `planned:` date, a `Planned:` line under an angle or idea).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::Note;
use crate::content::dates::Date;
use crate::library::Library;

/// A piece in the calendar.
#[derive(Debug, Clone, Serialize)]
pub struct CalendarEntry {
    /// `2026-01-13`.
    pub date: String,
    /// Day of the month.
    pub day: u32,
    /// What it is (title, idea).
    pub title: String,
    /// Short post, moment, post idea…
    pub kind: String,
    /// A page to open, when there is one.
    pub url: Option<String>,
    /// Where it went out, for published pieces.
    pub platform: Option<String>,
}

/// One month of the calendar.
#[derive(Debug, Clone, Serialize)]
pub struct Month {
    /// `2026-01`.
    pub month: String,
    /// `January 2026`.
    pub label: String,
    /// Whether it is the month of the desk's day.
    pub current: bool,
    /// Whether it is after that month.
    pub ahead: bool,
    /// Published that month, by date.
    pub published: Vec<CalendarEntry>,
    /// Planned that month, by date.
    pub planned: Vec<CalendarEntry>,
}

fn entry(date: Date, title: String, kind: &str, url: Option<String>) -> CalendarEntry {
    CalendarEntry {
        date: date.ymd(),
        day: date.at.day(),
        title,
        kind: kind.to_string(),
        url,
        platform: None,
    }
}

/// The months with published or planned pieces, newest first.
pub(super) fn months(library: &Library, notes: &[Note], today: NaiveDate) -> Vec<Month> {
    type Slots = (Vec<CalendarEntry>, Vec<CalendarEntry>);
    let mut by_month: BTreeMap<(i32, u32), Slots> = BTreeMap::new();
    let key = |d: &Date| (d.at.year(), d.at.month());
    for piece in &library.published {
        let Some(date) = piece.entry.published else {
            continue;
        };
        let url = piece
            .item
            .or_else(|| piece.cited_by.first().copied())
            .map(|id| library.url(id));
        let mut e = entry(date, piece.entry.name(), &piece.entry.kind, url);
        e.platform = piece.entry.platform_name();
        by_month.entry(key(&date)).or_default().0.push(e);
    }
    for &Note { id, item } in notes {
        if let Some(date) = item.front.planned {
            let e = entry(date, item.title.clone(), "moment", Some(library.url(id)));
            by_month.entry(key(&date)).or_default().1.push(e);
        }
        for angle in &item.angles {
            if let (Some(date), true) = (angle.planned, angle.published.is_none()) {
                let e = entry(date, angle.title.clone(), "angle", Some(library.url(id)));
                by_month.entry(key(&date)).or_default().1.push(e);
            }
            for idea in &angle.post_ideas {
                if let (Some(date), true) = (idea.planned, idea.published.is_none()) {
                    let e = entry(date, idea.idea.clone(), "post idea", Some(library.url(id)));
                    by_month.entry(key(&date)).or_default().1.push(e);
                }
            }
        }
    }
    let now = (today.year(), today.month());
    by_month
        .into_iter()
        .rev()
        .map(|((year, month), (mut published, mut planned))| {
            published.sort_by(|a, b| a.date.cmp(&b.date).then(a.title.cmp(&b.title)));
            planned.sort_by(|a, b| a.date.cmp(&b.date).then(a.title.cmp(&b.title)));
            let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(today);
            Month {
                month: format!("{year:04}-{month:02}"),
                label: first.format("%B %Y").to_string(),
                current: (year, month) == now,
                ahead: (year, month) > now,
                published,
                planned,
            }
        })
        .collect()
}
