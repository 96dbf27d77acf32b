//! Positions in a file's text: byte offsets as 1-based lines and columns
//! (in characters), and a line's text, for diagnostics.

/// Where each line of a text starts, found once, so that any number of
/// positions in one file cost a search each rather than a walk of the file.
/// Columns count characters; offsets asked for in increasing order on one
/// line are counted on from the last one, so a long line is walked once.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last position asked for: (byte offset, line, column).
    last: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the lines of `text`.
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex {
            text,
            starts,
            last: std::cell::Cell::new((0, 1, 1)),
        }
    }

    /// The 1-based line and column of byte `offset`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let line_start = self.starts[line - 1];
        let (last_offset, last_line, last_column) = self.last.get();
        let (from, column) =
            if last_line == line && last_offset <= offset && last_offset >= line_start {
                (last_offset, last_column)
            } else {
                (line_start, 1)
            };
        let column = column + self.text[from..offset].chars().count();
        self.last.set((offset, line, column));
        (line, column)
    }

    /// The text of 1-based line `line`, without its line break.
    pub fn line_text(&self, line: usize) -> Option<&'a str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self
            .starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        Some(&self.text[start..end.max(start)])
    }
}

/// The 1-based line and column of byte `offset` of `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_agrees_with_walking_the_text() {
        let text = "ab\nпривет мир\r\n\nlast line";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                index.line_col(offset),
                line_col(text, offset),
                "at {offset}"
            );
        }
        for offset in (0..text.len()).rev() {
            assert_eq!(
                index.line_col(offset),
                line_col(text, offset),
                "back at {offset}"
            );
        }
        assert_eq!(index.line_text(2), Some("привет мир\r"));
        assert_eq!(index.line_text(3), Some(""));
        assert_eq!(index.line_text(4), Some("last line"));
        assert_eq!(index.line_text(5), None);
        assert_eq!(index.line_text(0), None);
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\nпривет x";
        let offset = text.find('x').unwrap();
        assert_eq!(line_col(text, offset), (2, 8));
        assert_eq!(line_col(text, 0), (1, 1));
    }
}
