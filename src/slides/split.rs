//! Splitting a module's markdown into slides.
//!
//! - A line that is only `---` separates slides (never inside fenced code).
//! - A module without separators is split before each `## ` heading.
//! - A line starting with `Note:` (or `Notes:`) starts the slide's speaker
//!   notes, which run to the end of the slide.

/// One slide as written, before fitting.
#[derive(Debug, Clone, PartialEq)]
pub struct RawSlide {
    /// The slide's visible markdown.
    pub content: String,
    /// Its speaker notes (markdown), empty when it has none.
    pub notes: String,
    /// 1-based line of the body where the slide starts.
    pub line: usize,
    /// Slidev's front matter block for this slide, when it has one: each
    /// key, its value and its 1-based line of the body.
    pub settings: Vec<(String, serde_yaml::Value, usize)>,
}

/// Tracks fenced code while walking lines.
#[derive(Default)]
pub(super) struct Fences {
    open: Option<(char, usize)>,
}

impl Fences {
    /// Feeds one line; true when the line is inside a fence (or is a fence).
    pub(super) fn inside(&mut self, line: &str) -> bool {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = marker.map_or(0, |m| trimmed.chars().take_while(|&c| c == m).count());
        match (self.open, marker) {
            (None, Some(m)) if run >= 3 && indent < 4 => {
                self.open = Some((m, run));
                true
            }
            (Some((m, n)), Some(c))
                if c == m && run >= n && trimmed[run * c.len_utf8()..].trim().is_empty() =>
            {
                self.open = None;
                true
            }
            (Some(_), _) => true,
            _ => false,
        }
    }
}

/// Takes out of `content` (outside fenced code) every span that `next`
/// finds in a line, as `(start, end, what)`; a line left blank by it goes
/// too. Returns what is left and what was found with its 0-based line.
pub(super) fn take_spans<T>(
    content: &str,
    mut next: impl FnMut(&str) -> Option<(usize, usize, T)>,
) -> (String, Vec<(T, usize)>) {
    let mut kept = String::with_capacity(content.len());
    let mut found = Vec::new();
    let mut fences = Fences::default();
    for (n, line) in content.lines().enumerate() {
        let mut out = line.to_string();
        if !fences.inside(line) {
            while let Some((start, end, what)) = next(&out) {
                out.replace_range(start..end, "");
                found.push((what, n));
            }
        }
        if !out.trim().is_empty() || line.trim().is_empty() {
            kept.push_str(&out);
            kept.push('\n');
        }
    }
    (kept.trim_end_matches('\n').to_string(), found)
}

fn is_separator(line: &str) -> bool {
    line.trim_end() == "---"
}

fn notes_start(line: &str) -> Option<&str> {
    let t = line.trim_start();
    t.strip_prefix("Note:")
        .or_else(|| t.strip_prefix("Notes:"))
        .or_else(|| t.strip_prefix("note:"))
}

