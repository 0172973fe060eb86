//! What the enrichment benchmarks (`bench_links`, `bench_tagging`) share: their command-line
//! options, the median of timings, and a generated catalogue built once under
//! `target/bench-data/` and reused.

use std::path::PathBuf;

use pubcat::formats::{Format, ImportOptions};
use pubcat::Catalog;

/// The value after option `name` (`--count 1000`), if given.
pub fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

/// The median of some timings.
pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// `target/bench-data/NAME` (or under `CARGO_TARGET_DIR`): a catalogue file made from the JSON
/// Lines `jsonl` (imported without tags) unless it exists; it is written beside as
/// `NAME.partial` and renamed when complete, so an interrupted build is never reused.
pub fn generated_catalogue(
    name: &str,
    jsonl: impl FnOnce() -> pubcat::Result<Vec<u8>>,
) -> pubcat::Result<PathBuf> {
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let dir = PathBuf::from(target).join("bench-data");
    std::fs::create_dir_all(&dir)?;
    let db = dir.join(name);
    if !db.exists() {
        eprintln!("building {} ...", db.display());
        let partial = dir.join(format!("{name}.partial"));
        let _ = std::fs::remove_file(&partial);
        let catalog = Catalog::open(&partial)?;
        let options = ImportOptions {
            format: Format::Jsonl,
            tag: Some(false),
            ..ImportOptions::default()
        };
        catalog.import_reader_with(jsonl()?.as_slice(), &options, &mut |_| {})?;
        catalog.close()?;
        drop(catalog);
        std::fs::rename(&partial, &db)?;
    }
    Ok(db)
}
