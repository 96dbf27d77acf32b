//! Making slides fit. Slides are laid out on a fixed 1280×720 canvas that
//! the runtime scales to the screen, so how tall a block is does not depend
//! on the screen. We estimate each block's height from its text with the
//! theme's type sizes (generously, for wide fonts), and continue content
//! that does not fit on further slides, breaking between blocks, between list
//! items, between lines of code and between table rows. The runtime then
//! scales any slide that still overflows, never below the 14 px floor.

use super::measure::*;
pub use super::measure::{budget, CodeSet, CONTENT_HEIGHT, CONTENT_WIDTH, KICKER_HEIGHT};
use super::pieces::{group_overhead, pieces, Group, Piece};

/// Joins the pieces of one page back into markdown.
fn assemble(pieces: &[Piece]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < pieces.len() {
        let group = pieces[i].group.clone();
        let mut j = i + 1;
        while group.is_some() && j < pieces.len() && pieces[j].group == group {
            j += 1;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        match &group {
            None => out.push_str(&pieces[i].markdown),
            Some(Group::List(_)) => {
                let items: Vec<&str> = pieces[i..j].iter().map(|p| p.markdown.as_str()).collect();
                out.push_str(&items.join("\n"));
            }
            Some(Group::Code { fence, .. }) => {
                let close: String = fence
                    .trim_start()
                    .chars()
                    .take_while(|&c| c == '`' || c == '~')
                    .collect();
                out.push_str(fence);
                out.push('\n');
                for p in &pieces[i..j] {
                    out.push_str(&p.markdown);
                    out.push('\n');
                }
                out.push_str(&close);
            }
            Some(Group::Table { header, .. }) => {
                out.push_str(header);
                for p in &pieces[i..j] {
                    out.push('\n');
                    out.push_str(&p.markdown);
                }
            }
        }
        i = j;
    }
    out
}

/// One slide's worth of content after fitting.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The page's markdown.
    pub markdown: String,
    /// Estimated height on the canvas, px.
    pub height: f64,
    /// How the page's code is set.
    pub code: CodeSet,
}

impl Page {
    fn of(pieces: &[Piece]) -> Page {
        Page {
            markdown: assemble(pieces),
            height: total_height(pieces),
            code: code_set_of(pieces),
        }
    }
}

/// The smallest setting of any code on a page: the theme sets a slide's
/// code one way.
fn code_set_of(pieces: &[Piece]) -> CodeSet {
    let sets = pieces.iter().filter_map(|p| match &p.group {
        Some(Group::Code { set, .. }) => Some(*set),
        _ => None,
    });
    sets.fold(CodeSet::Normal, |a, b| match (a, b) {
        (CodeSet::Small, _) | (_, CodeSet::Small) => CodeSet::Small,
        (CodeSet::Columns, _) | (_, CodeSet::Columns) => CodeSet::Columns,
        _ => CodeSet::Normal,
    })
}

/// Splits slide content into pages that each fit the canvas. A slide that
/// fits comes back as one page, unchanged.
pub fn paginate(content: &str) -> Vec<Page> {
    let all = pieces(content);
    let pages = paginate_within(content, &all, budget());
    if pages.len() == 1 {
        return pages;
    }
    // Rather than continue on another slide, fill them fuller and let the
    // runtime shrink the text a little (it stays above its floor): a slide
    // a few lines too long stays whole, and a long section takes fewer.
    let tight = paginate_within(content, &all, budget() / TIGHT);
    if tight.len() < pages.len() {
        tight
    } else {
        pages
    }
}

/// The text size, as a share of the normal, that a fuller page expects the
/// runtime to set (its floor is 0.8).
const TIGHT: f64 = 0.86;

fn paginate_within(content: &str, all: &[Piece], budget: f64) -> Vec<Page> {
    let total: f64 = total_height(all);
    if total <= budget || all.len() <= 1 {
        return vec![Page {
            markdown: content.to_string(),
            height: total,
            code: code_set_of(all),
        }];
    }
    let mut pages: Vec<Page> = Vec::new();
    let mut current: Vec<Piece> = Vec::new();
    for piece in all.iter().cloned() {
        let room = budget - if pages.is_empty() { 0.0 } else { KICKER_HEIGHT };
        let mut trial = current.clone();
        trial.push(piece.clone());
        // Never leave a heading alone at the bottom of a page.
        // A new section starts a new page once the page is half full, so
        // continuations begin at natural breaks.
        let starts_section = piece.group.is_none() && piece.markdown.starts_with('#');
        let half_full = total_height(&current) > room / 2.0;
        if (total_height(&trial) > room || (starts_section && half_full)) && !current.is_empty() {
            let mut carry = Vec::new();
            while current.len() > 1 && current.last().is_some_and(keeps_with_next) {
                carry.insert(0, current.pop().expect("checked"));
            }
            pages.push(Page::of(&current));
            current = carry;
        }
        current.push(piece);
    }
    if !current.is_empty() {
        pages.push(Page::of(&current));
    }
    pages
}

