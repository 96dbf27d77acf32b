//! How much memory each page of which a site has one (home, taxonomy
//! indexes, published, search, desk, 404), the graph page and
//! `published.json` take while they are made: the most the heap grew above
//! where it stood before, counted by a wrapper around the system
//! allocator.
//!
//! cargo run --release --example single_page_memory -- LIBRARY

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use lectern::output::Contents;
use lectern::site::{graph_page, PageValues, Planner, Single};

/// The system allocator, counting the bytes held now and the most held.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static MOST: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; the
// counters only add and subtract sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's layout, passed on.
        let block = unsafe { System.alloc(layout) };
        let held = HELD.fetch_add(layout.size(), Relaxed) + layout.size();
        MOST.fetch_max(held, Relaxed);
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // SAFETY: a block this allocator gave, with its layout.
        unsafe { System.dealloc(block, layout) };
        HELD.fetch_sub(layout.size(), Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mib(bytes: usize) -> f64 {
    bytes as f64 / 1_048_576.0
}

/// Runs `make`, and prints the most the heap grew while it ran and the
/// size of what it made.
fn measure(name: &str, make: impl FnOnce() -> Contents) {
    let before = HELD.load(Relaxed);
    MOST.store(before, Relaxed);
    let made = match make() {
        Contents::Bytes(bytes) => bytes.len(),
        _ => 0,
    };
    println!(
        "{name:<22} {:>7.1} MiB while made, {:>6} KB made",
        mib(MOST.load(Relaxed) - before),
        made / 1024
    );
}

fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("LIBRARY"));
    let Ok(prepared) =
        lectern::build::prepare(&lectern::build::BuildOptions::new(&root), None, None)
    else {
        panic!("the library has errors: run `lectern check` on it");
    };
    let planner = Planner::new(&prepared.library, &prepared.bodies);
    println!(
        "library, bodies and planner: {:.1} MiB held",
        mib(HELD.load(Relaxed))
    );
    let theme = &prepared.theme;
    for single in Single::all(&planner) {
        let path = single.path(&planner);
        measure(&path, || {
            single
                .page(&planner, theme)
                .and_then(|job| job.render(theme))
                .map(|file| file.contents)
                .unwrap_or(Contents::Bytes(Vec::new()))
        });
    }
    measure("graph", || {
        graph_page(&planner)
            .into_job()
            .and_then(|job| job.render(theme))
            .map(|file| file.contents)
            .unwrap_or(Contents::Bytes(Vec::new()))
    });
    measure("published.json", || {
        lectern::site::library_views::published_json(&prepared.library).contents
    });
}
