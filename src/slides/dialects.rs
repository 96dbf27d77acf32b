//! Decks written for other tools, read as they are: Marp's comments,
//! directives and background images, Slidev's slide front matter, layouts,
//! slots and components, reveal.js's `.notes` asides. What a slide asks for
//! becomes its [`Look`]; what cannot be shown is taken off the slide and
//! told once per module, where it is written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::look::{class_name, css_color, Background, Look};
use super::marp::{self, CommentKind};
use super::media::{self, MediaFile, Placed};
use super::slidev;
use super::split::RawSlide;

/// Something in a module that the deck cannot show as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line of the module's body (0: its front matter, at `key`).
    pub line: usize,
    /// The front matter key it is about, for problems found there.
    pub key: Option<String>,
    /// What was left out, and why.
    pub message: String,
    /// What to do.
    pub help: &'static str,
}

/// A slide after reading its dialect.
#[derive(Debug, Clone, Default)]
pub struct ReadSlide {
    /// What the slide shows, as plain markdown.
    pub content: String,
    /// Its right column, for two-column layouts.
    pub right: Option<String>,
    /// Speaker notes found in comments and asides, before any `Note:`.
    pub notes: String,
    /// How it looks.
    pub look: Look,
    /// Images it shows, copied beside the deck.
    pub media: Vec<MediaFile>,
    /// Slidev's `hide: true` or `disabled: true`: left out of the deck.
    pub hidden: bool,
}

/// Reads one module's slides in order, carrying Marp's global directives
/// from slide to slide.
pub struct Reader<'a> {
    module: &'a Path,
    root: &'a Path,
    carried: Look,
    first: Look,
    reported: BTreeSet<String>,
    /// What could not be shown, once per kind.
    pub problems: Vec<Problem>,
}

impl<'a> Reader<'a> {
    /// A reader for the module at `module` (under `root`) with front
    /// matter fields `extra`: Marp's global directives apply to every
    /// slide, Slidev's deck settings to the first.
    pub fn new(
        module: &'a Path,
        root: &'a Path,
        extra: &BTreeMap<String, serde_json::Value>,
    ) -> Self {
        let mut reader = Reader {
            module,
            root,
            carried: Look::default(),
            first: Look::default(),
            reported: BTreeSet::new(),
            problems: Vec::new(),
        };
        let marp = extra.get("marp").and_then(|v| v.as_bool()) == Some(true);
        for (key, value) in extra {
            let text = match value {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Bool(b) => b.to_string(),
                serde_json::Value::Number(n) => n.to_string(),
                _ => continue,
            };
            match key.as_str() {
                "layout" | "background" if !marp => {
                    let setting = serde_yaml::Value::String(text);
                    let mut first = std::mem::take(&mut reader.first);
                    reader.slide_setting(key, &setting, &mut first, 0, Some(key));
                    reader.first = first;
                }
                "class" if !marp => reader.first.classes = classes(&text),
                "theme" => reader.theme(&text, 0, Some(key)),
                k if marp && marp::DIRECTIVES.contains(&k) => {
                    let mut carried = std::mem::take(&mut reader.carried);
                    reader.directive(k, &text, &mut carried, 0, Some(key));
                    reader.carried = carried;
                }
                _ => {}
            }
        }
        reader
    }

