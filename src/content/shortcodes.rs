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
/// placeholders become `/`, Pelican's placeholders disappear; and code
/// blocks written as Liquid's `{% highlight x %}` or Hugo's
/// `{{< highlight x >}}` become fenced code. Lines are kept one for one.
pub fn plain_addresses(body: &str) -> Cow<'_, str> {
    if !body.contains("{{")
        && !body.contains("{%")
        && !body.contains("{filename}")
        && !body.contains("{static}")
        && !body.contains("{attach}")
    {
        return Cow::Borrowed(body);
    }
    let text = one_line_shortcodes(&fenced_highlights(body));
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        // Code blocks are examples: written as they are.
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => {
                fence = Some(m);
                out.push_str(line);
            }
            (Some(open), Some(m)) if open == m => {
                fence = None;
                out.push_str(line);
            }
            (Some(_), _) => out.push_str(line),
            (None, None) => out.push_str(&plain_line(line)),
        }
    }
    Cow::Owned(out)
}

/// Shortcodes written over several lines, each put on its first line
/// with the line breaks it held moved after it, so later stages see it in
/// one run of text and every other line keeps its number.
fn one_line_shortcodes(text: &str) -> String {
    if !text.contains("{{<") && !text.contains("{{%") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("{{") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let close = if after.starts_with("{{<") {
            Some(">}}")
        } else if after.starts_with("{{%") {
            Some("%}}")
        } else {
            None
        };
        match close.and_then(|c| after.find(c).map(|e| e + c.len())) {
            Some(end) if after[..end].contains('\n') && end < 2000 => {
                let code = &after[..end];
                let breaks = code.matches('\n').count();
                out.push_str(&code.replace("\r\n", " ").replace('\n', " "));
                // The breaks go where the line the shortcode ends on ends.
                let line_end = after[end..].find('\n').map_or(after.len(), |e| end + e);
                out.push_str(&after[end..line_end]);
                for _ in 0..breaks {
                    out.push('\n');
                }
                rest = &after[line_end..];
            }
            _ => {
                out.push_str(&after[..2]);
                rest = &after[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// One line outside code with its addresses made plain.
fn plain_line(line: &str) -> String {
    // `{{< rawhtml >}}` only marks raw HTML, which is published
    // sanitised: its lines become blank.
    let trimmed = line.trim();
    if let Some(code) = Shortcode::at(trimmed).filter(|c| c.length == trimmed.len()) {
        if code.name.trim_start_matches('/') == "rawhtml" {
            return line[trimmed.len().min(line.len())..]
                .trim_start_matches(|c: char| c != '\n')
                .to_string();
        }
    }
    if let Some(code) = Shortcode::at(trimmed).filter(|c| c.length == trimmed.len()) {
        if code.name == "figure" {
            if let Some(html) = figure_html(&code) {
                let ending = &line[line.trim_end().len()..];
                return format!("{html}{ending}");
            }
        }
    }
    // `{{<audio …>}}` must not read as an `<audio>` tag.
    let mut text = line.replace("{{<", "{{< ").replace("{{<  ", "{{< ");
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
    out
}

/// `{% highlight ruby linenos %}` … `{% endhighlight %}` (and Hugo's
/// `{{< highlight go >}}` … `{{< /highlight >}}`), each on its own line,
/// as a fenced code block.
fn fenced_highlights(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut open = false;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim();
        let ending = &line[line.trim_end().len()..];
        let tag = |open: &str, close: &str| {
            trimmed
                .strip_prefix(open)
                .and_then(|t| t.strip_suffix(close))
                .map(str::trim)
        };
        let inner = tag("{%", "%}").or_else(|| tag("{{<", ">}}"));
        match inner {
            Some(inner) if !open && inner.starts_with("highlight ") => {
                let language = inner["highlight ".len()..]
                    .split_whitespace()
                    .next()
                    .unwrap_or("");
                out.push_str(&format!("```{language}{ending}"));
                open = true;
            }
            Some("endhighlight" | "/highlight") if open => {
                out.push_str(&format!("```{ending}"));
                open = false;
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// Where template tags start and end, in the order they are looked for.
const TEMPLATE_TAGS: [(&str, &str); 2] = [("{{", "}}"), ("{%", "%}")];

/// `text` without template tags.
pub fn without_template_tags(text: &str) -> Cow<'_, str> {
    if !text.contains("{{") && !text.contains("{%") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let next = TEMPLATE_TAGS
            .iter()
            .filter_map(|(open, close)| rest.find(open).map(|at| (at, *close)))
            .min_by_key(|(at, _)| *at);
        let Some((at, close)) = next else { break };
        let Some(length) = rest[at + 2..].find(close) else {
            break;
        };
        out.push_str(&rest[..at]);
        rest = &rest[at + 2 + length + close.len()..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A `figure` shortcode on a line of its own as the HTML Hugo makes of
/// it; its caption may hold markdown (a source link).
fn figure_html(code: &Shortcode) -> Option<String> {
    let attribute = |v: &str| {
        v.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
    };
    let src = code.arg(Some("src"), 0)?;
    let caption = code
        .arg(Some("caption"), 99)
        .or_else(|| code.arg(Some("title"), 99))
        .unwrap_or_default();
    let alt = code.arg(Some("alt"), 99).unwrap_or(caption);
    let alt = super::scan::inline_text(alt);
    let mut html = format!(
        "<figure><img src=\"{}\" alt=\"{}\">",
        attribute(src),
        attribute(&alt)
    );
    if !caption.is_empty() {
        let mut inner = String::new();
        let parser = pulldown_cmark::Parser::new(caption);
        pulldown_cmark::html::push_html(&mut inner, parser);
        let inner = inner
            .trim()
            .trim_start_matches("<p>")
            .trim_end_matches("</p>");
        html.push_str(&format!("<figcaption>{inner}</figcaption>"));
    }
    html.push_str("</figure>");
    Some(html)
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
        assert_eq!(
            plain_addresses("{{< figure src=\"a.png\" caption=\"See [x](https://x.org)\" >}}\n"),
            "<figure><img src=\"a.png\" alt=\"See x\"><figcaption>See <a href=\"https://x.org\">x</a></figcaption></figure>\n"
        );
        assert_eq!(
            plain_addresses("{{<audio src=\"a\">}}"),
            "{{< audio src=\"a\">}}"
        );
        assert_eq!(
            plain_addresses("{{< rawhtml >}}\n<b>x</b>\n{{< /rawhtml >}}\n"),
            "\n<b>x</b>\n\n"
        );
        assert_eq!(
            plain_addresses("{{< figure src=\"a.png\"\n  caption=\"b\" >}} x\nnext\n"),
            "{{< figure src=\"a.png\"   caption=\"b\" >}} x\n\nnext\n"
        );
        let example = "```\n[a]({{< ref \"x.md\" >}})\n```\n";
        assert_eq!(plain_addresses(example), example);
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
