//! A second `lectern build` reuses the first's work through the build
//! cache in `.lectern-cache/`, and writes exactly what a build from scratch
//! writes: on the seeds and on libraries of other shapes, after edits,
//! after the site was changed by hand, and when the cache is deleted.

mod common;

use std::os::unix::fs::MetadataExt;
use std::path::Path;

use common::warm::{
    assert_same_sites, assert_site_is_a_cold_build, cold, cold_with_report, diagnostics,
};
use common::{site_files, Project};

/// The build caches (`build-<identity>` folders) of the project at `root`.
fn build_caches(root: &Path) -> Vec<String> {
    std::fs::read_dir(root.join(".lectern-cache"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("build-"))
        .collect()
}

fn inode(path: &Path) -> u64 {
    std::fs::metadata(path).unwrap().ino()
}

/// The first markdown file under `content/`, in name order.
fn first_markdown(root: &Path) -> String {
    let mut files: Vec<_> = walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter(|e| !e.file_name().to_string_lossy().starts_with('_'))
        .map(|e| {
            e.path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    files.remove(0)
}

/// Cold build, one file edited, warm build: the warm site is the cold
/// build's of the edited library, byte for byte, and its unchanged pages
/// are the previous build's files, linked.
fn warm_build_equals_cold(project: Project, name: &str) {
    project.build_ok(&[]);
    let site = project.site();
    assert!(
        !build_caches(project.root()).is_empty(),
        "{name}: no build cache kept"
    );
    let before = site_files(&site);
    let inodes: Vec<(String, u64)> = before
        .keys()
        .filter(|p| p.ends_with(".html"))
        .map(|p| (p.clone(), inode(&site.join(p))))
        .collect();

    // The inodes of the generated files (pages, search index,
    // stylesheets, scripts), to tell linked files from rewritten ones.
    let generated = |path: &str| {
        [".html", ".json", ".css", ".js", ".xml"]
            .iter()
            .any(|ext| path.ends_with(ext))
    };
    let all_inodes: Vec<(String, u64)> = before
        .keys()
        .filter(|p| generated(p))
        .map(|p| (p.clone(), inode(&site.join(p))))
        .collect();
    let edited = first_markdown(project.root());
    let mut text = std::fs::read_to_string(project.root().join(&edited)).unwrap();
    text.push_str("\n\nA sentence added for the warm build, about *zebrafish*.\n");
    project.write(&edited, text.as_bytes());
    let printed = project.build_ok(&[]);
    let warm = site_files(&site);
    let (cold_files, cold_printed) = cold_with_report(&project);
    assert_same_sites(&warm, &cold_files, name);
    assert_eq!(
        diagnostics(&printed),
        cold_printed,
        "{name}: different diagnostics"
    );
    assert!(
        warm.values()
            .any(|b| String::from_utf8_lossy(b).contains("zebrafish")),
        "{name}: the edit is not in the site"
    );
    // Every generated file whose bytes did not change is the previous
    // build's file, linked.
    let not_linked: Vec<&String> = all_inodes
        .iter()
        .filter(|(path, _)| warm.get(path) == before.get(path))
        .filter(|(path, ino)| inode(&site.join(path)) != *ino)
        .map(|(path, _)| path)
        .collect();
    assert!(
        not_linked.is_empty(),
        "{name}: unchanged files written again: {not_linked:?}"
    );
    assert!(
        all_inodes
            .iter()
            .any(|(p, _)| p.starts_with("search/") && warm.get(p) == before.get(p)),
        "{name}: no search file unchanged"
    );
    for (path, _) in warm.iter().filter(|(p, b)| before.get(*p) != Some(*b)) {
        if let Some((_, ino)) = inodes.iter().find(|(p, _)| p == path) {
            assert_ne!(
                inode(&site.join(path)),
                *ino,
                "{name}: {path} changed in place"
            );
        }
    }
}

#[test]
fn warm_build_of_the_seeds_equals_a_cold_one() {
    warm_build_equals_cold(Project::seeds(), "seeds");
}

#[test]
fn warm_build_of_an_obsidian_vault_equals_a_cold_one() {
    warm_build_equals_cold(Project::fixture("garden"), "garden");
}

#[test]
fn warm_build_of_a_hugo_blog_with_bundles_equals_a_cold_one() {
    warm_build_equals_cold(Project::fixture("blog_bundles"), "blog_bundles");
}

#[test]
fn warm_build_of_a_writers_desk_equals_a_cold_one() {
    warm_build_equals_cold(Project::fixture("writers_desk"), "writers_desk");
}

#[test]
fn a_page_changed_by_hand_is_made_again_not_linked() {
    let project = Project::seeds();
    project.build_ok(&[]);
    let site = project.site();
    let page = site.join("index.html");
    let built = std::fs::read(&page).unwrap();
    // An edit after the build, a second later so its time is after the
    // build's whatever the file system's clock resolution.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(&page, b"changed by hand").unwrap();
    let style = site.join("style.css");
    std::fs::write(&style, b"/* changed by hand */").unwrap();
    // The search index's merged files are linked when their inputs are
    // unchanged, unless the file itself changed.
    let first_in = |folder: &str| {
        let mut files: Vec<_> = std::fs::read_dir(site.join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files.remove(0)
    };
    let merged = [first_in("search/postings"), first_in("search/words")];
    for file in &merged {
        std::fs::write(file, b"changed by hand").unwrap();
    }
    project.build_ok(&[]);
    assert_eq!(std::fs::read(&page).unwrap(), built);
    assert_ne!(std::fs::read(&style).unwrap(), b"/* changed by hand */");
    for file in &merged {
        assert_ne!(std::fs::read(file).unwrap(), b"changed by hand", "{file:?}");
    }
    assert_site_is_a_cold_build(&project, "seeds after hand edits");
}

#[test]
fn a_deleted_cache_or_site_and_new_settings_give_the_same_site() {
    let project = Project::seeds();
    project.build_ok(&[]);
    std::fs::remove_dir_all(project.root().join(".lectern-cache")).unwrap();
    project.build_ok(&[]);
    assert_site_is_a_cold_build(&project, "no cache");

    std::fs::remove_dir_all(project.site()).unwrap();
    project.build_ok(&[]);
    assert_site_is_a_cold_build(&project, "no site");

    let first = build_caches(project.root());
    let settings = std::fs::read_to_string(project.root().join("lectern.yaml")).unwrap();
    project.write(
        "lectern.yaml",
        settings.replace("title:", "title: Renamed —").as_bytes(),
    );
    project.build_ok(&[]);
    let second = build_caches(project.root());
    assert_eq!(second.len(), 1, "{second:?}");
    assert_ne!(first, second, "new settings, new cache");
    assert!(project.page("index.html").contains("Renamed"));
    assert_site_is_a_cold_build(&project, "new settings");
}

#[test]
fn bodies_that_cannot_be_kept_as_rendered_are_held_and_the_site_is_the_same() {
    // A first build keeps each shard of bodies as soon as it is rendered
    // and reads the bodies back from the cache's file; here every shard's
    // file is a folder, so none can be kept: the build holds the bodies
    // it rendered, says the cache was not saved, and writes the same site.
    let project = Project::seeds();
    project.build_ok(&[]);
    assert_site_is_a_cold_build(&project, "bodies kept as rendered");
    let cache = project
        .root()
        .join(".lectern-cache")
        .join(&build_caches(project.root())[0]);
    for shard in 0..64 {
        let file = cache.join(format!("bodies-{shard:02}.bin"));
        let _ = std::fs::remove_file(&file);
        std::fs::create_dir_all(file.join("in-the-way")).unwrap();
    }
    std::fs::remove_dir_all(project.site()).unwrap();
    let printed = project.build_ok(&[]);
    assert!(
        printed.contains("the build cache was not saved"),
        "{printed}"
    );
    assert_site_is_a_cold_build(&project, "bodies not kept");
}

#[test]
fn a_theme_override_reaches_every_page_of_a_warm_build() {
    let project = Project::seeds();
    project.build_ok(&[]);
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html");
    let base = std::fs::read_to_string(theme).unwrap();
    project.write(
        "themes/default/templates/base.html",
        base.replacen("<body", "<!-- overridden --><body", 1)
            .as_bytes(),
    );
    project.build_ok(&[]);
    let site = site_files(&project.site());
    let pages: Vec<_> = site.keys().filter(|p| p.ends_with(".html")).collect();
    let marked = site
        .iter()
        .filter(|(p, b)| {
            p.ends_with(".html") && String::from_utf8_lossy(b).contains("<!-- overridden -->")
        })
        .count();
    assert!(
        marked * 2 > pages.len(),
        "{marked} of {} pages",
        pages.len()
    );
    assert_same_sites(&site, &cold(&project), "theme override");
}

#[test]
fn a_failed_build_between_two_good_ones_leaves_nothing_stale() {
    let project = Project::seeds();
    project.build_ok(&[]);
    let edited = first_markdown(project.root());
    let mut text = std::fs::read_to_string(project.root().join(&edited)).unwrap();
    text.push_str("\n\nA flamingo appears in the search index too.\n");
    project.write(&edited, text.as_bytes());
    // A template that parses but fails while pages render: the search
    // index is made alongside them, so its new blocks are kept before the
    // build fails.
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/graph.html");
    let graph = std::fs::read_to_string(theme).unwrap();
    project.write(
        "themes/default/templates/graph.html",
        graph
            .replacen(
                "{% block main %}",
                "{% block main %}{{ no_such_value.at_all }}",
                1,
            )
            .as_bytes(),
    );
    project.build_fails(&[]);
    std::fs::remove_file(project.root().join("themes/default/templates/graph.html")).unwrap();
    project.build_ok(&[]);
    let site = site_files(&project.site());
    assert!(
        site.iter()
            .any(|(p, b)| p.starts_with("search/")
                && String::from_utf8_lossy(b).contains("flamingo")),
        "the edit is not in the search index"
    );
    assert_same_sites(&site, &cold(&project), "after a failed build");
}

#[test]
fn a_file_replaced_by_an_older_one_of_the_same_size_is_copied_again() {
    let project = Project::seeds();
    project.write("static/notes.txt", b"first version");
    project.build_ok(&[]);
    assert_eq!(
        std::fs::read(project.site().join("notes.txt")).unwrap(),
        b"first version"
    );
    // Same size, and a modification time from before the first build, as
    // `cp -p` or `rsync -t` leave a file they restore.
    project.write("static/notes.txt", b"other version");
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(project.root().join("static/notes.txt"))
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    project.build_ok(&[]);
    assert_eq!(
        std::fs::read(project.site().join("notes.txt")).unwrap(),
        b"other version"
    );
}

#[test]
fn a_site_from_another_build_than_the_cache_records_is_not_trusted() {
    // Two builds of one project at once can finish in either order: the
    // site may be the one build's and the cache's record the other's.
    let project = Project::seeds();
    project.build_ok(&[]);
    let kept = project.root().join("kept-site");
    let copy = |from: &Path, to: &Path| {
        let status = std::process::Command::new("cp")
            .arg("-a")
            .arg(from)
            .arg(to)
            .status()
            .unwrap();
        assert!(status.success());
    };
    copy(&project.site(), &kept);
    let edited = first_markdown(project.root());
    let original = std::fs::read_to_string(project.root().join(&edited)).unwrap();
    project.write(
        &edited,
        format!("{original}\n\nA pelican wrote this.\n").as_bytes(),
    );
    project.build_ok(&[]);
    // The first build's site comes back, times and all, while the cache
    // records the second build's.
    std::fs::remove_dir_all(project.site()).unwrap();
    copy(&kept, &project.site());
    std::fs::remove_dir_all(&kept).unwrap();
    project.build_ok(&[]);
    let site = site_files(&project.site());
    assert!(
        site.values()
            .any(|b| String::from_utf8_lossy(b).contains("pelican")),
        "the edit is missing"
    );
    assert_same_sites(&site, &cold(&project), "a site of another build");
}

/// A card's text is on every list that shows the item: a new summary, a
/// new date that moves the item to another page of its section, a new tag
/// and one item fewer each reach the lists of a warm build as they reach a
/// cold one's.
#[test]
fn an_edited_card_reaches_every_list_that_shows_it() {
    let mut files = vec![("lectern.yaml".to_string(), "paginate_by: 2\n".to_string())];
    for n in 1..=5 {
        files.push((
            format!("content/moments/m{n}.md"),
            format!(
                "---\ntitle: Moment {n}\ncreated: 2026-01-0{n}\ndescription: Summary {n}.\ntags: [shared]\n---\n\nBody {n}.\n"
            ),
        ));
    }
    let project = Project::with(&files);
    project.build_ok(&[]);
    let edits = [
        (
            "description: Summary 3.",
            "description: A summary rewritten.",
        ),
        ("created: 2026-01-03", "created: 2026-02-01"),
        ("tags: [shared]", "tags: [shared, another]"),
    ];
    for (before, after) in edits {
        let path = "content/moments/m3.md";
        let text = std::fs::read_to_string(project.root().join(path)).unwrap();
        project.write(path, text.replace(before, after).as_bytes());
        project.build_ok(&[]);
        assert_site_is_a_cold_build(&project, after);
    }
    // One page fewer: the first pages list the same items, with other
    // page links.
    std::fs::remove_file(project.root().join("content/moments/m1.md")).unwrap();
    project.build_ok(&[]);
    assert_site_is_a_cold_build(&project, "the oldest item deleted");
    let first = std::fs::read_to_string(project.site().join("moments/index.html")).unwrap();
    assert!(
        first.contains("A summary rewritten."),
        "the newest item leads its section"
    );
    assert!(project.site().join("tags/another/index.html").exists());
}

/// The files beside the site: staging folders and sites moved aside.
fn beside_the_site(project: &Project) -> Vec<String> {
    std::fs::read_dir(project.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".site."))
        .collect()
}

#[test]
fn a_warm_build_updates_the_site_in_place_and_keeps_nothing_a_cold_one_would_not() {
    let project = Project::seeds();
    project.build_ok(&[]);
    let site = project.site();
    let folder = inode(&site);
    // Put into the site by hand, a second after the build (whatever the
    // file system's clock resolution): a file beside the pages, a folder
    // of its own, and a file in a folder the site has.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(site.join("notes-by-hand.txt"), b"mine").unwrap();
    std::fs::create_dir_all(site.join("by-hand/deeper")).unwrap();
    std::fs::write(site.join("by-hand/deeper/page.html"), b"mine").unwrap();
    std::fs::write(site.join("search/extra.json"), b"{}").unwrap();
    // An item deleted: its page and every file of its own must go.
    let deleted = first_markdown(project.root());
    let pages_before = site_files(&site);
    std::fs::remove_file(project.root().join(&deleted)).unwrap();
    project.build_ok(&[]);
    assert_eq!(inode(&site), folder, "the site was replaced, not updated");
    assert_site_is_a_cold_build(&project, "after hand-made files and a deleted item");
    assert!(
        pages_before.len() > site_files(&site).len(),
        "the deleted item's pages are still there"
    );
    assert!(
        beside_the_site(&project).is_empty(),
        "{:?}",
        beside_the_site(&project)
    );
}

#[test]
fn an_update_in_place_cut_short_makes_the_next_build_a_full_one() {
    let project = Project::seeds();
    project.build_ok(&[]);
    let site = project.site();
    // What a build killed while it updated the site leaves: a marker that
    // names no build, and a page as some other build left it.
    std::fs::write(site.join(".lectern-build"), "built by lectern\n").unwrap();
    let page = site.join("index.html");
    let time = std::fs::metadata(&page).unwrap().modified().unwrap();
    std::fs::write(&page, b"half way").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&page)
        .unwrap()
        .set_modified(time)
        .unwrap();
    let folder = inode(&site);
    project.build_ok(&[]);
    assert_ne!(
        inode(&site),
        folder,
        "an untrusted site was updated in place"
    );
    assert_site_is_a_cold_build(&project, "after an update cut short");
}

#[test]
fn a_content_file_changed_with_its_size_and_time_kept_is_read_again() {
    let project = Project::seeds();
    let edited = first_markdown(project.root());
    let path = project.root().join(&edited);
    // Every file settled (last changed longer ago than the build cache's
    // stamps ask), so the first build's stamps vouch for them.
    std::thread::sleep(std::time::Duration::from_millis(3200));
    project.build_ok(&[]);
    let text = std::fs::read_to_string(&path).unwrap();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    // One word for another of the same length, and the old time back, as
    // a tool that restores times leaves a file.
    let at = text.rfind(" the ").expect("a ' the ' in the file");
    let changed = format!("{} Zqx {}", &text[..at], &text[at + 5..]);
    assert_eq!(changed.len(), text.len());
    project.write(&edited, changed.as_bytes());
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    project.build_ok(&[]);
    assert!(
        site_files(&project.site())
            .values()
            .any(|b| String::from_utf8_lossy(b).contains("Zqx")),
        "the change is not in the site"
    );
    assert_site_is_a_cold_build(&project, "a file changed with its size and time kept");
}
