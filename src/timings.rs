//! Stage timings, printed to stderr when `LECTERN_TIMINGS=1`: where a
//! build's time and memory go, for profiling.

use std::time::Instant;

/// Times one stage; prints its name and duration when dropped, if enabled.
pub struct Stage {
    name: &'static str,
    started: Instant,
    enabled: bool,
}

/// Starts timing stage `name`.
pub fn stage(name: &'static str) -> Stage {
    Stage {
        name,
        started: Instant::now(),
        enabled: std::env::var_os("LECTERN_TIMINGS").is_some_and(|v| v == "1"),
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        if self.enabled {
            eprintln!(
                "timing: {:<14} {:>8.1} ms  {:>5} MiB resident",
                self.name,
                self.started.elapsed().as_secs_f64() * 1000.0,
                resident_mib()
            );
        }
    }
}

/// The process's resident memory in MiB (Linux; 0 elsewhere).
fn resident_mib() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096 / (1024 * 1024))
}
