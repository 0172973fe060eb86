//! One writer, eight reader threads and a second reading process on one catalogue file:
//! no busy/locked error reaches the caller, every read sees a consistent snapshot, and the
//! WAL stays bounded.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::TempDir;
use pubcat::formats::native::CatalogDocument;
use pubcat::model::{Kind, Publication};
use pubcat::query::Query;
use pubcat::Catalog;

fn seconds() -> u64 {
    if std::env::var("PUBCAT_LONG_TESTS").is_ok() {
        30
    } else {
        3
    }
}

/// Each write adds one work in two languages in one transaction: in every consistent
/// snapshot, publications = 2 × works.
fn write_pair(catalog: &Catalog, n: u64) {
    let en = Publication::new(
        format!("w{n}-en"),
        "en",
        format!("Gold report {n}"),
        Kind::Report,
    );
    let mut fr = Publication::new(
        format!("w{n}-fr"),
        "fr",
        format!("Rapport or {n}"),
        Kind::Report,
    );
    fr.work = Some(format!("w{n}-en"));
    let doc = CatalogDocument {
        publications: vec![en, fr],
        ..Default::default()
    };
    catalog.import_document(&doc).unwrap();
}

fn check_snapshot(catalog: &Catalog) -> u64 {
    let stats = catalog.stats().unwrap();
    assert_eq!(
        stats.publications,
        2 * stats.works,
        "inconsistent snapshot: {stats:?}"
    );
    let page = catalog
        .search(&Query {
            prefer_languages: vec!["fr".into()],
            limit: Some(5),
            ..Query::default()
        })
        .unwrap();
    assert!(
        page.hits.iter().all(|h| h.language == "fr"),
        "a work was seen without its French version"
    );
    stats.publications
}

#[test]
fn one_writer_eight_readers_and_a_second_process() {
    let dir = TempDir::new("concurrency");
    let path = dir.path("c.db");
    let catalog = Arc::new(Catalog::open(&path).unwrap());
    write_pair(&catalog, 0);
    let stop = Arc::new(AtomicBool::new(false));
    let reads = Arc::new(AtomicU64::new(0));
    let mut readers = Vec::new();
    for _ in 0..8 {
        let (catalog, stop, reads) = (Arc::clone(&catalog), Arc::clone(&stop), Arc::clone(&reads));
        readers.push(std::thread::spawn(move || {
            let mut last = 0;
            while !stop.load(Ordering::Relaxed) {
                let seen = check_snapshot(&catalog);
                assert!(seen >= last, "a reader went back in time");
                last = seen;
                reads.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    let child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "child_process_reader",
            "--exact",
            "--nocapture",
            "--include-ignored",
        ])
        .env("PUBCAT_CHILD_DB", &path)
        .env("PUBCAT_CHILD_SECONDS", seconds().to_string())
        .output();
    let deadline = Instant::now() + Duration::from_secs(seconds());
    let mut writes = 1;
    let mut max_wal = 0;
    while Instant::now() < deadline || writes < 50 {
        write_pair(&catalog, writes);
        writes += 1;
        let wal = std::fs::metadata(format!("{}-wal", path.display()))
            .map(|m| m.len())
            .unwrap_or(0);
        max_wal = max_wal.max(wal);
    }
    stop.store(true, Ordering::Relaxed);
    for r in readers {
        r.join().expect("a reader thread failed");
    }
    let child = child.unwrap();
    assert!(
        child.status.success(),
        "second process failed: {}",
        String::from_utf8_lossy(&child.stdout)
    );
    assert!(
        String::from_utf8_lossy(&child.stdout).contains("child reads:"),
        "the child did not run"
    );
    assert_eq!(catalog.stats().unwrap().works, writes);
    assert!(reads.load(Ordering::Relaxed) > 0);
    assert!(
        max_wal < 64 * 1024 * 1024,
        "the WAL grew to {max_wal} bytes"
    );
    eprintln!(
        "{writes} write transactions, {} reads, WAL peak {max_wal} bytes",
        reads.load(Ordering::Relaxed)
    );
}

/// Runs only as the child of the test above.
#[test]
#[ignore = "runs as a child process of one_writer_eight_readers_and_a_second_process"]
fn child_process_reader() {
    let Ok(path) = std::env::var("PUBCAT_CHILD_DB") else {
        return;
    };
    let secs: u64 = std::env::var("PUBCAT_CHILD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let catalog = Catalog::open(&path).unwrap();
    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut n = 0;
    while Instant::now() < deadline {
        check_snapshot(&catalog);
        n += 1;
    }
    println!("child reads: {n}");
}
