//! The workshop as the site presents it: modules written out with
//! objectives, durations, notes and exercises; decks, guide and handout; and
//! the outlining moment and the modules linking each other.

mod common;

use common::{attrs, html_files, texts, Project};
use scraper::{Html, Selector};

const MODULES: [&str; 5] = [
    "the-identity-shift",
    "the-unsexy-work",
    "what-leaders-write-instead",
    "the-two-failure-modes",
    "measuring-your-impact",
];

fn built() -> Project {
    let p = Project::seeds();
    p.build_ok(&[]);
    p
}

#[test]
fn the_five_modules_have_objectives_durations_notes_on_every_slide_and_an_exercise() {
    let p = built();
    for (i, module) in MODULES.iter().enumerate() {
        let page = p.html(&format!("workshop/{module}/index.html"));
        assert!(
            texts(&page, ".objectives li").len() >= 3,
            "{module} objectives"
        );
        let meta = texts(&page, ".card-meta span");
        assert!(
            meta.contains(&format!("Module {}", i + 1)),
            "{module}: {meta:?}"
        );
        assert!(
            meta.iter()
                .any(|m| m.ends_with(" min") && m != "1 min read"),
            "{module} duration: {meta:?}"
        );
        assert_eq!(
            attrs(&page, ".present-links a", "href")[0],
            format!("/workshop/{module}/slides/"),
            "the module page links to its deck"
        );

        let deck = Html::parse_document(&p.page(&format!("workshop/{module}/slides/index.html")));
        let slides = deck
            .select(&Selector::parse("section.slide").unwrap())
            .count();
        let notes: Vec<String> = texts(&deck, "section.slide aside.notes");
        assert_eq!(
            notes.len(),
            slides,
            "{module}: every slide has speaker notes"
        );
        assert!(
            notes.iter().all(|n| n.split_whitespace().count() >= 10),
            "{module}: notes say something"
        );
        assert!(
            !attrs(&deck, "section.slide.exercise", "id").is_empty(),
            "{module}: an exercise or discussion slide"
        );
    }
    let index = p.html("workshop/index.html");
    let order = texts(&index, ".card-title");
    assert_eq!(order[0], "The Identity Shift");
    assert_eq!(order[4], "Measuring Your Impact");
    assert_eq!(
        order[5], "Leadership Development",
        "seed 002 is the sixth, deep-dive module"
    );
    assert!(texts(&index, ".section-meta")[0].contains("310 minutes"));
}

#[test]
fn the_deep_dive_module_is_presented_from_its_text_as_it_is() {
    let p = built();
    let deck = Html::parse_document(&p.page("workshop/ic-to-technical-leader/slides/index.html"));
    let html = p.page("workshop/ic-to-technical-leader/slides/index.html");
    assert!(html.contains("Tell me about a difficult technical decision you made"));
    assert!(
        html.contains("Overall Leadership Score: ___/60"),
        "the last template line is on a slide"
    );
    let continued = attrs(&deck, "section.slide.continuation", "id");
    assert!(
        continued.len() >= 5,
        "long sections continue on marked slides: {}",
        continued.len()
    );
    assert_eq!(
        texts(&deck, "section.slide.continuation .kicker").len(),
        continued.len()
    );
}

#[test]
fn the_whole_workshop_deck_holds_every_module_with_pacing() {
    let p = built();
    let whole = Html::parse_document(&p.page("workshop/slides/index.html"));
    let kickers = texts(&whole, "section.slide.title-slide .kicker");
    assert_eq!(
        kickers,
        ["Module 1", "Module 2", "Module 3", "Module 4", "Module 5", "Module 6"],
        "each module opens with its title slide"
    );
    let deck = whole
        .select(&Selector::parse(".deck").unwrap())
        .next()
        .unwrap();
    assert_eq!(deck.value().attr("data-duration"), Some("310"));
    let starts: Vec<u32> = attrs(&whole, "section.slide", "data-start")
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
    assert!(
        starts.windows(2).all(|w| w[0] <= w[1]),
        "due times never go back"
    );
    assert!(
        *starts.last().unwrap() > 300 * 60 - 600,
        "the last slide is due near the end: {}",
        starts.last().unwrap()
    );
}

