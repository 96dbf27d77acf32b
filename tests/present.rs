//! `lectern present` as a facilitator uses it: the decks on the network
//! behind a token, a phone (mobile emulation) as the remote driving the
//! laptop's deck and following it, and nothing else of the site served.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use common::browser::{eval, launch, set_phone_viewport, set_viewport, wait_for};
use common::checkers::{axe_violations, install_axe, vnu_errors};
use common::Project;
use headless_chrome::{Browser, Tab};

/// A running session, stopped when dropped.
struct Session {
    child: Child,
    /// `127.0.0.1:PORT`.
    addr: String,
    token: String,
    /// What it printed before serving.
    said: String,
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Session {
    /// `lectern present --port 0` on `root`, with the default address (the
    /// network), as a facilitator starts it.
    fn start(root: &std::path::Path) -> Session {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lectern"))
            .args(["present", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start lectern present");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut said = String::new();
        for line in lines.by_ref() {
            let line = line.unwrap();
            said.push_str(&line);
            said.push('\n');
            if line.starts_with("listening on") {
                break;
            }
        }
        std::thread::spawn(move || for _ in lines {});
        let laptop = said
            .lines()
            .find_map(|l| l.trim().strip_prefix("on this laptop: http://localhost:"))
            .unwrap_or_else(|| panic!("no laptop address in {said:?}"));
        let (port, token) = laptop.split_once("/?token=").expect("port and token");
        Session {
            child,
            addr: format!("127.0.0.1:{port}"),
            token: token.to_string(),
            said,
        }
    }

    fn url(&self, path: &str) -> String {
        let join = if path.contains('?') { '&' } else { '?' };
        format!("http://{}{path}{join}token={}", self.addr, self.token)
    }

    /// A raw request with `headers`; (status, body).
    fn request(&self, method: &str, path: &str, headers: &str, body: &str) -> (u16, String) {
        let (status, _, body) = common::server::request(&self.addr, method, path, headers, body);
        (status, body)
    }

    fn get_with_cookie(&self, path: &str) -> (u16, String) {
        let cookie = format!("Cookie: lectern_present={}\r\n", self.token);
        self.request("GET", path, &cookie, "")
    }
}

const DECK: &str = "workshop/the-identity-shift/slides/";

fn tab(browser: &Browser, url: &str, phone: bool) -> Arc<Tab> {
    let tab = browser.new_tab().expect("new tab");
    tab.set_default_timeout(Duration::from_secs(30));
    install_axe(&tab);
    if phone {
        set_phone_viewport(&tab, 390, 844);
    } else {
        set_viewport(&tab, 1280, 720);
    }
    tab.navigate_to(url)
        .expect("navigate")
        .wait_until_navigated()
        .expect("load");
    tab
}

fn active_slide(deck: &Tab) -> String {
    eval(deck, "document.querySelector('section.slide.active').id")
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn without_the_token_nothing_is_served_and_with_it_only_the_decks() {
    let project = Project::seeds();
    let session = Session::start(project.root());
    assert!(
        session.said.contains("beyond this machine"),
        "it says it listens on the network: {}",
        session.said
    );
    assert_eq!(session.token.len(), 32);
    for path in [
        "/",
        "/remote/",
        &format!("/{DECK}"),
        "/__lectern/present/decks",
        "/moments/",
    ] {
        assert_eq!(
            session.request("GET", path, "", "").0,
            403,
            "{path} without the token"
        );
        let wrong = format!("{path}?token=00000000000000000000000000000000");
        assert_eq!(
            session.request("GET", &wrong, "", "").0,
            403,
            "{path} with a wrong token"
        );
    }
    let change = format!("{{\"deck\":\"{DECK}\",\"n\":1}}");
    assert_eq!(
        session
            .request("POST", "/__lectern/present/state", "", &change)
            .0,
        403
    );
    // With the token: the decks and the remote, nothing else of the site.
    for path in ["/", "/remote/", &format!("/{DECK}"), "/favicon.svg"] {
        assert_eq!(session.get_with_cookie(path).0, 200, "{path}");
    }
    for path in [
        "/index.html",
        "/moments/",
        "/search/",
        "/search.js",
        "/published.json",
        "/workshop/",
        "/../Cargo.toml",
    ] {
        assert_eq!(session.get_with_cookie(path).0, 404, "{path} is not a deck");
    }
    let (status, page) =
        session.request("GET", &format!("/{DECK}?token={}", session.token), "", "");
    assert_eq!(status, 200);
    assert!(
        page.contains("/__lectern/present/bridge.js"),
        "the deck joins the session"
    );
    // A page of another site cannot move the deck, even with the cookie.
    let cookie = format!(
        "Cookie: lectern_present={}\r\nOrigin: http://evil.example\r\n",
        session.token
    );
    assert_eq!(
        session
            .request("POST", "/__lectern/present/state", &cookie, &change)
            .0,
        403
    );
}

#[test]
fn a_phone_drives_the_deck_and_follows_it() {
    let project = Project::seeds();
    let session = Session::start(project.root());
    let browser = launch();
    let deck = tab(&browser, &session.url(&format!("/{DECK}")), false);
    wait_for(
        &deck,
        "document.querySelector('.deck').dataset.ready === 'true'",
        20,
    );
    let remote = tab(
        &browser,
        &session.url(&format!("/remote/?deck={DECK}")),
        true,
    );
    wait_for(&remote, "document.body.dataset.ready === 'true'", 20);
    assert_eq!(active_slide(&deck), "slide-1");
    let title = |n: u32| {
        eval(
            &deck,
            &format!("document.getElementById('slide-{n}').dataset.title"),
        )
        .as_str()
        .unwrap()
        .to_string()
    };
    let text = |sel: &str| {
        eval(
            &remote,
            &format!("document.querySelector('{sel}').textContent"),
        )
        .as_str()
        .unwrap_or_default()
        .to_string()
    };
    assert_eq!(text(".current"), title(1));
    assert_eq!(text(".next"), title(2));

    // The phone's Next moves the laptop's deck, and the phone shows that
    // slide's notes.
    eval(&remote, "document.querySelector('.go-next').click()");
    wait_for(
        &deck,
        "document.querySelector('section.slide.active').id === 'slide-2'",
        10,
    );
    assert_eq!(text(".current"), title(2));
    let notes = eval(
        &deck,
        "document.querySelector('#slide-2 .notes').textContent.trim().slice(0, 40)",
    );
    let notes = notes.as_str().unwrap();
    assert!(!notes.is_empty(), "slide 2 of the seeds has notes");
    assert!(
        text(".notes").contains(notes),
        "the remote shows the notes: {:?}",
        text(".notes")
    );

    // The laptop's keys move the phone.
    eval(
        &deck,
        "dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight'})) || true",
    );
    wait_for(
        &remote,
        "document.querySelector('.count').textContent.startsWith('3 of')",
        10,
    );
    assert_eq!(text(".current"), title(3));
    eval(&remote, "document.querySelector('.go-prev').click()");
    wait_for(
        &deck,
        "document.querySelector('section.slide.active').id === 'slide-2'",
        10,
    );

    // Pause holds the timer; the blackout reaches the room's screen.
    eval(&remote, "document.querySelector('.pause').click()");
    wait_for(
        &remote,
        "document.querySelector('.elapsed').textContent.includes('paused')",
        10,
    );
    assert_eq!(text(".pause"), "Resume");
    eval(&remote, "document.querySelector('.black').click()");
    wait_for(&deck, "!document.querySelector('.blackout').hidden", 10);
    wait_for(
        &remote,
        "document.querySelector('.black').getAttribute('aria-pressed') === 'true'",
        10,
    );
    eval(&remote, "document.querySelector('.black').click()");
    wait_for(&deck, "document.querySelector('.blackout').hidden", 10);

    // A deck opened later follows the session, and the laptop's speaker
    // view keeps the session's timer.
    let late = tab(&browser, &session.url(&format!("/{DECK}")), false);
    wait_for(
        &late,
        "document.querySelector('section.slide.active').id === 'slide-2'",
        10,
    );
    let speaker = tab(&browser, &session.url(&format!("/{DECK}?speaker")), false);
    wait_for(&speaker, "!!document.querySelector('.sv-elapsed') && document.querySelector('.sv-elapsed').textContent.includes('paused')", 10);
    wait_for(
        &speaker,
        "document.querySelector('section.slide.active').id === 'slide-2'",
        10,
    );
    eval(&speaker, "document.querySelector('.sv-pause').click()");
    wait_for(
        &remote,
        "!document.querySelector('.elapsed').textContent.includes('paused')",
        10,
    );

    // The remote is made for a phone: nothing wider than the screen, large
    // buttons, pacing shown.
    let fits = eval(
        &remote,
        "document.documentElement.scrollWidth <= innerWidth",
    );
    assert_eq!(fits, serde_json::json!(true));
    let heights = eval(
        &remote,
        "[...document.querySelectorAll('button')].map(b => b.getBoundingClientRect().height)",
    );
    for h in heights.as_array().unwrap() {
        assert!(
            h.as_f64().unwrap() >= 44.0,
            "touch targets of 44 px at least: {heights}"
        );
    }
    let next_height = eval(
        &remote,
        "document.querySelector('.go-next').getBoundingClientRect().height",
    );
    assert!(next_height.as_f64().unwrap() >= 100.0, "{next_height}");
    assert!(!text(".left").is_empty() && !text(".pace b").is_empty());

    // Accessible, like every page of the site.
    let violations = axe_violations(&remote, None);
    assert!(violations.is_empty(), "remote: {violations:#?}");
    let index = tab(&browser, &session.url("/"), true);
    let violations = axe_violations(&index, None);
    assert!(violations.is_empty(), "index: {violations:#?}");
}

#[test]
fn the_session_pages_are_valid_html() {
    let project = Project::seeds();
    let session = Session::start(project.root());
    let dir = tempfile::tempdir().unwrap();
    for (name, path) in [("index.html", "/"), ("remote.html", "/remote/")] {
        let (status, body) = session.get_with_cookie(path);
        assert_eq!(status, 200);
        std::fs::write(dir.path().join(name), body).unwrap();
    }
    let errors = vnu_errors(&[dir.path()]);
    assert!(errors.is_empty(), "{errors:#?}");
}
