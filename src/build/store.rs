//! The build cache on disk, in `.lectern-cache/build-<identity>/`: what a
//! second `lectern build` reuses from the first.
//!
//! It keeps what is costly to make and cheap to read back, each under the
//! key of what it was made from: each file's load (front matter read,
//! references found), by the file's path and bytes; rendered bodies, by
//! [`super::cache`]'s body key; the link stage's library-wide results
//! (related items, repeats), by what each read; each item's body
//! references' targets, by its body and the library's names; item cards,
//! by their template and values; the search index's blocks, by their documents'
//! fingerprint; and, for the site the last build made, each page's
//! fingerprint and the fingerprint of every generated file's bytes, so that
//! what did not change is linked from that site rather than made again. The
//! identity in the folder's name is the Lectern binary, the project folder,
//! the settings file and the build's options: any change to one starts a
//! new cache. Nothing in it is needed: deleting it makes the next build a
//! cold one.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use super::body_shelf::BodyShelf;
use super::stamp::Stamp;
use super::{BuildOptions, Caches, InputCache};
use crate::content::FileLoad;
use crate::fingerprint::Hasher;
use crate::library::{KeptTargets, LinkMemo};
use crate::markdown::Rendered;
use crate::output::{read_kept, PreviousSite};
use crate::search::IndexCache;
use crate::site::OutputCache;
use identity::identity;

mod identity;
mod tables;

/// The build cache of one project, for one identity.
pub struct Store {
    dir: PathBuf,
    /// Per table and shard, the fingerprint of the keys it held when read:
    /// a shard whose keys are the same holds the same values and is not
    /// rewritten.
    read: HashMap<&'static str, Vec<u128>>,
    /// What the last build wrote into the site, by path: the fingerprint
    /// of each generated file's bytes.
    written_before: HashMap<String, u128>,
    /// Every file the last build left in the site read by [`Store::read`],
    /// when that site is the one the cache records.
    files_before: Option<Vec<String>>,
    /// The keys of the link stage's results when read: unchanged, they are
    /// not written again.
    link_read: [Option<u128>; 2],
    /// The key of the body references' targets when read (see
    /// `link_read`).
    targets_read: Option<u128>,
    /// Whether the table of file loads was kept already, before the
    /// outputs (see [`Store::write_loads`]).
    loads_written: bool,
    /// Whether the table of bodies was kept already, by the bodies stage
    /// (see [`Store::body_shelf`]).
    bodies_written: bool,
}

/// A file's load as kept: its path, the fingerprint of its bytes, its
/// stamp, the load.
type KeptFile = (PathBuf, u128, Option<Stamp>, FileLoad);
/// A [`KeptFile`] as written, borrowed from the cache.
type KeptFileRef<'a> = (&'a PathBuf, u128, Option<Stamp>, &'a FileLoad);

/// The pages of the last build: which output folder they are in and the
/// fingerprint each was made from; and the search chunks it was built
/// with (whose fragment files are in that folder).
#[derive(Serialize, Deserialize)]
struct SavedPages {
    site: PathBuf,
    pages: Vec<(String, u128)>,
    index: crate::search::IndexInSite,
    /// The fingerprint of the bytes of each generated file written.
    written: Vec<(String, u128)>,
    /// Every file of the site, by path.
    files: Vec<String>,
    /// The name of the build that wrote the folder (in its marker file).
    build: String,
}

impl Store {
    /// The cache of the project at `options.root` for this Lectern binary,
    /// settings and options.
    pub fn open(options: &BuildOptions) -> Store {
        let dir = options
            .root
            .join(".lectern-cache")
            .join(format!("build-{:032x}", identity(options)));
        Store {
            dir,
            read: HashMap::default(),
            written_before: HashMap::default(),
            files_before: None,
            link_read: [None; 2],
            targets_read: None,
            loads_written: false,
            bodies_written: false,
        }
    }

