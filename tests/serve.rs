//! `lectern serve` as a writer uses it: edits reach open pages, editors'
//! save patterns are handled, errors show while the last good pages stay
//! served, and nothing outside the site can be read. Plus `new` and `init`.

mod common;

use std::time::Duration;

use common::server::Server;
use common::{lectern, output_text, Project};

fn library() -> Project {
    Project::with(&[
        ("content/moments/alpha.md", "---\ntitle: Alpha\ncreated: 2026-01-02\ntags: [shared]\n---\nAlpha body.\n"),
        ("content/moments/beta.md", "---\ntitle: Beta\ncreated: 2026-01-01\ntags: [shared]\n---\nBeta links to `alpha`.\n\n## Connection to Other Moments\n\n- `gamma-moment`\n"),
        ("content/frameworks/model.md", "---\ntitle: Model\n---\nA model.\n"),
    ])
}

#[test]
fn an_edit_sends_a_reload_event_and_the_new_page() {
    let p = library();
    let server = Server::start(p.root(), &[]);
    let (status, head, body) = server.get("/moments/alpha/");
    assert_eq!(status, 200);
    assert!(head
        .to_lowercase()
        .contains("content-type: text/html; charset=utf-8"));
    assert!(body.contains("Alpha body."));
    assert!(
        body.contains("<script src=\"/__lectern/live.js\" defer></script></body>"),
        "live script injected when serving"
    );

    let events = server.events();
    p.write(
        "content/moments/alpha.md",
        b"---\ntitle: Alpha\ncreated: 2026-01-02\ntags: [shared]\n---\nAlpha body, edited.\n",
    );
    let data = events.wait("reload", |d| d.contains("\"/moments/alpha/\""), 10);
    assert!(
        !data.contains("/frameworks/model/"),
        "untouched pages are not reloaded: {data}"
    );
    let (_, _, body) = server.get("/moments/alpha/");
    assert!(body.contains("Alpha body, edited."));
}

#[test]
fn a_broken_file_shows_errors_while_the_old_page_is_served() {
    let p = library();
    let server = Server::start(p.root(), &[]);
    let events = server.events();
    p.write(
        "content/moments/alpha.md",
        b"---\ntitle: [Alpha\n---\nBroken.\n",
    );
    let data = events.wait("errors", |_| true, 10);
    assert!(
        data.contains("content/moments/alpha.md:3:1: error: invalid front matter"),
        "{data}"
    );
    let (status, _, body) = server.get("/moments/alpha/");
    assert_eq!(status, 200);
    assert!(
        body.contains("Alpha body."),
        "the last good page is still served"
    );
    // A page opened now learns about the errors at once.
    let late = server.events();
    late.wait("errors", |d| d.contains("alpha.md"), 5);

    p.write(
        "content/moments/alpha.md",
        b"---\ntitle: Alpha Fixed\ncreated: 2026-01-02\n---\nFixed.\n",
    );
    events.wait("ok", |_| true, 10);
    events.wait("reload", |d| d.contains("/moments/alpha/"), 10);
    assert!(server.get("/moments/alpha/").2.contains("Alpha Fixed"));
}

#[test]
fn editors_save_patterns_and_file_and_folder_changes_are_handled() {
    let p = library();
    let server = Server::start(p.root(), &[]);
    let events = server.events();
    let dir = p.root().join("content/moments");

    // vim: probe file 4913, backup alpha.md~, write a swap, rename over.
    std::fs::write(dir.join("4913"), "").unwrap();
    std::fs::remove_file(dir.join("4913")).unwrap();
    std::fs::write(dir.join(".alpha.md.swp"), "swap").unwrap();
    std::fs::rename(dir.join("alpha.md"), dir.join("alpha.md~")).unwrap();
    std::fs::write(
        dir.join("alpha.md.tmp"),
        "---\ntitle: Alpha Renamed In\n---\nSaved by rename.\n",
    )
    .unwrap();
    std::fs::rename(dir.join("alpha.md.tmp"), dir.join("alpha.md")).unwrap();
    std::fs::remove_file(dir.join("alpha.md~")).unwrap();
    std::fs::remove_file(dir.join(".alpha.md.swp")).unwrap();
    events.wait("reload", |d| d.contains("/moments/alpha/"), 10);
    assert!(server.get("/moments/alpha/").2.contains("Saved by rename."));

    // A new folder with a file; the folder renamed; the file deleted.
    std::fs::create_dir_all(dir.join("2026/02")).unwrap();
    std::fs::write(
        dir.join("2026/02/gamma-moment.md"),
        "---\ntitle: Gamma\n---\nNew.\n",
    )
    .unwrap();
    events.wait("reload", |d| d.contains("/moments/gamma-moment/"), 10);
    assert_eq!(server.get("/moments/gamma-moment/").0, 200);
    assert!(
        server
            .get("/moments/beta/")
            .2
            .contains("href=\"/moments/gamma-moment/\""),
        "the missing moment now resolves"
    );
    std::fs::rename(dir.join("2026"), dir.join("archive")).unwrap();
    // The page shows its source path, so the move reloads it; the URL stays.
    events.wait("reload", |d| d.contains("/moments/gamma-moment/"), 10);
    let (status, _, body) = server.get("/moments/gamma-moment/");
    assert_eq!(status, 200, "folders do not change URLs");
    assert!(body.contains("content/moments/archive/02/gamma-moment.md"));
    std::fs::remove_dir_all(dir.join("archive")).unwrap();
    events.wait("reload", |d| d.contains("/moments/gamma-moment/"), 10);
    assert_eq!(server.get("/moments/gamma-moment/").0, 404);
    assert!(server
        .get("/moments/beta/")
        .2
        .contains("not in the library yet"));
    assert_eq!(server.get("/").0, 200, "the server is still up");
}

