//! The writer's desk, figures from files and pages worth sharing, on the
//! `writers_desk` fixture: a library with moments at several statuses,
//! open and published angles, tasks, planned dates, published pieces and
//! two figures files (a LinkedIn-style export and a sheet kept by hand).

mod common;

use std::process::{Command, Output};

use common::{output_text, texts, Project};
use scraper::{Html, Selector};

/// 2026-11-18T00:53:20Z: the desk counts ages to this day.
const TODAY: &str = "1795000000";

fn lectern_on(project: &Project, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(args)
        .args(["--root", project.root().to_str().unwrap()])
        .env("SOURCE_DATE_EPOCH", TODAY)
        .output()
        .expect("run lectern")
}

fn built() -> (Project, String) {
    let project = Project::fixture("writers_desk");
    let out = lectern_on(&project, &["build"]);
    let text = output_text(&out);
    assert!(out.status.success(), "{text}");
    (project, text)
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn text_of(element: &scraper::ElementRef) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (word(16), word(20))
}

#[test]
fn the_desk_groups_moments_and_lists_ideas_tasks_calendar_and_totals() {
    let (project, _) = built();
    let desk = project.html("desk/index.html");

    // The pipeline: the library's order (lectern.yaml), then other
    // statuses, then moments without one; each row with its facts.
    let captions: Vec<String> = select(&desk, "#pipeline caption")
        .iter()
        .map(text_of)
        .collect();
    // A framework with a status is a note in the pipeline too.
    assert_eq!(
        captions,
        [
            "captured 1",
            "drafting 1",
            "ready 1",
            "someday 1",
            "no status 1"
        ]
    );
    let ready_row: Vec<String> = select(&desk, "#pipeline table")[2]
        .select(&Selector::parse("tbody tr > *").unwrap())
        .map(|c| text_of(&c))
        .collect();
    assert_eq!(
        ready_row,
        [
            "Leadership Without a Title",
            "high",
            "leadership, career",
            "48 d",
            "1",
            "2026-12-03"
        ]
    );

    // Open ideas: highest potential first; the published one left out;
    // the one close to a published piece marked with the piece.
    let ideas: Vec<String> = select(&desk, ".desk-ideas .idea")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(
        ideas,
        [
            "You don't need a title to lead",
            "Delegate the meeting, not the task",
            "Ask the question behind the status update",
            "A quiet angle"
        ]
    );
    let flags: Vec<String> = select(&desk, ".desk-ideas .idea-repeat")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(flags.len(), 1);
    assert!(
        flags[0].contains("Short post “engineering growth short”"),
        "{flags:?}"
    );
    assert!(text_of(&select(&desk, ".desk-ideas li")[0])
        .contains("content/moments/leadership-without-title.md:37"));

    // Open tasks: unchecked ones only, never those in code.
    let tasks: Vec<String> = select(&desk, ".desk-tasks .task-text")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(
        tasks,
        [
            "Add a diagram of the levels",
            "Draft the hook for the title-less post",
            "Collect the CEO questions"
        ]
    );

    // The calendar: newest month first, published beside planned.
    let months: Vec<String> = select(&desk, ".desk-month h3 time")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(
        months,
        [
            "December 2026",
            "February 2026",
            "November 2025",
            "October 2025"
        ]
    );
    let december = text_of(&select(&desk, ".desk-month")[0]);
    assert!(
        december.contains("3 Leadership Without a Title moment"),
        "{december}"
    );
    assert!(
        december.contains("10 You don't need a title to lead post idea"),
        "{december}"
    );
    let november = text_of(&select(&desk, ".desk-month")[2]);
    assert!(
        november.contains("20 The 4 Mental Shifts Long article · Substack"),
        "{november}"
    );
    assert!(
        november.contains("20 Why leaders write LinkedIn post · LinkedIn"),
        "{november}"
    );

    // Totals, with the figures the CSV files updated: 500 + 1,200 +
    // 2,400 + 100 impressions.
    let foot: Vec<String> = select(&desk, "#totals table")[0]
        .select(&Selector::parse("tfoot td").unwrap())
        .map(|c| text_of(&c))
        .collect();
    assert_eq!(foot[..3], ["4".to_string(), "4,200".into(), "61".into()]);
    let cells = Selector::parse("th, td").unwrap();
    let platforms: Vec<String> = select(&desk, "#totals table")[2]
        .select(&Selector::parse("tbody tr").unwrap())
        .map(|r| {
            r.select(&cells)
                .map(|c| text_of(&c))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert_eq!(platforms[0], "LinkedIn 2 2,900 49 8 3");
    assert!(
        platforms.iter().any(|r| r.starts_with("Blog 1 100")),
        "{platforms:?}"
    );
    assert!(
        platforms.iter().any(|r| r.starts_with("Substack 1 1,200")),
        "{platforms:?}"
    );
    let themes: Vec<String> = select(&desk, "#totals table")[0]
        .select(&Selector::parse("tbody th").unwrap())
        .map(|r| text_of(&r))
        .collect();
    assert_eq!(themes, ["leadership", "career"]);

    // It works without JavaScript: the filters stay hidden until the
    // script shows them; the page is not for search engines.
    assert_eq!(select(&desk, "form#desk-filters[hidden]").len(), 1);
    assert!(project
        .page("desk/index.html")
        .contains(r#"<meta name="robots" content="noindex">"#));
    assert!(!project.page("sitemap.xml").contains("/desk/"));
    // `desk: true` publishes it, with a link in the navigation.
    let home = project.html("index.html");
    assert!(texts(&home, ".site-nav a").contains(&"Desk".to_string()));
}

#[test]
fn figures_files_update_published_pieces_and_warn_at_their_lines() {
    let (project, out) = built();
    for expected in [
        "data/linkedin.csv:1:1: warning: columns not read: Engagement rate",
        "data/linkedin.csv:3:41: warning: cannot read \"lots\" as a number of comments",
        "data/linkedin.csv:4:1: warning: this row matches no published piece: \"Nothing like this\"",
    ] {
        assert!(out.contains(expected), "{expected} in\n{out}");
    }
    // `check` says exactly the same.
    let check = output_text(&lectern_on(&project, &["check"]));
    for line in out.lines().filter(|l| l.starts_with("data/")) {
        assert!(check.contains(line), "{line} in\n{check}");
    }

    // The sheet kept by hand (by path) replaced the moment's 242 and 2;
    // the export (by address) gave the LinkedIn post its figures and date.
    let published = project.html("published/index.html");
    let pieces: Vec<String> = select(&published, ".published-piece")
        .iter()
        .map(text_of)
        .collect();
    let short = pieces
        .iter()
        .find(|p| p.contains("engineering growth short"))
        .unwrap();
    assert!(short.contains("500 impressions9 reactions"), "{short}");
    let post = pieces
        .iter()
        .find(|p| p.contains("Why leaders write"))
        .unwrap();
    assert!(post.contains("20 Nov 2025 · LinkedIn"), "{post}");
    assert!(post.contains("2,400 impressions"), "{post}");
    assert!(post.contains("8 comments"), "{post}");
    // A figure it could not read is left as it was (none), not zero.
    let article = pieces
        .iter()
        .find(|p| p.contains("The 4 Mental Shifts"))
        .unwrap();
    assert!(
        article.contains("1,200 impressions") && !article.contains("comments"),
        "{article}"
    );

    // The moment's own don't-repeat panel shows the same figures.
    let moment = project.page("moments/leadership-without-title/index.html");
    assert!(
        moment.contains("<strong>500</strong> impressions"),
        "moment panel"
    );
    let json: serde_json::Value = serde_json::from_str(&project.page("published.json")).unwrap();
    let figures = json["pieces"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Why leaders write")
        .map(|p| p["figures"].clone())
        .unwrap();
    assert_eq!(figures[0]["name"], "comments");
}

#[test]
fn lectern_desk_prints_the_pipeline_and_json_for_scripts() {
    let project = Project::fixture("writers_desk");
    let out = lectern_on(&project, &["desk"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    for expected in [
        "Writer's desk, 2026-11-18: 5 moments, 4 open ideas, 3 open tasks, 4 published pieces",
        "  captured      1  One-on-One Questions",
        "  1. You don't need a title to lead [high]  (close to published work)",
        "     content/moments/leadership-without-title.md:37  Leadership Without a Title",
        "  [ ] Collect the CEO questions",
        "  content/moments/leadership-without-title.md:37: \"You don't need a title to lead\" is close to short post \"engineering growth short\" (similarity",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    let json = lectern_on(&project, &["desk", "--format", "json"]);
    assert!(json.status.success());
    let desk: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(desk["today"], "2026-11-18");
    assert_eq!(desk["pipeline"][0]["status"], "captured");
    assert_eq!(desk["ideas"].as_array().unwrap().len(), 4);
    assert_eq!(
        desk["ideas"][0]["repeat"]["piece"],
        "engineering growth short"
    );
    assert_eq!(desk["tasks"][2]["line"], 21);
    assert_eq!(desk["totals"]["all"]["values"][0], 4200);
    assert_eq!(desk["flagged"], 1);
}

#[test]
fn the_desk_is_published_only_when_asked_but_always_previewed() {
    let project = Project::fixture("writers_desk");
    let settings = std::fs::read_to_string(project.root().join("lectern.yaml")).unwrap();
    project.write(
        "lectern.yaml",
        settings.replace("desk: true", "desk: false").as_bytes(),
    );
    project.build_ok(&[]);
    assert!(!project.site().join("desk").exists());
    let home = project.html("index.html");
    assert!(!texts(&home, ".site-nav a").contains(&"Desk".to_string()));

    // The preview has the desk, and everything else byte for byte as built.
    let options = lectern::build::BuildOptions {
        root: project.root().to_path_buf(),
        preview: true,
        ..Default::default()
    };
    let (session, outcome) = lectern::build::Session::start(options);
    assert!(outcome.ok, "{:?}", outcome.diagnostics);
    let served = session.site();
    let built = common::site_files(&project.site());
    let mut previewed: Vec<&String> = served.keys().collect();
    previewed.retain(|p| !built.contains_key(*p));
    assert_eq!(previewed, ["desk/index.html"]);
    for (path, bytes) in &built {
        let contents = served.get(path).unwrap_or_else(|| panic!("{path} served"));
        assert!(
            contents.read().unwrap().as_ref() == bytes.as_slice(),
            "{path} differs"
        );
    }
    let desk = String::from_utf8(served["desk/index.html"].read().unwrap().to_vec()).unwrap();
    assert!(desk.contains("Only the preview has this page"));
}

#[test]
fn pages_carry_sharing_metadata_and_cards_are_drawn_once() {
    let (project, _) = built();
    let page = project.html("moments/one-on-ones/index.html");
    let meta = |key: &str| -> Option<String> {
        select(
            &page,
            &format!(r#"meta[property="{key}"], meta[name="{key}"]"#),
        )
        .first()
        .and_then(|m| m.value().attr("content").map(str::to_string))
    };
    assert_eq!(meta("og:title").as_deref(), Some("One-on-One Questions"));
    assert_eq!(meta("og:type").as_deref(), Some("article"));
    assert_eq!(
        meta("og:url").as_deref(),
        Some("https://example.org/moments/one-on-ones/")
    );
    assert_eq!(
        meta("og:image").as_deref(),
        Some("https://example.org/cards/moments/one-on-ones.png")
    );
    assert_eq!(meta("twitter:card").as_deref(), Some("summary_large_image"));
    assert_eq!(
        meta("og:site_name").as_deref(),
        Some("The Writer's Library")
    );
    assert!(meta("og:description").is_some_and(|d| !d.is_empty()));
    // Pages that are not items share the site's card.
    let published = Html::parse_document(&project.page("published/index.html"));
    let og_image: Vec<String> = select(&published, r#"meta[property="og:image"]"#)
        .iter()
        .filter_map(|m| m.value().attr("content").map(str::to_string))
        .collect();
    assert_eq!(og_image, ["https://example.org/cards/site.png"]);

    // Every item's card is a 1200×630 PNG.
    for card in [
        "cards/moments/one-on-ones.png",
        "cards/frameworks/growth-framework.png",
        "cards/site.png",
    ] {
        let bytes = std::fs::read(project.site().join(card)).unwrap();
        assert_eq!(png_size(&bytes), (1200, 630), "{card}");
    }
    // A second build draws nothing: every card comes from the cache.
    let cache = project.root().join(".lectern-cache/cards");
    let listing = || {
        let mut files: Vec<(String, std::time::SystemTime)> = std::fs::read_dir(&cache)
            .unwrap()
            .map(|e| e.unwrap())
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    e.metadata().unwrap().modified().unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    let before = listing();
    assert_eq!(before.len(), 7, "six items and the site");
    lectern_on(&project, &["build"]);
    assert_eq!(listing(), before, "no card drawn again");
    // A new title draws that one card only.
    let path = project.root().join("content/moments/someday-note.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("# Someday", "# Someday, Maybe")).unwrap();
    lectern_on(&project, &["build"]);
    assert_eq!(listing().len(), 8);
}

#[test]
fn without_a_host_pages_share_no_addresses() {
    let project = Project::fixture("writers_desk");
    project.build_ok(&["--base-url", "/"]);
    let page = project.page("moments/one-on-ones/index.html");
    assert!(page.contains(r#"<meta property="og:title" content="One-on-One Questions">"#));
    assert!(
        !page.contains("og:url") && !page.contains("og:image"),
        "no absolute address"
    );
    assert!(page.contains(r#"<meta name="twitter:card" content="summary">"#));
}

#[test]
fn a_title_the_card_fonts_cannot_draw_is_a_located_warning() {
    let project = Project::with(&[
        (
            "lectern.yaml",
            "social_cards: true\nbase_url: https://example.org/\n",
        ),
        (
            "content/moments/lead.md",
            "---\ntitle: \"Лідерство and 領導\"\n---\n\nBody.\n",
        ),
    ]);
    let out = project.build_ok(&[]);
    assert!(
        out.contains("content/moments/lead.md:2:1: warning: the social card cannot draw \"領導\" in the title"),
        "{out}"
    );
    assert!(project.site().join("cards/moments/lead.png").is_file());
}
