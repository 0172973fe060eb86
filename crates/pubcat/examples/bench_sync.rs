//! Size and speed of a delta file (offline sync, docs/SYNC.md):
//!
//! ```text
//! cargo run --release -p pubcat --example bench_sync -- [--count 100000] [--changed 1000] [--seed 1]
//! ```
//! It generates `--count` publications with `pubcat-generate` and imports them into a catalogue
//! file under `target/bench-data/` (kept for the next run), copies it twice (the source and a
//! replica: a copy of the source is a replica of it), changes `--changed` publications spread
//! over the catalogue on the source (a new title and an added identifier each), then writes
//! the delta file of those changes and applies it to the replica. It prints the delta's size
//! against the JSON Lines of the same records (pubcat's `.jsonl` lines of the changed
//! publications, as `pubcat export --format jsonl` writes them), the export and apply times,
//! and checks that the replica's native export equals the source's.

use std::time::Instant;

use pubcat::model::{IdScheme, Identifier};
use pubcat::sync::ConflictPolicy;
use pubcat::Catalog;
use pubcat_generate::{write_jsonl, GenerateOptions};
use rusqlite::Connection;

#[allow(dead_code)] // the other benchmarks use the rest of it
mod bench_support;
use bench_support::arg;

fn main() -> pubcat::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |name: &str, default: u64| {
        arg(&args, name)
            .and_then(|c| c.parse().ok())
            .unwrap_or(default)
    };
    let (count, changed, seed) = (
        number("--count", 100_000),
        number("--changed", 1_000),
        number("--seed", 1),
    );
    let base = bench_support::generated_catalogue(&format!("sync-{count}-s{seed}.db"), || {
        let mut jsonl = Vec::new();
        write_jsonl(&GenerateOptions { count, seed }, &mut jsonl)?;
        Ok(jsonl)
    })?;
    let dir = std::env::temp_dir().join(format!("pubcat-bench-sync-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let (source_path, replica_path) = (dir.join("source.db"), dir.join("replica.db"));
    Catalog::open_read_only(&base)?.backup(&source_path)?;
    Catalog::open_read_only(&base)?.backup(&replica_path)?;
    let source = Catalog::open(&source_path)?;
    let since = source.version()?;

    // The publications to change: evenly spread row ids.
    let uids: Vec<String> = {
        let conn = Connection::open(&source_path).map_err(pubcat::Error::from)?;
        let total: i64 = conn
            .query_row("SELECT count(*) FROM publication", [], |r| r.get(0))
            .map_err(pubcat::Error::from)?;
        let step = (total / changed.max(1) as i64).max(1);
        let mut stmt = conn
            .prepare("SELECT uid FROM publication WHERE (id % ?1) = 0 ORDER BY id LIMIT ?2")
            .map_err(pubcat::Error::from)?;
        let rows = stmt
            .query_map([step, changed as i64], |r| r.get(0))
            .map_err(pubcat::Error::from)?;
        rows.collect::<Result<_, _>>()
            .map_err(pubcat::Error::from)?
    };
    let t = Instant::now();
    let mut jsonl_bytes = "{\"format\":\"pubcat\",\"version\":1}\n".len();
    for (i, uid) in uids.iter().enumerate() {
        let mut p = source.publication_as_written(uid)?;
        p.title = format!("{} (revised edition)", p.title);
        p.identifiers.push(Identifier::new(
            IdScheme::Handle,
            format!("20.500.12345/sync-{i}"),
        ));
        source.upsert_publication(&p)?;
        let written = source.publication_as_written(uid)?;
        let line = serde_json::to_vec(&serde_json::json!({ "publication": written }))
            .map_err(|e| pubcat::Error::invalid("json", e.to_string()))?;
        jsonl_bytes += line.len() + 1;
    }
    let write_s = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let written = source.export_changes_to_path(since, dir.join("update.delta"))?;
    let export_s = t.elapsed().as_secs_f64();
    let replica = Catalog::open(&replica_path)?;
    let t = Instant::now();
    let applied =
        replica.apply_changes_from_path(dir.join("update.delta"), ConflictPolicy::Refuse)?;
    let apply_s = t.elapsed().as_secs_f64();
    let same = replica.export_document()? == source.export_document()?;

    println!(
        "catalogue: {count} publications (seed {seed}); changed: {} publications",
        uids.len()
    );
    println!(
        "delta: {} records, {} bytes; JSON Lines of the changed records: {} bytes; ratio {:.3} (target <= 1.2)",
        written.records,
        written.bytes,
        jsonl_bytes,
        written.bytes as f64 / jsonl_bytes as f64
    );
    println!(
        "writes {write_s:.2} s; export_changes {:.1} ms; apply_changes {:.1} ms ({} records); replica identical: {same}",
        export_s * 1e3,
        apply_s * 1e3,
        applied.applied
    );
    drop((source, replica));
    let _ = std::fs::remove_dir_all(&dir);
    if !same {
        return Err(pubcat::Error::Conflict(
            "the replica differs from the source".into(),
        ));
    }
    Ok(())
}
