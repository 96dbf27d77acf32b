//! Unit tests of markdown rendering.

use super::*;

fn md(text: &str) -> Rendered {
    let resolve = |q: RefQuery| {
        let dest = q.target;
        if q.kind == RawRefKind::CodeSpan {
            return match dest {
                "known-moment" => Reference::Item {
                    id: 1,
                    url: "/moments/known-moment/".into(),
                },
                "missing-moment" => Reference::Missing,
                _ => Reference::Other,
            };
        }
        if dest == "../moments/x.md" {
            Reference::Item {
                id: 0,
                url: "/moments/x/".into(),
            }
        } else if dest.ends_with(".md") {
            Reference::Missing
        } else if crate::library::is_unsafe_url(dest) {
            Reference::Unsafe
        } else {
            Reference::Other
        }
    };
    render(
        text,
        &resolve,
        &Highlighter::new(),
        MarkdownOptions {
            raw_html: false,
            highlight: true,
            fragments: true,
            anchors: true,
            search_text: true,
        },
    )
}

#[test]
fn headings_get_unique_ids_anchors_and_toc() {
    let r = md("## Core Insight\n\n## Core Insight\n\n### Sub `code`\n\n#### Deep\n");
    assert!(r.html.text().contains(
        "<h2 id=\"core-insight\">Core Insight <a class=\"anchor\" href=\"#core-insight\""
    ));
    assert!(r.html.text().contains("id=\"core-insight-1\""));
    assert_eq!(r.toc.len(), 3);
    let third = r.toc.entries().nth(2).unwrap();
    assert_eq!(third.title, "Sub code");
    assert_eq!(third.level, 3);
}

#[test]
fn extensions_render() {
    let r = md("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~\n\n- [x] done\n- [ ] todo\n\nNote[^1].\n\n[^1]: The note.\n");
    assert!(r.html.text().contains("<table>"));
    assert!(r.html.text().contains("<del>gone</del>"));
    assert!(r.html.text().contains("type=\"checkbox\""));
    assert!(r.html.text().contains("footnote"));
}

#[test]
fn code_blocks_highlighted_or_plain() {
    let r = md("```rust\nfn main() {}\n```\n\n```\n<plain>\n```\n");
    assert!(r.html.text().contains("hl-code"));
    assert!(r
        .html
        .text()
        .contains("<pre class=\"code\"><code>&lt;plain&gt;"));
}

#[test]
fn links_are_rewritten_or_marked() {
    let r = md(
        "[x](../moments/x.md) [y](../moments/nope.md) [z](https://e.com) [j](javascript:alert(1))",
    );
    assert!(r.html.text().contains("href=\"/moments/x/\""));
    assert!(r.html.text().contains("missing-ref"));
    assert!(r.html.text().contains("not in the library yet"));
    assert!(r.html.text().contains("href=\"https://e.com\""));
    assert!(!r.html.text().contains("javascript:"));
}

#[test]
fn code_spans_naming_items_become_links() {
    let r = md("See `known-moment`, `missing-moment` and `plain-code`.");
    assert!(r.html.text().contains(
        "<a class=\"slug-ref\" href=\"/moments/known-moment/\"><code>known-moment</code></a>"
    ));
    assert!(r.html.text().contains(
        "<code>missing-moment</code><small class=\"missing-note\"> (not in the library yet)"
    ));
    assert!(r.html.text().contains("<code>plain-code</code>"));
}

#[test]
fn raw_html_is_sanitised_by_default_and_what_goes_is_reported() {
    let r = md("<script>alert(1)</script>\n\nhi <b>x</b> <!-- private -->\n\n<table><tr><td>cell</td></tr></table>\n");
    assert!(!r.html.text().contains("<script") && !r.html.text().contains("alert"));
    assert!(r.html.text().contains("hi <b>x</b>"), "{}", r.html);
    assert!(!r.html.text().contains("private"));
    assert!(r.html.text().contains("<td>cell</td>"));
    let notes: Vec<_> = r
        .notes
        .iter()
        .map(|n| (n.offset, n.message.as_str()))
        .collect();
    assert_eq!(
        notes,
        [(
            0,
            "raw HTML: left out <script> (only safe HTML is published)"
        )]
    );
}

#[test]
fn prices_are_not_formulas() {
    let r = md("Staff+ roles ($400K-$700K+), and $x^2$ still is.\n");
    let html = r.html.text();
    assert!(html.contains("($400K-$700K+)"), "{html}");
    assert_eq!(html.matches("<math>").count(), 1, "{html}");
    assert!(r.notes.is_empty());
}

