//! Callouts: GitHub's alerts (`> [!NOTE]`) and Obsidian's callouts
//! (`> [!tip]- Custom title`, folded with `-`, open with `+`), read from a
//! block quote's first line.

use super::escape_html;

/// A callout found at the start of a block quote.
#[derive(Debug, PartialEq, Eq)]
pub struct Callout {
    /// The kind it is shown as (`note`, `tip`, `warning`…).
    pub kind: &'static str,
    /// Its title: as written, or the kind's name.
    pub title: String,
    /// `None` when it cannot fold; `Some(open)` when it can.
    pub fold: Option<bool>,
}

/// The kinds Obsidian and GitHub know, with the names that mean each.
const KINDS: &[(&str, &[&str])] = &[
    ("note", &["note"]),
    ("abstract", &["abstract", "summary", "tldr"]),
    ("info", &["info"]),
    ("todo", &["todo"]),
    ("tip", &["tip", "hint"]),
    ("important", &["important"]),
    ("success", &["success", "check", "done"]),
    ("question", &["question", "help", "faq"]),
    ("warning", &["warning", "attention"]),
    ("caution", &["caution"]),
    ("failure", &["failure", "fail", "missing"]),
    ("danger", &["danger", "error"]),
    ("bug", &["bug"]),
    ("example", &["example"]),
    ("quote", &["quote", "cite"]),
];

/// Reads a callout from the source of a block quote (`> [!kind]± title`).
pub fn read(quote_source: &str) -> Option<Callout> {
    let first = quote_source.lines().next()?;
    let rest = first.trim_start().strip_prefix('>')?.trim_start();
    let rest = rest.strip_prefix("[!")?;
    let close = rest.find(']')?;
    let written = &rest[..close];
    if written.is_empty()
        || !written
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        return None;
    }
    let lower = written.to_lowercase();
    let kind = KINDS
        .iter()
        .find(|(_, names)| names.contains(&lower.as_str()))
        .map_or("note", |(kind, _)| kind);
    let mut after = &rest[close + 1..];
    let fold = match after.chars().next() {
        Some('-') => Some(false),
        Some('+') => Some(true),
        _ => None,
    };
    if fold.is_some() {
        after = &after[1..];
    }
    let title = after.trim();
    let title = if title.is_empty() {
        let mut name = lower.replace(['-', '_'], " ");
        if let Some(first) = name.get(..1) {
            name = first.to_uppercase() + &name[1..];
        }
        name
    } else {
        crate::content::scan::inline_text(title)
    };
    Some(Callout { kind, title, fold })
}

impl Callout {
    /// The HTML that opens it, up to its body.
    pub fn open_html(&self) -> String {
        let title = escape_html(&self.title);
        match self.fold {
            Some(open) => format!(
                "<details class=\"callout callout-{}\"{}><summary class=\"callout-title\">{title}</summary>\n",
                self.kind,
                if open { " open" } else { "" }
            ),
            None => format!(
                "<div class=\"callout callout-{}\" role=\"note\"><p class=\"callout-title\">{title}</p>\n",
                self.kind
            ),
        }
    }

    /// The HTML that closes it.
    pub fn close_html(&self) -> &'static str {
        match self.fold {
            Some(_) => "</details>\n",
            None => "</div>\n",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_titles_and_folding() {
        let c = read("> [!NOTE]\n> body").unwrap();
        assert_eq!((c.kind, c.title.as_str(), c.fold), ("note", "Note", None));
        let c = read("> [!tip]- Try `<this>` and [[Note|that]]\n> body").unwrap();
        assert_eq!(
            (c.kind, c.title.as_str(), c.fold),
            ("tip", "Try <this> and that", Some(false))
        );
        assert!(c.open_html().contains("Try &lt;this&gt;"));
        let c = read(">[!FAQ]+").unwrap();
        assert_eq!((c.kind, c.fold), ("question", Some(true)));
        assert_eq!(read("> [!my-kind]").unwrap().title, "My kind");
        assert_eq!(read("> [!my-kind]").unwrap().kind, "note");
        assert_eq!(read("> just a quote"), None);
        assert_eq!(read("> [link](x)"), None);
    }
}
