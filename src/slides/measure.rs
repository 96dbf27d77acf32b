//! How tall a block of slide content is on the fixed 1280×720 canvas,
//! estimated from its text with the theme's type sizes (generously, for
//! wide fonts).

/// Width of the slide's content box on the canvas, in px.
pub const CONTENT_WIDTH: f64 = 1152.0;
/// Height of the content box, in px.
pub const CONTENT_HEIGHT: f64 = 612.0;
/// How much of the content box the estimate may fill, leaving room for
/// fonts wider than the ones the estimate assumes.
pub(super) const FILL: f64 = 0.88;
/// Height of the "continued" line on continuation slides.
pub const KICKER_HEIGHT: f64 = 44.0;
/// Body text size and line height, px.
pub(super) const BODY: f64 = 30.0;
pub(super) const LEADING: f64 = 1.35;
/// Average character width as a share of the font size (wide sans fonts).
pub(super) const CHAR_EM: f64 = 0.56;
/// Code text size and monospace character width.
pub(super) const CODE: f64 = 22.0;
pub(super) const CODE_EM: f64 = 0.61;

/// The room a slide's content may take.
pub fn budget() -> f64 {
    CONTENT_HEIGHT * FILL
}

pub(super) fn lines_of(text: &str, chars_per_line: f64) -> f64 {
    text.lines()
        .map(|l| {
            let n = l.trim().chars().count() as f64;
            (n / chars_per_line).ceil().max(1.0)
        })
        .sum::<f64>()
        .max(1.0)
}

/// Text without the markdown punctuation that does not show.
pub(super) fn visible(text: &str) -> String {
    text.replace("**", "")
        .replace('`', "")
        .replace("](", " ")
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | '*' | '_'))
        .collect()
}

pub(super) fn heading_height(level: u8, text: &str) -> f64 {
    let (size, margin) = match level {
        1 => (60.0, 28.0),
        2 => (46.0, 22.0),
        3 => (36.0, 20.0),
        _ => (32.0, 16.0),
    };
    let cpl = CONTENT_WIDTH / (size * CHAR_EM);
    lines_of(&visible(text.trim_start_matches('#')), cpl) * size * 1.2 + margin
}

pub(super) fn paragraph_height(text: &str, indent: f64) -> f64 {
    let cpl = (CONTENT_WIDTH - indent) / (BODY * CHAR_EM);
    lines_of(&visible(text), cpl) * BODY * LEADING + 18.0
}

pub(super) fn list_item_height(text: &str) -> f64 {
    // Nested lines are indented further; give every line the deepest indent.
    let cpl = (CONTENT_WIDTH - 48.0 - 40.0) / (BODY * CHAR_EM);
    let text = visible(text);
    let lines: f64 = text
        .lines()
        .map(|l| {
            let content = l
                .trim_start()
                .trim_start_matches(['-', '*', '+'])
                .trim_start();
            let content = content
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .trim_start_matches(['.', ')']);
            ((content.trim().chars().count() as f64) / cpl)
                .ceil()
                .max(1.0)
        })
        .sum();
    lines.max(1.0) * BODY * LEADING + 8.0
}

pub(super) fn code_line_height(line: &str) -> f64 {
    let cpl = (CONTENT_WIDTH - 40.0) / (CODE * CODE_EM);
    ((line.chars().count() as f64) / cpl).ceil().max(1.0) * CODE * 1.4
}

pub(super) const CODE_FRAME: f64 = 28.0 + 20.0;

/// How a code block is set on a slide. A block too long to share a slide
/// with its title is set smaller, and in two columns when its lines are
/// short, so a template takes a few slides rather than many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CodeSet {
    /// The slide's code size.
    #[default]
    Normal,
    /// Smaller, one column.
    Small,
    /// Smaller, in two columns.
    Columns,
}

impl CodeSet {
    /// The class the slide gets, so the theme sets its code this way.
    pub fn class(self) -> Option<&'static str> {
        match self {
            CodeSet::Normal => None,
            CodeSet::Small => Some("code-small"),
            CodeSet::Columns => Some("code-columns"),
        }
    }
}

/// Smaller code: size and line height, px (the theme's `.code-small`).
const SMALL_CODE: f64 = 18.0;
const SMALL_LEADING: f64 = 1.35;
/// Gap between the two columns of `.code-columns`, px.
const COLUMN_GAP: f64 = 32.0;

/// How to set a fenced block of `lines` on a slide.
pub(super) fn code_set(lines: &[&str]) -> CodeSet {
    let height: f64 = lines.iter().map(|l| code_line_height(l)).sum::<f64>() + CODE_FRAME;
    // Room left under a title on a continued slide.
    let room = budget() - KICKER_HEIGHT - heading_height(2, "A title");
    if height <= room {
        return CodeSet::Normal;
    }
    let column_chars = ((CONTENT_WIDTH - 40.0 - COLUMN_GAP) / 2.0 / (SMALL_CODE * CODE_EM)).floor();
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    if longest as f64 <= column_chars {
        CodeSet::Columns
    } else {
        CodeSet::Small
    }
}

/// Height of one line of code set as `set`; in columns, half a line, as
/// two lines share a row.
pub(super) fn set_code_line_height(line: &str, set: CodeSet) -> f64 {
    let small = |width: f64| {
        let cpl = width / (SMALL_CODE * CODE_EM);
        ((line.chars().count() as f64) / cpl).ceil().max(1.0) * SMALL_CODE * SMALL_LEADING
    };
    match set {
        CodeSet::Normal => code_line_height(line),
        CodeSet::Small => small(CONTENT_WIDTH - 40.0),
        CodeSet::Columns => small((CONTENT_WIDTH - 40.0 - COLUMN_GAP) / 2.0) / 2.0,
    }
}

pub(super) fn table_row_height(row: &str, columns: usize) -> f64 {
    let size = 26.0;
    let cell_width = CONTENT_WIDTH / columns.max(1) as f64 - 24.0;
    let cpl = (cell_width / (size * CHAR_EM)).max(4.0);
    let tallest = row
        .trim()
        .trim_matches('|')
        .split('|')
        .map(|cell| {
            (visible(cell).trim().chars().count() as f64 / cpl)
                .ceil()
                .max(1.0)
        })
        .fold(1.0, f64::max);
    tallest * size * 1.3 + 18.0
}
