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
    let origin = config.origin();
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
    // RFC 4287 wants an author for every entry; the site's name stands in
    // when lectern.yaml names none.
    let author = if config.author.is_empty() {
        &config.title
    } else {
        &config.author
    };
    let _ = writeln!(
        xml,
        "  <author><name>{}</name></author>",
        escape_xml(author)
    );
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
        let body = bodies[id].html.text();
        if !body.trim().is_empty() {
            let _ = writeln!(
                xml,
                "    <content type=\"html\">{}</content>",
                escape_xml(&absolute_links(
                    &body,
                    &origin,
                    &absolute_url(library, &library.url(id))
                ))
            );
        } else if let Some(summary) = item
            .front
            .description
            .as_deref()
            .filter(|d| !d.trim().is_empty())
        {
            let _ = writeln!(xml, "    <summary>{}</summary>", escape_xml(summary));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    OutputFile {
        path: "atom.xml".into(),
        contents: Contents::Bytes(xml.into_bytes()),
    }
}

/// `html` with every `href` and `src` made absolute, as feed readers need:
/// site paths (`/x/`) get the origin, fragments and relative paths the
/// entry's own URL (`page`).
pub fn absolute_links(html: &str, origin: &str, page: &str) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    loop {
        let next = [" href=", " src=", " srcset="]
            .iter()
            .filter_map(|attr| rest.find(attr).map(|i| (i, attr.len())))
            .min();
        let Some((at, len)) = next else { break };
        let value_start = at + len;
        out.push_str(&rest[..value_start]);
        rest = &rest[value_start..];
        let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let Some(end) = rest[1..].find(quote) else {
            break;
        };
        let value = &rest[1..1 + end];
        out.push(quote);
        if len == " srcset=".len() {
            // Candidates: `url width, url width`.
            let candidates: Vec<String> = value
                .split(", ")
                .map(|c| match c.split_once(' ') {
                    Some((url, width)) => format!("{} {width}", absolute(url, origin, page)),
                    None => absolute(c, origin, page),
                })
                .collect();
            out.push_str(&candidates.join(", "));
        } else {
            out.push_str(&absolute(value, origin, page));
        }
        out.push(quote);
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

fn absolute(url: &str, origin: &str, page: &str) -> String {
    if crate::library::has_scheme(url) || url.starts_with("//") {
        url.to_string()
    } else if url.starts_with('/') {
        format!("{origin}{url}")
    } else if let Some(fragment) = url.strip_prefix('#') {
        format!("{}#{fragment}", page.split('#').next().unwrap_or(page))
    } else {
        format!("{page}{url}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_in_entries_become_absolute() {
        let html = "<a href=\"/docs/x/\">x</a> <a href=\"#intro\">i</a> <img src=\"pic.png\" alt=\"\"> \
                    <a href=\"https://other.org/\">o</a> <a href='mailto:a@b.c'>m</a> <span data-href=\"/\">";
        let out = absolute_links(html, "https://h.org", "https://h.org/docs/p/");
        assert!(out.contains("href=\"https://h.org/docs/x/\""), "{out}");
        assert!(
            out.contains("href=\"https://h.org/docs/p/#intro\""),
            "{out}"
        );
        assert!(
            out.contains("src=\"https://h.org/docs/p/pic.png\""),
            "{out}"
        );
        assert!(out.contains("href=\"https://other.org/\""), "{out}");
        assert!(out.contains("href='mailto:a@b.c'"), "{out}");
        assert!(out.contains("data-href=\"/\""), "{out}");
    }

    #[test]
    fn image_candidates_become_absolute() {
        let html = "<img src=\"/d/a.png\" srcset=\"/d/a.480w.png 480w, /d/a.png 1200w\">";
        let out = absolute_links(html, "https://h.org", "https://h.org/p/");
        assert!(
            out.contains("srcset=\"https://h.org/d/a.480w.png 480w, https://h.org/d/a.png 1200w\""),
            "{out}"
        );
    }

    #[test]
    fn xml_escaping() {
        assert_eq!(escape_xml("a<b>&\"'\u{1}"), "a&lt;b&gt;&amp;&quot;&apos;");
    }
}
