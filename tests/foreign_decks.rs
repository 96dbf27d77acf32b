//! Modules written for Marp and Slidev, presented as they are: comments
//! become speaker notes, directives and slide front matter become the
//! slide's look and never its text, images are copied beside the deck, and
//! what has no counterpart is told once, where it is written.

mod common;

use common::{texts, Project};
use scraper::{Html, Selector};

fn built() -> (Project, String) {
    let p = Project::fixture("foreign_decks");
    let out = p.build_ok(&[]);
    (p, out)
}

fn slide_texts(deck: &Html) -> Vec<String> {
    texts(deck, "section.slide .slide-content")
}

#[test]
fn marp_comments_are_notes_and_directives_are_the_look() {
    let (p, out) = built();
    let deck = Html::parse_document(&p.page("workshop/01-marp-deck/slides/index.html"));
    let shown = slide_texts(&deck).join("\n");
    for text in [
        "<!--",
        "-->",
        "_class",
        "fit",
        "bg right",
        "w:300",
        "transition",
    ] {
        assert!(!shown.contains(text), "{text:?} shows on a slide:\n{shown}");
    }
    let titles: Vec<String> = common::attrs(&deck, "section.slide", "data-title");
    assert_eq!(
        titles,
        [
            "Feedback that lands",
            "The loop",
            "Say what you saw",
            "Practice in pairs"
        ],
        "the module's own first slide is its title slide, with no generated one"
    );
    let notes = texts(&deck, "section.slide aside.notes");
    assert!(notes[0].contains("Ask who gave feedback"), "{notes:?}");
    assert!(notes[1].contains("Walk through each step"), "{notes:?}");
    let classes = common::attrs(&deck, "section.slide", "class");
    assert!(classes[0].contains("lead"), "{classes:?}");
    assert_eq!(
        texts(&deck, ".slide-footer").len(),
        4,
        "footer on every slide"
    );
    let styles = common::attrs(&deck, "section.slide", "style");
    assert_eq!(styles, ["background:#fdf6e3;"], "only the slide that asked");
    // Backgrounds: one side of slide 2, the whole of slide 4; a sized image.
    let bgs = common::attrs(&deck, ".slide-bg", "style");
    assert!(
        bgs[0].contains("media/workshop/img/loop.png") && bgs[0].contains("width:40%"),
        "{bgs:?}"
    );
    assert!(
        bgs[1].contains("media/workshop/img/room%20photo.png") && bgs[1].contains("cover"),
        "{bgs:?}"
    );
    let img = deck
        .select(&Selector::parse(".slide-content img").unwrap())
        .next()
        .unwrap();
    assert_eq!(img.value().attr("width"), Some("300"));
    assert_eq!(img.value().attr("alt"), Some("A sketch of the loop"));
    // Copied beside the deck, so the folder works from disk.
    for file in ["loop.png", "room photo.png"] {
        assert!(p
            .site()
            .join("workshop/01-marp-deck/slides/media/workshop/img")
            .join(file)
            .is_file());
    }
    // Told once, where written: Marp's theme and the transition.
    assert!(
        out.contains("01-marp-deck.md:4:1: warning: the theme \"gaia\""),
        "{out}"
    );
    assert!(
        out.contains("01-marp-deck.md:36:1: warning: the directive `transition`"),
        "{out}"
    );
    // The module page never shows the comments either.
    let page = p.page("workshop/01-marp-deck/index.html");
    assert!(
        !page.contains("_class") && !page.contains("&lt;!--"),
        "comments on the module page"
    );
}

#[test]
fn slidev_front_matter_blocks_set_slides_and_are_never_slides() {
    let (p, out) = built();
    let deck = Html::parse_document(&p.page("workshop/02-slidev-deck/slides/index.html"));
    let shown = slide_texts(&deck).join("\n");
    for text in [
        "layout:",
        "class:",
        "::right::",
        "v-clicks",
        "hide:",
        "kept for later",
        "Thank them",
    ] {
        assert!(!shown.contains(text), "{text:?} shows on a slide:\n{shown}");
    }
    let titles: Vec<String> = common::attrs(&deck, "section.slide", "data-title");
    assert_eq!(
        titles,
        [
            "Delegation",
            "What stays with you",
            "Before",
            "The loop again",
            "Last words"
        ]
    );
    let classes = common::attrs(&deck, "section.slide", "class");
    assert!(classes[0].contains("title-slide"), "cover: {classes:?}");
    assert!(classes[1].contains("layout-center") && classes[1].contains("text-center"));
    assert!(classes[2].contains("layout-two-cols"));
    let columns = texts(&deck, "section.slide .cols > .col");
    assert!(
        columns[0].contains("Checklists") && columns[1].contains("Trust grows"),
        "{columns:?}"
    );
    let notes = texts(&deck, "section.slide aside.notes");
    assert!(notes.iter().any(|n| n.contains("story about the release")));
    assert!(
        notes.iter().any(|n| n.contains("Thank them")),
        "reveal.js aside: {notes:?}"
    );
    let bgs = common::attrs(&deck, ".slide-bg", "style");
    assert!(
        bgs[0].contains("loop.png") && bgs[0].contains("left:auto"),
        "image-right: {bgs:?}"
    );
    for warning in [
        "02-slidev-deck.md:2:1: warning: the theme \"seriph\"",
        "02-slidev-deck.md:39:1: warning: the Slidev component <v-clicks>",
        "02-slidev-deck.md:59:1: warning: the layout \"fancy-unknown\"",
        "02-slidev-deck.md:60:1: warning: the slide setting `transition`",
    ] {
        assert!(out.contains(warning), "{warning}\n{out}");
    }
    assert_eq!(
        out.matches("warning: the Slidev component").count(),
        1,
        "once per kind:\n{out}"
    );
}
