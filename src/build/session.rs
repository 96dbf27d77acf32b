//! Incremental rebuilds, for `lectern serve`.
//!
//! A session keeps what the last build made: every file's load result, the
//! library, the rendered bodies and the site's files in memory. When files
//! change it reloads only those, relinks the library (linking is cheap next
//! to rendering), and renders only what can have changed: the items whose
//! files changed, the items whose links, backlinks or related items changed,
//! the list pages whose members changed, and the single pages. A template or
//! settings change renders everything. A failed rebuild keeps the last good
//! site and reports why.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::BuildOptions;
use crate::config::Config;
use crate::content::{self, FileLoad, Kind};
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use crate::library::{Library, Reference, Target};
use crate::markdown::Rendered;
use crate::site::{self, Contents, ItemPages, OutputFile, PageJob, Planner, Theme};
use crate::slides;

/// The site in memory: path under the site root → contents.
pub type SiteFiles = HashMap<String, Arc<Contents>>;

/// What changed on disk.
#[derive(Debug, Clone)]
pub enum Change {
    /// Files or folders under `content/` (absolute paths).
    Content(Vec<PathBuf>),
    /// Static files only: stylesheets and assets of the theme or `static/`.
    Statics,
    /// Templates or settings: everything is rendered again.
    Everything,
}

/// What a build or rebuild did.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Whether the site was updated (false: errors; the last good site stays).
    pub ok: bool,
    /// Site paths whose contents changed, appeared or disappeared.
    pub changed: Vec<String>,
    /// Errors and warnings of the build.
    pub diagnostics: Vec<Diagnostic>,
    /// Pages rendered by this build.
    pub pages_rendered: usize,
    /// Wall time.
    pub elapsed: Duration,
}

/// A workshop page's output path and, when it belongs in the sitemap, its
/// (URL, last change).
type WorkshopPage = (String, Option<(String, Option<String>)>);

struct Built {
    library: Library,
    bodies: HashMap<PathBuf, Arc<Rendered>>,
    list_members: HashMap<String, Vec<PathBuf>>,
    graph_signature: u64,
    workshop_pages: Vec<WorkshopPage>,
    /// Paths of the static files, as of the last full render or static refresh.
    static_paths: Vec<String>,
}

/// A live build of one project.
pub struct Session {
    options: BuildOptions,
    config: Config,
    config_error: Option<Diagnostic>,
    theme: Result<Theme, Vec<Diagnostic>>,
    files: BTreeMap<PathBuf, FileLoad>,
    walk_problems: Vec<Diagnostic>,
    built: Option<Built>,
    site: Arc<SiteFiles>,
    highlighter: crate::markdown::Highlighter,
}

impl Session {
    /// Loads the project and builds the whole site in memory.
    pub fn start(options: BuildOptions) -> (Session, Outcome) {
        let mut session = Session {
            options,
            config: Config::default(),
            config_error: None,
            theme: Err(Vec::new()),
            files: BTreeMap::new(),
            walk_problems: Vec::new(),
            built: None,
            site: Arc::new(SiteFiles::new()),
            highlighter: crate::markdown::Highlighter::new(),
        };
        session.load_settings();
        session.scan_content();
        let outcome = session.render(None);
        (session, outcome)
    }

    /// The current site (the last good build).
    pub fn site(&self) -> Arc<SiteFiles> {
        Arc::clone(&self.site)
    }

    /// The project folder.
    pub fn root(&self) -> &Path {
        &self.options.root
    }

    /// Applies a change and rebuilds what it affects.
    pub fn apply(&mut self, change: Change) -> Outcome {
        match change {
            Change::Content(paths) => {
                let changed = self.reload(&paths);
                if self.built.is_none() {
                    return self.render(None);
                }
                self.render(Some(changed))
            }
            Change::Statics => {
                self.theme = Theme::load(&self.options.root, &self.config.theme);
                self.refresh_statics()
            }
            Change::Everything => {
                self.load_settings();
                self.render(None)
            }
        }
    }

