//! The desk in a terminal: what `lectern desk` prints.

use std::fmt::Write;

use super::Desk;

/// How many open ideas the terminal lists.
pub const NEXT_IDEAS: usize = 5;

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// `text` cut to `width` characters, with an ellipsis when it was longer.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let kept: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{}…", kept.trim_end())
    }
}

/// The desk as plain text: counts by status, the next open ideas by
/// potential, open tasks, and what the repeat guard flags.
pub fn render(desk: &Desk) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Writer's desk, {}: {}, {}, {}, {}",
        desk.today,
        plural(desk.moment_count, "moment"),
        plural(desk.ideas.len(), "open idea"),
        plural(desk.tasks.len(), "open task"),
        plural(desk.totals.all.pieces, "published piece"),
    );
    let _ = writeln!(out, "\nPipeline");
    if desk.pipeline.is_empty() {
        let _ = writeln!(out, "  no moments yet");
    }
    let width = desk
        .pipeline
        .iter()
        .map(|g| g.status.chars().count())
        .max()
        .unwrap_or(0);
    for group in &desk.pipeline {
        let titles: Vec<String> = group
            .moments
            .iter()
            .take(3)
            .map(|m| cut(&m.title, 40))
            .collect();
        let more = group.moments.len().saturating_sub(3);
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  {:<width$}  {:>4}  {}{more}",
            group.status,
            group.moments.len(),
            titles.join("; "),
        );
    }
    let _ = writeln!(out, "\nNext open ideas, by potential");
    if desk.ideas.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for (i, idea) in desk.ideas.iter().take(NEXT_IDEAS).enumerate() {
        let potential = idea.potential.as_deref().unwrap_or("no potential");
        let flag = if idea.repeat.is_some() {
            "  (close to published work)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {}. {} [{potential}]{flag}",
            i + 1,
            cut(&idea.idea, 70)
        );
        let _ = writeln!(
            out,
            "     {}:{}  {}",
            idea.source,
            idea.line,
            cut(&idea.moment, 50)
        );
    }
    if desk.ideas.len() > NEXT_IDEAS {
        let _ = writeln!(
            out,
            "  … {} more on the desk page",
            desk.ideas.len() - NEXT_IDEAS
        );
    }
    let _ = writeln!(out, "\nOpen tasks");
    if desk.tasks.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for task in &desk.tasks {
        let _ = writeln!(out, "  [ ] {}", cut(&task.text, 70));
        let _ = writeln!(
            out,
            "      {}:{}  {}",
            task.source,
            task.line,
            cut(&task.item, 50)
        );
    }
    let flagged: Vec<_> = desk.ideas.iter().filter(|i| i.repeat.is_some()).collect();
    let _ = writeln!(out, "\nClose to published work");
    if flagged.is_empty() {
        let _ = writeln!(out, "  nothing: every open idea is new");
    }
    for idea in flagged {
        if let Some(repeat) = &idea.repeat {
            let _ = writeln!(
                out,
                "  {}:{}: \"{}\" is close to {} \"{}\" (similarity {})",
                idea.source,
                idea.line,
                cut(&idea.idea, 60),
                repeat.kind.to_lowercase(),
                cut(&repeat.piece, 60),
                repeat.score
            );
        }
    }
    out
}
