//! Search as a reader uses it, in headless Chromium against a served seed
//! site: typing finds the right item with the match highlighted, word forms
//! and prefixes match, phrases narrow, filters narrow, the query lives in
//! the address, and the first query downloads little.

mod common;

use common::browser::{eval, launch, open, wait_for};
use common::server::Server;
use common::{texts, Project};

fn results(tab: &headless_chrome::Tab) -> Vec<String> {
    eval(
        tab,
        "[...document.querySelectorAll('.search-result h2')].map(h => h.textContent)",
    )
    .as_array()
    .unwrap()
    .iter()
    .map(|v| v.as_str().unwrap().to_string())
    .collect()
}

fn search(tab: &headless_chrome::Tab, query: &str) -> Vec<String> {
    let before = eval(tab, "window.lecternSearch.queries").as_u64().unwrap();
    eval(tab, &format!("(() => {{ const i = document.querySelector('#search-q'); i.value = {}; i.dispatchEvent(new Event('input')); return true; }})()", serde_json::to_string(query).unwrap()));
    wait_for(tab, &format!("window.lecternSearch.queries > {before} || document.querySelector('.search-status').textContent === 'No results.'"), 10);
    results(tab)
}

#[test]
fn typing_a_query_finds_highlighted_results_and_filters_narrow_them() {
    let p = Project::seeds();
    let server = Server::start(p.root(), &[]);
    let browser = launch();
    let tab = open(&browser, &format!("http://{}/search/", server.addr));
    wait_for(&tab, "!!window.lecternSearch && document.querySelectorAll('select[name=kind] option').length > 1", 10);

    let found = search(&tab, "governance");
    assert_eq!(
        found[0], "Leadership Skills Are for Everyone, Not Just Leaders",
        "{found:?}"
    );
    let marks = eval(&tab, "[...document.querySelectorAll('.search-result .search-snippet mark')].map(m => m.textContent.toLowerCase())");
    assert!(
        marks
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m.as_str().unwrap().starts_with("governance")),
        "{marks}"
    );
    let link = eval(
        &tab,
        "document.querySelector('.search-result h2 a').getAttribute('href')",
    );
    assert!(
        link.as_str()
            .unwrap()
            .starts_with("/moments/leadership-skills-are-for-everyone/#"),
        "points into the page: {link}"
    );
    assert!(
        eval(&tab, "location.search")
            .as_str()
            .unwrap()
            .contains("q=governance"),
        "the query lives in the address"
    );

    // Word forms and prefixes: "mentor" finds mentoring and mentorship.
    let mentor = search(&tab, "mentor");
    assert!(
        mentor.iter().any(|t| t.contains("Leadership Development")),
        "{mentor:?}"
    );
    assert!(
        mentor
            .iter()
            .any(|t| t.contains("Technical Leadership Progression")),
        "mentoring: {mentor:?}"
    );
    let reviews = search(&tab, "reviews");
    assert!(!reviews.is_empty());
    // Several words must all match; a quoted phrase must appear as written.
    let both = search(&tab, "unsexy meetings");
    assert!(
        both.iter().all(|t| !t.contains("Management vs Leadership")),
        "{both:?}"
    );
    assert!(
        both.iter().any(|t| t.contains("The Unsexy Work")),
        "{both:?}"
    );
    let phrase = search(&tab, "\"doing the right things\"");
    assert!(!phrase.is_empty());
    let loose = search(&tab, "right things doing");
    assert!(loose.len() >= phrase.len());

    // A filter narrows the list.
    let all = search(&tab, "leadership");
    eval(&tab, "(() => { const s = document.querySelector('select[name=kind]'); s.value = 'moment'; s.dispatchEvent(new Event('change')); return true; })()");
    wait_for(&tab, "[...document.querySelectorAll('.search-result .kind')].every(k => k.textContent === 'moment')", 10);
    let moments = results(&tab);
    assert!(
        !moments.is_empty() && moments.len() < all.len(),
        "{} of {}",
        moments.len(),
        all.len()
    );
    assert!(eval(&tab, "location.search")
        .as_str()
        .unwrap()
        .contains("kind=moment"));

    // The first query of a fresh page downloads little.
    let fresh = open(
        &browser,
        &format!("http://{}/search/?q=governance", server.addr),
    );
    wait_for(
        &fresh,
        "window.lecternSearch && window.lecternSearch.queries > 0",
        10,
    );
    let bytes = eval(&fresh, "performance.getEntriesByType('resource').filter(r => r.name.includes('/search/')).reduce((n, r) => n + r.encodedBodySize, 0)");
    let bytes = bytes.as_u64().unwrap();
    assert!(
        bytes > 0 && bytes < 100 * 1024,
        "first query transferred {bytes} bytes"
    );
}

#[test]
fn the_slash_key_focuses_search_on_any_page_and_the_box_leads_to_results() {
    let p = Project::seeds();
    p.build_ok(&[]);
    assert!(texts(&p.html("index.html"), "form.site-search input[type=search]").len() == 1);
    let server = Server::start(p.root(), &[]);
    let browser = launch();
    let tab = open(&browser, &format!("http://{}/moments/", server.addr));
    tab.press_key("/").unwrap();
    assert_eq!(eval(&tab, "document.activeElement.id"), "site-search-q");
    tab.type_str("ADR").unwrap();
    tab.press_key("Enter").unwrap();
    wait_for(&tab, "location.pathname === '/search/' && window.lecternSearch && window.lecternSearch.queries > 0", 10);
    let found = results(&tab);
    assert!(
        found
            .iter()
            .any(|t| t.contains("What Leaders Write Instead")),
        "{found:?}"
    );
}

