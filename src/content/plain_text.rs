//! Plain-text articles (`.txt`, exported from blogs and documents) turned into
//! markdown with their structure recovered: headings from short stand-alone
//! lines, lists from `•` bullets, export noise dropped. Inline markdown the
//! text already contains (`**bold**`) is kept; block syntax is escaped so a
//! stray `#` or `>` at the start of a line stays text.

/// The result of reading a plain-text article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlainText {
    /// The article as markdown.
    pub markdown: String,
    /// The first line, when it looks like the article's title (and was
    /// therefore left out of `markdown`).
    pub title: Option<String>,
    /// Tags from an export's leading `Tag: …` / `Tags: …` line.
    pub tags: Vec<String>,
}

const BULLETS: &[char] = &['•', '●', '▪', '◦', '‣'];
const MAX_HEADING_CHARS: usize = 90;
const MAX_HEADING_WORDS: usize = 12;

/// Lines that export tools add and that are never content.
fn is_noise(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let repeated = |phrase: &str| {
        let rest = lower.replace(phrase, "");
        lower.contains(phrase) && rest.trim().is_empty()
    };
    repeated("read more")
        || repeated("continue reading")
        || matches!(
            lower.as_str(),
            "share this:" | "like this:" | "share" | "tweet" | "related" | "loading..."
        )
}

fn is_bullet(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    let rest = trimmed.strip_prefix(BULLETS)?;
    Some(rest.trim())
}

/// A line that reads like a heading: short, starts with a capital or a digit,
/// and does not end like a sentence or a lead-in.
fn reads_like_heading(line: &str) -> bool {
    let text = line.trim();
    reads_like_title(text)
        && text.chars().count() <= MAX_HEADING_CHARS
        && text.split_whitespace().count() <= MAX_HEADING_WORDS
}

/// Like [`reads_like_heading`] but without the length limits: a document's
/// first line may be a long title.
fn reads_like_title(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let starts_well = first.is_uppercase()
        || first.is_numeric()
        || (first.is_alphabetic() && !first.is_lowercase());
    let ends_like_sentence = text
        .trim_end_matches(['"', '”', '\'', '’', ')'])
        .ends_with(['.', ',', ';', ':', '!', '?', '…']);
    starts_well && !ends_like_sentence && text.chars().count() <= MAX_HEADING_CHARS * 2
}

fn metadata_tags(line: &str) -> Option<Vec<String>> {
    let (key, value) = line.trim().split_once(':')?;
    if !matches!(key.trim().to_lowercase().as_str(), "tag" | "tags") {
        return None;
    }
    Some(
        value
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
    )
}

/// Escapes what markdown would read as block syntax at the start of a line.
fn escape_block_start(line: &str) -> String {
    let trimmed = line.trim_start();
    let needs = trimmed.starts_with(['#', '>', '=', '|', '<'])
        || trimmed.starts_with("```")
        || trimmed.starts_with("~~~")
        || trimmed.starts_with("- ")
        || trimmed.starts_with("+ ")
        || trimmed.starts_with("* ")
        || trimmed == "-"
        || trimmed.starts_with("---")
        || {
            let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
            digits > 0
                && trimmed[digits..].starts_with(['.', ')'])
                && trimmed[digits + 1..].starts_with(' ')
        };
    if !needs {
        return trimmed.to_string();
    }
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        format!("{}\\{}", &trimmed[..digits], &trimmed[digits..])
    } else {
        format!("\\{trimmed}")
    }
}

/// A paragraph that starts with a short label and a colon ("Planning: …")
/// gets the label in bold, as the original layout showed it.
fn embolden_label(paragraph: &str) -> String {
    if let Some((label, rest)) = paragraph.split_once(": ") {
        let words = label.split_whitespace().count();
        let is_label = (1..=4).contains(&words)
            && label.chars().next().is_some_and(char::is_uppercase)
            && !label.contains(['*', '_', '`', '[', '"', '“'])
            && !rest.is_empty();
        if is_label {
            return format!("**{label}:** {rest}");
        }
    }
    paragraph.to_string()
}

