//! Crash safety of the in-file index (in_file.rs): a child process writes rows and their
//! tantivy documents in one SQLite transaction per batch (some batches also delete rows and
//! their documents, so deletion files and merges happen), acknowledging each commit on
//! stdout; the parent kills it with SIGKILL at a random moment, then checks the file:
//! `integrity_check` passes, the index loads, its documents are **exactly** the rows (same
//! uids, same count for a word every document holds), and the file holds the last
//! acknowledged commit or the one after it (a commit can land before its acknowledgement is
//! read). Then the next child continues on the same file.
//!
//! ```text
//! cargo run --release --manifest-path crates/pubcat-peer-bench/Cargo.toml -- --kill-loop 200
//! ```

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rusqlite::{params, Connection};
use serde_json::{json, Value};
use tantivy::collector::{Count, DocSetCollector};
use tantivy::query::{AllQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Schema, Value as _, STORED, STRING, TEXT};
use tantivy::{Index, IndexSettings, IndexWriter, TantivyDocument, Term};

use crate::in_file;

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// A small deterministic generator (xorshift64*), enough to pick sizes and moments.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }
}

/// Rows above which a batch deletes more than it adds (keeps the file small).
const MAX_ROWS: i64 = 4_000;

fn schema() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field("uid", STRING | STORED);
    b.add_text_field("body", TEXT);
    b.build()
}

/// The child: writes batches until it is killed. Prints `ack N` after commit N.
pub fn child(db: &Path, seed: u64) -> Result<(), String> {
    let mut conn = in_file::open_file(db)?;
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS spike_doc (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
         CREATE TABLE IF NOT EXISTS spike_state (id INTEGER PRIMARY KEY CHECK (id = 1),
                                                 commits INTEGER NOT NULL);
         INSERT OR IGNORE INTO spike_state VALUES (1, 0);",
    )
    .map_err(err)?;
    in_file::create_table(&conn)?;
    let (index, directory, mut stored) = match in_file::load(&conn)? {
        Some(found) => found,
        None => {
            let directory = tantivy::directory::RamDirectory::create();
            let index = Index::create(directory.clone(), schema(), IndexSettings::default())
                .map_err(err)?;
            (index, directory, in_file::Stored::default())
        }
    };
    let uid = index.schema().get_field("uid").map_err(err)?;
    let body = index.schema().get_field("body").map_err(err)?;
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).map_err(err)?;
    let mut rng = Rng::new(seed);
    let mut out = std::io::stdout();
    loop {
        let tx = conn.transaction().map_err(err)?;
        let (rows, next): (i64, i64) = tx
            .query_row(
                "SELECT count(*), coalesce(max(id), 0) + 1 FROM spike_doc",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(err)?;
        let deletes = if rows > MAX_ROWS {
            40
        } else if rng.below(4) == 0 {
            1 + rng.below(5)
        } else {
            0
        };
        for _ in 0..deletes {
            let victim: Option<i64> = tx
                .query_row(
                    "SELECT id FROM spike_doc WHERE id >= ?1 ORDER BY id LIMIT 1",
                    [1 + rng.below(next as u64) as i64],
                    |r| r.get(0),
                )
                .ok();
            if let Some(id) = victim {
                tx.execute("DELETE FROM spike_doc WHERE id = ?1", [id])
                    .map_err(err)?;
                writer.delete_term(Term::from_field_text(uid, &format!("d{id}")));
            }
        }
        for id in next..next + 1 + rng.below(20) as i64 {
            let text = format!("common word{id} batch");
            tx.execute(
                "INSERT INTO spike_doc (id, body) VALUES (?1, ?2)",
                params![id, text],
            )
            .map_err(err)?;
            let mut doc = TantivyDocument::default();
            doc.add_text(uid, format!("d{id}"));
            doc.add_text(body, &text);
            writer.add_document(doc).map_err(err)?;
        }
        writer.commit().map_err(err)?;
        in_file::persist(&index, &directory, &tx, &mut stored)?;
        tx.execute("UPDATE spike_state SET commits = commits + 1", [])
            .map_err(err)?;
        let commits: i64 = tx
            .query_row("SELECT commits FROM spike_state", [], |r| r.get(0))
            .map_err(err)?;
        tx.commit().map_err(err)?;
        writeln!(out, "ack {commits}").map_err(err)?;
        out.flush().map_err(err)?;
    }
}

