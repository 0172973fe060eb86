//! Build figures. A build is timed by the wall clock and by the CPU time of the whole process
//! (`/proc/self/stat`): tantivy indexes and merges in threads of its own, so the CPU time of
//! the calling thread would miss most of its work.

use std::path::Path;
use std::time::Instant;

use serde_json::{json, Value};

/// Process CPU time at the start of a build.
pub struct ProcessClock {
    start: Option<f64>,
}

/// User + system CPU seconds of this process so far (Linux; `None` elsewhere).
fn process_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0) // USER_HZ is 100 on Linux
}

impl ProcessClock {
    /// Starts counting.
    pub fn start() -> Self {
        ProcessClock {
            start: process_cpu_seconds(),
        }
    }

    /// CPU seconds of the process since [`ProcessClock::start`].
    pub fn elapsed(&self) -> Option<f64> {
        Some(process_cpu_seconds()? - self.start?)
    }
}

/// What a build produced, shaped like the main bench's `build` objects.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuildFigures {
    /// Wall time, seconds.
    pub seconds: f64,
    /// CPU time of the process (all threads), seconds.
    pub cpu_seconds: f64,
    /// Publications per second (wall).
    pub rate: f64,
    /// Publications per CPU second.
    pub cpu_rate: f64,
    /// Size on disk after the build (bytes).
    pub bytes: u64,
    /// Files (SQLite) or segments (tantivy) it ended with.
    pub parts: u64,
    /// Load average (1 min) when the build started.
    pub load_before: f64,
}

/// The figures of a build that started at `t` with `clock`.
pub fn finish(
    t: Instant,
    clock: &ProcessClock,
    publications: u64,
    bytes: u64,
    parts: u64,
) -> BuildFigures {
    let seconds = t.elapsed().as_secs_f64();
    let cpu_seconds = clock.elapsed().unwrap_or(seconds);
    BuildFigures {
        seconds,
        cpu_seconds,
        rate: publications as f64 / seconds,
        cpu_rate: publications as f64 / cpu_seconds.max(1e-9),
        bytes,
        parts,
        load_before: 0.0,
    }
}

impl BuildFigures {
    /// As JSON: `seconds`, `cpu_seconds`, `publications_per_s`, `publications_per_cpu_s`,
    /// `db_bytes` (as the main bench's `build`), plus `parts` and `load_before`.
    pub fn json(&self, parts_name: &str) -> Value {
        json!({
            "seconds": self.seconds,
            "cpu_seconds": self.cpu_seconds,
            "publications_per_s": self.rate,
            "publications_per_cpu_s": self.cpu_rate,
            "db_bytes": self.bytes,
            parts_name: self.parts,
            "load_before": self.load_before,
        })
    }
}

/// The 1-minute load average.
pub fn load_average() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(f64::NAN)
}

/// A SQLite database's size with its WAL (bytes).
pub fn db_size(path: &Path) -> u64 {
    ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{}{s}", path.display())).ok())
        .map(|m| m.len())
        .sum()
}

/// The total size of the files in `dir` (bytes, not recursive: a tantivy index is flat).
pub fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
