//! The first stages: settings, theme and content loaded, the library
//! linked, bodies rendered and decks planned.

use std::sync::Arc;

use super::{BodyShelf, BuildOptions, InputCache};
use crate::config::Config;
use crate::content;
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex};
use crate::library::Library;
use crate::markdown::{Highlighter, Rendered};
use crate::site::{self, Theme};
use crate::slides::{self, Workshop};

/// A loaded, linked and rendered library, before any page is made.
pub struct Prepared {
    /// The library graph.
    pub library: Library,
    /// Rendered item bodies, by item id.
    pub bodies: Vec<Arc<Rendered>>,
    /// The theme.
    pub theme: Theme,
    /// The workshop's decks, planned.
    pub workshop: Workshop,
    /// Everything reported so far.
    pub diagnostics: Diagnostics,
}

/// Loads, links and renders the bodies of the library at `options.root`,
/// writing nothing but the bodies on `shelf`, if given; with `cache`,
/// unchanged files and bodies are reused. Errors anywhere are collected,
/// not returned early, so the caller sees them all.
pub fn prepare(
    options: &BuildOptions,
    mut cache: Option<&mut InputCache>,
    shelf: Option<&BodyShelf>,
) -> Result<Prepared, Vec<Diagnostic>> {
    let root = options.root.as_path();
    let mut diagnostics = Diagnostics::new();
    let (mut config, settings) = match Config::load(root) {
        Ok(loaded) => loaded,
        Err(d) => {
            diagnostics.push(d);
            (Config::default(), String::new())
        }
    };
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.clone();
    }
    if !config.has_host() {
        diagnostics.push(config.no_host_warning(root, &settings));
    }
    let theme_name = config.theme.clone();
    let load_timer = crate::timings::stage("load");
    let ((content, load_diagnostics), theme) = rayon::join(
        || {
            let _t = crate::timings::stage("  files");
            match cache.as_deref_mut() {
                Some(cache) => cache.load(root, options.drafts),
                None => content::load(root, options.drafts),
            }
        },
        || {
            let _t = crate::timings::stage("  theme");
            Theme::load(root, &theme_name)
        },
    );
    diagnostics.extend(load_diagnostics);
    let theme = match theme {
        Ok(theme) => {
            diagnostics.extend(theme.warnings.iter().cloned());
            Some(theme)
        }
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    };
    drop(load_timer);
    // Bodies render while the repeat guard runs: neither needs the other.
    let link_timer = crate::timings::stage("link+bodies");
    let highlighter = Highlighter::shared();
    let mut memo = cache
        .as_deref_mut()
        .map(|cache| std::mem::take(&mut cache.link))
        .unwrap_or_default();
    let (library, link_diagnostics, bodies) =
        Library::link_with(content, config, &mut memo, |library| {
            let _t = crate::timings::stage("  bodies");
            match cache.as_deref_mut() {
                Some(cache) => cache.bodies(library, highlighter, shelf),
                None => site::render_bodies(library, highlighter),
            }
        });
    if let Some(cache) = cache {
        cache.link = memo;
    }
    drop(link_timer);
    let warnings_timer = crate::timings::stage("warnings");
    diagnostics.extend(link_diagnostics);
    diagnostics.extend(render_warnings(&library, &bodies));
    diagnostics.extend(site::share::card_warnings(&library));
    drop(warnings_timer);
    let (workshop, slide_warnings) = {
        let _t = crate::timings::stage("slides");
        slides::plan(&library, root)
    };
    diagnostics.extend(slide_warnings);
    match theme {
        Some(theme) if !diagnostics.has_errors() => Ok(Prepared {
            library,
            bodies,
            theme,
            workshop,
            diagnostics,
        }),
        _ => Err(diagnostics.sorted()),
    }
}

/// A warning for each code block shown without colours because it is too
/// long to highlight, and for whatever rendering left out (raw HTML) or
/// could not show (math).
fn render_warnings(library: &Library, bodies: &[Arc<Rendered>]) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for (item, body) in library.items.iter().zip(bodies) {
        if body.unhighlighted.is_empty() && body.notes.is_empty() {
            continue;
        }
        let (text, markdown) = (item.text(), item.body.text());
        let (body_lines, file_lines) = (LineIndex::new(&markdown), LineIndex::new(&text));
        for note in &body.notes {
            let (line, column) = item.body_position(&body_lines, note.offset);
            warnings.push(
                Diagnostic::warning(&item.source, note.message.clone())
                    .at_indexed(&file_lines, line, column)
                    .with_help(note.help.clone()),
            );
        }
        for &offset in &body.unhighlighted {
            let (line, column) = item.body_position(&body_lines, offset);
            warnings.push(
                Diagnostic::warning(
                    &item.source,
                    format!(
                        "this code block is shown without highlighting: it has a line over {} KB or is over {} KB in all",
                        crate::markdown::MAX_LINE_BYTES / 1024,
                        crate::markdown::MAX_BLOCK_BYTES / 1024
                    ),
                )
                .at_indexed(&file_lines, line, column)
                .with_help("break long lines, or move large data into a file beside the page and link to it"),
            );
        }
    }
    warnings
}
