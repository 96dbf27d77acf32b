//! The runner: renders a [`Plan`] into a [`Sink`].
//!
//! One runner for every command. Outputs are rendered in parallel and handed
//! to the sink one by one, so a large site is never held in memory unless
//! the sink keeps it. With a [`PageCache`] from the previous run, a page
//! whose template would see exactly the same values (same fingerprint) is
//! not rendered again: its previous bytes are reused. The cache holds no
//! rules about which pages a change affects; a page is rendered again
//! exactly when something it shows has changed.

use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::graph_page::graph_page;
use super::item_page::ItemPage;
use super::lists::ListValues;
use super::pages::PageValues;
use super::plan::{Output, Plan, Source};
use super::theme::Theme;
use super::{feeds, library_views};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::{Contents, OutputError, OutputFile, Sink};
use crate::search::IndexCache;

/// What a run can reuse from the previous one: rendered pages by path, with
/// the fingerprint of what each was made from, and the search index's
/// chunks.
#[derive(Default)]
pub struct OutputCache {
    pages: HashMap<String, (u128, Arc<Contents>)>,
    /// Item cards (the HTML lists show) by the fingerprint of their
    /// template and values.
    cards: HashMap<u128, Arc<str>>,
    search: IndexCache,
    /// For a build on disk: the output folder. Pages are then held as its
    /// files, for the next build to link, rather than as bytes in memory.
    site: Option<std::path::PathBuf>,
}

impl OutputCache {
    /// A cache whose pages are the files of the output folder `site` (a
    /// build on disk: the next build links the pages that did not change)
    /// and whose search chunks are files in `search`, those of `in_site`
    /// being the ones the site was built with (see [`IndexCache::on_disk`]).
    pub fn on_disk(
        site: &crate::output::PreviousSite,
        search: std::path::PathBuf,
        in_site: crate::search::IndexInSite,
    ) -> Self {
        OutputCache {
            site: Some(site.dir().to_path_buf()),
            search: IndexCache::on_disk(search, site.clone(), in_site),
            ..Self::default()
        }
    }

    /// How many pages it holds.
    pub fn pages(&self) -> usize {
        self.pages.len()
    }

    /// Every page held: its path and the fingerprint of what it was made
    /// from.
    pub fn page_keys(&self) -> impl Iterator<Item = (&str, u128)> {
        self.pages
            .iter()
            .map(|(path, (key, _))| (path.as_str(), *key))
    }

    /// Holds the page at `path`, made from values fingerprinted `key`, as
    /// the previous build's file `file` (see [`Contents::Unchanged`]).
    pub fn insert_unchanged(&mut self, path: String, key: u128, file: std::path::PathBuf) {
        self.pages
            .insert(path, (key, Arc::new(Contents::Unchanged(file))));
    }

    /// The output folder whose files the pages are, for a build on disk.
    pub fn site(&self) -> Option<&std::path::Path> {
        self.site.as_deref()
    }

    /// The search index's chunks.
    pub fn search(&self) -> &IndexCache {
        &self.search
    }

    /// Item cards by the fingerprint of their template and values.
    pub fn cards(&self) -> &HashMap<u128, Arc<str>> {
        &self.cards
    }

    /// Hands the cards over to a run (which makes the next cache's).
    pub fn take_cards(&mut self) -> HashMap<u128, Arc<str>> {
        std::mem::take(&mut self.cards)
    }

    /// Holds the cards kept by the build cache on disk.
    pub fn insert_cards(&mut self, cards: impl IntoIterator<Item = (u128, Arc<str>)>) {
        self.cards.extend(cards);
    }

    /// Takes in a run's cache that stopped early: its pages replace ours
    /// of the same paths, its search chunks replace ours.
    pub fn absorb(&mut self, partial: OutputCache) {
        self.pages.extend(partial.pages);
        self.cards.extend(partial.cards);
        self.search = partial.search;
    }
}

/// What a run did.
pub struct RunReport {
    /// HTML pages made (rendered or reused).
    pub pages: usize,
    /// Pages actually rendered (not reused from the cache).
    pub rendered: usize,
    /// Template errors, every one of them; a run with any is a failed build.
    pub errors: Vec<Diagnostic>,
    /// The cache for the next run, when the run was given one.
    pub cache: Option<OutputCache>,
}

/// What rendering one output gave.
enum Made {
    /// A page, with its cache entry when caching.
    Page {
        rendered: bool,
        entry: Option<(String, u128, Arc<Contents>)>,
    },
    /// A file other than a page made from fingerprinted inputs, with its
    /// cache entry when caching.
    Keyed {
        entry: Option<(String, u128, Arc<Contents>)>,
    },
    /// Any other file.
    File,
}

