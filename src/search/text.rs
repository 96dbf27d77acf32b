//! Text for the search index: sections of a rendered page, and words with
//! their stems.

use rust_stemmers::{Algorithm, Stemmer};

/// Words too common to search for.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "in",
    "is", "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "was", "were",
    "will", "with",
];

/// Splits text into words and stems them (Snowball English).
pub struct Tokens {
    stemmer: Stemmer,
}

impl Default for Tokens {
    fn default() -> Self {
        Tokens {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }
}

impl Tokens {
    /// The searchable words of already lowercased `text`, as slices of it.
    pub fn split<'t>(&self, text: &'t str) -> impl Iterator<Item = &'t str> + 't {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .filter(|w| w.chars().count() > 1 || w.chars().all(|c| c.is_ascii_digit()))
            .filter(|w| !STOP_WORDS.contains(w))
    }

    /// The stem of a lowercased word.
    pub fn stem(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }

    /// The searchable words of `text`, lowercased, each with its stem.
    pub fn words(&self, text: &str) -> Vec<(String, String)> {
        self.split(&text.to_lowercase())
            .map(|w| (w.to_string(), self.stem(w)))
            .collect()
    }
}

/// A part of a page under one heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading's id (empty for text before the first heading).
    pub anchor: String,
    /// The heading's text.
    pub heading: String,
    /// The section's text, tags removed.
    pub text: String,
}

fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Text of an HTML fragment, tags removed and whitespace folded.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode_entities(&out.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Splits a rendered page body into sections at its `h2`–`h4` headings.
pub fn html_sections(html: &str) -> Vec<Section> {
    let mut sections = Vec::new();
    let mut anchor = String::new();
    let mut heading = String::new();
    let mut rest = html;
    loop {
        let next = ["<h2 id=\"", "<h3 id=\"", "<h4 id=\""]
            .iter()
            .filter_map(|tag| rest.find(tag).map(|i| (i, tag.len())))
            .min();
        let Some((start, tag_len)) = next else {
            sections.push(Section {
                anchor,
                heading,
                text: strip_tags(rest),
            });
            break;
        };
        sections.push(Section {
            anchor: std::mem::take(&mut anchor),
            heading: std::mem::take(&mut heading),
            text: strip_tags(&rest[..start]),
        });
        let after = &rest[start + tag_len..];
        let id_end = after.find('"').unwrap_or(0);
        anchor = decode_entities(&after[..id_end]);
        let close = after.find("</h").unwrap_or(after.len());
        let inner_start = after.find('>').map_or(0, |i| i + 1).min(close);
        let inner = &after[inner_start..close];
        // Leave out the `#` anchor link.
        let inner = inner.split("<a class=\"anchor\"").next().unwrap_or(inner);
        heading = strip_tags(inner);
        rest = &after[close..];
        rest = rest.find('>').map_or("", |i| &rest[i + 1..]);
    }
    sections.retain(|s| !s.text.is_empty() || !s.heading.is_empty());
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercased_stemmed_and_filtered() {
        let words = Tokens::default().words("Mentoring the Reviews, and 1:1 questions!");
        let stems: Vec<&str> = words.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(stems, ["mentor", "review", "1", "1", "question"]);
        assert_eq!(words[0].0, "mentoring");
    }

    #[test]
    fn sections_follow_headings() {
        let html = "<p>Intro &amp; more.</p>\n<h2 id=\"core-insight\">Core <em>Insight</em> <a class=\"anchor\" href=\"#core-insight\">#</a></h2>\n<p>Body text.</p><h3 id=\"sub\">Sub</h3><ul><li>item</li></ul>";
        let sections = html_sections(html);
        assert_eq!(sections.len(), 3);
        assert_eq!(sections[0].text, "Intro & more.");
        assert_eq!(sections[1].anchor, "core-insight");
        assert_eq!(sections[1].heading, "Core Insight");
        assert_eq!(sections[1].text, "Body text.");
        assert_eq!(sections[2].text, "item");
    }
}
