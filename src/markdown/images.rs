//! Images: Marp-style size keywords in the alt text (`![w:300 A diagram](d.png)`)
//! become the image's width and height, and never show as its description.

use super::escape_html;

/// An image's alt text without its size keywords, and the sizes they gave.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Alt {
    /// What the image shows, for readers who cannot see it.
    pub text: String,
    /// Width in CSS pixels.
    pub width: Option<u32>,
    /// Height in CSS pixels.
    pub height: Option<u32>,
}

/// Reads `w:300`, `width:300px`, `h:200`, `height:200px` out of `alt`.
pub fn read_alt(alt: &str) -> Alt {
    let mut out = Alt::default();
    let mut words = Vec::new();
    for word in alt.split_whitespace() {
        let size = |prefix: &str| {
            word.strip_prefix(prefix)
                .map(|v| v.trim_end_matches("px"))
                .and_then(|v| v.parse::<u32>().ok())
        };
        if let Some(w) = size("w:").or_else(|| size("width:")) {
            out.width = Some(w);
        } else if let Some(h) = size("h:").or_else(|| size("height:")) {
            out.height = Some(h);
        } else {
            words.push(word);
        }
    }
    out.text = words.join(" ");
    out
}

/// Where an image comes from, as far as its element needs to know.
#[derive(Debug, Default)]
pub struct Source<'a> {
    /// Its address.
    pub src: &'a str,
    /// Its size in pixels, when known.
    pub size: Option<(u32, u32)>,
    /// Smaller copies, as a `srcset` value.
    pub srcset: &'a str,
}

/// `sizes` for images with smaller copies: the width of the text column
/// on wide screens, the whole width on narrow ones.
const SIZES: &str = "(min-width: 48rem) 44rem, 100vw";

/// Reads Obsidian's `![[image.png|300]]` or `|300x200` size.
fn embed_size(alt: &str) -> Option<(u32, Option<u32>)> {
    let (w, h) = match alt.split_once('x') {
        Some((w, h)) => (w, Some(h)),
        None => (alt, None),
    };
    let w = w.trim().parse().ok()?;
    match h {
        Some(h) => Some((w, Some(h.trim().parse().ok()?))),
        None => Some((w, None)),
    }
}

/// The `<img>` element for an image with `title` and alt text as written:
/// sized (from the alt text's keywords, else the file), lazily loaded.
/// For an Obsidian embed the text after `|` is its size.
pub fn img(source: &Source, title: &str, alt: &str, embed: bool) -> String {
    let mut alt = read_alt(alt);
    if let Some((w, h)) = embed_size(&alt.text).filter(|_| embed) {
        alt = Alt {
            text: String::new(),
            width: Some(w),
            height: h,
        };
    }
    let (width, height) = match (alt.width, alt.height, source.size) {
        (Some(w), Some(h), _) => (Some(w), Some(h)),
        (Some(w), None, Some((iw, ih))) if iw > 0 => (Some(w), Some(w * ih / iw)),
        (None, Some(h), Some((iw, ih))) if ih > 0 => (Some(h * iw / ih), Some(h)),
        (None, None, Some((iw, ih))) => (Some(iw), Some(ih)),
        (w, h, _) => (w, h),
    };
    let mut html = format!(
        "<img src=\"{}\" alt=\"{}\"",
        escape_html(source.src),
        escape_html(&alt.text)
    );
    if !title.is_empty() {
        html.push_str(&format!(" title=\"{}\"", escape_html(title)));
    }
    if let Some(w) = width {
        html.push_str(&format!(" width=\"{w}\""));
    }
    if let Some(h) = height {
        html.push_str(&format!(" height=\"{h}\""));
    }
    if !source.srcset.is_empty() {
        html.push_str(&format!(
            " srcset=\"{}\" sizes=\"{SIZES}\"",
            escape_html(source.srcset)
        ));
    }
    html.push_str(" loading=\"lazy\" decoding=\"async\">");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_keywords_leave_the_description() {
        let alt = read_alt("w:300 The loop h:200px");
        assert_eq!(alt.text, "The loop");
        assert_eq!((alt.width, alt.height), (Some(300), Some(200)));
        assert_eq!(read_alt("width:12px").text, "");
        assert_eq!(read_alt("w:wide plan").width, None);
    }

    #[test]
    fn the_element_is_escaped_and_sized() {
        let source = |src| Source {
            src,
            ..Source::default()
        };
        assert_eq!(
            img(&source("a\".png"), "", "w:10 <x>", false),
            "<img src=\"a&quot;.png\" alt=\"&lt;x&gt;\" width=\"10\" loading=\"lazy\" decoding=\"async\">"
        );
        let known = Source {
            src: "d.png",
            size: Some((2000, 1000)),
            srcset: "d.480w.png 480w",
        };
        let html = img(&known, "", "w:300 Loop", false);
        assert!(html.contains("width=\"300\" height=\"150\""), "{html}");
        assert!(html.contains("srcset=\"d.480w.png 480w\""), "{html}");
        assert!(img(&known, "", "300", false).contains("alt=\"300\""));
        let html = img(&known, "", "300", true);
        assert!(
            html.contains("alt=\"\" width=\"300\" height=\"150\""),
            "{html}"
        );
    }
}
