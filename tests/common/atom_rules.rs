//! RFC 4287's requirements on an Atom feed, checked the way a validator
//! does: well-formed XML in the Atom namespace, the elements a feed and an
//! entry must have exactly once, absolute IRIs for ids and links, RFC 3339
//! timestamps, an author for every entry, and (our own rule for feed
//! readers) no empty content and no relative link inside entries.

use roxmltree::{Document, Node};

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// Every way `xml` breaks the rules, one line each (empty when valid).
pub fn atom_problems(xml: &str) -> Vec<String> {
    let doc = match Document::parse(xml) {
        Ok(doc) => doc,
        Err(e) => return vec![format!("not well-formed XML: {e}")],
    };
    let mut problems = Vec::new();
    let feed = doc.root_element();
    if !is_atom(feed, "feed") {
        return vec!["the root element is not atom:feed".into()];
    }
    exactly_one(feed, &["id", "title", "updated"], "feed", &mut problems);
    at_most_one(
        feed,
        &["subtitle", "generator", "icon", "logo", "rights"],
        "feed",
        &mut problems,
    );
    common_rules(feed, "feed", &mut problems);
    let feed_has_author = children(feed, "author").next().is_some();
    for (n, entry) in children(feed, "entry").enumerate() {
        let place = format!("entry {}", n + 1);
        exactly_one(entry, &["id", "title", "updated"], &place, &mut problems);
        at_most_one(
            entry,
            &["content", "published", "summary", "rights", "source"],
            &place,
            &mut problems,
        );
        common_rules(entry, &place, &mut problems);
        if !feed_has_author && children(entry, "author").next().is_none() {
            problems.push(format!("{place}: no atom:author, and the feed has none"));
        }
        let content = children(entry, "content").next();
        match content {
            None => {
                if !children(entry, "link")
                    .any(|l| l.attribute("rel").unwrap_or("alternate") == "alternate")
                {
                    problems.push(format!("{place}: no atom:content and no alternate link"));
                }
            }
            Some(content) => {
                let text = content.text().unwrap_or_default();
                if text.trim().is_empty() {
                    problems.push(format!("{place}: empty atom:content"));
                }
                if content.attribute("type") == Some("html") {
                    relative_links_in_html(text, &place, &mut problems);
                }
            }
        }
    }
    problems
}

fn is_atom(node: Node, name: &str) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(ATOM) && node.tag_name().name() == name
}

fn children<'a, 'b>(node: Node<'a, 'b>, name: &'static str) -> impl Iterator<Item = Node<'a, 'b>> {
    node.children().filter(move |c| is_atom(*c, name))
}

fn exactly_one(node: Node, names: &[&'static str], place: &str, problems: &mut Vec<String>) {
    for name in names {
        let count = children(node, name).count();
        if count != 1 {
            problems.push(format!(
                "{place}: {count} atom:{name} elements, must be exactly 1"
            ));
        }
    }
}

fn at_most_one(node: Node, names: &[&'static str], place: &str, problems: &mut Vec<String>) {
    for name in names {
        if children(node, name).count() > 1 {
            problems.push(format!("{place}: more than one atom:{name}"));
        }
    }
}

/// Rules shared by feeds and entries: ids, links, dates, people, categories.
fn common_rules(node: Node, place: &str, problems: &mut Vec<String>) {
    for id in children(node, "id") {
        let text = id.text().unwrap_or_default().trim();
        if !is_absolute_iri(text) {
            problems.push(format!("{place}: atom:id {text:?} is not an absolute IRI"));
        }
    }
    for name in ["updated", "published"] {
        for date in children(node, name) {
            let text = date.text().unwrap_or_default().trim();
            if !is_rfc3339(text) {
                problems.push(format!(
                    "{place}: atom:{name} {text:?} is not an RFC 3339 date-time"
                ));
            }
        }
    }
    for link in children(node, "link") {
        match link.attribute("href") {
            Some(href) if is_absolute_iri(href) => {}
            other => problems.push(format!(
                "{place}: link href {other:?} is not an absolute IRI"
            )),
        }
    }
    for title in children(node, "title") {
        if title.text().unwrap_or_default().trim().is_empty() {
            problems.push(format!("{place}: empty atom:title"));
        }
    }
    for person in children(node, "author").chain(children(node, "contributor")) {
        let names = children(person, "name").count();
        if names != 1 {
            problems.push(format!("{place}: a person with {names} atom:name elements"));
        }
    }
    for category in children(node, "category") {
        if category.attribute("term").is_none_or(|t| t.is_empty()) {
            problems.push(format!("{place}: atom:category without a term"));
        }
    }
}

fn relative_links_in_html(html: &str, place: &str, problems: &mut Vec<String>) {
    let fragment = scraper::Html::parse_fragment(html);
    let selector = scraper::Selector::parse("[href], [src]").unwrap();
    for element in fragment.select(&selector) {
        for attr in ["href", "src"] {
            if let Some(value) = element.value().attr(attr) {
                if !is_absolute_iri(value) {
                    problems.push(format!(
                        "{place}: relative {attr}={value:?} inside the content"
                    ));
                }
            }
        }
    }
}

/// A scheme followed by `:` and something (`https://…`, `mailto:…`).
fn is_absolute_iri(text: &str) -> bool {
    match text.split_once(':') {
        Some((scheme, rest)) => {
            !rest.is_empty()
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// RFC 3339 §5.6 `date-time`, as Atom requires (upper-case `T` and `Z`).
fn is_rfc3339(text: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(text).is_ok()
        && text.as_bytes().get(10) == Some(&b'T')
        && !text.contains('z')
}