#[test]
fn guide_and_handout_come_from_the_same_source() {
    let p = built();
    let guide = p.html("workshop/guide/index.html");
    let starts = texts(&guide, ".agenda tbody td:first-child");
    assert_eq!(
        starts,
        ["09:00", "09:45", "10:30", "11:15", "12:00", "12:40", "14:10"]
    );
    assert!(texts(&guide, ".guide-module h3").contains(&"Objectives".to_string()));
    let notes = texts(&guide, ".guide-notes");
    assert!(
        notes.iter().any(|n| n.starts_with("Welcome everyone")),
        "every slide's notes are in the guide"
    );
    assert!(texts(&guide, ".guide-exercise h2")
        .iter()
        .any(|t| t.starts_with("Exercise: where did your week go?")));

    let handout = p.page("workshop/handout/index.html");
    assert!(handout.contains("Two value equations"));
    assert!(
        !handout.contains("Welcome everyone"),
        "no speaker notes in the handout"
    );
    assert!(!handout.contains("class=\"notes\""));
    assert!(
        p.page("style.css").contains("break-before: page"),
        "printable"
    );
}

#[test]
fn the_outlining_moment_and_the_modules_link_each_other() {
    let p = built();
    let moment = p.html("moments/tech-lead-workshop-ic-to-leadership/index.html");
    let backlinks = attrs(&moment, ".connections h3 + ul a", "href");
    for module in MODULES.iter().chain(["ic-to-technical-leader"].iter()) {
        assert!(
            backlinks.contains(&format!("/workshop/{module}/")),
            "{module} missing from {backlinks:?}"
        );
        let page = p.html(&format!("workshop/{module}/index.html"));
        let related = attrs(&page, ".connections a", "href");
        assert!(
            related.contains(&"/moments/tech-lead-workshop-ic-to-leadership/".to_string()),
            "{module}"
        );
    }
}

/// Modules brought from other tools are numbered by file name and often
/// have no `order:` or `duration:`: they keep the file names' order (2
/// before 10) everywhere modules are listed, and nothing says "0 minutes".
#[test]
fn modules_without_order_follow_their_file_names_and_without_duration_show_no_minutes() {
    let module = |title: &str| format!("---\ntitle: {title}\n---\n\n## Point\n\nText.\n");
    let p = Project::with(&[
        ("content/workshop/_index.md", "---\ntitle: Workshop\n---\n"),
        ("content/workshop/10-closing.md", &module("Closing")),
        ("content/workshop/2-basics.md", &module("Zebra Basics")),
        ("content/workshop/1-welcome.md", &module("Welcome")),
    ]);
    p.build_ok(&[]);
    let expected = ["Welcome", "Zebra Basics", "Closing"];
    let listed = texts(&p.html("workshop/index.html"), ".cards .card-title");
    assert_eq!(listed, expected, "section page");
    let home = texts(&p.html("index.html"), ".workshop .card-title");
    assert_eq!(home, expected, "home page");
    let guide = p.html("workshop/guide/index.html");
    let agenda = texts(&guide, ".agenda tbody td:nth-child(2)");
    assert_eq!(agenda[..3], ["1. Welcome", "2. Zebra Basics", "3. Closing"]);
    let whole = p.page("workshop/slides/index.html");
    let first = whole.find("Welcome").unwrap();
    assert!(
        first < whole.find("Zebra Basics").unwrap()
            && whole.find("Zebra Basics").unwrap() < whole.find("Closing").unwrap()
    );
    for page in [
        "workshop/guide/index.html",
        "workshop/handout/index.html",
        "workshop/2-basics/slides/index.html",
        "workshop/slides/index.html",
    ] {
        let text = p.page(page);
        assert!(
            !text.contains("0 minutes") && !text.contains("0 min<"),
            "{page}"
        );
        assert!(!text.contains(" 0 min"), "{page}");
    }
}

/// A workshop kept in numbered folders (as Marp workshops often are) is
/// presented folder by folder, and a module that opens with a title card
/// (`## Title` alone, or Marp's `_class: title`) gets no second title slide.
#[test]
fn modules_in_numbered_folders_keep_their_order_and_their_own_title_cards() {
    let p = Project::with(&[
        ("content/workshop/_index.md", "---\ntitle: Workshop\n---\n"),
        (
            "content/workshop/02-using/01-stdlib.md",
            "---\nmarp: true\ntitle: The Library\n---\n\n<!-- _class: title -->\n\n## The Library\n\n---\n\n## Why\n\nBecause.\n",
        ),
        (
            "content/workshop/01-intro/03-python.md",
            "---\ntitle: Python\n---\n\n## Python\n\nA short refresher\n\n---\n\n## Syntax\n\n- one\n- two\n",
        ),
        (
            "content/workshop/01-intro/10-setup.md",
            "---\ntitle: Setup\n---\n\n## Install\n\n- one\n- two\n",
        ),
    ]);
    p.build_ok(&[]);
    let listed = texts(&p.html("workshop/index.html"), ".cards .card-title");
    assert_eq!(listed, ["Python", "Setup", "The Library"]);
    let titles = |page: &str| common::attrs(&p.html(page), "section.slide", "data-title");
    assert_eq!(
        titles("workshop/01-stdlib/slides/index.html"),
        ["The Library", "Why"]
    );
    assert_eq!(
        titles("workshop/03-python/slides/index.html"),
        ["Python", "Syntax"]
    );
    // A module that opens with a content slide still gets a title slide.
    assert_eq!(
        titles("workshop/10-setup/slides/index.html"),
        ["Setup", "Install"]
    );
    let first = p.html("workshop/01-stdlib/slides/index.html");
    assert_eq!(
        common::attrs(&first, "section.slide.title-slide", "id"),
        ["slide-1"]
    );
}