enum Failure {
    Template(Diagnostic),
    Write(OutputError),
}

/// Renders every output of `plan` with `theme` into `sink`. With
/// `cache` (the previous run's), unchanged pages and search chunks are
/// reused and the report carries the cache for the next run. Template
/// errors are collected, not returned early; a write error stops the run.
/// Once `stop` is set, the outputs not yet made are skipped (the caller
/// throws the run away).
pub fn run(
    plan: &Plan,
    theme: &Theme,
    sink: &dyn Sink,
    mut cache: Option<&mut OutputCache>,
    stop: &std::sync::atomic::AtomicBool,
) -> Result<RunReport, OutputError> {
    let _t = crate::timings::stage("  outputs");
    let (search, mut others) = plan
        .outputs
        .iter()
        .partition::<Vec<&Output>, _>(|o| matches!(o.source, Source::SearchIndex));
    // Pages made from the whole library go first: each holds its list
    // whole while it is made (the published list of a large library is
    // thousands of pieces as template values), and made last they came on
    // top of all that the run had kept by then, the cards and the records
    // of what was written, and set the build's peak memory.
    others.sort_by_key(|output| !output.source.shows_whole_library());
    // The search index is made beside the pages, so the two share the
    // cores instead of taking turns.
    let search_cache = cache.as_deref_mut().map(|c| std::mem::take(&mut c.search));
    let pages = cache.as_deref();
    let (results, index) = rayon::join(
        || {
            others
                .par_iter()
                .map(|output| {
                    if stop.load(std::sync::atomic::Ordering::Relaxed) {
                        return Ok(Made::File);
                    }
                    make(plan, theme, sink, pages, output)
                })
                .collect::<Vec<_>>()
        },
        || match search.first() {
            Some(_) => write_search_index(plan, sink, search_cache),
            None => Ok(search_cache),
        },
    );
    let search_cache = index?;
    let mut report = RunReport {
        pages: 0,
        rendered: 0,
        errors: Vec::new(),
        cache: cache.map(|c| OutputCache {
            pages: HashMap::default(),
            cards: HashMap::default(),
            search: search_cache.unwrap_or_default(),
            site: c.site.clone(),
        }),
    };
    let mut errors = Diagnostics::new();
    for result in results {
        let entry = match result {
            Ok(Made::Page { rendered, entry }) => {
                report.pages += 1;
                report.rendered += usize::from(rendered);
                entry
            }
            Ok(Made::Keyed { entry }) => entry,
            Ok(Made::File) => None,
            Err(Failure::Template(d)) => {
                errors.push(d);
                None
            }
            Err(Failure::Write(e)) => return Err(e),
        };
        if let (Some(next), Some((path, key, contents))) = (&mut report.cache, entry) {
            next.pages.insert(path, (key, contents));
        }
    }
    report.errors = errors.sorted();
    if let Some(next) = &mut report.cache {
        next.cards = plan.planner.cards_made();
    }
    Ok(report)
}

fn make(
    plan: &Plan,
    theme: &Theme,
    sink: &dyn Sink,
    cache: Option<&OutputCache>,
    output: &Output,
) -> Result<Made, Failure> {
    let planner = &plan.planner;
    let library = planner.library;
    let file = |file: OutputFile| {
        sink.put(&file.path, Arc::new(file.contents))
            .map(|()| Made::File)
            .map_err(Failure::Write)
    };
    match &output.source {
        Source::Item(id) => page(ItemPage::new(planner, *id), theme, sink, cache),
        Source::Redirect(id) => file(OutputFile {
            path: output.path.clone(),
            contents: Contents::Bytes(
                super::redirect::redirect_page(
                    &library.items[*id].title,
                    &library.url(*id),
                    &library.config.language,
                )
                .into_bytes(),
            ),
        }),
        Source::List(index) => {
            let list =
                ListValues::new(planner, theme, &plan.lists[*index]).map_err(Failure::Template)?;
            page(list, theme, sink, cache)
        }
        Source::Single(single) => page(
            single.values(planner, theme).map_err(Failure::Template)?,
            theme,
            sink,
            cache,
        ),
        Source::Page(job) => page((**job).clone(), theme, sink, cache),
        Source::Graph => page(graph_page(planner), theme, sink, cache),
        Source::File(contents) => sink
            .put(&output.path, Arc::clone(contents))
            .map(|()| Made::File)
            .map_err(Failure::Write),
        Source::Feed => file(feeds::atom(library, planner.bodies)),
        Source::PublishedJson => made_once(
            "published.json".into(),
            cache.map(|_| planner.published_key()),
            sink,
            cache,
            || Ok(library_views::published_json(library).contents),
        )
        .map(|(_, entry)| Made::Keyed { entry }),
        Source::Sitemap => file(feeds::sitemap(library, &plan.sitemap_entries())),
        Source::SearchIndex => Ok(Made::File),
        Source::Card(id) => {
            let contents = draw_card(plan, theme, *id).map_err(Failure::Template)?;
            sink.put(&output.path, Arc::new(contents))
                .map(|()| Made::File)
                .map_err(Failure::Write)
        }
    }
}

