//! Figures kept in files: CSV tables under `data/` (a platform's export,
//! or a sheet kept by hand) with a row per published piece. The header row
//! names the columns, in any order and case (`Title`, `Post URL`, `path`,
//! `Date`, `Impressions`, `Reactions`, `Comments`, `Reposts`…); the link
//! stage matches each row to a piece by its path, address or title.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::dates::Date;
use crate::diagnostics::{display_path, Diagnostic, LineIndex};

/// One row of a figures file.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureRow {
    /// The file, relative to the project root (`data/linkedin.csv`).
    pub file: PathBuf,
    /// 1-based line of the row in the file.
    pub line: usize,
    /// The text of that line, for diagnostics.
    pub source_line: String,
    /// `title` column.
    pub title: Option<String>,
    /// `url` or `link` column.
    pub url: Option<String>,
    /// `path` or `file` column.
    pub path: Option<String>,
    /// `date` or `published` column.
    pub date: Option<Date>,
    /// `platform` or `channel` column.
    pub platform: Option<String>,
    /// The counts of the row, by figure name (`impressions`, `shares`…).
    pub figures: BTreeMap<String, u64>,
}

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
    Title,
    Url,
    Path,
    Date,
    Platform,
    Figure(&'static str),
    /// A column Lectern does not read (named in one warning per file).
    Unread,
}

/// Figure columns by the stem of their header, and the name the library
/// uses for them (the same names the "Performance:" lines give).
const FIGURES: &[(&str, &str)] = &[
    ("impression", "impressions"),
    ("reaction", "reactions"),
    ("like", "reactions"),
    ("comment", "comments"),
    ("repost", "shares"),
    ("share", "shares"),
    ("view", "views"),
    ("click", "clicks"),
    ("follower", "followers"),
    ("save", "saves"),
    ("word", "words"),
];

fn column_of(header: &str) -> Column {
    let name: String = header
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<&str> = name.split_whitespace().collect();
    let has = |stem: &str| words.iter().any(|w| w.starts_with(stem));
    // Rates are worked out from the counts; they are not counts themselves.
    if has("rate") || has("ctr") || has("percent") {
        return Column::Unread;
    }
    if has("url") || has("link") || has("permalink") {
        return Column::Url;
    }
    if has("path") || has("file") {
        return Column::Path;
    }
    if has("title") || has("headline") || words == ["post"] || words == ["name"] {
        return Column::Title;
    }
    if has("date") || words == ["published"] || has("day") {
        return Column::Date;
    }
    if has("platform") || has("channel") || has("network") {
        return Column::Platform;
    }
    for (stem, figure) in FIGURES {
        if words.last().is_some_and(|w| w.starts_with(stem)) || words.first() == Some(stem) {
            return Column::Figure(figure);
        }
    }
    Column::Unread
}

/// A count as people write it: `1234`, `1,234`, `1 234`, `1.2k`, `3M`.
pub fn read_count(text: &str) -> Option<u64> {
    let plain: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if plain.is_empty() {
        return None;
    }
    if plain.bytes().all(|b| b.is_ascii_digit()) {
        return plain.parse().ok();
    }
    let lower = plain.to_lowercase();
    let (number, scale) = match lower.chars().last()? {
        'k' => (&lower[..lower.len() - 1], 1_000.0),
        'm' => (&lower[..lower.len() - 1], 1_000_000.0),
        _ => return None,
    };
    let value: f64 = number.parse().ok()?;
    (value.is_finite() && value >= 0.0).then(|| (value * scale).round() as u64)
}

/// A date as exports write it: ISO (`2025-10-13`, with a time or not),
/// `10/13/2025` (month first, as US exports do), `13.10.2025`,
/// `Oct 13, 2025`, `13 Oct 2025`.
pub fn read_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Some(date) = Date::parse(text).or_else(|| text.get(..10).and_then(Date::parse)) {
        return Some(date);
    }
    for format in [
        "%m/%d/%Y",
        "%d.%m.%Y",
        "%b %d, %Y",
        "%d %b %Y",
        "%B %d, %Y",
        "%d %B %Y",
    ] {
        if let Ok(d) = chrono::NaiveDate::parse_from_str(text, format) {
            return Some(Date::day(d));
        }
    }
    None
}

