//! The library as a connected web: references of every kind (resolved and
//! not), backlinks, computed related items, the don't-repeat list and
//! /published/, the repeat guard, `lectern check`, and /graph/.

mod common;

use common::{attrs, output_text, texts, Project};

fn linked() -> Project {
    Project::fixture("linked_library")
}

#[test]
fn front_matter_paths_resolve_relative_to_root_or_content() {
    let p = linked();
    p.build_ok(&[]);
    let page = p.html("moments/delegation/index.html");
    let related = attrs(&page, ".connections ul:first-of-type a", "href");
    assert_eq!(
        related,
        [
            "/moments/feedback-loops/",
            "/moments/one-on-ones/",
            "https://example.org/article"
        ],
        "root-relative path, content-relative path, web address"
    );
    let missing = texts(&page, ".connections .missing-ref");
    assert_eq!(
        missing,
        [
            "content/moments/not-written-yet.md",
            "javascript:alert(1)",
            "engagement/threads/missing-thread.md"
        ],
        "unresolved references are shown as text, never dropped"
    );
    assert!(!p
        .page("moments/delegation/index.html")
        .contains("href=\"javascript"));
}

#[test]
fn backtick_slugs_link_to_moments_and_missing_ones_are_marked() {
    let p = linked();
    p.build_ok(&[]);
    let page = p.html("moments/delegation/index.html");
    assert_eq!(
        attrs(&page, ".item-body a.slug-ref", "href"),
        ["/moments/feedback-loops/"]
    );
    let missing = texts(&page, ".item-body .missing-ref");
    assert!(
        missing.contains(&"ghost-moment (not in the library yet)".to_string()),
        "{missing:?}"
    );
    assert!(
        missing.contains(&"a broken link (not in the library yet)".to_string()),
        "{missing:?}"
    );
    assert_eq!(
        texts(&page, ".item-body code"),
        ["feedback-loops", "ghost-moment", "some-config-key"]
    );
    assert!(
        !texts(&page, ".item-body .missing-ref")
            .iter()
            .any(|t| t.contains("some-config-key")),
        "a slug-shaped code span outside a references section stays code"
    );
    assert_eq!(
        attrs(
            &page,
            ".item-body a[href='/workshop/first-module/']",
            "href"
        )
        .len(),
        1
    );
}

