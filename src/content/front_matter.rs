//! Splitting a file into its front matter and its body, and parsing the
//! front matter (YAML between `---` lines, or TOML between `+++` lines as
//! Hugo and Zola write it) with errors placed at the line of the file (not
//! of the block).

use serde_yaml::Mapping;

use crate::config::strip_yaml_position;
use crate::diagnostics::line_col;

/// The language of a front matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BlockFormat {
    /// Between `---` lines.
    #[default]
    Yaml,
    /// Between `+++` lines.
    Toml,
}

/// A file split at its front matter fences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The text between the fences, or `None` when the file has no front matter.
    pub block: Option<&'a str>,
    /// Its language.
    pub format: BlockFormat,
    /// 1-based line of the file where the block starts.
    pub block_line: usize,
    /// Everything after the closing fence.
    pub body: &'a str,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

/// A front matter problem, with a 1-based position in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    /// What is wrong.
    pub message: String,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// How to fix it.
    pub help: &'static str,
}

fn opening_fence(line: &str) -> Option<BlockFormat> {
    match line.trim_end() {
        "---" => Some(BlockFormat::Yaml),
        "+++" => Some(BlockFormat::Toml),
        _ => None,
    }
}

fn closes(format: BlockFormat, line: &str) -> bool {
    let line = line.trim_end();
    match format {
        BlockFormat::Yaml => line == "---" || line == "...",
        BlockFormat::Toml => line == "+++",
    }
}

/// Splits `text` (already free of a BOM and of `\r`) into front matter and body.
///
/// Front matter is present when the first line is `---` (YAML, ending at the
/// next line that is `---` or `...`) or `+++` (TOML, ending at the next
/// `+++`). A file whose opening fence is never closed is an error rather
/// than silently becoming body text.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    // Zola reads `+++` after blank lines too; `---` must open the file
    // (further down it is a thematic break).
    let blank_lines = text
        .split_inclusive('\n')
        .take_while(|l| l.trim().is_empty())
        .collect::<Vec<_>>();
    let skipped: usize = blank_lines.iter().map(|l| l.len()).sum();
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let (start, opening) = match opening_fence(&text[..first_line_end]) {
        Some(format) => (0, Some(format)),
        None if skipped > 0 && skipped < text.len() => {
            let end = text[skipped..]
                .find('\n')
                .map_or(text.len(), |e| skipped + e);
            match opening_fence(&text[skipped..end]) {
                Some(BlockFormat::Toml) => (skipped, Some(BlockFormat::Toml)),
                _ => (0, None),
            }
        }
        None => (0, None),
    };
    let Some(format) = opening else {
        return Ok(Split {
            block: None,
            format: BlockFormat::Yaml,
            block_line: 0,
            body: text,
            body_line: 1,
        });
    };
    let first_line_end = text[start..].find('\n').map_or(text.len(), |e| start + e);
    let opening_line = if start == 0 { 1 } else { blank_lines.len() + 1 };
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut offset = yaml_start;
    let mut line_no = opening_line + 1;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = &text[offset..end];
        if closes(format, line) {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                block: Some(&text[yaml_start..offset]),
                format,
                block_line: opening_line + 1,
                body: &text[body_start..],
                body_line: line_no + 1,
            });
        }
        offset = end + 1;
        line_no += 1;
    }
    Err(match format {
        BlockFormat::Yaml => FrontMatterError {
            message: "front matter is opened with `---` but never closed".into(),
            line: opening_line,
            column: 1,
            help: "add a line with only `---` after the last front matter field",
        },
        BlockFormat::Toml => FrontMatterError {
            message: "TOML front matter is opened with `+++` but never closed".into(),
            line: opening_line,
            column: 1,
            help: "add a line with only `+++` after the last front matter field",
        },
    })
}

/// Parses a front matter block of either format into a mapping.
pub fn parse(block: &str, format: BlockFormat, line: usize) -> Result<Mapping, FrontMatterError> {
    match format {
        BlockFormat::Yaml => parse_yaml(block, line),
        BlockFormat::Toml => parse_toml(block, line),
    }
}

