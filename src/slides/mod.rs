//! Slides: workshop modules become decks that facilitators present from.
//!
//! This stage plans the decks as plain data (which slides, their notes,
//! continuation pages, pacing) so `lectern check` reports slide warnings
//! without rendering; the site stage turns the plan into HTML.

pub mod dialects;
pub mod fit;
pub mod lead_ins;
pub mod look;
mod marp;
mod measure;
pub mod media;
mod module;
mod opening;
mod pieces;
mod placing;
mod slidev;
pub mod split;

use serde::Serialize;

use std::path::Path;

use crate::content::{Item, Kind};
use crate::diagnostics::Diagnostic;
use crate::library::Library;
use look::Look;
use media::MediaFile;

/// Words above which a slide is reported as dense.
pub const DENSE_WORDS: usize = 90;

/// One slide of a deck, still in markdown.
#[derive(Debug, Clone, Serialize)]
pub struct PlannedSlide {
    /// The slide's markdown.
    pub markdown: String,
    /// Speaker notes, markdown.
    pub notes: String,
    /// The title of the slide (its first heading), or of the slide it continues.
    pub title: String,
    /// For a slide made from a sub-section: the title of the section it
    /// belongs to, shown small above it.
    pub kicker: Option<String>,
    /// For continuation slides: which part this is (2 of 3…); 1 otherwise.
    pub part: usize,
    /// How many slides the source slide became.
    pub parts: usize,
    /// An exercise or discussion slide.
    pub exercise: bool,
    /// A generated or first slide that names the module.
    pub title_slide: bool,
    /// Classes the slide's element gets (how its code is set; layouts and
    /// classes a deck written for Marp or Slidev asks for).
    pub classes: Vec<String>,
    /// Its background, header, footer and colours.
    pub look: Look,
    /// The right column of a two-column slide, markdown.
    pub right: Option<String>,
    /// Images the slide shows, copied beside the deck.
    pub media: Vec<MediaFile>,
    /// Seconds into the deck at which this slide is due.
    pub start: u32,
    /// Seconds this slide may take.
    pub budget: u32,
    /// The module (item id) the slide comes from.
    pub module: Option<usize>,
    /// 1-based line in the module's file.
    pub line: usize,
}

impl PlannedSlide {
    /// A generated title slide: due at the start, with no time of its own.
    fn title(
        markdown: String,
        notes: String,
        title: String,
        module: Option<usize>,
        line: usize,
    ) -> Self {
        PlannedSlide {
            markdown,
            notes,
            title,
            kicker: None,
            part: 1,
            parts: 1,
            exercise: false,
            title_slide: true,
            classes: Vec::new(),
            look: Look::default(),
            right: None,
            media: Vec::new(),
            start: 0,
            budget: 0,
            module,
            line,
        }
    }
}

/// A deck: one module's, or the whole workshop's.
#[derive(Debug, Clone, Serialize)]
pub struct Deck {
    /// Deck title.
    pub title: String,
    /// Path under the site root (`workshop/the-identity-shift/slides/`).
    pub path: String,
    /// Minutes the deck should take.
    pub duration: u32,
    /// The module, for module decks.
    pub module: Option<usize>,
    /// Slides in order.
    pub slides: Vec<PlannedSlide>,
}

impl Deck {
    /// The images its slides show, each once.
    pub fn media(&self) -> Vec<&MediaFile> {
        let mut files: Vec<&MediaFile> = self.slides.iter().flat_map(|s| &s.media).collect();
        files.sort();
        files.dedup();
        files
    }
}

/// The workshop: modules in order and their decks.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Workshop {
    /// Module item ids, in presenting order.
    pub modules: Vec<usize>,
    /// One deck per module, in the same order.
    pub decks: Vec<Deck>,
    /// All modules in one deck.
    pub whole: Option<Deck>,
    /// The workshop section's URL segment.
    pub section: String,
}

/// Modules in the order `_index.md` lists them (`modules:`), then by
/// `order`, then by file name, then by title.
fn module_order(library: &Library, section: &str) -> Vec<usize> {
    let mut ids: Vec<usize> = (0..library.items.len())
        .filter(|&id| {
            library.items[id].kind == Kind::Module && library.items[id].section == section
        })
        .collect();
    let listed: Vec<String> = library
        .section(section)
        .and_then(|s| s.front.extra.get("modules"))
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    ids.sort_by(|&a, &b| {
        let (ia, ib) = (&library.items[a], &library.items[b]);
        let rank = |item: &Item| {
            listed
                .iter()
                .position(|s| *s == item.slug)
                .unwrap_or(usize::MAX)
        };
        rank(ia)
            .cmp(&rank(ib))
            .then_with(|| crate::content::module_order(ia, ib))
    });
    ids
}

