//! Themes: tera templates and static files. The default theme is compiled
//! into the binary; a file of the same name under the project's
//! `themes/<name>/` replaces it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use rayon::prelude::*;
use tera::Tera;

use crate::diagnostics::{display_path, Diagnostic};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a theme file came from, for error messages.
#[derive(Debug, Clone)]
pub enum Origin {
    /// Compiled into lectern.
    BuiltIn(String),
    /// A file of the project's.
    Project(PathBuf),
}

impl Origin {
    fn shown(&self) -> PathBuf {
        match self {
            Origin::BuiltIn(name) => PathBuf::from(format!("<built-in theme>/{name}")),
            Origin::Project(path) => path.clone(),
        }
    }
}

/// A static file of the theme, to copy into the site.
#[derive(Debug, Clone)]
pub enum StaticFile {
    /// Built-in bytes.
    Embedded(&'static [u8]),
    /// A project file to copy.
    OnDisk(PathBuf),
}

/// A theme ready to render: compiled templates plus its static files.
pub struct Theme {
    /// The compiled templates.
    pub tera: Tera,
    /// Static files by their path under the site root.
    pub statics: BTreeMap<String, StaticFile>,
    /// A fingerprint of every template's name and text: a page made with
    /// other templates is another page, even from the same values.
    pub fingerprint: u128,
    /// What loading the theme warned about (symlinks not followed).
    pub warnings: Vec<Diagnostic>,
    origins: BTreeMap<String, Origin>,
}

impl Theme {
    /// Loads theme `name`: the built-in default with the project's files laid
    /// over it. Template syntax errors come back as diagnostics.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
        let theme_dir = root.join("themes").join(name);
        if name != "default" && !theme_dir.is_dir() {
            return Err(vec![Diagnostic::error(
                crate::config::CONFIG_FILE,
                format!("theme `{name}` does not exist: there is no themes/{name}/ folder"),
            )
            .with_help(
                "create the folder, or remove `theme:` to use the built-in theme",
            )]);
        }
        let mut templates: BTreeMap<String, (String, Origin)> = BTreeMap::new();
        let mut statics = BTreeMap::new();
        for file in embedded_files(&DEFAULT_THEME) {
            let path = file.path().to_string_lossy().replace('\\', "/");
            if let Some(name) = path.strip_prefix("templates/") {
                let text = String::from_utf8_lossy(file.contents()).into_owned();
                templates.insert(name.to_string(), (text, Origin::BuiltIn(path.clone())));
            } else if let Some(name) = path.strip_prefix("static/") {
                statics.insert(name.to_string(), StaticFile::Embedded(file.contents()));
            }
        }
        let mut problems = Vec::new();
        let mut warnings = Vec::new();
        for (name, path) in files_under(root, &theme_dir.join("templates"), &mut warnings) {
            let shown = display_path(root, &path);
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    templates.insert(name, (text, Origin::Project(shown)));
                }
                Err(e) => problems.push(
                    Diagnostic::error(shown, format!("cannot read template: {e}"))
                        .with_help("templates must be readable UTF-8 text"),
                ),
            }
        }
        for (name, path) in files_under(root, &theme_dir.join("static"), &mut warnings) {
            statics.insert(name, StaticFile::OnDisk(path));
        }
        for (name, path) in files_under(root, &root.join("static"), &mut warnings) {
            statics.insert(name, StaticFile::OnDisk(path));
        }

        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml", ".svg"]);
        // tera's own escaper also rewrites `/` as `&#x2F;`, which is safe but
        // bloats every URL; ours escapes the five characters that matter.
        tera.set_escape_fn(crate::markdown::escape_html);
        let origins: BTreeMap<String, Origin> = templates
            .iter()
            .map(|(name, (_, origin))| (name.clone(), origin.clone()))
            .collect();
        // Each template is parsed once, side by side (parsing is nearly all
        // of a theme's load: about 40 ms on one core for the default theme,
        // twice that when the templates were checked one by one and then
        // parsed again by `add_raw_templates`), and each syntax error names
        // its file. The parsed templates go into tera's table, which is
        // what `add_raw_templates` itself does, and tera then links the
        // inheritance chains and checks the imported macro files.
        let parsed: Vec<(String, Result<tera::Template, Diagnostic>)> = templates
            .par_iter()
            .map(|(name, (text, origin))| {
                let template = tera::Template::new(name, None, text)
                    .map_err(|e| template_diagnostic(&origin.shown(), text, &e));
                (name.clone(), template)
            })
            .collect();
        for (name, template) in parsed {
            match template {
                Ok(template) => {
                    tera.templates.insert(name, template);
                }
                Err(problem) => problems.push(problem),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut hasher = crate::fingerprint::Hasher::new();
        for (name, (text, _)) in &templates {
            hasher.text(name);
            hasher.text(text);
        }
        let fingerprint = hasher.finish();
        if let Err(e) = tera
            .build_inheritance_chains()
            .and_then(|()| tera.check_macro_files())
        {
            return Err(vec![Diagnostic::error("themes", error_chain(&e))
                .with_help(
                    "a template extends or includes one that does not exist",
                )]);
        }
        Ok(Theme {
            tera,
            statics,
            fingerprint,
            warnings,
            origins,
        })
    }

    /// The file a template came from, for error messages.
    pub fn template_path(&self, name: &str) -> PathBuf {
        self.origins
            .get(name)
            .map_or_else(|| PathBuf::from(name), Origin::shown)
    }

    /// Renders template `name` with `context`; a failure is an error at
    /// the template's file, saying what was being made (`making`:
    /// "rendering /moments/x/", "filling in a social card").
    pub fn render(
        &self,
        name: &str,
        context: &tera::Context,
        making: impl FnOnce() -> String,
    ) -> Result<String, Diagnostic> {
        self.tera.render(name, context).map_err(|e| {
            Diagnostic::error(
                self.template_path(name),
                format!("template error while {}: {}", making(), error_chain(&e)),
            )
            .with_help(TEMPLATE_HELP)
        })
    }
}