#[test]
fn unresolved_references_are_warnings_with_positions() {
    let p = linked();
    let out = p.build_ok(&[]);
    for expected in [
        "content/moments/delegation.md:10:5: warning: `content/moments/not-written-yet.md` in `related_content` is not in the library yet",
        "content/moments/delegation.md:11:5: warning: `javascript:alert(1)` in `related_content` is not a content path",
        "content/moments/delegation.md:14:5: warning: `engagement/threads/missing-thread.md` in `related_threads`",
        "content/moments/delegation.md:22:12: warning: moment `ghost-moment` is not in the library yet",
        "content/moments/delegation.md:23:62: warning: link to `../workshop/nope.md`",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    assert!(!out.contains("feedback-loops` is not"), "{out}");
}

#[test]
fn backlinks_list_every_item_that_references_a_page() {
    let p = linked();
    p.build_ok(&[]);
    let page = p.html("moments/delegation/index.html");
    let sections = texts(&page, ".connections h3");
    assert!(
        sections.contains(&"Referenced by".to_string()),
        "{sections:?}"
    );
    let backlinks: Vec<String> = attrs(&page, ".connections h3 + ul a", "href");
    assert!(
        backlinks.contains(&"/workshop/first-module/".to_string()),
        "front matter backlink: {backlinks:?}"
    );
    assert!(
        backlinks.contains(&"/frameworks/model/".to_string()),
        "markdown link backlink: {backlinks:?}"
    );
    let module = p.html("workshop/first-module/index.html");
    let module_links = attrs(&module, ".connections a", "href");
    assert!(
        module_links.contains(&"/moments/delegation/".to_string()),
        "the module links back: {module_links:?}"
    );
    let feedback = p.html("moments/feedback-loops/index.html");
    assert!(
        attrs(&feedback, ".connections a", "href").contains(&"/moments/delegation/".to_string()),
        "backtick slug backlink"
    );
}

#[test]
fn computed_related_items_favour_rare_shared_terms() {
    let p = linked();
    p.build_ok(&[]);
    // One-on-ones has tags rare-topic and common: the delegation moment
    // shares both, the model shares the rare one, two others only the
    // common one.
    let page = p.html("moments/one-on-ones/index.html");
    let similar = texts(&page, ".connections h3:last-of-type + ul a");
    assert_eq!(
        similar,
        [
            "Delegation Without Disappearing",
            "A Delegation Model",
            "Feedback Loops",
            "Only Common Ground"
        ],
        "rare shared tag outranks a common one; ties go to the newer item"
    );
    let unrelated = p.html("moments/unrelated/index.html");
    let similar = texts(&unrelated, ".connections h3:last-of-type + ul a");
    assert!(similar.len() <= 5);
    assert_eq!(
        similar[0], "Delegation Without Disappearing",
        "shares tag and theme: {similar:?}"
    );
}

#[test]
fn seed_dont_repeat_sections_become_the_published_list() {
    let p = Project::seeds();
    p.build_ok(&[]);
    let moment = p.html("moments/leadership-skills-are-for-everyone/index.html");
    let panel = texts(&moment, ".dont-repeat .published-piece");
    assert_eq!(panel.len(), 2, "{panel:?}");
    assert!(
        panel[0].contains("242 impressions") && panel[0].contains("2 reactions"),
        "{}",
        panel[0]
    );
    assert!(panel[0]
        .contains("Covers: Junior → Task, Middle → Project, Senior → Standard, Management → Team"));
    assert!(panel[1].contains("The 4 Mental Shifts That Define Engineering Growth"));
    assert!(panel[1].contains("1,480 words"));

    let published = p.html("published/index.html");
    let names = texts(&published, ".published-piece .piece-head");
    assert_eq!(names.len(), 4, "two from each seed moment: {names:?}");
    assert!(
        names[0].contains("The Best IC Might Become Your Worst Manager")
            && names[0].contains("4 Dec 2025"),
        "newest first: {names:?}"
    );
    assert!(names[2].contains("13 Oct 2025"));
    let cited = texts(&published, ".cited-by");
    assert!(cited
        .iter()
        .any(|c| c.contains("Tech Lead Workshop: IC to Leadership Transition")));

    let json: serde_json::Value = serde_json::from_str(&p.page("published.json")).unwrap();
    assert_eq!(json["count"], 4);
    let short = json["pieces"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "Short post")
        .unwrap();
    assert_eq!(short["published"], "2025-10-13");
    assert_eq!(short["figures"][0]["name"], "impressions");
    assert_eq!(short["figures"][0]["value"], 242);
    assert_eq!(
        short["cited_by"][0]["url"],
        "/moments/leadership-skills-are-for-everyone/"
    );
}

#[test]
fn the_repeat_guard_flags_a_restatement_and_spares_a_new_subject() {
    let p = Project::fixture("repeat_guard");
    let out = p.run(&["check"]);
    let text = output_text(&out);
    assert!(
        text.contains("content/moments/engineering-levels.md:25:1: warning: new angle \"The Delivery Ladder\" repeats published short post"),
        "{text}"
    );
    assert!(
        text.contains("post idea \"Your level is what you deliver\" repeats"),
        "{text}"
    );
    assert!(text.contains("draft \"Buddies for New Hires\" repeats published moment \"Onboarding Buddies That Work\""), "drafts are checked even when not built: {text}");
    assert!(
        !text.contains("Blameless Incident Reviews\" repeats"),
        "{text}"
    );
    assert!(!text.contains("postmortem is for the system"), "{text}");
    assert!(text.contains("similarity 0."), "{text}");
    // The threshold lives in lectern.yaml.
    p.write("lectern.yaml", b"library:\n  repeat_threshold: 0.95\n");
    let relaxed = output_text(&p.run(&["check"]));
    assert!(!relaxed.contains("repeats"), "{relaxed}");
}

#[test]
fn the_seeds_raise_no_repeat_warning() {
    let p = Project::seeds();
    let text = output_text(&p.run(&["check"]));
    assert!(!text.contains("repeats"), "{text}");
}

#[test]
fn check_exit_codes_strict_and_json() {
    let p = linked();
    let out = p.run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "warnings alone pass");
    assert!(!p.site().exists(), "check writes nothing");
    let strict = p.run(&["check", "--strict"]);
    assert_eq!(strict.status.code(), Some(1), "warnings fail with --strict");
    let json = p.run(&["check", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let first = &list.as_array().unwrap()[0];
    for field in ["severity", "path", "line", "column", "message"] {
        assert!(first.get(field).is_some(), "{field} missing in {first}");
    }
    assert_eq!(first["severity"], "warning");
    assert_eq!(first["path"], "content/moments/delegation.md");

    p.write("content/moments/broken.md", b"---\ntitle: [\n---\n");
    let broken = p.run(&["check", "--format", "json"]);
    assert_eq!(broken.status.code(), Some(1), "errors fail");
    let list: serde_json::Value = serde_json::from_slice(&broken.stdout).unwrap();
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["severity"] == "error" && d["line"].as_u64() > Some(1)));
}

