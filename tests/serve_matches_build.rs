//! End to end: the real `lectern serve`, its file watcher and a library of
//! a few hundred items. After a writer's ordinary edits, every file a fresh
//! `lectern build` writes is served with the same bytes (the live-reload
//! script tag aside), and what the build no longer has is not served.

mod common;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use common::server::{get, Server};
use common::Project;

const ITEMS: usize = 300;

fn moment(i: usize) -> String {
    let code = if i.is_multiple_of(10) {
        "\n```rust\nfn main() { println!(\"hi\"); }\n```\n"
    } else {
        ""
    };
    format!(
        "---\ntitle: Moment {i}\ncreated: 2026-{:02}-{:02}\nstatus: raw\ntags: [t{}, t{}, common]\nthemes: [th{}]\nrelated_content:\n  - content/moments/m{:03}.md\n---\n\n## Notes\n\nA note about delegation number {i}, linking [another](m{:03}.md).\n{code}",
        1 + i % 12,
        1 + i % 28,
        i % 17,
        i % 5,
        i % 3,
        (i + 1) % ITEMS,
        (i + 7) % ITEMS,
    )
}

fn library() -> Project {
    let p = Project::fixture("edit_sequences");
    for i in 0..ITEMS {
        p.write(&format!("content/moments/m{i:03}.md"), moment(i).as_bytes());
    }
    p
}

fn url_of(path: &str) -> String {
    match path.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{path}"),
    }
}

/// Paths where the server differs from the build, after `gone` (URLs the
/// build no longer has) are checked to be 404s.
fn differences(server: &Server, built: &BTreeMap<String, Vec<u8>>, gone: &[&str]) -> Vec<String> {
    let script = "<script src=\"/__lectern/live.js\" defer></script>";
    let mut differ = Vec::new();
    for (path, bytes) in built {
        let (status, _, body) = get(&server.addr, &url_of(path));
        let expected = String::from_utf8_lossy(bytes);
        if status != 200 || body.replacen(script, "", 1) != expected {
            differ.push(format!("{path} ({status})"));
        }
    }
    for url in gone {
        let (status, _, _) = get(&server.addr, url);
        if status != 404 {
            differ.push(format!("{url} still served ({status})"));
        }
    }
    differ
}

fn wait_for_rebuild(events: &common::server::Events) {
    // A rebuild announces itself with a reload (or errors); then quiet.
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        let seen = events.drain(700);
        if seen.is_empty() {
            return;
        }
    }
}

#[test]
fn after_ordinary_edits_serve_equals_a_fresh_build() {
    let p = library();
    let server = Server::start(p.root(), &[]);
    let events = server.events();
    let moments = p.root().join("content/moments");

    // Change the settings (page size), then retag one moment and retitle
    // another (titles show in related lists).
    p.write(
        "lectern.yaml",
        b"title: Edited Live\npaginate_by: 7\ndesk: true\nsocial_cards: true\n",
    );
    wait_for_rebuild(&events);
    let m3 = std::fs::read_to_string(moments.join("m003.md")).unwrap();
    p.write(
        "content/moments/m003.md",
        m3.replace("tags: [t3, t3, common]", "tags: [fresh-tag]")
            .as_bytes(),
    );
    wait_for_rebuild(&events);
    let m8 = std::fs::read_to_string(moments.join("m008.md")).unwrap();
    p.write(
        "content/moments/m008.md",
        m8.replace("title: Moment 8", "title: A Better Title")
            .as_bytes(),
    );
    wait_for_rebuild(&events);
    // Add a moment that cites the first.
    p.write(
        "content/moments/new-one.md",
        b"---\ntitle: New One\ncreated: 2026-12-01\nrelated_content: [content/moments/m000.md]\n---\n\nSee [m0](m000.md).\n",
    );
    wait_for_rebuild(&events);
    // An editor's rename-save: write beside, then rename over.
    let m12 = std::fs::read_to_string(moments.join("m012.md")).unwrap();
    std::fs::write(
        moments.join(".m012.md.tmp"),
        m12.replace("number 12", "number twelve"),
    )
    .unwrap();
    std::fs::rename(moments.join(".m012.md.tmp"), moments.join("m012.md")).unwrap();
    wait_for_rebuild(&events);
    // Rename a file (its URL changes) and delete another.
    std::fs::rename(moments.join("m020.md"), moments.join("m020-renamed.md")).unwrap();
    wait_for_rebuild(&events);
    std::fs::remove_file(moments.join("m021.md")).unwrap();
    wait_for_rebuild(&events);
    // Add a slide to a module.
    let module = p.root().join("content/workshop/second-module.md");
    let mut text = std::fs::read_to_string(&module).unwrap();
    text.push_str("\n---\n\n## A slide added live\n\n- one more point\n");
    std::fs::write(&module, text).unwrap();
    wait_for_rebuild(&events);
    // A note that shows an image before the image exists, and embeds
    // another note; then the image arrives and the embedded note changes.
    p.write("content/notes/Embedded Note.md", b"First words.\n");
    p.write(
        "content/notes/a.md",
        b"# A\n\n![p](pic.png) <img src=\"pic.png\" alt=\"raw\">\n\n![[Embedded Note]]\n",
    );
    wait_for_rebuild(&events);
    image::RgbImage::from_pixel(900, 20, image::Rgb([10, 20, 30]))
        .save(p.root().join("content/notes/pic.png"))
        .unwrap();
    wait_for_rebuild(&events);
    p.write("content/notes/Embedded Note.md", b"Second words.\n");
    wait_for_rebuild(&events);
    // A published piece, then figures for it from a file, then new figures.
    p.write(
        "content/moments/shipped.md",
        b"---\ntitle: Shipped\ncreated: 2026-11-01\n---\n\n## Already Published (Don't Repeat)\n\n**Short post:** \"Shipped it\"\n- Published: 2026-11-02\n",
    );
    wait_for_rebuild(&events);
    p.write("data/figures.csv", b"title,impressions\nShipped it,120\n");
    wait_for_rebuild(&events);
    p.write(
        "data/figures.csv",
        b"title,impressions,reactions\nShipped it,340,12\n",
    );
    wait_for_rebuild(&events);

    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let base = format!("http://{}/", server.addr);
    let built = p.run(&[
        "build",
        "--out",
        site.to_str().unwrap(),
        "--base-url",
        &base,
    ]);
    assert!(built.status.success(), "{}", common::output_text(&built));
    let built = common::site_files(&site);
    assert!(built.len() > 2 * ITEMS, "{} files", built.len());
    let gone = ["/moments/m020/", "/moments/m021/", "/moments/page/60/"];
    // The last rebuild may still be running: give it a moment.
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut differ = differences(&server, &built, &gone);
    while !differ.is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(500));
        differ = differences(&server, &built, &gone);
    }
    assert!(
        differ.is_empty(),
        "{} of {} differ: {differ:?}",
        differ.len(),
        built.len()
    );
    assert!(built.contains_key("desk/index.html") && built.contains_key("cards/site.png"));
    let published = String::from_utf8_lossy(&built["published/index.html"]).to_string();
    assert!(
        published.contains("<strong>340</strong> impressions"),
        "{published}"
    );
    let note = String::from_utf8_lossy(&built["notes/a/index.html"]).to_string();
    assert!(
        note.contains("Second words.") && note.contains("srcset="),
        "{note}"
    );
}
