//! Runs `lectern serve` on a free port and talks to it over plain TCP, as a
//! browser would: page requests and the live-reload event stream.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

/// A running server, stopped when dropped.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `lectern serve --port 0` on `root` and waits until it listens.
    pub fn start(root: &Path, extra: &[&str]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_lectern"));
        command
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .args(extra);
        Server::spawn(command)
    }

    /// Starts `lectern serve` allowed at most `files` open files.
    pub fn start_with_limit(root: &Path, files: u32) -> Server {
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(format!(
                "ulimit -n {files} && exec \"$0\" serve --port 0 --root \"$1\""
            ))
            .arg(env!("CARGO_BIN_EXE_lectern"))
            .arg(root);
        Server::spawn(command)
    }

    fn spawn(mut command: Command) -> Server {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start lectern serve");
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let line = lines.next().expect("server prints its address").unwrap();
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        std::thread::spawn(move || for _ in lines {});
        Server { child, addr }
    }

    /// Sends a raw GET for `path` (sent as written) and returns (status, headers, body).
    pub fn get(&self, path: &str) -> (u16, String, String) {
        get(&self.addr, path)
    }

    /// Subscribes to the live-reload stream; events arrive as (name, data).
    pub fn events(&self) -> Events {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        write!(
            stream,
            "GET /__lectern/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.addr
        )
        .unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let reader = BufReader::new(stream);
            let mut name = String::new();
            for line in reader.lines() {
                let Ok(line) = line else { break };
                if let Some(n) = line.strip_prefix("event: ") {
                    name = n.to_string();
                } else if let Some(data) = line.strip_prefix("data: ") {
                    if tx.send((name.clone(), data.to_string())).is_err() {
                        break;
                    }
                }
            }
        });
        // Let the subscription reach the server before anything changes.
        std::thread::sleep(Duration::from_millis(300));
        Events { rx }
    }
}

/// Sends a raw GET for `path` (as written) to `addr`; (status, headers, body).
pub fn get(addr: &str, path: &str) -> (u16, String, String) {
    request(addr, "GET", path, "", "")
}

/// Sends a raw request: `headers` are whole lines (`Name: value\r\n`),
/// `body` goes as written; (status, headers, body).
pub fn request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &str,
    body: &str,
) -> (u16, String, String) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let length = if method == "GET" {
        String::new()
    } else {
        format!("Content-Length: {}\r\n", body.len())
    };
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{headers}{length}\r\n{body}"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

/// Events from the live-reload stream.
pub struct Events {
    rx: Receiver<(String, String)>,
}

impl Events {
    /// Waits for an event named `name` whose data satisfies `check`.
    pub fn wait(&self, name: &str, check: impl Fn(&str) -> bool, seconds: u64) -> String {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.rx.recv_timeout(left) {
                Ok((n, data)) if n == name && check(&data) => return data,
                Ok(other) => seen.push(other),
                Err(_) => break,
            }
        }
        panic!("no {name} event within {seconds}s; saw {seen:?}");
    }

    /// Collects the events of the next `millis` milliseconds.
    pub fn drain(&self, millis: u64) -> Vec<(String, String)> {
        let deadline = Instant::now() + Duration::from_millis(millis);
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.rx.recv_timeout(left) {
                Ok(event) => seen.push(event),
                Err(_) => break,
            }
        }
        seen
    }
}
