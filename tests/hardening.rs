//! Hardening: what a hostile or unlucky library, and a hostile web page or
//! client, cannot do to `lectern build` and `lectern serve`.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::server::{get, Server};
use common::{output_text, Project};

fn good_project() -> Project {
    Project::with(&[
        (
            "content/moments/good.md",
            "---\ntitle: Good\ntags: [delegation]\n---\nFine.\n",
        ),
        (
            "content/moments/hello.md",
            "---\ntitle: Hello\n---\nA one-word slug.\n",
        ),
    ])
}

/// Every file of the built site as text (lossy), joined.
fn whole_site(p: &Project) -> String {
    common::snapshot(&p.site())
        .into_iter()
        .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
        .collect()
}

#[test]
fn symlinks_out_of_the_project_are_not_followed_and_are_named() {
    let outside = tempfile::tempdir().unwrap();
    let secret = "TOP-SECRET-HOST-FILE";
    std::fs::write(
        outside.path().join("secret.md"),
        format!("# {secret}\n{secret}\n"),
    )
    .unwrap();
    std::fs::create_dir_all(outside.path().join("folder")).unwrap();
    std::fs::write(
        outside.path().join("folder/inner.md"),
        format!("{secret}\n"),
    )
    .unwrap();
    std::fs::write(outside.path().join("page.html"), format!("{secret}\n")).unwrap();
    let p = good_project();
    std::fs::create_dir_all(p.root().join("static")).unwrap();
    std::fs::create_dir_all(p.root().join("themes/default/templates")).unwrap();
    let link = |target: &std::path::Path, at: &str| {
        std::os::unix::fs::symlink(target, p.root().join(at)).unwrap();
    };
    link(&outside.path().join("secret.md"), "content/moments/x.md");
    link(&outside.path().join("folder"), "content/moments/folder");
    link(&outside.path().join("secret.md"), "static/passwd.txt");
    link(
        &outside.path().join("page.html"),
        "themes/default/templates/404.html",
    );
    // Inside the project, links keep working.
    p.write(
        "notes/inside.md",
        b"---\ntitle: Linked From Inside\n---\nShared.\n",
    );
    link(
        &p.root().join("notes/inside.md"),
        "content/moments/inside.md",
    );

    let out = p.build_ok(&[]);
    for at in [
        "content/moments/x.md",
        "content/moments/folder",
        "static/passwd.txt",
        "themes/default/templates/404.html",
    ] {
        assert!(
            out.contains(&format!(
                "{at}: warning: not followed: this symlink leads outside the project"
            )),
            "{at}: {out}"
        );
    }
    let site = whole_site(&p);
    assert!(
        !site.contains(secret),
        "a file from outside the project was published"
    );
    assert!(p
        .page("moments/inside/index.html")
        .contains("Linked From Inside"));
    // `check` says the same.
    let check = output_text(&p.run(&["check"]));
    assert!(
        check.contains("content/moments/x.md: warning: not followed"),
        "{check}"
    );
}

