//! Slidev's syntax: a front matter block per slide (`---\nlayout: center\n---`),
//! layouts named after what they do, `::right::` slots of two-column
//! slides, and its components (`<v-click>`), which a static deck cannot run.

/// Keys of a Slidev slide's front matter block.
pub const KEYS: &[&str] = &[
    "layout",
    "class",
    "layoutClass",
    "background",
    "image",
    "backgroundSize",
    "transition",
    "clicks",
    "hideInToc",
    "level",
    "title",
    "routeAlias",
    "preload",
    "zoom",
    "dragPos",
    "disabled",
    "hide",
    "src",
];

/// The settings a chunk between separators gives when it is a Slidev slide
/// front matter block: a YAML mapping with at least one key Slidev knows
/// (its other keys are kept, for the reader to report).
pub fn settings(chunk: &str) -> Option<Vec<(String, serde_yaml::Value)>> {
    // Cheap before YAML: most chunks are slides, with no such key.
    let has_key = chunk.lines().any(|line| {
        KEYS.iter()
            .any(|key| crate::content::front_matter::is_key_line(line, key))
    });
    if !has_key || !is_block_shaped(chunk) {
        return None;
    }
    let serde_yaml::Value::Mapping(map) = serde_yaml::from_str(chunk.trim()).ok()? else {
        return None;
    };
    map.into_iter()
        .map(|(key, value)| Some((key.as_str()?.to_string(), value)))
        .collect()
}

/// Whether every line of `chunk` is a `key: value` at the margin, or
/// indented under a key that has no value of its own (a nested map or
/// list). Anything else (a heading, which YAML would read as a comment;
/// text that YAML would fold into the value above it) makes the chunk a
/// slide, so nothing written is lost.
fn is_block_shaped(chunk: &str) -> bool {
    let mut nested = false;
    for line in chunk.lines().filter(|l| !l.trim().is_empty()) {
        if line.starts_with([' ', '\t']) {
            if !nested {
                return false;
            }
            continue;
        }
        // YAML ends a key at `: ` or at a `:` closing the line.
        let Some((key, value)) = line
            .split_once(": ")
            .or_else(|| line.strip_suffix(':').map(|key| (key, "")))
        else {
            return false;
        };
        if key.is_empty() || key.contains(char::is_whitespace) || key.starts_with('#') {
            return false;
        }
        nested = value.trim().is_empty();
    }
    true
}

/// What a layout name becomes: the classes our theme draws it with, or
/// `None` for a layout the theme has no counterpart for.
pub fn layout_classes(layout: &str) -> Option<&'static [&'static str]> {
    Some(match layout {
        "default" | "none" => &[],
        "cover" | "intro" => &["title-slide"],
        "center" | "end" | "statement" | "fact" | "quote" => &["layout-center"],
        "section" => &["layout-section"],
        "two-cols" | "two-cols-header" => &["layout-two-cols"],
        "image-right" => &["image-right"],
        "image-left" => &["image-left"],
        "image" => &[],
        _ => return None,
    })
}

/// A two-column slide's content split at its `::right::` slot (and a
/// leading `::left::` or `::default::` marker dropped).
pub fn slots(content: &str) -> (String, Option<String>) {
    let mut left = String::new();
    let mut right: Option<String> = None;
    for line in content.lines() {
        match line.trim() {
            "::left::" | "::default::" => continue,
            "::right::" => {
                right = Some(String::new());
                continue;
            }
            _ => {}
        }
        let target = right.as_mut().unwrap_or(&mut left);
        target.push_str(line);
        target.push('\n');
    }
    (
        left.trim_matches('\n').to_string(),
        right.map(|r| r.trim_matches('\n').to_string()),
    )
}

/// Takes component tags (`<v-click>`, `</v-clicks>`, `<Toc />`) out of
/// `content`, keeping what they wrap; returns the tag names with their
/// 0-based lines.
pub fn take_components(content: &str) -> (String, Vec<(String, usize)>) {
    super::split::take_spans(content, component_tag)
}

/// The first component tag of a line: `v-` elements and capitalised ones.
fn component_tag(line: &str) -> Option<(usize, usize, String)> {
    let mut from = 0;
    while let Some(at) = line[from..].find('<') {
        let start = from + at;
        // Inside a code span it is text.
        if line[..start].matches('`').count() % 2 == 1 {
            from = start + 1;
            continue;
        }
        let rest = &line[start + 1..];
        let name_at = usize::from(rest.starts_with('/'));
        let name: String = rest[name_at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let is_component =
            name.starts_with("v-") || name.starts_with(|c: char| c.is_ascii_uppercase());
        if is_component {
            let end = rest.find('>').map(|i| start + 1 + i + 1)?;
            return Some((start, end, name));
        }
        from = start + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_blocks_are_told_from_slides() {
        let s = settings("layout: center\nclass: text-center").unwrap();
        assert_eq!(s[0].0, "layout");
        assert!(settings("# Title\n\ntext").is_none());
        assert!(settings("Duration: 5 minutes").is_none());
        assert!(settings("- a list").is_none());
        assert!(settings("title: x\n## Heading").is_none());
        assert!(settings("title: x\n  folded text").is_none());
        let mixed = settings("foo: bar\ndragPos:\n  square: 1,2\nlayout: center").unwrap();
        let keys: Vec<_> = mixed.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["foo", "dragPos", "layout"]);
    }

    #[test]
    fn two_columns_split_at_the_right_slot() {
        let (left, right) = slots("# Compare\n\n::left::\nA\n\n::right::\nB");
        assert_eq!(left, "# Compare\n\nA");
        assert_eq!(right.as_deref(), Some("B"));
    }

    #[test]
    fn components_leave_what_they_wrap() {
        let (kept, found) = take_components(
            "<v-clicks>\n\n- a\n- b\n\n</v-clicks>\n\n<Toc />\n\n`<v-click>` in code",
        );
        assert_eq!(kept, "\n- a\n- b\n\n\n\n`<v-click>` in code");
        let names: Vec<_> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(names, ["v-clicks", "v-clicks", "Toc"]);
    }
}