/// Headings and lead-in lines ("Skills to develop:") belong with what
/// follows them, so they never end a page.
fn keeps_with_next(piece: &Piece) -> bool {
    piece.group.is_none()
        && (piece.markdown.starts_with('#')
            || piece
                .markdown
                .trim_end()
                .trim_end_matches("**")
                .ends_with(':'))
}

fn total_height(pieces: &[Piece]) -> f64 {
    let mut height = 0.0;
    let mut last_group: Option<Group> = None;
    for p in pieces {
        if p.group.is_some() && p.group != last_group {
            height += group_overhead(&p.group);
        }
        height += p.height;
        last_group = p.group.clone();
    }
    height
}

/// Words a reader sees on the slide.
pub fn word_count(content: &str) -> usize {
    let mut in_code = false;
    content
        .lines()
        .filter(|l| {
            if l.trim_start().starts_with("```") || l.trim_start().starts_with("~~~") {
                in_code = !in_code;
                return false;
            }
            !in_code
        })
        .map(|l| {
            visible(l)
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_slide_is_one_page_unchanged() {
        let content = "## Title\n\n- one\n- two\n";
        let pages = paginate(content);
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].markdown, content);
    }

    #[test]
    fn a_long_list_continues_by_items() {
        let items: String = (1..=30)
            .map(|i| format!("- Point number {i} with some words\n"))
            .collect();
        let pages = paginate(&format!("## Many points\n\n{items}"));
        assert!(pages.len() >= 2, "{}", pages.len());
        assert!(pages.iter().all(|p| p.height <= budget() / TIGHT));
        let joined: String = pages
            .iter()
            .map(|p| p.markdown.clone())
            .collect::<Vec<_>>()
            .join("\n");
        for i in 1..=30 {
            assert!(
                joined.contains(&format!("Point number {i} with")),
                "item {i} lost"
            );
        }
    }

    #[test]
    fn ordered_lists_keep_their_numbers() {
        let items: String = (1..=25).map(|i| format!("{i}. Step {i}\n")).collect();
        let pages = paginate(&items);
        assert!(pages.len() >= 2);
        let second = pages[1].markdown.lines().next().unwrap();
        assert!(
            second.starts_with(|c: char| c.is_ascii_digit()) && !second.starts_with("1. "),
            "{second}"
        );
    }

    #[test]
    fn long_code_continues_with_its_fence() {
        let code: String = (1..=60).map(|i| format!("line {i}\n")).collect();
        let pages = paginate(&format!("## Template\n\n```text\n{code}```\n"));
        assert!(pages.len() >= 2, "{}", pages.len());
        for page in &pages {
            let opens = page.markdown.matches("```").count();
            assert_eq!(
                opens, 2,
                "each page has a whole code block:\n{}",
                page.markdown
            );
        }
        assert!(pages[1].markdown.starts_with("```text"));
        assert!(pages.last().unwrap().markdown.contains("line 60"));
    }

    #[test]
    fn long_code_of_short_lines_is_set_in_columns_on_fewer_slides() {
        let short: String = (1..=100)
            .map(|i| format!("- field {i}: [value]\n"))
            .collect();
        let pages = paginate(&format!("## Template\n\n```\n{short}```\n"));
        assert!(pages.len() <= 3, "{}", pages.len());
        assert!(pages.iter().all(|p| p.code == CodeSet::Columns));
        let wide: String = (1..=60)
            .map(|i| {
                format!("{i}: a line far too wide to share a slide with a second column of code\n")
            })
            .collect();
        let pages = paginate(&format!("```\n{wide}```\n"));
        assert!(pages.iter().all(|p| p.code == CodeSet::Small));
        let brief = paginate("```\nshort\n```\n");
        assert_eq!(brief[0].code, CodeSet::Normal);
    }

    #[test]
    fn long_tables_repeat_their_header() {
        let rows: String = (1..=30)
            .map(|i| format!("| r{i} | value {i} |\n"))
            .collect();
        let pages = paginate(&format!("| Name | Value |\n|---|---|\n{rows}"));
        assert!(pages.len() >= 2);
        assert!(pages[1].markdown.starts_with("| Name | Value |\n|---|---|"));
    }

    #[test]
    fn headings_are_not_left_alone_at_the_bottom() {
        let para =
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. "
                .repeat(4);
        let content = format!("{para}\n\n{para}\n\n{para}\n\n### Next section\n\n{para}\n");
        let pages = paginate(&content);
        for page in &pages[..pages.len() - 1] {
            assert!(
                !page.markdown.trim_end().ends_with("Next section"),
                "{pages:#?}"
            );
        }
    }

    #[test]
    fn words_are_counted_without_code() {
        assert_eq!(
            word_count("## Two words\n\n```\nnot counted here\n```\n- three more words"),
            5
        );
    }
}
