//! pubcat against peers: tantivy and an "FTS5 only" SQLite table, on the corpus, terms and
//! ranked cases of pubcat's own benchmark (crates/pubcat/benches/bench, whose corpus, term
//! and case code this crate compiles as it is, so both pick the same words).
//!
//! ```text
//! cargo run --release --manifest-path crates/pubcat-peer-bench/Cargo.toml -- \
//!     [--size N] [--seed S] [--json] [--dir DIR] [--reuse] [--build-only] [--only SUBSTRING]
//!     [--budget-ms MS] [--min-reps N] [--gap] [--smoke] [--no-in-file]
//! cargo run --release --manifest-path crates/pubcat-peer-bench/Cargo.toml -- --kill-loop N
//! ```
//! For each size: the pubcat catalogue of the main bench (built here if missing), the FTS5-only
//! floor and the tantivy index are built from the same JSON Lines file (timed, unless
//! `--reuse` finds them), then every ranked `top20/*` case runs on the three engines
//! alternately (pubcat, the floor, tantivy, and tantivy without its count), each asked for
//! the same expression (pubcat's, after its expansion), and the top-20 sets are compared.
//! `--gap` also times, on pubcat's file, the statements of a ranked search one by one
//! (gap.rs). Progress and a table go to stderr; `--json` prints the results as one JSON object.
//! `--smoke`: 400 publications in a temporary folder, one repetition, every text checked, and
//! 10 cycles of the kill loop.
//!
//! Issue 15's item 5, a spike: the same tantivy index kept **inside a SQLite file**
//! (in_file.rs), built, sized and searched beside the others (`--no-in-file` leaves it out);
//! `--kill-loop N` kills a writer of such a file N times and checks it after each kill
//! (kill_loop.rs). `--typeahead`: the prefixes of the main bench's five type-ahead words,
//! typed from one letter, searched as a ranked prefix in the in-file index, alternately with
//! pubcat's `Catalog::type_ahead`.
//! `scripts/bench` runs it after the main bench and merges both results.

#![allow(unsafe_code)] // one libc call in the main bench's timing.rs: the thread CPU clock

#[allow(dead_code)]
#[path = "../../pubcat/benches/bench/build.rs"]
mod build;
#[allow(dead_code)]
#[path = "../../pubcat/benches/bench/cases.rs"]
mod cases;
mod clock;
mod expr;
mod fts5_only;
mod gap;
mod in_file;
mod kill_loop;
#[allow(dead_code)]
#[path = "../../pubcat/benches/bench/raw.rs"]
mod raw;
mod tantivy_peer;
mod text;
#[allow(dead_code)]
#[path = "../../pubcat/benches/bench/timing.rs"]
mod timing;
#[allow(dead_code)]
#[path = "../../pubcat/benches/bench/typeahead.rs"]
mod typeahead;

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use pubcat::Catalog;
use rusqlite::Connection;
use serde_json::{json, Value};

use crate::clock::{load_average, BuildFigures};
use crate::timing::{Budget, CpuClock, Samples};

/// The page size of every ranked case.
const LIMIT: usize = 20;

#[derive(Debug, Clone)]
struct Options {
    size: u64,
    seed: u64,
    json: bool,
    dir: PathBuf,
    reuse: bool,
    build_only: bool,
    gap: bool,
    only: Option<String>,
    budget: Budget,
    smoke: bool,
    in_file: bool,
    typeahead: bool,
    kill_loop: Option<usize>,
    kill_child: Option<(PathBuf, u64)>,
}

