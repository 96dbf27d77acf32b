//! Images and embeds: a published file with its size and smaller copies,
//! a note shown in place (`![[Note]]`), or the description of an image
//! that is not there.

use pulldown_cmark::Event;

use super::Renderer;
use crate::library::Reference;
use crate::markdown::escape_html;
use crate::markdown::images::{img, Source};

impl<'a> Renderer<'a> {
    /// Writes the image whose alt text has just been read.
    pub(super) fn finish_image(&mut self, out: &mut Vec<Event<'a>>) {
        let Some(image) = self.image.take() else {
            return;
        };
        let description = crate::markdown::images::read_alt(&image.alt).text;
        let html = match &image.target {
            Reference::File(file) => {
                let info = &file.image;
                let source = Source {
                    src: &file.url,
                    size: info.as_ref().map(|i| (i.width, i.height)),
                    srcset: info.as_ref().map_or("", |i| i.srcset.as_str()),
                };
                img(&source, &image.title, &image.alt, image.embed)
            }
            Reference::Item { id, url } if image.embed => match self
                .resolve
                .embed(*id, url.split_once('#').map(|(_, section)| section))
            {
                Some(body) => self.embedded(url, body),
                None => {
                    self.note(
                        image.offset,
                        format!(
                            "![[{}]] would show a note inside itself, or its section is not there, so it is a link here",
                            image.written
                        ),
                        "embed a different note or section (a heading of that note), or link to it with [[…]]",
                    );
                    link(url, &image.written)
                }
            },
            Reference::Item { url, .. } => link(url, &image.written),
            Reference::Missing => missing(&image.written, &image.written, "not in the library yet"),
            Reference::MissingFile | Reference::Template => {
                let shown = if description.is_empty() {
                    image.written.to_string()
                } else {
                    description
                };
                missing(&image.written, &shown, "image not found")
            }
            Reference::Unsafe => escape_html(&description),
            Reference::Other => {
                let source = Source {
                    src: &image.written,
                    ..Source::default()
                };
                img(&source, &image.title, &image.alt, image.embed)
            }
        };
        out.push(Event::Html(html.into()));
    }

    /// An embedded note's body in a frame titled with a link to it. A
    /// paragraph cannot hold it, so the paragraph around it is closed and
    /// opened again.
    fn embedded(&self, url: &str, body: String) -> String {
        let frame = format!(
            "<div class=\"embed\"><p class=\"embed-source\"><a href=\"{}\">Open the note</a></p>\n{body}</div>\n",
            escape_html(url)
        );
        if self.in_paragraph {
            format!("</p>{frame}<p>")
        } else {
            frame
        }
    }
}

fn link(url: &str, text: &str) -> String {
    format!("<a href=\"{}\">{}</a>", escape_html(url), escape_html(text))
}

fn missing(written: &str, shown: &str, why: &str) -> String {
    format!(
        "<span class=\"missing-ref\" title=\"{} is not there\">{}<small class=\"missing-note\"> ({why})</small></span>",
        escape_html(written),
        escape_html(shown)
    )
}
