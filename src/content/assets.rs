//! Files under `content/` that are not content: images, PDFs, data files
//! beside the markdown that uses them. Each is published at its path under
//! `content/`, so a page bundle's `diagram.png` sits beside its page.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// The pixel size of a raster image, read from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ImageSize {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// A file under `content/` that is published as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Its path under `content/`, with `/` separators (`blog/post/diagram.png`):
    /// also its path in the site.
    pub key: String,
    /// Where it is on disk.
    pub file: PathBuf,
    /// Its size, when it is an image whose header Lectern reads.
    pub size: Option<ImageSize>,
    /// Its length in bytes and modification time, so a cache can tell when
    /// the file changed without reading it.
    pub stamp: (u64, u128),
    /// It is in the project's `static/` folder, which the theme publishes:
    /// known so references to it resolve, not published a second time.
    pub in_static: bool,
}

/// Widths of the smaller copies made of large raster images, for `srcset`.
pub const VARIANT_WIDTHS: [u32; 3] = [480, 960, 1440];

/// Images narrower than this are shown as they are.
const VARIANTS_FROM: u32 = 720;

impl Asset {
    /// Whether it is a PNG or JPEG image (the ones resized for `srcset`).
    pub fn is_raster(&self) -> bool {
        matches!(extension(&self.key).as_str(), "png" | "jpg" | "jpeg")
    }

    /// The widths of its smaller copies: none for small or non-raster images.
    pub fn variant_widths(&self) -> Vec<u32> {
        match self.size {
            Some(size) if self.is_raster() && size.width > VARIANTS_FROM => VARIANT_WIDTHS
                .iter()
                .copied()
                .filter(|w| *w < size.width)
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// The site path of the copy `width` pixels wide of the image at `path`:
/// `a/diagram.png` → `a/diagram.480w.png`.
pub fn variant_path(path: &str, width: u32) -> String {
    match path.rfind('.') {
        Some(dot) if !path[dot..].contains('/') => {
            format!("{}.{width}w{}", &path[..dot], &path[dot..])
        }
        _ => format!("{path}.{width}w"),
    }
}

/// Whether `key` names an image a page can show with `<img>`.
pub fn is_image_path(key: &str) -> bool {
    matches!(
        extension(key).as_str(),
        "png" | "jpg" | "jpeg" | "gif" | "svg" | "webp" | "avif" | "bmp" | "ico"
    )
}

fn extension(key: &str) -> String {
    Path::new(key)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

/// The assets among `files` (every file under `dir`: `content/`, or
/// `static/` when `in_static`), sorted by key, with image sizes read in
/// parallel.
pub fn find_assets(dir: &Path, files: &[PathBuf], in_static: bool) -> Vec<Asset> {
    let mut assets: Vec<Asset> = files
        .par_iter()
        .filter(|path| !super::is_content_file(path) && !super::is_editor_litter(path))
        .filter_map(|path| {
            let relative = path.strip_prefix(dir).ok()?;
            let key = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let meta = std::fs::metadata(path).ok()?;
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            let size = if is_image_path(&key) {
                image_size(path)
            } else {
                None
            };
            Some(Asset {
                key,
                file: path.clone(),
                size,
                stamp: (meta.len(), modified),
                in_static,
            })
        })
        .collect();
    assets.sort_by(|a, b| a.key.cmp(&b.key));
    assets
}

/// The size of a PNG, JPEG or GIF from its header, or an SVG's from its
/// `width`/`height` (or `viewBox`); `None` when unreadable.
pub fn image_size(path: &Path) -> Option<ImageSize> {
    if extension(&path.to_string_lossy()) == "svg" {
        return svg_size(&std::fs::read_to_string(path).ok()?);
    }
    let (width, height) = image::ImageReader::open(path)
        .ok()?
        .with_guessed_format()
        .ok()?
        .into_dimensions()
        .ok()?;
    Some(ImageSize { width, height })
}

/// An SVG's size from its root element's `width` and `height` in pixels,
/// or from its `viewBox`.
fn svg_size(svg: &str) -> Option<ImageSize> {
    let start = svg.find("<svg")?;
    let tag = &svg[start..start + svg[start..].find('>')?];
    let attribute = |name: &str| {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(&tag[at..at + tag[at..].find('"')?])
    };
    let pixels = |v: &str| v.trim_end_matches("px").trim().parse::<f64>().ok();
    if let (Some(w), Some(h)) = (
        attribute("width").and_then(pixels),
        attribute("height").and_then(pixels),
    ) {
        return Some(ImageSize {
            width: w.round() as u32,
            height: h.round() as u32,
        });
    }
    let view: Vec<f64> = attribute("viewBox")?
        .split([' ', ','])
        .filter_map(|v| v.parse().ok())
        .collect();
    match view.as_slice() {
        [_, _, w, h] if *w > 0.0 && *h > 0.0 => Some(ImageSize {
            width: w.round() as u32,
            height: h.round() as u32,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asset(key: &str, width: u32) -> Asset {
        Asset {
            key: key.into(),
            file: PathBuf::new(),
            size: Some(ImageSize { width, height: 10 }),
            stamp: (0, 0),
            in_static: false,
        }
    }

    #[test]
    fn large_rasters_get_smaller_copies() {
        assert_eq!(asset("a/b.png", 2000).variant_widths(), [480, 960, 1440]);
        assert_eq!(asset("a/b.JPG", 1000).variant_widths(), [480, 960]);
        assert!(asset("a/b.png", 700).variant_widths().is_empty());
        assert!(asset("a/b.svg", 3000).variant_widths().is_empty());
        assert_eq!(variant_path("a/b.png", 480), "a/b.480w.png");
        assert_eq!(variant_path("a.b/c", 480), "a.b/c.480w");
    }

    #[test]
    fn svg_sizes() {
        let size = |s| svg_size(s).map(|s| (s.width, s.height));
        assert_eq!(size("<svg width=\"40px\" height=\"20\">"), Some((40, 20)));
        assert_eq!(size("<svg viewBox=\"0 0 300 150\">"), Some((300, 150)));
        assert_eq!(size("<svg width=\"100%\">"), None);
    }
}
