//! Stage timings, printed to stderr when `LECTERN_TIMINGS=1`: where a
//! build's time goes, for profiling.

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
                "timing: {:<14} {:>8.1} ms",
                self.name,
                self.started.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
}
