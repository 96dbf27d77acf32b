//! Splitting a file into its YAML front matter and its body, and parsing the
//! YAML with errors placed at the line of the file (not of the YAML block).

use serde_yaml::Mapping;

use crate::config::strip_yaml_position;
use crate::diagnostics::line_col;

/// A file split at its front matter fences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences, or `None` when the file has no front matter.
    pub yaml: Option<&'a str>,
    /// 1-based line of the file where the YAML starts.
    pub yaml_line: usize,
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

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits `text` (already free of a BOM and of `\r`) into front matter and body.
///
/// Front matter is present when the first line is `---`; it ends at the next
/// line that is `---` or `...`. A file whose opening fence is never closed
/// is an error rather than silently becoming body text.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if !is_fence(&text[..first_line_end]) {
        return Ok(Split {
            yaml: None,
            yaml_line: 0,
            body: text,
            body_line: 1,
        });
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut offset = yaml_start;
    let mut line_no = 2;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = &text[offset..end];
        if is_fence(line) || line.trim_end() == "..." {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                yaml: Some(&text[yaml_start..offset]),
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line_no + 1,
            });
        }
        offset = end + 1;
        line_no += 1;
    }
    Err(FrontMatterError {
        message: "front matter is opened with `---` but never closed".into(),
        line: 1,
        column: 1,
        help: "add a line with only `---` after the last front matter field",
    })
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
    let unquoted = line.trim_start_matches(['"', '\'']);
    unquoted.starts_with(key)
        && unquoted[key.len()..]
            .trim_start_matches(['"', '\''])
            .trim_start()
            .starts_with(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_front_matter() {
        let s = split("# Title\nbody\n").unwrap();
        assert_eq!(s.yaml, None);
        assert_eq!(s.body_line, 1);
    }

    #[test]
    fn front_matter_and_body_lines() {
        let s = split("---\ntitle: x\ntags: [a]\n---\n# Hi\n").unwrap();
        assert_eq!(s.yaml, Some("title: x\ntags: [a]\n"));
        assert_eq!(s.body, "# Hi\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn closing_with_dots_and_trailing_spaces() {
        let s = split("---  \na: 1\n...\nbody").unwrap();
        assert_eq!(s.yaml, Some("a: 1\n"));
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
        assert!(parse_yaml(s.yaml.unwrap(), s.yaml_line).unwrap().is_empty());
    }

    #[test]
    fn yaml_error_points_at_file_line() {
        let text = "---\ntitle: ok\ntags: [a, b\nstatus: raw\n---\n";
        let s = split(text).unwrap();
        let e = parse_yaml(s.yaml.unwrap(), s.yaml_line).unwrap_err();
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
}