    /// What the last build kept, for a build replacing the output folder
    /// `previous` (what the cache says of the site's pages and files is
    /// trusted only for that folder as the build named in its marker left
    /// it). An unreadable or missing part is simply not reused.
    pub fn read(&mut self, previous: &PreviousSite) -> Caches {
        let _t = crate::timings::stage("cache read");
        let tables = crate::timings::stage("  tables");
        // The three single files, beside the three sharded tables.
        let link_and_pages = || {
            rayon::join(
                || {
                    let (link, targets) = rayon::join(
                        || read_kept::<LinkMemo>(&self.dir.join("link.bin")).unwrap_or_default(),
                        || read_kept::<KeptTargets>(&self.dir.join("targets.bin")),
                    );
                    link.with_targets(targets.unwrap_or_default())
                },
                || read_kept::<SavedPages>(&self.dir.join("pages.bin")),
            )
        };
        let ((files, (link, saved)), (bodies, cards)) = rayon::join(
            || rayon::join(|| self.read_table::<KeptFile>("files"), link_and_pages),
            || {
                rayon::join(
                    || self.read_table::<Arc<Rendered>>("bodies"),
                    || self.read_table::<Arc<str>>("cards"),
                )
            },
        );
        drop(tables);
        let _site = crate::timings::stage("  site");
        self.link_read = link.keys();
        self.targets_read = link.targets().key();
        let (files_read, files) = files;
        let (bodies_read, bodies) = bodies;
        let (cards_read, cards) = cards;
        self.read.insert("files", files_read);
        self.read.insert("bodies", bodies_read);
        self.read.insert("cards", cards_read);
        let saved = saved.filter(|saved| {
            saved.site == previous.dir() && Some(saved.build.as_str()) == previous.build()
        });
        let search = self.dir.join("search");
        // Each side is tens of thousands of map entries.
        let (inputs, (outputs, site_record)) = rayon::join(
            || {
                let files = files
                    .into_iter()
                    .map(|(_, (path, key, stamp, load))| (path, (key, stamp, load)))
                    .collect();
                InputCache::kept(files, bodies.into_iter().collect(), link)
            },
            || {
                let in_site = saved.as_ref().map(|s| s.index.clone()).unwrap_or_default();
                let mut outputs = OutputCache::on_disk(previous, search, in_site);
                outputs.insert_cards(cards);
                let site_record = saved.map(|saved| {
                    for (path, key) in saved.pages {
                        let file = previous.file(&path);
                        outputs.insert_unchanged(path, key, file);
                    }
                    (saved.written.into_iter().collect(), saved.files)
                });
                (outputs, site_record)
            },
        );
        if let Some((written, files)) = site_record {
            self.written_before = written;
            self.files_before = Some(files);
        }
        Caches { inputs, outputs }
    }

    /// What the last build left in the site read by [`Store::read`]: the
    /// fingerprint of each generated file's bytes, by path, and, when the
    /// site is the one the cache records, every file's path.
    pub fn take_site_record(&mut self) -> (HashMap<String, u128>, Option<Vec<String>>) {
        (
            std::mem::take(&mut self.written_before),
            self.files_before.take(),
        )
    }

    /// Keeps the table of file loads now, ahead of [`Store::write`] (which
    /// then leaves it as it is): a build that writes once lets go of the
    /// loads' texts after this, rather than holding them through its
    /// outputs only to keep them at the end.
    pub fn write_loads(&mut self, inputs: &InputCache) -> io::Result<()> {
        let _t = crate::timings::stage("cache loads");
        std::fs::create_dir_all(&self.dir)?;
        self.write_table("files", Self::loads(inputs))?;
        self.loads_written = true;
        Ok(())
    }

    /// Where the bodies stage keeps the table of bodies, a shard at a time
    /// as it renders them (see [`BodyShelf`]).
    pub fn body_shelf(&self) -> BodyShelf {
        BodyShelf::new(self.dir.clone(), self.read.get("bodies").cloned())
    }

    /// Says that `shelf`, from [`Store::body_shelf`], was given every
    /// body of the build: [`Store::write`] then leaves the table of bodies
    /// as the shelf kept it, unless a shard could not be kept.
    pub fn bodies_shelved(&mut self, shelf: &BodyShelf) {
        self.bodies_written = shelf.all_kept();
    }

    /// The file loads of `inputs` as the table keeps them.
    fn loads(inputs: &InputCache) -> Vec<(u128, KeptFileRef<'_>)> {
        inputs
            .file_entries()
            .map(|(path, key, stamp, load)| (file_key(path, key, stamp), (path, key, stamp, load)))
            .collect()
    }

