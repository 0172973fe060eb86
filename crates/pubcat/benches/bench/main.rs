//! pubcat benchmarks: build and query a generated catalogue, side by side with hand-written
//! rusqlite SQL doing the same work in the same process and run.
//!
//! ```text
//! cargo bench -p pubcat --bench bench -- [--size N] [--seed S] [--json] [--dir DIR]
//!     [--reuse] [--no-raw-build] [--build-only] [--only SUBSTRING] [--budget-ms MS]
//!     [--min-reps N]
//! ```
//! Without `--bench` on the command line (as under `cargo test --all-targets`), it runs a
//! quick self-check on 400 publications instead: every case, pubcat and the baseline must
//! give the same answer. Use `scripts/bench` to run everything.

#![allow(unsafe_code)] // one libc call: the thread CPU clock (timing.rs)

mod build;
mod cases;
mod raw;
mod report;
mod timing;
mod typeahead;

use std::path::PathBuf;
use std::time::Duration;

use pubcat::Catalog;
use rusqlite::Connection;

use crate::report::{CaseResult, Report};
use crate::timing::Budget;

/// Command-line options.
#[derive(Debug, Clone)]
struct Options {
    size: u64,
    seed: u64,
    json: bool,
    dir: PathBuf,
    reuse: bool,
    raw_build: bool,
    build_only: bool,
    only: Option<String>,
    budget: Budget,
    smoke: bool,
}

