//! Whether a module opens with its own title slide, so the deck does not
//! add a second one.

use super::dialects::ReadSlide;

/// Whether a module's first slide is its own title slide: it opens with a
/// `# ` heading, its dialect marks it as one (Marp's `lead` or `title`
/// class, Slidev's cover layout), or it is a title card: one heading with
/// a few short lines under it (a subtitle, the speakers).
pub(super) fn opens_with_title(slide: &ReadSlide) -> bool {
    let content = slide.content.trim();
    if content.starts_with("# ")
        || slide
            .look
            .classes
            .iter()
            .any(|c| matches!(c.as_str(), "lead" | "title" | "title-slide"))
    {
        return true;
    }
    let mut lines = content.lines().map(str::trim).filter(|l| !l.is_empty());
    let Some(first) = lines.next() else {
        return false;
    };
    if !(first.starts_with("## ") || first.starts_with("### ")) {
        return false;
    }
    let rest: Vec<&str> = lines.collect();
    let block = |l: &&str| {
        l.starts_with('#')
            || l.starts_with("- ")
            || l.starts_with("* ")
            || l.starts_with("+ ")
            || l.starts_with("```")
            || l.starts_with('|')
            || l.split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    rest.len() <= 3
        && !rest.iter().any(block)
        && rest
            .iter()
            .map(|l| l.split_whitespace().count())
            .sum::<usize>()
            <= 30
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slides::look::Look;

    #[test]
    fn a_module_opens_with_its_own_title_or_a_title_card() {
        let read = |content: &str, class: Option<&str>| ReadSlide {
            content: content.into(),
            right: None,
            notes: String::new(),
            look: Look {
                classes: class.into_iter().map(str::to_string).collect(),
                ..Look::default()
            },
            media: Vec::new(),
            hidden: false,
        };
        for (content, class) in [
            ("# The Identity Shift\n\nWhy it matters", None),
            ("## gem5's Standard Library", None),
            ("## Caches\n\nJason Lowe-Power\nUC Davis", None),
            ("## Anything at all\n\n- even a list", Some("lead")),
            ("## Opening\n\n- a point", Some("title")),
        ] {
            assert!(opens_with_title(&read(content, class)), "{content}");
        }
        for content in [
            "## Why a library?\n\n- duplicated code\n- errors",
            "## Steps\n\n1. one\n2. two",
            "## Code\n\n```py\nx = 1\n```",
            "Just a paragraph.",
            "## Long\n\nOne two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three twenty-four twenty-five twenty-six twenty-seven twenty-eight twenty-nine thirty thirty-one.",
        ] {
            assert!(!opens_with_title(&read(content, None)), "{content}");
        }
    }
}
