//! Open tasks: the unchecked task-list items (`- [ ] …`) of every item.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::LineIndex;
use crate::library::Library;

/// One unchecked task.
#[derive(Debug, Clone, Serialize)]
pub struct OpenTask {
    /// What is to be done, as plain text.
    pub text: String,
    /// The heading it sits under (Next Steps…), when there is one.
    pub under: Option<String>,
    /// The item's title.
    pub item: String,
    /// The item's kind.
    pub kind: &'static str,
    /// The item's page.
    pub url: String,
    /// The item's file.
    pub source: String,
    /// 1-based line in the file.
    pub line: usize,
}

/// The unchecked tasks of `body`: (text, heading above, 1-based body line).
/// Tasks in code blocks are not tasks; a nested list ends its parent's text.
pub fn tasks_in(body: &str) -> Vec<(String, Option<String>, usize)> {
    if !body.contains("[ ]") {
        return Vec::new();
    }
    let lines = LineIndex::new(body);
    let mut found = Vec::new();
    let mut heading: Option<String> = None;
    let mut in_heading = false;
    let mut heading_text = String::new();
    // The task being read: its text, line, and list depth.
    let mut open: Option<(String, usize, usize)> = None;
    let mut depth = 0usize;
    let parser = Parser::new_ext(body, Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES);
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                heading_text.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                heading = Some(heading_text.trim().to_string());
            }
            Event::Start(Tag::Item) => depth += 1,
            Event::Start(Tag::List(_)) => {
                // A nested list ends the text of the task above it.
                if let Some((text, line, _)) = open.take() {
                    found.push((text.trim().to_string(), heading.clone(), line));
                }
            }
            Event::End(TagEnd::Item) => {
                if let Some((text, line, d)) = open.take() {
                    if d == depth {
                        found.push((text.trim().to_string(), heading.clone(), line));
                    } else {
                        open = Some((text, line, d));
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Event::TaskListMarker(false) => {
                open = Some((String::new(), lines.line_col(range.start).0, depth));
            }
            Event::Text(t) | Event::Code(t) => {
                if in_heading {
                    heading_text.push_str(&t);
                } else if let Some((text, _, _)) = open.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((text, _, _)) = open.as_mut() {
                    text.push(' ');
                }
            }
            _ => {}
        }
    }
    found.retain(|(text, _, _)| !text.is_empty());
    found
}

/// Every unchecked task of the library, item by item in library order.
pub fn open_tasks(library: &Library) -> Vec<OpenTask> {
    let per_item: Vec<Vec<OpenTask>> = library
        .items
        .par_iter()
        .enumerate()
        .map(|(id, item)| {
            tasks_in(&item.body.text())
                .into_iter()
                .map(|(text, under, line)| OpenTask {
                    text,
                    under,
                    item: item.title.clone(),
                    kind: item.kind.label(),
                    url: library.url(id),
                    source: item.source.display().to_string(),
                    line: item.body_line_in_file(line),
                })
                .collect()
        })
        .collect();
    per_item.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::tasks_in;

    #[test]
    fn unchecked_tasks_with_their_heading_and_line() {
        let body = "# T\n\n## Next Steps\n\n- [ ] Draft *Module 1*\n- [x] Done already\n- [ ] Test with `leads`\n  - [ ] nested step\n\n```\n- [ ] not a task\n```\n";
        let tasks = tasks_in(body);
        let shown: Vec<(&str, usize)> = tasks.iter().map(|(t, _, l)| (t.as_str(), *l)).collect();
        assert_eq!(
            shown,
            [
                ("Draft Module 1", 5),
                ("Test with leads", 7),
                ("nested step", 8)
            ]
        );
        assert_eq!(tasks[0].1.as_deref(), Some("Next Steps"));
    }
}