/// Parses TOML front matter into the same mapping YAML gives: dates and
/// times become their text (`2024-03-01`), as YAML's unquoted dates do.
pub fn parse_toml(toml_text: &str, toml_line: usize) -> Result<Mapping, FrontMatterError> {
    match toml_text.parse::<toml::Table>() {
        Ok(table) => Ok(table
            .into_iter()
            .map(|(k, v)| (serde_yaml::Value::String(k), toml_to_yaml(v)))
            .collect()),
        Err(e) => {
            let (line, column) = e
                .span()
                .map(|span| line_col(toml_text, span.start))
                .unwrap_or((1, 1));
            let message = e.message().trim().trim_end_matches('.').to_string();
            Err(FrontMatterError {
                message: format!("invalid TOML front matter: {message}"),
                line: toml_line + line - 1,
                column,
                help: "write each field as `name = value`, with text in quotes, e.g. `title = \"My post\"`",
            })
        }
    }
}

fn toml_to_yaml(value: toml::Value) -> serde_yaml::Value {
    use serde_yaml::Value as Y;
    match value {
        toml::Value::String(s) => Y::String(s),
        toml::Value::Integer(i) => Y::Number(i.into()),
        toml::Value::Float(f) => Y::Number(f.into()),
        toml::Value::Boolean(b) => Y::Bool(b),
        toml::Value::Datetime(d) => Y::String(d.to_string()),
        toml::Value::Array(items) => Y::Sequence(items.into_iter().map(toml_to_yaml).collect()),
        toml::Value::Table(table) => Y::Mapping(
            table
                .into_iter()
                .map(|(k, v)| (Y::String(k), toml_to_yaml(v)))
                .collect(),
        ),
    }
}

/// Parses the YAML of a front matter block into a mapping. An empty block is
/// an empty mapping. `yaml_line` is the file line the YAML starts on.
pub fn parse_yaml(yaml: &str, yaml_line: usize) -> Result<Mapping, FrontMatterError> {
    if yaml.trim().is_empty() {
        return Ok(Mapping::new());
    }
    match serde_yaml::from_str::<serde_yaml::Value>(yaml) {
        Ok(serde_yaml::Value::Mapping(map)) => Ok(map),
        Ok(serde_yaml::Value::Null) => Ok(Mapping::new()),
        Ok(_) => Err(FrontMatterError {
            message: "front matter must be a list of `field: value` lines".into(),
            line: yaml_line,
            column: 1,
            help: "write each field as `name: value`, e.g. `title: My moment`",
        }),
        Err(e) => {
            let (line, column) = e
                .location()
                .map(|l| line_col(yaml, l.index()))
                .unwrap_or((1, 1));
            let message = strip_yaml_position(&e);
            let (line, column) = duplicate_key_line(yaml, &message).unwrap_or((line, column));
            let help = if message.contains("duplicate") {
                "each field may appear once; remove or merge the repeated one"
            } else if message.contains("recursion") || message.contains("repetition") {
                "the front matter nests or repeats aliases too deeply; write the values out"
            } else {
                "check the indentation and quoting; values with `: ` or starting with `[`, `{`, `*` or `&` need quotes"
            };
            Err(FrontMatterError {
                message: format!("invalid front matter: {message}"),
                line: yaml_line + line - 1,
                column,
                help,
            })
        }
    }
}

/// serde_yaml places a duplicate key at the start of its mapping; find the
/// second top-level occurrence of the key instead, which is what to fix.
fn duplicate_key_line(yaml: &str, message: &str) -> Option<(usize, usize)> {
    let key = message
        .split("duplicate entry with key ")
        .nth(1)?
        .trim()
        .trim_matches('"');
    yaml.lines()
        .enumerate()
        .filter(|(_, line)| is_key_line(line, key))
        .nth(1)
        .map(|(i, _)| (i + 1, 1))
}

/// Whether `line` of a YAML mapping starts the field `key` (`key:` or
/// `"key":` at the start of the line).
pub fn is_key_line(line: &str, key: &str) -> bool {
    starts_field(line, key, ':')
}

/// Whether `line` of TOML front matter sets the field `key` (`key =`).
pub fn is_toml_key_line(line: &str, key: &str) -> bool {
    starts_field(line, key, '=')
}

