//! `sitemap.xml` and `atom.xml`, written directly as XML: they have a fixed
//! shape, and building them here keeps their escaping in one place.

use std::fmt::Write;

use super::absolute_url;
use crate::content::Kind;
use crate::library::Library;
use crate::markdown::Rendered;
use crate::output::{Contents, OutputFile};

/// Escapes text for XML content and attribute values.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab and newlines are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Every page of the site with its last change: (URL path, date).
pub fn sitemap(library: &Library, pages: &[(String, Option<String>)]) -> OutputFile {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut pages: Vec<&(String, Option<String>)> = pages.iter().collect();
    pages.sort();
    for (url, updated) in pages {
        let _ = write!(
            xml,
            "  <url>\n    <loc>{}</loc>\n",
            escape_xml(&absolute_url(library, url))
        );
        if let Some(updated) = updated {
            let _ = writeln!(xml, "    <lastmod>{}</lastmod>", escape_xml(updated));
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: "sitemap.xml".into(),
        contents: Contents::Bytes(xml.into_bytes()),
    }
}

/// Entries in the feed: readers only look at the newest, and a feed of the
/// whole library would grow with it.
pub const FEED_LIMIT: usize = 50;

/// The Atom feed: the newest moments and articles.
pub fn atom(library: &Library, bodies: &[std::sync::Arc<Rendered>]) -> OutputFile {
    let mut entries: Vec<usize> = (0..library.items.len())
        .filter(|&id| library.items[id].kind.in_feed())
        .collect();
    entries.sort_by(|&a, &b| {
        let (ia, ib) = (&library.items[a], &library.items[b]);
        ib.date()
            .cmp(&ia.date())
            .then_with(|| ia.title.cmp(&ib.title))
    });
    entries.truncate(FEED_LIMIT);
    let newest = entries
        .iter()
        .filter_map(|&id| library.items[id].date())
        .max()
        .map(|d| d.rfc3339())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let config = &library.config;
    let home = absolute_url(library, &config.base_path());
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = write!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n",
        escape_xml(&config.language),
        escape_xml(&config.title)
    );
    if !config.description.is_empty() {
        let _ = writeln!(
            xml,
            "  <subtitle>{}</subtitle>",
            escape_xml(&config.description)
        );
    }
    let _ = write!(
        xml,
        "  <link href=\"{home}\"/>\n  <link rel=\"self\" href=\"{self_url}\"/>\n  <id>{home}</id>\n  <updated>{newest}</updated>\n  <generator>Lectern</generator>\n",
        home = escape_xml(&home),
        self_url = escape_xml(&absolute_url(library, &format!("{}atom.xml", config.base_path()))),
    );
    if !config.author.is_empty() {
        let _ = writeln!(
            xml,
            "  <author><name>{}</name></author>",
            escape_xml(&config.author)
        );
    }
    for id in entries {
        let item = &library.items[id];
        let url = escape_xml(&absolute_url(library, &library.url(id)));
        let updated = item
            .front
            .updated
            .or(item.date())
            .map_or_else(|| newest.clone(), |d| d.rfc3339());
        let _ = write!(
            xml,
            "  <entry>\n    <title>{}</title>\n    <link href=\"{url}\"/>\n    <id>{url}</id>\n    <updated>{updated}</updated>\n",
            escape_xml(&item.title)
        );
        if let Some(date) = item.date() {
            let _ = writeln!(xml, "    <published>{}</published>", date.rfc3339());
        }
        let kind = if item.kind == Kind::Moment {
            "moment"
        } else {
            "article"
        };
        let _ = writeln!(xml, "    <category term=\"{kind}\"/>");
        for tag in &item.front.tags {
            let _ = writeln!(xml, "    <category term=\"{}\"/>", escape_xml(tag));
        }
        let _ = write!(
            xml,
            "    <content type=\"html\">{}</content>\n  </entry>\n",
            escape_xml(&bodies[id].html)
        );
    }
    xml.push_str("</feed>\n");
    OutputFile {
        path: "atom.xml".into(),
        contents: Contents::Bytes(xml.into_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escaping() {
        assert_eq!(escape_xml("a<b>&\"'\u{1}"), "a&lt;b&gt;&amp;&quot;&apos;");
    }
}