/// The 1-based character column where field `index` of a CSV line starts.
fn field_column(line: &str, index: usize, delimiter: char) -> usize {
    let mut field = 0;
    let mut quoted = false;
    for (column, c) in line.chars().enumerate() {
        if field == index {
            return column + 1;
        }
        match c {
            '"' => quoted = !quoted,
            c if c == delimiter && !quoted => field += 1,
            _ => {}
        }
    }
    line.chars().count() + 1
}

/// Reads every `.csv` file under `root/data`, in path order.
pub fn load(root: &Path) -> (Vec<FigureRow>, Vec<Diagnostic>) {
    let dir = root.join("data");
    if !dir.is_dir() {
        return (Vec::new(), Vec::new());
    }
    // The same walk as `content/`: sorted, hidden files and symlinks that
    // leave the project left out (the latter with a warning).
    let (files, mut problems) = super::walk_files(root, &dir);
    let files = files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")));
    let mut rows = Vec::new();
    for path in files {
        let shown = display_path(root, &path);
        match std::fs::read(&path) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                let (file_rows, file_problems) = parse(&shown, &text);
                rows.extend(file_rows);
                problems.extend(file_problems);
            }
            Err(e) => problems.push(Diagnostic::error(
                shown,
                format!("cannot read figures: {e}"),
            )),
        }
    }
    (rows, problems)
}

