//! One writer, eight reader threads and a second reading process on one catalogue file:
//! no busy/locked error reaches the caller, every read sees a consistent snapshot, and the
//! WAL stays bounded.
//!
//! The overlap is proven, not hoped for: the writer starts only once the second process has
//! read (it says so on its stdout), and writes until every reader thread and the second
//! process have each seen the catalogue change several times while reading; no clock
//! decides anything (a ceiling on the number of writes turns a hang into a failure).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{BufRead, BufReader};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use common::TempDir;
use pubcat::formats::CatalogDocument;
use pubcat::model::{Kind, Publication};
use pubcat::query::Query;
use pubcat::Catalog;

/// How many changes each reader (thread or process) must see while it reads.
fn changes_to_see() -> u64 {
    if std::env::var("PUBCAT_LONG_TESTS").is_ok() {
        200
    } else {
        5
    }
}

/// What the second process prints once it has read the catalogue.
const READY: &str = "pubcat-child-ready";

/// Writes after which the test gives up: the readers never saw the writer.
const MAX_WRITES: u64 = 20_000;

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
    stats.publications as u64
}

#[test]
fn one_writer_eight_readers_and_a_second_process() {
    let dir = TempDir::new("concurrency");
    let path = dir.path("c.db");
    let catalog = Arc::new(Catalog::open(&path).unwrap());
    write_pair(&catalog, 0);
    let need = changes_to_see();
    let stop = Arc::new(AtomicBool::new(false));
    let reads = Arc::new(AtomicU64::new(0));
    // Per reader thread: how many times it saw the catalogue change between two reads.
    let seen_changes: Arc<Vec<AtomicU64>> = Arc::new((0..8).map(|_| AtomicU64::new(0)).collect());
    let mut readers = Vec::new();
    for r in 0..8 {
        let (catalog, stop, reads, seen_changes) = (
            Arc::clone(&catalog),
            Arc::clone(&stop),
            Arc::clone(&reads),
            Arc::clone(&seen_changes),
        );
        readers.push(std::thread::spawn(move || {
            let mut last = 0;
            while !stop.load(Ordering::Relaxed) {
                let seen = check_snapshot(&catalog);
                assert!(seen >= last, "a reader went back in time");
                if seen > last && last > 0 {
                    seen_changes[r].fetch_add(1, Ordering::Relaxed);
                }
                last = seen;
                reads.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "child_process_reader",
            "--exact",
            "--nocapture",
            "--include-ignored",
            "--test-threads=1",
        ])
        .env("PUBCAT_CHILD_DB", &path)
        .env("PUBCAT_CHILD_CHANGES", need.to_string())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut child_out = BufReader::new(child.stdout.take().unwrap());
    // Block until the second process has opened the file and read it once.
    let mut line = String::new();
    loop {
        line.clear();
        assert!(
            child_out.read_line(&mut line).unwrap() > 0,
            "the child process ended before reading"
        );
        // libtest prints `test child_process_reader ... ` before the test's own output.
        if line.contains(READY) {
            break;
        }
    }
    let mut writes = 1;
    let mut max_wal = 0;
    let mut child_status = None;
    loop {
        write_pair(&catalog, writes);
        writes += 1;
        let wal = std::fs::metadata(format!("{}-wal", path.display()))
            .map(|m| m.len())
            .unwrap_or(0);
        max_wal = max_wal.max(wal);
        if child_status.is_none() {
            child_status = child.try_wait().unwrap();
        }
        let threads_done = seen_changes
            .iter()
            .all(|n| n.load(Ordering::Relaxed) >= need);
        if child_status.is_some() && threads_done && writes >= 50 {
            break;
        }
        if writes > MAX_WRITES {
            let _ = child.kill();
            panic!(
                "after {writes} writes the readers had not all seen {need} changes: threads {:?}, \
                 child finished: {}",
                seen_changes
                    .iter()
                    .map(|n| n.load(Ordering::Relaxed))
                    .collect::<Vec<_>>(),
                child_status.is_some()
            );
        }
    }
    stop.store(true, Ordering::Relaxed);
    for r in readers {
        r.join().expect("a reader thread failed");
    }
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut child_out, &mut rest).unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "second process failed: {rest}");
    assert!(
        rest.contains(&format!("changes seen: {need}")),
        "the child did not see the writer: {rest}"
    );
    assert_eq!(catalog.stats().unwrap().works as u64, writes);
    assert!(
        max_wal < 64 * 1024 * 1024,
        "the WAL grew to {max_wal} bytes"
    );
    eprintln!(
        "{writes} write transactions, {} reads in threads, child: {}, WAL peak {max_wal} bytes",
        reads.load(Ordering::Relaxed),
        rest.trim()
    );
}

/// Runs only as the child of the test above: says [`READY`] after its first read, then reads
/// until it has seen the catalogue change `PUBCAT_CHILD_CHANGES` times.
#[test]
#[ignore = "runs as a child process of one_writer_eight_readers_and_a_second_process"]
fn child_process_reader() {
    use std::io::Write;
    let Ok(path) = std::env::var("PUBCAT_CHILD_DB") else {
        return;
    };
    let need: u64 = std::env::var("PUBCAT_CHILD_CHANGES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let catalog = Catalog::open(&path).unwrap();
    let mut last = check_snapshot(&catalog);
    println!("{READY}");
    std::io::stdout().flush().unwrap();
    let parent = std::os::unix::process::parent_id();
    let (mut n, mut changes, mut unchanged) = (1u64, 0u64, 0u64);
    while changes < need {
        // The writer writes without pause while this process reads: thousands of reads
        // in a row without a change mean no writer is running beside it.
        assert!(
            unchanged < 10_000,
            "{unchanged} reads in a row saw no write: the writer does not run beside this process"
        );
        // An orphan (the test process died) stops instead of reading forever.
        assert_eq!(
            std::os::unix::process::parent_id(),
            parent,
            "the parent test died"
        );
        let seen = check_snapshot(&catalog);
        assert!(seen >= last, "the child went back in time");
        if seen > last {
            changes += 1;
            unchanged = 0;
        } else {
            unchanged += 1;
        }
        last = seen;
        n += 1;
    }
    println!("child reads: {n}, changes seen: {changes}");
}
