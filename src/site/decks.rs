//! Pages of the workshop: a deck per module and one for the whole workshop,
//! the facilitator guide and the participant handout, all from the same
//! planned slides.

use super::values::Values;
use rayon::prelude::*;
use serde::Serialize;

use crate::content::scan::RawRefKind;
use crate::library::{Library, Reference};
use crate::markdown::{self, Highlighter, MarkdownOptions, RefQuery};
use crate::slides::{Deck, PlannedSlide, Workshop};

/// A slide as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct SlideView {
    /// 1-based position in the deck.
    pub number: usize,
    /// Title.
    pub title: String,
    /// The slide's HTML.
    pub html: String,
    /// The notes' HTML.
    pub notes: String,
    /// The section a sub-section slide belongs to, shown above its title.
    pub kicker: Option<String>,
    /// Continuation part (1 for the first).
    pub part: usize,
    /// Parts of the source slide.
    pub parts: usize,
    /// Exercise or discussion.
    pub exercise: bool,
    /// Title slide.
    pub title_slide: bool,
    /// Extra classes of the slide's element.
    pub classes: Vec<String>,
    /// The right column's HTML, for two-column slides.
    pub right: Option<String>,
    /// Background, header, footer.
    pub look: crate::slides::look::Look,
    /// The slide element's `style` (its colours), empty when it has none.
    pub style: String,
    /// The content box's `style` when a background image fills one side.
    pub content_style: String,
    /// Seconds into the deck when the slide is due.
    pub start: u32,
    /// Seconds the slide may take.
    pub budget: u32,
    /// Module number (1-based) in the workshop, for the whole deck.
    pub module_number: Option<usize>,
}

/// A module in the agenda.
#[derive(Debug, Clone, Serialize)]
pub struct AgendaEntry {
    /// 1-based.
    pub number: usize,
    /// Title.
    pub title: String,
    /// Module page.
    pub url: String,
    /// The module's deck.
    pub deck_url: String,
    /// Minutes.
    pub duration: u32,
    /// Clock time it starts, `09:45`, or minutes from the start, `0:45`.
    pub starts_at: String,
    /// Learning objectives.
    pub objectives: Vec<String>,
    /// Its slides (notes for the guide; content for the handout).
    pub slides: Vec<SlideView>,
}

fn render_slide(
    library: &Library,
    highlighter: &Highlighter,
    slide: &PlannedSlide,
    number: usize,
    module_number: Option<usize>,
) -> SlideView {
    let options = MarkdownOptions {
        fragments: true,
        anchors: false,
        search_text: false,
        ..MarkdownOptions::for_pages(&library.config)
    };
    let resolve = |q: RefQuery| match (q.kind, slide.module) {
        // Images are the deck's own (copied beside it), not the site's.
        (RawRefKind::Link | RawRefKind::WikiLink, Some(id)) => {
            crate::library::resolve_written(library, &library.items[id].source, q.kind, q.target)
        }
        (RawRefKind::Link, None) if crate::library::is_unsafe_url(q.target) => Reference::Unsafe,
        _ => Reference::Other,
    };
    let html = markdown::render(&slide.markdown, &resolve, highlighter, options)
        .html
        .into_string();
    let notes_options = MarkdownOptions {
        fragments: false,
        ..options
    };
    let notes = markdown::render(&slide.notes, &resolve, highlighter, notes_options)
        .html
        .into_string();
    let right = slide.right.as_ref().map(|md| {
        markdown::render(md, &resolve, highlighter, options)
            .html
            .into_string()
    });
    let mut style = String::new();
    if let Some(colour) = &slide.look.background_color {
        style.push_str(&format!("background:{colour};"));
    }
    if let Some(colour) = &slide.look.color {
        style.push_str(&format!("color:{colour};"));
    }
    SlideView {
        number,
        title: slide.title.clone(),
        html,
        notes,
        kicker: slide.kicker.clone(),
        part: slide.part,
        parts: slide.parts,
        exercise: slide.exercise,
        title_slide: slide.title_slide,
        classes: slide.classes.clone(),
        right,
        content_style: slide
            .look
            .background
            .as_ref()
            .and_then(|bg| {
                let side = bg.side.as_deref()?;
                Some(format!("{side}:calc({}% + 48px)", bg.side_width))
            })
            .unwrap_or_default(),
        look: slide.look.clone(),
        style,
        start: slide.start,
        budget: slide.budget,
        module_number,
    }
}

fn render_deck(library: &Library, workshop: &Workshop, deck: &Deck) -> Vec<SlideView> {
    let highlighter = Highlighter::shared();
    deck.slides
        .par_iter()
        .enumerate()
        .map(|(i, slide)| {
            let module_number = slide
                .module
                .and_then(|m| workshop.modules.iter().position(|&id| id == m))
                .map(|p| p + 1);
            render_slide(library, highlighter, slide, i + 1, module_number)
        })
        .collect()
}