/// Shares `seconds` over the slides: each source slide gets an equal share,
/// which its continuation pages split; `offset` is when the first is due.
fn pace(slides: &mut [PlannedSlide], seconds: u32, offset: u32) {
    let sources = slides.iter().filter(|s| s.part == 1).count().max(1) as u32;
    let per_source = seconds / sources;
    let mut at = offset;
    for slide in slides.iter_mut() {
        slide.budget = per_source / slide.parts.max(1) as u32;
        slide.start = at;
        at += slide.budget;
    }
}

/// Plans every deck of the workshop section, if there is one.
pub fn plan(library: &Library, root: &Path) -> (Workshop, Vec<Diagnostic>) {
    let Some(section) = library.sections.iter().find(|s| s.kind == Kind::Module) else {
        return (Workshop::default(), Vec::new());
    };
    let modules = module_order(library, &section.name);
    let mut problems = Vec::new();
    let mut decks = Vec::new();
    for (index, &id) in modules.iter().enumerate() {
        let (slides, warnings) = module::plan_module(library, root, id, index + 1);
        problems.extend(warnings);
        decks.push(Deck {
            title: library.items[id].title.clone(),
            path: format!("{}slides/", library.paths[id]),
            duration: library.items[id].front.duration.unwrap_or(0),
            module: Some(id),
            slides,
        });
    }
    let whole = (!decks.is_empty()).then(|| {
        let total: u32 = decks.iter().map(|d| d.duration).sum();
        let minutes = if total > 0 {
            format!(" · {total} minutes")
        } else {
            String::new()
        };
        let markdown = format!(
            "# {}\n\n{}\n\n{} modules{minutes}",
            section.title,
            section.front.description.clone().unwrap_or_default(),
            decks.len(),
        );
        let notes = format!(
            "Welcome. Today: {}.",
            decks
                .iter()
                .map(|d| d.title.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        );
        let mut slides = vec![PlannedSlide::title(
            markdown,
            notes,
            section.title.clone(),
            None,
            1,
        )];
        let mut offset = 0;
        for deck in &decks {
            let mut module_slides = deck.slides.clone();
            pace(&mut module_slides, deck.duration * 60, offset);
            offset += deck.duration * 60;
            slides.extend(module_slides);
        }
        Deck {
            title: section.title.clone(),
            path: format!("{}/slides/", section.name),
            duration: total,
            module: None,
            slides,
        }
    });
    (
        Workshop {
            modules,
            decks,
            whole,
            section: section.name.clone(),
        },
        problems,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slide(part: usize, parts: usize) -> PlannedSlide {
        PlannedSlide {
            markdown: String::new(),
            notes: String::new(),
            title: String::new(),
            kicker: None,
            part,
            parts,
            exercise: false,
            title_slide: false,
            classes: Vec::new(),
            look: Look::default(),
            right: None,
            media: Vec::new(),
            start: 0,
            budget: 0,
            module: None,
            line: 1,
        }
    }

    #[test]
    fn the_runtime_stays_within_its_budget() {
        let js = include_str!("../../themes/default/templates/deck/runtime.js");
        let css = include_str!("../../themes/default/templates/deck/runtime.css");
        assert!(
            js.len() + css.len() < 30 * 1024,
            "{} bytes",
            js.len() + css.len()
        );
        for text in [js, css] {
            assert!(
                !text.contains("http://") && !text.contains("https://"),
                "no other hosts"
            );
        }
    }

    #[test]
    fn pacing_shares_time_by_source_slide() {
        let mut slides = vec![slide(1, 1), slide(1, 2), slide(2, 2), slide(1, 1)];
        pace(&mut slides, 600, 60);
        let budgets: Vec<u32> = slides.iter().map(|s| s.budget).collect();
        assert_eq!(budgets, [200, 100, 100, 200]);
        let starts: Vec<u32> = slides.iter().map(|s| s.start).collect();
        assert_eq!(starts, [60, 260, 360, 460]);
    }
}
