//! The writer's desk: the library read as a pipeline of ideas. Which
//! moments are at which stage, every open angle and task, what went out
//! when and what is planned, and how the published pieces did.
//!
//! A view of the linked library (after the link stage, beside rendering):
//! the site's `/desk/` page and `lectern desk` both show one [`Desk`].

mod calendar;
mod ideas;
mod pipeline;
mod tasks;
pub mod terminal;
mod totals;

use chrono::NaiveDate;
use serde::Serialize;

pub use calendar::{CalendarEntry, Month};
pub use ideas::{OpenIdea, RepeatFlag};
pub use pipeline::{potential_rank, MomentRow, StatusGroup};
pub use tasks::{open_tasks, OpenTask};
pub use totals::{TotalRow, TotalTable, Totals};

use crate::library::Library;

/// Everything the desk shows.
#[derive(Debug, Clone, Serialize)]
pub struct Desk {
    /// The day ages are counted to (`2026-11-22`).
    pub today: String,
    /// Moments by status, in the library's order of statuses.
    pub pipeline: Vec<StatusGroup>,
    /// Every open post idea (or angle without one), highest potential and
    /// newest first.
    pub ideas: Vec<OpenIdea>,
    /// Every unchecked task, in library order.
    pub tasks: Vec<OpenTask>,
    /// Months with published or planned pieces, newest first.
    pub calendar: Vec<Month>,
    /// Published pieces and their figures, in all and by theme, kind and
    /// platform.
    pub totals: Totals,
    /// The values the filters offer.
    pub filters: Filters,
    /// How many moments there are.
    pub moment_count: usize,
    /// How many open ideas the repeat guard flags.
    pub flagged: usize,
}

/// What the desk's filters can choose from.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Filters {
    /// Themes of the moments, sorted.
    pub themes: Vec<String>,
    /// Potentials, highest first.
    pub potentials: Vec<String>,
    /// Platforms the moments fit (`platform_fit`), sorted.
    pub platforms: Vec<String>,
}

/// The day the desk counts ages to: `SOURCE_DATE_EPOCH` when it is set
/// (reproducible builds), else today on this machine.
pub fn today() -> NaiveDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(|t| t.date_naive())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// A note of the writer's pipeline (its new angles are `item.angles`).
struct Note<'a> {
    id: usize,
    item: &'a crate::content::Item,
}

/// The library's pipeline notes (see [`crate::content::Item::in_pipeline`]),
/// in library order.
fn notes(library: &Library) -> Vec<Note<'_>> {
    library
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| item.in_pipeline())
        .map(|(id, item)| Note { id, item })
        .collect()
}

/// Gathers the desk of `library` as of `today`.
pub fn gather(library: &Library, today: NaiveDate) -> Desk {
    let notes = notes(library);
    let pipeline = pipeline::groups(library, &notes, today);
    let ideas = ideas::open_ideas(library, &notes);
    let mut filters = Filters::default();
    for group in &pipeline {
        for moment in &group.moments {
            filters.themes.extend(moment.themes.iter().cloned());
            filters.platforms.extend(moment.platforms.iter().cloned());
            if let Some(p) = &moment.potential {
                filters.potentials.push(p.clone());
            }
        }
    }
    filters.themes.sort();
    filters.themes.dedup();
    filters.platforms.sort();
    filters.platforms.dedup();
    filters
        .potentials
        .sort_by(|a, b| potential_rank(b).cmp(&potential_rank(a)).then(a.cmp(b)));
    filters.potentials.dedup();
    Desk {
        today: today.format("%Y-%m-%d").to_string(),
        moment_count: pipeline.iter().map(|g| g.moments.len()).sum(),
        flagged: ideas.iter().filter(|i| i.repeat.is_some()).count(),
        tasks: open_tasks(library),
        calendar: calendar::months(library, &notes, today),
        totals: totals::totals(library),
        pipeline,
        ideas,
        filters,
    }
}
