//! Smaller copies of large images, for `srcset`. Making one means decoding
//! and encoding the image, so each is kept in the project's
//! `.lectern-cache/images/`, named by the source's bytes and the width: an
//! unchanged image is never processed twice, across builds and previews.

use std::io;
use std::path::PathBuf;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::ImageFormat;

/// A copy of an image, `width` pixels wide, made on demand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resized {
    /// The image.
    pub from: PathBuf,
    /// The copy's width in pixels.
    pub width: u32,
    /// Where copies are kept between builds.
    pub cache: PathBuf,
}

/// JPEG quality for the copies: indistinguishable at their size.
const JPEG_QUALITY: u8 = 82;

impl Resized {
    /// The copy's bytes: from the cache, or made and kept there. An image
    /// that cannot be decoded is published at its own size rather than not
    /// at all.
    pub fn bytes(&self) -> io::Result<Vec<u8>> {
        let source = std::fs::read(&self.from)?;
        let extension = self
            .from
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let key = format!(
            "{:032x}-{}.{extension}",
            crate::fingerprint::of(&source),
            self.width
        );
        let cached = self.cache.join(&key);
        if let Ok(bytes) = std::fs::read(&cached) {
            return Ok(bytes);
        }
        let Some(bytes) = resize(&source, self.width, &extension) else {
            return Ok(source);
        };
        // A cache that cannot be written only costs time next build.
        let _ = super::keep(&self.cache, &cached, &bytes);
        Ok(bytes)
    }
}

fn resize(source: &[u8], width: u32, extension: &str) -> Option<Vec<u8>> {
    let format = match extension {
        "png" => ImageFormat::Png,
        "jpg" | "jpeg" => ImageFormat::Jpeg,
        _ => return None,
    };
    let image = image::load_from_memory_with_format(source, format).ok()?;
    if image.width() <= width || image.width() == 0 {
        return None;
    }
    let height = ((u64::from(image.height()) * u64::from(width)) / u64::from(image.width())).max(1);
    let smaller = image.resize_exact(width, height as u32, FilterType::CatmullRom);
    let mut out = Vec::new();
    match format {
        ImageFormat::Jpeg => {
            let encoder = JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
            smaller.to_rgb8().write_with_encoder(encoder).ok()?;
        }
        _ => smaller
            .write_to(&mut io::Cursor::new(&mut out), format)
            .ok()?,
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_made_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let from = dir.path().join("wide.png");
        image::RgbImage::from_pixel(1000, 500, image::Rgb([200, 40, 40]))
            .save(&from)
            .unwrap();
        let resized = Resized {
            from,
            width: 480,
            cache: dir.path().join("cache"),
        };
        let bytes = resized.bytes().unwrap();
        let copy = image::load_from_memory(&bytes).unwrap();
        assert_eq!((copy.width(), copy.height()), (480, 240));
        let kept: Vec<_> = std::fs::read_dir(&resized.cache).unwrap().collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(resized.bytes().unwrap(), bytes);
    }
}
