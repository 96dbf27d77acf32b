//! The session's first page: each deck, to open on this screen or to drive
//! from a phone.

use super::routes::{DeckInfo, PREFIX};
use crate::content::encode_path;
use crate::markdown::escape_html;

/// The page listing `decks`.
pub fn page(decks: &[DeckInfo]) -> String {
    let mut rows = String::new();
    for deck in decks {
        let minutes = match deck.duration {
            0 => String::new(),
            m => format!(", {m} minutes"),
        };
        let title = escape_html(&deck.title);
        rows.push_str(&format!(
            "<li><h2>{title}</h2><p>{} slides{minutes}</p><p><a href=\"/{path}\">Present on this screen<span class=\"visually-hidden\">: {title}</span></a> <a href=\"/remote/?deck={query}\">Remote<span class=\"visually-hidden\">: {title}</span></a></p></li>\n",
            deck.slides,
            path = escape_html(&encode_path(&deck.path)),
            query = escape_html(&encode_path(&deck.path)),
        ));
    }
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Presenting · Lectern</title>\n<link rel=\"stylesheet\" href=\"{PREFIX}/remote.css\">\n</head>\n<body class=\"index\">\n<main>\n<h1>Presenting</h1>\n<p>Open a deck on the screen the room sees; open its remote on your phone. Each follows the other.</p>\n<ul class=\"decks\">\n{rows}</ul>\n</main>\n</body>\n</html>\n"
    )
}
