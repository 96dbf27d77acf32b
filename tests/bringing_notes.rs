//! Libraries brought from other tools build as they are: an Obsidian
//! garden (wikilinks, embeds, callouts, highlights, math), a Hugo/Zola blog
//! (page bundles with their files, TOML, aliases, old URLs, shortcodes,
//! translations) and a handbook with raw HTML. Nothing is lost silently:
//! what is not rendered is a located warning.

mod common;

use common::{assert_internal_links_resolve, attrs, texts, Project};
use scraper::Selector;

fn png_size(bytes: &[u8]) -> (u32, u32) {
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (word(16), word(20))
}

#[test]
fn a_garden_links_embeds_and_calls_out() {
    let p = Project::fixture("garden");
    let out = p.build_ok(&[]);
    assert!(
        out.contains("content/notes/Index.md:9:29: warning: [[Missing Note]] names no note"),
        "{out}"
    );
    let page = p.html("notes/index/index.html");
    let links = attrs(&page, ".item-body a", "href");
    for href in [
        "/notes/second-note/",
        "/notes/second-note/#part-two",
        "/notes/embedded/",
    ] {
        assert!(links.iter().any(|l| l == href), "{href} in {links:?}");
    }
    // `[[Other name]]` is the second note's alias.
    let by_alias = page
        .select(&Selector::parse(".item-body a").unwrap())
        .find(|a| a.text().collect::<String>() == "Other name")
        .and_then(|a| a.value().attr("href").map(str::to_string));
    assert_eq!(by_alias.as_deref(), Some("/notes/second-note/"));
    assert!(texts(&page, ".item-body a").contains(&"Second Note › Part Two".to_string()));
    assert_eq!(
        texts(&page, ".item-body .missing-ref"),
        ["Missing Note (not in the library yet)"]
    );

    // The image embed: sized from `|300` and the file, with smaller copies.
    let img = page
        .select(&Selector::parse(".item-body img").unwrap())
        .next()
        .unwrap();
    assert_eq!(
        img.value().attr("src"),
        Some("/notes/attachments/diagram.png")
    );
    assert_eq!(img.value().attr("width"), Some("300"));
    assert_eq!(img.value().attr("height"), Some("150"));
    assert_eq!(img.value().attr("loading"), Some("lazy"));
    let srcset = img.value().attr("srcset").unwrap();
    assert!(
        srcset.contains("/notes/attachments/diagram.480w.png 480w"),
        "{srcset}"
    );
    let small = std::fs::read(p.site().join("notes/attachments/diagram.480w.png")).unwrap();
    assert_eq!(png_size(&small), (480, 240));

    // The note embed shows the other note's text; its embed of this note
    // (a cycle) is a link.
    let embed = texts(&page, ".embed");
    assert!(
        embed[0].contains("This text is shown inside the index"),
        "{embed:?}"
    );
    assert_eq!(
        attrs(&page, ".embed .item-body a, .embed p a", "href")
            .last()
            .map(String::as_str),
        Some("/notes/index/")
    );

    // Callouts: folded, GitHub's, custom title.
    assert_eq!(
        texts(&page, "details.callout-tip:not([open]) > summary"),
        ["Fold me"]
    );
    assert_eq!(
        texts(&page, "div.callout-note[role=note] .callout-title"),
        ["Note"]
    );
    assert_eq!(
        texts(&page, ".callout-warning .callout-title"),
        ["Mind the gap"]
    );
    assert!(!p.page("notes/index/index.html").contains("[!tip]"));
    assert_eq!(texts(&page, "mark"), ["worth remembering"]);
    assert_eq!(page.select(&Selector::parse("math").unwrap()).count(), 2);
    assert!(!p.page("notes/index/index.html").contains("$x^2"));
    assert!(attrs(&page, ".item-body a", "href").contains(&"https://example.org/page".to_string()));

    // Wikilinks count as references: backlinks.
    let second = p.html("notes/second-note/index.html");
    assert!(texts(&second, ".connections a").contains(&"Garden Index".to_string()));
    assert_internal_links_resolve(&p.site(), "/");
}

