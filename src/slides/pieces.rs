//! Slide content as pieces that cannot be broken further (a heading, a
//! paragraph, one list item, one line of code, one table row), each with
//! its estimated height on the canvas: what [`super::fit`] pages.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::measure::*;

/// A piece of a slide that cannot be broken further, with its height.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    pub(super) markdown: String,
    pub(super) height: f64,
    /// Pieces of one list, code block or table share a group, so they are
    /// joined back into one block on a page.
    pub(super) group: Option<Group>,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Group {
    List(usize),
    Code {
        id: usize,
        fence: String,
        set: CodeSet,
    },
    Table {
        id: usize,
        header: String,
    },
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Breaks slide content into pieces with estimated heights.
pub(super) fn pieces(content: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut group_id = 0usize;
    let mut list_group: Option<usize> = None;
    for (event, range) in Parser::new_ext(content, options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    let text = &content[range.clone()];
                    match &tag {
                        Tag::Heading { level, .. } => out.push(Piece {
                            markdown: text.trim_end().to_string(),
                            height: heading_height(*level as u8, text),
                            group: None,
                        }),
                        Tag::Paragraph => out.push(Piece {
                            markdown: text.trim_end().to_string(),
                            height: paragraph_height(text, 0.0),
                            group: None,
                        }),
                        Tag::List(_) => {
                            group_id += 1;
                            list_group = Some(group_id);
                        }
                        Tag::CodeBlock(_) => {
                            group_id += 1;
                            let mut lines = text.trim_end().lines();
                            let fence = lines.next().unwrap_or("```").to_string();
                            let body: Vec<&str> = lines.collect();
                            let close = fence
                                .trim_start()
                                .chars()
                                .take_while(|&c| c == '`' || c == '~')
                                .collect::<String>();
                            let inner = if body.last().is_some_and(|l| l.trim() == close) {
                                &body[..body.len() - 1]
                            } else {
                                &body[..]
                            };
                            if !fence.trim_start().starts_with(['`', '~']) {
                                // Indented code: one piece.
                                out.push(Piece {
                                    markdown: text.trim_end().to_string(),
                                    height: text.lines().map(code_line_height).sum::<f64>()
                                        + CODE_FRAME,
                                    group: None,
                                });
                            } else {
                                let set = code_set(inner);
                                for line in inner {
                                    out.push(Piece {
                                        markdown: (*line).to_string(),
                                        height: set_code_line_height(line, set),
                                        group: Some(Group::Code {
                                            id: group_id,
                                            fence: fence.clone(),
                                            set,
                                        }),
                                    });
                                }
                            }
                        }
                        Tag::Table(_) => {
                            group_id += 1;
                            let lines: Vec<&str> = text.trim_end().lines().collect();
                            let columns = lines
                                .first()
                                .map_or(1, |h| h.trim().trim_matches('|').split('|').count());
                            let header =
                                lines.iter().take(2).copied().collect::<Vec<_>>().join("\n");
                            for row in lines.iter().skip(2) {
                                out.push(Piece {
                                    markdown: (*row).to_string(),
                                    height: table_row_height(row, columns),
                                    group: Some(Group::Table {
                                        id: group_id,
                                        header: header.clone(),
                                    }),
                                });
                            }
                        }
                        _ => out.push(Piece {
                            markdown: text.trim_end().to_string(),
                            height: paragraph_height(text, 32.0),
                            group: None,
                        }),
                    }
                } else if depth == 1 {
                    if let (Tag::Item, Some(id)) = (&tag, list_group) {
                        let text = &content[range.clone()];
                        out.push(Piece {
                            markdown: text.trim_end().to_string(),
                            height: list_item_height(text),
                            group: Some(Group::List(id)),
                        });
                    }
                }
                depth += 1;
            }
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && matches!(tag, TagEnd::List(_)) {
                    list_group = None;
                }
            }
            Event::Rule if depth == 0 => out.push(Piece {
                markdown: "***".into(),
                height: 30.0,
                group: None,
            }),
            Event::Html(html) if depth == 0 => out.push(Piece {
                markdown: html.trim_end().to_string(),
                height: paragraph_height(&html, 0.0),
                group: None,
            }),
            _ => {}
        }
    }
    out
}

/// The extra height a group costs on each page it appears on.
pub(super) fn group_overhead(group: &Option<Group>) -> f64 {
    match group {
        Some(Group::List(_)) => 16.0,
        Some(Group::Code { .. }) => CODE_FRAME,
        Some(Group::Table { header, .. }) => {
            let columns = header
                .lines()
                .next()
                .map_or(1, |h| h.trim().trim_matches('|').split('|').count());
            table_row_height(header.lines().next().unwrap_or(""), columns) + 20.0
        }
        None => 0.0,
    }
}
