//! Other site generators' ways of writing addresses and media, read so a
//! brought library loses nothing: Hugo's `{{< ref >}}` and `{{< figure >}}`,
//! `{{ site.url }}` prefixes from Jekyll and Hugo, Pelican's `{filename}`.
//! Addresses are rewritten when a file is loaded, on their own line, so
//! every later stage sees an ordinary link; shortcodes that show something
//! (a figure, a video) are parsed here and drawn by the renderer.

use std::borrow::Cow;

/// Template prefixes that stand for the site's root.
const ROOT_PREFIXES: [&str; 8] = [
    "{{ site.url }}{{ site.baseurl }}",
    "{{site.url}}{{site.baseurl}}",
    "{{ site.baseurl }}",
    "{{site.baseurl}}",
    "{{ site.url }}",
    "{{site.url}}",
    "{{ .Site.BaseURL }}",
    "{{ base_url }}",
];

/// Pelican's placeholders for paths in the content folder.
const PELICAN: [&str; 3] = ["{filename}", "{static}", "{attach}"];

/// `body` with other tools' address syntax made plain: `{{< ref "x.md" >}}`
/// and `relref` become `@/x.md` (a path in the content folder), root
/// placeholders become `/`, Pelican's placeholders disappear.
pub fn plain_addresses(body: &str) -> Cow<'_, str> {
    if !body.contains("{{")
        && !body.contains("{filename}")
        && !body.contains("{static}")
        && !body.contains("{attach}")
    {
        return Cow::Borrowed(body);
    }
    let mut text = body.to_string();
    for prefix in ROOT_PREFIXES {
        text = text.replace(&format!("{prefix}/"), "/");
    }
    for placeholder in PELICAN {
        text = text.replace(placeholder, "");
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find("{{") {
        let Some(code) = Shortcode::at(&rest[at..]) else {
            out.push_str(&rest[..at + 2]);
            rest = &rest[at + 2..];
            continue;
        };
        out.push_str(&rest[..at]);
        match (code.name.as_str(), code.arg(None, 0)) {
            ("ref" | "relref", Some(path)) => {
                let (path, anchor) = path.split_once('#').unwrap_or((path, ""));
                out.push_str("@/");
                out.push_str(path.trim_start_matches('/'));
                if !anchor.is_empty() {
                    out.push('#');
                    out.push_str(anchor);
                }
            }
            _ => out.push_str(&rest[at..at + code.length]),
        }
        rest = &rest[at + code.length..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A Hugo shortcode: `{{< name arg key="value" >}}` or `{{% … %}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortcode {
    /// Its name (`figure`), or `/name` for a closing one.
    pub name: String,
    /// Its arguments: named (`Some(key)`) or by position (`None`).
    pub args: Vec<(Option<String>, String)>,
    /// Its length in bytes, delimiters included.
    pub length: usize,
}

/// Shortcodes Lectern draws; every other one is left out with a warning.
pub const DRAWN: [&str; 11] = [
    "figure",
    "youtube",
    "vimeo",
    "gist",
    "ref",
    "relref",
    "admonition",
    "notice",
    "alert",
    "hint",
    "callout",
];

/// Themes' box shortcodes, drawn as callouts: `{{< admonition type title >}}`.
pub const BOXES: [&str; 5] = ["admonition", "notice", "alert", "hint", "callout"];

impl Shortcode {
    /// The shortcode `text` starts with, if it starts with one.
    pub fn at(text: &str) -> Option<Shortcode> {
        let (close, inner_start) = if text.starts_with("{{<") {
            (">}}", 3)
        } else if text.starts_with("{{%") {
            ("%}}", 3)
        } else {
            return None;
        };
        let end = text[inner_start..].find(close)? + inner_start;
        let inner = text[inner_start..end].trim();
        let inner = inner.trim_start_matches("/*").trim_end_matches("*/").trim();
        let mut words = split_args(inner).into_iter();
        let mut name = words.next()?.1;
        // `{{< / alert >}}` closes `alert`.
        if name == "/" {
            name = format!("/{}", words.next()?.1);
        }
        let args = words.collect();
        Some(Shortcode {
            name,
            args,
            length: end + close.len(),
        })
    }

    /// The argument named `key`, else the one at `position`.
    pub fn arg(&self, key: Option<&str>, position: usize) -> Option<&str> {
        if let Some(key) = key {
            if let Some((_, v)) = self.args.iter().find(|(k, _)| k.as_deref() == Some(key)) {
                return Some(v);
            }
        }
        self.args
            .iter()
            .filter(|(k, _)| k.is_none())
            .nth(position)
            .map(|(_, v)| v.as_str())
    }
}

/// Splits shortcode arguments: bare words, `"quoted strings"`, `key=value`.
fn split_args(inner: &str) -> Vec<(Option<String>, String)> {
    let mut args = Vec::new();
    let mut chars = inner.char_indices().peekable();
    while let Some(&(_, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut key = None;
        let mut value = String::new();
        let mut in_quote: Option<char> = None;
        while let Some(&(_, c)) = chars.peek() {
            match in_quote {
                Some(q) if c == q => in_quote = None,
                Some(_) => value.push(c),
                None if c == '"' || c == '`' || c == '\'' => in_quote = Some(c),
                None if c.is_whitespace() => break,
                None if c == '=' && key.is_none() => key = Some(std::mem::take(&mut value)),
                None => value.push(c),
            }
            chars.next();
        }
        args.push((key, value));
    }
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_and_root_prefixes_become_plain_addresses() {
        assert_eq!(
            plain_addresses("[a]({{< ref \"posts/x.md#top\" >}}) [b]({{< relref \"y.md\" >}})"),
            "[a](@/posts/x.md#top) [b](@/y.md)"
        );
        assert_eq!(
            plain_addresses("![w]({{ site.url }}/assets/w.png) ![p]({filename}images/p.svg)"),
            "![w](/assets/w.png) ![p](images/p.svg)"
        );
        assert_eq!(
            plain_addresses("{{< youtube abc >}}"),
            "{{< youtube abc >}}"
        );
        assert!(matches!(plain_addresses("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn shortcodes_and_their_arguments() {
        let code = Shortcode::at(r#"{{< figure src="a b.png" caption='A "b"' >}} rest"#).unwrap();
        assert_eq!(code.name, "figure");
        assert_eq!(code.arg(Some("src"), 9), Some("a b.png"));
        assert_eq!(code.arg(Some("caption"), 9), Some("A \"b\""));
        assert_eq!(code.length, 44);
        let code = Shortcode::at("{{% youtube id=\"xyz\" %}}").unwrap();
        assert_eq!(code.arg(Some("id"), 0), Some("xyz"));
        assert_eq!(
            Shortcode::at("{{< gist u 12 >}}").unwrap().arg(None, 1),
            Some("12")
        );
        assert_eq!(Shortcode::at("{{ x }}"), None);
        assert_eq!(Shortcode::at("{{< / alert >}}").unwrap().name, "/alert");
    }
}
