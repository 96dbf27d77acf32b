//! Bad files are reported as `path:line:col: error: message` with the line
//! shown, all at once, exit code 1, never a panic, and the previous site is
//! left exactly as it was.

mod common;

use common::{output_text, snapshot, Project};

fn good_project() -> Project {
    Project::with(&[("content/moments/good.md", "---\ntitle: Good\n---\nFine.\n")])
}

#[test]
fn invalid_yaml_is_reported_at_the_line_of_the_file() {
    let p = good_project();
    p.write(
        "content/moments/bad.md",
        b"---\ntitle: ok\ntags: [a, b\nstatus: raw\n---\nbody\n",
    );
    let err = p.build_fails(&[]);
    assert!(err.contains("content/moments/bad.md:4:"), "{err}");
    assert!(err.contains(": error: invalid front matter"), "{err}");
    assert!(
        err.contains("| status: raw") || err.contains("| tags: [a, b"),
        "offending line shown: {err}"
    );
    assert!(err.contains("help:"), "{err}");
}

#[test]
fn unclosed_front_matter_and_lone_fence() {
    let p = good_project();
    p.write(
        "content/moments/open.md",
        b"---\ntitle: never closed\n\nbody\n",
    );
    p.write("content/moments/fence.md", b"---");
    let err = p.build_fails(&[]);
    assert!(err.contains("content/moments/open.md:1:1: error: front matter is opened with `---` but never closed"), "{err}");
    assert!(
        err.contains("content/moments/fence.md:1:1: error: front matter"),
        "{err}"
    );
}