    /// Reads `raw`, the module's slide number `index` (0-based).
    pub fn read(&mut self, raw: &RawSlide, index: usize) -> ReadSlide {
        let mut look = if index == 0 {
            merge(&self.carried, &self.first)
        } else {
            self.carried.clone()
        };
        let mut slide = ReadSlide::default();
        // The layout first: it decides which side an `image:` fills.
        let mut settings: Vec<_> = raw.settings.iter().collect();
        settings.sort_by_key(|(key, ..)| key != "layout");
        for (key, value, line) in settings {
            if matches!(key.as_str(), "hide" | "disabled") && value.as_bool() == Some(true) {
                slide.hidden = true;
            }
            self.slide_setting(key, value, &mut look, *line, None);
        }
        let at = |line: usize| raw.line + line;
        let (content, asides) = take_note_asides(&raw.content);
        let (content, comments) = marp::take_comments(&content);
        let mut notes = asides;
        for comment in comments {
            match marp::classify(&comment.body) {
                CommentKind::Fit => {}
                CommentKind::Notes => notes.push(comment.body),
                CommentKind::Directives(pairs) => {
                    for (key, value) in pairs {
                        if let Some(local) = key.strip_prefix('_') {
                            self.directive(local, &value, &mut look, at(comment.line), None);
                        } else {
                            let mut carried = std::mem::take(&mut self.carried);
                            self.directive(&key, &value, &mut carried, at(comment.line), None);
                            self.directive(&key, &value, &mut look, at(comment.line), None);
                            self.carried = carried;
                        }
                    }
                }
            }
        }
        let (content, backgrounds) = marp::take_backgrounds(&content);
        for (n, bg) in backgrounds.iter().enumerate() {
            if n > 0 {
                self.report(
                    at(bg.line),
                    None,
                    "backgrounds",
                    "only a slide's first background image is shown".into(),
                    "keep one `![bg](…)` per slide",
                );
                continue;
            }
            look.background = self.background(&bg.src, &bg.keywords, at(bg.line));
        }
        let (content, components) = slidev::take_components(&content);
        for (name, line) in components {
            self.report(
                at(line),
                None,
                &format!("component {name}"),
                format!("the Slidev component <{name}> does not run in a static deck: what it wraps is shown at once"),
                "use `+` list items to reveal points one by one",
            );
        }
        let (content, found) = media::localize(&content, self.module, self.root);
        for image in found {
            match image.placed {
                Placed::Copied(file) => slide.media.push(file),
                Placed::Remote => self.report(at(image.line), None, &format!("remote {}", image.src), format!("the image {} is on another host: decks load nothing from elsewhere, so its description is shown instead", image.src), "save the image beside the module and link it by its file name"),
                Placed::Missing(src) => self.report(at(image.line), None, &format!("missing {src}"), format!("the image {src} is not there"), "check the file name; paths are relative to the module's file"),
                Placed::AsWritten => {}
            }
        }
        if let Some(bg) = look.background.as_ref() {
            slide.media.push(bg.file.clone());
        }
        let (content, right) = if look.classes.iter().any(|c| c == "layout-two-cols") {
            slidev::slots(&content)
        } else {
            (content, None)
        };
        slide.content = content;
        slide.right = right;
        slide.notes = notes.join("\n\n");
        slide.look = look;
        slide
    }

    fn report(
        &mut self,
        line: usize,
        key: Option<&str>,
        kind: &str,
        message: String,
        help: &'static str,
    ) {
        if self.reported.insert(kind.to_string()) {
            self.problems.push(Problem {
                line,
                key: key.map(str::to_string),
                message,
                help,
            });
        }
    }

    fn theme(&mut self, name: &str, line: usize, key: Option<&str>) {
        if name != "default" {
            self.report(
                line,
                key,
                "theme",
                format!("the theme \"{name}\" belongs to another tool: decks use Lectern's theme"),
                "remove `theme:`, or style the deck in `themes/`",
            );
        }
    }

    /// Applies a Marp directive (without its `_`) to `look`.
    fn directive(
        &mut self,
        key: &str,
        value: &str,
        look: &mut Look,
        line: usize,
        fm: Option<&str>,
    ) {
        match key {
            "class" => look.classes = classes(value),
            "header" => look.header = (!value.is_empty()).then(|| value.to_string()),
            "footer" => look.footer = (!value.is_empty()).then(|| value.to_string()),
            "backgroundColor" => look.background_color = css_color(value),
            "color" => look.color = css_color(value),
            "backgroundImage" => {
                let src = value
                    .trim()
                    .trim_start_matches("url(")
                    .trim_end_matches(')')
                    .trim_matches(|c| c == '"' || c == '\'');
                look.background = self.background(src, &[], line);
            }
            "theme" => self.theme(value, line, fm),
            // Slides are always numbered; the rest is the page's metadata.
            "paginate" | "marp" | "title" | "author" | "description" | "lang" | "image"
            | "keywords" | "url" => {}
            other => self.report(
                line,
                fm,
                other,
                format!("the directive `{other}` has no counterpart here and is left out"),
                "remove it; the deck's theme sets sizes, styles and transitions",
            ),
        }
    }

