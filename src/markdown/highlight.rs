//! Build-time syntax highlighting with syntect, emitting CSS classes so the
//! light and dark stylesheets can colour the same markup.

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use super::escape_html;

/// Highlighting takes time that grows faster than the length of a line, so
/// code with a line longer than this is shown plain.
pub const MAX_LINE_BYTES: usize = 10 * 1024;
/// Nor is a block longer than this highlighted.
pub const MAX_BLOCK_BYTES: usize = 512 * 1024;

/// Whether `code` is small enough to highlight.
pub fn can_highlight(code: &str) -> bool {
    code.len() <= MAX_BLOCK_BYTES && code.lines().all(|l| l.len() <= MAX_LINE_BYTES)
}

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
const LIGHT_THEME: &str = "InspiredGitHub";
const DARK_THEME: &str = "base16-ocean.dark";

/// Highlights fenced code. The syntax definitions load on first use (most
/// pages have no code), once, and are then shared by every rendering thread.
#[derive(Default)]
pub struct Highlighter {
    syntaxes: OnceLock<SyntaxSet>,
}

impl Highlighter {
    /// A highlighter that has not loaded anything yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The process's highlighter. The syntax definitions are the same for
    /// every build, so one load serves every build, rebuild and deck.
    pub fn shared() -> &'static Highlighter {
        static SHARED: OnceLock<Highlighter> = OnceLock::new();
        SHARED.get_or_init(Highlighter::new)
    }

    fn syntaxes(&self) -> &SyntaxSet {
        self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines)
    }

    /// `<pre><code>` for `code` in language `lang`, highlighted when the
    /// language is known, plain otherwise.
    pub fn highlight(&self, code: &str, lang: &str) -> String {
        let lang_class = escape_html(lang);
        let set = self.syntaxes();
        let Some(syntax) = set.find_syntax_by_token(lang) else {
            return format!(
                "<pre class=\"code\"><code class=\"language-{lang_class}\">{}</code></pre>\n",
                escape_html(code)
            );
        };
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            if generator
                .parse_html_for_line_which_includes_newline(line)
                .is_err()
            {
                return format!(
                    "<pre class=\"code\"><code class=\"language-{lang_class}\">{}</code></pre>\n",
                    escape_html(code)
                );
            }
        }
        format!(
            "<pre class=\"code hl-code\"><code class=\"language-{lang_class}\">{}</code></pre>\n",
            generator.finalize()
        )
    }
}

/// The light and dark stylesheets for highlighted code.
///
/// They depend only on the themes compiled into lectern, so they are made
/// once per process.
pub fn stylesheets() -> (&'static str, &'static str) {
    static SHEETS: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();
    let (light, dark) = SHEETS.get_or_init(make_stylesheets);
    (light, dark)
}

fn make_stylesheets() -> (String, String) {
    let themes = ThemeSet::load_defaults();
    let css = |name: &str| {
        themes
            .themes
            .get(name)
            .and_then(|t| css_for_theme_with_class_style(t, CLASS_STYLE).ok())
            .unwrap_or_default()
    };
    (css(LIGHT_THEME), css(DARK_THEME))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes() {
        let html = Highlighter::new().highlight("fn main() {}\n", "rust");
        assert!(html.contains("hl-"), "{html}");
        assert!(html.contains("language-rust"));
    }

    #[test]
    fn unknown_language_is_plain_and_escaped() {
        let html = Highlighter::new().highlight("<b>\n", "no-such-lang");
        assert!(html.contains("&lt;b&gt;"));
        assert!(!html.contains("hl-"));
    }

    #[test]
    fn stylesheets_are_not_empty() {
        let (light, dark) = stylesheets();
        assert!(light.contains(".hl-"));
        assert!(dark.contains(".hl-"));
        assert_ne!(light, dark);
    }
}
