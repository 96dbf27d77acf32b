//! Diagnostics: errors and warnings that point at a place in a file.
//!
//! Every stage of the pipeline reports problems as [`Diagnostic`]s instead of
//! failing on the first one, so a build shows all of its errors at once.
//! They print in the `file:line:col: error: message` form that editors and
//! terminals turn into links, followed by the offending line.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

mod lines;
pub use lines::{line_col, LineIndex};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build carries on and the output is written.
    Warning,
    /// The build fails and the previous output is left untouched.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem found in the library, tied to a file and (when known) a position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the project root where possible.
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column (in characters); 0 when unknown.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// What to do about it, when there is something useful to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The text of the offending line, shown under the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// An error about `path` as a whole.
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, path, message)
    }

    /// A warning about `path` as a whole.
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, path, message)
    }

    fn new(severity: Severity, path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            path: path.into(),
            line: 0,
            column: 0,
            message: message.into(),
            help: None,
            source_line: None,
        }
    }

    /// Points the diagnostic at `line:column` (1-based) and keeps that line of
    /// `text` to show under the message.
    pub fn at(mut self, text: &str, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self.source_line = text
            .lines()
            .nth(line.saturating_sub(1))
            .filter(|_| line > 0)
            .map(|l| l.trim_end_matches('\r').to_string());
        self
    }

    /// Points the diagnostic at `line` and `column` of the text `index`
    /// was built from, showing that line (without walking the text).
    pub fn at_indexed(mut self, index: &LineIndex, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self.source_line = index
            .line_text(line)
            .map(|l| l.trim_end_matches('\r').to_string());
        self
    }

    /// Points the diagnostic at a position without a source line to show.
    pub fn at_position(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    /// Adds advice on how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The `path:line:col` prefix (line and column omitted when unknown).
    pub fn location(&self) -> String {
        let path = self.path.display();
        match (self.line, self.column) {
            (0, _) => format!("{path}"),
            (line, 0) => format!("{path}:{line}"),
            (line, col) => format!("{path}:{line}:{col}"),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.location(),
            self.severity,
            self.message
        )?;
        if let Some(source) = &self.source_line {
            let gutter = self.line.to_string();
            let pad = " ".repeat(gutter.len());
            let shown: String = source.chars().take(200).collect();
            write!(f, "\n {pad} |\n {gutter} | {shown}")?;
            if self.column > 0 && self.column <= shown.chars().count() + 1 {
                let lead: String = shown
                    .chars()
                    .take(self.column - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                write!(f, "\n {pad} | {lead}^")?;
            }
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// Diagnostics with every field, for the build cache (the JSON of `lectern
/// check` leaves out empty ones, which the cache's format cannot do).
pub mod every_field {
    use std::path::PathBuf;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{Diagnostic, Severity};

    type Fields = (
        Severity,
        PathBuf,
        usize,
        usize,
        String,
        Option<String>,
        Option<String>,
    );

    pub fn serialize<S: Serializer>(all: &[Diagnostic], s: S) -> Result<S::Ok, S::Error> {
        // The same fields by reference: serialised exactly like `Fields`.
        let fields: Vec<_> = all
            .iter()
            .map(|d| {
                (
                    d.severity,
                    &d.path,
                    d.line,
                    d.column,
                    &d.message,
                    &d.help,
                    &d.source_line,
                )
            })
            .collect();
        fields.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Diagnostic>, D::Error> {
        let fields = Vec::<Fields>::deserialize(d)?;
        Ok(fields
            .into_iter()
            .map(
                |(severity, path, line, column, message, help, source_line)| Diagnostic {
                    severity,
                    path,
                    line,
                    column,
                    message,
                    help,
                    source_line,
                },
            )
            .collect())
    }
}

/// A growing list of diagnostics, collected across a stage or a whole build.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds many diagnostics.
    pub fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(more);
    }

    /// True when at least one diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// True when there are no diagnostics at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The diagnostics sorted by file, then position, so output is stable
    /// whatever order the parallel stages finished in.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
        });
        self.items.dedup();
        self.items
    }

    /// Borrow the diagnostics in the order they were added.
    pub fn as_slice(&self) -> &[Diagnostic] {
        &self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<T: IntoIterator<Item = Diagnostic>>(iter: T) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

/// Turns an absolute path into one relative to `root` for display, leaving it
/// as it is when it lies elsewhere.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_location_message_and_caret() {
        let text = "---\ntitle: [oops\n---\n";
        let d = Diagnostic::error("content/a.md", "bad YAML")
            .at(text, 2, 8)
            .with_help("close the bracket");
        let shown = d.to_string();
        assert!(shown.starts_with("content/a.md:2:8: error: bad YAML"));
        assert!(shown.contains("2 | title: [oops"));
        assert!(shown.contains("|        ^"), "{shown}");
        assert!(shown.contains("help: close the bracket"));
    }

    #[test]
    fn location_omits_unknown_parts() {
        assert_eq!(Diagnostic::error("a", "m").location(), "a");
        assert_eq!(
            Diagnostic::error("a", "m").at_position(3, 0).location(),
            "a:3"
        );
    }

    #[test]
    fn sorted_is_stable_and_deduplicated() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic::warning("b", "x"));
        all.push(Diagnostic::error("a", "y"));
        all.push(Diagnostic::error("a", "y"));
        let sorted = all.sorted();
        assert_eq!(sorted.len(), 2);
        assert_eq!(sorted[0].path, PathBuf::from("a"));
    }
}