/// Reads one figures file (`file` is how diagnostics name it).
pub fn parse(file: &Path, text: &str) -> (Vec<FigureRow>, Vec<Diagnostic>) {
    let text = text.trim_start_matches('\u{feff}');
    let lines = LineIndex::new(text);
    let first = text.lines().next().unwrap_or_default();
    // Spreadsheets set to a European locale export with semicolons.
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        ';'
    } else {
        ','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter as u8)
        .from_reader(text.as_bytes());
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    let mut columns: Option<Vec<Column>> = None;
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e
                    .position()
                    .map_or(0, |p| lines.line_col(p.byte() as usize).0);
                problems.push(
                    Diagnostic::warning(
                        file,
                        format!("this figures file cannot be read further: {e}"),
                    )
                    .at_indexed(&lines, line, 1)
                    .with_help(
                        "save it again as CSV (comma separated, UTF-8) from the spreadsheet",
                    ),
                );
                break;
            }
        };
        // A record's position is where the reader started looking for it,
        // before the blank lines it skipped.
        let line = record.position().map_or(0, |p| {
            let start = p.byte() as usize;
            let skipped = text.get(start..).map_or(0, |rest| {
                rest.len() - rest.trim_start_matches(['\r', '\n']).len()
            });
            lines.line_col(start + skipped).0
        });
        let line_text = lines.line_text(line).unwrap_or_default();
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let Some(columns) = &columns else {
            let found: Vec<Column> = record.iter().map(column_of).collect();
            let unread: Vec<&str> = record
                .iter()
                .zip(&found)
                .filter(|(_, c)| **c == Column::Unread)
                .map(|(h, _)| h.trim())
                .collect();
            let identifies = found
                .iter()
                .any(|c| matches!(c, Column::Title | Column::Url | Column::Path));
            if !identifies {
                problems.push(
                    Diagnostic::warning(file, "this figures file has no title, url or path column, so its rows match nothing")
                        .at_indexed(&lines, line, 1)
                        .with_help("the first row names the columns: add one called title, url or path"),
                );
            } else if !unread.is_empty() {
                problems.push(
                    Diagnostic::warning(
                        file,
                        format!("columns not read: {}", unread.join(", ")),
                    )
                    .at_indexed(&lines, line, 1)
                    .with_help("Lectern reads title, url, path, date, platform and counts (impressions, reactions, comments, reposts, views, clicks…); rates are worked out from counts"),
                );
            }
            columns = Some(found);
            continue;
        };
        let mut row = FigureRow {
            file: file.to_path_buf(),
            line,
            source_line: line_text.trim_end_matches('\r').to_string(),
            title: None,
            url: None,
            path: None,
            date: None,
            platform: None,
            figures: BTreeMap::new(),
        };
        for (index, (value, column)) in record.iter().zip(columns).enumerate() {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let at = |d: Diagnostic| {
                d.at_indexed(&lines, line, field_column(line_text, index, delimiter))
            };
            match column {
                Column::Title => row.title = Some(value.to_string()),
                Column::Url => row.url = Some(value.to_string()),
                Column::Path => row.path = Some(value.to_string()),
                Column::Platform => row.platform = Some(value.to_string()),
                Column::Date => match read_date(value) {
                    Some(date) => row.date = Some(date),
                    None => problems.push(at(Diagnostic::warning(
                        file,
                        format!("cannot read the date \"{value}\""),
                    )
                    .with_help("write dates as 2025-10-13 (or 10/13/2025, 13 Oct 2025)"))),
                },
                Column::Figure(name) => match read_count(value) {
                    Some(n) => {
                        row.figures.insert((*name).to_string(), n);
                    }
                    None => problems.push(at(Diagnostic::warning(
                        file,
                        format!("cannot read \"{value}\" as a number of {name}"),
                    )
                    .with_help("write a whole count such as 1240, 1,240 or 1.2k; leave the cell empty when it is not known"))),
                },
                Column::Unread => {}
            }
        }
        rows.push(row);
    }
    (rows, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_without_regard_to_case_or_order() {
        assert_eq!(column_of("Post URL"), Column::Url);
        assert_eq!(column_of("TITLE"), Column::Title);
        assert_eq!(column_of("Post publish date"), Column::Date);
        assert_eq!(column_of("Impressions"), Column::Figure("impressions"));
        assert_eq!(column_of("likes"), Column::Figure("reactions"));
        assert_eq!(column_of("Reposts"), Column::Figure("shares"));
        assert_eq!(column_of("Engagement rate"), Column::Unread);
        assert_eq!(column_of("notes"), Column::Unread);
    }

    #[test]
    fn counts_and_dates_as_people_write_them() {
        assert_eq!(read_count("1,240"), Some(1240));
        assert_eq!(read_count("1.2k"), Some(1200));
        assert_eq!(read_count(" 42 "), Some(42));
        assert_eq!(read_count("lots"), None);
        assert_eq!(read_count("3.5%"), None);
        assert_eq!(
            read_date("10/13/2025").map(|d| d.ymd()).as_deref(),
            Some("2025-10-13")
        );
        assert_eq!(
            read_date("Oct 13, 2025").map(|d| d.ymd()).as_deref(),
            Some("2025-10-13")
        );
        assert_eq!(
            read_date("2025-10-13 08:00").map(|d| d.ymd()).as_deref(),
            Some("2025-10-13")
        );
    }

    #[test]
    fn rows_with_their_lines_and_located_warnings() {
        let text = "Impressions,Title,Date,Reactions,notes\n1200,\"Hello, world\",2025-10-13,7,x\n\n12x,Second,someday,3,\n";
        let (rows, problems) = parse(Path::new("data/f.csv"), text);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].title.as_deref(), Some("Hello, world"));
        assert_eq!(rows[0].figures["impressions"], 1200);
        assert_eq!(rows[1].line, 4);
        let shown: Vec<String> = problems
            .iter()
            .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
            .collect();
        assert_eq!(
            shown,
            [
                "1:1: columns not read: notes",
                "4:1: cannot read \"12x\" as a number of impressions",
                "4:12: cannot read the date \"someday\"",
            ]
        );
    }

    #[test]
    fn semicolon_exports() {
        let (rows, problems) = parse(Path::new("f.csv"), "title;impressions\nA;1 200\n");
        assert!(problems.is_empty());
        assert_eq!(rows[0].figures["impressions"], 1200);
    }
}
