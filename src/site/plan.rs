//! The plan: every output of a site, listed once.
//!
//! Planning is pure: it reads the linked library, its rendered bodies and
//! the theme, and lists each file the site will have (its path, what makes
//! it, and its sitemap entry) without rendering any template. The sitemap
//! and the set of paths come from this list, and [`super::run`] renders it
//! into any sink, so `build`, `check` and `serve` cannot disagree about what
//! a site contains.

use std::sync::Arc;

use rayon::prelude::*;

use super::lists::{list_plan, ListPage};
use super::pages::PageJob;
use super::planner::Planner;
use super::singles::Single;
use super::theme::{StaticFile, Theme};
use crate::library::Library;
use crate::markdown::{self, Rendered};
use crate::output::{Contents, Resized};
use crate::slides::Workshop;

/// How one output is made.
pub enum Source {
    /// Item `id`'s page.
    Item(usize),
    /// A redirect to item `id` from one of its previous addresses.
    Redirect(usize),
    /// A page of a paginated list: an index into [`Plan::lists`].
    List(usize),
    /// A page of which the site has one (home, a taxonomy's index,
    /// published, search, 404), made when it is rendered.
    Single(Single),
    /// A workshop page whose template values are ready (decks, guide,
    /// handout).
    Page(Box<PageJob>),
    /// The library graph, drawn when it is rendered.
    Graph,
    /// A file as it is: theme and project static files, code stylesheets.
    File(Arc<Contents>),
    /// The Atom feed.
    Feed,
    /// `/published.json`.
    PublishedJson,
    /// The sitemap, made from the plan's own entries.
    Sitemap,
    /// The search index: every file under `search/`.
    SearchIndex,
    /// The social card of an item (or of the site with `None`), drawn
    /// from the theme's SVG.
    Card(Option<usize>),
}

impl Source {
    /// Whether the output is made from the whole library rather than
    /// from one item, one list or one file.
    pub fn shows_whole_library(&self) -> bool {
        matches!(
            self,
            Source::Single(_)
                | Source::Graph
                | Source::PublishedJson
                | Source::Feed
                | Source::Sitemap
        )
    }
}

/// A page's place in the sitemap: its URL and last change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapEntry {
    /// URL path with the base path (`/moments/x/`).
    pub url: String,
    /// The date of the newest content the page shows.
    pub updated: Option<String>,
}

/// One output of the site.
pub struct Output {
    /// Path under the site root (`moments/x/index.html`); for the search
    /// index, the folder its files go in (`search/`).
    pub path: String,
    /// What makes it.
    pub source: Source,
    /// Its sitemap entry, when it belongs in the sitemap.
    pub sitemap: Option<SitemapEntry>,
}

/// Every output of a site, and what rendering them needs.
pub struct Plan<'a> {
    /// The values shared by every page, and every item's card.
    pub planner: Planner<'a>,
    /// Where drawn cards and resized images are kept between builds.
    pub cache: std::path::PathBuf,
    /// The pages of every paginated list.
    pub lists: Vec<ListPage>,
    /// Every output, each once.
    pub outputs: Vec<Output>,
}

