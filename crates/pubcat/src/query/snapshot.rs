//! Relevance snapshots: exactly-once pagination for relevance order.
//!
//! Relevance scores (bm25) depend on the whole corpus, so when publications are added between
//! two pages the scores of the others shift, and a plain keyset cursor could skip or repeat a
//! hit. When a relevance search has more than one page, pubcat therefore records the ranked
//! ids of the first [`SNAPSHOT_SIZE`] hits, taken in the same read as the first page, in a
//! small per-catalogue cache; later pages read their ids from it (skipping publications that
//! were deleted meanwhile). Beyond the snapshot, or when it was evicted (the cache keeps the
//! [`CACHE_ENTRIES`] most recent ones, for the life of the `Catalog`), pagination falls back
//! to the keyset on `(score, id)`, which is exact only while the corpus does not change.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// How many ranked ids a snapshot keeps.
pub const SNAPSHOT_SIZE: usize = 10_000;
/// How many snapshots a catalogue keeps.
pub const CACHE_ENTRIES: usize = 32;

/// Ranked `(id, score)` of one relevance search.
pub type Ranked = Arc<Vec<(i64, f64)>>;

/// The cache of relevance snapshots of one catalogue.
#[derive(Debug, Default)]
pub struct SnapshotCache {
    inner: Mutex<(u64, VecDeque<(u64, Ranked)>)>,
}

impl SnapshotCache {
    /// Stores a snapshot and returns its token.
    pub fn insert(&self, ranked: Vec<(i64, f64)>) -> u64 {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        guard.0 += 1;
        let token = guard.0;
        guard.1.push_back((token, Arc::new(ranked)));
        while guard.1.len() > CACHE_ENTRIES {
            guard.1.pop_front();
        }
        token
    }

    /// The snapshot of `token`, if still cached.
    pub fn get(&self, token: u64) -> Option<Ranked> {
        let guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        guard
            .1
            .iter()
            .find(|(t, _)| *t == token)
            .map(|(_, r)| Arc::clone(r))
    }
}
