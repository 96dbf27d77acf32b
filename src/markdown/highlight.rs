//! Build-time syntax highlighting with syntect, emitting CSS classes so the
//! light and dark stylesheets can colour the same markup.

use std::sync::OnceLock;

use syntect::highlighting::{Color, ThemeSet};
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use super::contrast::with_readable_colours;
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

/// The default theme's code backgrounds (`--bg-soft` in style.css, light
/// and dark, and the print sheet's white), which code colours must be
/// readable on besides their own theme's background.
const LIGHT_BACKGROUNDS: [Color; 2] = [rgb(0xf3, 0xf1, 0xec), rgb(0xff, 0xff, 0xff)];
const DARK_BACKGROUNDS: [Color; 1] = [rgb(0x22, 0x24, 0x27)];

const fn rgb(r: u8, g: u8, b: u8) -> Color {
    Color { r, g, b, a: 0xff }
}

fn make_stylesheets() -> (String, String) {
    let themes = ThemeSet::load_defaults();
    let css = |name: &str, backgrounds: &[Color]| {
        themes
            .themes
            .get(name)
            .map(|t| with_readable_colours(t.clone(), backgrounds))
            .and_then(|t| css_for_theme_with_class_style(&t, CLASS_STYLE).ok())
            .unwrap_or_default()
    };
    (
        css(LIGHT_THEME, &LIGHT_BACKGROUNDS),
        css(DARK_THEME, &DARK_BACKGROUNDS),
    )
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

    /// Every colour of both sheets, read back from the CSS, reaches 4.5:1
    /// on the backgrounds the default theme gives code (read from its
    /// style.css, so a change there is checked too).
    #[test]
    fn every_code_colour_is_readable_in_both_schemes() {
        use super::super::contrast::contrast;
        let style = include_str!("../../themes/default/static/style.css");
        let soft: Vec<Color> = style
            .match_indices("--bg-soft: #")
            .take(2)
            .map(|(i, m)| hex(&style[i + m.len()..i + m.len() + 6]))
            .collect();
        let (light, dark) = stylesheets();
        for (sheet, background) in [(light, soft[0]), (dark, soft[1])] {
            let colours: Vec<&str> = sheet
                .match_indices(" color: #")
                .map(|(i, m)| &sheet[i + m.len()..i + m.len() + 6])
                .collect();
            assert!(colours.len() > 10);
            for colour in colours {
                let ratio = contrast(hex(colour), background);
                assert!(ratio >= 4.5, "#{colour} on {background:?}: {ratio:.2}");
            }
        }
    }

    fn hex(text: &str) -> Color {
        let v = u32::from_str_radix(text, 16).unwrap();
        rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
    }

    #[test]
    fn stylesheets_are_not_empty() {
        let (light, dark) = stylesheets();
        assert!(light.contains(".hl-"));
        assert!(dark.contains(".hl-"));
        assert_ne!(light, dark);
    }
}