fn options() -> Result<Options, String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let smoke = !args.iter().any(|a| a == "--bench");
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let mut o = Options {
        size: if smoke { 400 } else { 10_000 },
        seed: 1,
        json: false,
        dir: PathBuf::from(target).join("bench-data"),
        reuse: false,
        raw_build: true,
        build_only: false,
        only: None,
        budget: Budget {
            time: Duration::from_millis(if smoke { 1 } else { 3_000 }),
            min_reps: if smoke { 1 } else { 15 },
            max_reps: if smoke { 1 } else { 400 },
            warmup: if smoke { 0 } else { 2 },
        },
        smoke,
    };
    if smoke {
        o.dir = std::env::temp_dir().join(format!("pubcat-bench-smoke-{}", std::process::id()));
    }
    let mut min_reps: Option<usize> = None;
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--bench" => {}
            "--size" => {
                o.size = value("--size")?
                    .parse()
                    .map_err(|e| format!("--size: {e}"))?
            }
            "--seed" => {
                o.seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--json" => o.json = true,
            "--dir" => o.dir = PathBuf::from(value("--dir")?),
            "--reuse" => o.reuse = true,
            "--no-raw-build" => o.raw_build = false,
            "--build-only" => o.build_only = true,
            "--only" => o.only = Some(value("--only")?),
            "--budget-ms" => {
                let ms: u64 = value("--budget-ms")?
                    .parse()
                    .map_err(|e| format!("--budget-ms: {e}"))?;
                o.budget.time = Duration::from_millis(ms);
            }
            "--min-reps" => {
                min_reps = Some(
                    value("--min-reps")?
                        .parse()
                        .map_err(|e| format!("--min-reps: {e}"))?,
                )
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    // At a million publications the heaviest cases (a two-letter prefix matching almost every
    // row, every facet over the whole catalogue) take seconds per repetition: 7 repetitions
    // per side keep the 1M run near half an hour on two cores.
    if !smoke {
        o.budget.min_reps = min_reps.unwrap_or(if o.size >= 1_000_000 { 7 } else { 15 });
    }
    Ok(o)
}

fn run(o: &Options) -> Result<Report, String> {
    let (jsonl, jsonl_bytes) = build::corpus(&o.dir, o.size, o.seed)?;
    let db = o.dir.join(format!("pubcat-{}-s{}.db", o.size, o.seed));
    let raw_db = o.dir.join(format!("raw-{}-s{}.db", o.size, o.seed));
    let mut report = Report::new(o.size, o.seed, jsonl_bytes);
    if !(o.reuse && db.exists()) {
        eprintln!("  building with pubcat ...");
        report.build = Some(build::pubcat_build(&jsonl, &db, o.size)?);
        if o.raw_build {
            eprintln!("  building with raw SQL ...");
            report.raw_build = Some(build::raw_build(&jsonl, &raw_db, o.size)?);
        }
    }
    report.db_bytes = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    if o.build_only {
        return Ok(report);
    }
    let catalog = Catalog::open(&db).map_err(|e| e.to_string())?;
    let conn = Connection::open(&db).map_err(|e| e.to_string())?;
    conn.pragma_update(None, "temp_store", "MEMORY")
        .map_err(|e| e.to_string())?;
    conn.set_prepared_statement_cache_capacity(64);
    let terms = cases::pick_terms(&conn, o.size).map_err(|e| e.to_string())?;
    report.terms = terms.clone();
    let selected = |name: &str| o.only.as_deref().is_none_or(|s| name.contains(s));
    if selected("close_words/") {
        // The deletion index of "did you mean", built once per catalogue version by the
        // first search that needs close words (after the index words are read).
        let (entries, bytes, ms) = catalog.close_word_index_size().map_err(|e| e.to_string())?;
        if !o.json {
            eprintln!(
                "close-word index: {entries} entries, {:.1} MB",
                bytes as f64 / 1e6
            );
        }
        once(o, "close_words/index_build", ms, &mut report);
    }
    for case in cases::cases(&terms) {
        if selected(&case.name) {
            run_case(o, &catalog, &conn, &case, &mut report)?;
        }
    }
    if selected("deep/") {
        // Computed last and just before use: the relevance case reads pubcat's ranking
        // snapshot taken by its first page.
        for case in cases::deep_cases(&catalog, &conn, &terms)? {
            if selected(&case.name) {
                run_case(o, &catalog, &conn, &case, &mut report)?;
            }
        }
    }
    if selected("typeahead/") {
        run_typeahead(o, &catalog, &conn, &terms, &mut report)?;
        let prefix: String = terms.very_common.text.chars().take(2).collect();
        let ms = typeahead::first_after_open(&db, &prefix)?;
        once(o, "typeahead/first_after_open", ms, &mut report);
    }
    catalog.close().map_err(|e| e.to_string())?;
    Ok(report)
}

/// Type-ahead: every prefix of five words, against ranking the completed text by hand;
/// then the first type-ahead after a write (which reads the index words again), once.
fn run_typeahead(
    o: &Options,
    catalog: &Catalog,
    conn: &Connection,
    terms: &cases::Terms,
    report: &mut Report,
) -> Result<(), String> {
    let words = typeahead::words(conn, terms).map_err(|e| e.to_string())?;
    for (class, word) in &words {
        for prefix in typeahead::prefixes(word) {
            let query = typeahead::query(&prefix);
            let typed = catalog.type_ahead(&query).map_err(|e| e.to_string())?;
            let fts = catalog
                .type_ahead_expression(&query)
                .map_err(|e| e.to_string())?
                .unwrap_or_default();
            let baseline = || -> Result<Vec<i64>, String> {
                if fts.is_empty() {
                    return Ok(Vec::new());
                }
                typeahead::ranked_top20(conn, &fts).map_err(|e| e.to_string())
            };
            // Ranked answers must be the baseline's top 20 (as sets: ties may order apart);
            // added-first answers differ from it by design.
            let same = if typeahead::ranked(&typed) {
                let mut theirs = typeahead::uids(conn, &baseline()?).map_err(|e| e.to_string())?;
                let mut mine: Vec<String> = typed.hits.iter().map(|h| h.uid.clone()).collect();
                theirs.sort();
                mine.sort();
                mine == theirs
            } else {
                true
            };
            if !same && o.smoke {
                return Err(format!(
                    "typeahead {prefix}: the ranked hits are not FTS5's top 20"
                ));
            }
            // Timed apart, not alternately as the other cases: the baseline's in-memory sort
            // of up to a million ranked rows (temp_store = MEMORY) frees hundreds of MB, and
            // the next call in the same process then pays the page faults of memory the
            // allocator gave back (75-170 ms measured at 1M: the baseline's cost, not
            // type-ahead's; alone, or after another type-ahead, a call takes 2-3 ms).
            let (a, _) = timing::pair(
                o.budget,
                || {
                    catalog
                        .type_ahead(&query)
                        .map(drop)
                        .map_err(|e| e.to_string())
                },
                || Ok(()),
            )?;
            let (_, b) = timing::pair(o.budget, || Ok(()), || baseline().map(drop))?;
            let order = if typeahead::ranked(&typed) {
                "ranked"
            } else {
                "added"
            };
            let name = format!("typeahead/{class}/{prefix}/{order}");
            let result = CaseResult::new(&name, &a, &b, typed.hits.len() as u64, same);
            record(o, report, result);
        }
    }
    if let Some((_, word)) = words.first() {
        let prefix: String = word.chars().take(2).collect();
        let ms = typeahead::first_after_write(catalog, &prefix)?;
        once(o, "typeahead/first_after_write", ms, report);
    }
    Ok(())
}

/// Records a case timed once (wall clock), without a baseline.
fn once(o: &Options, name: &str, ms: f64, report: &mut Report) {
    let samples = timing::Samples {
        ms: vec![ms],
        wall: vec![ms],
    };
    let result = CaseResult::new(name, &samples, &timing::Samples::default(), 0, true);
    record(o, report, result);
}

/// Checks that pubcat and the baseline agree on `case`, then times them.
fn run_case(
    o: &Options,
    catalog: &Catalog,
    conn: &Connection,
    case: &cases::Case,
    report: &mut Report,
) -> Result<(), String> {
    let page = catalog.search(&case.query).map_err(|e| e.to_string())?;
    let mine = cases::answer_of(&page);
    // The baseline matches what pubcat matches: the query text after pubcat's expansion
    // (other labels of a concept, inflections), so both do the same work.
    let mut raw_plan = case.raw.clone();
    if raw_plan.fts.is_some() {
        raw_plan.fts = catalog
            .fts_expression(&case.query)
            .map_err(|e| e.to_string())?;
    }
    let case = &cases::Case {
        raw: raw_plan,
        ..case.clone()
    };
    let theirs = raw::run(conn, &case.raw).map_err(|e| format!("{}: {e}", case.name))?;
    let same = report::same_answer(&mine, &theirs);
    if !same && o.smoke {
        return Err(format!(
            "{}: pubcat and the baseline disagree:\n  pubcat {mine:?}\n  raw    {theirs:?}",
            case.name
        ));
    }
    let (a, b) = timing::pair(
        o.budget,
        || {
            catalog
                .search(&case.query)
                .map(drop)
                .map_err(|e| e.to_string())
        },
        || {
            raw::run(conn, &case.raw)
                .map(drop)
                .map_err(|e| e.to_string())
        },
    )?;
    let result = CaseResult::new(&case.name, &a, &b, mine.total, same);
    record(o, report, result);
    if case.query.text.is_some() && !case.name.starts_with("deep/") {
        // What expansion costs: the same pubcat search with and without it, repeated (the
        // memo of word expansions holds its words) and as the first search of its words in
        // this catalogue version (memo off: inflections and close words worked out each time).
        let unexpanded = search_as(catalog, &case.query, false, true)?;
        let without = || search_as(catalog, &case.query, false, true).map(drop);
        for (prefix, memo) in [("expansion", true), ("expansion-first", false)] {
            let with = || search_as(catalog, &case.query, true, memo).map(drop);
            let (a, b) = timing::pair(o.budget, with, without)?;
            let name = format!("{prefix}/{}", case.name);
            let result = CaseResult::new(&name, &a, &b, unexpanded.total as u64, true);
            record(o, report, result);
        }
    }
    Ok(())
}

/// Prints `result`'s line (unless `--json`) and keeps it in `report`.
fn record(o: &Options, report: &mut Report, result: CaseResult) {
    if !o.json {
        eprintln!("{}", result.line());
    }
    report.cases.push(result);
}

/// `query` searched with expansion on or off and the memo of word expansions on or off (test
/// hooks, both on again afterwards).
fn search_as(
    catalog: &Catalog,
    query: &pubcat::query::Query,
    expansion: bool,
    memo: bool,
) -> Result<pubcat::query::SearchPage, String> {
    pubcat::query::set_expansion_enabled(expansion);
    pubcat::query::set_expansion_memo_enabled(memo);
    let page = catalog.search(query);
    pubcat::query::set_expansion_enabled(true);
    pubcat::query::set_expansion_memo_enabled(true);
    page.map_err(|e| e.to_string())
}

fn main() -> std::process::ExitCode {
    let result = options().and_then(|o| {
        eprintln!(
            "pubcat bench: {} publications, seed {}{}",
            o.size,
            o.seed,
            if o.smoke { " (self-check)" } else { "" }
        );
        let report = run(&o);
        if o.smoke {
            let _ = std::fs::remove_dir_all(&o.dir);
        }
        let report = report?;
        if o.json {
            println!("{}", report.json());
        } else {
            println!("{}", report.text());
        }
        Ok(())
    });
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
