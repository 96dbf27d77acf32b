//! The preview server under load and faults, on loopback only and in
//! bounded loops: 200 concurrent clients fetch pages while files change,
//! break, disappear and come back, and a client that subscribes to the
//! reload channel but never reads; every response is a whole page and the
//! server is still up at the end.

mod common;

use std::io::Write;
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::server::Server;
use common::Project;

const CLIENTS: usize = 200;
const REQUESTS_EACH: usize = 5;

#[test]
fn concurrent_clients_get_whole_pages_while_the_library_changes() {
    let p = Project::new();
    for i in 0..20 {
        p.write(
            &format!("content/moments/note-{i:02}.md"),
            format!(
                "---\ntitle: Note {i}\ncreated: 2026-01-{:02}\ntags: [load]\n---\n{}\n",
                i + 1,
                "Body text. ".repeat(200)
            )
            .as_bytes(),
        );
    }
    let server = Server::start(p.root(), &[]);

    // Subscribes to the reload channel and never reads a byte.
    let mut silent = TcpStream::connect(&server.addr).unwrap();
    write!(
        silent,
        "GET /__lectern/events HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.addr
    )
    .unwrap();

    let root = p.root().to_path_buf();
    let writer = std::thread::spawn(move || {
        for round in 0..30 {
            let path = root.join(format!("content/moments/note-{:02}.md", round % 20));
            let text = match round {
                // A broken save, fixed by the next round's write.
                10 => "---\ntitle: [broken\n---\n".to_string(),
                _ => format!(
                    "---\ntitle: Note edited {round}\ntags: [load]\n---\n{}\n",
                    "Edited. ".repeat(300)
                ),
            };
            std::fs::write(&path, text).unwrap();
            // A file that disappears and comes back.
            if round == 20 {
                let gone = root.join("content/moments/note-19.md");
                let saved = std::fs::read(&gone).unwrap();
                std::fs::remove_file(&gone).unwrap();
                std::thread::sleep(Duration::from_millis(30));
                std::fs::write(&gone, saved).unwrap();
            }
            std::thread::sleep(Duration::from_millis(60));
        }
    });

    let complete = Arc::new(AtomicUsize::new(0));
    let addr = server.addr.clone();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let complete = Arc::clone(&complete);
            let addr = addr.clone();
            std::thread::spawn(move || {
                for r in 0..REQUESTS_EACH {
                    let path = match (c + r) % 4 {
                        0 => "/".to_string(),
                        1 => "/moments/".to_string(),
                        2 => format!("/moments/note-{:02}/", (c + r) % 18),
                        _ => "/tags/load/".to_string(),
                    };
                    let (status, _, body) = common::server::get(&addr, &path);
                    assert_eq!(status, 200, "{path}");
                    assert!(
                        body.starts_with("<!doctype html>"),
                        "{path}: truncated start"
                    );
                    assert!(
                        body.trim_end().ends_with("</html>"),
                        "{path}: a half page ({} bytes)",
                        body.len()
                    );
                    complete.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for client in clients {
        client.join().expect("a client failed");
    }
    writer.join().unwrap();
    assert_eq!(complete.load(Ordering::Relaxed), CLIENTS * REQUESTS_EACH);

    // Still up, and the last edit is served (after the broken save was fixed).
    std::thread::sleep(Duration::from_millis(800));
    let (status, _, body) = server.get("/moments/note-09/");
    assert_eq!(status, 200);
    assert!(
        body.contains("Note edited 29"),
        "the last good build is served"
    );
    drop(silent);
}