#[test]
fn names_too_long_for_the_file_system_are_located_errors_in_check_and_build() {
    let long = "a".repeat(300);
    let p = good_project();
    p.write(
        "content/moments/long.md",
        format!("---\ntitle: Long\nslug: {long}\n---\nx\n").as_bytes(),
    );
    p.write(
        "content/moments/tagged.md",
        format!("---\ntitle: Tagged\ntags: [ok, {long}]\n---\nx\n").as_bytes(),
    );
    let err = p.build_fails(&[]);
    assert!(
        err.contains("content/moments/long.md:3:7: error: slug is too long"),
        "{err}"
    );
    assert!(
        err.contains("content/moments/tagged.md:3:12: error: a `tags` value is too long"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
    let check = p.run(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    let check = output_text(&check);
    assert!(
        check.contains("long.md:3:7: error: slug is too long"),
        "{check}"
    );
}

#[test]
fn tags_without_letters_are_warned_about_and_one_word_slugs_resolve() {
    let p = good_project();
    p.write(
        "content/moments/odd.md",
        b"---\ntitle: Odd\ntags: [\".\", \"..\", \"\", fine]\nrelated_content: [hello]\n---\nx\n",
    );
    let out = p.build_ok(&[]);
    assert!(
        out.contains("odd.md:3:9: warning: `.` in `tags` has no letters or digits"),
        "{out}"
    );
    assert!(
        out.contains("odd.md:3:14: warning: `..` in `tags` has no letters or digits"),
        "{out}"
    );
    assert!(
        out.contains("odd.md:3:1: warning: `tags` has an empty value"),
        "{out}"
    );
    assert!(
        !out.contains("`hello` in `related_content` is not in the library"),
        "{out}"
    );
    assert!(p
        .page("moments/odd/index.html")
        .contains("href=\"/moments/hello/\""));
}

#[test]
fn the_output_may_not_be_inside_an_input_folder() {
    let p = good_project();
    std::fs::create_dir_all(p.root().join("static")).unwrap();
    let out = p.run(&[
        "build",
        "--out",
        p.root().join("static/out").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        output_text(&out).contains("it is inside static/"),
        "{}",
        output_text(&out)
    );
}

#[test]
fn very_long_lines_of_code_are_shown_plain_with_one_warning() {
    let p = good_project();
    let line = "x = 1; ".repeat(30_000);
    p.write(
        "content/moments/code.md",
        format!("---\ntitle: Code\n---\n\nIntro.\n\n```perl\n{line}\n```\n").as_bytes(),
    );
    let out = p.build_ok(&[]);
    assert_eq!(
        out.matches("shown without highlighting").count(),
        1,
        "{out}"
    );
    assert!(
        out.contains(
            "content/moments/code.md:7:1: warning: this code block is shown without highlighting"
        ),
        "{out}"
    );
    let page = p.page("moments/code/index.html");
    assert!(page.contains("<pre class=\"code\"><code>x = 1;"));
}

#[test]
fn many_references_in_one_file_are_located_exactly() {
    let mut body = String::from("---\ntitle: Links\nrelated_content:\n");
    for i in 0..300 {
        body.push_str(&format!("  - content/moments/missing-{i}.md\n"));
    }
    body.push_str("---\n\n");
    for i in 0..300 {
        body.push_str(&format!("Line {i} [a](nope-{i}.md) and [b](hello.md).\n"));
    }
    let p = good_project();
    p.write("content/moments/links.md", body.as_bytes());
    let out = p.build_ok(&[]);
    // The 300th related path is on line 303, column 5; the 300th body
    // link on line 306 + 299, column 10.
    assert!(
        out.contains("links.md:303:5: warning: `content/moments/missing-299.md`"),
        "{out}"
    );
    assert!(
        out.contains("links.md:605:10: warning: link to `nope-299.md`"),
        "{out}"
    );
    assert_eq!(out.matches("warning: link to `nope-").count(), 300);
}

/// Sends a GET with extra header lines; returns (status, head).
fn request(addr: &str, path: &str, headers: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

#[test]
fn the_preview_answers_only_its_own_host_and_origin() {
    let p = good_project();
    let server = Server::start(p.root(), &["--allow-host", "notes.local"]);
    let addr = &server.addr;
    let port = addr.rsplit(':').next().unwrap();
    let ok = |headers: &str| request(addr, "/moments/good/", headers).0;
    assert_eq!(ok(&format!("Host: {addr}\r\n")), 200);
    assert_eq!(ok(&format!("Host: localhost:{port}\r\n")), 200);
    assert_eq!(ok(&format!("Host: notes.local:{port}\r\n")), 200);
    let (status, text) = request(addr, "/moments/good/", "Host: evil.example\r\n");
    assert_eq!(status, 421, "{text}");
    assert!(text.contains("--allow-host"), "{text}");
    assert_eq!(ok(&format!("Host: evil.example:{port}\r\n")), 421);
    assert_eq!(
        request(addr, "/__lectern/events", "Host: evil.example\r\n").0,
        421
    );
    // A page of another site may not read the event stream or pages.
    let foreign = format!("Host: {addr}\r\nOrigin: http://evil.example\r\n");
    assert_eq!(request(addr, "/__lectern/events", &foreign).0, 403);
    assert_eq!(request(addr, "/moments/good/", &foreign).0, 403);
    assert_eq!(
        ok(&format!("Host: {addr}\r\nOrigin: http://{addr}\r\n")),
        200
    );
    assert_eq!(request(addr, "/", "").0, 400, "no Host header");
}

#[test]
fn redirects_stay_on_the_site_and_keep_the_query() {
    let p = good_project();
    let server = Server::start(p.root(), &[]);
    let host = format!("Host: {}\r\n", server.addr);
    let (status, head) = request(&server.addr, "//moments", &host);
    assert_eq!(status, 308, "{head}");
    assert!(head.contains("location: /moments/\r\n"), "{head}");
    let (status, head) = request(&server.addr, "/search?q=delegation&kind=moment", &host);
    assert_eq!(status, 308, "{head}");
    assert!(
        head.contains("location: /search/?q=delegation&kind=moment\r\n"),
        "{head}"
    );
}

#[test]
fn a_flood_of_half_open_connections_does_not_lock_out_a_browser() {
    let p = good_project();
    // The server gets 1,024 descriptors, as on many machines; the test
    // process needs more than that for its 1,100 connections.
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) };
    if limit.rlim_max < 1300 {
        eprintln!(
            "skipped: the hard limit of open files is {}",
            limit.rlim_max
        );
        return;
    }
    let raised = libc::rlimit {
        rlim_cur: limit.rlim_max.min(4096),
        rlim_max: limit.rlim_max,
    };
    unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) };
    let server = Server::start_with_limit(p.root(), 1024);
    let mut idle = Vec::new();
    for _ in 0..1100 {
        match TcpStream::connect(&server.addr) {
            Ok(stream) => idle.push(stream),
            Err(_) => break,
        }
    }
    assert!(idle.len() >= 1000, "only {} connections", idle.len());
    let started = Instant::now();
    let (status, _, body) = get(&server.addr, "/moments/good/");
    assert_eq!(status, 200);
    assert!(body.contains("Fine."));
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // Half-open connections are closed to make room, oldest first.
    let mut closed = 0;
    for stream in idle.iter_mut().take(50) {
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        let mut buf = [0u8; 1];
        if matches!(stream.read(&mut buf), Ok(0)) {
            closed += 1;
        }
    }
    assert!(closed > 0, "no half-open connection was closed");
}

#[test]
fn a_first_build_that_fails_shows_its_errors_and_reloads_when_fixed() {
    let p = good_project();
    p.write(
        "content/moments/good.md",
        b"---\ntitle: [broken\n---\nFine.\n",
    );
    let server = Server::start(p.root(), &[]);
    let events = server.events();
    let (status, _, body) = get(&server.addr, "/moments/good/");
    assert_eq!(status, 503);
    assert!(body.contains("lectern-unbuilt"), "{body}");
    assert!(body.contains("/__lectern/live.js"), "{body}");
    p.write(
        "content/moments/good.md",
        b"---\ntitle: Good\n---\nFine again.\n",
    );
    events.wait("ok", |_| true, 20);
    let (status, _, body) = get(&server.addr, "/moments/good/");
    assert_eq!(status, 200);
    assert!(body.contains("Fine again."));
}

#[test]
fn re_created_and_late_folders_are_watched_and_deleted_statics_disappear() {
    let p = good_project();
    p.write("static/old.txt", b"old file\n");
    let server = Server::start(p.root(), &[]);
    let events = server.events();
    assert_eq!(get(&server.addr, "/old.txt").0, 200);

    // rm -rf content; cp -r backup content; then an edit in the new folder.
    let backup = tempfile::tempdir().unwrap();
    common::copy_dir(&p.root().join("content"), backup.path());
    std::fs::remove_dir_all(p.root().join("content")).unwrap();
    events.wait("errors", |_| true, 20);
    common::copy_dir(backup.path(), &p.root().join("content"));
    events.wait("ok", |_| true, 20);
    std::thread::sleep(Duration::from_millis(300));
    p.write(
        "content/moments/good.md",
        b"---\ntitle: Good\n---\nEdited after the folder came back.\n",
    );
    // The copy may still end in a rebuild of its own that reloads the
    // same page: wait for the reload that carries the edit.
    let edited = (0..10).any(|_| {
        events.wait("reload", |d| d.contains("/moments/good/"), 20);
        get(&server.addr, "/moments/good/")
            .2
            .contains("Edited after the folder came back.")
    });
    assert!(edited, "the edit never reached the preview");

    // A theme folder made after the server started.
    p.write("themes/default/templates/404.html", b"custom missing page");
    events.wait("reload", |d| d.contains("/404.html"), 20);
    std::thread::sleep(Duration::from_millis(300));
    p.write(
        "themes/default/templates/404.html",
        b"custom missing page, edited",
    );
    events.wait("reload", |d| d.contains("/404.html"), 20);
    assert!(get(&server.addr, "/nothing/")
        .2
        .starts_with("custom missing page, edited"));

    // A static file deleted is no longer served.
    std::fs::remove_file(p.root().join("static/old.txt")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while get(&server.addr, "/old.txt").0 == 200 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(get(&server.addr, "/old.txt").0, 404);
}