#[test]
fn the_graph_page_draws_the_web_and_lists_missing_moments() {
    let p = linked();
    p.build_ok(&[]);
    let page = p.html("graph/index.html");
    assert_eq!(attrs(&page, "svg.graph", "role"), ["group"]);
    let nodes = attrs(&page, "svg.graph a", "href");
    assert!(nodes.contains(&"/moments/delegation/".to_string()));
    assert!(!attrs(&page, "svg.graph line", "x1").is_empty());
    let missing = texts(&page, "#missing-heading + p + ul li");
    assert!(
        missing.iter().any(
            |m| m.starts_with("ghost-moment moment — cited by Delegation Without Disappearing")
        ),
        "{missing:?}"
    );
    let html = p.page("graph/index.html");
    assert_eq!(
        html.matches("<script").count(),
        html.matches("<script src=\"/search.js\" defer>").count(),
        "the drawing is static: no script but the site's search"
    );
}

#[test]
fn a_large_web_is_drawn_in_part_and_listed_as_drawn() {
    let p = common::Project::new();
    p.write(
        "content/moments/hub.md",
        b"---\ntitle: Hub\n---\n\nThe centre.\n",
    );
    for i in 0..330 {
        let body = format!(
            "---\ntitle: Note {i:03}\n---\n\nSee [the hub](hub.md) and [the next](note-{:03}.md).\n",
            i + 1
        );
        p.write(&format!("content/moments/note-{i:03}.md"), body.as_bytes());
    }
    p.build_ok(&[]);
    let page = p.html("graph/index.html");
    let drawn = attrs(&page, "svg.graph a", "href");
    assert_eq!(drawn.len(), 300, "the drawing keeps the best-connected");
    assert!(drawn.contains(&"/moments/hub/".to_string()));
    let listed = attrs(&page, "#linked-heading ~ ul a", "href");
    assert!(!listed.is_empty());
    let outside: Vec<&String> = listed.iter().filter(|h| !drawn.contains(h)).collect();
    assert!(
        outside.is_empty(),
        "the list gives the drawn links only: {outside:?}"
    );
    assert!(texts(&page, "#linked-heading + p")[0].starts_with("Between the items drawn"));
    let hub = p.html("moments/hub/index.html");
    assert_eq!(
        attrs(&hub, ".connections h3 + ul.link-list a", "href").len(),
        330,
        "the item's own page lists everything that references it"
    );
}
