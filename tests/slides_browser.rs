//! Real decks driven in headless Chromium, opened from `file://` as a
//! facilitator would open them offline: keys and hash, deep links, the
//! speaker view following and driving the deck, print page counts, nothing
//! loaded from elsewhere. Every screen size is in `screens_browser.rs`.

mod common;

use std::time::Duration;

use common::browser::{eval, file_url, launch, open, wait_for};
use common::Project;

fn built_seeds() -> Project {
    let p = Project::seeds();
    p.build_ok(&[]);
    p
}

const READY: &str =
    "document.querySelector('.deck') && document.querySelector('.deck').dataset.ready === 'true'";

#[test]
fn keys_move_through_slides_and_fragments_and_keep_the_hash() {
    let p = built_seeds();
    let deck = p
        .site()
        .join("workshop/the-identity-shift/slides/index.html");
    let browser = launch();
    let tab = open(&browser, &format!("{}#1", file_url(&deck)));
    wait_for(&tab, READY, 20);
    let hash = || eval(&tab, "location.hash").as_str().unwrap().to_string();
    let active = || {
        eval(&tab, "document.querySelector('section.slide.active').id")
            .as_str()
            .unwrap()
            .to_string()
    };
    tab.press_key("ArrowRight").unwrap();
    assert_eq!(hash(), "#2");
    assert_eq!(active(), "slide-2");
    tab.press_key("PageDown").unwrap();
    tab.press_key(" ").unwrap();
    assert_eq!(hash(), "#4");
    tab.press_key("ArrowLeft").unwrap();
    tab.press_key("PageUp").unwrap();
    assert_eq!(hash(), "#2");
    tab.press_key("End").unwrap();
    let count = eval(&tab, "document.querySelectorAll('section.slide').length")
        .as_u64()
        .unwrap();
    assert_eq!(hash(), format!("#{count}"));
    tab.press_key("Home").unwrap();
    assert_eq!(hash(), "#1");
    assert_eq!(
        eval(&tab, "document.querySelector('.slide-number').textContent"),
        format!("1 / {count}")
    );

    // "Signs you have not made the shift" reveals its list item by item.
    let fragment_slide = eval(&tab, "[...document.querySelectorAll('section.slide')].findIndex(s => s.querySelector('.fragment')) + 1")
        .as_u64()
        .unwrap();
    assert!(fragment_slide > 1);
    eval(&tab, &format!("location.hash = '#{fragment_slide}'"));
    wait_for(&tab, &format!("location.hash === '#{fragment_slide}' && document.querySelector('section.slide.active').id === 'slide-{fragment_slide}'"), 5);
    let shown = || {
        eval(
            &tab,
            "document.querySelectorAll('section.slide.active .fragment.shown').length",
        )
        .as_u64()
        .unwrap()
    };
    let fragments = eval(
        &tab,
        "document.querySelectorAll('section.slide.active .fragment').length",
    )
    .as_u64()
    .unwrap();
    assert_eq!(fragments, 5);
    assert_eq!(shown(), 0);
    tab.press_key("ArrowRight").unwrap();
    assert_eq!(shown(), 1);
    assert_eq!(
        hash(),
        format!("#{fragment_slide}"),
        "fragments stay on the slide"
    );
    tab.press_key("ArrowLeft").unwrap();
    assert_eq!(shown(), 0);
    for _ in 0..fragments {
        tab.press_key("ArrowRight").unwrap();
    }
    assert_eq!(shown(), fragments);
    tab.press_key("ArrowRight").unwrap();
    assert_eq!(hash(), format!("#{}", fragment_slide + 1));
    tab.press_key("ArrowLeft").unwrap();
    assert_eq!(shown(), fragments, "coming back shows the whole list");

    // g: go to a slide; o/Esc: overview; b/.: blackout; ?: help.
    tab.press_key("g").unwrap();
    tab.type_str("3").unwrap();
    tab.press_key("Enter").unwrap();
    assert_eq!(hash(), "#3");
    tab.press_key("o").unwrap();
    assert_eq!(
        eval(&tab, "document.body.classList.contains('overview')"),
        true
    );
    tab.press_key("Escape").unwrap();
    assert_eq!(
        eval(&tab, "document.body.classList.contains('overview')"),
        false
    );
    tab.press_key("b").unwrap();
    assert_eq!(
        eval(&tab, "!document.querySelector('.blackout').hidden"),
        true
    );
    tab.press_key(".").unwrap();
    assert_eq!(
        eval(&tab, "document.querySelector('.blackout').hidden"),
        true
    );
    tab.press_key("?").unwrap();
    assert_eq!(eval(&tab, "!document.querySelector('.help').hidden"), true);
    tab.press_key("Escape").unwrap();
    assert_eq!(eval(&tab, "document.querySelector('.help').hidden"), true);
    // Screen readers hear the change.
    assert!(eval(&tab, "document.querySelector('.live').textContent")
        .as_str()
        .unwrap()
        .starts_with("Slide 3 of"));
}

#[test]
fn a_deep_link_opens_that_slide() {
    let p = built_seeds();
    let deck = p.site().join("workshop/the-unsexy-work/slides/index.html");
    let browser = launch();
    let tab = open(&browser, &format!("{}#5", file_url(&deck)));
    wait_for(&tab, READY, 20);
    assert_eq!(
        eval(&tab, "document.querySelector('section.slide.active').id"),
        "slide-5"
    );
    assert_eq!(
        eval(
            &tab,
            "document.querySelectorAll('section.slide.active').length"
        ),
        1
    );
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('section.slide.active h2').textContent"
        ),
        "Doing the right things, or doing things right?"
    );
}

