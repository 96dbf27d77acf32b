//! Every value that comes from front matter or a file name is escaped.

mod common;

use common::{attrs, texts, Project};
use scraper::Selector;

#[test]
fn hostile_front_matter_and_file_names_stay_text() {
    let p = Project::fixture("hostile_values");
    let out = p.build_ok(&["--base-url", "https://example.org/"]);
    assert!(
        out.contains("raw HTML: left out <script>"),
        "the removed script is reported: {out}"
    );
    for page in common::html_files(&p.site()) {
        let html = p.html(&page);
        let scripts = html
            .select(&Selector::parse("script:not([src$='/search.js'])").unwrap())
            .count();
        assert_eq!(scripts, 0, "{page} has an injected script");
        for selector in ["img", "svg:not(.graph)", "i", "b"] {
            let found = html.select(&Selector::parse(selector).unwrap()).count();
            assert_eq!(found, 0, "{page} has an injected <{selector}>");
        }
        for attr in ["onerror", "onmouseover", "onload"] {
            let found = html
                .select(&Selector::parse(&format!("[{attr}]")).unwrap())
                .count();
            assert_eq!(found, 0, "{page} has an injected {attr}");
        }
    }
    let page = p.html("moments/b-bold-quoted-name/index.html");
    assert_eq!(
        texts(&page, "h1"),
        ["</title><script>alert('title')</script>"]
    );
    let title = texts(&page, "title");
    assert!(title[0].starts_with("</title><script>"), "{title:?}");
    assert!(texts(&page, ".badge").contains(&"\"><img src=x onerror=alert(1)>".to_string()));
    assert!(
        !texts(&page, ".item-body")
            .iter()
            .any(|t| t.contains("alert('raw')")),
        "a raw script is left out, not shown"
    );
    let tag_links = attrs(&page, ".meta-panel .terms a", "href");
    assert!(
        tag_links
            .iter()
            .all(|h| h.starts_with("/tags/") || h.starts_with("/themes/")),
        "{tag_links:?}"
    );
    let feed = p.page("atom.xml");
    assert!(!feed.contains("<script>"), "feed escapes titles");
    assert!(feed.contains("&lt;/title&gt;&lt;script&gt;"));
    assert!(p
        .page("sitemap.xml")
        .contains("/moments/b-bold-quoted-name/"));
}

#[test]
fn hostile_values_stay_data_in_json_xml_and_search_files() {
    let p = Project::fixture("hostile_values");
    p.build_ok(&["--base-url", "https://example.org/"]);
    let title = "</title><script>alert('title')</script>";
    // The published list and every search file are valid JSON that keeps the
    // value exactly; no page embeds JSON that a title could break out of.
    let _: serde_json::Value = serde_json::from_str(&p.page("published.json")).unwrap();
    let mut found = false;
    for entry in walkdir::WalkDir::new(p.site().join("search"))
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_some_and(|e| e == "json") {
            let value: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(entry.path()).unwrap()).unwrap();
            // Fragment files hold a list of documents.
            let docs = value.as_array().cloned().unwrap_or_else(|| vec![value]);
            found |= docs
                .iter()
                .any(|d| d.get("t").and_then(|t| t.as_str()) == Some(title));
        }
    }
    assert!(found, "the search fragment keeps the title as data");
    for page in common::html_files(&p.site()) {
        let html = p.page(&page);
        assert!(!html.contains("<script>alert"), "{page}");
        assert!(
            !html.contains("type=\"application/json\""),
            "{page}: no JSON embedded in pages"
        );
    }
    for xml in ["sitemap.xml", "atom.xml"] {
        let text = p.page(xml);
        assert!(!text.contains("<script>"), "{xml}");
        assert!(
            text.matches('<').count() == text.matches('>').count(),
            "{xml}: balanced markup"
        );
    }
    assert!(p
        .page("atom.xml")
        .contains("&lt;/title&gt;&lt;script&gt;alert(&apos;title&apos;)&lt;/script&gt;"));
}
