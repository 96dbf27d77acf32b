//! New angles: the ideas a moment lists under "NEW Content Angles", each
//! with its post ideas. Read once, when the file is loaded: the repeat
//! guard compares them with published work and the writer's desk lists
//! them, on every build.

use serde::{Deserialize, Serialize};

use super::dates::Date;
use super::outline::OutlineSection;

/// One post idea (`**Post idea:** "…"`) and the lines that develop it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostIdea {
    /// The idea as quoted.
    pub idea: String,
    /// The idea with its list lines, for comparison.
    pub text: String,
    /// 1-based line in the body.
    pub line: usize,
    /// When it is planned to go out (`Planned: 2026-02-10` under it).
    #[serde(with = "super::dates::exact")]
    pub planned: Option<Date>,
    /// When it went out (`Published: 2026-02-10` under it): no longer open.
    #[serde(with = "super::dates::exact")]
    pub published: Option<Date>,
}

/// One new angle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Angle {
    /// The angle's heading, without its number.
    pub title: String,
    /// The heading and its prose (post ideas left out).
    pub text: String,
    /// 1-based line of the heading in the body.
    pub line: usize,
    /// Its post ideas.
    pub post_ideas: Vec<PostIdea>,
    /// When it is planned to go out (`Planned: 2026-02-10` under its
    /// prose, before any post idea).
    #[serde(with = "super::dates::exact")]
    pub planned: Option<Date>,
    /// When it went out (`Published: …` under its prose).
    #[serde(with = "super::dates::exact")]
    pub published: Option<Date>,
}

impl Angle {
    /// Whether the angle still waits to be written: it has not gone out,
    /// and neither have all of its post ideas.
    pub fn is_open(&self) -> bool {
        self.published.is_none()
            && (self.post_ideas.is_empty() || self.post_ideas.iter().any(|i| i.published.is_none()))
    }
}

/// A `Planned: 2026-02-10` or `Published: …` line (as a list item, bold or
/// not): which of the two, and the date.
fn schedule_line(line: &str) -> Option<(bool, Date)> {
    let text = line
        .trim_start_matches(['-', '*', '+', ' '])
        .replace("**", "");
    let (label, value) = text.split_once(':')?;
    let planned = match label.trim().to_lowercase().as_str() {
        "planned" | "scheduled" | "planned for" => true,
        "published" => false,
        _ => return None,
    };
    let date = Date::parse(value.trim().get(..10)?)?;
    Some((planned, date))
}

fn is_angles_heading(title: &str) -> bool {
    let lower = title.to_lowercase();
    lower.contains("new content angle") || lower.contains("new angle")
}

fn strip_number(title: &str) -> &str {
    let digits = title.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        title[digits..].trim_start_matches(['.', ')']).trim()
    } else {
        title.trim()
    }
}

/// Reads the new angles listed in a body's `sections`.
pub fn from_outline(sections: &[OutlineSection]) -> Vec<Angle> {
    let mut angles = Vec::new();
    for (i, section) in sections.iter().enumerate() {
        if !is_angles_heading(section.title) {
            continue;
        }
        for sub in sections[i + 1..]
            .iter()
            .take_while(|s| s.level > section.level)
        {
            if sub.level != section.level + 1 {
                continue;
            }
            angles.push(read_angle(sub.title, sub.text, sub.line));
        }
    }
    angles
}

fn read_angle(title: &str, text: &str, line: usize) -> Angle {
    let title = strip_number(title).to_string();
    let mut prose = title.clone();
    let mut ideas: Vec<PostIdea> = Vec::new();
    let mut in_idea = false;
    let (mut planned, mut published) = (None, None);
    for (index, raw) in text.lines().enumerate() {
        let l = raw.trim();
        if l.is_empty() {
            in_idea = false;
            continue;
        }
        let lower = l.to_lowercase();
        if lower.starts_with("**post idea") {
            let idea = l
                .split_once(':')
                .map(|(_, rest)| rest.trim().trim_start_matches("**").trim())
                .unwrap_or_default()
                .trim_matches(|c| matches!(c, '"' | '“' | '”'))
                .to_string();
            ideas.push(PostIdea {
                text: idea.clone(),
                idea,
                line: line + 1 + index,
                planned: None,
                published: None,
            });
            in_idea = true;
            continue;
        }
        if let Some((is_plan, date)) = schedule_line(l) {
            let (plan_slot, done_slot) = match ideas.last_mut() {
                Some(idea) if in_idea => (&mut idea.planned, &mut idea.published),
                _ => (&mut planned, &mut published),
            };
            if is_plan {
                *plan_slot = Some(date);
            } else {
                *done_slot = Some(date);
            }
            continue;
        }
        if in_idea {
            if let Some(idea) = ideas.last_mut() {
                idea.text.push('\n');
                idea.text.push_str(l.trim_start_matches(['-', '*', ' ']));
            }
        } else {
            prose.push('\n');
            prose.push_str(l);
        }
    }
    Angle {
        title,
        text: prose,
        line,
        post_ideas: ideas,
        planned,
        published,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The new angles listed in `body`.
    fn parse(body: &str) -> Vec<Angle> {
        from_outline(&crate::content::outline::outline(body))
    }

    #[test]
    fn reads_angles_and_post_ideas() {
        let body = "## NEW Content Angles (Not Yet Published)\n\n### 1. Leadership Without a Title (Primary Opportunity)\nThe published content focuses on levels.\n\n**Post idea:** \"You don't need a title to lead\"\n- Core insight: skills for everyone\n- Compare: with title vs without\n\n### 2. Governance vs Management\nCompletely new framework.\n\n## Connection to Other Moments\n\n### Not an angle\n";
        let angles = parse(body);
        assert_eq!(angles.len(), 2);
        assert_eq!(
            angles[0].title,
            "Leadership Without a Title (Primary Opportunity)"
        );
        assert_eq!(angles[0].line, 3);
        assert!(angles[0].text.contains("focuses on levels"));
        assert!(!angles[0].text.contains("Core insight"));
        assert_eq!(angles[0].post_ideas.len(), 1);
        assert_eq!(
            angles[0].post_ideas[0].idea,
            "You don't need a title to lead"
        );
        assert_eq!(angles[0].post_ideas[0].line, 6);
        assert!(angles[0].post_ideas[0].text.contains("Compare: with title"));
        assert_eq!(angles[1].title, "Governance vs Management");
        assert!(angles[0].is_open() && angles[1].is_open());
    }

    #[test]
    fn reads_planned_and_published_dates() {
        let body = "## New angles\n\n### One\nPlanned: 2026-03-02\n\n**Post idea:** \"First\"\n- **Planned:** 2026-03-09\n\n**Post idea:** \"Second\"\n- Published: 2026-01-05\n\n### Two\n- Published: 2025-12-01\n";
        let angles = parse(body);
        assert_eq!(
            angles[0].planned.map(|d| d.ymd()).as_deref(),
            Some("2026-03-02")
        );
        let ideas = &angles[0].post_ideas;
        assert_eq!(
            ideas[0].planned.map(|d| d.ymd()).as_deref(),
            Some("2026-03-09")
        );
        assert!(ideas[1].published.is_some() && ideas[1].planned.is_none());
        assert!(!ideas[0].text.contains("Planned"));
        assert!(angles[0].is_open());
        assert!(!angles[1].is_open());
    }
}