    /// Renders the pages of edited items at once, against the last build's
    /// library graph, and serves them: the page the writer is looking at
    /// changes before the rest of the site is rebuilt. Only for edits of
    /// existing items that keep their URL and load without errors; `None`
    /// otherwise (the full rebuild that follows handles everything).
    pub fn quick_preview(&mut self, change: &Change) -> Option<Outcome> {
        let started = Instant::now();
        let Change::Content(paths) = change else {
            return None;
        };
        let built = self.built.as_ref()?;
        let theme = self.theme.as_ref().ok()?;
        let root = &self.options.root;
        let library = &built.library;
        let mut site_files: Option<SiteFiles> = None;
        let mut changed = Vec::new();
        for path in paths {
            if !content::is_content_file(path) || !path.is_file() {
                continue;
            }
            let load = content::load_one(root, path);
            if load.diagnostics.iter().any(Diagnostic::is_error) {
                return None;
            }
            let item = load.item?;
            let id = library.by_source(&item.source)?;
            let old = &library.items[id];
            if old.slug != item.slug
                || old.section != item.section
                || old.is_draft() != item.is_draft()
            {
                return None;
            }
            let links = library.links_if_edited(id, &item);
            let options = crate::markdown::MarkdownOptions::for_pages(&library.config);
            let resolve = |q: crate::markdown::RefQuery| match links
                .body
                .binary_search_by_key(&q.offset, |r| r.offset)
            {
                Ok(i) => links.body[i].target.clone(),
                Err(_) => Reference::Other,
            };
            let body = crate::markdown::render(&item.body, &resolve, &self.highlighter, options);
            let file = site::lone_item_page(library, id, &item, &links, &body)
                .render(theme)
                .ok()?;
            if !self
                .site
                .get(&file.path)
                .is_some_and(|old| same_contents(old, &file.contents))
            {
                changed.push(file.path.clone());
            }
            site_files
                .get_or_insert_with(|| (*self.site).clone())
                .insert(file.path, Arc::new(file.contents));
        }
        let site_files = site_files?;
        if changed.is_empty() {
            return None;
        }
        self.site = Arc::new(site_files);
        Some(Outcome {
            ok: true,
            changed,
            diagnostics: Vec::new(),
            pages_rendered: 1,
            elapsed: started.elapsed(),
        })
    }

    fn load_settings(&mut self) {
        let root = &self.options.root;
        self.config_error = None;
        self.config = Config::load(root).unwrap_or_else(|d| {
            self.config_error = Some(d);
            Config::default()
        });
        if let Some(base_url) = &self.options.base_url {
            self.config.base_url = base_url.clone();
        }
        self.theme = Theme::load(root, &self.config.theme);
    }

    fn scan_content(&mut self) {
        let root = self.options.root.clone();
        let content_dir = root.join("content");
        let (paths, problems) = content::find_files(&root, &content_dir);
        self.walk_problems = problems;
        self.files = paths
            .par_iter()
            .map(|p| (p.clone(), content::load_one(&root, p)))
            .collect();
    }

    /// Reloads changed paths: files, or folders (created, removed, renamed).
    /// Returns the source paths (relative to the root) that changed.
    fn reload(&mut self, paths: &[PathBuf]) -> BTreeSet<PathBuf> {
        let root = self.options.root.clone();
        let mut changed = BTreeSet::new();
        let mut reload: BTreeSet<PathBuf> = BTreeSet::new();
        let mut folders_changed = false;
        for path in paths {
            if path.is_dir() {
                folders_changed = true;
                // A folder appeared or moved here: take every file in it, and
                // forget files we knew under it that are gone.
                let (found, _) = content::find_files(&root, path);
                reload.extend(found);
                reload.extend(self.files.keys().filter(|k| k.starts_with(path)).cloned());
            } else if content::is_content_file(path) {
                reload.insert(path.clone());
            } else if !path.exists() {
                folders_changed = true;
                // A folder went away (or was renamed away).
                reload.extend(self.files.keys().filter(|k| k.starts_with(path)).cloned());
            }
        }
        let loaded: Vec<(PathBuf, Option<FileLoad>)> = reload
            .into_par_iter()
            .map(|p| {
                let load = p.is_file().then(|| content::load_one(&root, &p));
                (p, load)
            })
            .collect();
        for (path, load) in loaded {
            changed.insert(display_path(&root, &path));
            match load {
                Some(load) => {
                    self.files.insert(path, load);
                }
                None => {
                    self.files.remove(&path);
                }
            }
        }
        // Only folder changes can make or mend symlink loops and unreadable
        // folders; an edit of a file needs no walk of the whole library.
        if folders_changed {
            let (_, problems) = content::find_files(&root, &root.join("content"));
            self.walk_problems = problems;
        }
        changed
    }

    fn failed(&self, diagnostics: Diagnostics, started: Instant) -> Outcome {
        Outcome {
            ok: false,
            changed: Vec::new(),
            diagnostics: diagnostics.sorted(),
            pages_rendered: 0,
            elapsed: started.elapsed(),
        }
    }

