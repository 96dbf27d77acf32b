//! Markdown features, heading anchors and the table of contents, code
//! highlighting, and links between content files.

mod common;

use common::{attrs, texts, Project};

#[test]
fn extensions_render() {
    let p = Project::fixture("markdown_features");
    p.build_ok(&[]);
    let page = p.html("frameworks/everything/index.html");
    assert_eq!(texts(&page, ".item-body table td"), ["Junior", "A task"]);
    assert_eq!(texts(&page, ".item-body del"), ["struck"]);
    assert_eq!(
        attrs(&page, ".item-body input[type=checkbox][checked]", "type").len(),
        1
    );
    assert_eq!(
        attrs(&page, ".item-body input[type=checkbox]", "type").len(),
        2
    );
    assert!(texts(&page, ".item-body .footnote-definition")
        .iter()
        .any(|t| t.contains("Because footnotes matter")));
}

#[test]
fn headings_have_unique_ids_anchors_and_a_toc() {
    let p = Project::fixture("markdown_features");
    p.build_ok(&[]);
    let page = p.html("frameworks/everything/index.html");
    let ids = attrs(&page, ".item-body h2, .item-body h3", "id");
    assert_eq!(
        ids,
        ["tables", "inline", "tasks", "code", "links", "links-1", "my-id"]
    );
    let anchors = attrs(&page, ".item-body h2 a.anchor", "href");
    assert_eq!(anchors[0], "#tables");
    let toc = attrs(&page, ".toc a", "href");
    assert_eq!(
        toc,
        ["#tables", "#inline", "#tasks", "#code", "#links", "#links-1", "#my-id"]
    );
}

#[test]
fn fenced_code_is_highlighted_with_classes_and_unlabelled_code_is_plain() {
    let p = Project::fixture("markdown_features");
    p.build_ok(&[]);
    let html = p.page("frameworks/everything/index.html");
    let page = p.html("frameworks/everything/index.html");
    assert_eq!(
        attrs(&page, "pre.hl-code code.language-rust", "class").len(),
        1
    );
    assert!(
        html.contains("<span class=\"hl-"),
        "classes, not inline styles"
    );
    assert!(!html.contains("style=\"color"), "no inline colours");
    assert!(html.contains("<pre class=\"code\"><code>plain &lt;text&gt;"));
    assert!(p.page("syntax-light.css").contains(".hl-"));
    assert!(p.page("syntax-dark.css").contains(".hl-"));
    let links = attrs(&page, "link[rel=stylesheet]", "media");
    assert!(links
        .iter()
        .any(|m| m.contains("prefers-color-scheme: dark")));
}

#[test]
fn links_between_content_files_become_page_urls() {
    let p = Project::fixture("markdown_features");
    let out = p.build_ok(&[]);
    let page = p.html("frameworks/everything/index.html");
    let hrefs = attrs(&page, ".item-body a:not(.anchor)", "href");
    assert!(
        hrefs.contains(&"/moments/other/#section-two".to_string()),
        "{hrefs:?}"
    );
    assert!(hrefs.contains(&"https://example.org/".to_string()));
    assert!(!hrefs.iter().any(|h| h.contains("javascript")), "{hrefs:?}");
    assert!(
        !hrefs.iter().any(|h| h.ends_with(".md")),
        "no raw .md links left: {hrefs:?}"
    );
    let missing = texts(&page, ".item-body .missing-ref");
    assert_eq!(missing, ["a missing one (not in the library yet)"]);
    assert!(
        out.contains("content/frameworks/everything.md:36:58: warning"),
        "warning located: {out}"
    );
    assert!(
        out.contains("warning: link to `../moments/not-written.md`"),
        "{out}"
    );
    let back = attrs(
        &p.html("moments/other/index.html"),
        ".item-body a:not(.anchor)",
        "href",
    );
    assert_eq!(
        back,
        ["/frameworks/everything/"],
        "root-relative content path"
    );
}

#[test]
fn sub_path_builds_keep_every_link_under_the_base_path() {
    let p = Project::seeds();
    p.build_ok(&["--base-url", "https://host/some/path/"]);
    let checked = common::assert_internal_links_resolve(&p.site(), "/some/path/");
    assert!(checked > 100, "{checked}");
    let sitemap = p.page("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://host/some/path/moments/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("<loc>https://host/moments"));
    let atom = p.page("atom.xml");
    assert!(atom.contains(
        "<link href=\"https://host/some/path/moments/tech-lead-workshop-ic-to-leadership/\"/>"
    ));
    let not_found = p.html("404.html");
    assert!(attrs(&not_found, "link[rel=stylesheet]", "href")
        .iter()
        .all(|h| h.starts_with("/some/path/")));
}

#[test]
fn sub_path_markdown_links_and_fixture_links_resolve() {
    let p = Project::fixture("markdown_features");
    p.build_ok(&["--base-url", "/docs/"]);
    common::assert_internal_links_resolve(&p.site(), "/docs/");
    let hrefs = attrs(
        &p.html("frameworks/everything/index.html"),
        ".item-body a",
        "href",
    );
    assert!(hrefs.contains(&"/docs/moments/other/#section-two".to_string()));
}
