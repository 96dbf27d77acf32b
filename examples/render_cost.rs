//! Times the parts of page rendering on a prepared library, in one process:
//! planning item pages, rendering them, list pages, the single pages.
//!
//! cargo run --release --example render_cost -- LIBRARY [RUNS]

use std::time::Instant;

use rayon::prelude::*;

use lectern::site::{graph_page, list_plan, ListValues, PageValues, Planner, Single};

fn ms(started: Instant) -> String {
    format!("{:>5.0} ms", started.elapsed().as_secs_f64() * 1000.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = std::path::PathBuf::from(&args[1]);
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(3);
    let p = lectern::build::prepare(&lectern::build::BuildOptions::new(&root), None, None)
        .unwrap_or_else(|_| panic!("the library has errors"));
    let n = p.library.items.len();
    for run in 0..runs {
        let t = Instant::now();
        let planner = Planner::new(&p.library, &p.bodies);
        let planned = ms(t);
        let t = Instant::now();
        let jobs: Vec<_> = (0..n)
            .into_par_iter()
            .map(|id| planner.item_page(id).unwrap())
            .collect();
        let item_plans = ms(t);
        let t = Instant::now();
        let bytes: usize = jobs
            .par_iter()
            .map(|job| match job.clone().render(&p.theme).unwrap().contents {
                lectern::output::Contents::Bytes(b) => b.len(),
                _ => 0,
            })
            .sum();
        let item_renders = ms(t);
        drop(jobs);
        let t = Instant::now();
        (0..n).into_par_iter().for_each(|id| {
            planner.card_html(&p.theme, id).unwrap();
        });
        let cards = ms(t);
        let t = Instant::now();
        let lists = list_plan(&planner);
        let list_jobs: Vec<_> = lists
            .par_iter()
            .map(|page| {
                ListValues::new(&planner, &p.theme, page)
                    .unwrap()
                    .into_job()
                    .unwrap()
            })
            .collect();
        let list_plans = ms(t);
        let t = Instant::now();
        list_jobs.into_par_iter().for_each(|job| {
            job.render(&p.theme).unwrap();
        });
        let list_renders = ms(t);
        let t = Instant::now();
        let mut singles: Vec<_> = Single::all(&planner)
            .into_iter()
            .map(|s| s.page(&planner, &p.theme).unwrap())
            .collect();
        let single_plans = ms(t);
        let t = Instant::now();
        singles.push(graph_page(&planner).into_job().unwrap());
        let graph_plan = ms(t);
        let t = Instant::now();
        singles.into_par_iter().for_each(|job| {
            job.render(&p.theme).unwrap();
        });
        let single_renders = ms(t);
        println!(
            "run {run}: planner {planned}; items: plan {item_plans}, render {item_renders} ({} MB); cards {cards}; lists ({}): plan {list_plans}, render {list_renders}; singles: plan {single_plans} + graph {graph_plan}, render {single_renders}",
            bytes / 1_000_000,
            lists.len()
        );
    }
}