/// What to do about a template error, said with every one.
const TEMPLATE_HELP: &str = "a template uses a value or filter that does not exist; see the README's theme section for the values each template gets";

fn embedded_files(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut out: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        out.extend(embedded_files(sub));
    }
    out
}

/// Files under `dir` as (path relative to `dir` with `/`, full path).
/// The files under `dir` by their `/`-separated path in it, with warnings
/// for symlinks not followed (see [`crate::content::walk_files`]).
fn files_under(root: &Path, dir: &Path, warnings: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let (files, problems) = crate::content::walk_files(root, dir);
    warnings.extend(problems);
    files
        .into_iter()
        .filter(|path| !crate::content::is_editor_litter(path))
        .filter_map(|path| {
            let relative = path.strip_prefix(dir).ok()?;
            let name = relative.to_string_lossy().replace('\\', "/");
            Some((name, path))
        })
        .collect()
}

/// The message of a tera error with its causes, which carry the details.
pub fn error_chain(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

/// A template syntax error as a diagnostic at the line tera reports.
fn template_diagnostic(path: &Path, text: &str, error: &tera::Error) -> Diagnostic {
    let message = error_chain(error);
    // tera writes positions as `--> LINE:COL`.
    let position = message.find("--> ").and_then(|i| {
        let rest = &message[i + 4..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ':'))
            .unwrap_or(rest.len());
        let (line, col) = rest[..end].split_once(':')?;
        Some((line.parse().ok()?, col.parse().ok()?))
    });
    let short = message
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    let mut d = Diagnostic::error(path, format!("template error: {short}"))
        .with_help("fix the template syntax; see the tera documentation for tags and filters");
    if let Some((line, col)) = position {
        d = d.at(text, line, col);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(templates: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("themes/default/templates");
        std::fs::create_dir_all(&folder).unwrap();
        for (name, text) in templates {
            std::fs::write(folder.join(name), text).unwrap();
        }
        dir
    }

    #[test]
    fn every_broken_template_is_named_with_its_line() {
        let dir = project(&[
            ("item.html", "ok\n{% if %}"),
            ("term.html", "{{ page.title }"),
        ]);
        let problems = Theme::load(dir.path(), "default").err().unwrap();
        let shown: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
        assert_eq!(problems.len(), 2, "{shown:?}");
        for place in ["item.html:2:", "term.html:1:"] {
            assert!(shown.iter().any(|d| d.contains(place)), "{shown:?}");
        }
    }

    #[test]
    fn a_missing_parent_template_is_an_error() {
        let dir = project(&[("item.html", "{% extends \"nowhere.html\" %}")]);
        let problems = Theme::load(dir.path(), "default").err().unwrap();
        assert!(problems[0].to_string().contains("nowhere.html"));
    }

    #[test]
    fn the_default_theme_renders_what_it_parsed() {
        let dir = project(&[(
            "extra.html",
            "{% extends \"base.html\" %}{% block main %}<p>{{ x }}</p>{% endblock main %}",
        )]);
        let theme = Theme::load(dir.path(), "default").unwrap();
        assert!(theme.tera.get_template_names().any(|n| n == "item.html"));
        let mut context = tera::Context::new();
        context.insert("x", "<made>");
        context.insert("site", &serde_json::json!({"language": "en", "title": "T", "base_path": "/", "nav": [], "tags_url": "/tags/", "themes_url": "/themes/", "generator": "g"}));
        context.insert("share", &false);
        let html = theme.tera.render("extra.html", &context).unwrap();
        assert!(html.contains("<p>&lt;made&gt;</p>"), "{html}");
        assert!(html.starts_with("<!doctype html>"), "{html}");
    }
}