#[test]
fn callouts_math_highlights_and_addresses() {
    let r =
        md("> [!warning]+ Careful\n> body\n\n==hi== $a^2$ https://x.org\n\n$$\n\\frac{1}{2}\n$$\n");
    assert!(r.html.text().contains("<details class=\"callout callout-warning\" open><summary class=\"callout-title\">Careful</summary>"), "{}", r.html);
    assert!(r.html.text().contains("<p>body</p>"));
    assert!(r.html.text().contains("<mark>hi</mark>"));
    assert!(r.html.text().contains("<math><msup>"), "{}", r.html);
    assert!(r.html.text().contains("<a href=\"https://x.org\">"));
    assert!(r
        .html
        .text()
        .contains("<div class=\"math-block\"><math display=\"block\">"));
    assert!(!r.html.text().contains("<p><div"), "{}", r.html);
}

#[test]
fn plus_bullets_become_fragments() {
    let r = md("+ one\n+ two\n\n- plain\n");
    assert_eq!(r.html.text().matches("<li class=\"fragment\">").count(), 2);
    assert!(r.html.text().contains("<li>plain</li>"));
}

#[test]
fn search_text_follows_sections_and_keeps_words_whole() {
    let r = md("Intro & **mo**re.\n\n## Core *Insight*\n\nBody text.\n\n### Sub\n\n- one\n- two\n\n```rust\nlet x = 1;\n```\n\n# Big\n\nafter");
    let sections = r.search_sections();
    assert_eq!(sections.len(), 3);
    assert_eq!(sections[0].text, "Intro & more.");
    assert_eq!(sections[1].anchor, "core-insight");
    assert_eq!(sections[1].heading, "Core Insight");
    assert_eq!(sections[1].text, "Body text.");
    assert_eq!(sections[2].text, "one two let x = 1; Big after");
}

#[test]
fn escaping_replaces_exactly_the_five_characters() {
    assert_eq!(
        escape_html("a<b>&\"c\" 'd' é→ plain"),
        "a&lt;b&gt;&amp;&quot;c&quot; &#39;d&#39; é→ plain"
    );
    assert_eq!(escape_html(""), "");
    assert_eq!(escape_html("<"), "&lt;");
}

#[test]
fn tables_are_wrapped_for_small_screens() {
    assert!(md("|a|\n|-|\n|1|\n")
        .html
        .into_string()
        .contains("<div class=\"table-wrap\"><table>"));
}

#[test]
fn an_empty_header_cell_is_a_data_cell_and_alignment_stays() {
    let html = md("| | A | B |\n|-|:-:|-|\n| x | 1 | 2 |\n")
        .html
        .into_string();
    assert!(
        html.contains("<thead><tr><td></td><th style=\"text-align: center\">A</th><th>B</th>"),
        "{html}"
    );
    let aligned = md("| | A |\n|:-|-|\n| x | 1 |\n").html.into_string();
    assert!(
        aligned.contains("<td style=\"text-align: left\"></td><th>A</th>"),
        "{aligned}"
    );
    // Body cells are left alone, empty or not.
    assert!(md("| A | B |\n|-|-|\n| | 2 |\n")
        .html
        .into_string()
        .contains("<td></td><td>2</td>"));
}

#[test]
fn task_list_checkboxes_have_names() {
    let html = md("- [x] shipped\n- [ ] next\n").html.into_string();
    assert!(
        html.contains("<input type=\"checkbox\" disabled checked aria-label=\"Done\">"),
        "{html}"
    );
    assert!(
        html.contains("<input type=\"checkbox\" disabled aria-label=\"Not done\">"),
        "{html}"
    );
}

/// An Obsidian block id on a line of its own is never shown, so it is not
/// summarised, counted or searched either.
#[test]
fn block_ids_are_not_summarised_counted_or_searched() {
    let r = md("^41116d\n\nThe integrating factor method.\n");
    assert!(!r.html.text().contains("41116d"), "{}", r.html.text());
    assert!(!r.summary.contains("41116d"), "{}", r.summary);
    assert_eq!(r.words, 4);
    let r = md("A paragraph. ^end-id\n");
    assert_eq!(r.summary.trim(), "A paragraph.");
    assert_eq!(r.words, 2);
}
