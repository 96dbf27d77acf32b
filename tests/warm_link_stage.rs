//! The link stage keeps what it found between builds, each finding under
//! the fingerprint of what it read: the repeat guard's findings, the
//! computed related items, and each item's body references' targets.
//! Whatever the edit, a warm build writes and reports what a build from
//! scratch does.

mod common;

use common::warm::{assert_site_is_a_cold_build, warm_equals_cold};
use common::Project;

/// The repeat guard's findings and the computed related items are kept
/// between builds under what each read. Whatever the edit (prose the
/// guard does not read, a new angle that restates published work, a tag
/// that moves the related items), a warm build reports and writes what a
/// build from scratch does.
#[test]
fn the_link_stage_keeps_its_findings_only_while_their_inputs_hold() {
    let project = Project::fixture("repeat_guard");
    project.build_ok(&[]);
    let levels = "content/moments/engineering-levels.md";
    let piece = "content/moments/published-piece.md";
    let read = |path: &str| std::fs::read_to_string(project.root().join(path)).unwrap();
    let warm_equals_cold = |what: &str| warm_equals_cold(&project, what);
    let first = warm_equals_cold("nothing changed");
    assert!(first.contains("\"The Delivery Ladder\" repeats"), "{first}");

    let text = read(piece).replace("ninety days.", "ninety days, and lunch on day one.");
    project.write(piece, text.as_bytes());
    warm_equals_cold("prose the guard does not read");

    let restated = format!(
        "{}\n### 3. Buddies on Day One\nPair every new hire with an onboarding buddy for the first ninety days, with a weekly checklist.\n",
        read(levels)
    );
    project.write(levels, restated.as_bytes());
    let printed = warm_equals_cold("a new angle restating published work");
    assert!(
        printed.contains("new angle \"Buddies on Day One\" repeats published moment \"Onboarding Buddies That Work\""),
        "{printed}"
    );

    let retagged = read(piece).replace(
        "tags: [onboarding]",
        "tags: [onboarding, engineering-levels]",
    );
    project.write(piece, retagged.as_bytes());
    warm_equals_cold("tags that move the related items");
    let related =
        std::fs::read_to_string(project.site().join("moments/engineering-levels/index.html"))
            .unwrap();
    assert!(
        related.contains("Onboarding Buddies That Work"),
        "the shared tag makes the pieces related"
    );
}

/// An item's page shows other items (its backlinks, its related items,
/// the moments that list the same published pieces as it does) by their titles and
/// addresses: an edit to any of them reaches the page in a warm build,
/// though nothing of the page's own file changed. The items share no tag,
/// so no computed related item changes alongside.
#[test]
fn an_edit_reaches_every_item_page_that_shows_the_edited_item() {
    // Only C records the piece's figures: A's page shows them.
    let published = |figures: &str| {
        format!(
            "## Already Published (Don't Repeat)\n\n**Short post:** `workspace/published/shared-post.md`\n- Published: 2025-10-13\n{figures}"
        )
    };
    let project = Project::with(&[
        (
            "content/moments/a.md".to_string(),
            format!(
                "---\ntitle: Item A\ncreated: 2026-01-01\ntags: [alpha]\nrelated_content:\n  - content/moments/d.md\n---\n\nBody of A.\n\n{}",
                published("")
            ),
        ),
        (
            "content/moments/b.md".to_string(),
            "---\ntitle: Item B\ncreated: 2026-01-02\ntags: [beta]\n---\n\nBody of B.\n".to_string(),
        ),
        (
            "content/moments/c.md".to_string(),
            format!(
                "---\ntitle: Item C\ncreated: 2026-01-03\ntags: [gamma]\n---\n\nBody of C.\n\n{}",
                published("- Performance: 100 impressions\n")
            ),
        ),
        (
            "content/moments/d.md".to_string(),
            "---\ntitle: Item D\ncreated: 2026-01-04\ntags: [delta]\n---\n\nBody of D.\n".to_string(),
        ),
    ]);
    project.build_ok(&[]);
    let page_a = || std::fs::read_to_string(project.site().join("moments/a/index.html")).unwrap();
    let edit = |path: &str, before: &str, after: &str| {
        let text = std::fs::read_to_string(project.root().join(path)).unwrap();
        assert!(text.contains(before), "{path} has {before:?}");
        project.write(path, text.replacen(before, after, 1).as_bytes());
        project.build_ok(&[]);
        assert_site_is_a_cold_build(&project, after);
    };
    edit(
        "content/moments/b.md",
        "Body of B.",
        "Body of B, after [A](a.md).",
    );
    assert!(page_a().contains("Item B"), "B is a backlink of A");
    edit(
        "content/moments/b.md",
        "title: Item B",
        "title: Item B retitled",
    );
    assert!(
        page_a().contains("Item B retitled"),
        "the backlink's new title"
    );
    edit(
        "content/moments/d.md",
        "title: Item D",
        "title: Item D retitled",
    );
    assert!(
        page_a().contains("Item D retitled"),
        "the related item's new title"
    );
    edit(
        "content/moments/c.md",
        "title: Item C",
        "title: Item C retitled",
    );
    assert!(
        page_a().contains("Item C retitled"),
        "a moment listing the same piece"
    );
    edit("content/moments/c.md", "100 impressions", "250 impressions");
    assert!(page_a().contains(">250<"), "the shared piece's new figures");
    edit("content/moments/b.md", "after [A](a.md).", "after nothing.");
    assert!(!page_a().contains("Item B"), "B no longer links to A");
}

