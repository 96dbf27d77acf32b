//! The live preview in a real browser: an open page refreshes by itself
//! after an edit, shows build errors in an overlay until they are fixed, and
//! a deck stays on its slide across reloads.

mod common;

use common::browser::{eval, launch, open, wait_for};
use common::server::Server;
use common::Project;

#[test]
fn an_open_page_refreshes_itself_and_shows_errors_until_fixed() {
    let p = Project::with(&[(
        "content/moments/live.md",
        "---\ntitle: Live\ncreated: 2026-01-01\n---\nFirst version.\n",
    )]);
    let server = Server::start(p.root(), &[]);
    let browser = launch();
    let tab = open(&browser, &format!("http://{}/moments/live/", server.addr));
    wait_for(
        &tab,
        "document.body.textContent.includes('First version.')",
        10,
    );
    // Mark the page: a real reload forgets the mark.
    eval(&tab, "window.__before = 1");
    // Give the page's event stream a moment to connect.
    std::thread::sleep(std::time::Duration::from_millis(500));

    p.write(
        "content/moments/live.md",
        b"---\ntitle: Live\ncreated: 2026-01-01\n---\nSecond version.\n",
    );
    wait_for(
        &tab,
        "document.body.textContent.includes('Second version.')",
        10,
    );
    assert_eq!(
        eval(&tab, "window.__before === undefined"),
        true,
        "the page reloaded itself"
    );

    p.write(
        "content/moments/live.md",
        b"---\ntitle: [Live\n---\nBroken.\n",
    );
    wait_for(&tab, "!!document.getElementById('lectern-errors')", 10);
    let overlay = eval(
        &tab,
        "document.getElementById('lectern-errors').textContent",
    );
    assert!(
        overlay
            .as_str()
            .unwrap()
            .contains("content/moments/live.md:3:1: error"),
        "{overlay}"
    );
    assert!(
        eval(
            &tab,
            "document.body.textContent.includes('Second version.')"
        )
        .as_bool()
        .unwrap(),
        "last good page underneath"
    );

    p.write(
        "content/moments/live.md",
        b"---\ntitle: Live\ncreated: 2026-01-01\n---\nThird version.\n",
    );
    wait_for(&tab, "document.body.textContent.includes('Third version.') && !document.getElementById('lectern-errors')", 10);
}

#[test]
fn a_deck_keeps_its_slide_across_reloads() {
    let p = Project::with(&[(
        "content/workshop/talk.md",
        "---\ntitle: Talk\norder: 1\nduration: 10\n---\n# Talk\n\nNote:\nHi.\n\n---\n\n## Two\n\nNote:\nTwo.\n\n---\n\n## Three\n\nOriginal text.\n\nNote:\nThree.\n",
    )]);
    let server = Server::start(p.root(), &[]);
    let browser = launch();
    let tab = open(
        &browser,
        &format!("http://{}/workshop/talk/slides/#3", server.addr),
    );
    wait_for(&tab, "document.querySelector('.deck') && document.querySelector('.deck').dataset.ready === 'true'", 10);
    std::thread::sleep(std::time::Duration::from_millis(500));
    let text = std::fs::read_to_string(p.root().join("content/workshop/talk.md")).unwrap();
    p.write(
        "content/workshop/talk.md",
        text.replace("Original text.", "Edited text.").as_bytes(),
    );
    wait_for(&tab, "!!document.querySelector('section.slide.active') && document.querySelector('section.slide.active').textContent.includes('Edited text.')", 10);
    assert_eq!(eval(&tab, "location.hash"), "#3");
    assert_eq!(
        eval(&tab, "document.querySelector('section.slide.active').id"),
        "slide-3"
    );
}