    /// Applies a Slidev slide setting to `look`.
    fn slide_setting(
        &mut self,
        key: &str,
        value: &serde_yaml::Value,
        look: &mut Look,
        line: usize,
        fm: Option<&str>,
    ) {
        let text = value.as_str().map(str::to_string).unwrap_or_else(|| {
            serde_yaml::to_string(value)
                .unwrap_or_default()
                .trim()
                .to_string()
        });
        match key {
            "layout" => match slidev::layout_classes(&text) {
                Some(classes) => look.classes.extend(classes.iter().map(|c| c.to_string())),
                None => self.report(line, fm, &format!("layout {text}"), format!("the layout \"{text}\" has no counterpart here: the slide is shown with the default layout"), "use one of cover, center, section, two-cols, image-left, image-right or default"),
            },
            "class" | "layoutClass" => look.classes.extend(classes(&text)),
            "background" => look.background = self.background(&text, &[], line),
            "image" => {
                let side = if look.classes.iter().any(|c| c == "image-left") { "left:50%" } else { "right:50%" };
                look.background = self.background(&text, &[side.to_string()], line);
            }
            "transition" | "zoom" | "dragPos" | "src" => self.report(line, fm, key, format!("the slide setting `{key}` has no counterpart here and is left out"), "remove it from the slide's front matter"),
            unknown if !slidev::KEYS.contains(&unknown) => self.report(
                line,
                fm,
                unknown,
                format!("the slide setting `{unknown}` is neither Slidev's nor Lectern's and is left out"),
                "remove it from the slide's front matter",
            ),
            _ => {}
        }
    }

    /// A background from an image address and Marp's keywords.
    fn background(&mut self, src: &str, keywords: &[String], line: usize) -> Option<Background> {
        let file = match media::place(src, self.module, self.root) {
            Placed::Copied(file) => file,
            Placed::Remote => {
                self.report(line, None, &format!("remote {src}"), format!("the background image {src} is on another host: decks load nothing from elsewhere"), "save the image beside the module and link it by its file name");
                return None;
            }
            Placed::Missing(_) => {
                self.report(
                    line,
                    None,
                    &format!("missing {src}"),
                    format!("the background image {src} is not there"),
                    "check the file name; paths are relative to the module's file",
                );
                return None;
            }
            Placed::AsWritten => return None,
        };
        let mut bg = Background {
            src: media::media_url(&file.key),
            alt: String::new(),
            size: "cover".into(),
            side: None,
            side_width: 50,
            file,
        };
        for word in keywords {
            let (name, amount) = word.split_once(':').unwrap_or((word, ""));
            match name {
                "cover" | "contain" | "auto" => bg.size = name.into(),
                "fit" => bg.size = "contain".into(),
                "left" | "right" => {
                    bg.side = Some(name.into());
                    bg.side_width = amount
                        .trim_end_matches('%')
                        .parse()
                        .unwrap_or(50)
                        .clamp(10, 90);
                }
                w if w.ends_with('%') && w[..w.len() - 1].parse::<u32>().is_ok() => {
                    bg.size = w.into()
                }
                _ => bg.alt = [bg.alt.as_str(), word].join(" ").trim().to_string(),
            }
        }
        Some(bg)
    }
}

fn classes(value: &str) -> Vec<String> {
    value.split_whitespace().filter_map(class_name).collect()
}

/// The first look with the second's settings on top.
fn merge(base: &Look, top: &Look) -> Look {
    let mut look = base.clone();
    look.classes.extend(top.classes.iter().cloned());
    if top.background.is_some() {
        look.background = top.background.clone();
    }
    look
}

/// Takes reveal.js's `<aside class="notes">…</aside>` out of `content`.
fn take_note_asides(content: &str) -> (String, Vec<String>) {
    let mut rest = content.to_string();
    let mut notes = Vec::new();
    while let Some(start) = rest.find("<aside class=\"notes\">") {
        let body_at = start + "<aside class=\"notes\">".len();
        let end = rest[body_at..]
            .find("</aside>")
            .map_or(rest.len(), |i| body_at + i);
        notes.push(rest[body_at..end].trim().to_string());
        let close = (end + "</aside>".len()).min(rest.len());
        rest.replace_range(start..close, "");
    }
    (rest, notes)
}
