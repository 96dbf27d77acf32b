//! Figures from files: each row of a figures table under `data/` updates
//! the published piece it names, by path, then address, then title.

use rustc_hash::FxHashMap as HashMap;

use super::PublishedPiece;
use crate::content::figures::FigureRow;
use crate::content::published::normalise_title;
use crate::diagnostics::Diagnostic;

/// A path compared without `./`, leading slashes or case.
fn normalise_path(path: &str) -> String {
    path.trim()
        .trim_start_matches("./")
        .trim_start_matches('/')
        .replace('\\', "/")
        .to_lowercase()
}

/// The last part of a `/`-separated path.
fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// An address compared without scheme, `www.`, query, fragment or the
/// closing slash (`https://www.linkedin.com/posts/x/?utm=1` →
/// `linkedin.com/posts/x`).
pub fn normalise_url(url: &str) -> String {
    let url = url.trim();
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    rest.trim_end_matches('/').to_lowercase()
}

/// Where each piece can be found: by path, by address, by title.
struct PieceIndex {
    by_path: HashMap<String, usize>,
    /// Paths by their file name, in piece order, for rows that give more
    /// or less of the path than the moment did.
    by_file_name: HashMap<String, Vec<(String, usize)>>,
    by_url: HashMap<String, usize>,
    by_title: HashMap<String, usize>,
}

impl PieceIndex {
    /// `item_url` gives a library item's absolute address, so a row naming
    /// the site's own page finds the piece that item is.
    fn new(pieces: &[PublishedPiece], item_url: &dyn Fn(usize) -> Option<String>) -> Self {
        let mut index = PieceIndex {
            by_path: HashMap::default(),
            by_file_name: HashMap::default(),
            by_url: HashMap::default(),
            by_title: HashMap::default(),
        };
        for (i, piece) in pieces.iter().enumerate() {
            if let Some(path) = &piece.entry.path {
                if path.contains("://") {
                    index.by_url.entry(normalise_url(path)).or_insert(i);
                } else {
                    let path = normalise_path(path);
                    index
                        .by_file_name
                        .entry(file_name(&path).to_string())
                        .or_default()
                        .push((path.clone(), i));
                    index.by_path.entry(path).or_insert(i);
                }
            }
            if let Some(url) = piece.item.and_then(item_url) {
                index.by_url.entry(normalise_url(&url)).or_insert(i);
            }
            if let Some(title) = &piece.entry.title {
                index.by_title.entry(normalise_title(title)).or_insert(i);
            }
        }
        index
    }

    fn find(&self, row: &FigureRow) -> Option<usize> {
        if let Some(path) = &row.path {
            let wanted = normalise_path(path);
            if let Some(&i) = self.by_path.get(&wanted) {
                return Some(i);
            }
            // `published/x.md` in the sheet, `workspace/published/x.md` in
            // the moment (or the other way round).
            let suffix = self
                .by_file_name
                .get(file_name(&wanted))
                .into_iter()
                .flatten()
                .find(|(known, _)| {
                    known.ends_with(&format!("/{wanted}")) || wanted.ends_with(&format!("/{known}"))
                });
            if let Some(&(_, i)) = suffix {
                return Some(i);
            }
        }
        if let Some(&i) = row
            .url
            .as_ref()
            .and_then(|u| self.by_url.get(&normalise_url(u)))
        {
            return Some(i);
        }
        row.title
            .as_ref()
            .and_then(|t| self.by_title.get(&normalise_title(t)))
            .copied()
    }
}

/// Updates the figures (and a missing date or platform) of the pieces the
/// rows name; a warning at each row that names none.
pub fn apply(
    pieces: &mut [PublishedPiece],
    rows: &[FigureRow],
    item_url: &dyn Fn(usize) -> Option<String>,
) -> Vec<Diagnostic> {
    let index = PieceIndex::new(pieces, item_url);
    let mut problems = Vec::new();
    for row in rows {
        let Some(i) = index.find(row) else {
            let named = row
                .title
                .as_deref()
                .or(row.url.as_deref())
                .or(row.path.as_deref())
                .unwrap_or("(no title, url or path)");
            let mut d = Diagnostic::warning(
                &row.file,
                format!("this row matches no published piece: \"{named}\""),
            )
            .at_position(row.line, 1)
            .with_help("the path, url or title must be that of a piece listed under \"Already Published\" in a moment, or of an item with `status: published`");
            d.source_line = Some(row.source_line.clone());
            problems.push(d);
            continue;
        };
        let entry = &mut pieces[i].entry;
        entry.figures.extend(row.figures.clone());
        if entry.published.is_none() {
            entry.published = row.date;
        }
        if row.platform.is_some() {
            entry.platform.clone_from(&row.platform);
        }
        if entry.title.is_none() {
            entry.title.clone_from(&row.title);
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_compare_without_their_dressing() {
        assert_eq!(
            normalise_url("https://www.linkedin.com/posts/x/?utm_source=a"),
            "linkedin.com/posts/x"
        );
        assert_eq!(normalise_path("./Workspace/a.md"), "workspace/a.md");
    }
}
