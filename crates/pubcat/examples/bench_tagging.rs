//! Benchmark of automatic concept tagging (`Catalog::tag_automatically`) over a large
//! catalogue:
//!
//! ```text
//! cargo run --release -p pubcat --example bench_tagging -- [--count 100000] [--seed 1] [--reps 3]
//! ```
//! It generates `--count` publications with `pubcat-generate`, imports them without tags into
//! a catalogue file under `target/bench-data/` (kept for the next run), loads the shipped
//! vocabularies into a copy, then times, alternately, `--reps` times each:
//! - the baseline: one plain scan, through rusqlite, of the texts tagging reads (title,
//!   subtitle, summary, body of every publication);
//! - tagging from scratch: `remove_automatic_tags`, then `tag_automatically` timed alone (it
//!   reads every text, finds the labels, writes the tags and re-indexes the publications whose
//!   tags changed, in one transaction);
//! - a re-run that changes nothing (`tag_automatically` again: reads and matches, no write).
//!
//! It prints the wall-clock median of each, publications per second and the ratios.

use std::path::PathBuf;
use std::time::Instant;

use pubcat::Catalog;
use pubcat_generate::{write_jsonl, GenerateOptions};
use rusqlite::Connection;

mod bench_support;
use bench_support::{arg, median};

/// A generated catalogue without tags (built once, then reused).
fn untagged(count: u64, seed: u64) -> pubcat::Result<PathBuf> {
    bench_support::generated_catalogue(&format!("untagged-{count}-s{seed}.db"), || {
        let mut jsonl = Vec::new();
        write_jsonl(&GenerateOptions { count, seed }, &mut jsonl)?;
        Ok(jsonl)
    })
}

/// The baseline: a plain scan of the texts tagging reads.
fn scan(conn: &Connection) -> rusqlite::Result<usize> {
    let mut stmt =
        conn.prepare_cached("SELECT id, title, subtitle, summary, body FROM publication")?;
    let mut rows = stmt.query([])?;
    let mut bytes = 0;
    while let Some(r) = rows.next()? {
        for column in 1..=4 {
            let text: Option<String> = r.get(column)?;
            bytes += text.map_or(0, |t| t.len());
        }
    }
    Ok(bytes)
}

fn main() -> pubcat::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let count: u64 = arg(&args, "--count")
        .and_then(|c| c.parse().ok())
        .unwrap_or(100_000);
    let seed: u64 = arg(&args, "--seed")
        .and_then(|c| c.parse().ok())
        .unwrap_or(1);
    let reps: usize = arg(&args, "--reps")
        .and_then(|r| r.parse().ok())
        .unwrap_or(3)
        .max(1);
    let source = untagged(count, seed)?;
    let db = source.with_extension("tagging.db");
    let remove = |db: &PathBuf| {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
    };
    remove(&db); // a stale write-ahead log beside a fresh copy would corrupt it
    std::fs::copy(&source, &db)?;
    let catalog = Catalog::open(&db)?;
    catalog.load_builtin_vocabularies()?;
    let conn = Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| pubcat::Error::invalid("db", e.to_string()))?;
    let publications = catalog.stats()?.publications;
    let (mut base, mut fresh, mut rerun) = (Vec::new(), Vec::new(), Vec::new());
    let mut summary = None;
    for _ in 0..reps {
        let t = Instant::now();
        scan(&conn).map_err(|e| pubcat::Error::invalid("scan", e.to_string()))?;
        base.push(t.elapsed().as_secs_f64());
        catalog.remove_automatic_tags()?;
        let t = Instant::now();
        summary = Some(catalog.tag_automatically()?);
        fresh.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let again = catalog.tag_automatically()?;
        rerun.push(t.elapsed().as_secs_f64());
        assert_eq!(again.changed, 0, "a re-run changed tags");
    }
    let (b, f, r) = (median(base), median(fresh), median(rerun));
    let n = publications as f64;
    println!("catalogue: {} ({publications} publications)", db.display());
    println!("baseline, one scan of the texts:   {b:.3} s (median of {reps})");
    println!(
        "tagging from scratch:              {f:.3} s  {:>9.0} publications/s  {:.1}x the scan",
        n / f,
        f / b
    );
    println!(
        "re-run, nothing to change:         {r:.3} s  {:>9.0} publications/s  {:.1}x the scan",
        n / r,
        r / b
    );
    if let Some(s) = summary {
        println!(
            "tags: {} publications read, {} changed, {} tags added",
            s.publications, s.changed, s.added
        );
    }
    drop(conn);
    catalog.close()?;
    drop(catalog);
    remove(&db);
    Ok(())
}