    /// Renders the site: everything when `changed` is `None`, else what the
    /// changed sources can affect.
    fn render(&mut self, changed: Option<BTreeSet<PathBuf>>) -> Outcome {
        let started = Instant::now();
        let mut diagnostics = Diagnostics::new();
        diagnostics.extend(self.config_error.clone());
        diagnostics.extend(self.walk_problems.iter().cloned());
        if let Err(problems) = &self.theme {
            diagnostics.extend(problems.iter().cloned());
        }
        let (content, load_diagnostics) =
            content::assemble(self.files.values(), self.options.drafts);
        diagnostics.extend(load_diagnostics);
        if !self.options.root.join("content").is_dir() {
            diagnostics.push(Diagnostic::error("content", "there is no content folder"));
        }
        if diagnostics.has_errors() {
            return self.failed(diagnostics, started);
        }
        let Ok(theme) = &self.theme else {
            return self.failed(diagnostics, started);
        };
        let (library, link_diagnostics) = Library::link(content, self.config.clone());
        diagnostics.extend(link_diagnostics);

        let old = self.built.as_ref().filter(|_| changed.is_some());
        let dirty = match (&changed, old) {
            (Some(changed), Some(old)) => Some(dirty_items(&library, &old.library, changed)),
            _ => None,
        };
        let body_dirty: Option<&HashSet<usize>> = dirty.as_ref().map(|d| &d.bodies);
        let bodies: Vec<Arc<Rendered>> = {
            let reuse = |id: usize| -> Option<Arc<Rendered>> {
                if body_dirty.is_none_or(|d| d.contains(&id)) {
                    return None;
                }
                old.and_then(|o| o.bodies.get(&library.items[id].source).cloned())
            };
            let mut bodies: Vec<Option<Arc<Rendered>>> =
                (0..library.items.len()).map(reuse).collect();
            let missing: Vec<usize> = (0..bodies.len()).filter(|&i| bodies[i].is_none()).collect();
            let rendered = site::render_some_bodies(&library, missing.clone(), &self.highlighter);
            for (id, body) in missing.into_iter().zip(rendered) {
                bodies[id] = Some(body);
            }
            bodies
                .into_iter()
                .map(|b| b.expect("every body is rendered or reused"))
                .collect()
        };
        let (workshop, slide_warnings) = slides::plan(&library);
        diagnostics.extend(slide_warnings);

        let planner = Planner::new(&library, &bodies);
        let mut jobs: Vec<PageJob> = match &dirty {
            Some(d) => planner.item_pages(ItemPages::Only(&d.pages)),
            None => planner.item_pages(ItemPages::All),
        };
        let list_plan = site::list_plan(&planner);
        let mut list_members = HashMap::with_capacity(list_plan.len());
        let mut stale_lists = Vec::new();
        for page in &list_plan {
            let sources: Vec<PathBuf> = page
                .members
                .iter()
                .map(|&id| library.items[id].source.clone())
                .collect();
            let unchanged = match (&changed, old) {
                (Some(changed), Some(old)) => {
                    old.list_members.get(&page.path) == Some(&sources)
                        && !sources.iter().any(|s| changed.contains(s))
                }
                _ => false,
            };
            if !unchanged {
                stale_lists.push(page);
            }
            list_members.insert(page.path.clone(), sources);
        }
        let list_jobs: Vec<Result<PageJob, Diagnostic>> = stale_lists
            .par_iter()
            .map(|page| site::render_list(&planner, theme, page))
            .collect();
        for job in list_jobs {
            match job {
                Ok(job) => jobs.push(job),
                Err(d) => diagnostics.push(d),
            }
        }
        jobs.extend(site::single_pages(&planner));
        let graph_signature = graph_signature(&library);
        if old.is_none_or(|o| o.graph_signature != graph_signature) {
            jobs.push(site::graph_page(&planner));
        }
        let workshop_changed = match (&changed, old) {
            (Some(changed), Some(_)) => changed.iter().any(|s| {
                library
                    .by_source(s)
                    .is_none_or(|id| library.items[id].kind == Kind::Module)
                    || s.ends_with("_index.md")
            }),
            _ => true,
        };
        let workshop_pages = if workshop_changed {
            let pages = planner.workshop_pages(&workshop);
            let summary = pages
                .iter()
                .map(|p| {
                    (
                        p.path.clone(),
                        p.in_sitemap.then(|| (p.url.clone(), p.updated.clone())),
                    )
                })
                .collect();
            jobs.extend(pages);
            summary
        } else {
            old.map(|o| o.workshop_pages.clone()).unwrap_or_default()
        };

        let results: Vec<Result<OutputFile, Diagnostic>> =
            jobs.par_iter().map(|job| job.render(theme)).collect();
        let mut rendered = Vec::with_capacity(results.len() + 8);
        for result in results {
            match result {
                Ok(file) => rendered.push(file),
                Err(d) => diagnostics.push(d),
            }
        }
        if diagnostics.has_errors() {
            return self.failed(diagnostics, started);
        }
        let pages_rendered = rendered.len();

        // The sitemap lists every page, rendered now or earlier.
        let mut entries: Vec<(String, Option<String>)> = (0..library.items.len())
            .map(|id| {
                let updated = library.items[id]
                    .front
                    .updated
                    .map(|d| d.ymd())
                    .or_else(|| planner.cards[id].date.clone());
                (library.url(id), updated)
            })
            .collect();
        entries.extend(list_plan.iter().map(|p| {
            (
                format!("{}{}", planner.base, p.path.trim_end_matches("index.html")),
                planner.newest(p.members.iter().copied()),
            )
        }));
        entries.extend(
            jobs.iter()
                .filter(|j| {
                    j.in_sitemap
                        && (j.template != "item.html"
                            && j.template != "section.html"
                            && j.template != "term.html")
                })
                .filter(|j| !workshop_pages.iter().any(|(path, _)| *path == j.path))
                .map(|j| (j.url.clone(), j.updated.clone())),
        );
        entries.extend(workshop_pages.iter().filter_map(|(_, entry)| entry.clone()));
        if !jobs.iter().any(|j| j.template == "graph.html") {
            entries.push((format!("{}graph/", planner.base), None));
        }
        rendered.push(site::sitemap(&library, &entries));
        rendered.extend(site::generated_files(&library, &bodies));
        if library.config.search {
            let index = std::sync::Mutex::new(Vec::new());
            crate::search::build_index(&library, &bodies, &|file| {
                if let Ok(mut files) = index.lock() {
                    files.push(file);
                }
            });
            rendered.extend(index.into_inner().unwrap_or_default());
        }
        let full = changed.is_none();
        let static_paths: Vec<String> = if full {
            let statics = site::static_files(&library, theme);
            let paths = statics.iter().map(|f| f.path.clone()).collect();
            rendered.extend(statics);
            paths
        } else {
            old.map(|o| o.static_paths.clone()).unwrap_or_default()
        };

        // Every path the site now has; anything else left from before goes.
        let mut expected: HashSet<String> = (0..library.items.len())
            .map(|id| planner.item_path(id))
            .collect();
        expected.extend(list_plan.iter().map(|p| p.path.clone()));
        expected.extend(workshop_pages.iter().map(|(path, _)| path.clone()));
        expected.extend(rendered.iter().map(|f| f.path.clone()));
        expected.insert("graph/index.html".into());
        expected.extend(static_paths.iter().cloned());

        let mut site_files: SiteFiles = if full {
            SiteFiles::new()
        } else {
            (*self.site).clone()
        };
        let mut changed_paths = Vec::new();
        for file in rendered {
            let same = self
                .site
                .get(&file.path)
                .is_some_and(|old| same_contents(old, &file.contents));
            if !same {
                changed_paths.push(file.path.clone());
            }
            site_files.insert(file.path, Arc::new(file.contents));
        }
        if full {
            for path in self.site.keys() {
                if !site_files.contains_key(path) {
                    changed_paths.push(path.clone());
                }
            }
        } else {
            let gone: Vec<String> = site_files
                .keys()
                .filter(|k| !expected.contains(*k))
                .cloned()
                .collect();
            for path in gone {
                site_files.remove(&path);
                changed_paths.push(path);
            }
        }
        changed_paths.sort();

        let bodies_by_source = library
            .items
            .iter()
            .zip(&bodies)
            .map(|(item, body)| (item.source.clone(), Arc::clone(body)))
            .collect();
        self.site = Arc::new(site_files);
        self.built = Some(Built {
            library,
            bodies: bodies_by_source,
            list_members,
            graph_signature,
            workshop_pages,
            static_paths,
        });
        Outcome {
            ok: true,
            changed: changed_paths,
            diagnostics: diagnostics.sorted(),
            pages_rendered,
            elapsed: started.elapsed(),
        }
    }

