//! Starting `lectern serve` for a benchmark and learning its address.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// Starts `lectern serve --port 0` on `library`; returns the process and
/// its `host:port` once it listens.
pub fn start(binary: &str, library: &std::path::Path) -> (Child, String) {
    let mut server = Command::new(binary)
        .args(["serve", "--port", "0", "--root"])
        .arg(library)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start lectern serve");
    let line = BufReader::new(server.stdout.take().expect("stdout"))
        .lines()
        .next()
        .expect("the server prints its address")
        .expect("readable");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect("an address")
        .to_string();
    (server, addr)
}
