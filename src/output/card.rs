//! Social cards: the 1200×630 pictures a link preview shows, drawn from an
//! SVG (the theme's `social-card.svg` template, filled in per item) with
//! resvg and the DejaVu Sans fonts that come with Lectern, so a card looks
//! the same on every machine. Each PNG is kept in the project's
//! `.lectern-cache/cards/`, named by its SVG: an unchanged card is never
//! drawn twice, across builds and previews.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::ImageEncoder;
use resvg::{tiny_skia, usvg};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// Width of a card in pixels (what Open Graph and X recommend).
pub const CARD_WIDTH: u32 = 1200;
/// Height of a card in pixels.
pub const CARD_HEIGHT: u32 = 630;
/// The family card templates write; it is always available.
pub const FONT_FAMILY: &str = "DejaVu Sans";

fn font_data(bold: bool) -> &'static [u8] {
    if bold {
        dejavu::sans::bold()
    } else {
        dejavu::sans::regular()
    }
}

/// The fonts cards are drawn with, loaded once.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    Arc::clone(FONTS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(font_data(false).to_vec());
        db.load_font_data(font_data(true).to_vec());
        db.set_sans_serif_family(FONT_FAMILY);
        Arc::new(db)
    }))
}

/// The width of `text` set in DejaVu Sans (bold or not) at `size` pixels.
pub fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    let Ok(font) = FontRef::new(font_data(bold)) else {
        return text.chars().count() as f32 * size * 0.6;
    };
    let charmap = font.charmap();
    let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
    text.chars()
        .map(|c| {
            charmap
                .map(c)
                .and_then(|glyph| metrics.advance_width(glyph))
                .unwrap_or(size * 0.6)
        })
        .sum()
}

/// The characters of `text` the card fonts cannot draw (CJK, emoji…),
/// each once, in order.
pub fn missing_glyphs(text: &str) -> Vec<char> {
    let Ok(font) = FontRef::new(font_data(true)) else {
        return Vec::new();
    };
    let charmap = font.charmap();
    let mut missing: Vec<char> = Vec::new();
    for c in text.chars() {
        if !c.is_whitespace() && charmap.map(c).is_none() && !missing.contains(&c) {
            missing.push(c);
        }
    }
    missing
}

/// `text` broken into at most `max_lines` lines no wider than `width` at
/// `size`; what does not fit ends the last line with an ellipsis.
pub fn wrap(text: &str, size: f32, bold: bool, width: f32, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if line.is_empty() || text_width(&candidate, size, bold) <= width {
            line = candidate;
            continue;
        }
        lines.push(std::mem::take(&mut line));
        line = word.to_string();
        if lines.len() == max_lines {
            break;
        }
    }
    let cut = lines.len() == max_lines;
    if !line.is_empty() && !cut {
        lines.push(line);
    }
    if cut || lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && text_width(&format!("{last} …"), size, bold) > width {
                last.pop();
            }
            *last = format!("{} …", last.trim_end());
        }
    }
    // A single word wider than the card is cut, not overflowed.
    for line in &mut lines {
        while line.chars().count() > 1 && text_width(line, size, bold) > width {
            line.pop();
            if !line.ends_with('…') {
                line.pop();
                line.push('…');
            }
        }
    }
    lines
}

/// Draws `svg` as a PNG of [`CARD_WIDTH`]×[`CARD_HEIGHT`].
pub fn rasterise(svg: &str) -> Result<Vec<u8>, String> {
    let options = usvg::Options {
        fontdb: fonts(),
        font_family: FONT_FAMILY.into(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let mut pixmap = tiny_skia::Pixmap::new(CARD_WIDTH, CARD_HEIGHT)
        .ok_or_else(|| "cannot allocate the picture".to_string())?;
    let size = tree.size();
    let transform = tiny_skia::Transform::from_scale(
        CARD_WIDTH as f32 / size.width(),
        CARD_HEIGHT as f32 / size.height(),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    let pixels = pixmap.data();
    if pixels.chunks_exact(4).any(|px| px[3] != 255) {
        // See-through parts need the straight-alpha encoder.
        return pixmap.encode_png().map_err(|e| e.to_string());
    }
    // An opaque card as RGB with fast compression: a fifth of the time of
    // the default encoder, for a file of about 50 KB.
    let rgb: Vec<u8> = pixels
        .chunks_exact(4)
        .flat_map(|px| [px[0], px[1], px[2]])
        .collect();
    let mut png = Vec::with_capacity(64 * 1024);
    PngEncoder::new_with_quality(&mut png, CompressionType::Fast, FilterType::Adaptive)
        .write_image(
            &rgb,
            CARD_WIDTH,
            CARD_HEIGHT,
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|e| e.to_string())?;
    Ok(png)
}

/// Where the card drawn from `svg` is kept in `cache`.
pub fn cached_path(cache: &Path, svg: &str) -> PathBuf {
    let mut hasher = crate::fingerprint::Hasher::new();
    hasher.text(env!("CARGO_PKG_VERSION"));
    hasher.text(svg);
    cache.join(format!("{:032x}.png", hasher.finish()))
}

/// The card drawn from `svg`: the file kept in `cache` when there is one,
/// else drawn now and kept there.
pub fn card(cache: &Path, svg: &str) -> Result<super::Contents, String> {
    let path = cached_path(cache, svg);
    if path.is_file() {
        return Ok(super::Contents::Copy(path));
    }
    let png = rasterise(svg)?;
    // A cache that cannot be written only costs time next build.
    Ok(if super::keep(cache, &path, &png).is_ok() {
        super::Contents::Copy(path)
    } else {
        super::Contents::Bytes(png)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_to_the_width_and_ends_with_an_ellipsis() {
        let lines = wrap(
            "The best IC might become your worst manager, and here is why that happens so often",
            64.0,
            true,
            900.0,
            2,
        );
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| text_width(l, 64.0, true) <= 900.0));
        assert!(lines[1].ends_with('…'));
        assert_eq!(wrap("Short", 64.0, true, 900.0, 3), ["Short"]);
        assert!(text_width("WWW", 64.0, true) > text_width("iii", 64.0, true));
    }

    #[test]
    fn knows_what_it_cannot_draw() {
        assert!(missing_glyphs("Leadership, Лідерство, Ηγεσία — “quoted”").is_empty());
        assert_eq!(missing_glyphs("領導 領"), ['領', '導']);
    }

    #[test]
    fn draws_a_png_of_the_card_size() {
        let svg = format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><rect width="1200" height="630" fill="#123"/><text x="60" y="200" font-family="{FONT_FAMILY}" font-size="64" fill="#fff">Привет, card</text></svg>"##
        );
        let png = rasterise(&svg).unwrap();
        let decoded = image::load_from_memory(&png).unwrap();
        assert_eq!(
            (decoded.width(), decoded.height()),
            (CARD_WIDTH, CARD_HEIGHT)
        );
        assert!(rasterise("<svg").is_err());
    }
}
