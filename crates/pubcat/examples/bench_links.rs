//! Benchmark of link discovery (`Catalog::suggest_translations`) over a large catalogue:
//!
//! ```text
//! cargo run --release -p pubcat --example bench_links -- [--count 100000] [--seed 1] [--db PATH] [--reps 3]
//! ```
//! Without `--db` it generates `--count` publications with `pubcat-generate` (or reuses the
//! catalogue it built before under `target/bench-data/`), imported with their language links
//! hidden (each publication in a work of its own, as a catalogue imported from a reference
//! manager is). It then times, alternately, `--reps` times each:
//! - the baseline: one plain scan of the publication table reading the columns link
//!   discovery reads (title, subtitle, summary, dates, series, pages) through rusqlite, and
//! - `suggest_translations` with the default options,
//!
//! and prints the wall-clock median of each, their ratio, and what was found.

#[path = "evaluate_links/hidden.rs"]
#[allow(dead_code)] // the parts of the evaluation helpers this benchmark does not use
mod hidden;

use std::path::PathBuf;
use std::time::Instant;

use pubcat::{Catalog, SuggestOptions};
use pubcat_generate::{write_jsonl, GenerateOptions};
use rusqlite::Connection;

mod bench_support;
use bench_support::{arg, median};

/// The catalogue to measure: `--db`, or a generated one with its links hidden.
fn catalogue(args: &[String]) -> pubcat::Result<(PathBuf, Option<hidden::Pairs>)> {
    if let Some(db) = arg(args, "--db") {
        return Ok((PathBuf::from(db), None));
    }
    let count: u64 = arg(args, "--count")
        .and_then(|c| c.parse().ok())
        .unwrap_or(100_000);
    let seed: u64 = arg(args, "--seed")
        .and_then(|c| c.parse().ok())
        .unwrap_or(1);
    let mut jsonl = Vec::new();
    write_jsonl(&GenerateOptions { count, seed }, &mut jsonl)?;
    let (jsonl, truth) = hidden::hide_in_jsonl(&String::from_utf8_lossy(&jsonl));
    let db = bench_support::generated_catalogue(&format!("links-{count}-s{seed}.db"), || {
        Ok(jsonl.into_bytes())
    })?;
    Ok((db, Some(truth)))
}

/// The baseline: a plain scan of what link discovery reads of the publication table.
fn scan(conn: &Connection) -> rusqlite::Result<usize> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, uid, work_id, language, kind, title, subtitle, summary, date_lower,
                date_upper, date_precision, series_id, series_number, pages FROM publication",
    )?;
    let mut rows = stmt.query([])?;
    let mut bytes = 0;
    while let Some(r) = rows.next()? {
        let title: String = r.get(5)?;
        let summary: Option<String> = r.get(7)?;
        bytes += title.len() + summary.map_or(0, |s| s.len());
    }
    Ok(bytes)
}

fn main() -> pubcat::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let reps: usize = arg(&args, "--reps")
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let (db, truth) = catalogue(&args)?;
    let catalog = Catalog::open_read_only(&db)?;
    let conn = Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| pubcat::Error::invalid("db", e.to_string()))?;
    let publications = catalog.stats()?.publications;
    let (mut base, mut ours) = (Vec::new(), Vec::new());
    let mut found = Vec::new();
    for _ in 0..reps.max(1) {
        let t = Instant::now();
        scan(&conn).map_err(|e| pubcat::Error::invalid("scan", e.to_string()))?;
        base.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        found = catalog.suggest_translations(&SuggestOptions::default())?;
        ours.push(t.elapsed().as_secs_f64());
    }
    let (b, s) = (median(base), median(ours));
    println!("catalogue: {} ({publications} publications)", db.display());
    println!("baseline, one scan of the publication table: {b:.3} s (median of {reps})");
    println!("suggest_translations, default options:      {s:.3} s (median of {reps})");
    println!(
        "ratio {:.1}x the scan; {:.0} publications/s; {} suggestions",
        s / b,
        publications as f64 / s,
        found.len()
    );
    if let Some(truth) = truth {
        let m = hidden::Measure::of(&hidden::suggested(&found), &truth);
        println!(
            "hidden links found again: precision {:.3}, recall {:.3} ({} true pairs)",
            m.precision(),
            m.recall(),
            truth.len()
        );
    }
    Ok(())
}