    /// Keeps what this build made for the next one: the shards of file
    /// loads, bodies and cards that changed, every page's fingerprint, the
    /// search chunks used, and the fingerprints of the generated files
    /// `written` into the site, and the path of every file of the site,
    /// `files`. Caches of other identities are removed.
    pub fn write(
        &self,
        caches: &Caches,
        written: Vec<(String, u128)>,
        files: Vec<String>,
        build: &str,
    ) -> io::Result<()> {
        let _t = crate::timings::stage("cache write");
        std::fs::create_dir_all(&self.dir)?;
        // The parts are written side by side: at the end of a first build
        // this is all that is left to do, and one table alone keeps only
        // one core busy part of the time.
        let tables = || -> io::Result<()> {
            let (files, (bodies, cards)) = rayon::join(
                || match self.loads_written {
                    true => Ok(()),
                    false => self.write_table("files", Self::loads(&caches.inputs)),
                },
                || {
                    rayon::join(
                        || {
                            if self.bodies_written {
                                return Ok(());
                            }
                            self.write_table("bodies", caches.inputs.body_entries().collect())
                        },
                        || {
                            let cards: Vec<(u128, &Arc<str>)> = caches
                                .outputs
                                .cards()
                                .iter()
                                .map(|(key, html)| (*key, html))
                                .collect();
                            self.write_table("cards", cards)
                        },
                    )
                },
            );
            files.and(bodies).and(cards)
        };
        let records = || -> io::Result<()> {
            let link = &caches.inputs.link;
            if link.keys() != self.link_read {
                crate::output::keep_value(&self.dir, &self.dir.join("link.bin"), link)?;
            }
            if link.targets().key() != self.targets_read {
                crate::output::keep_value(
                    &self.dir,
                    &self.dir.join("targets.bin"),
                    link.targets(),
                )?;
            }
            let mut pages: Vec<(String, u128)> = caches
                .outputs
                .page_keys()
                .map(|(path, key)| (path.to_string(), key))
                .collect();
            pages.sort_unstable();
            let site = caches
                .outputs
                .site()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            crate::output::keep_value(
                &self.dir,
                &self.dir.join("pages.bin"),
                &SavedPages {
                    site,
                    pages,
                    index: caches.outputs.search().in_site(),
                    written,
                    files,
                    build: build.to_string(),
                },
            )
        };
        let (tables, records) = rayon::join(tables, records);
        tables.and(records)?;
        self.remove_unused_chunks(&caches.outputs);
        self.remove_other_identities();
        Ok(())
    }

    /// Removes the search chunks this build did not use (it wrote those
    /// it made as it made them).
    fn remove_unused_chunks(&self, outputs: &OutputCache) {
        let used = outputs.search().used();
        for old in self.chunk_keys() {
            if !used.contains(&old) {
                let _ = std::fs::remove_file(self.chunk_path(old));
            }
        }
    }

    fn chunk_path(&self, key: u128) -> PathBuf {
        IndexCache::chunk_file(&self.dir.join("search"), key)
    }

    /// The keys of the search chunks on disk.
    fn chunk_keys(&self) -> Vec<u128> {
        let Ok(entries) = std::fs::read_dir(self.dir.join("search")) else {
            return Vec::new();
        };
        entries
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name();
                let hex = name.to_str()?.strip_suffix(".bin")?;
                u128::from_str_radix(hex, 16).ok()
            })
            .collect()
    }
}

/// A file load's key in the cache: its path, its bytes and its stamp (a
/// new stamp of the same bytes is kept too, so a file read again because
/// its stamp could not vouch for it is not read every time).
fn file_key(path: &Path, bytes: u128, stamp: Option<Stamp>) -> u128 {
    let mut hasher = Hasher::new();
    hasher.text(&path.to_string_lossy());
    hasher.update(&bytes.to_le_bytes());
    crate::fingerprint::feed(&mut hasher, &stamp);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_load_comes_back_from_the_cache_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("content/moments/a.md");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(
            &file,
            "---\ntitle: A\ndate: 2026-01-13T09:30:00+02:00\nupdated: 2026-02-01\npotential: high\ncontent_potential: low\nmood: {deep: [1, \"two\"]}\nrelated_content: [missing.md]\nslug: Bad Slug!\n---\n# A\n\nSee [b](b.md) and `some-slug`.\n",
        )
        .unwrap();
        let load = crate::content::load_one(dir.path(), &file);
        assert!(load.item.is_some());
        let item = load.item.as_ref().unwrap();
        assert!(item
            .front
            .date
            .is_some_and(|d| d.has_time && d.offset.is_some()));
        assert!(!item.front.extra.is_empty() && !item.refs.is_empty());
        assert!(!load.diagnostics.is_empty(), "{:?}", load.diagnostics);
        let bytes = bincode::serialize(&load).unwrap();
        let back: FileLoad = bincode::deserialize(&bytes).unwrap();
        assert_eq!(format!("{back:?}"), format!("{load:?}"));
    }

    #[test]
    fn identity_follows_settings_and_options() {
        let dir = tempfile::tempdir().unwrap();
        let options = BuildOptions::new(dir.path());
        let first = identity(&options);
        assert_eq!(first, identity(&options));
        std::fs::write(dir.path().join("lectern.yaml"), "title: A\n").unwrap();
        let with_settings = identity(&options);
        assert_ne!(first, with_settings);
        let drafts = BuildOptions {
            drafts: true,
            ..options.clone()
        };
        assert_ne!(with_settings, identity(&drafts));
    }
}
