//! Real decks driven in headless Chromium, opened from `file://` as a
//! facilitator would open them offline: keys and hash, deep links, the
//! speaker view following and driving the deck, print page counts, and no
//! clipped or too-small text on any slide of any deck at two screen sizes.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::browser::{eval, file_url, launch, open, set_viewport, wait_for};
use common::Project;

fn built_seeds() -> Project {
    let p = Project::seeds();
    p.build_ok(&[]);
    p
}

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

const READY: &str =
    "document.querySelector('.deck') && document.querySelector('.deck').dataset.ready === 'true'";

/// Measures every slide independently of the runtime's own bookkeeping:
/// anything drawn outside the slide's content box is clipped, and every
/// piece of text must be at least 14 px on screen.
const MEASURE: &str = r#"(() => {
  const slides = [...document.querySelectorAll('section.slide')];
  const problems = [];
  let smallest = 1e9;
  slides.forEach((s, i) => {
    const was = s.style.display;
    s.style.display = 'block';
    const box = s.querySelector('.slide-content');
    const frame = box.getBoundingClientRect();
    const scale = s.getBoundingClientRect().width / 1280;
    if (box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1) {
      problems.push(`slide ${i + 1}: content ${box.scrollWidth}x${box.scrollHeight} overflows ${box.clientWidth}x${box.clientHeight}`);
    }
    const walker = document.createTreeWalker(s, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (!node.textContent.trim()) continue;
      const el = node.parentElement;
      if (el.closest('.notes') || el.closest('.anchor')) continue;
      const size = parseFloat(getComputedStyle(el).fontSize) * scale;
      smallest = Math.min(smallest, size);
      if (size < 13.99) problems.push(`slide ${i + 1}: "${node.textContent.trim().slice(0, 30)}" is ${size.toFixed(1)}px`);
      if (el.closest('.slide-content')) {
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
          if (r.bottom > frame.bottom + 1 || r.right > frame.right + 1 || r.left < frame.left - 1) {
            problems.push(`slide ${i + 1}: "${node.textContent.trim().slice(0, 30)}" is clipped`);
            break;
          }
        }
      }
    }
    s.style.display = was;
  });
  return { count: slides.length, problems, smallest };
})()"#;

#[test]
fn no_slide_of_any_deck_clips_text_or_shrinks_it_below_14px() {
    let p = built_seeds();
    let all = decks(&p.site());
    assert_eq!(
        all.len(),
        7,
        "six module decks and the whole-workshop deck: {all:?}"
    );
    let browser = launch();
    let mut total = 0;
    for (width, height) in [(1280, 720), (1024, 768)] {
        for deck in &all {
            let tab = browser.new_tab().unwrap();
            set_viewport(&tab, width, height);
            tab.navigate_to(&file_url(deck))
                .unwrap()
                .wait_until_navigated()
                .unwrap();
            wait_for(&tab, READY, 20);
            let report = eval(&tab, MEASURE);
            let problems = report["problems"].as_array().unwrap();
            assert!(
                problems.is_empty(),
                "{} at {width}x{height}:\n{}",
                deck.display(),
                problems
                    .iter()
                    .map(|p| p.as_str().unwrap())
                    .collect::<Vec<_>>()
                    .join("\n")
            );
            assert!(report["smallest"].as_f64().unwrap() >= 14.0);
            total += report["count"].as_u64().unwrap();
            tab.close(true).ok();
        }
    }
    assert!(total > 2 * 150, "measured {total} slides");
}

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

/// The size of every page of a PDF (Chromium writes page objects as text).
fn pdf_pages(pdf: &[u8]) -> Vec<(f64, f64)> {
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let mut sizes = Vec::new();
    let mut at = 0;
    while let Some(i) = find(&pdf[at..], b"/Type /Page") {
        let start = at + i;
        at = start + 11;
        if pdf.get(at) == Some(&b's') {
            continue;
        }
        let window = &pdf[start.saturating_sub(400)..(start + 400).min(pdf.len())];
        let size = find(window, b"/MediaBox [").map(|m| {
            let rest = &window[m + 11..];
            let end = rest.iter().position(|&b| b == b']').unwrap_or(rest.len());
            let numbers: Vec<f64> = String::from_utf8_lossy(&rest[..end])
                .split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect();
            (numbers[2] - numbers[0], numbers[3] - numbers[1])
        });
        sizes.push(size.unwrap_or((0.0, 0.0)));
    }
    sizes
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
            let pdf = tab
                .print_to_pdf(Some(headless_chrome::types::PrintToPdfOptions {
                    prefer_css_page_size: Some(true),
                    print_background: Some(true),
                    ..Default::default()
                }))
                .unwrap();
            let pages = pdf_pages(&pdf);
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

/// On a phone (mobile emulation, portrait and landscape) every deck shows
/// its slide scaled to fit the screen: inside the viewport, as wide (or as
/// tall) as it allows, and not blank.
#[test]
fn decks_fit_a_phone_in_portrait_and_landscape() {
    let p = built_seeds();
    let browser = launch();
    for deck in decks(&p.site()) {
        for (width, height) in [(390u32, 844u32), (844, 390)] {
            let tab = browser.new_tab().expect("new tab");
            common::browser::set_phone_viewport(&tab, width, height);
            tab.navigate_to(&file_url(&deck))
                .unwrap()
                .wait_until_navigated()
                .unwrap();
            wait_for(&tab, READY, 20);
            let seen = eval(&tab, "({w: innerWidth, h: innerHeight, box: document.querySelector('section.slide.active').getBoundingClientRect().toJSON(), text: document.querySelector('section.slide.active').innerText.trim().length})");
            let (w, h) = (f64::from(width), f64::from(height));
            assert_eq!(
                (seen["w"].as_f64(), seen["h"].as_f64()),
                (Some(w), Some(h)),
                "{}: the layout viewport is the screen",
                deck.display()
            );
            let b = &seen["box"];
            let (left, top, right, bottom) = (
                b["left"].as_f64().unwrap(),
                b["top"].as_f64().unwrap(),
                b["right"].as_f64().unwrap(),
                b["bottom"].as_f64().unwrap(),
            );
            assert!(
                left >= -0.5 && top >= -0.5 && right <= w + 0.5 && bottom <= h + 0.5,
                "{} at {width}x{height}: slide at {b}",
                deck.display()
            );
            let fills = (right - left >= w - 1.0) || (bottom - top >= h - 1.0);
            assert!(
                fills,
                "{} at {width}x{height}: slide scaled to fit: {b}",
                deck.display()
            );
            assert!(seen["text"].as_u64().unwrap() > 0, "not blank");
            tab.close(true).ok();
        }
    }
}
