//! References from one item to another, resolved: front matter paths
//! (`related_content`, `related_threads`), backtick slugs in the body, and
//! markdown links between content files.

use std::path::Path;
use std::sync::Arc;

use super::schemes::{has_scheme, is_template, is_unsafe_url};
use super::source_paths::{normalised_source, source_into};
use super::{BodyRef, ExplicitRef, ItemLinks, Library, Target};
use crate::content::scan::{is_slug_shaped, RawRefKind};
use crate::content::Kind;
use crate::diagnostics::{Diagnostic, LineIndex};

/// What a reference turned out to point at.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Reference {
    /// Another item of the library; the URL keeps any `#fragment`.
    Item { id: usize, url: Arc<str> },
    /// A content file path that is not in the library.
    Missing,
    /// Not a reference to a content file (a web URL, an anchor, an image…):
    /// left as written.
    Other,
    /// A link with a scheme that runs code (`javascript:`): never emitted.
    Unsafe,
    /// A file under `content/` published as it is (an image, a PDF).
    /// Boxed: most references are to items, and a library of 10,000
    /// items holds hundreds of thousands of them, each the size of the
    /// largest variant.
    File(Box<FileTarget>),
    /// A relative path to a file that is not under `content/`.
    MissingFile,
    /// A destination written in another tool's template syntax
    /// (`{{ site.baseurl }}/x.png`): never emitted.
    Template,
}

impl Reference {
    /// The address in the site of the item or published file it points
    /// at; `None` for anything else.
    pub fn site_url(&self) -> Option<&str> {
        match self {
            Reference::Item { url, .. } => Some(url),
            Reference::File(file) => Some(&file.url),
            _ => None,
        }
    }
}

/// A published file a reference points at.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileTarget {
    /// Its index into [`super::Library::assets`].
    pub index: usize,
    /// Its address.
    pub url: Arc<str>,
    /// For an image, what its element needs.
    pub image: Option<Box<ImageInfo>>,
}

/// What an `<img>` needs to know about a published image.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImageInfo {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Its smaller copies and itself, as a `srcset` value (empty when it
    /// has none).
    pub srcset: String,
}

/// Resolves a markdown link destination written in the file `from`.
pub fn resolve_link(library: &Library, from: &Path, destination: &str) -> Reference {
    if is_unsafe_url(destination) {
        return Reference::Unsafe;
    }
    let destination = destination.trim();
    if destination.is_empty()
        || destination.starts_with('#')
        || destination.starts_with("//")
        || has_scheme(destination)
    {
        return Reference::Other;
    }
    let (path_part, fragment) = match destination.find('#') {
        Some(i) => (&destination[..i], &destination[i..]),
        None => (destination, ""),
    };
    if is_template(path_part) {
        return Reference::Template;
    }
    let path_part = path_part.split('?').next().unwrap_or_default();
    let decoded = if path_part.contains('%') {
        percent_encoding::percent_decode_str(path_part).decode_utf8_lossy()
    } else {
        std::borrow::Cow::Borrowed(path_part)
    };
    let is_content = [".md", ".markdown", ".txt"].iter().any(|ext| {
        decoded.len() >= ext.len()
            && decoded.as_bytes()[decoded.len() - ext.len()..].eq_ignore_ascii_case(ext.as_bytes())
    });
    if decoded.starts_with("@/") || !is_content {
        return super::targets::resolve_path(library, from, &decoded, fragment)
            .unwrap_or(Reference::Other);
    }
    let mut source = String::with_capacity(from.as_os_str().len() + decoded.len() + 8);
    let named = if decoded.starts_with('/') {
        source_into(&[decoded.trim_start_matches('/')], &mut source)
    } else {
        let dir = from.parent().unwrap_or(Path::new(""));
        source_into(&[&dir.to_string_lossy(), &decoded], &mut source)
    };
    let found = named
        .then(|| library.by_source_text(&source))
        .flatten()
        .or_else(|| super::targets::by_file_name(library, &decoded));
    match found {
        Some(id) => Reference::Item {
            id,
            url: library.shared_url(id, fragment),
        },
        None => Reference::Missing,
    }
}

