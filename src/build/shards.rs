//! How the build cache's tables (file loads, bodies, cards) are cut into
//! shards, by key: a build after a small edit rewrites the few shards whose
//! keys changed, which their fingerprints of keys tell.

use std::path::{Path, PathBuf};

use crate::fingerprint::Hasher;

/// File loads and bodies are each kept in this many files, by key, so that
/// a build after a small edit rewrites a few of them rather than all.
pub(super) const SHARDS: usize = 64;

/// The file of shard `shard` of table `table` in the cache folder `dir`.
pub(super) fn shard_path(dir: &Path, table: &str, shard: usize) -> PathBuf {
    dir.join(format!("{table}-{shard:02}.bin"))
}

/// The shard of a table the entry of key `key` is kept in.
pub(super) fn shard_of(key: u128) -> usize {
    (key % SHARDS as u128) as usize
}

/// The fingerprint of a shard's keys, in order; 0 for none.
pub(super) fn keys_fingerprint(keys: impl Iterator<Item = u128>) -> u128 {
    let mut hasher = Hasher::new();
    let mut any = false;
    for key in keys {
        any = true;
        hasher.update(&key.to_le_bytes());
    }
    if any {
        hasher.finish()
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_cover_every_key_and_empty_shards_fingerprint_to_zero() {
        assert!((0..1000u128).all(|k| shard_of(k * 7919) < SHARDS));
        assert_eq!(keys_fingerprint(std::iter::empty()), 0);
        assert_ne!(keys_fingerprint([1u128].into_iter()), 0);
        assert_ne!(
            keys_fingerprint([1u128, 2].into_iter()),
            keys_fingerprint([2u128, 1].into_iter())
        );
    }
}
