//! Stage timings, printed to stderr when `LECTERN_TIMINGS=1`: where a
//! build's time and memory go, for profiling.

use std::time::Instant;

/// Times one stage; prints its name and duration when dropped, if enabled.
pub struct Stage {
    name: &'static str,
    started: Instant,
    cpu_at_start: u64,
    enabled: bool,
}

/// Starts timing stage `name`.
pub fn stage(name: &'static str) -> Stage {
    let enabled = enabled();
    Stage {
        name,
        started: Instant::now(),
        cpu_at_start: if enabled { cpu_ms() } else { 0 },
        enabled,
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        if self.enabled {
            eprintln!(
                "timing: {:<14} {:>8.1} ms  {:>6} ms cpu  {:>5} MiB resident",
                self.name,
                self.started.elapsed().as_secs_f64() * 1000.0,
                cpu_ms().saturating_sub(self.cpu_at_start),
                resident_mib()
            );
        }
    }
}

/// Prints `what` beside the stage timings, when they are enabled: counts
/// that explain a stage's time (how many pages a warm build rendered).
pub fn note(what: impl FnOnce() -> String) {
    if enabled() {
        eprintln!("timing: {}", what());
    }
}

/// Whether `LECTERN_TIMINGS=1` asks for timings.
fn enabled() -> bool {
    std::env::var_os("LECTERN_TIMINGS").is_some_and(|v| v == "1")
}

/// The process's resident memory in MiB (Linux; 0 elsewhere).
fn resident_mib() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096 / (1024 * 1024))
}

/// CPU time the process has used, user and system, in milliseconds (Linux,
/// at the kernel's clock-tick resolution; 0 elsewhere).
fn cpu_ms() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold
    // spaces: utime and stime are the 12th and 13th of them.
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let mut fields = after_name.split_whitespace().skip(11);
    let ticks: u64 = fields
        .by_ref()
        .take(2)
        .filter_map(|f| f.parse::<u64>().ok())
        .sum();
    ticks * 10
}
