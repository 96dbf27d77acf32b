//! An item's title and body: from front matter, the opening `# ` heading
//! (taken out of the body when it repeats the title), a file name written
//! as a title, the first line, or the file name; plain text turned into
//! markdown on the way.

use super::fields::FrontMatter;
use super::item::Format;
use super::plain_text;

/// An item's title and markdown body: the title from front matter, else
/// the first heading, else the first line, else the file name; plain text
/// converted to markdown (its `Tag:` line adds to the tags).
pub(super) fn title_and_body(
    format: Format,
    front: &mut FrontMatter,
    body: String,
    stem: &str,
) -> (String, String) {
    match format {
        Format::Markdown => {
            let (heading_title, body) = take_title_heading(&body, front.title.as_deref());
            let title = front
                .title
                .clone()
                .or(heading_title)
                .or_else(|| named_like_a_title(stem))
                .or_else(|| first_line_title(&body))
                .unwrap_or_else(|| stem.to_string());
            (title, body)
        }
        Format::PlainText => {
            let converted = plain_text::to_markdown(&body);
            for tag in converted.tags {
                if !front.tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                    front.tags.push(tag);
                }
            }
            let mut markdown = converted.markdown;
            let title = match (&front.title, converted.title) {
                (Some(title), Some(first)) if *title != first => {
                    // The first line was not the title after all: keep it.
                    markdown = format!("## {first}\n{markdown}");
                    title.clone()
                }
                (Some(title), _) => title.clone(),
                (None, Some(first)) => first,
                (None, None) => stem.to_string(),
            };
            (title, markdown)
        }
    }
}

/// Finds the first `# ` heading when it opens the body. It gives the title,
/// and is blanked out of the body (keeping line numbers) when it matches the
/// title, so the page does not show the title twice.
pub(super) fn take_title_heading(
    body: &str,
    front_title: Option<&str>,
) -> (Option<String>, String) {
    let Some(first) = body.lines().find(|l| !l.trim().is_empty()) else {
        return (None, body.to_string());
    };
    let Some(heading) = first.strip_prefix("# ") else {
        return (None, body.to_string());
    };
    let heading = heading.trim().trim_end_matches('#').trim();
    let title = heading.replace("**", "").replace('`', "");
    if front_title.is_some_and(|t| t != title) {
        return (None, body.to_string());
    }
    let offset = first.as_ptr() as usize - body.as_ptr() as usize;
    let mut out = String::with_capacity(body.len());
    out.push_str(&body[..offset]);
    out.push_str(&body[offset + first.len()..]);
    (Some(title), out)
}

/// A file name written as a title (`Sync your notes.md`, as Obsidian
/// names notes), rather than as a slug (`2024-05-sync.md`).
fn named_like_a_title(stem: &str) -> Option<String> {
    let titled = stem.contains(' ') || stem.chars().next().is_some_and(char::is_uppercase);
    (titled && stem != "_index").then(|| stem.to_string())
}

fn first_line_title(body: &str) -> Option<String> {
    let mut in_fence = false;
    for line in body.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || trimmed.is_empty() {
            continue;
        }
        let text =
            super::scan::inline_text(trimmed.trim_start_matches(['#', '>', '-', '*', '+', ' ']));
        // A line of template tags only (`{{< youtube x >}}`) is no title.
        let text = super::shortcodes::without_template_tags(&text)
            .trim()
            .to_string();
        let text = text.as_str();
        if !text.is_empty() {
            return Some(text.chars().take(120).collect());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_heading_is_taken_once() {
        let (title, body) = take_title_heading("\n# Hello **World**\n\ntext\n", None);
        assert_eq!(title.as_deref(), Some("Hello World"));
        assert_eq!(body, "\n\n\ntext\n");
        let (title, body) = take_title_heading("# Other\ntext", Some("Mine"));
        assert_eq!(title, None);
        assert!(body.starts_with("# Other"));
    }
}
