//! Times the search index build alone on a prepared library, in one
//! process: with files written to a staging folder and with nothing written.
//!
//! cargo run --release --example index_cost -- LIBRARY [RUNS]

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = std::path::PathBuf::from(&args[1]);
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    let prepared = lectern::build::prepare(&lectern::build::BuildOptions::new(&root), None, None)
        .unwrap_or_else(|_| panic!("the library has errors"));
    let out = std::env::temp_dir().join("lectern-index-cost");
    for run in 0..runs {
        let started = Instant::now();
        lectern::search::build_index(&prepared.library, &prepared.bodies, &|file| {
            std::hint::black_box(file);
        });
        let in_memory = started.elapsed();
        let staging = lectern::output::Staging::new(&out).expect("staging folder");
        let started = Instant::now();
        lectern::search::build_index(&prepared.library, &prepared.bodies, &|file| {
            staging.write(&file.path, &file.contents).expect("write");
        });
        let written = started.elapsed();
        println!(
            "run {run}: index in memory {:.0} ms, written {:.0} ms",
            in_memory.as_secs_f64() * 1000.0,
            written.as_secs_f64() * 1000.0
        );
    }
}