#[test]
fn image_copies_are_made_once_and_kept_between_builds() {
    let p = Project::fixture("garden");
    p.build_ok(&[]);
    let cache = p.root().join(".lectern-cache/images");
    let kept: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(kept.len(), 2, "{kept:?}");
    // A build reuses a kept copy rather than making it again: mark one and
    // the next build publishes the marked bytes.
    let small = kept
        .iter()
        .find(|k| k.to_string_lossy().ends_with("-480.png"))
        .unwrap();
    let mut marked = std::fs::read(small).unwrap();
    marked.extend_from_slice(b"kept");
    std::fs::write(small, &marked).unwrap();
    p.build_ok(&[]);
    assert_eq!(
        std::fs::read(p.site().join("notes/attachments/diagram.480w.png")).unwrap(),
        marked
    );
}

#[test]
fn a_blog_keeps_its_bundles_addresses_and_says_what_it_leaves_out() {
    let p = Project::fixture("blog_bundles");
    let out = p.build_ok(&["--base-url", "https://example.org/docs/"]);
    for expected in [
        "content/blog/first-post/index.fr.md: warning: a translation (`fr`)",
        "content/blog/2019-05-02-second-post/index.md:4:10: warning: image `missing-cover.jpg` is not under content/",
        "content/blog/first-post/index.md:14:1: warning: a Hugo shortcode (`{{< tweet user=\"someone\" id=\"123\" >}}`) is left out",
        "content/blog/first-post/index.md:19:1: warning: image `gone.png` is not under content/",
        "content/blog/first-post/index.md:21:1: warning: a Liquid or Jinja tag",
        "content/blog/2019-05-02-second-post/index.md:8:1: warning: a Hugo shortcode (`{{% tab \"First\" %}}",
    ] {
        assert!(out.contains(expected), "{expected}\n{out}");
    }
    // A `{{% … %}}` shortcode is one warning, not also a Liquid tag.
    assert!(
        !out.contains("second-post/index.md:8:2: warning: a Liquid"),
        "{out}"
    );
    let page = p.html("blog/first-post/index.html");
    let img = page
        .select(&Selector::parse(".item-body img").unwrap())
        .next()
        .unwrap();
    assert_eq!(
        img.value().attr("src"),
        Some("/docs/blog/first-post/cover.png")
    );
    assert_eq!(
        (img.value().attr("width"), img.value().attr("height")),
        (Some("320"), Some("200"))
    );
    assert!(p.site().join("blog/first-post/cover.png").is_file());
    assert!(p.site().join("blog/first-post/slides.pdf").is_file());
    let links = attrs(&page, ".item-body a", "href");
    assert!(
        links.contains(&"/docs/blog/first-post/slides.pdf".to_string()),
        "{links:?}"
    );
    // A dated permalink, a Zola `@/` path, a folder link and Hugo's `ref`:
    // one post.
    let to_second = links.iter().filter(|l| *l == "/docs/blog/second-post/");
    assert_eq!(to_second.count(), 4, "{links:?}");
    // Shortcodes that show something are drawn: a figure, a video link, a
    // theme's box as a callout; a `{{ site.baseurl }}` image resolves.
    assert_eq!(
        texts(&page, "figure figcaption"),
        ["The cover, as a figure"]
    );
    assert_eq!(
        attrs(&page, "figure:not(.cover) img", "src"),
        ["/docs/blog/first-post/cover.png"]
    );
    assert!(links.contains(&"https://www.youtube.com/watch?v=abc123".to_string()));
    assert_eq!(
        texts(&page, ".callout-tip .callout-title"),
        ["From a theme"]
    );
    assert!(texts(&page, ".callout-tip p")
        .iter()
        .any(|t| t.contains("Drawn as a callout.")));
    assert_eq!(attrs(&page, ".item-body img", "src").len(), 4);
    // The front matter's `image` is the page's picture, sized.
    let cover = attrs(&page, "figure.cover img", "src");
    assert_eq!(cover, ["/docs/blog/first-post/cover.png"]);
    assert_eq!(attrs(&page, "figure.cover img", "width"), ["320"]);
    let second = p.html("blog/second-post/index.html");
    assert!(attrs(&second, "figure.cover img", "src").is_empty());
    assert_eq!(
        texts(&page, ".item-body .missing-ref"),
        ["A lost picture (image not found)"]
    );
    let shown = p.page("blog/first-post/index.html");
    for hidden in ["{{", "{%", "tweet", "signup.html", "admonition"] {
        assert!(!shown.contains(hidden), "{hidden} shows on the page");
    }
    // The old address written in the other post resolves, and redirects.
    let second = p.html("blog/second-post/index.html");
    assert!(attrs(&second, ".item-body a", "href").contains(&"/docs/blog/first-post/".to_string()));
    assert!(p
        .page("2019/04/first-post/index.html")
        .contains("/docs/blog/first-post/"));
    // The translation is not published anywhere.
    for page in common::html_files(&p.site()) {
        assert!(!p.page(&page).contains("Bonjour"), "{page}");
    }
    // The feed's images and files have absolute addresses.
    let feed = p.page("atom.xml");
    assert!(
        feed.contains("src=&quot;https://example.org/docs/blog/first-post/cover.png&quot;"),
        "{feed}"
    );
    assert_internal_links_resolve(&p.site(), "/docs/");
}