/// A section that does not fit splits at its sub-headings first: each
/// sub-section opens its own slide, titled by its heading, with the section
/// as a small kicker; continued slides name their own slide; the writer
/// hears about it once per section.
#[test]
fn long_sections_split_at_their_sub_headings() {
    let p = Project::seeds();
    let out = p.build_ok(&[]);
    let deck = Html::parse_document(&p.page("workshop/ic-to-technical-leader/slides/index.html"));
    let slides = Selector::parse("section.slide").unwrap();
    let competencies = [
        "1. Technical Decision Making",
        "2. Mentoring & Developing Others",
        "3. Influence Without Authority",
        "4. Technical Strategy & Vision",
        "5. Communication & Storytelling",
        "6. Building and Scaling Systems",
    ];
    for title in competencies {
        let opening: Vec<_> = deck
            .select(&slides)
            .filter(|s| s.value().attr("data-title") == Some(title))
            .collect();
        assert!(!opening.is_empty(), "{title} has slides");
        let first = opening[0];
        let heading = first
            .select(&Selector::parse(".slide-content > h2").unwrap())
            .next()
            .map(|h| h.text().collect::<String>());
        assert_eq!(
            heading.as_deref(),
            Some(title),
            "{title} opens its first slide"
        );
        let kicker: String = first
            .select(&Selector::parse(".kicker").unwrap())
            .flat_map(|k| k.text())
            .collect();
        assert_eq!(kicker, "The 6 Leadership Competencies");
        for later in &opening[1..] {
            let label: String = later
                .select(&Selector::parse(".kicker").unwrap())
                .flat_map(|k| k.text())
                .collect();
            assert!(
                label.starts_with(&format!("{title} · continued")),
                "{label}"
            );
        }
    }
    // No sub-heading of the section starts part-way down a slide.
    let content = Selector::parse(".slide-content").unwrap();
    for slide in deck.select(&slides) {
        let inner = slide.select(&content).next().unwrap().inner_html();
        for title in competencies {
            if let Some(at) = inner.find(&format!(">{title}<")) {
                assert!(
                    slide.value().attr("data-title") == Some(title),
                    "{title} inside another slide at {at}"
                );
            }
        }
    }
    // With no sub-heading left, a section is cut at its bold lead-ins:
    // "**Skills to Develop**:" titles a slide of its own.
    let skills: Vec<_> = deck
        .select(&slides)
        .filter(|s| s.value().attr("data-title") == Some("Skills to Develop"))
        .map(|s| {
            s.select(&Selector::parse(".kicker").unwrap())
                .flat_map(|k| k.text())
                .collect::<String>()
        })
        .collect();
    assert!(
        skills.iter().any(|k| k == "3. Influence Without Authority"),
        "{skills:?}"
    );
    // No section continues over more than three slides, in any module.
    let decks = html_files(&p.site());
    for deck_path in decks.iter().filter(|f| f.ends_with("slides/index.html")) {
        let deck = Html::parse_document(&p.page(deck_path));
        for label in texts(&deck, "section.slide.continuation .kicker") {
            let of: usize = label
                .rsplit(" of ")
                .next()
                .and_then(|n| n.trim_end_matches(')').parse().ok())
                .unwrap_or_else(|| panic!("{label}"));
            assert!(of <= 3, "{deck_path}: {label}");
        }
    }
    let warnings: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("warning: slide") && l.contains("The 6 Leadership Competencies"))
        .collect();
    assert_eq!(warnings.len(), 1, "{out}");
    assert!(
        warnings[0].contains("at its sub-headings"),
        "{}",
        warnings[0]
    );
}
