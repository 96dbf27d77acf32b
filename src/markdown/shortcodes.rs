//! Hugo shortcodes that show something, drawn: `figure` as a figure with
//! its caption, `youtube`, `vimeo` and `gist` as links (a page never loads
//! another host's player). Any other shortcode is taken out; the loader
//! has warned about it.

use crate::content::shortcodes::{Shortcode, BOXES};
use crate::markdown::escape_html;

/// The HTML for a drawn shortcode; `None` for one that is taken out.
/// `file_url` gives the published address of a file beside the markdown.
pub fn draw(code: &Shortcode, file_url: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let link = |url: String, text: String| {
        format!(
            "<a href=\"{}\">{}</a>",
            escape_html(&url),
            escape_html(&text)
        )
    };
    match code.name.as_str() {
        "figure" => {
            let src = code.arg(Some("src"), 0)?;
            let url = file_url(src).unwrap_or_else(|| src.to_string());
            let caption = code
                .arg(Some("caption"), 99)
                .or_else(|| code.arg(Some("title"), 99))
                .unwrap_or_default();
            let alt = code.arg(Some("alt"), 99).unwrap_or(caption);
            let mut html = format!(
                "<figure><img src=\"{}\" alt=\"{}\" loading=\"lazy\" decoding=\"async\">",
                escape_html(&url),
                escape_html(alt)
            );
            if !caption.is_empty() {
                html.push_str(&format!(
                    "<figcaption>{}</figcaption>",
                    escape_html(caption)
                ));
            }
            html.push_str("</figure>");
            Some(html)
        }
        "youtube" => {
            let id = code.arg(Some("id"), 0)?;
            Some(link(
                format!("https://www.youtube.com/watch?v={id}"),
                format!("Video on YouTube ({id})"),
            ))
        }
        "vimeo" => {
            let id = code.arg(Some("id"), 0)?;
            Some(link(
                format!("https://vimeo.com/{id}"),
                format!("Video on Vimeo ({id})"),
            ))
        }
        "gist" => {
            let (user, id) = (code.arg(Some("user"), 0)?, code.arg(Some("id"), 1)?);
            Some(link(
                format!("https://gist.github.com/{user}/{id}"),
                format!("Gist {id} by {user}"),
            ))
        }
        name if BOXES.contains(&name) => {
            let kind = code
                .arg(Some("type"), 0)
                .or_else(|| code.arg(Some("color"), 99))
                .unwrap_or("note");
            let title = code.arg(Some("title"), 1).unwrap_or_default();
            let source = if title.is_empty() {
                format!("> [!{kind}]")
            } else {
                format!("> [!{kind}] {title}")
            };
            let callout = super::callouts::read(&source)?;
            Some(callout.open_html())
        }
        name if name.strip_prefix('/').is_some_and(|n| BOXES.contains(&n)) => {
            Some("</div>\n".to_string())
        }
        _ => None,
    }
}

/// `text` with its shortcodes drawn or taken out, the text between them
/// passed to `text_html`; `None` when it has no shortcode. The flag says
/// whether a drawn block (a figure) is in it.
pub fn replace(
    text: &str,
    file_url: &dyn Fn(&str) -> Option<String>,
    text_html: &dyn Fn(&str) -> String,
) -> Option<(String, bool)> {
    if !text.contains("{{<") && !text.contains("{{%") {
        return None;
    }
    let mut html = String::new();
    let mut has_block = false;
    let mut rest = text;
    while let Some(at) = rest.find("{{") {
        let Some(code) = Shortcode::at(&rest[at..]) else {
            html.push_str(&text_html(&rest[..at + 2]));
            rest = &rest[at + 2..];
            continue;
        };
        html.push_str(&text_html(&rest[..at]));
        if let Some(drawn) = draw(&code, file_url) {
            has_block |= drawn.starts_with("<figure")
                || drawn.starts_with("<div")
                || drawn.starts_with("</div");
            html.push_str(&drawn);
        }
        rest = &rest[at + code.length..];
    }
    html.push_str(&text_html(rest));
    Some((html, has_block))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_and_videos_are_drawn_and_others_taken_out() {
        let file_url = |src: &str| (src == "a.png").then(|| "/p/a.png".to_string());
        let text = |t: &str| escape_html(t);
        let (html, block) = replace(
            "x {{< figure src=\"a.png\" caption=\"A <b>\" >}} {{< youtube abc >}} {{< tweet 1 >}}y",
            &file_url,
            &text,
        )
        .unwrap();
        assert!(block);
        assert_eq!(
            html,
            "x <figure><img src=\"/p/a.png\" alt=\"A &lt;b&gt;\" loading=\"lazy\" decoding=\"async\"><figcaption>A &lt;b&gt;</figcaption></figure> <a href=\"https://www.youtube.com/watch?v=abc\">Video on YouTube (abc)</a> y"
        );
        assert_eq!(replace("plain", &file_url, &text), None);
        let (open, _) = replace("{{< admonition warning \"Mind\" >}}", &file_url, &text).unwrap();
        assert!(open.starts_with("<div class=\"callout callout-warning\" role=\"note\"><p class=\"callout-title\">Mind</p>"), "{open}");
        let (close, _) = replace("{{< /admonition >}}", &file_url, &text).unwrap();
        assert_eq!(close, "</div>\n");
    }
}