fn options() -> Result<Options, String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let smoke = args.iter().any(|a| a == "--smoke");
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let mut o = Options {
        size: if smoke { 400 } else { 10_000 },
        seed: 1,
        json: false,
        dir: if smoke {
            std::env::temp_dir().join(format!("pubcat-peers-smoke-{}", std::process::id()))
        } else {
            PathBuf::from(target).join("bench-data")
        },
        reuse: false,
        build_only: false,
        gap: false,
        only: None,
        budget: Budget {
            time: Duration::from_millis(if smoke { 1 } else { 3_000 }),
            min_reps: if smoke { 1 } else { 15 },
            max_reps: if smoke { 1 } else { 400 },
            warmup: if smoke { 0 } else { 2 },
        },
        smoke,
        in_file: true,
        typeahead: false,
        kill_loop: None,
        kill_child: None,
    };
    let mut min_reps = None;
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        let number = |name: &str, v: String| v.parse::<u64>().map_err(|e| format!("{name}: {e}"));
        match arg.as_str() {
            "--smoke" | "--bench" => {}
            "--size" => o.size = number("--size", value("--size")?)?,
            "--seed" => o.seed = number("--seed", value("--seed")?)?,
            "--json" => o.json = true,
            "--dir" => o.dir = PathBuf::from(value("--dir")?),
            "--reuse" => o.reuse = true,
            "--build-only" => o.build_only = true,
            "--gap" => o.gap = true,
            "--no-in-file" => o.in_file = false,
            "--typeahead" => o.typeahead = true,
            "--kill-loop" => {
                o.kill_loop = Some(number("--kill-loop", value("--kill-loop")?)? as usize)
            }
            "--kill-child" => {
                let db = PathBuf::from(value("--kill-child")?);
                let seed = number("--kill-child", value("--kill-child")?)?;
                o.kill_child = Some((db, seed));
            }
            "--only" => o.only = Some(value("--only")?),
            "--budget-ms" => {
                o.budget.time = Duration::from_millis(number("--budget-ms", value("--budget-ms")?)?)
            }
            "--min-reps" => min_reps = Some(number("--min-reps", value("--min-reps")?)? as usize),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if !smoke {
        // As in the main bench: 7 repetitions per side at a million publications.
        o.budget.min_reps = min_reps.unwrap_or(if o.size >= 1_000_000 { 7 } else { 15 });
    }
    Ok(o)
}

/// p50, p95 and wall-clock p50 of one side of a case.
fn summary(s: &Samples) -> (f64, f64, f64) {
    (s.p50(), s.p95(), s.wall_p50())
}

/// Runs `sides` in turn (the first of each round rotating) within `budget`.
fn alternate(
    budget: Budget,
    sides: &mut [&mut dyn FnMut() -> Result<(), String>],
) -> Result<Vec<Samples>, String> {
    for _ in 0..budget.warmup {
        for side in sides.iter_mut() {
            side()?;
        }
    }
    let n = sides.len();
    let mut clock = CpuClock::new();
    let mut out = vec![Samples::default(); n];
    let start = Instant::now();
    let mut round = 0;
    while out[0].ms.len() < budget.max_reps
        && (out[0].ms.len() < budget.min_reps || start.elapsed() < budget.time)
    {
        for k in 0..n {
            let i = (round + k) % n;
            let cpu = clock.now();
            let t = Instant::now();
            (sides[i])()?;
            let wall = t.elapsed().as_secs_f64() * 1e3;
            let ms = match (cpu, clock.now()) {
                (Some(a), Some(b)) => b.saturating_sub(a) as f64 / 1e6,
                _ => wall,
            };
            out[i].ms.push(ms);
            out[i].wall.push(wall);
        }
        round += 1;
    }
    for s in &mut out {
        s.ms.sort_by(f64::total_cmp);
        s.wall.sort_by(f64::total_cmp);
    }
    Ok(out)
}

/// |a ∩ b| / max(|a|, |b|) (|a ∩ b| / 20 when both pages are full); `None` when both are empty.
fn overlap(a: &[String], b: &[String]) -> (usize, Option<f64>) {
    let set: HashSet<&String> = a.iter().collect();
    let common = b.iter().filter(|u| set.contains(u)).count();
    let of = a.len().max(b.len());
    (common, (of > 0).then(|| common as f64 / of as f64))
}

fn machine() -> Value {
    let field = |path: &str, key: &str| {
        std::fs::read_to_string(path)
            .unwrap_or_default()
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split(':').nth(1))
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let command = |program: &str, args: &[&str]| {
        std::process::Command::new(program)
            .args(args)
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_default()
    };
    json!({
        "cpu": field("/proc/cpuinfo", "model name"),
        "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
        "memory": field("/proc/meminfo", "MemTotal"),
        "kernel": std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default().trim(),
        "load_average": std::fs::read_to_string("/proc/loadavg").unwrap_or_default().trim(),
        "rustc": command("rustc", &["--version"]),
        "sqlite": rusqlite::version(),
        "tantivy": tantivy::version_string(),
        "pubcat_schema": pubcat::SCHEMA_VERSION,
        "commit": command("git", &["rev-parse", "--short", "HEAD"]),
    })
}

