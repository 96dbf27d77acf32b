//! How files under content/ become items: kinds, sections, nested folders,
//! front matter as real files write it, titles, slugs, drafts.

mod common;

use common::{attrs, texts, Project};

#[test]
fn crlf_and_bom_files_read_like_any_other() {
    let p = Project::new();
    p.write(
        "content/moments/windows.md",
        b"\xEF\xBB\xBF---\r\ntitle: Saved on Windows\r\ncreated: 2026-02-01\r\ntags: [a, b]\r\n---\r\n\r\n## Heading\r\n\r\nBody text.\r\n",
    );
    p.build_ok(&[]);
    let page = p.html("moments/windows/index.html");
    assert_eq!(texts(&page, "h1"), ["Saved on Windows"]);
    assert_eq!(attrs(&page, ".item-body h2", "id"), ["heading"]);
    assert_eq!(texts(&page, ".meta-panel .terms a"), ["a", "b"]);
}

#[test]
fn front_matter_field_styles_are_all_understood() {
    let p = Project::with(&[
        (
            "content/moments/quoted.md",
            "---\ntitle: Quoted\ncreated: '2025-12-18'\npotential: high\nthemes:\n  - growth\n---\nText.\n",
        ),
        (
            "content/moments/bare.md",
            "---\ntitle: Bare\ncreated: 2026-01-13T09:30:00Z\ncontent_potential: medium\ntags: delegation\nthemes: [growth, teams]\n---\nText.\n",
        ),
    ]);
    p.build_ok(&[]);
    let quoted = p.html("moments/quoted/index.html");
    assert_eq!(texts(&quoted, ".meta-panel time")[0], "18 Dec 2025");
    let bare = p.html("moments/bare/index.html");
    assert_eq!(texts(&bare, ".meta-panel time")[0], "13 Jan 2026");
    assert!(texts(&bare, ".badge").contains(&"medium potential".to_string()));
    assert_eq!(
        attrs(&bare, ".meta-panel .terms a", "href")[2],
        "/tags/delegation/",
        "single string tag"
    );
    let index = p.html("moments/index.html");
    assert_eq!(
        texts(&index, ".card-title"),
        ["Bare", "Quoted"],
        "datetime sorts with dates"
    );
    assert!(p.site().join("themes/growth/index.html").is_file());
}

#[test]
fn unknown_fields_reach_the_templates() {
    let p = Project::with(&[
        ("content/moments/x.md", "---\ntitle: X\nmood: \"calm <b>\"\nscore: 3\n---\nBody\n"),
        (
            "themes/default/templates/item.html",
            "{% extends \"base.html\" %}{% block main %}<p id=mood>{{ page.extra.mood }}</p><p id=score>{{ page.extra.score + 1 }}</p>{% endblock main %}",
        ),
    ]);
    p.build_ok(&[]);
    let page = p.html("moments/x/index.html");
    assert_eq!(texts(&page, "#mood"), ["calm <b>"], "kept and escaped");
    assert_eq!(texts(&page, "#score"), ["4"], "numbers stay numbers");
}

#[test]
fn titles_come_from_front_matter_heading_or_first_line() {
    let p = Project::with(&[
        (
            "content/notes/from-front.md",
            "---\ntitle: Front Title\n---\n# Heading Title\n\ntext\n",
        ),
        (
            "content/notes/from-heading.md",
            "\n# Heading **Title**\n\ntext\n",
        ),
        (
            "content/notes/from-line.md",
            "Just a first line\n\nmore text\n",
        ),
    ]);
    p.build_ok(&[]);
    assert_eq!(
        texts(&p.html("notes/from-front/index.html"), "h1")[0],
        "Front Title"
    );
    assert_eq!(
        texts(&p.html("notes/from-front/index.html"), ".item-body h1"),
        ["Heading Title #"],
        "a different first heading stays in the body"
    );
    assert_eq!(
        texts(&p.html("notes/from-heading/index.html"), "h1"),
        ["Heading Title"]
    );
    assert_eq!(
        texts(&p.html("notes/from-line/index.html"), "h1")[0],
        "Just a first line"
    );
}