/// A deck's slide as a page elsewhere shows it: its images, which the
/// deck has in its own `media/` folder, addressed from the deck at `deck_url`.
fn from_deck(mut slide: SlideView, deck_url: &str) -> SlideView {
    let at = format!("src=\"{deck_url}media/");
    slide.html = slide.html.replace("src=\"media/", &at);
    if let Some(right) = slide.right.as_mut() {
        *right = right.replace("src=\"media/", &at);
    }
    slide
}

/// `09:00` plus `minutes`, or `H:MM` from the start when there is no start time.
fn clock(start: Option<&str>, minutes: u32) -> String {
    let parsed = start.and_then(|s| {
        let (h, m) = s.trim().split_once(':')?;
        Some(h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?)
    });
    match parsed {
        Some(base) => {
            let t = base + minutes;
            format!("{:02}:{:02}", (t / 60) % 24, t % 60)
        }
        None => format!("{}:{:02}", minutes / 60, minutes % 60),
    }
}

/// Every workshop page: (output path, template, template values).
pub fn pages(library: &Library, workshop: &Workshop) -> Vec<(String, &'static str, Values)> {
    if workshop.decks.is_empty() {
        return Vec::new();
    }
    let base = library.config.base_path();
    let section = library.section(&workshop.section);
    let start = section
        .and_then(|s| s.front.extra.get("start"))
        .and_then(|v| v.as_str());
    let section_json = serde_json::json!({
        "title": section.map(|s| s.title.clone()).unwrap_or_default(),
        "description": section.and_then(|s| s.front.description.clone()),
        "audience": section.and_then(|s| s.front.extra.get("audience").cloned()),
        "url": format!("{base}{}/", workshop.section),
        "guide_url": format!("{base}{}/guide/", workshop.section),
        "handout_url": format!("{base}{}/handout/", workshop.section),
        "deck_url": workshop.whole.as_ref().map(|d| format!("{base}{}", d.path)),
        "total_minutes": workshop.decks.iter().map(|d| d.duration).sum::<u32>(),
        "start": start,
    });

    let rendered: Vec<Vec<SlideView>> = workshop
        .decks
        .iter()
        .map(|deck| render_deck(library, workshop, deck))
        .collect();
    let mut pages = Vec::new();
    let deck_page = |deck: &Deck, slides: Vec<SlideView>| {
        let module = deck.module.map(|id| {
            serde_json::json!({
                "title": library.items[id].title,
                "url": library.url(id),
                "number": workshop.modules.iter().position(|&m| m == id).map(|p| p + 1),
            })
        });
        let mut context = Values::new();
        context.insert(
            "deck",
            &serde_json::json!({
                "title": deck.title,
                "id": format!("{base}{}", deck.path),
                "url": format!("{base}{}", deck.path),
                "duration": deck.duration,
                "module": module,
                "count": slides.len(),
            }),
        );
        context.insert("slides", &slides);
        context.insert("workshop", &section_json);
        (format!("{}index.html", deck.path), "deck.html", context)
    };
    for (deck, slides) in workshop.decks.iter().zip(&rendered) {
        pages.push(deck_page(deck, slides.clone()));
    }
    if let Some(whole) = &workshop.whole {
        let slides = render_deck(library, workshop, whole);
        pages.push(deck_page(whole, slides));
    }

    let mut minutes = 0;
    let agenda: Vec<AgendaEntry> = workshop
        .decks
        .iter()
        .zip(rendered)
        .enumerate()
        .map(|(i, (deck, slides))| {
            let id = deck.module.unwrap_or_default();
            let entry = AgendaEntry {
                number: i + 1,
                title: deck.title.clone(),
                url: library.url(id),
                deck_url: format!("{base}{}", deck.path),
                duration: deck.duration,
                starts_at: clock(start, minutes),
                objectives: library.items[id].front.objectives.clone(),
                slides: slides
                    .into_iter()
                    .map(|slide| from_deck(slide, &format!("{base}{}", deck.path)))
                    .collect(),
            };
            minutes += deck.duration;
            entry
        })
        .collect();
    let ends_at = clock(start, minutes);
    for (name, template) in [("guide", "guide.html"), ("handout", "handout.html")] {
        let mut context = Values::new();
        context.insert("workshop", &section_json);
        context.insert("agenda", &agenda);
        context.insert("ends_at", &ends_at);
        pages.push((
            format!("{}/{name}/index.html", workshop.section),
            template,
            context,
        ));
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::clock;

    #[test]
    fn agenda_times() {
        assert_eq!(clock(Some("09:00"), 45), "09:45");
        assert_eq!(clock(Some("09:30"), 150), "12:00");
        assert_eq!(clock(None, 95), "1:35");
    }
}
