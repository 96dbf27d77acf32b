//! The plain structs that the loading stage hands to the rest of the pipeline.

use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use super::fields::FrontMatter;
use super::scan::RawRef;

/// What an item is, from the top-level folder it sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A note under `moments/`.
    Moment,
    /// A workshop module under `workshop/`.
    Module,
    /// A framework article under `frameworks/`.
    Framework,
    /// An article in any other top-level folder.
    Article,
    /// A file directly under `content/`.
    Page,
}

impl Kind {
    /// The kind of items in the top-level folder `folder`.
    pub fn of_folder(folder: &str) -> Kind {
        match folder {
            "moments" => Kind::Moment,
            "workshop" => Kind::Module,
            "frameworks" => Kind::Framework,
            _ => Kind::Article,
        }
    }

    /// A lowercase word for people and templates.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Moment => "moment",
            Kind::Module => "module",
            Kind::Framework => "framework",
            Kind::Article => "article",
            Kind::Page => "page",
        }
    }

    /// Whether the kind is dated writing that belongs in the feed.
    pub fn in_feed(self) -> bool {
        matches!(self, Kind::Moment | Kind::Framework | Kind::Article)
    }
}

/// How the body was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// CommonMark with extensions.
    Markdown,
    /// Plain text whose structure was recovered into markdown.
    PlainText,
}

/// One content file, loaded.
#[derive(Debug, Clone)]
pub struct Item {
    /// Moment, module, article…
    pub kind: Kind,
    /// The URL segment of its section (`moments`); empty for top-level pages.
    pub section: String,
    /// Path relative to the project root, with `/` separators
    /// (`content/moments/x.md`).
    pub source: PathBuf,
    /// Markdown or plain text.
    pub format: Format,
    /// The title, from front matter, the first `# ` heading or the first line.
    pub title: String,
    /// URL-safe name, unique within the section.
    pub slug: String,
    /// Typed front matter.
    pub front: FrontMatter,
    /// The body as markdown (plain text already converted).
    pub body: String,
    /// 1-based file line where `body` starts (exact for markdown files).
    pub body_line: usize,
    /// The whole file text, normalised (no BOM, `\n` line ends), kept so
    /// later stages can show the offending line of a diagnostic.
    pub text: String,
    /// Links and slug-shaped code spans in the body, as written.
    pub refs: Vec<RawRef>,
}

impl Item {
    /// Date for ordering: the front matter date, if any.
    pub fn date(&self) -> Option<super::dates::Date> {
        self.front.date
    }

    /// Whether the item is a draft.
    pub fn is_draft(&self) -> bool {
        self.front.draft
    }

    /// The 1-based file line of 1-based line `line` of the body; exact for
    /// markdown files, the start of the body for converted plain text.
    pub fn body_line_in_file(&self, line: usize) -> usize {
        match self.format {
            Format::Markdown => self.body_line + line.max(1) - 1,
            Format::PlainText => self.body_line,
        }
    }

    /// The 1-based file line and column of byte `offset` of the body; exact
    /// for markdown files, the start of the body for converted plain text.
    /// `body_lines` indexes the body (see [`LineIndex`]).
    ///
    /// [`LineIndex`]: crate::diagnostics::LineIndex
    pub fn body_position(
        &self,
        body_lines: &crate::diagnostics::LineIndex,
        offset: usize,
    ) -> (usize, usize) {
        match self.format {
            Format::Markdown => {
                let (line, column) = body_lines.line_col(offset);
                (self.body_line + line - 1, column)
            }
            Format::PlainText => (self.body_line, 1),
        }
    }
}

/// A top-level folder of `content/` and its optional `_index.md`.
#[derive(Debug, Clone)]
pub struct Section {
    /// URL segment (`moments`).
    pub name: String,
    /// Kind of the items in it.
    pub kind: Kind,
    /// Title from `_index.md`, else a readable default.
    pub title: String,
    /// Front matter of `_index.md` (description, order, duration…).
    pub front: FrontMatter,
    /// Body of `_index.md` as markdown.
    pub body: String,
    /// Where `_index.md` is, if there is one.
    pub source: Option<PathBuf>,
}

/// Everything the loading stage produced.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// Every item, sorted by source path. Shared, so a rebuild can reuse the
    /// items whose files did not change.
    pub items: Vec<Arc<Item>>,
    /// Drafts left out of the site (built without `--drafts`); the repeat
    /// guard still reads them.
    pub drafts: Vec<Arc<Item>>,
    /// Every section, sorted by name.
    pub sections: Vec<Section>,
    /// The body of `content/_index.md`, shown on the home page.
    pub home: Option<Section>,
}
