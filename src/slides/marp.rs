//! Marp's syntax inside a slide: HTML comments (speaker notes, or
//! directives such as `<!-- _class: lead -->`), `<!--fit-->` and
//! background images written as `![bg right:40%](…)`.

use super::split::Fences;

/// An HTML comment of a slide, outside code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// What is between `<!--` and `-->`, trimmed.
    pub body: String,
    /// 0-based line of the slide's content where it starts.
    pub line: usize,
}

/// Takes the HTML comments out of `content` (never out of fenced code),
/// returning what is left and the comments in order.
pub fn take_comments(content: &str) -> (String, Vec<Comment>) {
    let mut kept = String::with_capacity(content.len());
    let mut comments = Vec::new();
    let mut fences = Fences::default();
    let mut open: Option<Comment> = None;
    for (n, line) in content.lines().enumerate() {
        if open.is_none() && fences.inside(line) {
            kept.push_str(line);
            kept.push('\n');
            continue;
        }
        let mut rest = line;
        let mut out = String::new();
        loop {
            if let Some(comment) = open.as_mut() {
                match rest.find("-->") {
                    Some(end) => {
                        comment.body.push_str(&rest[..end]);
                        let mut done = open.take().expect("open");
                        done.body = done.body.trim().to_string();
                        comments.push(done);
                        rest = &rest[end + 3..];
                    }
                    None => {
                        comment.body.push_str(rest);
                        comment.body.push('\n');
                        rest = "";
                        break;
                    }
                }
            } else {
                match rest.find("<!--") {
                    Some(start) => {
                        out.push_str(&rest[..start]);
                        open = Some(Comment {
                            body: String::new(),
                            line: n,
                        });
                        rest = &rest[start + 4..];
                    }
                    None => break,
                }
            }
        }
        out.push_str(rest);
        // A line that held only comments goes, rather than leave a gap
        // that would end a list or paragraph.
        if !(out.trim().is_empty() && out.len() != line.len()) {
            kept.push_str(&out);
            kept.push('\n');
        }
    }
    if let Some(mut unclosed) = open {
        unclosed.body = unclosed.body.trim().to_string();
        comments.push(unclosed);
    }
    (kept.trim_end_matches('\n').to_string(), comments)
}

/// Directives Marp reads from comments and front matter; a leading `_`
/// makes one apply to its own slide only.
pub const DIRECTIVES: &[&str] = &[
    "class",
    "paginate",
    "header",
    "footer",
    "backgroundColor",
    "backgroundImage",
    "backgroundPosition",
    "backgroundRepeat",
    "backgroundSize",
    "color",
    "theme",
    "style",
    "headingDivider",
    "size",
    "math",
    "lang",
    "title",
    "author",
    "description",
    "image",
    "keywords",
    "url",
    "marp",
    "transition",
];

/// What a comment is to a deck.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommentKind {
    /// `<!--fit-->`: fit a heading to the width (slides here always fit).
    Fit,
    /// `key: value` directives, every key one Marp knows.
    Directives(Vec<(String, String)>),
    /// Anything else: speaker notes, as Marp and Slidev read them.
    Notes,
}

/// Reads a comment's body.
pub fn classify(body: &str) -> CommentKind {
    if body.eq_ignore_ascii_case("fit") {
        return CommentKind::Fit;
    }
    let mut pairs = Vec::new();
    for line in body.lines().filter(|l| !l.trim().is_empty()) {
        let Some((key, value)) = line.split_once(':') else {
            return CommentKind::Notes;
        };
        let key = key.trim();
        if !DIRECTIVES.contains(&key.trim_start_matches('_')) {
            return CommentKind::Notes;
        }
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
        pairs.push((key.to_string(), value.to_string()));
    }
    if pairs.is_empty() {
        CommentKind::Notes
    } else {
        CommentKind::Directives(pairs)
    }
}

/// A background image as written: `![bg left:40% contain](src)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BgImage {
    /// Its address as written.
    pub src: String,
    /// The alt text's words after `bg`.
    pub keywords: Vec<String>,
    /// 0-based line of the slide's content.
    pub line: usize,
}

/// Takes the images whose alt text starts with `bg` out of `content`
/// (never out of code).
pub fn take_backgrounds(content: &str) -> (String, Vec<BgImage>) {
    let (kept, found) = super::split::take_spans(content, next_bg);
    let images = found
        .into_iter()
        .map(|((src, keywords), line)| BgImage {
            src,
            keywords,
            line,
        })
        .collect();
    (kept, images)
}

fn next_bg(line: &str) -> Option<(usize, usize, (String, Vec<String>))> {
    let mut from = 0;
    while let Some(at) = line[from..].find("![") {
        let start = from + at;
        let close = line[start..].find("](").map(|i| start + i)?;
        let alt = &line[start + 2..close];
        let end = line[close..].find(')').map(|i| close + i + 1)?;
        let mut words = alt.split_whitespace();
        if words.next() == Some("bg") {
            let src = line[close + 2..end - 1].trim();
            let src = src.split_whitespace().next().unwrap_or("").to_string();
            return Some((start, end, (src, words.map(str::to_string).collect())));
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_leave_the_slide_and_code_keeps_its_own() {
        let (kept, comments) = take_comments(
            "# <!--fit--> Big\n\n- a\n<!-- _class: lead -->\n- b\n\n```html\n<!-- code -->\n```\n\n<!--\nSay this\nslowly.\n-->",
        );
        assert_eq!(kept, "#  Big\n\n- a\n- b\n\n```html\n<!-- code -->\n```");
        let bodies: Vec<_> = comments.iter().map(|c| c.body.as_str()).collect();
        assert_eq!(bodies, ["fit", "_class: lead", "Say this\nslowly."]);
        assert_eq!(comments[2].line, 10);
    }

    #[test]
    fn directives_notes_and_fit() {
        assert_eq!(classify("fit"), CommentKind::Fit);
        assert_eq!(
            classify("_class: lead\npaginate: true"),
            CommentKind::Directives(vec![
                ("_class".into(), "lead".into()),
                ("paginate".into(), "true".into())
            ])
        );
        assert_eq!(classify("Remember: pause here"), CommentKind::Notes);
        assert_eq!(classify("Tell the story"), CommentKind::Notes);
    }

    #[test]
    fn background_images_are_taken_with_their_keywords() {
        let (kept, found) = take_backgrounds(
            "![bg right:40% contain](pic.png)\n\n# Title\n\n![w:200 Chart](c.png)",
        );
        assert_eq!(kept, "\n# Title\n\n![w:200 Chart](c.png)");
        assert_eq!(found[0].src, "pic.png");
        assert_eq!(found[0].keywords, ["right:40%", "contain"]);
    }
}
