//! One module's slides: its file read slide by slide in its dialect
//! (Lectern's, Marp's or Slidev's), an opening title slide when the module
//! has none, each section fitted to the canvas, notes and pacing, and the
//! warnings for slides that continue or are dense.

use std::path::Path;

use super::placing::{fit_warning, section_slides, Placed};
use super::{dialects, opening, pace, split, PlannedSlide};
use crate::content::Item;
use crate::diagnostics::Diagnostic;
use crate::library::Library;

/// The module's markdown as written (from `text`, its file's), with its
/// title heading (the loader takes that out of item bodies, but a deck
/// wants it on its first slide).
fn module_source<'a>(item: &Item, text: &'a str) -> std::borrow::Cow<'a, str> {
    let mut offset = 0;
    for _ in 1..item.body_line {
        match text[offset..].find('\n') {
            Some(i) => offset += i + 1,
            None => return std::borrow::Cow::Owned(item.body.text().into_owned()),
        }
    }
    std::borrow::Cow::Borrowed(&text[offset..])
}

/// Plans module `id`'s slides, with warnings for continued and dense slides.
pub(super) fn plan_module(
    library: &Library,
    root: &Path,
    id: usize,
    number: usize,
) -> (Vec<PlannedSlide>, Vec<Diagnostic>) {
    let item = &library.items[id];
    // The file's text is put together once, for the slides and the lines.
    let text = item.text();
    let source = module_source(item, &text);
    let raw = split::split(&source);
    let mut reader = dialects::Reader::new(&item.source, root, &item.front.extra);
    let mut problems = Vec::new();
    let mut slides = Vec::new();
    let file_lines = crate::diagnostics::LineIndex::new(&text);
    // Each slide read in its dialect first: whether the module opens with
    // its own title shows only once comments and settings are gone.
    let read: Vec<_> = raw
        .iter()
        .enumerate()
        .map(|(index, raw_slide)| reader.read(raw_slide, index))
        .collect();
    let first_has_title = read
        .iter()
        .find(|r| !r.hidden)
        .is_some_and(opening::opens_with_title);
    if !first_has_title {
        let mut markdown = format!("# {}", item.title);
        if let Some(description) = &item.front.description {
            markdown.push_str(&format!("\n\n{description}"));
        }
        let notes = match item.front.duration.filter(|&d| d > 0) {
            Some(minutes) => format!("Module {number}: {}. {minutes} minutes.", item.title),
            None => format!("Module {number}: {}.", item.title),
        };
        slides.push(PlannedSlide::title(
            markdown,
            notes,
            item.title.clone(),
            Some(id),
            item.body_line,
        ));
    }
    for (index, (raw_slide, read)) in raw.iter().zip(read).enumerate() {
        if read.hidden {
            continue;
        }
        let notes = [read.notes.as_str(), raw_slide.notes.as_str()]
            .iter()
            .filter(|n| !n.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("\n\n");
        let slide = split::RawSlide {
            content: read.content.clone(),
            notes,
            ..raw_slide.clone()
        };
        let line = item.body_line + slide.line - 1;
        let title = split::slide_title(&slide.content).unwrap_or_else(|| item.title.clone());
        // A two-column slide is laid out as written: its columns decide
        // where things go, not the fitting.
        let placed = match read.right {
            Some(_) => section_slides(&slide.content, &title, None, false)
                .into_iter()
                .take(1)
                .map(|p| Placed {
                    markdown: slide.content.clone(),
                    parts: 1,
                    ..p
                })
                .collect(),
            None => section_slides(&slide.content, &title, None, true),
        };
        let number_in_deck = slides.len() + 1;
        if let Some(warning) = fit_warning(&placed, number_in_deck, &title, &slide.content) {
            problems.push(
                Diagnostic::warning(&item.source, warning.0)
                    .at_indexed(&file_lines, line, 1)
                    .with_help(warning.1),
            );
        }
        for (k, placed) in placed.into_iter().enumerate() {
            slides.push(PlannedSlide {
                // The notes go with the section's first slide; its own
                // continuation pages point back to them.
                notes: if k == 0 {
                    slide.notes.clone()
                } else if placed.part > 1 && placed.kicker.is_none() && !slide.notes.is_empty() {
                    format!("(Continued.) {}", slide.notes)
                } else {
                    String::new()
                },
                exercise: split::is_exercise(&placed.title),
                title_slide: index == 0 && k == 0 && first_has_title,
                classes: read
                    .look
                    .classes
                    .iter()
                    .cloned()
                    .chain(placed.code.class().map(str::to_string))
                    .collect(),
                look: read.look.clone(),
                right: read.right.clone(),
                media: if k == 0 {
                    read.media.clone()
                } else {
                    Vec::new()
                },
                start: 0,
                budget: 0,
                module: Some(id),
                line: line + placed.line_offset,
                markdown: placed.markdown,
                title: placed.title,
                kicker: placed.kicker,
                part: placed.part,
                parts: placed.parts,
            });
        }
    }
    for problem in reader.problems {
        let line = match &problem.key {
            Some(key) => front_matter_line(&text, key),
            None => item.body_line + problem.line.max(1) - 1,
        };
        problems.push(
            Diagnostic::warning(&item.source, problem.message)
                .at_indexed(&file_lines, line, 1)
                .with_help(problem.help),
        );
    }
    pace(&mut slides, item.front.duration.unwrap_or(0) * 60, 0);
    (slides, problems)
}

/// The line of the front matter field `key` in `text`, or 1.
fn front_matter_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with([':', '=']))
        })
        .map_or(1, |i| i + 1)
}