/// Splits a module body into slides.
pub fn split(body: &str) -> Vec<RawSlide> {
    let lines: Vec<&str> = body.lines().collect();
    let mut fences = Fences::default();
    let mut kinds = Vec::with_capacity(lines.len());
    for line in &lines {
        kinds.push(fences.inside(line));
    }
    let has_separators = lines
        .iter()
        .zip(&kinds)
        .any(|(line, in_code)| !in_code && is_separator(line));

    // Where each slide starts: after a separator, or at a `## ` heading.
    let mut chunks: Vec<(usize, usize)> = Vec::new(); // (first line index, end index)
    let mut start = 0;
    for (i, (line, in_code)) in lines.iter().zip(&kinds).enumerate() {
        if *in_code {
            continue;
        }
        if has_separators && is_separator(line) {
            chunks.push((start, i));
            start = i + 1;
        } else if !has_separators && line.starts_with("## ") && i > start {
            chunks.push((start, i));
            start = i;
        }
    }
    chunks.push((start, lines.len()));

    let mut slides = Vec::new();
    let mut pending: Option<Vec<(String, serde_yaml::Value, usize)>> = None;
    let has_text =
        |&(from, to): &(usize, usize)| lines[from..to].iter().any(|l| !l.trim().is_empty());
    for (index, &(from, to)) in chunks.iter().enumerate() {
        // Slidev writes a slide's settings as a block between two
        // separators, just before the slide; with no slide after it, the
        // block is what the slide says.
        if has_separators && chunks.get(index + 1).is_some_and(has_text) {
            if let Some(settings) = super::slidev::settings(&lines[from..to].join("\n")) {
                let line_of = |key: &str| {
                    let at = lines[from..to]
                        .iter()
                        .position(|l| crate::content::front_matter::is_key_line(l, key));
                    from + at.unwrap_or(0) + 1
                };
                let settings = settings
                    .into_iter()
                    .map(|(key, value)| {
                        let line = line_of(&key);
                        (key, value, line)
                    })
                    .collect();
                pending = Some(settings);
                continue;
            }
        }
        let mut content = String::new();
        let mut notes = String::new();
        let mut in_notes = false;
        let mut fences = Fences::default();
        for line in &lines[from..to] {
            let in_code = fences.inside(line);
            if !in_notes && !in_code {
                if let Some(rest) = notes_start(line) {
                    in_notes = true;
                    let rest = rest.trim();
                    if !rest.is_empty() {
                        notes.push_str(rest);
                        notes.push('\n');
                    }
                    continue;
                }
            }
            let target = if in_notes { &mut notes } else { &mut content };
            target.push_str(line);
            target.push('\n');
        }
        if content.trim().is_empty() && notes.trim().is_empty() {
            continue;
        }
        let blank_lead = lines[from..to]
            .iter()
            .take_while(|l| l.trim().is_empty())
            .count();
        let settings = pending.take().unwrap_or_default();
        slides.push(RawSlide {
            content: content.trim_matches('\n').to_string(),
            notes: notes.trim().to_string(),
            line: from + blank_lead + 1,
            settings,
        });
    }
    slides
}

/// The text of a slide's first heading, if it opens with one.
pub fn slide_title(content: &str) -> Option<String> {
    let first = content.lines().find(|l| !l.trim().is_empty())?;
    let level = first.chars().take_while(|&c| c == '#').count();
    (1..=6)
        .contains(&level)
        .then(|| {
            first[level..]
                .trim()
                .trim_end_matches('#')
                .trim()
                .to_string()
        })
        .filter(|t| !t.is_empty())
}

/// A part of a slide split at its sub-headings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubSection {
    /// Its heading's text; `None` for what comes before the first one.
    pub title: Option<String>,
    /// Its markdown, the heading raised to a slide title (`##`).
    pub markdown: String,
    /// Lines from the start of the slide's content to where it starts.
    pub line_offset: usize,
}

/// `content` cut before each heading of the first level below the slide's
/// own title (outside code), or `None` when it has no such heading. A
/// sub-section's heading becomes `## …`, so it titles its own slide.
pub fn at_subheadings(content: &str) -> Option<Vec<SubSection>> {
    let lines: Vec<&str> = content.lines().collect();
    let level_of = |line: &str| {
        let n = line.chars().take_while(|&c| c == '#').count();
        ((1..=6).contains(&n) && line[n..].starts_with(' ')).then_some(n)
    };
    let mut fences = Fences::default();
    let headings: Vec<(usize, usize)> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| !fences.inside(line))
        .filter_map(|(i, line)| level_of(line).map(|level| (i, level)))
        .collect();
    let own = headings
        .first()
        .filter(|(i, _)| lines[..*i].iter().all(|l| l.trim().is_empty()));
    let own_level = own.map_or(0, |&(_, level)| level);
    let level = headings
        .iter()
        .filter(|&&(i, l)| l > own_level && Some(i) != own.map(|o| o.0))
        .map(|&(_, l)| l)
        .min()?;
    let starts: Vec<usize> = headings
        .iter()
        .filter(|&&(_, l)| l == level)
        .map(|&(i, _)| i)
        .collect();
    let mut parts = Vec::with_capacity(starts.len() + 1);
    let mut bounds = vec![0];
    bounds.extend(starts.iter().copied().filter(|&i| i > 0));
    bounds.push(lines.len());
    for pair in bounds.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let chunk = &lines[from..to];
        let is_sub = starts.contains(&from);
        let mut markdown = String::new();
        for (n, line) in chunk.iter().enumerate() {
            if n == 0 && is_sub {
                markdown.push_str("## ");
                markdown.push_str(line[level..].trim());
            } else {
                markdown.push_str(line);
            }
            markdown.push('\n');
        }
        let markdown = markdown.trim_matches('\n').to_string();
        if markdown.trim().is_empty() {
            continue;
        }
        parts.push(SubSection {
            title: is_sub.then(|| slide_title(&markdown).unwrap_or_default()),
            markdown,
            line_offset: from,
        });
    }
    Some(parts)
}