fn notes_of(tab: &headless_chrome::Tab) -> String {
    eval(
        tab,
        "(document.querySelector('.sv-notes') || {}).textContent || ''",
    )
    .as_str()
    .unwrap_or_default()
    .trim()
    .to_string()
}

#[test]
fn the_speaker_view_follows_the_deck_and_drives_it_from_file_urls() {
    let p = built_seeds();
    let deck = p
        .site()
        .join("workshop/the-identity-shift/slides/index.html");
    let browser = launch();
    let tab = open(&browser, &format!("{}#1", file_url(&deck)));
    wait_for(&tab, READY, 20);
    let expected = |n: usize| {
        eval(
            &tab,
            &format!("document.querySelector('#slide-{n} .notes').textContent.trim()"),
        )
        .as_str()
        .unwrap()
        .to_string()
    };
    let (first_notes, second_notes) = (expected(1), expected(2));
    assert!(first_notes.starts_with("Welcome everyone"), "{first_notes}");

    tab.press_key("s").unwrap();
    let speaker = {
        let deadline = std::time::Instant::now() + Duration::from_secs(15);
        loop {
            let found = browser
                .get_tabs()
                .lock()
                .unwrap()
                .iter()
                .find(|t| t.get_url().contains("?speaker"))
                .cloned();
            if let Some(t) = found {
                break t;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the speaker window did not open"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    wait_for(&speaker, READY, 20);
    wait_for(&speaker, "!!document.querySelector('.sv-notes')", 10);
    assert_eq!(notes_of(&speaker), first_notes);
    for part in ["sv-clock", "sv-elapsed", "sv-left", "sv-budget"] {
        let text = eval(
            &speaker,
            &format!("document.querySelector('.{part}').textContent"),
        );
        assert!(!text.as_str().unwrap().is_empty(), "{part} is empty");
    }
    let left = eval(&speaker, "document.querySelector('.sv-left').textContent");
    let left = left.as_str().unwrap();
    assert!(
        left == "45:00" || left.starts_with("44:"),
        "pacing counts down from the module's 45 minutes: {left}"
    );
    assert_eq!(
        eval(&speaker, "document.querySelector('.sv-pace b').textContent"),
        "On pace"
    );
    assert!(eval(
        &speaker,
        "document.querySelector('.sv-next .slide h2').textContent"
    )
    .as_str()
    .unwrap()
    .contains("Why we are here"));

    // The deck moves: the speaker view follows.
    tab.press_key("ArrowRight").unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while notes_of(&speaker) != second_notes {
        assert!(
            std::time::Instant::now() < deadline,
            "speaker view did not follow: {}",
            notes_of(&speaker)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // The speaker view moves: the deck follows.
    speaker.press_key("ArrowRight").unwrap();
    wait_for(&tab, "location.hash === '#3'", 10);
    // Pause and resume.
    eval(&speaker, "document.querySelector('.sv-pause').click()");
    assert!(eval(
        &speaker,
        "document.querySelector('.sv-elapsed').textContent"
    )
    .as_str()
    .unwrap()
    .contains("paused"));
    eval(&speaker, "document.querySelector('.sv-pause').click()");
    assert_eq!(
        eval(&speaker, "document.querySelector('.sv-pause').textContent"),
        "Pause"
    );
}

#[test]
fn printing_gives_one_landscape_page_per_slide_and_notes_on_request() {
    let p = built_seeds();
    let browser = launch();
    for name in ["the-identity-shift", "ic-to-technical-leader"] {
        let deck = p.site().join(format!("workshop/{name}/slides/index.html"));
        for query in ["", "?notes"] {
            let tab = open(&browser, &format!("{}{query}", file_url(&deck)));
            wait_for(&tab, READY, 20);
            let slides = eval(&tab, "document.querySelectorAll('section.slide').length")
                .as_u64()
                .unwrap() as usize;
            let pdf = common::browser::print_pdf(&tab);
            let pages = common::pdf_pages(&pdf);
            assert_eq!(
                pages.len(),
                slides,
                "{name}{query}: {} pages for {slides} slides",
                pages.len()
            );
            assert!(
                pages.iter().all(|(w, h)| w > h),
                "{name}{query}: every page is landscape: {:?}",
                &pages[..3]
            );
            if query.is_empty() {
                assert!(
                    pages
                        .iter()
                        .all(|&(w, h)| (w - 960.0).abs() < 1.0 && (h - 540.0).abs() < 1.0),
                    "1280x720 px pages"
                );
            } else {
                assert_eq!(
                    eval(
                        &tab,
                        // The deep-dive module has no notes of its own.
                        "[...document.querySelectorAll('.notes')].every(n => getComputedStyle(n).display === 'none') && 'none'"
                    ),
                    "none",
                    "notes stay off screen"
                );
                assert!(
                    eval(&tab, "document.body.classList.contains('print-notes')")
                        .as_bool()
                        .unwrap()
                );
            }
            tab.close(true).ok();
        }
    }
}

#[test]
fn decks_load_nothing_from_anywhere_else() {
    let p = built_seeds();
    let deck = p.site().join("workshop/slides/index.html");
    let browser = launch();
    let tab = open(&browser, &file_url(&deck));
    wait_for(&tab, READY, 20);
    let resources = eval(
        &tab,
        "performance.getEntriesByType('resource').map(r => r.name)",
    );
    assert_eq!(
        resources,
        serde_json::json!([]),
        "a deck is one self-contained file"
    );
    let html = std::fs::read_to_string(&deck).unwrap();
    assert!(!html.contains("src=\"http"), "no remote scripts or images");
    assert!(
        !html.contains("<link rel=\"stylesheet\""),
        "styles are inline"
    );
}