/// An item's links keep their targets between builds only while the
/// names they were looked up by hold: a renamed, retitled or removed
/// target (or one that comes back) reaches the page and the warnings of
/// an item whose own file did not change, as in a build from scratch.
#[test]
fn kept_link_targets_follow_the_names_they_were_found_by() {
    let project = Project::with(&[
        (
            "content/notes/a.md",
            "---\ntitle: Item A\n---\n\nTo [B by path](b.md), [[Item C]] by title, \
             `d-slug` by slug, [D by address](/notes/d-slug/#part), \
             [D the Zola way](@/notes/d.md) and a picture:\n\n![a diagram](pic.png)\n",
        ),
        (
            "content/notes/b.md",
            "---\ntitle: Item B\n---\n\nBody of B.\n",
        ),
        (
            "content/notes/c.md",
            "---\ntitle: Item C\n---\n\nBody of C.\n",
        ),
        (
            "content/notes/d.md",
            "---\ntitle: Item D\nslug: d-slug\n---\n\nBody of D.\n\n## Part\n\nMore.\n",
        ),
    ]);
    std::fs::copy(
        "tests/fixtures/garden/content/notes/attachments/diagram.png",
        project.root().join("content/notes/pic.png"),
    )
    .unwrap();
    let page_a = || std::fs::read_to_string(project.site().join("notes/a/index.html")).unwrap();
    let warm_equals_cold = |what: &str| warm_equals_cold(&project, what);
    let first = warm_equals_cold("a first build");
    assert!(
        !first.contains("notes/a.md"),
        "every link of A resolves: {first}"
    );
    assert!(page_a().contains("href=\"/notes/b/\""), "{}", page_a());
    assert!(page_a().contains("href=\"/notes/d-slug/#part\""));

    // Replaces `before` with `after` in the note `name`.
    let edit = |name: &str, before: &str, after: &str| {
        let path = format!("content/notes/{name}");
        let text = std::fs::read_to_string(project.root().join(&path)).unwrap();
        project.write(&path, text.replace(before, after).as_bytes());
    };
    edit("a.md", "and a picture:", "and a picture (more prose):");
    warm_equals_cold("prose added to the item with the links");

    let root = project.root().join("content/notes");
    std::fs::rename(root.join("b.md"), root.join("b2.md")).unwrap();
    let printed = warm_equals_cold("the linked file renamed");
    assert!(printed.contains("link to `b.md`"), "{printed}");

    edit("c.md", "Item C", "Item C renamed");
    let printed = warm_equals_cold("the wikilinked note retitled");
    assert!(printed.contains("[[Item C]] names no note"), "{printed}");

    edit("d.md", "slug: d-slug", "slug: d-moved");
    warm_equals_cold("the slug that three links found changed");
    assert!(
        page_a().contains("href=\"/notes/d-moved/\""),
        "the Zola link follows the file: {}",
        page_a()
    );

    std::fs::remove_file(root.join("pic.png")).unwrap();
    let printed = warm_equals_cold("the picture removed");
    assert!(
        printed.contains("image `pic.png` is not under content/"),
        "{printed}"
    );

    std::fs::rename(root.join("b2.md"), root.join("b.md")).unwrap();
    let printed = warm_equals_cold("the linked file back");
    assert!(!printed.contains("link to `b.md`"), "{printed}");
    assert!(page_a().contains("href=\"/notes/b/\""));

    edit("a.md", "(b.md)", "(missing.md)");
    let printed = warm_equals_cold("a link of the item pointed elsewhere");
    assert!(printed.contains("link to `missing.md`"), "{printed}");
}
