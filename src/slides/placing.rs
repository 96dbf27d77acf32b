//! How a section as written becomes slides that fit: whole, cut at its
//! sub-headings, packed from its bold lead-ins, or continued over pages;
//! and what to tell the writer when it did not fit or is dense.

use super::{fit, lead_ins, split, DENSE_WORDS};

/// A slide placed from a section as written.
pub(super) struct Placed {
    pub(super) markdown: String,
    pub(super) title: String,
    pub(super) kicker: Option<String>,
    pub(super) part: usize,
    pub(super) parts: usize,
    pub(super) line_offset: usize,
    pub(super) code: fit::CodeSet,
}

/// The slides a section as written becomes: itself when it fits; else one
/// slide per sub-section (titled by its heading, with the section's title
/// as a kicker), split again at deeper headings while they do not fit;
/// then, with no headings left, at its bold lead-ins, packed while they
/// fit. Only what still does not fit continues over pages, labelled with
/// its own slide's title.
pub(super) fn section_slides(
    content: &str,
    title: &str,
    kicker: Option<&str>,
    lead_ins: bool,
) -> Vec<Placed> {
    let pages = fit::paginate(content);
    if pages.len() > 1 {
        // Parts cut at headings may still be cut at their lead-ins; parts
        // packed from lead-ins are final.
        let parts = split::at_subheadings(content)
            .map(|parts| (parts, lead_ins))
            .or_else(|| {
                let parts = lead_ins::at_lead_ins(content).filter(|_| lead_ins)?;
                let packed = lead_ins::pack(parts, |slide| fit::paginate(slide).len() == 1);
                (packed.len() > 1).then_some((packed, false))
            });
        if let Some((parts, deeper)) = parts {
            let mut placed = Vec::new();
            for part in parts {
                let (title, kicker) = match &part.title {
                    Some(sub) => (sub.as_str(), Some(title)),
                    None => (title, kicker),
                };
                for mut slide in section_slides(&part.markdown, title, kicker, deeper) {
                    slide.line_offset += part.line_offset;
                    placed.push(slide);
                }
            }
            return placed;
        }
    }
    let parts = pages.len();
    pages
        .into_iter()
        .enumerate()
        .map(|(i, page)| Placed {
            code: page.code,
            markdown: page.markdown,
            title: title.to_string(),
            kicker: kicker.map(str::to_string),
            part: i + 1,
            parts,
            line_offset: 0,
        })
        .collect()
}

/// What to tell the writer about a section that became more than one
/// slide, or is dense: (message, help), once per section.
pub(super) fn fit_warning(
    placed: &[Placed],
    number: usize,
    title: &str,
    content: &str,
) -> Option<(String, &'static str)> {
    let sub_slides = placed.iter().filter(|p| p.part == 1).count();
    let longest = placed.iter().max_by_key(|p| p.parts)?;
    if placed.len() == 1 {
        let words = fit::word_count(content);
        return (words > DENSE_WORDS).then(|| {
            (
                format!("slide {number} (\"{title}\") is dense: {words} words (slides read best under {DENSE_WORDS})"),
                "move detail into the speaker notes (after `Note:`) or split the slide",
            )
        });
    }
    if sub_slides == 1 {
        return Some((
            format!(
                "slide {number} (\"{title}\") does not fit on one slide: continued over {} slides",
                placed.len()
            ),
            "split it with `---` where a new point starts, or shorten it",
        ));
    }
    // Split at its headings with every slide fitting, it is presented as
    // a person would have made it: nothing to say.
    let continued = placed.iter().filter(|p| p.part == 1 && p.parts > 1).count();
    (continued > 0).then(|| {
        (
            format!(
                "slide {number} (\"{title}\") does not fit on one slide: made into {sub_slides} slides, \
                 at its sub-headings and lead-ins; {continued} of them still {} (\"{}\" over {} slides)",
                if continued == 1 { "continues" } else { "continue" },
                longest.title,
                longest.parts
            ),
            "shorten the sub-sections that continue, or split them with `---` where a new point starts",
        )
    })
}
