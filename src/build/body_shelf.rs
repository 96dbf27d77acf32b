//! The build cache's table of bodies, kept a shard at a time as the bodies
//! stage renders them, so that a build holds few rendered bodies at once.
//!
//! Kept at the end of a build, as the other tables are, every body stays
//! in memory from the bodies stage to the end: some 37 MB of packed HTML
//! and text at 10,000 items of 4 KB, the largest part of a first build's
//! peak. Kept as soon as its shard is rendered and read back with its
//! packed bytes left in the file (see [`crate::shared_bytes::Run`]), a
//! body is read from there by the two outputs that need it, the search
//! index and its page.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use super::shards::{keys_fingerprint, shard_of, shard_path, SHARDS};
use crate::markdown::Rendered;

/// Where the bodies stage keeps each shard of bodies as it is rendered.
pub struct BodyShelf {
    dir: PathBuf,
    /// Per shard, the fingerprint of the keys it held when the build
    /// cache was read: a shard with the same keys is not written again.
    read: Option<Vec<u128>>,
    /// Whether a shard could not be kept (the end of the build then keeps
    /// the whole table, and says why if it fails again).
    failed: AtomicBool,
}

impl BodyShelf {
    /// A shelf in the cache folder `dir`, whose shards held keys
    /// fingerprinted `read` when the cache was read.
    pub(super) fn new(dir: PathBuf, read: Option<Vec<u128>>) -> Self {
        BodyShelf {
            dir,
            read,
            failed: AtomicBool::new(false),
        }
    }

    /// How many shards the bodies are kept in.
    pub fn shards(&self) -> usize {
        SHARDS
    }

    /// The shard the body of key `key` is kept in.
    pub fn shard_of(&self, key: u128) -> usize {
        shard_of(key)
    }

    /// Whether every shard given to [`BodyShelf::keep`] was kept.
    pub fn all_kept(&self) -> bool {
        !self.failed.load(Ordering::Relaxed)
    }

    /// Keeps shard `shard`, whose bodies are `bodies` (by key; the same
    /// key may come more than once), and gives back the bodies to hold
    /// from now on, by key: as read back from the file, their packed bytes
    /// left there; or as given, when the shard holds the keys it held when
    /// read (its bodies are then those read, views into the file) or
    /// cannot be written.
    pub fn keep(
        &self,
        shard: usize,
        mut bodies: Vec<(u128, Arc<Rendered>)>,
    ) -> HashMap<u128, Arc<Rendered>> {
        bodies.sort_unstable_by_key(|(key, _)| *key);
        bodies.dedup_by_key(|(key, _)| *key);
        let fingerprint = keys_fingerprint(bodies.iter().map(|(key, _)| *key));
        if self
            .read
            .as_ref()
            .is_some_and(|read| read[shard] == fingerprint)
        {
            return bodies.into_iter().collect();
        }
        let path = shard_path(&self.dir, "bodies", shard);
        let read_back = crate::output::keep_value(&self.dir, &path, &bodies)
            .ok()
            .and_then(|()| crate::output::read_kept_in_file::<Vec<(u128, Arc<Rendered>)>>(&path))
            .filter(|read| read.len() == bodies.len());
        let Some(read_back) = read_back else {
            self.failed.store(true, Ordering::Relaxed);
            return bodies.into_iter().collect();
        };
        read_back
            .into_iter()
            .map(|(key, mut body)| {
                super::cache::tell_key(key, &mut body);
                (key, body)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> Arc<Rendered> {
        let resolve = |_: crate::markdown::RefQuery| crate::library::Reference::Other;
        let options = crate::markdown::MarkdownOptions {
            raw_html: false,
            highlight: false,
            fragments: true,
            anchors: true,
            search_text: true,
        };
        let highlighter = crate::markdown::Highlighter::new();
        let mut body = crate::markdown::render(text, &resolve, &highlighter, options);
        body.pack();
        Arc::new(body)
    }

    #[test]
    fn a_shard_kept_reads_back_the_same_and_is_not_kept_again_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let long = "## Delegation\n\nOne decision at a time, said twice. ".repeat(40);
        let bodies = vec![
            (7u128, body(&long)),
            (3, body("A short body.")),
            (7, body(&long)),
        ];
        let shelf = BodyShelf::new(dir.path().to_path_buf(), None);
        let kept = shelf.keep(5, bodies.clone());
        assert!(shelf.all_kept());
        assert_eq!(kept.len(), 2, "one body per key");
        for (key, given) in &bodies {
            let back = &kept[key];
            assert_eq!(back.key, *key, "told its key");
            assert_eq!(back.html.text(), given.html.text());
            assert_eq!(back.toc, given.toc);
            assert_eq!(back.summary, given.summary);
            assert_eq!(back.search_sections(), given.search_sections());
        }
        let file = shard_path(dir.path(), "bodies", 5);
        assert!(file.exists());
        // A shelf whose shard 5 held these keys when read leaves it be.
        let mut read = vec![0; SHARDS];
        read[5] = keys_fingerprint([3u128, 7].into_iter());
        let again = BodyShelf::new(dir.path().to_path_buf(), Some(read));
        std::fs::remove_file(&file).unwrap();
        let kept = again.keep(5, bodies);
        assert_eq!(kept.len(), 2);
        assert!(!file.exists(), "not written again");
    }

    #[test]
    fn a_shard_that_cannot_be_kept_is_held_as_rendered() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(shard_path(dir.path(), "bodies", 1).join("in-the-way")).unwrap();
        let shelf = BodyShelf::new(dir.path().to_path_buf(), None);
        let given = body("Held as rendered.");
        let kept = shelf.keep(1, vec![(9, Arc::clone(&given))]);
        assert!(!shelf.all_kept());
        assert!(Arc::ptr_eq(&kept[&9], &given));
    }
}
