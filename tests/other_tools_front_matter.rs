//! Posts brought from Hugo, Zola and Jekyll keep their front matter: TOML
//! between `+++` lines, Zola's `[taxonomies]` and `[extra]`, Hugo's
//! `weight`, `lastmod` and `categories`; a TOML mistake is an error at its
//! line, never body text.

mod common;

use common::{attrs, texts, Project};

#[test]
fn toml_and_hugo_fields_are_read_like_lecterns() {
    let p = Project::fixture("toml_front_matter");
    p.build_ok(&[]);
    let zola = p.page("blog/zola-post/index.html");
    for shown in ["+++", "[taxonomies]", "weight = 2", "mood ="] {
        assert!(!zola.contains(shown), "{shown:?} shows on the page");
    }
    let page = p.html("blog/zola-post/index.html");
    assert_eq!(texts(&page, "h1"), ["Delegating the Hard Parts"]);
    let links = attrs(&page, "a", "href");
    for href in ["/tags/delegation/", "/tags/growth/", "/themes/leadership/"] {
        assert!(links.iter().any(|l| l == href), "{href} in {links:?}");
    }
    assert!(attrs(&page, "time", "datetime").contains(&"2024-03-01".to_string()));
    assert!(
        zola.contains("Why the lead keeps the easy work"),
        "description"
    );

    let hugo = p.html("blog/hugo-post/index.html");
    let dates = attrs(&hugo, "time", "datetime");
    assert!(
        dates.contains(&"2024-04-02".to_string()) && dates.contains(&"2024-05-10".to_string()),
        "{dates:?}"
    );
    let links = attrs(&hugo, "a", "href");
    for href in ["/tags/reviews/", "/themes/leadership/", "/themes/feedback/"] {
        assert!(links.iter().any(|l| l == href), "{href} in {links:?}");
    }
    // Both posts under the one theme they share.
    let theme = p.html("themes/leadership/index.html");
    let listed = texts(&theme, "main a");
    for title in ["Delegating the Hard Parts", "Reviews That Teach"] {
        assert!(
            listed.iter().any(|t| t.contains(title)),
            "{title} in {listed:?}"
        );
    }
}

/// `aliases:` leave a redirect at each previous address, under a sub-path
/// too; an alias on another host is a located warning; the redirect pages
/// are valid HTML.
#[test]
fn aliases_leave_redirects_at_the_old_addresses() {
    let p = Project::fixture("toml_front_matter");
    let out = p.build_ok(&["--base-url", "https://example.org/docs/"]);
    assert!(
        out.contains("content/blog/zola-post.md:6:")
            && out.contains("alias `https://old.example/x/` is not an address on this site"),
        "{out}"
    );
    for (file, target) in [
        ("2024/03/delegating/index.html", "/docs/blog/zola-post/"),
        ("old/reviews.html", "/docs/blog/hugo-post/"),
        (
            "posts/reviews-that-teach/index.html",
            "/docs/blog/hugo-post/",
        ),
    ] {
        let page = p.page(file);
        assert!(
            page.contains(&format!("content=\"0; url={target}\"")),
            "{file}: {page}"
        );
        assert!(page.contains(&format!("<a href=\"{target}\">")), "{file}");
    }
    let sitemap = p.page("sitemap.xml");
    assert!(
        !sitemap.contains("delegating"),
        "redirects stay out of the sitemap"
    );
    let errors = common::checkers::vnu_errors(&[&p.site().join("2024"), &p.site().join("old")]);
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn a_toml_mistake_is_an_error_at_its_line() {
    let p = Project::with(&[
        (
            "content/blog/fine.md",
            "+++\ntitle = \"Fine\"\n+++\n\nText.\n",
        ),
        (
            "content/blog/broken.md",
            "+++\ntitle = \"Broken\"\ntags = [\"a\", \"b\"\ndraft = true\n+++\n\nText.\n",
        ),
        (
            "content/blog/open.md",
            "+++\ntitle = \"Never closed\"\n\nText.\n",
        ),
    ]);
    let out = p.build_fails(&[]);
    assert!(
        out.contains("content/blog/broken.md:3:") || out.contains("content/blog/broken.md:4:"),
        "{out}"
    );
    assert!(out.contains("invalid TOML front matter"), "{out}");
    assert!(out.contains("content/blog/open.md:1:1: error: TOML front matter is opened with `+++` but never closed"), "{out}");
}

#[test]
fn an_alias_over_a_page_is_an_error_naming_both() {
    let p = Project::with(&[
        (
            "content/blog/a.md",
            "---\ntitle: A\naliases: [/blog/b/]\n---\nx\n",
        ),
        ("content/blog/b.md", "---\ntitle: B\n---\ny\n"),
    ]);
    let out = p.build_fails(&[]);
    assert!(
        out.contains("`/blog/b/` would be both the page of content/blog/b.md and the redirect from an `aliases:` entry of content/blog/a.md"),
        "{out}"
    );
}

#[test]
fn field_names_in_another_case_are_read_as_hugo_reads_them() {
    let p = Project::new();
    p.write(
        "content/posts/2026-07-03-knowledge.md",
        b"---\nTitle: The missing knowledge transfer\nDate: 2026-07-03\nTags:\n- ai\nSlug: knowledge\n---\n\nWhen developing features, one person thought deeply.\n",
    );
    p.write(
        "content/posts/wrong.md",
        b"---\ntitle: Fine\nTags:\n  nested: map\n---\n\nBody.\n",
    );
    let out = p.build_fails(&[]);
    assert!(
        out.contains("content/posts/wrong.md:3:1: error: field `tags`"),
        "a field in another case is located at its own line: {out}"
    );
    p.write(
        "content/posts/wrong.md",
        b"---\ntitle: Fine\n---\n\nBody.\n",
    );
    p.build_ok(&[]);
    let page = p.html("posts/knowledge/index.html");
    assert_eq!(texts(&page, "h1"), ["The missing knowledge transfer"]);
    assert!(attrs(&page, "time", "datetime").contains(&"2026-07-03".to_string()));
    assert!(attrs(&page, "a", "href").contains(&"/tags/ai/".to_string()));
}

#[test]
fn the_updated_date_reads_like_the_created_one() {
    let p = Project::new();
    p.write(
        "content/notes/a.md",
        b"---\ntitle: A\ndate: 2023-05-17\nupdated: 2026-01-31\n---\n\nBody.\n",
    );
    p.build_ok(&[]);
    let page = p.html("notes/a/index.html");
    assert_eq!(
        texts(&page, ".meta-panel dd time"),
        ["17 May 2023", "31 Jan 2026"]
    );
    assert_eq!(
        attrs(&page, ".meta-panel dd time", "datetime"),
        ["2023-05-17", "2026-01-31"]
    );
}