#[test]
fn drafts_are_not_indexed_unless_built_with_drafts() {
    let p = Project::with(&[
        (
            "content/moments/public.md",
            "---\ntitle: Public Zebra\n---\nzebra crossing\n",
        ),
        (
            "content/moments/hidden.md",
            "---\ntitle: Hidden Zebra\ndraft: true\n---\nzebra secret\n",
        ),
    ]);
    p.build_ok(&[]);
    let index = std::fs::read_to_string(p.site().join("search/words/ze.json")).unwrap();
    assert!(index.contains("zebra"));
    assert!(!std::fs::read_dir(p.site().join("search/docs"))
        .unwrap()
        .any(|f| std::fs::read_to_string(f.unwrap().path())
            .unwrap()
            .contains("Hidden")));
    p.build_ok(&["--drafts"]);
    assert!(std::fs::read_dir(p.site().join("search/docs"))
        .unwrap()
        .any(|f| std::fs::read_to_string(f.unwrap().path())
            .unwrap()
            .contains("Hidden")));
}

#[test]
fn small_documents_share_fragment_files_and_each_result_shows_its_own() {
    // Twelve short moments: their fragments are written a few to a file,
    // and the script must still pick each document out of its file.
    let animals = [
        "aardvark", "badger", "camel", "dingo", "eland", "ferret", "gecko", "heron", "ibis",
        "jackal", "kudu", "lemur",
    ];
    let files: Vec<(String, String)> = animals
        .iter()
        .enumerate()
        .map(|(i, a)| {
            (
                format!("content/moments/m{i:02}.md"),
                format!("---\ntitle: Note about the {a}\n---\n## The {a}\n\nThe {a} is here.\n"),
            )
        })
        .collect();
    let p = Project::with(&files);
    p.build_ok(&[]);
    let written = std::fs::read_dir(p.site().join("search/docs"))
        .unwrap()
        .count();
    assert!(written < animals.len() / 2, "{written} fragment files");

    let server = Server::start(p.root(), &[]);
    let browser = launch();
    let tab = open(&browser, &format!("http://{}/search/", server.addr));
    wait_for(&tab, "!!window.lecternSearch", 10);
    for animal in ["badger", "gecko", "lemur", "aardvark"] {
        let found = search(&tab, animal);
        assert_eq!(found, [format!("Note about the {animal}")], "{animal}");
        let snippet = eval(
            &tab,
            "document.querySelector('.search-result .search-snippet').textContent",
        );
        assert!(snippet.as_str().unwrap().contains(animal), "{snippet}");
    }
}

/// A query in another word form than the text shows why a result matched:
/// the forms are marked in the title and the snippet, and the snippet (and
/// the link) come from the section where they occur.
#[test]
fn word_forms_are_marked_where_they_occur() {
    let p = Project::with(&[
        (
            "content/frameworks/code-reviews-that-teach.md",
            "---\ntitle: Code Reviews That Teach\n---\n\n## Opening\n\nA short opening about pairing and mentoring with nothing else in it.\n\n## Feedback loops\n\nGood feedback names the reason. Reviewers who explain their review comments teach; a reviewed change is a lesson.\n",
        ),
        (
            "content/frameworks/delegation.md",
            "---\ntitle: Delegation\n---\n\nHanding over work, step by step.\n",
        ),
    ]);
    let server = Server::start(p.root(), &[]);
    let browser = launch();
    let tab = open(&browser, &format!("http://{}/search/", server.addr));
    wait_for(&tab, "!!window.lecternSearch", 10);
    let found = search(&tab, "reviewing");
    assert_eq!(found, vec!["Code Reviews That Teach"], "{found:?}");
    let title_marks = eval(
        &tab,
        "[...document.querySelectorAll('.search-result h2 mark')].map(m => m.textContent)",
    );
    assert_eq!(title_marks, serde_json::json!(["Reviews"]));
    let snippet_marks = eval(&tab, "[...document.querySelectorAll('.search-snippet mark')].map(m => m.textContent.toLowerCase())");
    let marks: Vec<&str> = snippet_marks
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        marks.contains(&"review") && marks.contains(&"reviewed"),
        "{marks:?}"
    );
    let snippet = eval(
        &tab,
        "document.querySelector('.search-snippet').textContent",
    );
    assert!(
        snippet.as_str().unwrap().contains("Reviewers who explain"),
        "{snippet}"
    );
    let section = eval(
        &tab,
        "document.querySelector('.search-section').textContent",
    );
    assert_eq!(section.as_str().unwrap(), "Feedback loops");
    let link = eval(
        &tab,
        "document.querySelector('.search-result h2 a').getAttribute('href')",
    );
    assert!(
        link.as_str().unwrap().ends_with("#feedback-loops"),
        "{link}"
    );
}
