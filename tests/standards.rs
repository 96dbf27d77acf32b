//! The checkers the web relies on, run on real built sites (the seeds and
//! the fixture libraries, published under a sub-path of a real host): the
//! Nu HTML Checker on every page, axe-core on every page in the light and
//! the dark scheme (every deck at every slide and fragment state, the
//! speaker view, search with results, the graph), the sitemaps.org schema,
//! RFC 4287 for the feed, phones at 360 pixels and print.

mod common;

use std::path::Path;

use common::atom_rules::atom_problems;
use common::browser::{eval, launch, set_viewport, wait_for};
use common::checkers::{axe_violations, install_axe, sitemap_schema_errors, vnu_errors};
use common::static_server::StaticServer;
use common::{html_files, Project};
use headless_chrome::protocol::cdp::Emulation;
use headless_chrome::Tab;

const BASE_URL: &str = "https://example.org/library/";
const BASE_PATH: &str = "/library/";

/// The libraries every check runs on: the seeds and each fixture library.
fn libraries() -> Vec<(&'static str, Project)> {
    let mut all = vec![("seeds", Project::seeds())];
    for name in [
        "markdown_features",
        "linked_library",
        "repeat_guard",
        "hostile_values",
        "edit_sequences",
        "foreign_decks",
        "garden",
        "blog_bundles",
        "handbook_html",
        "writers_desk",
        "long_list",
    ] {
        all.push((name, Project::fixture(name)));
    }
    for (_, project) in &all {
        project.build_ok(&["--base-url", BASE_URL]);
    }
    all
}

#[test]
fn every_page_passes_the_nu_html_checker() {
    let libraries = libraries();
    let sites: Vec<std::path::PathBuf> = libraries.iter().map(|(_, p)| p.site()).collect();
    let pages: usize = sites.iter().map(|s| html_files(s).len()).sum();
    assert!(pages > 100, "only {pages} pages to check");
    let dirs: Vec<&Path> = sites.iter().map(|s| s.as_path()).collect();
    let errors = vnu_errors(&dirs);
    assert!(
        errors.is_empty(),
        "{} errors from the Nu HTML Checker on {pages} pages:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

#[test]
fn the_sitemap_and_the_feed_validate_with_absolute_urls() {
    for (name, project) in libraries() {
        let sitemap = project.site().join("sitemap.xml");
        let errors = sitemap_schema_errors(&sitemap);
        assert!(
            errors.is_empty(),
            "{name}: sitemap.xml:\n{}",
            errors.join("\n")
        );
        let xml = project.page("sitemap.xml");
        let locs: Vec<&str> = xml
            .split("<loc>")
            .skip(1)
            .map(|s| s.split("</loc>").next().unwrap())
            .collect();
        assert!(!locs.is_empty(), "{name}: empty sitemap");
        for loc in &locs {
            assert!(
                loc.starts_with(BASE_URL),
                "{name}: sitemap <loc>{loc}</loc>"
            );
        }
        let feed = project.page("atom.xml");
        let problems = atom_problems(&feed);
        assert!(
            problems.is_empty(),
            "{name}: atom.xml:\n{}",
            problems.join("\n")
        );
        assert!(feed.contains("<author><name>"), "{name}: no author");
        assert!(feed.contains(&format!("<id>{BASE_URL}")), "{name}");
        assert!(
            !feed.contains("<content type=\"html\"></content>"),
            "{name}"
        );
    }
}

#[test]
fn without_a_host_in_base_url_there_is_no_feed_or_sitemap_and_the_build_says_so() {
    let p = Project::seeds();
    std::fs::write(
        p.root().join("lectern.yaml"),
        "title: Seeds\nbase_url: /sub/\n",
    )
    .unwrap();
    let out = p.build_ok(&[]);
    let said: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("warning: base_url"))
        .collect();
    assert_eq!(said.len(), 1, "{out}");
    assert!(
        said[0].contains("lectern.yaml") && said[0].contains("warning"),
        "{out}"
    );
    assert!(
        out.contains("https://"),
        "the warning shows what to set:\n{out}"
    );
    assert!(!p.site().join("sitemap.xml").exists());
    assert!(!p.site().join("atom.xml").exists());
    let home = p.page("index.html");
    assert!(
        !home.contains("atom.xml"),
        "a page links a feed that is not there"
    );

    // A full URL publishes both.
    p.build_ok(&["--base-url", "https://example.org/sub/"]);
    assert!(p.site().join("sitemap.xml").is_file());
    assert!(p.page("index.html").contains("/sub/atom.xml"));
}

fn set_scheme(tab: &Tab, scheme: &str) {
    tab.call_method(Emulation::SetEmulatedMedia {
        media: None,
        features: Some(vec![Emulation::MediaFeature {
            name: "prefers-color-scheme".into(),
            value: scheme.into(),
        }]),
    })
    .expect("emulate colour scheme");
}

fn set_media(tab: &Tab, media: &str) {
    tab.call_method(Emulation::SetEmulatedMedia {
        media: Some(media.into()),
        features: None,
    })
    .expect("emulate media");
}

fn page_urls(project: &Project) -> Vec<String> {
    let mut pages = html_files(&project.site());
    pages.sort();
    pages
        .into_iter()
        .map(|p| format!("{BASE_PATH}{}", p.trim_end_matches("index.html")))
        .collect()
}

const DECK_READY: &str =
    "document.querySelector('.deck') && document.querySelector('.deck').dataset.ready === 'true'";

/// Steps through every slide and fragment of the deck in `tab` inside
/// the page (one call: each call to the browser costs 100 ms), running
/// axe-core on the shown slide at each state; returns how many states there
/// were and the findings.
fn deck_states(tab: &Tab, page: &str) -> (usize, Vec<String>) {
    let js = r#"(async () => {
      const found = [];
      let states = 0;
      dispatchEvent(new KeyboardEvent('keydown', {key: 'Home'}));
      const state = () => location.hash + ':' + document.querySelectorAll('.fragment.shown').length;
      for (;;) {
        states += 1;
        const r = await axe.run('section.slide.active', {resultTypes: ['violations'], preload: false});
        for (const v of r.violations) {
          found.push(state() + ' ' + v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join('; '));
        }
        const before = state();
        dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight'}));
        if (state() === before) return {states, found};
      }
    })()"#;
    let result = eval(tab, js);
    let states = result["states"].as_u64().unwrap_or(0) as usize;
    let found = result["found"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|v| format!("{page} {}", v.as_str().unwrap_or("")))
                .collect()
        })
        .unwrap_or_default();
    (states, found)
}

