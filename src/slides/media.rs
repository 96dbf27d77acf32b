//! Images on slides: a deck is one file that must work when its folder is
//! opened from disk, so each image a slide shows is copied into the deck's
//! own `media/` folder and the slide points there.

use std::path::{Component, Path, PathBuf};

use super::split::Fences;

/// An image a deck copies beside itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct MediaFile {
    /// Its path under the deck's `media/` folder (its path under `content/`).
    pub key: String,
    /// The file.
    pub source: PathBuf,
}

/// What became of an image address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placed {
    /// A file beside the module: copied, and shown from `media/…`.
    Copied(MediaFile),
    /// On another host: left out, as decks make no requests elsewhere.
    Remote,
    /// A local file that is not there.
    Missing(String),
    /// Not a file (`#…`, an absolute site path): left as written.
    AsWritten,
}

/// Places the image `src` written in the module at `module` (a path under
/// `root`, such as `content/workshop/m.md`).
pub fn place(src: &str, module: &Path, root: &Path) -> Placed {
    if crate::library::has_scheme(src) {
        return Placed::Remote;
    }
    if src.is_empty() || src.starts_with('/') || src.starts_with('#') {
        return Placed::AsWritten;
    }
    let clean = src.split(['?', '#']).next().unwrap_or(src);
    let clean = percent_encoding::percent_decode_str(clean).decode_utf8_lossy();
    let joined = module
        .parent()
        .unwrap_or(Path::new(""))
        .join(clean.as_ref());
    let Some(normal) = normalize(&joined) else {
        return Placed::Missing(src.to_string());
    };
    let Ok(key) = normal.strip_prefix("content") else {
        return Placed::Missing(src.to_string());
    };
    if !root.join(&normal).is_file() {
        return Placed::Missing(src.to_string());
    }
    Placed::Copied(MediaFile {
        key: key.to_string_lossy().replace('\\', "/"),
        source: root.join(normal),
    })
}

/// `path` without `.` and `..`, or `None` when it climbs above its start.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            _ => return None,
        }
    }
    Some(out)
}

/// The address of a copied file from the deck: `media/` and its key, with
/// every character that could end a URL or a CSS string encoded.
pub fn media_url(key: &str) -> String {
    format!("media/{}", crate::content::encode_path(key))
}

/// An image found in a slide's markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Its address as written.
    pub src: String,
    /// What became of it.
    pub placed: Placed,
    /// 0-based line of the slide's content.
    pub line: usize,
}

/// Rewrites the images of a slide's markdown (outside code) to where the
/// deck has them; images on other hosts become their alt text.
pub fn localize(markdown: &str, module: &Path, root: &Path) -> (String, Vec<Found>) {
    let mut out = String::with_capacity(markdown.len());
    let mut found = Vec::new();
    let mut fences = Fences::default();
    for (n, line) in markdown.lines().enumerate() {
        if fences.inside(line) {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("![") {
            // Obsidian's `![[image.png|300]]`: the same image, its size kept.
            if rest[at..].starts_with("![[") {
                let Some(close) = rest[at..].find("]]").map(|i| at + i) else {
                    break;
                };
                let inner = &rest[at + 3..close];
                let (src, size) = inner.split_once('|').unwrap_or((inner, ""));
                let placed = place(src.trim(), module, root);
                out.push_str(&rest[..at]);
                match &placed {
                    Placed::Copied(file) => {
                        let alt = match size.trim() {
                            "" => String::new(),
                            size => format!("w:{}", size.split('x').next().unwrap_or(size)),
                        };
                        out.push_str(&format!("![{alt}]({})", media_url(&file.key)));
                    }
                    _ => out.push_str(&rest[at..close + 2]),
                }
                // A note embedded on a slide is left to the page renderer.
                if crate::content::assets::is_image_path(src.trim()) {
                    found.push(Found {
                        src: src.trim().to_string(),
                        placed,
                        line: n,
                    });
                }
                rest = &rest[close + 2..];
                continue;
            }
            let Some(mid) = rest[at..].find("](").map(|i| at + i) else {
                break;
            };
            let Some(end) = closing_paren(rest, mid + 1) else {
                break;
            };
            let target = rest[mid + 2..end].trim();
            let (src, title) = target.split_once(' ').unwrap_or((target, ""));
            let src = src.trim_start_matches('<').trim_end_matches('>');
            let placed = place(src, module, root);
            out.push_str(&rest[..at]);
            match &placed {
                Placed::Copied(file) => {
                    out.push_str(&rest[at..mid + 2]);
                    out.push_str(&media_url(&file.key));
                    if !title.is_empty() {
                        out.push(' ');
                        out.push_str(title);
                    }
                    out.push(')');
                }
                Placed::Remote => out.push_str(&rest[at + 2..mid]),
                Placed::Missing(_) | Placed::AsWritten => out.push_str(&rest[at..=end]),
            }
            found.push(Found {
                src: src.to_string(),
                placed,
                line: n,
            });
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        out.push('\n');
    }
    (out.trim_end_matches('\n').to_string(), found)
}

/// The `)` that closes the `(` at `open`, with balanced parentheses
/// between, as markdown reads link destinations.
fn closing_paren(s: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_images_move_to_media_and_remote_ones_leave() {
        let root = std::env::temp_dir().join(format!("lectern-media-{}", std::process::id()));
        std::fs::create_dir_all(root.join("content/workshop/img")).unwrap();
        std::fs::write(root.join("content/workshop/img/loop (1).png"), b"png").unwrap();
        let module = Path::new("content/workshop/m.md");
        let (md, found) = localize(
            "![The loop](img/loop%20(1).png) and ![far](https://example.org/x.png)\n```\n![code](no.png)\n```\n![gone](nope.png)",
            module,
            &root,
        );
        assert_eq!(
            md,
            "![The loop](media/workshop/img/loop%20%281%29.png) and far\n```\n![code](no.png)\n```\n![gone](nope.png)"
        );
        assert!(
            matches!(found[0].placed, Placed::Copied(ref f) if f.key == "workshop/img/loop (1).png")
        );
        assert_eq!(found[1].placed, Placed::Remote);
        assert_eq!(found[2].placed, Placed::Missing("nope.png".into()));
        assert_eq!(found[2].line, 4);
        assert!(matches!(
            place("../../etc/passwd", module, &root),
            Placed::Missing(_)
        ));
        let (md, found) = localize("![[img/loop (1).png|300]] ![[A note]]", module, &root);
        assert_eq!(
            md,
            "![w:300](media/workshop/img/loop%20%281%29.png) ![[A note]]"
        );
        assert_eq!(found.len(), 1);
        std::fs::remove_dir_all(&root).ok();
    }
}