fn timed_build(
    label: &str,
    f: impl FnOnce() -> Result<BuildFigures, String>,
) -> Result<BuildFigures, String> {
    let load = load_average();
    eprintln!("  building {label} (load average {load:.2}) ...");
    let mut b = f()?;
    b.load_before = load;
    eprintln!(
        "    {:.1} s ({:.1} s CPU), {:.0} publications/s, {:.1} MB",
        b.seconds,
        b.cpu_seconds,
        b.rate,
        b.bytes as f64 / 1e6
    );
    Ok(b)
}

/// pubcat's search and, alternately, its statements one by one on its own file.
fn gap_of(
    o: &Options,
    gap: &gap::Gap,
    catalog: &Catalog,
    query: &pubcat::query::Query,
    expression: &str,
) -> Result<Value, String> {
    let top = gap.page(expression, LIMIT)?;
    let mut a = || catalog.search(query).map(drop).map_err(|e| e.to_string());
    let mut b = || gap.count(expression).map(drop);
    let mut c = || gap.page(expression, LIMIT).map(drop);
    let mut d = || gap.page(expression, 10_000).map(drop);
    let mut e = || gap.details(expression, &top).map(drop);
    let s = alternate(o.budget, &mut [&mut a, &mut b, &mut c, &mut d, &mut e])?;
    let [search, count, page20, page10k, details] = [0, 1, 2, 3, 4].map(|i| s[i].p50());
    eprintln!(
        "    gap (p50 ms): search {search:.3} = count {count:.3} + top-10,000 {page10k:.3} \
         (top-20 {page20:.3}) + details and snippets {details:.3} + other {:.3}",
        search - count - page10k - details
    );
    Ok(json!({
        "search_p50_ms": search,
        "count_p50_ms": count,
        "top20_p50_ms": page20,
        "top10000_p50_ms": page10k,
        "details_snippets_p50_ms": details,
        "other_p50_ms": search - count - page10k - details,
    }))
}

