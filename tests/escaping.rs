//! Every value that comes from front matter or a file name is escaped.

mod common;

use common::{attrs, texts, Project};
use scraper::Selector;

#[test]
fn hostile_front_matter_and_file_names_stay_text() {
    let p = Project::fixture("hostile_values");
    p.build_ok(&[]);
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
        texts(&page, ".item-body")
            .iter()
            .any(|t| t.contains("<script>alert('raw')</script>")),
        "raw HTML shown as text"
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
