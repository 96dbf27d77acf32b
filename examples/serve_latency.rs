//! Measures the live preview's save-to-reload-event latency: starts
//! `lectern serve` on a library, subscribes to its event stream like an open
//! page, edits one moment at a time, and times each edit until the reload
//! event for that page arrives.
//!
//! cargo run --release --example serve_latency -- LECTERN_BINARY LIBRARY [EDITS]

#[path = "support/serve.rs"]
mod serve;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let binary = &args[1];
    let library = Path::new(&args[2]);
    let edits: usize = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(20);

    let mut moments: Vec<PathBuf> = walk(&library.join("content/moments"));
    moments.sort();
    let items = walk(&library.join("content")).len();

    let started = Instant::now();
    let (mut server, addr) = serve::start(binary, library);
    let startup = started.elapsed();

    let mut stream = TcpStream::connect(&addr).unwrap();
    write!(
        stream,
        "GET /__lectern/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut name = String::new();
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if let Some(n) = line.strip_prefix("event: ") {
                name = n.to_string();
            } else if let Some(data) = line.strip_prefix("data: ") {
                let _ = tx.send((Instant::now(), name.clone(), data.to_string()));
            }
        }
    });
    std::thread::sleep(Duration::from_millis(500));

    let mut latencies = Vec::new();
    for k in 0..edits {
        let file = &moments[(k * 7919) % moments.len()];
        let slug = file.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(file).unwrap();
        while rx.try_recv().is_ok() {}
        let saved = Instant::now();
        std::fs::write(file, format!("{text}\nEdit number {k}.\n")).unwrap();
        let deadline = saved + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok((at, name, data)) if name == "reload" && data.contains(&format!("/{slug}/")) => {
                    latencies.push(at.duration_since(saved));
                    break;
                }
                Ok(_) => {}
                Err(_) => panic!("no reload event for {slug} within 30 s"),
            }
        }
        // Writers save seconds apart; let the full rebuild after each edit finish.
        std::thread::sleep(Duration::from_millis(1500));
    }
    let _ = server.kill();
    let _ = server.wait();
    latencies.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "serve    {items} items: start-up {:.2} s; one-file edit to reload event over {} edits: median {:.0} ms, p90 {:.0} ms, max {:.0} ms",
        startup.as_secs_f64(),
        latencies.len(),
        ms(latencies[latencies.len() / 2]),
        ms(latencies[latencies.len() * 9 / 10]),
        ms(*latencies.last().unwrap())
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    out
}
