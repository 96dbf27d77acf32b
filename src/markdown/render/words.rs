//! Runs of text and formulas: template tags taken out of what is counted
//! and searched, shortcodes drawn, highlights and addresses marked, math
//! made MathML.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

use super::Renderer;
use crate::markdown::{escape_html, inline, math};

impl<'a> Renderer<'a> {
    /// A run of text.
    pub(super) fn text(&mut self, words: CowStr<'a>, out: &mut Vec<Event<'a>>) {
        if is_plain(&words) {
            // Most runs: nothing to take out, draw or mark, so one scan
            // instead of one per kind of mark.
            self.count_and_keep(&words);
            out.push(Event::Text(words));
            return;
        }
        self.count_and_keep(inline::without_block_id(&inline::without_template_tags(
            &words,
        )));
        let link_addresses = self.links.is_empty();
        let resolve = self.resolve;
        let drawn =
            crate::markdown::shortcodes::replace(&words, &|src| resolve.file_url(src), &|text| {
                inline::decorate(text, link_addresses).unwrap_or_else(|| escape_html(text))
            });
        out.push(match drawn {
            // A figure is a block: it cannot sit in a paragraph.
            Some((html, true)) if self.in_paragraph => Event::Html(format!("</p>{html}<p>").into()),
            Some((html, _)) => Event::Html(html.into()),
            None => match inline::decorate(&words, link_addresses) {
                Some(html) => Event::Html(html.into()),
                None => Event::Text(words),
            },
        });
    }

    /// Counts the words of text `shown` to readers and keeps it for the
    /// summary and the open heading's text, or else the search text.
    fn count_and_keep(&mut self, shown: &str) {
        self.rendered.words += crate::markdown::text::word_count(shown);
        self.add_to_summary(shown);
        if let Some(open) = self.heading.as_mut() {
            open.text.push_str(shown);
        } else if self.options.search_text {
            self.plain.push(shown);
        }
    }

    /// `$…$` or `$$…$$`.
    pub(super) fn math(&mut self, latex: &str, range: Range<usize>, out: &mut Vec<Event<'a>>) {
        let block = self.markdown[range.clone()].starts_with("$$");
        if self.options.search_text && self.heading.is_none() {
            self.plain.push(latex);
        }
        let html = match math::mathml(latex, block) {
            Ok(html) => html,
            Err((shown, reason)) => {
                self.note(
                    range.start,
                    format!("this math could not be read, so it is shown as LaTeX: {reason}"),
                    "fix the LaTeX, or put it in a code span if it is not meant as math",
                );
                shown
            }
        };
        // A display formula is a block: it cannot sit in a paragraph.
        let html = if block && self.in_paragraph && html.starts_with("<div") {
            format!("</p>{html}<p>")
        } else {
            html
        };
        out.push(Event::Html(html.into()));
    }
}

/// Whether a run of text has none of the characters that start a template
/// tag or shortcode (`{`), a highlight (`=`), a web address (`:`) or a block
/// id (`^`): it is then shown, counted and searched as it is.
fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3(b'{', b'=', b':', bytes).is_none() && memchr::memchr(b'^', bytes).is_none()
}

#[cfg(test)]
mod tests {
    use super::is_plain;

    #[test]
    fn only_runs_without_marks_are_plain() {
        assert!(is_plain("A plain run, with commas; and (brackets)."));
        for marked in [
            "a {{< x >}}",
            "a ==b==",
            "see https://x.org",
            "block ^id",
            "{% x %}",
        ] {
            assert!(!is_plain(marked), "{marked}");
        }
    }
}