#[derive(Debug)]
enum Block<'a> {
    Line { text: &'a str, blanks_before: usize },
    Bullet(&'a str),
}

/// Converts a plain-text article to markdown.
pub fn to_markdown(text: &str) -> PlainText {
    let mut blocks: Vec<Block> = Vec::new();
    let mut tags = Vec::new();
    let mut blanks = 0usize;
    let mut seen_content = false;
    for raw in text.lines() {
        let line = raw.trim_end();
        if line.trim().is_empty() {
            blanks += 1;
            continue;
        }
        if !seen_content {
            if let Some(found) = metadata_tags(line) {
                tags.extend(found);
                blanks = 0;
                continue;
            }
        }
        seen_content = true;
        if is_noise(line) {
            continue;
        }
        match is_bullet(line) {
            Some(item) if !item.is_empty() => blocks.push(Block::Bullet(item)),
            _ => blocks.push(Block::Line {
                text: line.trim(),
                blanks_before: blanks,
            }),
        }
        blanks = 0;
    }

    // Exports repeat a post's title as its link text: drop a line that repeats
    // the one before it.
    blocks.dedup_by(|b, a| matches!((a, b), (Block::Line { text: x, .. }, Block::Line { text: y, .. }) if x == y));

    let title = match blocks.first() {
        Some(Block::Line { text, .. }) if reads_like_title(text) => Some(text.to_string()),
        _ => None,
    };
    let start = usize::from(title.is_some());
    if title.is_some() {
        // The title may be repeated right after itself by the export.
        if let Some(Block::Line { text, .. }) = blocks.get(1) {
            if Some(*text) == title.as_deref() {
                blocks.remove(1);
            }
        }
    }
    let blocks = &blocks[start..];

    let standalone = |i: usize| -> bool {
        match &blocks[i] {
            Block::Line {
                text,
                blanks_before,
            } => {
                (*blanks_before > 0 || i == 0)
                    && reads_like_heading(text)
                    // a line right before a bullet list introduces it
                    && !matches!(blocks.get(i + 1), Some(Block::Bullet(_)))
            }
            Block::Bullet(_) => false,
        }
    };
    let is_heading: Vec<bool> = (0..blocks.len()).map(standalone).collect();
    let followed_by_heading = |i: usize| is_heading.get(i + 1).copied().unwrap_or(false);
    let blanks_of = |i: usize| match &blocks[i] {
        Block::Line { blanks_before, .. } => *blanks_before,
        Block::Bullet(_) => 0,
    };
    // Documents that put two blank lines before their main sections use that
    // as the level signal; others get levels from headings that directly
    // introduce sub-headings.
    let double_blank_convention =
        (0..blocks.len()).any(|i| is_heading[i] && blanks_of(i) >= 2 && followed_by_heading(i));

    let mut markdown = String::with_capacity(text.len() + 64);
    let mut under_parent = false;
    let mut in_list = false;
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Bullet(item) => {
                if !in_list {
                    markdown.push('\n');
                }
                markdown.push_str("- ");
                markdown.push_str(&escape_inline_start(item));
                markdown.push('\n');
                in_list = true;
            }
            Block::Line { text, .. } => {
                if in_list {
                    in_list = false;
                }
                markdown.push('\n');
                if is_heading[i] {
                    let level = if double_blank_convention {
                        if blanks_of(i) >= 2 {
                            2
                        } else {
                            3
                        }
                    } else if followed_by_heading(i) && !(i > 0 && is_heading[i - 1]) {
                        under_parent = true;
                        2
                    } else if under_parent {
                        3
                    } else {
                        2
                    };
                    markdown.push_str(if level == 2 { "## " } else { "### " });
                    markdown.push_str(text.trim_start_matches('#').trim());
                } else {
                    markdown.push_str(&embolden_label(&escape_block_start(text)));
                }
                markdown.push('\n');
            }
        }
    }
    PlainText {
        markdown,
        title,
        tags,
    }
}

/// Inside a list item only a leading marker would be misread.
fn escape_inline_start(item: &str) -> String {
    escape_block_start(item)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_paragraphs_and_bullets() {
        let text = "Big Title\n\nIntro sentence here.\n\n\nWhat Management Actually Is\n\nManagement is a discipline.\n\nToward pure management:\n\n  • Front-line supervisor\n\n  • Project manager\n";
        let out = to_markdown(text);
        assert_eq!(out.title.as_deref(), Some("Big Title"));
        assert!(
            out.markdown.contains("## What Management Actually Is"),
            "{}",
            out.markdown
        );
        assert!(out.markdown.contains("\nToward pure management:\n"));
        assert!(out
            .markdown
            .contains("- Front-line supervisor\n- Project manager\n"));
        assert!(!out.markdown.contains("Big Title"));
    }

    #[test]
    fn noise_and_repeated_titles_are_dropped() {
        let text = "Tag: Diagrams\n\nAwesome Permission\n\nAwesome Permission\n\nSome text.\n\nRead More Read More\n\nNext Post\n\nNext Post\n\nMore text.\n";
        let out = to_markdown(text);
        assert_eq!(out.tags, ["Diagrams"]);
        assert_eq!(out.title.as_deref(), Some("Awesome Permission"));
        assert!(!out.markdown.contains("Read More"));
        assert_eq!(out.markdown.matches("Next Post").count(), 1);
        assert!(out.markdown.contains("## Next Post"));
    }

    #[test]
    fn sentences_and_lead_ins_are_not_headings() {
        let out = to_markdown(
            "Title\n\nThis is a sentence.\n\nBefore we start, a definition:\n\nNext up…\n",
        );
        assert!(!out.markdown.contains("#"), "{}", out.markdown);
    }

    #[test]
    fn double_blank_convention_sets_levels() {
        let text = "T\n\n\nSection One\n\nSub A\n\nText a.\n\nSub B\n\nText b.\n\n\nSection Two\n\nText c.\n";
        let md = to_markdown(text).markdown;
        assert!(md.contains("## Section One"));
        assert!(md.contains("### Sub A"));
        assert!(md.contains("### Sub B"));
        assert!(md.contains("## Section Two"));
    }

    #[test]
    fn parent_heading_makes_following_ones_subsections() {
        let text = "T\n\nIntro.\n\nThe Stages\n\nStage One\n\nText.\n\nStage Two\n\nText.\n";
        let md = to_markdown(text).markdown;
        assert!(md.contains("## The Stages"));
        assert!(md.contains("### Stage One"));
        assert!(md.contains("### Stage Two"));
    }

    #[test]
    fn inline_markdown_kept_block_syntax_escaped() {
        let md = to_markdown(
            "T\n\nThis is **bold** text.\n\n# not a heading here.\n\n1. not a list either.\n",
        )
        .markdown;
        assert!(md.contains("**bold**"));
        assert!(md.contains("\\# not a heading"));
        assert!(md.contains("1\\. not a list"));
    }

    #[test]
    fn labels_become_bold() {
        let md = to_markdown("T\n\nPlanning: Translating objectives into tasks.\n").markdown;
        assert!(md.contains("**Planning:** Translating"));
    }
}
