//! `lectern new` and `lectern init`: new files and new libraries, with the
//! front matter filled in.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::content::slug::slugify;

/// What `lectern new` can create.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    /// A moment under `content/moments/`.
    Moment,
    /// A workshop module under `content/workshop/`.
    Module,
    /// A framework article under `content/frameworks/`.
    Framework,
}

/// Why a file or library could not be created.
#[derive(Debug, Error)]
pub enum ScaffoldError {
    /// The title has nothing to make a file name from.
    #[error("the title {0:?} has no letters or digits to make a file name from")]
    EmptyTitle(String),
    /// Lectern never overwrites.
    #[error("{0} already exists; edit it, or choose another title")]
    Exists(PathBuf),
    /// `init` into a folder with files in it.
    #[error("{0} is not empty; choose a new folder for the library")]
    NotEmpty(PathBuf),
    /// Writing failed.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

fn next_module_order(root: &Path) -> i64 {
    let dir = root.join("content/workshop");
    let mut highest = 0;
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if let Ok(text) = std::fs::read_to_string(entry.path()) {
            for line in text.lines().take(40) {
                if let Some(n) = line
                    .strip_prefix("order:")
                    .and_then(|v| v.trim().parse::<i64>().ok())
                {
                    highest = highest.max(n);
                }
            }
        }
    }
    highest + 1
}

/// The text of a new file of `kind` titled `title`, dated `today`.
pub fn template(kind: NewKind, title: &str, today: &str, order: i64) -> String {
    let title_yaml = yaml_string(title);
    match kind {
        NewKind::Moment => format!(
            "---\ntype: moment\ntitle: {title_yaml}\ncreated: {today}\nstatus: raw\npotential: medium\nthemes: []\ntags: []\nrelated_content: []\n---\n\n# {title}\n\n## Core Insight\n\n\n## Already Published (Don't Repeat)\n\n\n## NEW Content Angles (Not Yet Published)\n\n### 1. \n\n**Post idea:** \"\"\n\n## Connection to Other Moments\n\n"
        ),
        NewKind::Module => format!(
            "---\ntitle: {title_yaml}\norder: {order}\nduration: 45\nobjectives: []\ntags: [workshop]\nthemes: []\nrelated_content: []\n---\n\n# {title}\n\nNote:\nWhat to say while this slide is up.\n\n---\n\n## First point\n\n- \n\nNote:\n\n---\n\n## Exercise: \n\n1. \n\nNote:\nHow long, and what to listen for.\n"
        ),
        NewKind::Framework => format!(
            "---\ntitle: {title_yaml}\ndate: {today}\ntags: []\nthemes: []\n---\n\n# {title}\n\n"
        ),
    }
}

fn write_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    let io = |source| ScaffoldError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    // create_new refuses to replace a file, even one made a moment ago.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                ScaffoldError::Exists(path.to_path_buf())
            } else {
                io(e)
            }
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(io)
}

/// Creates a new moment, module or article under `root`; returns its path.
pub fn new_item(root: &Path, kind: NewKind, title: &str) -> Result<PathBuf, ScaffoldError> {
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(ScaffoldError::EmptyTitle(title.to_string()));
    }
    let folder = match kind {
        NewKind::Moment => "moments",
        NewKind::Module => "workshop",
        NewKind::Framework => "frameworks",
    };
    let path = root.join("content").join(folder).join(format!("{slug}.md"));
    let today = chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    let order = if kind == NewKind::Module {
        next_module_order(root)
    } else {
        0
    };
    write_new(&path, &template(kind, title, &today, order))?;
    Ok(path)
}

/// Creates a new library in `dir`: settings, a moment, a workshop with one
/// module, and a framework article, which build at once.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(ScaffoldError::NotEmpty(dir.to_path_buf()));
    }
    let today = chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    let files: Vec<(&str, String)> = vec![
        (
            "lectern.yaml",
            "# Site settings; see the README for every field.\ntitle: My Leadership Library\ndescription: Moments, workshop modules and frameworks.\nbase_url: /\nlanguage: en\n".into(),
        ),
        (
            ".gitignore",
            "# The built site, what a build keeps for the next one, and the\n# previous site while it is removed.\nsite/\n.lectern-cache/\n.site.*\n"
                .into(),
        ),
        (
            "content/moments/first-moment.md",
            template(NewKind::Moment, "First Moment", &today, 0),
        ),
        (
            "content/workshop/_index.md",
            "---\ntitle: The Workshop\ndescription: What participants will learn.\naudience: Who it is for.\nstart: \"09:00\"\n---\n\nWhat the workshop is about.\n".into(),
        ),
        (
            "content/workshop/first-module.md",
            template(NewKind::Module, "First Module", &today, 1),
        ),
        (
            "content/frameworks/first-framework.md",
            template(NewKind::Framework, "First Framework", &today, 0),
        ),
    ];
    let mut written = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        write_new(&path, &text)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_have_front_matter_that_parses() {
        for kind in [NewKind::Moment, NewKind::Module, NewKind::Framework] {
            let text = template(kind, "A \"quoted\": title", "2026-11-21", 3);
            let split = crate::content::front_matter::split(&text).unwrap();
            let map = crate::content::front_matter::parse_yaml(split.block.unwrap(), 2).unwrap();
            assert_eq!(map["title"].as_str(), Some("A \"quoted\": title"));
        }
    }

    #[test]
    fn new_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let path = new_item(dir.path(), NewKind::Moment, "Delegation Tips").unwrap();
        assert!(path.ends_with("content/moments/delegation-tips.md"));
        std::fs::write(&path, "mine").unwrap();
        assert!(matches!(
            new_item(dir.path(), NewKind::Moment, "Delegation tips"),
            Err(ScaffoldError::Exists(_))
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    }

    #[test]
    fn modules_take_the_next_order() {
        let dir = tempfile::tempdir().unwrap();
        new_item(dir.path(), NewKind::Module, "One").unwrap();
        let second = new_item(dir.path(), NewKind::Module, "Two").unwrap();
        assert!(std::fs::read_to_string(second)
            .unwrap()
            .contains("order: 2"));
    }
}