fn run(o: &Options) -> Result<Value, String> {
    let machine_at_start = machine();
    let (jsonl, jsonl_bytes) = build::corpus(&o.dir, o.size, o.seed)?;
    let name = |kind: &str| o.dir.join(format!("{kind}-{}-s{}", o.size, o.seed));
    let db = name("pubcat").with_extension("db");
    let floor_db = name("fts5only").with_extension("db");
    let index_dir = name("tantivy");
    let in_file_db = name("tantivy-in-file").with_extension("db");
    let mut report = json!({
        "size": o.size,
        "seed": o.seed,
        "jsonl_bytes": jsonl_bytes,
        "tantivy_memory_budget_bytes": tantivy_peer::MEMORY_BUDGET,
        "tantivy_indexing_threads": 1,
    });
    if !db.exists() {
        // Normally the main bench has just built it; a peer run alone builds it here.
        let b = timed_build("the pubcat catalogue", || {
            build::pubcat_build(&jsonl, &db, o.size).map(|b| BuildFigures {
                seconds: b.seconds,
                cpu_seconds: b.cpu_seconds,
                rate: b.rate,
                cpu_rate: b.cpu_rate,
                bytes: b.db_bytes,
                parts: 1,
                load_before: 0.0,
            })
        })?;
        report["pubcat_build"] = b.json("files");
    }
    if !(o.reuse && floor_db.exists()) {
        let b = timed_build("the FTS5-only table", || {
            fts5_only::build(&jsonl, &floor_db, o.size)
        })?;
        report["fts5_only_build"] = b.json("files");
    }
    if !(o.reuse && index_dir.join("meta.json").exists()) {
        let b = timed_build("the tantivy index", || {
            tantivy_peer::build(&jsonl, &index_dir, o.size)
        })?;
        report["tantivy_build"] = b.json("segments");
    }
    if o.in_file && !(o.reuse && in_file_db.exists()) {
        let b = timed_build("the tantivy index inside a SQLite file", || {
            in_file::build(&jsonl, &in_file_db, o.size)
        })?;
        report["tantivy_in_file_build"] = b.json("segments");
    }
    if o.in_file {
        report["tantivy_in_file_db_bytes"] = json!(clock::db_size(&in_file_db));
    }
    report["pubcat_db_bytes"] = json!(clock::db_size(&db));
    report["fts5_only_db_bytes"] = json!(clock::db_size(&floor_db));
    report["tantivy_index_bytes"] = json!(clock::dir_size(&index_dir));
    if o.build_only {
        report["machine"] = machine_at_start;
        return Ok(report);
    }

    // The text both peers indexed must be the text pubcat indexed: compare with its view.
    let conn = Connection::open(&db).map_err(|e| e.to_string())?;
    conn.pragma_update(None, "temp_store", "MEMORY")
        .map_err(|e| e.to_string())?;
    {
        let doc = build::read_document(&jsonl)?;
        let step = if o.smoke {
            1
        } else {
            (doc.publications.len() / 500).max(1)
        };
        let (compared, differ) = text::check(&conn, &doc, step)?;
        eprintln!(
            "  searchable text: {compared} publications compared with pubcat's view, {} differ",
            differ.len()
        );
        if o.smoke && !differ.is_empty() {
            return Err(format!("searchable text differs for {differ:?}"));
        }
        report["text_check"] = json!({"compared": compared, "differ": differ});
    }

    report["pubcat_fts5_bytes"] = json!(fts5_bytes(&conn)?);
    let catalog = Catalog::open(&db).map_err(|e| e.to_string())?;
    let mut in_file = if o.in_file {
        let opened = in_file::InFile::open(&in_file_db, &db)?;
        eprintln!(
            "  the in-file index: {:.1} MB read into memory in {:.2} s",
            opened.index_bytes as f64 / 1e6,
            opened.open_seconds
        );
        report["tantivy_in_file_open"] = json!({
            "seconds": opened.open_seconds,
            "index_bytes": opened.index_bytes,
        });
        Some(opened)
    } else {
        None
    };
    let gap = if o.gap {
        Some(gap::Gap::open(&db)?)
    } else {
        None
    };
    let floor = fts5_only::Floor::open(&floor_db)?;
    let mut peer = tantivy_peer::Peer::open(&index_dir)?;
    report["tantivy_segments"] = json!(peer.segments);
    let terms = cases::pick_terms(&conn, o.size).map_err(|e| e.to_string())?;
    let term = |t: &cases::Term| json!({"term": t.text, "docs": t.docs});
    report["terms"] = json!({
        "rare": term(&terms.rare),
        "medium": term(&terms.medium),
        "common": term(&terms.common),
        "very_common": term(&terms.very_common),
    });
    {
        eprintln!(
            "  {:<18} {:>8} {:>8} {:>8} {:>9} {:>9} {:>9} {:>9} {:>6} {:>6} {:>5}",
            "case",
            "pubcat#",
            "fts5#",
            "tantivy#",
            "pubcat50",
            "fts5_50",
            "tantiv50",
            "top-only",
            "ovl5",
            "ovlT",
            "reps"
        );
    }
    let mut results = Vec::new();
    for case in cases::cases(&terms) {
        if !case.name.starts_with("top20/")
            || o.only.as_deref().is_some_and(|s| !case.name.contains(s))
        {
            continue;
        }
        let Some(expression) = catalog
            .fts_expression(&case.query)
            .map_err(|e| e.to_string())?
        else {
            continue;
        };
        let tree = expr::parse(&expression)?;
        let page = catalog.search(&case.query).map_err(|e| e.to_string())?;
        let mine: Vec<String> = page.hits.iter().map(|h| h.uid.clone()).collect();
        let (floor_total, floor_uids) = floor.search(&expression, LIMIT)?;
        let (peer_total, peer_uids) = peer.search(&tree, LIMIT, true)?;
        let in_file_page = match in_file.as_mut() {
            Some(f) => Some(f.search(&tree, LIMIT)?),
            None => None,
        };
        if o.smoke && i64::try_from(floor_total).ok() != Some(page.total) {
            return Err(format!(
                "{}: the FTS5-only table finds {floor_total}, pubcat {}",
                case.name, page.total
            ));
        }
        let load = load_average();
        let samples = {
            let query = &case.query;
            let catalog = &catalog;
            let floor = &floor;
            let expression = expression.as_str();
            let mut a = || catalog.search(query).map(drop).map_err(|e| e.to_string());
            let mut b = || floor.search(expression, LIMIT).map(drop);
            let peer = std::cell::RefCell::new(&mut peer);
            let mut c = || {
                let tree = expr::parse(expression)?;
                peer.borrow_mut().search(&tree, LIMIT, true).map(drop)
            };
            let mut d = || {
                let tree = expr::parse(expression)?;
                peer.borrow_mut().search(&tree, LIMIT, false).map(drop)
            };
            let in_file = std::cell::RefCell::new(in_file.as_mut());
            let mut e = || {
                let tree = expr::parse(expression)?;
                match in_file.borrow_mut().as_mut() {
                    Some(f) => f.search(&tree, LIMIT).map(drop),
                    None => Ok(()),
                }
            };
            if o.in_file {
                alternate(o.budget, &mut [&mut a, &mut b, &mut c, &mut d, &mut e])?
            } else {
                alternate(o.budget, &mut [&mut a, &mut b, &mut c, &mut d])?
            }
        };
        let [p, f, t, t_top] = [0, 1, 2, 3].map(|i| summary(&samples[i]));
        let i = samples.get(4).map(summary);
        let (f_common, f_overlap) = overlap(&mine, &floor_uids);
        let (t_common, t_overlap) = overlap(&mine, &peer_uids);
        let ratio = |a: f64, b: f64| if b > 0.0 { json!(a / b) } else { Value::Null };
        let mut result = json!({
            "name": case.name,
            "expression": expression,
            "total": page.total,
            "fts5_only_total": floor_total,
            "tantivy_total": peer_total,
            "pubcat_p50_ms": p.0,
            "pubcat_p95_ms": p.1,
            "pubcat_wall_p50_ms": p.2,
            "fts5_only_p50_ms": f.0,
            "fts5_only_p95_ms": f.1,
            "fts5_only_wall_p50_ms": f.2,
            "tantivy_p50_ms": t.0,
            "tantivy_p95_ms": t.1,
            "tantivy_wall_p50_ms": t.2,
            "tantivy_top_only_p50_ms": t_top.0,
            "tantivy_top_only_p95_ms": t_top.1,
            "pubcat_to_tantivy": ratio(p.0, t.0),
            "pubcat_to_fts5_only": ratio(p.0, f.0),
            "fts5_only_common": f_common,
            "fts5_only_overlap": f_overlap,
            "tantivy_common": t_common,
            "tantivy_overlap": t_overlap,
            "page": mine.len(),
            "pubcat_page": mine,
            "fts5_only_page": floor_uids,
            "tantivy_page": peer_uids,
            "reps": samples[0].ms.len(),
            "load_before": load,
        });
        {
            let ovl = |v: Option<f64>| v.map_or("–".to_owned(), |v| format!("{v:.2}"));
            eprintln!(
                "  {:<18} {:>8} {:>8} {:>8} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>6} {:>6} {:>5}",
                case.name,
                page.total,
                floor_total,
                peer_total,
                p.0,
                f.0,
                t.0,
                t_top.0,
                ovl(f_overlap),
                ovl(t_overlap),
                samples[0].ms.len()
            );
        }
        if let (Some(i), Some((in_total, in_uids))) = (i, &in_file_page) {
            let (common, ovl) = overlap(&peer_uids, in_uids);
            result["tantivy_in_file_total"] = json!(in_total);
            result["tantivy_in_file_p50_ms"] = json!(i.0);
            result["tantivy_in_file_p95_ms"] = json!(i.1);
            result["tantivy_in_file_wall_p50_ms"] = json!(i.2);
            result["pubcat_to_tantivy_in_file"] = ratio(p.0, i.0);
            result["tantivy_in_file_common_with_tantivy"] = json!(common);
            result["tantivy_in_file_overlap_with_tantivy"] = json!(ovl);
            result["tantivy_in_file_page"] = json!(in_uids);
            eprintln!(
                "  {:<18} in file: {} matches, p50 {:.3} / p95 {:.3} ms, top-20 overlap with tantivy {}",
                "",
                in_total,
                i.0,
                i.1,
                ovl.map_or("–".to_owned(), |v| format!("{v:.2}"))
            );
        }
        if let Some(gap) = &gap {
            result["gap"] = gap_of(o, gap, &catalog, &case.query, &expression)?;
        }
        results.push(result);
    }
    if let (true, Some(f)) = (o.typeahead, in_file.as_mut()) {
        report["typeahead"] = typeahead_of(o, &conn, &terms, &catalog, f)?;
    }
    catalog.close().map_err(|e| e.to_string())?;
    report["cases"] = Value::Array(results);
    report["machine"] = machine_at_start;
    report["load_average_at_end"] = json!(load_average());
    Ok(report)
}

