//! Every deck on every screen a facilitator meets: phones in portrait and
//! landscape and tablets (mobile emulation), a laptop at 1280×720 and a
//! projector at 1024×768, the speaker view and print, for the seeds' decks
//! and for decks written for Marp and Slidev, opened from `file://`. At
//! full size no slide may clip its text or set it below 14 px.

mod common;

use std::path::{Path, PathBuf};

use common::browser::{
    emulate_screen, eval, file_url, launch, open, print_pdf, wait_for, MEASURE_SLIDES,
};
use common::Project;

const READY: &str =
    "document.querySelector('.deck') && document.querySelector('.deck').dataset.ready === 'true'";

fn decks(site: &Path) -> Vec<PathBuf> {
    let mut decks: Vec<PathBuf> = walkdir::WalkDir::new(site.join("workshop"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.ends_with("slides/index.html"))
        .collect();
    decks.sort();
    decks
}

/// A screen: name, CSS size, device pixels per CSS pixel, mobile browser.
struct Screen(&'static str, u32, u32, f64, bool);

const SCREENS: [Screen; 6] = [
    Screen("phone portrait", 390, 844, 3.0, true),
    Screen("phone landscape", 844, 390, 3.0, true),
    Screen("tablet portrait", 820, 1180, 2.0, true),
    Screen("tablet landscape", 1180, 820, 2.0, true),
    Screen("laptop", 1280, 720, 1.0, false),
    Screen("projector", 1024, 768, 1.0, false),
];

fn built(project: Project) -> Project {
    project.build_ok(&[]);
    project
}

#[test]
fn every_deck_shows_its_slide_whole_on_every_screen() {
    let projects = [
        built(Project::seeds()),
        built(Project::fixture("foreign_decks")),
    ];
    let browser = launch();
    let (mut checked, mut slides) = (0, 0);
    for project in &projects {
        for deck in decks(&project.site()) {
            for screen in &SCREENS {
                let tab = browser.new_tab().expect("new tab");
                emulate_screen(&tab, screen.1, screen.2, screen.3, screen.4);
                tab.navigate_to(&file_url(&deck))
                    .unwrap()
                    .wait_until_navigated()
                    .unwrap();
                wait_for(&tab, READY, 20);
                let seen = eval(&tab, "({w: innerWidth, h: innerHeight, box: document.querySelector('section.slide.active').getBoundingClientRect().toJSON(), text: document.querySelector('section.slide.active').innerText.trim().length})");
                let (w, h) = (f64::from(screen.1), f64::from(screen.2));
                let at = format!(
                    "{} on a {} ({}x{})",
                    deck.display(),
                    screen.0,
                    screen.1,
                    screen.2
                );
                assert_eq!(
                    (seen["w"].as_f64(), seen["h"].as_f64()),
                    (Some(w), Some(h)),
                    "{at}: the layout viewport is the screen"
                );
                let b = &seen["box"];
                let edge = |k: &str| b[k].as_f64().unwrap();
                let (left, top, right, bottom) =
                    (edge("left"), edge("top"), edge("right"), edge("bottom"));
                assert!(
                    left >= -0.5 && top >= -0.5 && right <= w + 0.5 && bottom <= h + 0.5,
                    "{at}: slide at {b}"
                );
                assert!(
                    right - left >= w - 1.0 || bottom - top >= h - 1.0,
                    "{at}: scaled to fit: {b}"
                );
                assert!(
                    (right - left) / (bottom - top) - 16.0 / 9.0 < 0.01,
                    "{at}: 16:9 kept: {b}"
                );
                assert!(seen["text"].as_u64().unwrap() > 0, "{at}: not blank");
                if !screen.4 {
                    // Shown at full size: no slide clips its text or sets
                    // it below 14 px.
                    let report = eval(&tab, MEASURE_SLIDES);
                    let problems = report["problems"].as_array().unwrap();
                    assert!(problems.is_empty(), "{at}:\n{problems:#?}");
                    assert!(report["smallest"].as_f64().unwrap() >= 14.0, "{at}");
                    slides += report["count"].as_u64().unwrap();
                }
                checked += 1;
                tab.close(true).ok();
            }
        }
    }
    assert_eq!(checked, (7 + 3) * SCREENS.len());
    assert!(slides > 2 * 150, "measured {slides} slides at full size");
}

/// Whether every image a slide shows (inline or as its background) loads
/// from where the deck is: resolved against the deck's own address.
const IMAGES_LOAD: &str = r#"Promise.all([
  ...[...document.querySelectorAll('.slide-content img')].map(i => i.getAttribute('src')),
  ...[...document.querySelectorAll('.slide-bg')].map(d => d.style.backgroundImage.replace(/^url\(["']?|["']?\)$/g, ''))
].map(src => new Promise(done => {
  const img = new Image();
  img.onload = () => done([src, img.naturalWidth]);
  img.onerror = () => done([src, 0]);
  img.src = new URL(src, location.href).href;
})))"#;

#[test]
fn foreign_decks_work_from_disk_in_the_speaker_view_and_in_print() {
    let project = built(Project::fixture("foreign_decks"));
    let browser = launch();
    let decks = decks(&project.site());
    assert_eq!(
        decks.len(),
        3,
        "two modules and the whole workshop: {decks:?}"
    );
    let mut images = 0;
    for deck in &decks {
        let tab = open(&browser, &file_url(deck));
        wait_for(&tab, READY, 20);
        for (src, width) in eval(&tab, IMAGES_LOAD)
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].clone(), p[1].as_u64().unwrap()))
        {
            assert!(
                width > 0,
                "{}: {src} does not load from file://",
                deck.display()
            );
            images += 1;
        }
        let slides = eval(&tab, "document.querySelectorAll('section.slide').length")
            .as_u64()
            .unwrap() as usize;
        let pdf = print_pdf(&tab);
        let pages = common::pdf_pages(&pdf);
        assert_eq!(
            pages.len(),
            slides,
            "{}: one page per slide",
            deck.display()
        );
        assert!(
            pages
                .iter()
                .all(|&(w, h)| (w - 960.0).abs() < 1.0 && (h - 540.0).abs() < 1.0),
            "{}: 1280x720 px pages: {pages:?}",
            deck.display()
        );
        tab.close(true).ok();
    }
    assert!(images >= 3, "the fixture's images were checked: {images}");

    // The Marp deck's comments are its notes, in the speaker view.
    let marp = decks
        .iter()
        .find(|d| d.display().to_string().contains("marp"))
        .unwrap();
    let tab = open(&browser, &format!("{}?speaker#2", file_url(marp)));
    wait_for(&tab, "!!document.querySelector('.sv-notes') && document.querySelector('.sv-notes').textContent.includes('Walk through each step')", 20);
    let current = eval(
        &tab,
        "document.querySelector('.sv-cur section.slide').innerText",
    );
    let current = current.as_str().unwrap();
    assert!(
        !current.contains("<!--") && !current.contains("_class"),
        "{current}"
    );
}