/// What a link, image, wikilink or embed written in the file `from`
/// points at. A code span is not resolved here: whether an unknown slug
/// counts as missing depends on the heading it sits under.
pub fn resolve_written(
    library: &Library,
    from: &Path,
    kind: RawRefKind,
    target: &str,
) -> Reference {
    match kind {
        RawRefKind::Link | RawRefKind::Image => resolve_link(library, from, target),
        RawRefKind::WikiLink | RawRefKind::Embed => {
            super::targets::resolve_wikilink(library, from, target)
        }
        RawRefKind::CodeSpan => Reference::Other,
    }
}

/// A front matter value: a content path, a slug, a web address, or nothing
/// we may link to.
fn resolve_value(library: &Library, value: &str) -> Target {
    let value = value.trim();
    if value.is_empty() || is_unsafe_url(value) {
        return Target::Invalid;
    }
    if has_scheme(value) || value.starts_with("//") {
        let lower = value.to_ascii_lowercase();
        return if lower.starts_with("http://") || lower.starts_with("https://") {
            Target::External {
                url: value.to_string(),
            }
        } else {
            Target::Invalid
        };
    }
    // A bare word names an item by slug when one has it (`hello` as well as
    // `reactive-vs-deliberate-thinking`); otherwise it is read as a path.
    if !value.contains('/') {
        if let Some(id) = find_by_slug(library, value) {
            return Target::Item { id };
        }
    }
    if is_slug_shaped(value) {
        return Target::Missing;
    }
    match normalised_source(value) {
        Some(source) => match library.by_source_text(&source) {
            Some(id) => Target::Item { id },
            None => Target::Missing,
        },
        None => Target::Invalid,
    }
}

/// A slug names a moment first, then an item of any other kind.
fn find_by_slug(library: &Library, slug: &str) -> Option<usize> {
    library.by_slug(
        slug,
        &[
            Kind::Moment,
            Kind::Module,
            Kind::Framework,
            Kind::Article,
            Kind::Page,
        ],
    )
}