/// Whether a slide is an exercise or a discussion, by its title.
pub fn is_exercise(title: &str) -> bool {
    let lower = title.to_lowercase();
    [
        "exercise",
        "discussion",
        "activity",
        "workshop:",
        "practice",
    ]
    .iter()
    .any(|w| lower.starts_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_split_slides() {
        let slides = split("# One\n\ntext\n\n---\n\n## Two\n\nmore\n");
        assert_eq!(slides.len(), 2);
        assert_eq!(slides[0].content, "# One\n\ntext");
        assert_eq!(slides[1].content, "## Two\n\nmore");
        assert_eq!(slides[1].line, 7);
    }

    #[test]
    fn separators_inside_code_do_not_split() {
        let slides = split("# A\n\n```yaml\n---\nkey: v\n---\n```\n\n---\n\n# B\n");
        assert_eq!(slides.len(), 2);
        assert!(slides[0].content.contains("---\nkey: v\n---"));
    }

    #[test]
    fn tilde_fences_and_longer_fences() {
        let slides = split("~~~\n---\n~~~\n---\n````\n```\n---\n```\n````\n");
        assert_eq!(slides.len(), 2);
        assert!(slides[1].content.starts_with("````"));
    }

    #[test]
    fn without_separators_split_at_level_two_headings() {
        let slides = split("# Title\n\nintro\n\n## First\n\na\n\n### Sub\n\nb\n\n## Second\n\nc\n```\n## not a heading\n```\n");
        let titles: Vec<_> = slides
            .iter()
            .map(|s| slide_title(&s.content).unwrap())
            .collect();
        assert_eq!(titles, ["Title", "First", "Second"]);
        assert!(slides[1].content.contains("### Sub"));
        assert!(slides[2].content.contains("## not a heading"));
    }

    #[test]
    fn notes_are_separated() {
        let slides = split(
            "## A\n\n- point\n\nNote:\nSay this.\nAnd this.\n\n---\n\n## B\nNote: inline note\n",
        );
        assert_eq!(slides[0].content, "## A\n\n- point");
        assert_eq!(slides[0].notes, "Say this.\nAnd this.");
        assert_eq!(slides[1].notes, "inline note");
    }

    #[test]
    fn note_inside_code_is_code() {
        let slides = split("## A\n\n```\nNote: not notes\n```\n");
        assert!(slides[0].notes.is_empty());
        assert!(slides[0].content.contains("Note: not notes"));
    }

    #[test]
    fn empty_parts_are_dropped() {
        assert_eq!(split("---\n\n---\n## A\n").len(), 1);
    }

    #[test]
    fn a_slide_splits_at_the_first_level_below_its_title() {
        let parts = at_subheadings(
            "## Competencies\n\nSix of them.\n\n### 1. Decisions\n\nA\n\n#### Deeper\n\nB\n\n```\n### in code\n```\n\n### 2. Mentoring\n\nC\n",
        )
        .unwrap();
        let titles: Vec<_> = parts.iter().map(|p| p.title.clone()).collect();
        assert_eq!(
            titles,
            [
                None,
                Some("1. Decisions".into()),
                Some("2. Mentoring".into())
            ]
        );
        assert_eq!(parts[0].markdown, "## Competencies\n\nSix of them.");
        assert!(parts[1]
            .markdown
            .starts_with("## 1. Decisions\n\nA\n\n#### Deeper"));
        assert!(parts[1].markdown.contains("### in code"), "code stays code");
        assert_eq!(parts[2].line_offset, 16);
        assert!(at_subheadings("## Only\n\ntext\n").is_none());
    }

    #[test]
    fn exercise_titles() {
        assert!(is_exercise("Exercise: where did your week go?"));
        assert!(is_exercise("Discussion"));
        assert!(!is_exercise("Why we are here"));
    }
}