/// What the file holds after a kill; an error when it is not consistent.
fn check(db: &Path, acked: u64) -> Result<(u64, i64), String> {
    let conn = Connection::open(db).map_err(err)?;
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(err)?;
    if integrity != "ok" {
        return Err(format!("integrity_check: {integrity}"));
    }
    let commits = conn
        .query_row("SELECT commits FROM spike_state", [], |r| {
            r.get::<_, i64>(0)
        })
        .map_or(0, |c| c as u64);
    if commits != acked && commits != acked + 1 {
        return Err(format!(
            "the file holds commit {commits}, the last acknowledged was {acked}"
        ));
    }
    let mut ids = HashSet::new();
    if commits > 0 {
        let mut statement = conn.prepare("SELECT id FROM spike_doc").map_err(err)?;
        for id in statement
            .query_map([], |r| r.get::<_, i64>(0))
            .map_err(err)?
        {
            ids.insert(format!("d{}", id.map_err(err)?));
        }
    }
    let Some((index, ..)) = in_file::load(&conn)? else {
        return if commits == 0 {
            Ok((0, 0))
        } else {
            Err(format!("commit {commits} is in the file, its index is not"))
        };
    };
    let reader = index.reader().map_err(err)?;
    let searcher = reader.searcher();
    let uid = index.schema().get_field("uid").map_err(err)?;
    let body = index.schema().get_field("body").map_err(err)?;
    let mut uids = HashSet::new();
    for address in searcher.search(&AllQuery, &DocSetCollector).map_err(err)? {
        let doc: TantivyDocument = searcher.doc(address).map_err(err)?;
        let value = doc
            .get_first(uid)
            .and_then(|v| v.as_str())
            .ok_or("a document without uid")?;
        uids.insert(value.to_owned());
    }
    let common = searcher
        .search(
            &TermQuery::new(
                Term::from_field_text(body, "common"),
                IndexRecordOption::Basic,
            ),
            &Count,
        )
        .map_err(err)?;
    if uids != ids || common != ids.len() {
        return Err(format!(
            "commit {commits}: {} rows, {} documents, {common} match `common`; {} rows without a document, {} documents without a row",
            ids.len(),
            uids.len(),
            ids.difference(&uids).count(),
            uids.difference(&ids).count()
        ));
    }
    Ok((commits, ids.len() as i64))
}

/// Runs `cycles` kills on a new file in `dir`; an error at the first inconsistency.
pub fn run(cycles: usize, seed: u64, dir: &Path) -> Result<Value, String> {
    std::fs::create_dir_all(dir).map_err(err)?;
    let db = dir.join(format!("kill-loop-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let exe = std::env::current_exe().map_err(err)?;
    let mut rng = Rng::new(seed);
    let t = Instant::now();
    let (mut acked, mut unacknowledged, mut rows) = (0u64, 0u64, 0i64);
    let mut during_writes = 0;
    for cycle in 0..cycles {
        let mut child = Command::new(&exe)
            .arg("--kill-child")
            .arg(&db)
            .arg((seed + cycle as u64).to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(err)?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let last = Arc::new(AtomicU64::new(acked));
        let seen = Arc::clone(&last);
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(n) = line.strip_prefix("ack ").and_then(|n| n.parse().ok()) {
                    seen.store(n, Ordering::SeqCst);
                }
            }
        });
        // One cycle in five kills early (while the child opens the file and loads the index).
        let wait = if rng.below(5) == 0 {
            rng.below(60)
        } else {
            60 + rng.below(400)
        };
        std::thread::sleep(Duration::from_millis(wait));
        let exited = child.try_wait().map_err(err)?;
        if let Some(status) = exited {
            return Err(format!(
                "cycle {cycle}: the child stopped on its own ({status})"
            ));
        }
        child.kill().map_err(err)?;
        child.wait().map_err(err)?;
        let _ = reader.join();
        let before = acked;
        acked = last.load(Ordering::SeqCst);
        if acked > before {
            during_writes += 1;
        }
        let (commits, now) = check(&db, acked).map_err(|e| format!("cycle {cycle}: {e}"))?;
        if commits > acked {
            unacknowledged += 1;
        }
        acked = commits;
        rows = now;
    }
    let bytes = crate::clock::db_size(&db);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let report = json!({
        "cycles": cycles,
        "seed": seed,
        "commits": acked,
        "kills_after_writes_began": during_writes,
        "commits_landed_unacknowledged": unacknowledged,
        "rows_at_end": rows,
        "file_bytes_at_end": bytes,
        "seconds": t.elapsed().as_secs_f64(),
        "inconsistencies": 0,
    });
    eprintln!(
        "kill loop: {cycles} kills, {acked} commits, {during_writes} kills after writes began, \
         {unacknowledged} commits landed before their acknowledgement was read; every check passed \
         ({rows} rows at the end, {:.1} s)",
        t.elapsed().as_secs_f64()
    );
    Ok(report)
}