impl<'a> Plan<'a> {
    /// Plans the whole site of `library`.
    pub fn new(
        library: &'a Library,
        bodies: &'a [Arc<Rendered>],
        theme: &Theme,
        workshop: &Workshop,
        cache: &std::path::Path,
        desk: bool,
    ) -> Plan<'a> {
        let mut planner = Planner::new(library, bodies);
        planner.desk = desk;
        let image_cache = cache.join("images");
        // The lists and the items' pages are planned side by side.
        let (lists, item_outputs) = rayon::join(
            || list_plan(&planner),
            || {
                (0..library.items.len())
                    .into_par_iter()
                    .map(|id| {
                        let updated = library.items[id]
                            .front
                            .updated
                            .map(|d| d.ymd())
                            .or_else(|| planner.cards[id].date.clone());
                        Output {
                            path: planner.item_path(id),
                            source: Source::Item(id),
                            sitemap: Some(SitemapEntry {
                                url: library.url(id),
                                updated,
                            }),
                        }
                    })
                    .collect::<Vec<Output>>()
            },
        );
        let mut outputs = Vec::with_capacity(library.items.len() + lists.len() + 64);
        outputs.extend(item_outputs);
        // Files beside the markdown are published at their place under
        // `content/`, large images with smaller copies beside them.
        for (asset, path) in library.assets.iter().zip(&library.asset_paths) {
            if !asset.in_static {
                outputs.push(Output {
                    path: path.clone(),
                    source: Source::File(Arc::new(Contents::Copy(asset.file.clone()))),
                    sitemap: None,
                });
            }
            for width in asset.variant_widths() {
                outputs.push(Output {
                    path: crate::content::variant_path(path, width),
                    source: Source::File(Arc::new(Contents::Resized(Resized {
                        from: asset.file.clone(),
                        width,
                        cache: image_cache.clone(),
                    }))),
                    sitemap: None,
                });
            }
        }
        // Previous addresses (`aliases:`) keep old links working.
        for (path, id) in &library.redirects {
            outputs.push(Output {
                path: path.clone(),
                source: Source::Redirect(*id),
                sitemap: None,
            });
        }
        outputs.par_extend(lists.par_iter().enumerate().map(|(index, page)| Output {
            path: page.path.clone(),
            source: Source::List(index),
            sitemap: Some(SitemapEntry {
                url: planner.url_of(&page.path),
                updated: planner.newest(page.members.iter().copied()),
            }),
        }));
        for single in Single::all(&planner) {
            outputs.push(Output {
                path: single.path(&planner),
                sitemap: single.sitemap(&planner).map(|updated| SitemapEntry {
                    url: planner.url_of(&single.path(&planner)),
                    updated,
                }),
                source: Source::Single(single),
            });
        }
        // Each deck has the images it shows in its own folder, so it still
        // works when that folder is opened from disk.
        for deck in workshop.decks.iter().chain(&workshop.whole) {
            for file in deck.media() {
                outputs.push(Output {
                    path: format!("{}media/{}", deck.path, file.key),
                    source: Source::File(Arc::new(Contents::Copy(file.source.clone()))),
                    sitemap: None,
                });
            }
        }
        for job in planner.workshop_pages(workshop) {
            outputs.push(Output {
                path: job.path.clone(),
                sitemap: job.in_sitemap.then(|| SitemapEntry {
                    url: job.url.clone(),
                    updated: job.updated.clone(),
                }),
                source: Source::Page(Box::new(job)),
            });
        }
        if library.config.social_cards {
            let cards = (0..library.items.len()).map(Some).chain([None]);
            outputs.extend(cards.map(|id| Output {
                path: super::share::card_path(library, id),
                source: Source::Card(id),
                sitemap: None,
            }));
        }
        outputs.push(Output {
            path: "graph/index.html".into(),
            source: Source::Graph,
            sitemap: Some(SitemapEntry {
                url: planner.url_of("graph/index.html"),
                updated: None,
            }),
        });
        // Both the sitemap and the feed must use absolute URLs: without a
        // host to make them from, the site has neither (the build says so).
        let feeds = library.config.has_host();
        for (path, source) in [
            ("atom.xml", Source::Feed),
            ("published.json", Source::PublishedJson),
            ("sitemap.xml", Source::Sitemap),
        ] {
            if !feeds && matches!(source, Source::Feed | Source::Sitemap) {
                continue;
            }
            outputs.push(Output {
                path: path.into(),
                source,
                sitemap: None,
            });
        }
        if library.config.search {
            outputs.push(Output {
                path: "search/".into(),
                source: Source::SearchIndex,
                sitemap: None,
            });
        }
        outputs.extend(static_files(library, theme));
        Plan {
            planner,
            cache: cache.to_path_buf(),
            lists,
            outputs,
        }
    }

    /// The sitemap's entries, in plan order.
    pub fn sitemap_entries(&self) -> Vec<(String, Option<String>)> {
        self.outputs
            .iter()
            .filter_map(|o| o.sitemap.as_ref())
            .map(|e| (e.url.clone(), e.updated.clone()))
            .collect()
    }

    /// How many HTML pages the plan has.
    pub fn page_count(&self) -> usize {
        self.outputs
            .iter()
            .filter(|o| {
                matches!(
                    o.source,
                    Source::Item(_)
                        | Source::List(_)
                        | Source::Single(_)
                        | Source::Page(_)
                        | Source::Graph
                )
            })
            .count()
    }
}

/// The theme's and the project's static files, and the code stylesheets
/// (unless the theme has its own).
fn static_files(library: &Library, theme: &Theme) -> Vec<Output> {
    let mut files: Vec<Output> = theme
        .statics
        .iter()
        .map(|(path, file)| Output {
            path: path.clone(),
            source: Source::File(Arc::new(match file {
                StaticFile::Embedded(bytes) => Contents::Embedded(bytes),
                StaticFile::OnDisk(path) => Contents::Copy(path.clone()),
            })),
            sitemap: None,
        })
        .collect();
    if library.config.markdown.highlight_code {
        let (light, dark) = markdown::stylesheets();
        for (name, css) in [("syntax-light.css", light), ("syntax-dark.css", dark)] {
            if !theme.statics.contains_key(name) {
                files.push(Output {
                    path: name.into(),
                    source: Source::File(Arc::new(Contents::Embedded(css.as_bytes()))),
                    sitemap: None,
                });
            }
        }
    }
    files
}
