//! Results: one [`Report`] per corpus size, printed as a table or as one JSON object.

use serde_json::{json, Value};

use crate::build::Build;
use crate::cases::{Term, Terms};
use crate::raw::Answer;
use crate::timing::Samples;

/// The timings of one case.
#[derive(Debug, Clone)]
pub struct CaseResult {
    /// Case name.
    pub name: String,
    /// pubcat p50 and p95 (ms).
    pub pubcat: (f64, f64),
    /// Baseline p50 and p95 (ms).
    pub raw: (f64, f64),
    /// Wall-clock p50 of pubcat and of the baseline (ms).
    pub wall: (f64, f64),
    /// Repetitions per side.
    pub reps: usize,
    /// Number of matches.
    pub total: u64,
    /// Whether pubcat and the baseline gave the same answer.
    pub same: bool,
}

impl CaseResult {
    /// Summarises the two samples.
    pub fn new(name: &str, pubcat: &Samples, raw: &Samples, total: u64, same: bool) -> Self {
        CaseResult {
            name: name.to_owned(),
            pubcat: (pubcat.p50(), pubcat.p95()),
            raw: (raw.p50(), raw.p95()),
            wall: (pubcat.wall_p50(), raw.wall_p50()),
            reps: pubcat.ms.len(),
            total,
            same,
        }
    }

    /// pubcat p50 / baseline p50.
    pub fn ratio(&self) -> f64 {
        if self.raw.0 > 0.0 {
            self.pubcat.0 / self.raw.0
        } else {
            f64::NAN
        }
    }

    /// One table line.
    pub fn line(&self) -> String {
        format!(
            "  {:<22} {:>9} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>6.2} {:>5}{}",
            self.name,
            self.total,
            self.pubcat.0,
            self.pubcat.1,
            self.raw.0,
            self.raw.1,
            self.ratio(),
            self.reps,
            if self.same { "" } else { "  (answers differ)" }
        )
    }
}

/// Whether two answers agree: same total, facets and page. Pages may differ only where
/// bm25 scores tie, which the two sides break differently; that is reported, not hidden.
pub fn same_answer(a: &Answer, b: &Answer) -> bool {
    let mut fa = a.facets.clone();
    let mut fb = b.facets.clone();
    fa.sort();
    fb.sort();
    a.total == b.total && fa == fb && a.uids == b.uids
}

/// Everything measured for one corpus size.
#[derive(Debug, Clone)]
pub struct Report {
    size: u64,
    seed: u64,
    jsonl_bytes: u64,
    /// Database size when queried.
    pub db_bytes: u64,
    /// pubcat build, unless reused.
    pub build: Option<Build>,
    /// Hand-written build, unless skipped.
    pub raw_build: Option<Build>,
    /// Terms of the selectivity classes.
    pub terms: Terms,
    /// Query cases.
    pub cases: Vec<CaseResult>,
}

fn command(program: &str, args: &[&str]) -> String {
    std::process::Command::new(program)
        .args(args)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

fn proc_field(path: &str, key: &str) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split(':').nth(1))
        .map(|v| v.trim().to_owned())
        .unwrap_or_default()
}

fn machine() -> Value {
    json!({
        "cpu": proc_field("/proc/cpuinfo", "model name"),
        "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
        "memory": proc_field("/proc/meminfo", "MemTotal"),
        "kernel": std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default().trim(),
        "load_average": std::fs::read_to_string("/proc/loadavg").unwrap_or_default().trim(),
        "rustc": command("rustc", &["--version"]),
        "sqlite": rusqlite::version(),
        "pubcat": env!("CARGO_PKG_VERSION"),
        "commit": command("git", &["rev-parse", "--short", "HEAD"]),
    })
}

fn build_json(b: &Option<Build>) -> Value {
    match b {
        Some(b) => {
            json!({
                "seconds": b.seconds,
                "cpu_seconds": b.cpu_seconds,
                "publications_per_s": b.rate,
                "publications_per_cpu_s": b.cpu_rate,
                "db_bytes": b.db_bytes,
            })
        }
        None => Value::Null,
    }
}

fn term_json(t: &Term) -> Value {
    json!({"term": t.text, "docs": t.docs})
}

impl Report {
    /// An empty report.
    pub fn new(size: u64, seed: u64, jsonl_bytes: u64) -> Report {
        let none = Term {
            text: String::new(),
            docs: 0,
        };
        Report {
            size,
            seed,
            jsonl_bytes,
            db_bytes: 0,
            build: None,
            raw_build: None,
            terms: Terms {
                rare: none.clone(),
                medium: none.clone(),
                common: none.clone(),
                very_common: none,
            },
            cases: Vec::new(),
        }
    }

    /// The whole report as one JSON object.
    pub fn json(&self) -> String {
        let cases: Vec<Value> = self
            .cases
            .iter()
            .map(|c| {
                json!({
                    "name": c.name,
                    "pubcat_p50_ms": c.pubcat.0,
                    "pubcat_p95_ms": c.pubcat.1,
                    "baseline_p50_ms": c.raw.0,
                    "baseline_p95_ms": c.raw.1,
                    "ratio": c.ratio(),
                    "pubcat_wall_p50_ms": c.wall.0,
                    "baseline_wall_p50_ms": c.wall.1,
                    "reps": c.reps,
                    "total": c.total,
                    "same_answer": c.same,
                })
            })
            .collect();
        json!({
            "size": self.size,
            "seed": self.seed,
            "machine": machine(),
            "jsonl_bytes": self.jsonl_bytes,
            "db_bytes": self.db_bytes,
            "db_to_jsonl": self.db_bytes as f64 / self.jsonl_bytes.max(1) as f64,
            "build": build_json(&self.build),
            "baseline_build": build_json(&self.raw_build),
            "terms": {
                "rare": term_json(&self.terms.rare),
                "medium": term_json(&self.terms.medium),
                "common": term_json(&self.terms.common),
                "very_common": term_json(&self.terms.very_common),
            },
            "cases": cases,
        })
        .to_string()
    }

    /// The report as a readable table.
    pub fn text(&self) -> String {
        let mut out = format!(
            "size {} (seed {}): JSONL {:.1} MB, database {:.1} MB ({:.2}x)\n",
            self.size,
            self.seed,
            self.jsonl_bytes as f64 / 1e6,
            self.db_bytes as f64 / 1e6,
            self.db_bytes as f64 / self.jsonl_bytes.max(1) as f64
        );
        for (label, b) in [("pubcat", &self.build), ("baseline", &self.raw_build)] {
            if let Some(b) = b {
                out.push_str(&format!(
                    "build {label:<8} {:>8.1} s ({:.1} s CPU) {:>10.0} publications/s ({:.0}/CPU s)  {:.1} MB\n",
                    b.seconds,
                    b.cpu_seconds,
                    b.rate,
                    b.cpu_rate,
                    b.db_bytes as f64 / 1e6
                ));
            }
        }
        let t = &self.terms;
        out.push_str(&format!(
            "terms: rare {} ({}), medium {} ({}), common {} ({}), very common {} ({})\n",
            t.rare.text,
            t.rare.docs,
            t.medium.text,
            t.medium.docs,
            t.common.text,
            t.common.docs,
            t.very_common.text,
            t.very_common.docs
        ));
        out.push_str(&format!(
            "  {:<22} {:>9} {:>9} {:>9} {:>9} {:>9} {:>6} {:>5}\n",
            "case", "total", "pubcat50", "pubcat95", "raw50", "raw95", "ratio", "reps"
        ));
        for c in &self.cases {
            out.push_str(&c.line());
            out.push('\n');
        }
        out
    }
}