/// Each prefix of the five type-ahead words as a ranked prefix search of the in-file index
/// (count and top 20), alternately with pubcat's type-ahead of the same prefix.
fn typeahead_of(
    o: &Options,
    conn: &Connection,
    terms: &cases::Terms,
    catalog: &Catalog,
    f: &mut in_file::InFile,
) -> Result<Value, String> {
    let budget = Budget {
        time: Duration::from_millis(1_000),
        min_reps: o.budget.min_reps.min(15),
        max_reps: 200,
        warmup: o.budget.warmup,
    };
    let mut out = Vec::new();
    for (class, word) in typeahead::words(conn, terms).map_err(|e| e.to_string())? {
        for prefix in typeahead::prefixes(&word) {
            let tree = expr::Expr::Phrase {
                text: prefix.clone(),
                prefix: true,
            };
            let query = typeahead::query(&prefix);
            let (total, _) = f.search(&tree, LIMIT)?;
            let mut a = || {
                catalog
                    .type_ahead(&query)
                    .map(drop)
                    .map_err(|e| e.to_string())
            };
            let mut b = || f.search(&tree, LIMIT).map(drop);
            let s = alternate(budget, &mut [&mut a, &mut b])?;
            let (p, i) = (summary(&s[0]), summary(&s[1]));
            eprintln!(
                "  typeahead {class:<12} {prefix:<12} {total:>9} matches: pubcat {:.3} / {:.3} ms, in file (ranked) {:.3} / {:.3} ms (p50 / p95)",
                p.0, p.1, i.0, i.1
            );
            out.push(json!({
                "word": class,
                "prefix": prefix,
                "in_file_total": total,
                "pubcat_p50_ms": p.0,
                "pubcat_p95_ms": p.1,
                "in_file_p50_ms": i.0,
                "in_file_p95_ms": i.1,
                "reps": s[0].ms.len(),
            }));
        }
    }
    Ok(Value::Array(out))
}