#[test]
fn raw_html_is_sanitised_and_every_removal_is_located() {
    let p = Project::fixture("handbook_html");
    let out = p.build_ok(&[]);
    for expected in [
        "content/handbook/people/index.md:5:1: warning: raw HTML: left out `onclick` on <td>, `style` on <td>",
        "content/handbook/people/index.md:20:1: warning: raw HTML: left out <script>",
        "content/handbook/people/index.md:23:3: warning: raw HTML: left out `onmouseover` on <span>",
        "content/handbook/people/index.md:23:51: warning: raw HTML: left out <blink>",
    ] {
        assert!(out.contains(expected), "{expected}\n{out}");
    }
    let page = p.html("handbook/people/index.html");
    assert_eq!(
        texts(&page, ".item-body td"),
        ["Senior", "Team", "Staff", "Group"]
    );
    assert_eq!(page.select(&Selector::parse(".item-body [style], .item-body [onclick], .item-body [onmouseover], .item-body script").unwrap()).count(), 0);
    // The details element keeps the markdown written inside it.
    assert_eq!(texts(&page, "details > summary"), ["How promotions work"]);
    assert!(texts(&page, "details > p")
        .iter()
        .any(|t| t.contains("Calibration")));
    assert_eq!(texts(&page, "kbd"), ["Ctrl", "K"]);
    assert_eq!(texts(&page, "sub"), ["2"]);
    let shown = p.page("handbook/people/index.html");
    for hidden in ["private", "alert", "&lt;table", "blink"] {
        assert!(!shown.contains(hidden), "{hidden} shows on the page");
    }
    assert_eq!(
        attrs(&page, ".item-body img", "src"),
        ["/handbook/people/chart.png"]
    );
    let engineering = p.html("handbook/engineering/index.html");
    assert!(attrs(&engineering, ".item-body a", "href").contains(&"/handbook/people/".to_string()));
    assert_internal_links_resolve(&p.site(), "/");

    // A site that trusts its files passes HTML as written.
    p.write("lectern.yaml", b"markdown:\n  raw_html: true\n");
    let out = p.build_ok(&[]);
    assert!(!out.contains("raw HTML: left out"), "{out}");
    assert!(p
        .page("handbook/people/index.html")
        .contains("<script>alert(\"x\")</script>"));
}
