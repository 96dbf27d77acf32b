//! The page left at a previous address (`aliases:`) that sends readers,
//! and search engines, to where the item is now.

use crate::markdown::escape_html;

/// A small page that redirects to `url` at once, with a link for browsers
/// that do not follow `refresh`, and nothing for search engines to index.
pub fn redirect_page(title: &str, url: &str, language: &str) -> String {
    let (title, url, language) = (escape_html(title), escape_html(url), escape_html(language));
    format!(
        "<!doctype html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved: {title}</title>\n<meta http-equiv=\"refresh\" content=\"0; url={url}\">\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{url}\">\n</head>\n<body>\n<main>\n<p>This page has moved to <a href=\"{url}\">{title}</a>.</p>\n</main>\n</body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_redirect_names_the_new_address_escaped() {
        let page = redirect_page("A <b> & \"c\"", "/blog/a/", "en");
        assert!(page.contains("content=\"0; url=/blog/a/\""));
        assert!(page.contains("<a href=\"/blog/a/\">A &lt;b&gt; &amp; &quot;c&quot;</a>"));
    }
}
