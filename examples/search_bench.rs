//! Measures search on a built library in headless Chromium: for each query,
//! a fresh page load, then the bytes the first query transferred and the
//! time from typing to results.
//!
//! cargo run --release --example search_bench -- LECTERN_BINARY LIBRARY [QUERY…]

#[path = "support/serve.rs"]
mod serve;

use std::ffi::OsStr;
use std::time::{Duration, Instant};

use headless_chrome::{Browser, LaunchOptions};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let binary = &args[1];
    let library = &args[2];
    let mut queries: Vec<String> = args[3..].to_vec();
    if queries.is_empty() {
        queries = [
            "leadership",
            "delegation",
            "feedback loops",
            "\"a standard\"",
            "mentor",
            "reviews",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
    }
    let (mut server, addr) = serve::start(binary, std::path::Path::new(library));

    let args: Vec<&OsStr> = [
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let browser = Browser::new(
        LaunchOptions::default_builder()
            .path(Some("/usr/bin/chromium".into()))
            .sandbox(false)
            .args(args)
            .idle_browser_timeout(Duration::from_secs(120))
            .build()
            .unwrap(),
    )
    .unwrap();
    let mut worst_bytes = 0;
    let mut times = Vec::new();
    for query in &queries {
        let tab = browser.new_tab().unwrap();
        let url = format!(
            "http://{addr}/search/?q={}",
            query.replace(' ', "+").replace('"', "%22")
        );
        tab.navigate_to(&url)
            .unwrap()
            .wait_until_navigated()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let done = tab
                .evaluate(
                    "!!window.lecternSearch && window.lecternSearch.queries > 0",
                    false,
                )
                .unwrap();
            if done.value == Some(serde_json::Value::Bool(true)) || Instant::now() > deadline {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let ms = tab
            .evaluate("window.lecternSearch.ms", false)
            .unwrap()
            .value
            .and_then(|v| v.as_f64())
            .unwrap_or(-1.0);
        let bytes = tab
            .evaluate("performance.getEntriesByType('resource').filter(r => r.name.includes('/search/')).reduce((n, r) => n + r.encodedBodySize, 0)", false)
            .unwrap()
            .value
            .and_then(|v| v.as_u64())
            .unwrap_or(0);
        let shown = tab
            .evaluate(
                "document.querySelector('.search-status').textContent",
                false,
            )
            .unwrap()
            .value;
        println!(
            "search   {query:<20} first query: {:>4} KB, {:>5.1} ms to results ({})",
            bytes / 1024,
            ms,
            shown
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        );
        worst_bytes = worst_bytes.max(bytes);
        times.push(ms);
        tab.close(true).ok();
    }
    times.sort_by(f64::total_cmp);
    println!(
        "search   worst first-query transfer {} KB; median time to results {:.1} ms",
        worst_bytes / 1024,
        times[times.len() / 2]
    );
    let _ = server.kill();
    let _ = server.wait();
}