fn starts_field(line: &str, key: &str, separator: char) -> bool {
    let unquoted = line.trim_start_matches(['"', '\'']);
    unquoted.starts_with(key)
        && unquoted[key.len()..]
            .trim_start_matches(['"', '\''])
            .trim_start()
            .starts_with(separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_front_matter() {
        let s = split("# Title\nbody\n").unwrap();
        assert_eq!(s.block, None);
        assert_eq!(s.body_line, 1);
    }

    #[test]
    fn front_matter_and_body_lines() {
        let s = split("---\ntitle: x\ntags: [a]\n---\n# Hi\n").unwrap();
        assert_eq!(s.block, Some("title: x\ntags: [a]\n"));
        assert_eq!(s.body, "# Hi\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn toml_after_blank_lines_as_zola_reads_it() {
        let s = split("\n+++\ntitle = \"x\"\n+++   \nbody").unwrap();
        assert_eq!(s.block, Some("title = \"x\"\n"));
        assert_eq!((s.block_line, s.body_line), (3, 5));
        assert_eq!(s.body, "body");
        // `---` further down is a thematic break, not front matter.
        assert_eq!(split("\n---\na\n---\n").unwrap().block, None);
    }

    #[test]
    fn closing_with_dots_and_trailing_spaces() {
        let s = split("---  \na: 1\n...\nbody").unwrap();
        assert_eq!(s.block, Some("a: 1\n"));
        assert_eq!(s.body, "body");
    }

    #[test]
    fn never_closed_is_an_error() {
        assert_eq!(split("---\ntitle: x\n").unwrap_err().line, 1);
        assert!(split("---").is_err());
        assert!(split("---\n").is_err());
    }

    #[test]
    fn empty_front_matter_is_empty_mapping() {
        let s = split("---\n---\nbody").unwrap();
        assert!(parse_yaml(s.block.unwrap(), s.block_line)
            .unwrap()
            .is_empty());
    }

    #[test]
    fn yaml_error_points_at_file_line() {
        let text = "---\ntitle: ok\ntags: [a, b\nstatus: raw\n---\n";
        let s = split(text).unwrap();
        let e = parse_yaml(s.block.unwrap(), s.block_line).unwrap_err();
        assert!(e.line >= 3, "line {}", e.line);
        assert!(e.message.starts_with("invalid front matter"));
    }

    #[test]
    fn duplicate_keys_are_rejected() {
        let e = parse_yaml("title: a\ntitle: b\n", 2).unwrap_err();
        assert!(e.message.contains("duplicate"), "{}", e.message);
        assert_eq!(e.line, 3);
    }

    #[test]
    fn non_mapping_is_rejected() {
        assert!(parse_yaml("- a\n- b\n", 2).is_err());
    }

    #[test]
    fn toml_front_matter_between_plus_lines() {
        let text = "+++\ntitle = \"Hi\"\ndate = 2024-03-01\ntags = [\"a\", \"b\"]\n[taxonomies]\ncategories = [\"c\"]\n+++\nbody\n";
        let s = split(text).unwrap();
        assert_eq!(s.format, BlockFormat::Toml);
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 8);
        let map = parse(s.block.unwrap(), s.format, s.block_line).unwrap();
        let get = |k: &str| map.get(serde_yaml::Value::String(k.into())).cloned();
        assert_eq!(get("title"), Some("Hi".into()));
        assert_eq!(get("date"), Some("2024-03-01".into()));
        assert_eq!(get("tags").unwrap().as_sequence().unwrap().len(), 2);
        assert!(get("taxonomies").unwrap().is_mapping());
        // `---` inside TOML front matter does not close it.
        assert!(split("+++\ntitle = \"x\"\n---\n").is_err());
    }

    #[test]
    fn toml_errors_point_at_the_file_line() {
        let e = parse_toml("title = \"ok\"\ntags = [\"a\"\ndraft = true\n", 2).unwrap_err();
        assert!(e.line >= 3, "{e:?}");
        assert!(
            e.message.starts_with("invalid TOML front matter"),
            "{}",
            e.message
        );
        assert!(is_toml_key_line("title = \"x\"", "title"));
        assert!(!is_key_line("title = \"x\"", "title"));
        assert!(is_key_line("title: x", "title"));
        assert!(!is_toml_key_line("titles = 1", "title"));
    }
}