/// Runs axe-core on the page in `tab` in the light and then the dark
/// scheme, with `more` run in each too; findings go to `found`.
fn in_both_schemes(
    tab: &Tab,
    place: &str,
    found: &mut Vec<String>,
    mut more: impl FnMut(&Tab, &str, &mut Vec<String>),
) {
    for scheme in ["light", "dark"] {
        set_scheme(tab, scheme);
        let place = format!("{place} ({scheme})");
        for v in axe_violations(tab, None) {
            found.push(format!("{place}: {v}"));
        }
        more(tab, &place, found);
    }
}

/// Checks one page (and, for a deck, every state of it and its speaker
/// view); returns the deck states checked.
fn check_page(
    tab: &Tab,
    server: &StaticServer,
    name: &str,
    url: &str,
    found: &mut Vec<String>,
) -> usize {
    tab.navigate_to(&server.url(url))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    let mut states = 0;
    let is_deck = url.ends_with("/slides/");
    if is_deck {
        wait_for(tab, DECK_READY, 10);
    }
    in_both_schemes(tab, &format!("{name} {url}"), found, |tab, place, found| {
        if is_deck {
            let (n, more) = deck_states(tab, place);
            states += n;
            found.extend(more);
        }
    });
    if is_deck {
        let speaker = format!("{url}?speaker#1");
        tab.navigate_to(&server.url(&speaker))
            .unwrap()
            .wait_until_navigated()
            .unwrap();
        wait_for(tab, "!!document.querySelector('.sv-notes')", 10);
        in_both_schemes(tab, &format!("{name} {speaker}"), found, |_, _, _| {});
    }
    if url.ends_with("/search/") {
        let search = format!("{url}?q=governance+delegation");
        tab.navigate_to(&server.url(&search))
            .unwrap()
            .wait_until_navigated()
            .unwrap();
        wait_for(tab, "document.querySelectorAll('.search-result').length > 0 || /No results/.test(document.querySelector('.search-status').textContent)", 10);
        in_both_schemes(tab, &format!("{name} {search}"), found, |_, _, _| {});
    }
    states
}