#[test]
fn folders_organise_without_changing_urls_and_other_folders_are_sections() {
    let p = Project::with(&[
        (
            "content/moments/2026/01/deep.md",
            "---\ntitle: Deep\n---\nx\n",
        ),
        (
            "content/essays/one.md",
            "---\ntitle: One\ndate: 2026-03-01\n---\nx\n",
        ),
        (
            "content/essays/_index.md",
            "---\ntitle: Long Essays\ndescription: Longer pieces.\n---\nIntro **text**.\n",
        ),
        ("content/about.md", "# About\n\nThe about page.\n"),
    ]);
    p.build_ok(&[]);
    assert!(p.site().join("moments/deep/index.html").is_file());
    assert!(p.site().join("about/index.html").is_file());
    let essays = p.html("essays/index.html");
    assert_eq!(texts(&essays, "h1"), ["Long Essays"]);
    assert_eq!(texts(&essays, ".intro strong"), ["text"]);
    assert_eq!(texts(&essays, ".card-title"), ["One"]);
    // A list of one kind marks itself so, and the stylesheet hides the
    // kind on its cards rather than repeating it on each.
    assert_eq!(texts(&essays, ".cards.same-kind .card-title"), ["One"]);
    assert!(std::fs::read_to_string(p.site().join("style.css"))
        .unwrap()
        .contains(".same-kind .card .kind { display: none; }"));
    let nav = texts(&p.html("index.html"), ".site-nav a");
    assert!(nav.contains(&"Long Essays".to_string()), "{nav:?}");
}

