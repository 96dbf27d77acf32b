//! Bold lead-in lines ("**Skills to Develop**:") as the structure of a
//! section that has no sub-headings left to split at. Writers of long
//! modules use them as small headings; a section that does not fit is cut
//! before them, and neighbouring parts are packed together again while
//! they fit on one slide, so a slide is as full as its topic allows.

use super::split::{Fences, SubSection};

/// Longest lead-in, in characters: longer bold lines are sentences.
const MAX_LEAD_IN: usize = 80;

/// The text of a lead-in line: bold text at the start of a line, ending in
/// a colon (inside or after the bold), with at most a short remark between
/// (`**Typical Staff+ Interview** (4-6 hours):`).
pub fn lead_in(line: &str) -> Option<String> {
    let rest = line.strip_prefix("**")?;
    let close = rest.find("**")?;
    let bold = rest[..close].trim();
    let after = rest[close + 2..].trim();
    if bold.is_empty() || !(after.ends_with(':') || after.is_empty() && bold.ends_with(':')) {
        return None;
    }
    if after.contains("**") || after.contains('`') {
        return None;
    }
    let remark = after.trim_end_matches(':').trim();
    let title = format!("{} {remark}", bold.trim_end_matches(':').trim());
    let title = title.trim().to_string();
    (title.chars().count() <= MAX_LEAD_IN && !title.is_empty()).then_some(title)
}

/// `content` cut before each lead-in line that starts a paragraph (outside
/// code), or `None` when it has none. Lead-in lines are kept as written;
/// [`pack`] raises the one that opens a slide to its title.
pub fn at_lead_ins(content: &str) -> Option<Vec<SubSection>> {
    let lines: Vec<&str> = content.lines().collect();
    let mut fences = Fences::default();
    let mut starts = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if fences.inside(line) {
            continue;
        }
        let opens_paragraph =
            i == 0 || lines[i - 1].trim().is_empty() || lines[i - 1].starts_with('#');
        if opens_paragraph && i > 0 && lead_in(line).is_some() {
            starts.push(i);
        }
    }
    if starts.is_empty() {
        return None;
    }
    let mut bounds = vec![0];
    bounds.extend(&starts);
    bounds.push(lines.len());
    let parts = bounds
        .windows(2)
        .filter_map(|pair| {
            let markdown = lines[pair[0]..pair[1]]
                .join("\n")
                .trim_matches('\n')
                .to_string();
            (!markdown.trim().is_empty()).then(|| SubSection {
                title: starts
                    .contains(&pair[0])
                    .then(|| lead_in(lines[pair[0]]).unwrap_or_default()),
                markdown,
                line_offset: pair[0],
            })
        })
        .collect();
    Some(parts)
}

/// A part's markdown as a slide: its lead-in raised to the slide's title.
fn as_slide(part: &SubSection) -> String {
    match &part.title {
        Some(title) => {
            let body = part.markdown.split_once('\n').map_or("", |(_, b)| b);
            format!("## {title}\n{body}").trim_end().to_string()
        }
        None => part.markdown.clone(),
    }
}

/// Whether a part is only its title line (a lead-in that introduces the
/// parts after it, or a heading with nothing under it yet).
fn is_bare(part: &SubSection) -> bool {
    part.markdown.trim().lines().count() <= 1
}

/// Packs neighbouring parts onto one slide while `fits` says the slide
/// fits; a bare part always opens a slide and takes the part after it. Each returned part is
/// a slide's markdown, titled by its first lead-in (or `None` for the part
/// that opens the section).
pub fn pack(parts: Vec<SubSection>, fits: impl Fn(&str) -> bool) -> Vec<SubSection> {
    let mut packed: Vec<SubSection> = Vec::new();
    for part in parts {
        if let Some(current) = packed.last_mut() {
            let joined = format!("{}\n\n{}", as_slide(current), part.markdown);
            // A bare lead-in introduces what follows: it opens a slide
            // rather than end one.
            if is_bare(current) || !is_bare(&part) && fits(&joined) {
                current.markdown = format!("{}\n\n{}", current.markdown, part.markdown);
                continue;
            }
        }
        packed.push(part);
    }
    packed
        .into_iter()
        .map(|part| SubSection {
            markdown: as_slide(&part),
            ..part
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_in_lines() {
        assert_eq!(
            lead_in("**Skills to Develop**:").as_deref(),
            Some("Skills to Develop")
        );
        assert_eq!(
            lead_in("**Quarterly Assessment:**").as_deref(),
            Some("Quarterly Assessment")
        );
        assert_eq!(
            lead_in("**Typical Staff+ Interview** (4-6 hours):").as_deref(),
            Some("Typical Staff+ Interview (4-6 hours)")
        );
        assert_eq!(lead_in("**Bold** in a sentence."), None);
        assert_eq!(lead_in("**Bold**"), None);
        assert_eq!(lead_in("- **Item**:"), None);
        assert_eq!(lead_in("**A** and **B**:"), None);
    }

    #[test]
    fn sections_are_cut_at_lead_ins_and_packed_while_they_fit() {
        let content = "## Influence\n\n**What It Means**:\n- a\n- b\n\n**Skills**:\n\n**Relationships**:\n- c\n\n**Persuasion**:\n- d\n\n```\n**Not a lead-in**:\n```";
        let parts = at_lead_ins(content).unwrap();
        let titles: Vec<_> = parts.iter().map(|p| p.title.clone()).collect();
        assert_eq!(
            titles,
            [
                None,
                Some("What It Means".into()),
                Some("Skills".into()),
                Some("Relationships".into()),
                Some("Persuasion".into())
            ]
        );
        assert_eq!(parts[3].line_offset, 8);
        // Only two lead-in parts fit on a slide together.
        let packed = pack(parts, |md| md.matches("**").count() <= 2);
        let slides: Vec<_> = packed.iter().map(|p| p.markdown.as_str()).collect();
        assert_eq!(
            slides,
            [
                "## Influence\n\n**What It Means**:\n- a\n- b",
                "## Skills\n\n**Relationships**:\n- c",
                "## Persuasion\n- d\n\n```\n**Not a lead-in**:\n```",
            ]
        );
        assert!(at_lead_ins("## Plain\n\ntext").is_none());
    }
}
