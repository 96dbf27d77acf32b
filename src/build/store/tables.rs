//! The cache's sharded tables (file loads, bodies, cards): read shard by
//! shard in parallel, and written back only for the shards whose keys
//! changed since they were read.

use std::io;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::Store;
use crate::build::shards::{keys_fingerprint, shard_of, shard_path, SHARDS};
use crate::output::read_kept;

impl Store {
    /// The entries of table `name`, from its shards, and each shard's
    /// fingerprint of keys.
    pub(super) fn read_table<T: DeserializeOwned + Send>(
        &self,
        name: &str,
    ) -> (Vec<u128>, Vec<(u128, T)>) {
        let shards: Vec<(u128, Vec<(u128, T)>)> = (0..SHARDS)
            .into_par_iter()
            .map(|shard| {
                let entries: Vec<(u128, T)> =
                    read_kept(&self.shard_path(name, shard)).unwrap_or_default();
                (keys_fingerprint(entries.iter().map(|(k, _)| *k)), entries)
            })
            .collect();
        let mut fingerprints = Vec::with_capacity(SHARDS);
        let mut all = Vec::new();
        for (fingerprint, entries) in shards {
            fingerprints.push(fingerprint);
            all.extend(entries);
        }
        (fingerprints, all)
    }

    /// Writes the shards of table `name` whose keys changed since read.
    pub(super) fn write_table<T: Serialize + Sync + Send>(
        &self,
        name: &'static str,
        entries: Vec<(u128, T)>,
    ) -> io::Result<()> {
        let mut shards: Vec<Vec<(u128, T)>> = (0..SHARDS).map(|_| Vec::new()).collect();
        for (key, value) in entries {
            shards[shard_of(key)].push((key, value));
        }
        let read = self.read.get(name);
        shards
            .into_par_iter()
            .enumerate()
            .try_for_each(|(shard, mut entries)| {
                entries.sort_unstable_by_key(|(key, _)| *key);
                let fingerprint = keys_fingerprint(entries.iter().map(|(k, _)| *k));
                if read.is_some_and(|read| read[shard] == fingerprint) {
                    return Ok(());
                }
                crate::output::keep_value(&self.dir, &self.shard_path(name, shard), &entries)
            })
    }

    pub(super) fn shard_path(&self, table: &str, shard: usize) -> PathBuf {
        shard_path(&self.dir, table, shard)
    }
}
