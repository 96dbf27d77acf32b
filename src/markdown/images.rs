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

/// The `<img>` element for an image with `src`, `title` and alt text as written.
pub fn img(src: &str, title: &str, alt: &str) -> String {
    let alt = read_alt(alt);
    let mut html = format!(
        "<img src=\"{}\" alt=\"{}\"",
        escape_html(src),
        escape_html(&alt.text)
    );
    if !title.is_empty() {
        html.push_str(&format!(" title=\"{}\"", escape_html(title)));
    }
    if let Some(w) = alt.width {
        html.push_str(&format!(" width=\"{w}\""));
    }
    if let Some(h) = alt.height {
        html.push_str(&format!(" height=\"{h}\""));
    }
    html.push('>');
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
    fn the_element_is_escaped() {
        assert_eq!(
            img("a\".png", "", "w:10 <x>"),
            "<img src=\"a&quot;.png\" alt=\"&lt;x&gt;\" width=\"10\">"
        );
    }
}