/// The social card of item `id` (or of the site): the theme's SVG filled
/// in, drawn, or taken from the cache when the same SVG was drawn before.
fn draw_card(plan: &Plan, theme: &Theme, id: Option<usize>) -> Result<Contents, Diagnostic> {
    use super::share::{card_values, CARD_TEMPLATE};
    let library = plan.planner.library;
    let mut values = plan.planner.context();
    values.extend(card_values(library, id));
    let svg = theme.render(CARD_TEMPLATE, &values.into_context(), || {
        "filling in a social card".into()
    })?;
    crate::output::card::card(&plan.cache.join("cards"), &svg).map_err(|e| {
        Diagnostic::error(
            theme.template_path(CARD_TEMPLATE),
            format!("the social card SVG cannot be drawn: {e}"),
        )
        .with_help("the template must make an SVG 1200×630 document; text is set in DejaVu Sans")
    })
}

/// Renders one page, or reuses the cached one made from the same values;
/// the page's template values are made only when it is rendered.
fn page(
    values: impl PageValues,
    theme: &Theme,
    sink: &dyn Sink,
    cache: Option<&OutputCache>,
) -> Result<Made, Failure> {
    let key = cache.map(|_| values.fingerprint(theme.fingerprint));
    let path = values.path();
    let (rendered, entry) = made_once(path, key, sink, cache, || {
        values
            .into_job()
            .and_then(|job| job.render(theme))
            .map(|file| file.contents)
            .map_err(Failure::Template)
    })?;
    Ok(Made::Page { rendered, entry })
}

/// A file made (true) or reused, and its cache entry when caching.
type MadeOnce = (bool, Option<(String, u128, Arc<Contents>)>);

/// Puts the file at `path`, made from inputs fingerprinted `key`: the
/// cached one made from the same inputs when there is one, else what
/// `make` makes.
fn made_once(
    path: String,
    key: Option<u128>,
    sink: &dyn Sink,
    cache: Option<&OutputCache>,
    make: impl FnOnce() -> Result<Contents, Failure>,
) -> Result<MadeOnce, Failure> {
    let cached = match (cache, key) {
        (Some(cache), Some(key)) => cache
            .pages
            .get(&path)
            .filter(|(old, _)| *old == key)
            .map(|(_, contents)| Arc::clone(contents)),
        _ => None,
    };
    // A file kept from the previous build may have been changed or
    // removed since: then it is made like any other.
    let reused = cached.filter(|contents| sink.put(&path, Arc::clone(contents)).is_ok());
    let rendered = reused.is_none();
    let contents = match reused {
        Some(contents) => contents,
        None => {
            let contents = Arc::new(make()?);
            sink.put(&path, Arc::clone(&contents))
                .map_err(Failure::Write)?;
            contents
        }
    };
    // A build on disk keeps the file's place, not its bytes: the whole
    // site is never held in memory.
    let kept = match cache.and_then(|c| c.site.as_ref()) {
        Some(site) => Arc::new(Contents::Unchanged(site.join(&path))),
        None => contents,
    };
    Ok((rendered, key.map(|key| (path, key, kept))))
}

/// Builds the search index into `sink` (reusing `cache`'s unchanged
/// chunks, and returning it updated); the first write error, if any.
fn write_search_index(
    plan: &Plan,
    sink: &dyn Sink,
    mut cache: Option<IndexCache>,
) -> Result<Option<IndexCache>, OutputError> {
    let _t = crate::timings::stage("  search");
    let failed = Mutex::new(None);
    let emit = |file: OutputFile| {
        if let Err(e) = sink.put(&file.path, Arc::new(file.contents)) {
            if let Ok(mut slot) = failed.lock() {
                slot.get_or_insert(e);
            }
        }
    };
    let (library, bodies) = (plan.planner.library, plan.planner.bodies);
    crate::search::build_index_with(library, bodies, &emit, cache.as_mut());
    match failed.into_inner() {
        Ok(Some(e)) => Err(e),
        _ => Ok(cache),
    }
}
