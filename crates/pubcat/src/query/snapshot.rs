//! Relevance snapshots: exactly-once pagination for relevance order.
//!
//! Relevance scores (bm25) depend on the whole corpus, so when publications are added between
//! two pages the scores of the others shift, and a plain keyset cursor could skip or repeat a
//! hit. When a relevance search has more than one page, pubcat therefore records the ranked
//! ids of the first [`snapshot_size`] hits (the first [`SNAPSHOT_PAGES`] pages, at most
//! [`SNAPSHOT_MAX`] hits), taken in the same read as the first page, in a small per-catalogue
//! cache; later pages read their ids from it (skipping publications that were deleted
//! meanwhile). Beyond the snapshot, or when it was evicted (the cache keeps the
//! [`CACHE_ENTRIES`] most recent ones, for the life of the `Catalog`), pagination falls back
//! to the keyset on `(score, id)`, which is exact only while the corpus does not change.
//!
//! Why pages and not a fixed 10,000 hits: the snapshot is ranked in the first page's read, and
//! FTS5 keeps the best N of every match, so its cost grows with N (a common word at 100k:
//! 14.1 ms for the best 10,000 against 7.1 ms for the best 20; docs/BENCHMARKS.md). Fifty
//! pages is more than a reader pages through; an app that wants more asks for bigger pages.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// How many pages of ranked ids a snapshot keeps.
pub const SNAPSHOT_PAGES: usize = 50;
/// The most ranked ids a snapshot keeps, whatever the page size.
pub const SNAPSHOT_MAX: usize = 10_000;

/// How many ranked ids the snapshot of a search with pages of `limit` hits keeps:
/// [`SNAPSHOT_PAGES`] pages, at most [`SNAPSHOT_MAX`] ids, and always more than one page.
pub fn snapshot_size(limit: u32) -> usize {
    let page = limit as usize;
    (page * SNAPSHOT_PAGES).min(SNAPSHOT_MAX).max(page + 1)
}
/// How many snapshots a catalogue keeps.
pub const CACHE_ENTRIES: usize = 32;

/// Ranked `(id, score)` of one relevance search.
#[derive(Debug)]
pub struct Snapshot {
    /// The best hits, best first.
    pub ranked: Vec<(i64, f64)>,
    /// Whether the search has more hits than the snapshot holds (then pagination continues
    /// with the keyset after its last one).
    pub truncated: bool,
}

/// A shared snapshot.
pub type Ranked = Arc<Snapshot>;

/// The cache of relevance snapshots of one catalogue.
#[derive(Debug, Default)]
pub struct SnapshotCache {
    inner: Mutex<(u64, VecDeque<(u64, Ranked)>)>,
}

impl SnapshotCache {
    /// Stores a snapshot and returns its token.
    pub fn insert(&self, snapshot: Snapshot) -> u64 {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        guard.0 += 1;
        let token = guard.0;
        guard.1.push_back((token, Arc::new(snapshot)));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_holds_fifty_pages_up_to_ten_thousand_ids_and_always_a_second_page() {
        assert_eq!(snapshot_size(20), 1_000);
        assert_eq!(snapshot_size(100), 5_000);
        assert_eq!(snapshot_size(1_000), 10_000);
        assert_eq!(snapshot_size(20_000), 20_001);
        assert_eq!(snapshot_size(1), 50);
    }
}