/// Runs `check` on every page of `libraries` (except those `skip` names),
/// in two tabs at once: each call to the browser waits about 100 ms, so two
/// tabs overlap well on two cores. `prepare` sets a tab up first. Returns
/// how many pages there were and what the checks found.
fn every_page<T: Send>(
    libraries: &[(&str, Project)],
    skip: impl Fn(&str) -> bool + Sync,
    prepare: impl Fn(&Tab) + Sync,
    check: impl Fn(&Tab, &StaticServer, &str, &str) -> T + Sync,
) -> Vec<T> {
    let servers: Vec<StaticServer> = libraries
        .iter()
        .map(|(_, p)| StaticServer::start(&p.site(), BASE_PATH))
        .collect();
    let mut jobs = Vec::new();
    for (index, (name, project)) in libraries.iter().enumerate() {
        for url in page_urls(project).into_iter().filter(|u| !skip(u)) {
            jobs.push((index, *name, url));
        }
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let browser = launch();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..2)
            .map(|_| {
                scope.spawn(|| {
                    let tab = browser.new_tab().expect("new tab");
                    tab.set_default_timeout(std::time::Duration::from_secs(300));
                    prepare(&tab);
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((index, name, url)) = jobs.get(i) else {
                            return out;
                        };
                        out.push(check(&tab, &servers[*index], name, url));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("worker"))
            .collect()
    })
}

#[test]
fn axe_core_finds_nothing_on_any_page_in_either_scheme() {
    let libraries: Vec<(&str, Project)> = libraries()
        .into_iter()
        .filter(|(name, _)| {
            matches!(
                *name,
                "seeds" | "markdown_features" | "linked_library" | "writers_desk"
            )
        })
        .collect();
    let results = every_page(
        &libraries,
        |_| false,
        install_axe,
        |tab, server, name, url| {
            let mut found = Vec::new();
            let states = check_page(tab, server, name, url, &mut found);
            (states, found)
        },
    );
    let pages = results.len();
    let states: usize = results.iter().map(|(n, _)| n).sum();
    let found: Vec<String> = results.into_iter().flat_map(|(_, f)| f).collect();
    assert!(
        pages > 80 && states > 400,
        "{pages} pages, {states} deck states"
    );
    assert!(
        found.is_empty(),
        "{} axe-core violations ({pages} pages, {states} deck states):\n{}",
        found.len(),
        found.join("\n")
    );
}

/// What a page shows on a phone: how wide the document is, what overflows,
/// and where the content starts.
const ON_A_PHONE: &str = "({wide: document.documentElement.scrollWidth, \
  culprit: [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 361).slice(-1).map(e => e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 60))[0] || '', \
  top: document.querySelector('main h1, main').getBoundingClientRect().top})";

/// Boxes that would split across printed pages.
const SPLIT_IN_PRINT: &str = "[...document.querySelectorAll('main figure, main table, main .card, main aside, main pre, main blockquote, main .dont-repeat, main .meta-panel, main .published-piece')].filter(e => getComputedStyle(e).breakInside !== 'avoid').map(e => e.tagName + '.' + e.className)";

/// Phones: nothing scrolls sideways at 360 pixels and the content starts
/// within the first 100; print: boxes that would read badly split are kept
/// whole.
#[test]
fn pages_fit_a_phone_and_print_without_splitting_boxes() {
    let libraries: Vec<(&str, Project)> = libraries()
        .into_iter()
        .filter(|(name, _)| matches!(*name, "seeds" | "markdown_features" | "hostile_values"))
        .collect();
    // Decks have their own screen and print tests.
    let is_deck = |url: &str| url.ends_with("/slides/");
    let results = every_page(
        &libraries,
        is_deck,
        |tab| set_viewport(tab, 360, 740),
        |tab, server, name, url| {
            let mut problems = Vec::new();
            tab.navigate_to(&server.url(url))
                .unwrap()
                .wait_until_navigated()
                .unwrap();
            let phone = eval(tab, ON_A_PHONE);
            let wide = phone["wide"].as_f64().unwrap();
            if wide > 360.0 {
                problems.push(format!(
                    "{name} {url}: {wide}px wide at 360 ({})",
                    phone["culprit"]
                ));
            }
            let top = phone["top"].as_f64().unwrap();
            if top > 100.0 {
                problems.push(format!("{name} {url}: content starts at {top}px"));
            }
            set_media(tab, "print");
            for e in eval(tab, SPLIT_IN_PRINT).as_array().unwrap() {
                problems.push(format!("{name} {url}: {e} may split across printed pages"));
            }
            set_media(tab, "");
            problems
        },
    );
    let problems: Vec<String> = results.into_iter().flatten().collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
