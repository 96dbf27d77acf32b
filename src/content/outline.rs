//! A markdown body's heading outline, found line by line (outside fenced
//! code), so section-shaped data such as a moment's "Already Published"
//! list can be read from the text under one heading.

/// The text under one heading, up to the next heading of the same or a
/// higher level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineSection<'a> {
    /// 1 for `#`, 2 for `##`…
    pub level: usize,
    /// The heading text.
    pub title: &'a str,
    /// 1-based line of the heading in the body.
    pub line: usize,
    /// The lines after the heading, up to the section's end.
    pub text: &'a str,
}

/// Every heading of `body` with the text it governs.
pub fn outline(body: &str) -> Vec<OutlineSection<'_>> {
    let mut headings: Vec<(usize, &str, usize, usize, usize)> = Vec::new();
    let mut in_fence: Option<&str> = None;
    let mut offset = 0;
    for (index, line) in body.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        let fence = if trimmed.starts_with("```") {
            Some("```")
        } else if trimmed.starts_with("~~~") {
            Some("~~~")
        } else {
            None
        };
        match (in_fence, fence) {
            (None, Some(f)) => in_fence = Some(f),
            (Some(open), Some(f)) if open == f => in_fence = None,
            (None, None) if line.starts_with('#') => {
                let level = line.chars().take_while(|&c| c == '#').count();
                let rest = &line[level..];
                if level <= 6 && (rest.starts_with(' ') || rest.trim().is_empty()) {
                    let title = rest.trim().trim_end_matches('#').trim();
                    headings.push((level, title, index + 1, offset, offset + line.len()));
                }
            }
            _ => {}
        }
        offset += line.len();
    }
    let mut sections = Vec::with_capacity(headings.len());
    for (i, &(level, title, line, _, text_start)) in headings.iter().enumerate() {
        let end = headings[i + 1..]
            .iter()
            .find(|h| h.0 <= level)
            .map_or(body.len(), |h| h.3);
        sections.push(OutlineSection {
            level,
            title,
            line,
            text: &body[text_start..end],
        });
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_nest_and_skip_code() {
        let body = "# T\n## A\na text\n### A1\na1\n```\n## not a heading\n```\n## B\nb\n";
        let o = outline(body);
        let titles: Vec<_> = o.iter().map(|s| s.title).collect();
        assert_eq!(titles, ["T", "A", "A1", "B"]);
        assert_eq!(o[1].line, 2);
        assert!(o[1].text.contains("a1"), "a section holds its subsections");
        assert!(o[1].text.contains("## not a heading"));
        assert!(!o[1].text.contains("\nb\n"));
        assert_eq!(o[3].text, "b\n");
    }
}
