//! The user's own documents (the repo's content/, made from the seeds) build
//! into the site the README describes.

mod common;

use common::{assert_internal_links_resolve, attrs, texts, Project};

#[test]
fn seeds_build_every_page_of_the_url_layout() {
    let p = Project::seeds();
    let out = p.build_ok(&[]);
    assert!(out.contains("built "), "{out}");
    assert!(
        out.contains(" pages from 10 items in "),
        "five seeds and five written-out modules: {out}"
    );
    for page in [
        "index.html",
        "moments/index.html",
        "workshop/index.html",
        "frameworks/index.html",
        "moments/leadership-skills-are-for-everyone/index.html",
        "moments/tech-lead-workshop-ic-to-leadership/index.html",
        "workshop/ic-to-technical-leader/index.html",
        "frameworks/technical-leadership-progression/index.html",
        "frameworks/management-vs-leadership/index.html",
        "tags/index.html",
        "tags/1on1-questions/index.html",
        "themes/index.html",
        "themes/engineering-leadership/index.html",
        "404.html",
        "style.css",
        "favicon.svg",
    ] {
        assert!(p.site().join(page).is_file(), "missing {page}");
    }
    let checked = assert_internal_links_resolve(&p.site(), "/");
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn home_lists_workshop_first_then_newest_moments_then_frameworks() {
    let p = Project::seeds();
    p.build_ok(&[]);
    let home = p.html("index.html");
    let sections = texts(&home, "main section h2");
    assert_eq!(
        sections,
        [
            "From IC to Tech Lead: The Workshop",
            "Newest moments",
            "Framework articles"
        ]
    );
    let modules = texts(&home, "main section:first-of-type .card-title");
    assert_eq!(modules.len(), 6, "{modules:?}");
    let moments = texts(&home, "main section:nth-of-type(2) .card-title");
    assert_eq!(
        moments,
        [
            "Tech Lead Workshop: IC to Leadership Transition",
            "Leadership Skills Are for Everyone, Not Just Leaders"
        ],
        "newest first: 2026-01-13 before 2025-12-18"
    );
}

#[test]
fn moments_index_shows_status_potential_and_themes() {
    let p = Project::seeds();
    p.build_ok(&[]);
    let index = p.html("moments/index.html");
    let badges = texts(&index, ".card .badge");
    assert!(badges.contains(&"raw".to_string()), "{badges:?}");
    assert!(badges.contains(&"captured".to_string()));
    assert!(
        badges.contains(&"high potential".to_string()),
        "content_potential is read as potential"
    );
    let themes = texts(&index, ".card .terms a");
    assert!(themes.contains(&"engineering-leadership".to_string()));
}

#[test]
fn item_page_has_metadata_panel_toc_and_body() {
    let p = Project::seeds();
    p.build_ok(&[]);
    let page = p.html("moments/tech-lead-workshop-ic-to-leadership/index.html");
    assert_eq!(
        texts(&page, "h1"),
        ["Tech Lead Workshop: IC to Leadership Transition"]
    );
    let panel = texts(&page, ".meta-panel dt");
    for field in ["Created", "Status", "Potential", "Tags", "Platform fit"] {
        assert!(
            panel.contains(&field.to_string()),
            "{field} missing from {panel:?}"
        );
    }
    let fit = texts(&page, ".meta-panel dd li");
    assert!(
        fit.contains(&"internal-training".to_string()),
        "flow list platform_fit: {fit:?}"
    );
    let toc = attrs(&page, ".toc a", "href");
    assert!(
        toc.contains(&"#workshop-outline-ideas".to_string()),
        "{toc:?}"
    );
    assert!(toc.contains(&"#module-1-the-identity-shift".to_string()));
    // The heading the title came from is not repeated in the body.
    assert_eq!(texts(&page, ".item-body h1").len(), 0);
    // Task list checkboxes from "Next Steps".
    assert_eq!(
        attrs(&page, ".item-body input[type=checkbox]", "type").len(),
        4
    );
}

#[test]
fn the_level_table_of_seed_000_is_a_table() {
    let p = Project::seeds();
    p.build_ok(&[]);
    let page = p.html("moments/leadership-skills-are-for-everyone/index.html");
    let cells = texts(&page, ".item-body table td");
    assert!(cells.contains(&"A standard".to_string()), "{cells:?}");
    let created = texts(&page, ".meta-panel dd time");
    assert_eq!(created[0], "18 Dec 2025", "quoted date is read");
}

#[test]
fn plain_text_articles_keep_their_structure() {
    let p = Project::seeds();
    p.build_ok(&[]);
    let article = p.html("frameworks/management-vs-leadership/index.html");
    assert_eq!(
        texts(&article, "h1"),
        ["Management vs Leadership Explained: Different Skills, Both Essential"],
        "title from the first line"
    );
    let h2 = texts(&article, ".item-body h2");
    assert!(
        h2.iter()
            .any(|h| h.starts_with("What Management Actually Is")),
        "{h2:?}"
    );
    assert!(h2
        .iter()
        .any(|h| h.starts_with("The Spectrum: Pure Management to Pure Leadership")));
    let h3 = texts(&article, ".item-body h3");
    assert!(
        h3.iter().any(|h| h.starts_with("The Promotion Pattern")),
        "{h3:?}"
    );
    let items = texts(&article, ".item-body li");
    assert!(
        items.contains(&"Front-line supervisor in a stable, well-defined operation".to_string())
    );
    assert!(
        !texts(&article, ".item-body h2, .item-body h3")
            .iter()
            .any(|h| h.starts_with("Toward pure management")),
        "a lead-in line is not a heading"
    );

    let progression = p.html("frameworks/technical-leadership-progression/index.html");
    let body = p.page("frameworks/technical-leadership-progression/index.html");
    assert!(!body.contains("Read More"), "export noise is dropped");
    assert!(
        !body.contains("Tag: Diagrams"),
        "export metadata is not content"
    );
    assert_eq!(
        texts(&progression, ".meta-panel .terms a").last().unwrap(),
        "Diagrams"
    );
    let headings = texts(&progression, ".item-body h2, .item-body h3");
    assert_eq!(
        headings
            .iter()
            .filter(|h| h.starts_with("Awesome Permission"))
            .count(),
        1,
        "a title repeated by the export shows once: {headings:?}"
    );
    assert!(headings.iter().any(|h| h.starts_with("Self -> Ownership")));
}

#[test]
fn workshop_module_without_front_matter_renders_its_code_blocks_plain() {
    let p = Project::seeds();
    p.build_ok(&[]);
    let page = p.html("workshop/ic-to-technical-leader/index.html");
    assert_eq!(texts(&page, "h1"), ["Leadership Development"]);
    let blocks = texts(&page, ".item-body pre.code");
    assert_eq!(
        blocks.len(),
        9,
        "every fenced block of seed 002 (18 fence lines)"
    );
    assert!(
        blocks
            .iter()
            .any(|b| b.contains("## Summary (3-5 sentences)")),
        "headings inside code stay code"
    );
}

#[test]
fn feed_and_sitemap_list_the_right_things() {
    let p = Project::seeds();
    p.build_ok(&["--base-url", "https://example.org/"]);
    let atom = p.page("atom.xml");
    let first = atom.find("Tech Lead Workshop").unwrap();
    let second = atom.find("Leadership Skills Are for Everyone").unwrap();
    assert!(first < second, "newest first");
    assert!(
        atom.contains("Management vs Leadership Explained"),
        "articles are in the feed"
    );
    assert!(
        !atom.contains("<title>Leadership Development</title>"),
        "modules are not"
    );
    let sitemap = p.page("sitemap.xml");
    assert!(sitemap
        .contains("<loc>https://example.org/moments/leadership-skills-are-for-everyone/</loc>"));
    assert!(!sitemap.contains("404"));
}