#[test]
fn slugs_keep_non_latin_letters_and_front_matter_slug_wins() {
    let p = Project::with(&[
        ("content/moments/Привет Мир.md", "text\n"),
        (
            "content/moments/Some File Name.md",
            "---\nslug: custom-one\n---\ntext\n",
        ),
    ]);
    p.build_ok(&["--base-url", "https://example.org/"]);
    assert!(p.site().join("moments/привет-мир/index.html").is_file());
    assert!(p.site().join("moments/custom-one/index.html").is_file());
    let sitemap = p.page("sitemap.xml");
    assert!(
        sitemap.contains("/moments/%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82-%D0%BC%D0%B8%D1%80/"),
        "{sitemap}"
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let p = Project::with(&[
        ("content/moments/done.md", "---\ntitle: Done\n---\nx\n"),
        (
            "content/moments/wip.md",
            "---\ntitle: WIP\ndraft: true\n---\nx\n",
        ),
        (
            "content/moments/wip2.md",
            "---\ntitle: WIP2\nstatus: draft\n---\nx\n",
        ),
    ]);
    p.build_ok(&[]);
    assert!(!p.site().join("moments/wip/index.html").exists());
    assert!(!p.site().join("moments/wip2/index.html").exists());
    assert!(!p.page("moments/index.html").contains("WIP"));
    p.build_ok(&["--drafts"]);
    assert!(p.site().join("moments/wip/index.html").is_file());
    assert!(texts(&p.html("moments/index.html"), ".badge").contains(&"draft".to_string()));
}

#[test]
fn plain_text_structure_is_recovered_and_markdown_is_not_reinterpreted() {
    let article = "An Exported Article\n\nIntro paragraph with **bold** words.\n\n\nFirst Section\n\nA paragraph.\n\nThe list:\n\n  • one\n\n  • two\n\nRead More Read More\n";
    let p = Project::with(&[
        ("content/frameworks/exported.txt", article),
        ("content/frameworks/same.md", article),
    ]);
    p.build_ok(&[]);
    let txt = p.html("frameworks/exported/index.html");
    assert_eq!(texts(&txt, "h1"), ["An Exported Article"]);
    assert_eq!(texts(&txt, ".item-body h2"), ["First Section #"]);
    assert_eq!(texts(&txt, ".item-body li"), ["one", "two"]);
    assert_eq!(texts(&txt, ".item-body strong"), ["bold"]);
    assert!(!p
        .page("frameworks/exported/index.html")
        .contains("Read More"));
    let md = p.html("frameworks/same/index.html");
    assert!(
        texts(&md, ".item-body h2").is_empty(),
        "markdown is never reinterpreted"
    );
    assert!(p
        .page("frameworks/same/index.html")
        .contains("Read More Read More"));
}

#[test]
fn a_bare_content_folder_builds_with_the_built_in_theme() {
    let p = Project::with(&[("content/moments/only.md", "# Only\n\nHello.\n")]);
    let out = p.build_ok(&[]);
    assert!(out.contains("built "), "{out}");
    assert!(p.page("style.css").contains("prefers-color-scheme: dark"));
    assert!(p
        .page("index.html")
        .contains("<a class=\"skip-link\" href=\"#main\">"));
}

#[test]
fn a_project_template_overrides_the_built_in_one() {
    let p = Project::with(&[
        ("content/moments/only.md", "# Only\n"),
        (
            "themes/default/templates/404.html",
            "custom not found {{ site.title }}",
        ),
        ("themes/default/static/extra.txt", "hello"),
    ]);
    p.build_ok(&[]);
    assert_eq!(p.page("404.html"), "custom not found Lectern");
    assert_eq!(p.page("extra.txt"), "hello");
    assert!(
        p.page("index.html").contains("skip-link"),
        "other templates stay built in"
    );
}

#[test]
fn long_sections_and_tag_pages_are_paginated() {
    let p = Project::new();
    p.write("lectern.yaml", b"paginate_by: 10\n");
    for i in 0..35 {
        p.write(
            &format!("content/moments/note-{i:02}.md"),
            format!(
                "---\ntitle: Note {i:02}\ncreated: 2026-01-{:02}\ntags: [shared]\n---\nBody {i}.\n",
                i % 28 + 1
            )
            .as_bytes(),
        );
    }
    p.build_ok(&[]);
    let first = p.html("moments/index.html");
    assert_eq!(texts(&first, ".card-title").len(), 10);
    assert_eq!(
        attrs(&first, ".pagination a[rel=next]", "href"),
        ["/moments/page/2/"]
    );
    let last = p.html("moments/page/4/index.html");
    assert_eq!(texts(&last, ".card-title").len(), 5);
    assert_eq!(
        attrs(&last, ".pagination a[rel=prev]", "href"),
        ["/moments/page/3/"]
    );
    assert!(p.site().join("tags/shared/page/4/index.html").is_file());
    assert!(texts(&first, ".section-meta")[0].starts_with("35 moments · page 1 of 4"));
    common::assert_internal_links_resolve(&p.site(), "/");
}

/// A long list's pages link to the first, the last and the pages near
/// each, not to every page (which would make N pages cost N²).
#[test]
fn a_long_lists_paginator_shows_a_window_of_pages() {
    let p = Project::new();
    p.write(
        "lectern.yaml",
        b"paginate_by: 1
",
    );
    for i in 0..12 {
        p.write(
            &format!("content/moments/note-{i:02}.md"),
            format!(
                "---\ntitle: Note {i:02}\ncreated: 2026-01-{:02}\n---\nBody.\n",
                i + 1
            )
            .as_bytes(),
        );
    }
    p.build_ok(&[]);
    let middle = p.html("moments/page/6/index.html");
    let numbers = texts(
        &middle,
        ".pagination ol li > a, .pagination ol li > [aria-current]",
    );
    assert_eq!(numbers, ["1", "4", "5", "6", "7", "8", "12"]);
    assert_eq!(texts(&middle, ".pagination .gap").len(), 2);
    assert_eq!(
        attrs(&middle, ".pagination ol a", "href")
            .last()
            .map(String::as_str),
        Some("/moments/page/12/")
    );
    common::assert_internal_links_resolve(&p.site(), "/");
}

#[test]
fn a_site_without_search_has_no_index_box_or_search_page() {
    let p = Project::with(&[
        ("lectern.yaml", "search: false\n"),
        (
            "content/moments/one.md",
            "---\ntitle: One\n---\n## Part\n\nText.\n",
        ),
    ]);
    p.build_ok(&[]);
    assert!(!p.site().join("search").exists());
    let page = p.html("moments/one/index.html");
    assert!(texts(&page, "form.site-search label").is_empty());
    assert!(!p.page("moments/one/index.html").contains("search.js"));

    // With search (the default) the same library has all three.
    p.write("lectern.yaml", b"search: true\n");
    p.build_ok(&[]);
    assert!(p.site().join("search/index.html").is_file());
    assert!(p.site().join("search/meta.json").is_file());
    assert!(p.page("moments/one/index.html").contains("search.js"));
}

/// Page bundles as Hugo and Zola keep them: `folder/index.md` (and a
/// sub-folder's `_index.md`) is the page of `folder`; `content/index.md` and
/// `content/blog/index.md` give the home page and the section their text;
/// a section given its text twice is an error naming both files.
#[test]
fn bundles_and_index_files_are_the_pages_of_their_folders() {
    let p = Project::with(&[
        (
            "content/index.md",
            "---\ntitle: Home\n---\n\nWelcome to the garden.\n",
        ),
        (
            "content/blog/index.md",
            "---\ntitle: The Blog\n---\n\nNotes from the road.\n",
        ),
        (
            "content/blog/my-trip/index.md",
            "+++\ntitle = \"My Trip\"\n+++\n\nWe went north.\n",
        ),
        (
            "content/docs/setup/_index.md",
            "---\ntitle: Setup\n---\n\nInstall it.\n",
        ),
        ("content/docs/intro.md", "# Intro\n\nStart here.\n"),
    ]);
    p.build_ok(&[]);
    assert!(p.page("index.html").contains("Welcome to the garden."));
    let blog = p.page("blog/index.html");
    assert!(
        blog.contains("Notes from the road.") && blog.contains("The Blog"),
        "{blog}"
    );
    assert!(p.page("blog/my-trip/index.html").contains("We went north."));
    assert!(p.page("docs/setup/index.html").contains("Install it."));

    p.write(
        "content/blog/_index.md",
        b"---\ntitle: Also the blog\n---\n",
    );
    let err = p.build_fails(&[]);
    assert!(
        err.contains("content/blog/index.md: error: the section `blog` already has its text in content/blog/_index.md"),
        "{err}"
    );
}

/// A section other than moments, workshop and frameworks keeps its folders
/// in its URLs, so a handbook whose folders reuse file names builds as it
/// is; moments stay flat.
#[test]
fn a_handbook_keeps_its_folders_in_its_urls() {
    let p = Project::with(&[
        (
            "content/handbook/engineering/overview.md",
            "# Engineering\n\nHow we build.\n",
        ),
        (
            "content/handbook/design/overview.md",
            "# Design\n\nHow we draw.\n",
        ),
        (
            "content/handbook/design/Research Notes/index.md",
            "# Research\n\nWhat we learned.\n",
        ),
        ("content/handbook/welcome.md", "# Welcome\n\nStart here.\n"),
        ("content/moments/2024/a-moment.md", "# A moment\n\nText.\n"),
    ]);
    p.build_ok(&[]);
    assert!(p
        .page("handbook/engineering/overview/index.html")
        .contains("How we build."));
    assert!(p
        .page("handbook/design/overview/index.html")
        .contains("How we draw."));
    assert!(p
        .page("handbook/design/research-notes/index.html")
        .contains("What we learned."));
    assert!(p
        .page("handbook/welcome/index.html")
        .contains("Start here."));
    assert!(p.page("moments/a-moment/index.html").contains("Text."));
    let links = attrs(&p.html("handbook/index.html"), "a", "href");
    for href in [
        "/handbook/engineering/overview/",
        "/handbook/design/overview/",
    ] {
        assert!(links.iter().any(|l| l == href), "{href} in {links:?}");
    }
}
