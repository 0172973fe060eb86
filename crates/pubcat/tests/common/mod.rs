//! Helpers shared by the integration tests.
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::type_complexity)]

pub mod hostile;

use std::path::{Path, PathBuf};

/// A fresh temporary directory, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("pubcat-test-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    pub fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every byte of a file and of its -wal/-shm companions (absent ones as empty).
pub fn snapshot(path: &Path) -> Vec<Vec<u8>> {
    ["", "-wal", "-shm"]
        .iter()
        .map(|suffix| std::fs::read(format!("{}{suffix}", path.display())).unwrap_or_default())
        .collect()
}

/// `facets` of the whole catalogue two ways: as counted straight from the tables (no filter)
/// and as grouped over a match set that holds every publication (a kinds filter naming every
/// kind there is). Tests compare the two.
pub fn whole_and_filtered_facets(
    c: &pubcat::Catalog,
    facets: &[pubcat::query::Facet],
) -> (pubcat::query::SearchPage, pubcat::query::SearchPage) {
    use pubcat::query::{Facet, Query};
    let mut asked = facets.to_vec();
    if !asked.contains(&Facet::Kind) {
        asked.push(Facet::Kind);
    }
    let whole = c
        .search(&Query {
            facets: asked,
            limit: Some(0),
            ..Query::default()
        })
        .unwrap();
    let every_kind: Vec<pubcat::model::Kind> = whole.facets["kind"]
        .iter()
        .map(|k| k.value.parse().unwrap())
        .collect();
    let filtered = c
        .search(&Query {
            facets: facets.to_vec(),
            kinds: every_kind,
            limit: Some(0),
            ..Query::default()
        })
        .unwrap();
    (whole, filtered)
}