/// Whether a heading introduces references to other moments, so a slug
/// under it that names nothing is a missing moment rather than just code.
fn is_reference_heading(heading: &str) -> bool {
    let lower = heading.to_lowercase();
    [
        "connection",
        "related",
        "link",
        "moment",
        "see also",
        "references",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Resolves every reference of `item` against `library`, with a warning
/// for each that does not resolve.
pub fn resolve_refs(
    library: &Library,
    item: &crate::content::Item,
) -> (ItemLinks, Vec<Diagnostic>) {
    let targets = body_targets(library, item);
    resolve_with(library, item, targets.into_iter())
}

/// What each of `item`'s body references points at, in order; `None`
/// for one that is not a reference to keep or report.
pub(super) fn body_targets(
    library: &Library,
    item: &crate::content::Item,
) -> Vec<Option<Reference>> {
    item.refs
        .iter()
        .map(|raw| {
            let target = match raw.kind {
                RawRefKind::CodeSpan if raw.in_link => return None,
                RawRefKind::CodeSpan => match find_by_slug(library, &raw.target) {
                    Some(found) => Reference::Item {
                        id: found,
                        url: library.shared_url(found, ""),
                    },
                    // Only moments list other moments by slug under such a
                    // heading; elsewhere a code span is just code.
                    None if item.kind == Kind::Moment && is_reference_heading(&raw.heading) => {
                        Reference::Missing
                    }
                    None => return None,
                },
                kind => resolve_written(library, &item.source, kind, &raw.target),
            };
            Some(target)
        })
        .collect()
}

/// Like [`resolve_refs`], the body references pointing at `targets` (one
/// for each, in order, as [`body_targets`] gives them): the front matter's
/// references are resolved, and each warning written.
pub(super) fn resolve_with(
    library: &Library,
    item: &crate::content::Item,
    targets: impl Iterator<Item = Option<Reference>>,
) -> (ItemLinks, Vec<Diagnostic>) {
    let mut links = ItemLinks::default();
    let mut problems = Vec::new();
    // Lines are indexed once, and only for a file with something to report.
    let body_lines = std::cell::OnceCell::new();
    let body = std::cell::OnceCell::new();
    let file_lines = std::cell::OnceCell::new();
    let text = std::cell::OnceCell::new();
    let file_lines = || file_lines.get_or_init(|| LineIndex::new(text.get_or_init(|| item.text())));
    let fields = [
        ("related_content", &item.front.related_content),
        ("related_threads", &item.front.related_threads),
    ];
    for (field, values) in fields {
        for located in values {
            let target = resolve_value(library, &located.value);
            let message = match &target {
                Target::Missing => Some(format!(
                    "`{}` in `{field}` is not in the library yet",
                    located.value
                )),
                Target::Invalid => Some(format!(
                    "`{}` in `{field}` is not a content path, a slug or a web address",
                    located.value
                )),
                _ => None,
            };
            if let Some(message) = message {
                problems.push(
                    Diagnostic::warning(&item.source, message)
                        .at_indexed(file_lines(), located.line, located.column)
                        .with_help("write a path such as content/moments/x.md or a slug; the page shows it as not in the library yet"),
                );
            }
            links.explicit.push(ExplicitRef {
                field,
                written: located.value.clone(),
                target,
            });
        }
    }
    if let Some(cover) = &item.front.cover {
        let written = cover.value.as_str();
        let remote = has_scheme(written) || written.starts_with("//");
        let target = match library.asset_from(&item.source, written) {
            Some(index) => library.file_reference(index),
            None if remote && !is_unsafe_url(written) => Reference::Other,
            None => {
                problems.push(
                    Diagnostic::warning(
                        &item.source,
                        format!("image `{written}` is not under content/"),
                    )
                    .at_indexed(file_lines(), cover.line, cover.column)
                    .with_help("put the file beside the markdown (the path is relative to this file), or fix the path; the page shows no picture"),
                );
                Reference::MissingFile
            }
        };
        links.cover = Some(target);
    }
    for (raw, target) in item.refs.iter().zip(targets) {
        let Some(target) = target else {
            continue;
        };
        let warning = match (&target, raw.kind) {
            (Reference::Missing, RawRefKind::CodeSpan) => Some((
                format!("moment `{}` is not in the library yet", raw.target),
                "write it (lectern new moment), or fix the slug; the page shows it as not in the library yet",
            )),
            (Reference::Missing, RawRefKind::Link) => Some((
                format!("link to `{}`: that file is not in the library yet", raw.target),
                "check the path (it is relative to this file), or write the missing item",
            )),
            (Reference::Missing, RawRefKind::WikiLink | RawRefKind::Embed) => Some((
                format!("[[{}]] names no note in the library yet", raw.target),
                "check the name (a file name, title or alias), or write the note; the page shows it as not in the library yet",
            )),
            (Reference::MissingFile, RawRefKind::Image | RawRefKind::Embed) => Some((
                format!("image `{}` is not under content/", raw.target),
                "put the file beside the markdown (the path is relative to this file), or fix the path; the page shows the image's description instead",
            )),
            (Reference::MissingFile, _) => Some((
                format!("link to `{}`: no such file under content/", raw.target),
                "put the file beside the markdown (the path is relative to this file), or fix the path",
            )),
            (Reference::Template, _) => Some((
                format!("`{}` is written in another tool's template syntax, so it was left out", raw.target),
                "write the address itself (a path relative to this file, or a web address)",
            )),
            (Reference::Unsafe, _) => Some((
                format!("link to `{}` was removed: it would run code", raw.target),
                "link to a page or a web address instead",
            )),
            _ => None,
        };
        if let Some((message, help)) = warning {
            let body_lines =
                body_lines.get_or_init(|| LineIndex::new(body.get_or_init(|| item.body.text())));
            let (line, column) = item.body_position(body_lines, raw.offset);
            let mut d = Diagnostic::warning(&item.source, message).with_help(help);
            if line > 0 {
                d = d.at_indexed(file_lines(), line, column);
            }
            problems.push(d);
        }
        if matches!(target, Reference::Other) {
            continue;
        }
        links.body.push(BodyRef {
            offset: raw.offset,
            kind: raw.kind,
            written: raw.target.clone(),
            target,
        });
    }
    links.body.sort_by_key(|r| r.offset);
    links.body = crate::packed::without_room(std::mem::take(&mut links.body));
    (links, problems)
}