#[test]
fn non_utf8_and_binary_files() {
    let p = good_project();
    p.write("content/moments/latin1.md", b"title line\ncaf\xe9\n");
    p.write("content/moments/image.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let err = p.build_fails(&[]);
    assert!(
        err.contains("content/moments/latin1.md:2:4: error: file is not UTF-8 text (byte 0xE9"),
        "{err}"
    );
    assert!(err.contains("content/moments/image.md:"), "{err}");
    assert!(err.contains("binary file"), "{err}");
}

#[test]
fn slug_clash_names_both_files() {
    let p = good_project();
    p.write("content/moments/a/same.md", b"one\n");
    p.write("content/moments/b/same.md", b"two\n");
    let err = p.build_fails(&[]);
    assert!(
        err.contains("content/moments/b/same.md: error: slug `same` is already used by content/moments/a/same.md"),
        "{err}"
    );
}

/// A section or page whose URL is one of Lectern's own pages is an error
/// naming both, never a silent replacement; `check` says the same.
#[test]
fn a_url_of_a_built_in_page_is_an_error_naming_both() {
    let p = good_project();
    p.write("content/graph/notes.md", b"x\n");
    p.write("content/workshop/intro.md", b"# Intro\n\nx\n");
    p.write("content/workshop/guide.md", b"# My guide\n\nx\n");
    let err = p.build_fails(&[]);
    for expected in [
        "content/graph: error: `/graph/` would be both the list of the section `graph` and Lectern's built-in graph page",
        "content/workshop/guide.md: error: `/workshop/guide/` would be both the page of content/workshop/guide.md and Lectern's built-in workshop page",
    ] {
        assert!(err.contains(expected), "{expected}\nin:\n{err}");
    }
    let check = p.run(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    let check = output_text(&check);
    assert_eq!(check.matches("would be both").count(), 2, "{check}");
}

/// A library's own `tags` or `themes` section (a brought site's theme
/// gallery) keeps its address; Lectern's index moves under `/lectern/`,
/// and every link to it follows.
#[test]
fn a_tags_section_keeps_its_address_and_the_index_moves() {
    let p = good_project();
    p.write(
        "content/tags/about.md",
        b"---\ntitle: About my tags\ntags: [kept]\n---\nx\n",
    );
    p.build_ok(&[]);
    assert!(p.page("tags/index.html").contains("About my tags"));
    let index = p.page("lectern/tags/index.html");
    assert!(index.contains("/lectern/tags/kept/"), "{index}");
    assert!(p.site().join("lectern/tags/kept/index.html").is_file());
    let footer = common::attrs(&p.html("index.html"), "footer a", "href");
    assert!(footer.contains(&"/lectern/tags/".to_string()), "{footer:?}");
    common::assert_internal_links_resolve(&p.site(), "/");
}

#[test]
fn impossible_dates_and_wrong_shapes_point_at_the_value() {
    let p = good_project();
    p.write(
        "content/moments/date.md",
        b"---\ntitle: x\ncreated: 2026-02-30\n---\n",
    );
    p.write("content/moments/shape.md", b"---\ntitle: [a, b]\n---\n");
    let err = p.build_fails(&[]);
    assert!(
        err.contains(
            "content/moments/date.md:3:10: error: `2026-02-30` in `created` is not a real date"
        ),
        "{err}"
    );
    assert!(
        err.contains("content/moments/shape.md:2:1: error: field `title` should be text"),
        "{err}"
    );
}

#[test]
fn template_errors_name_the_template_and_line() {
    let p = good_project();
    p.write("themes/default/templates/item.html", b"{% extends \"base.html\" %}\n{% block main %}\n{{ page.title | no_such_filter }\n{% endblock main %}\n");
    let err = p.build_fails(&[]);
    assert!(
        err.contains("themes/default/templates/item.html:3:"),
        "{err}"
    );
    assert!(err.contains("error: template error"), "{err}");
}

#[test]
fn a_template_that_fails_while_rendering_is_an_error_too() {
    let p = good_project();
    p.write(
        "themes/default/templates/item.html",
        b"{{ page.no_such_field.deeper }}",
    );
    let err = p.build_fails(&[]);
    assert!(
        err.contains("item.html: error: template error while rendering /moments/good/"),
        "{err}"
    );
}

/// A moment that records one published piece.
const SHIPPED: &[u8] = b"---\ntitle: Shipped\ncreated: 2026-11-01\n---\n\n## Already Published (Don't Repeat)\n\n**Short post:** \"Shipped it\"\n- Published: 2026-11-02\n";

#[test]
fn the_published_list_renders_each_piece_from_the_themes_partial() {
    let p = good_project();
    p.write("content/moments/shipped.md", SHIPPED);
    p.write(
        "themes/default/templates/partials/published_piece.html",
        b"<li class=\"published-piece\">{{ piece.name }} on {{ site.title }}, {{ piece.published_human }}</li>",
    );
    p.build_ok(&[]);
    let page = p.page("published/index.html");
    assert!(
        page.contains("<li class=\"published-piece\">Shipped it on Lectern, 2 Nov 2026</li>"),
        "{page}"
    );
    p.write(
        "themes/default/templates/partials/published_piece.html",
        b"{{ piece.no_such_field.deeper }}",
    );
    let err = p.build_fails(&[]);
    assert!(
        err.contains(
            "published_piece.html: error: template error while rendering the published piece \"Shipped it\""
        ),
        "{err}"
    );
}

#[test]
fn check_renders_every_template_and_agrees_with_build() {
    let p = good_project();
    p.write(
        "themes/default/templates/item.html",
        b"{{ page.no_such_field.deeper }}",
    );
    let build = p.run(&["build"]);
    let check = p.run(&["check"]);
    assert_eq!(build.status.code(), Some(1));
    assert_eq!(check.status.code(), Some(1), "{}", output_text(&check));
    let located = "item.html: error: template error while rendering /moments/good/";
    assert!(
        output_text(&check).contains(located),
        "{}",
        output_text(&check)
    );
    assert!(output_text(&build).contains(located));
}

#[test]
fn all_errors_of_a_build_come_together_and_the_previous_site_is_untouched() {
    let p = good_project();
    p.build_ok(&[]);
    let before = snapshot(&p.site());
    assert!(!before.is_empty());
    p.write("content/moments/bad1.md", b"---\ntitle: [\n---\n");
    p.write("content/moments/bad2.md", b"\xff\xfe");
    p.write("content/moments/bad3.md", b"---\nno end\n");
    let err = p.build_fails(&[]);
    for file in ["bad1.md", "bad2.md", "bad3.md"] {
        assert!(
            err.contains(&format!("content/moments/{file}:")),
            "{file} not reported:\n{err}"
        );
    }
    assert!(err.contains("build failed: 3 error(s)"), "{err}");
    assert_eq!(snapshot(&p.site()), before, "previous output changed");
    let leftovers: Vec<_> = std::fs::read_dir(p.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("building") || n.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn symlink_loops_and_dangling_links_are_reported_not_hung_on() {
    let p = good_project();
    std::fs::create_dir_all(p.root().join("content/moments/loop")).unwrap();
    std::os::unix::fs::symlink("..", p.root().join("content/moments/loop/back")).unwrap();
    std::os::unix::fs::symlink(
        "/nonexistent/file.md",
        p.root().join("content/moments/gone.md"),
    )
    .unwrap();
    let err = p.build_fails(&[]);
    assert!(err.contains("symlink loop"), "{err}");
    assert!(err.contains("content/moments/gone.md"), "{err}");
}

#[test]
fn unreadable_files_are_reported() {
    // Root reads everything regardless of permissions, so this case can only
    // be shown as another user; CI runs as root and covers the dangling link.
    if unsafe_is_root() {
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let p = good_project();
    p.write("content/moments/secret.md", b"x");
    let path = p.root().join("content/moments/secret.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    let err = p.build_fails(&[]);
    assert!(
        err.contains("content/moments/secret.md: error: cannot read file"),
        "{err}"
    );
}

fn unsafe_is_root() -> bool {
    std::env::var("USER").map(|u| u == "root").unwrap_or(false)
        || std::fs::metadata("/root")
            .map(|m| {
                std::os::unix::fs::MetadataExt::uid(&m) == 0 && std::fs::read_dir("/root").is_ok()
            })
            .unwrap_or(false)
}

#[test]
fn dangerous_output_folders_are_refused() {
    let p = good_project();
    let root = p.root().to_str().unwrap().to_string();
    for out in [
        root.clone(),
        format!("{root}/content"),
        format!("{root}/content/moments/x"),
        format!("{root}/themes"),
    ] {
        let result = p.run(&["build", "--out", &out]);
        let text = common::output_text(&result);
        assert_eq!(result.status.code(), Some(1), "{out}: {text}");
        assert!(text.contains("refusing to write the site"), "{text}");
    }
    std::fs::create_dir_all(p.root().join("docs")).unwrap();
    std::fs::write(p.root().join("docs/keep.txt"), "mine").unwrap();
    let result = p.run(&["build", "--out", &format!("{root}/docs")]);
    assert!(common::output_text(&result).contains("not made by lectern"));
    assert_eq!(
        std::fs::read_to_string(p.root().join("docs/keep.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn a_missing_content_folder_says_what_to_do() {
    let p = Project::new();
    let err = p.build_fails(&[]);
    assert!(
        err.contains("content: error: there is no content folder"),
        "{err}"
    );
}

#[test]
fn bad_settings_are_located() {
    let p = good_project();
    p.write("lectern.yaml", b"title: Mine\nbase_ulr: /x/\n");
    let err = p.build_fails(&[]);
    assert!(
        err.contains("lectern.yaml:2:1: error: invalid settings: unknown field `base_ulr`"),
        "{err}"
    );
}

#[test]
fn a_yaml_alias_bomb_fails_fast_with_a_clear_error() {
    let p = good_project();
    let mut bomb =
        String::from("---\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
    for (name, prev) in [
        ("b", "a"),
        ("c", "b"),
        ("d", "c"),
        ("e", "d"),
        ("f", "e"),
        ("g", "f"),
        ("h", "g"),
    ] {
        bomb.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 9].join(",")
        ));
    }
    bomb.push_str("---\nbody\n");
    p.write("content/moments/bomb.md", bomb.as_bytes());
    let started = std::time::Instant::now();
    let err = p.build_fails(&[]);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "fails fast"
    );
    assert!(
        err.contains(
            "content/moments/bomb.md:2:1: error: invalid front matter: repetition limit exceeded"
        ),
        "{err}"
    );
}

#[test]
fn huge_long_and_deeply_nested_files_build_without_panicking() {
    let p = good_project();
    let paragraph = "A paragraph of a very large moment with words. ".repeat(20);
    p.write(
        "content/moments/big.md",
        format!(
            "---\ntitle: Big\n---\n{}",
            format!("{paragraph}\n\n").repeat(10_000)
        )
        .as_bytes(),
    );
    p.write(
        "content/moments/lines.md",
        format!("---\ntitle: Lines\n---\n{}", "line\n".repeat(200_000)).as_bytes(),
    );
    let nested: String = (0..2_000)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect();
    p.write(
        "content/moments/nested.md",
        format!(
            "---\ntitle: Nested\n---\n{nested}\n{} quote\n",
            ">".repeat(10_000)
        )
        .as_bytes(),
    );
    let out = p.build_ok(&[]);
    assert!(out.contains("from 4 items"), "{out}");
    assert!(
        std::fs::metadata(p.site().join("moments/big/index.html"))
            .unwrap()
            .len()
            > 9_000_000
    );
}

#[test]
fn paths_with_spaces_and_non_latin_letters_build() {
    let p = good_project();
    p.write(
        "content/moments/2026 notes/Заметка о делегировании.md",
        b"# \xD0\x94\xD0\xB5\xD0\xBB\xD0\xB5\xD0\xB3\n\ntext\n",
    );
    p.build_ok(&[]);
    assert!(p
        .site()
        .join("moments/заметка-о-делегировании/index.html")
        .is_file());
}

#[test]
fn zero_byte_files_and_ten_thousand_deep_lists_build() {
    let p = good_project();
    p.write("content/moments/empty.md", b"");
    p.write(
        "content/moments/deep.md",
        format!("---\ntitle: Deep\n---\n{}item\n", "- ".repeat(10_000)).as_bytes(),
    );
    p.build_ok(&[]);
    assert_eq!(
        common::texts(&p.html("moments/empty/index.html"), "h1"),
        ["empty"],
        "the file name is the title"
    );
    assert!(p.site().join("moments/deep/index.html").is_file());
}

#[test]
fn duplicate_front_matter_keys_are_errors_at_the_repeated_key() {
    let p = good_project();
    p.write(
        "content/moments/twice.md",
        b"---\ntitle: One\ntags: [a]\ntitle: Two\n---\nx\n",
    );
    let err = p.build_fails(&[]);
    assert!(err.contains("content/moments/twice.md:4:1: error: invalid front matter: duplicate entry with key \"title\""), "{err}");
}

#[test]
fn reference_values_that_climb_out_or_run_code_stay_text() {
    let p = good_project();
    p.write(
        "content/moments/refs.md",
        b"---\ntitle: Refs\nrelated_content:\n  - ../../etc/passwd\n  - javascript:alert(1)\n---\nSee [x](../../../../etc/passwd.md) and [y](javascript:alert(2)).\n",
    );
    let out = p.build_ok(&[]);
    assert!(out.contains("content/moments/refs.md:4:5: warning: `../../etc/passwd` in `related_content` is not a content path"), "{out}");
    assert!(
        out.contains("content/moments/refs.md:5:5: warning: `javascript:alert(1)`"),
        "{out}"
    );
    let html = p.page("moments/refs/index.html");
    assert!(!html.contains("href=\"javascript"), "no script links");
    assert!(
        !html.contains("href=\"../../etc") && !html.contains("href=\"/etc"),
        "no links out of the site"
    );
    assert!(!p.root().join("etc").exists());
}
