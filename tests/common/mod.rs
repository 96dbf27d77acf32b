//! Helpers shared by the integration tests: make a project in a temporary
//! folder, run the real `lectern` binary on it, and read what it wrote.
#![allow(dead_code)]

pub mod atom_rules;
pub mod browser;
pub mod checkers;
pub mod server;
pub mod static_server;
pub mod warm;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};
use tempfile::TempDir;

/// A project folder made for one test.
pub struct Project {
    pub dir: TempDir,
}

impl Project {
    /// An empty project.
    pub fn new() -> Project {
        Project {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A project with the given files (paths relative to the root).
    pub fn with(files: &[(impl AsRef<str>, impl AsRef<str>)]) -> Project {
        let project = Project::new();
        for (path, text) in files {
            project.write(path.as_ref(), text.as_ref().as_bytes());
        }
        project
    }

    /// A copy of a folder under `tests/fixtures/`, or of the repo's content.
    pub fn fixture(name: &str) -> Project {
        let project = Project::new();
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        copy_dir(&from, project.root());
        project
    }

    /// A project whose content is this repository's `content/` (the seeds).
    pub fn seeds() -> Project {
        let project = Project::new();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&repo.join("content"), &project.root().join("content"));
        std::fs::copy(
            repo.join("lectern.yaml"),
            project.root().join("lectern.yaml"),
        )
        .unwrap();
        project
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn site(&self) -> PathBuf {
        self.root().join("site")
    }

    pub fn write(&self, path: &str, bytes: &[u8]) {
        let full = self.root().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
    }

    /// Runs `lectern ARGS --root ROOT`.
    pub fn run(&self, args: &[&str]) -> Output {
        let mut all: Vec<&str> = args.to_vec();
        let root = self.root().to_str().unwrap();
        all.extend(["--root", root]);
        lectern(&all)
    }

    /// Builds and asserts success; returns stdout+stderr.
    pub fn build_ok(&self, extra: &[&str]) -> String {
        let mut args = vec!["build"];
        args.extend(extra);
        let out = self.run(&args);
        let text = output_text(&out);
        assert!(out.status.success(), "build failed:\n{text}");
        text
    }

    /// Builds and asserts failure with exit code 1; returns stderr.
    pub fn build_fails(&self, extra: &[&str]) -> String {
        let mut args = vec!["build"];
        args.extend(extra);
        let out = self.run(&args);
        let text = output_text(&out);
        assert_eq!(out.status.code(), Some(1), "expected exit 1:\n{text}");
        assert!(!text.contains("panicked"), "{text}");
        text
    }

    /// Text of a file of the built site.
    pub fn page(&self, path: &str) -> String {
        let full = self.site().join(path);
        std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
    }

    /// A page of the built site, parsed.
    pub fn html(&self, path: &str) -> Html {
        Html::parse_document(&self.page(path))
    }
}

pub fn lectern(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(args)
        .output()
        .expect("run lectern")
}

pub fn output_text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// All values of `attr` on elements matching `selector`.
pub fn attrs(html: &Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    html.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// The text of every element matching `selector`.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    html.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Every HTML file of a built site, as paths relative to it.
pub fn html_files(site: &Path) -> Vec<String> {
    walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            e.path()
                .strip_prefix(site)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// Checks that every internal `href`/`src` of every page starts with
/// `base_path` and names a file of the site. Returns how many were checked.
pub fn assert_internal_links_resolve(site: &Path, base_path: &str) -> usize {
    let mut checked = 0;
    for page in html_files(site) {
        let html = Html::parse_document(&std::fs::read_to_string(site.join(&page)).unwrap());
        let mut targets = attrs(&html, "a[href]", "href");
        targets.extend(attrs(&html, "link[href]", "href"));
        targets.extend(attrs(&html, "script[src], img[src]", "src"));
        for target in targets {
            if target.starts_with('#')
                || target.starts_with("http://")
                || target.starts_with("https://")
                || target.starts_with("mailto:")
            {
                continue;
            }
            assert!(
                target.starts_with(base_path),
                "{page}: link {target} leaves the base path {base_path}"
            );
            let path = target[base_path.len()..].split(['#', '?']).next().unwrap();
            let decoded = percent_decode(path);
            let mut file = site.join(&decoded);
            if decoded.is_empty() || decoded.ends_with('/') {
                file = file.join("index.html");
            }
            assert!(
                file.is_file(),
                "{page}: link {target} points at nothing ({})",
                file.display()
            );
            checked += 1;
        }
    }
    checked
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) =
                u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or(""), 16)
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every file under `dir` with its bytes, to prove a folder did not change.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

/// Every file of a built site folder by its `/`-separated path, the
/// build's marker file aside.
pub fn site_files(out: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e
                .path()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (path, std::fs::read(e.path()).unwrap())
        })
        .filter(|(path, _)| path != lectern::output::MARKER)
        .collect()
}

/// The size of every page of a PDF (Chromium writes page objects as text).
pub fn pdf_pages(pdf: &[u8]) -> Vec<(f64, f64)> {
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let mut sizes = Vec::new();
    let mut at = 0;
    while let Some(i) = find(&pdf[at..], b"/Type /Page") {
        let start = at + i;
        at = start + 11;
        if pdf.get(at) == Some(&b's') {
            continue;
        }
        let window = &pdf[start.saturating_sub(400)..(start + 400).min(pdf.len())];
        let size = find(window, b"/MediaBox [").map(|m| {
            let rest = &window[m + 11..];
            let end = rest.iter().position(|&b| b == b']').unwrap_or(rest.len());
            let numbers: Vec<f64> = String::from_utf8_lossy(&rest[..end])
                .split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect();
            (numbers[2] - numbers[0], numbers[3] - numbers[1])
        });
        sizes.push(size.unwrap_or((0.0, 0.0)));
    }
    sizes
}
