//! A plain static file server for built sites, as any static host would
//! serve them (no live reload, no rewriting): the browser checks run
//! against the files `lectern build` wrote.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

/// Serves `dir` at `http://ADDR/PREFIX…` until the test ends.
pub struct StaticServer {
    /// `127.0.0.1:PORT`.
    pub addr: String,
}

impl StaticServer {
    /// Serves the files of `dir` under the URL path `prefix` (`/` or
    /// `/sub/`), on a thread that lives as long as the test process.
    pub fn start(dir: &Path, prefix: &str) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().unwrap().to_string();
        let dir = dir.to_path_buf();
        let prefix = prefix.to_string();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (dir, prefix) = (dir.clone(), prefix.clone());
                std::thread::spawn(move || serve(stream, &dir, &prefix));
            }
        });
        StaticServer { addr }
    }

    /// The URL of a site path (`/library/search/`).
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

fn serve(mut stream: TcpStream, dir: &Path, prefix: &str) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    loop {
        let mut request = String::new();
        if reader.read_line(&mut request).unwrap_or(0) == 0 {
            return;
        }
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
                break;
            }
        }
        let target = request.split_whitespace().nth(1).unwrap_or("/");
        let path = target.split(['?', '#']).next().unwrap_or("/");
        let (status, kind, body) = match file_for(dir, prefix, path) {
            Some(file) => (
                200,
                lectern::serve::http::content_type(&file.to_string_lossy()),
                std::fs::read(&file).unwrap(),
            ),
            None => (
                404,
                "text/html; charset=utf-8".to_string(),
                std::fs::read(dir.join("404.html")).unwrap_or_default(),
            ),
        };
        let head = format!(
            "HTTP/1.1 {status} X\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        if stream.write_all(head.as_bytes()).is_err() || stream.write_all(&body).is_err() {
            return;
        }
    }
}

fn file_for(dir: &Path, prefix: &str, path: &str) -> Option<PathBuf> {
    let rest = path.strip_prefix(prefix)?;
    let decoded = percent_encoding::percent_decode_str(rest)
        .decode_utf8()
        .ok()?
        .into_owned();
    if decoded.split('/').any(|part| part == "..") {
        return None;
    }
    let mut file = dir.join(&decoded);
    if decoded.is_empty() || decoded.ends_with('/') {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}