    fn refresh_statics(&mut self) -> Outcome {
        let started = Instant::now();
        let (Some(built), Ok(theme)) = (&self.built, &self.theme) else {
            return self.render(None);
        };
        let mut site_files: SiteFiles = (*self.site).clone();
        let mut changed = Vec::new();
        let statics = site::static_files(&built.library, theme);
        let static_paths: Vec<String> = statics.iter().map(|f| f.path.clone()).collect();
        for file in statics {
            let contents = match &file.contents {
                // Read now: the file may change again before it is served.
                Contents::Copy(path) => match std::fs::read(path) {
                    Ok(bytes) => Contents::Bytes(bytes),
                    Err(_) => continue,
                },
                other => other.clone(),
            };
            if !site_files
                .get(&file.path)
                .is_some_and(|old| same_contents(old, &contents))
            {
                changed.push(file.path.clone());
            }
            site_files.insert(file.path, Arc::new(contents));
        }
        self.site = Arc::new(site_files);
        if let Some(built) = self.built.as_mut() {
            built.static_paths = static_paths;
        }
        Outcome {
            ok: true,
            changed,
            diagnostics: Vec::new(),
            pages_rendered: 0,
            elapsed: started.elapsed(),
        }
    }
}

fn same_contents(a: &Contents, b: &Contents) -> bool {
    match (a, b) {
        (Contents::Bytes(x), Contents::Bytes(y)) => x == y,
        (Contents::Embedded(x), Contents::Embedded(y)) => x == y,
        (Contents::Copy(x), Contents::Copy(y)) => x == y,
        _ => false,
    }
}