/// Bytes of pubcat's full-text index in its file (the FTS5 table's shadow tables, `dbstat`):
/// what an index kept elsewhere would replace.
fn fts5_bytes(conn: &Connection) -> Result<u64, String> {
    let mut names = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'publication\\_fts\\_%' ESCAPE '\\'",
        )
        .map_err(|e| e.to_string())?;
    let names: Vec<String> = names
        .query_map([], |r| r.get(0))
        .map_err(|e| e.to_string())?
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    let mut total = 0u64;
    for name in names {
        let bytes: i64 = conn
            .query_row(
                "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name = ?1 AND aggregate = TRUE",
                [&name],
                |r| r.get(0),
            )
            .map_err(|e| e.to_string())?;
        total += bytes as u64;
    }
    Ok(total)
}

fn main() -> std::process::ExitCode {
    let result = options().and_then(|o| {
        if let Some((db, seed)) = &o.kill_child {
            return kill_loop::child(db, *seed);
        }
        if let Some(cycles) = o.kill_loop {
            let report = kill_loop::run(cycles, o.seed, &o.dir)?;
            if o.json {
                println!("{report}");
            }
            return Ok(());
        }
        eprintln!(
            "pubcat peers bench: {} publications, seed {}{}",
            o.size,
            o.seed,
            if o.smoke { " (self-check)" } else { "" }
        );
        let mut report = run(&o);
        if o.smoke {
            // The in-file index's crash safety too, briefly.
            if let Ok(r) = &mut report {
                match kill_loop::run(10, o.seed, &o.dir) {
                    Ok(k) => r["kill_loop"] = k,
                    Err(e) => report = Err(format!("kill loop: {e}")),
                }
            }
            let _ = std::fs::remove_dir_all(&o.dir);
        }
        let report = report?;
        if o.json {
            println!("{report}");
        }
        Ok(())
    });
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("peer bench: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
