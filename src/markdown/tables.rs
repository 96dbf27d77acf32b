//! Tables as pulldown-cmark writes them, adjusted for screen readers.

/// An empty header cell (the corner of a table whose rows are labelled)
/// labels nothing, so it is a data cell: screen readers then announce no
/// empty column header.
pub(super) fn empty_header_cells_as_data(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<th") {
        let after = &rest[start..];
        let open_end = after.find('>').map_or(after.len(), |i| i + 1);
        let open = &after[..open_end];
        let empty = open_end < after.len() && after[open_end..].starts_with("</th>");
        out.push_str(&rest[..start]);
        if empty && (open == "<th>" || open.starts_with("<th style=")) {
            out.push_str("<td");
            out.push_str(&open[3..]);
            out.push_str("</td>");
            rest = &after[open_end + 5..];
        } else {
            out.push_str(open);
            rest = &after[open_end..];
        }
    }
    out.push_str(rest);
    out
}