/// Items to render again after `changed` sources changed.
struct Dirty {
    /// Items whose bodies must be rendered again.
    bodies: HashSet<usize>,
    /// Items whose pages must be rendered again (bodies included).
    pages: BTreeSet<usize>,
}

/// The items a change can reach: the changed items; items that reference
/// them, before or after; items they reference (their "Referenced by" lists
/// show them); and items whose backlinks or related items changed.
fn dirty_items(library: &Library, old: &Library, changed: &BTreeSet<PathBuf>) -> Dirty {
    let new_id = |source: &Path| library.by_source(source);
    let new_changed: Vec<usize> = changed.iter().filter_map(|s| new_id(s)).collect();
    let old_changed: Vec<usize> = changed.iter().filter_map(|s| old.by_source(s)).collect();
    let mut bodies: HashSet<usize> = new_changed.iter().copied().collect();
    for &c in &new_changed {
        bodies.extend(library.links[c].backlinks.iter().copied());
    }
    for &c in &old_changed {
        bodies.extend(
            old.links[c]
                .backlinks
                .iter()
                .filter_map(|&b| new_id(&old.items[b].source)),
        );
    }
    let mut pages: BTreeSet<usize> = bodies.iter().copied().collect();
    let targets = |lib: &Library, id: usize| -> Vec<usize> {
        let links = &lib.links[id];
        links
            .explicit
            .iter()
            .filter_map(|r| match r.target {
                Target::Item { id } => Some(id),
                _ => None,
            })
            .chain(links.body.iter().filter_map(|r| match r.target {
                Reference::Item { id, .. } => Some(id),
                _ => None,
            }))
            .collect()
    };
    for &c in &new_changed {
        pages.extend(targets(library, c));
    }
    for &c in &old_changed {
        pages.extend(
            targets(old, c)
                .into_iter()
                .filter_map(|t| new_id(&old.items[t].source)),
        );
    }
    // Backlinks and computed related items shown on every other page.
    let sources = |lib: &Library, ids: &mut dyn Iterator<Item = usize>| -> Vec<PathBuf> {
        ids.map(|i| lib.items[i].source.clone()).collect()
    };
    let stale: Vec<usize> = (0..library.items.len())
        .into_par_iter()
        .filter(|&id| match old.by_source(&library.items[id].source) {
            None => true,
            Some(o) => {
                sources(library, &mut library.links[id].related.iter().map(|r| r.0))
                    != sources(old, &mut old.links[o].related.iter().map(|r| r.0))
                    || sources(library, &mut library.links[id].backlinks.iter().copied())
                        != sources(old, &mut old.links[o].backlinks.iter().copied())
            }
        })
        .collect();
    pages.extend(stale);
    Dirty { bodies, pages }
}

/// A fingerprint of what the graph page draws.
fn graph_signature(library: &Library) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for (id, item) in library.items.iter().enumerate() {
        item.title.hash(&mut hasher);
        library.paths[id].hash(&mut hasher);
        library.links[id].backlinks.hash(&mut hasher);
    }
    for missing in &library.missing {
        missing.written.hash(&mut hasher);
        missing.cited_by.hash(&mut hasher);
    }
    hasher.finish()
}
