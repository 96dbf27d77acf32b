//! Where the library's files and previous addresses go: assets beside
//! their bundle's page, and the redirect pages `aliases:` ask for.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use crate::content::{Asset, Item};

/// Where each asset is published: beside its bundle's page (Hugo's page
/// resources) when it sits in the folder of a `folder/index.md` whose page
/// has another address (a `slug:`, a name made URL-safe), else at its path
/// under `content/`.
pub fn asset_paths(items: &[Arc<Item>], paths: &[String], assets: &[Asset]) -> Vec<String> {
    let mut bundles: HashMap<String, usize> = HashMap::default();
    for (id, item) in items.iter().enumerate() {
        let is_bundle = item
            .source
            .file_stem()
            .is_some_and(|s| s == "index" || s == "_index");
        if is_bundle {
            if let Some(folder) = item
                .source
                .parent()
                .and_then(|p| p.strip_prefix("content").ok())
            {
                let folder = folder
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                bundles.insert(folder, id);
            }
        }
    }
    assets
        .iter()
        .map(|asset| {
            if bundles.is_empty() || asset.in_static {
                return asset.key.clone();
            }
            let mut folder = asset.key.as_str();
            while let Some(slash) = folder.rfind('/') {
                folder = &folder[..slash];
                if let Some(&id) = bundles.get(folder) {
                    return format!("{}{}", paths[id], &asset.key[folder.len() + 1..]);
                }
            }
            asset.key.clone()
        })
        .collect()
}

/// The redirect pages the items' `aliases:` ask for: an alias that is the
/// item's own address needs none, and an address two items claim goes to
/// the first (by file path) with a warning naming both.
pub fn redirects(
    items: &[Arc<Item>],
    paths: &[String],
) -> (Vec<(String, usize)>, Vec<crate::diagnostics::Diagnostic>) {
    let mut taken: HashMap<&str, usize> = HashMap::default();
    let mut redirects = Vec::new();
    let mut problems = Vec::new();
    for (id, item) in items.iter().enumerate() {
        for alias in &item.front.aliases {
            if alias.trim_end_matches("index.html") == paths[id] {
                continue;
            }
            match taken.get(alias.as_str()) {
                Some(&first) if first != id => problems.push(
                    crate::diagnostics::Diagnostic::warning(
                        &item.source,
                        format!(
                            "alias `/{}` is also an alias of {}, which keeps it",
                            alias.trim_end_matches("index.html"),
                            items[first].source.display()
                        ),
                    )
                    .with_help("remove the alias from one of the two files"),
                ),
                Some(_) => {}
                None => {
                    taken.insert(alias, id);
                    redirects.push((alias.clone(), id));
                }
            }
        }
    }
    (redirects, problems)
}
