//! Property tests for every parser of ours: on any input they return
//! instead of panicking, and what they promise about their output holds.
//! Bounded case counts keep them in the normal test run; `fuzz/` has
//! cargo-fuzz targets over the same functions for longer runs.

use lectern::content::front_matter::{parse, split};
use lectern::content::plain_text::to_markdown;
use lectern::content::published::{figures, parse as parse_published};
use lectern::library::{is_unsafe_url, normalise_reference_path};
use lectern::serve::http::site_key;
use lectern::slides::{fit, split as slides};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig::with_cases(256)
}

/// Text built from the pieces these parsers care about, so cases reach
/// their interesting paths rather than only random noise.
fn markdownish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("---\n".to_string()),
        Just("```\n".to_string()),
        Just("~~~\n".to_string()),
        Just("Note: say this\n".to_string()),
        Just("## Heading\n".to_string()),
        Just("# Title\n".to_string()),
        Just("- item\n".to_string()),
        Just("+ step\n".to_string()),
        Just("  • bullet\n".to_string()),
        Just("| a | b |\n|---|---|\n| 1 | 2 |\n".to_string()),
        Just("**Short post:** `a/b.md`\n".to_string()),
        Just("- Performance: 1,204 impressions, 3 reactions\n".to_string()),
        Just("## Already Published (Don't Repeat)\n".to_string()),
        Just("title: x\n".to_string()),
        Just("+++\n".to_string()),
        Just("title = \"x\"\n[taxonomies]\ntags = [\"a\"]\n".to_string()),
        Just("\n".to_string()),
        "[ -~]{0,40}\n",
        "\\PC{0,20}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn front_matter_split_is_total_and_consistent(text in markdownish()) {
        if let Ok(s) = split(&text) {
            prop_assert!(s.body_line >= 1);
            prop_assert!(text.ends_with(s.body));
            if let Some(block) = s.block {
                prop_assert!(text.contains(block));
                let _ = parse(block, s.format, s.block_line);
            }
        }
    }

    #[test]
    fn plain_text_headings_are_only_ours(text in markdownish()) {
        let out = to_markdown(&text);
        for line in out.markdown.lines() {
            if line.starts_with('#') {
                prop_assert!(line.starts_with("## ") || line.starts_with("### "), "{line:?}");
            }
        }
    }

    #[test]
    fn slide_splitting_keeps_every_line(text in markdownish()) {
        let slides = slides::split(&text);
        let kept: String = slides.iter().map(|s| format!("{}\n{}\n", s.content, s.notes)).collect();
        for line in text.lines() {
            let t = line.trim();
            if t.is_empty() || t == "---" || t.starts_with("Note:") {
                continue;
            }
            // Slidev's slide settings are kept as settings.
            let is_setting = t.split_once(':').is_some_and(|(key, _)| {
                slides.iter().any(|s| s.settings.iter().any(|(k, ..)| k == key.trim()))
            });
            prop_assert!(kept.contains(t) || is_setting, "lost {t:?}");
        }
        for slide in &slides {
            let pages = fit::paginate(&slide.content);
            prop_assert!(!pages.is_empty());
        }
    }

    #[test]
    fn published_parser_is_total(text in markdownish()) {
        for entry in parse_published(&text) {
            prop_assert!(entry.line >= 1);
        }
        let _ = figures(&text);
    }

    #[test]
    fn reference_paths_never_climb_out(path in "[a-z./\\\\]{0,30}") {
        if let Some(p) = normalise_reference_path(&path) {
            prop_assert!(p.starts_with("content"));
            prop_assert!(!p.components().any(|c| c == std::path::Component::ParentDir));
        }
        let _ = is_unsafe_url(&path);
    }

    #[test]
    fn server_paths_never_leave_the_site(path in "(/|%2e|%2E|%2f|%5c|\\.|\\\\|[a-z]){0,24}") {
        if let Some(key) = site_key(&path) {
            prop_assert!(!key.split('/').any(|s| s == ".."));
            prop_assert!(!key.contains('\\'));
        }
    }
}

#[test]
fn scripted_schemes_are_unsafe_however_they_are_written() {
    for url in [
        "javascript:alert(1)",
        "JAVASCRIPT:x",
        " java\tscript:x",
        "vbscript:x",
        "data:text/html,x",
    ] {
        assert!(is_unsafe_url(url), "{url}");
    }
}