#[test]
fn stylesheets_swap_and_templates_rebuild_everything() {
    let p = library();
    std::fs::create_dir_all(p.root().join("themes/default/static")).unwrap();
    let server = Server::start(p.root(), &[]);
    let events = server.events();
    p.write(
        "themes/default/static/style.css",
        b"body { color: rebeccapurple; }\n",
    );
    let data = events.wait("css", |d| d.contains("/style.css"), 10);
    assert!(!data.contains(".html"), "{data}");
    assert!(server.get("/style.css").2.contains("rebeccapurple"));

    std::fs::create_dir_all(p.root().join("themes/default/templates")).unwrap();
    p.write("themes/default/templates/404.html", b"custom missing page");
    events.wait("reload", |d| d.contains("/404.html"), 10);
    let (status, _, body) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.starts_with("custom missing page"), "{body}");
}

#[test]
fn nothing_outside_the_site_is_served() {
    let p = library();
    p.write("secret.txt", b"do not serve");
    let server = Server::start(p.root(), &[]);
    for path in [
        "/../secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/moments/..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/content/moments/alpha.md",
        "/lectern.yaml",
        "/secret.txt",
    ] {
        let (status, _, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("do not serve"), "{path}");
    }
    let types = [
        ("/style.css", "text/css"),
        ("/atom.xml", "xml"),
        ("/published.json", "application/json"),
        ("/sitemap.xml", "xml"),
    ];
    for (path, expected) in types {
        let (status, head, _) = server.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(
            head.to_lowercase()
                .contains(&format!("content-type: {expected}"))
                || head.contains(expected),
            "{path}: {head}"
        );
    }
    let (status, head, _) = server.get("/moments");
    assert_eq!(status, 308);
    assert!(
        head.contains("location: /moments/") || head.contains("Location: /moments/"),
        "{head}"
    );
}

#[test]
fn the_build_output_never_carries_the_live_script() {
    let p = library();
    p.build_ok(&[]);
    for page in common::html_files(&p.site()) {
        assert!(!p.page(&page).contains("__lectern"), "{page}");
    }
}

#[test]
fn binding_beyond_localhost_warns() {
    let p = library();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(["serve", "--port", "0", "--bind", "0.0.0.0", "--root"])
        .arg(p.root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    assert!(
        output_text(&out).contains("warning: listening on 0.0.0.0"),
        "{}",
        output_text(&out)
    );
    let help = output_text(&lectern(&["serve", "--help"]));
    assert!(help.contains("[default: 127.0.0.1]"), "{help}");
}

#[test]
fn new_fills_in_front_matter_and_refuses_to_overwrite() {
    let p = library();
    let root = p.root().to_str().unwrap();
    let out = lectern(&[
        "new",
        "moment",
        "Delegating Without Disappearing",
        "--root",
        root,
    ]);
    assert!(out.status.success(), "{}", output_text(&out));
    let text = std::fs::read_to_string(
        p.root()
            .join("content/moments/delegating-without-disappearing.md"),
    )
    .unwrap();
    let today = chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    assert!(text.contains(&format!("created: {today}")), "{text}");
    assert!(
        text.contains("status: raw") && text.contains("tags: []") && text.contains("themes: []")
    );
    let again = lectern(&[
        "new",
        "moment",
        "Delegating without disappearing",
        "--root",
        root,
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(output_text(&again).contains("already exists"));
    for kind in ["module", "article"] {
        let out = lectern(&["new", kind, "Feedback Loops", "--root", root]);
        assert!(out.status.success(), "{}", output_text(&out));
    }
    assert!(p
        .root()
        .join("content/workshop/feedback-loops.md")
        .is_file());
    assert!(p
        .root()
        .join("content/frameworks/feedback-loops.md")
        .is_file());
    p.build_ok(&[]);
    assert!(p
        .site()
        .join("workshop/feedback-loops/slides/index.html")
        .is_file());
}

#[test]
fn init_makes_a_library_that_builds_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("library");
    let out = lectern(&["init", target.to_str().unwrap()]);
    assert!(out.status.success(), "{}", output_text(&out));
    let build = lectern(&["build", "--root", target.to_str().unwrap()]);
    assert!(build.status.success(), "{}", output_text(&build));
    assert!(target
        .join("site/moments/first-moment/index.html")
        .is_file());
    assert!(target
        .join("site/workshop/first-module/slides/index.html")
        .is_file());
    let again = lectern(&["init", target.to_str().unwrap()]);
    assert_eq!(
        again.status.code(),
        Some(1),
        "never into a folder with files"
    );
}
