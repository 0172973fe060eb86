//! The "FTS5 only" floor: the searchable text of every publication in one plain SQLite table
//! (`doc`: uid and the seven columns) with an external-content FTS5 index over it
//! (`doc_fts`: the same columns, tokenizer and bm25 weights as pubcat's `publication_fts`),
//! and nothing else: no other table, no B-tree index, no change log. Built the way pubcat
//! builds (one transaction, the index filled by one `INSERT … SELECT`, WAL, `synchronous =
//! FULL`, a 64 MiB page cache), through the same rusqlite and bundled SQLite. It is what a
//! searchable SQLite file costs.

use std::path::Path;
use std::time::Instant;

use rusqlite::{params, Connection};

use crate::build::{read_document, remove_db};
use crate::clock::{finish, BuildFigures, ProcessClock};
use crate::text::{Resolver, COLUMNS, WEIGHTS};

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

fn schema() -> String {
    let cols = COLUMNS.join(", ");
    let weights = WEIGHTS
        .iter()
        .map(|w| format!("{w:.1}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "CREATE TABLE doc (id INTEGER PRIMARY KEY, uid TEXT NOT NULL, {cols});
         CREATE VIRTUAL TABLE doc_fts USING fts5 ({cols}, content = 'doc', content_rowid = 'id',
             tokenize = 'unicode61 remove_diacritics 2');
         INSERT INTO doc_fts (doc_fts, rank) VALUES ('rank', 'bm25({weights})');"
    )
}

/// Reads `jsonl` and builds the floor at `db`, timed end to end (parsing included, as for
/// pubcat's import).
pub fn build(jsonl: &Path, db: &Path, publications: u64) -> Result<BuildFigures, String> {
    remove_db(db)?;
    let clock = ProcessClock::start();
    let t = Instant::now();
    let mut conn = Connection::open(db).map_err(err)?;
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(err)?;
    if mode != "wal" {
        return Err(format!("journal mode {mode}"));
    }
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(err)?;
    conn.pragma_update(None, "cache_size", -65536)
        .map_err(err)?;
    conn.execute_batch(&schema()).map_err(err)?;
    let doc = read_document(jsonl)?;
    let resolver = Resolver::new(&doc);
    let tx = conn.transaction().map_err(err)?;
    {
        let mut insert = tx
            .prepare(&format!(
                "INSERT INTO doc (uid, {}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                COLUMNS.join(", ")
            ))
            .map_err(err)?;
        for p in &doc.publications {
            let d = resolver.doc(p);
            let c = &d.columns;
            insert
                .execute(params![d.uid, c[0], c[1], c[2], c[3], c[4], c[5], c[6]])
                .map_err(err)?;
        }
    }
    tx.execute(
        &format!(
            "INSERT INTO doc_fts (rowid, {c}) SELECT id, {c} FROM doc",
            c = COLUMNS.join(", ")
        ),
        [],
    )
    .map_err(err)?;
    tx.commit().map_err(err)?;
    drop(doc);
    conn.close().map_err(|(_, e)| err(e))?;
    Ok(finish(
        t,
        &clock,
        publications,
        crate::clock::db_size(db),
        1,
    ))
}

/// A read connection to the floor.
pub struct Floor {
    conn: Connection,
}

impl Floor {
    /// Opens `db` read-only, with pubcat's page cache size.
    pub fn open(db: &Path) -> Result<Floor, String> {
        let conn = Connection::open_with_flags(
            db,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(err)?;
        conn.pragma_update(None, "temp_store", "MEMORY")
            .map_err(err)?;
        // The page cache pubcat's own connection has (64 MiB): SQLite's default (2 MiB) would
        // re-read most pages of a large index from the OS on every query.
        conn.pragma_update(None, "cache_size", -65536)
            .map_err(err)?;
        Ok(Floor { conn })
    }

    /// The number of matches of `expr` and the uids of its best `limit` by bm25 (two
    /// statements, as an application showing "N results" and a page would run).
    pub fn search(&self, expr: &str, limit: usize) -> Result<(u64, Vec<String>), String> {
        let total: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM doc_fts WHERE doc_fts MATCH ?1")
            .and_then(|mut s| s.query_row([expr], |r| r.get(0)))
            .map_err(err)?;
        // The top `limit` by SQLite's sorter, which keeps only that many rows, rather than
        // FTS5's `ORDER BY rank`, which sorts every match (1.9x slower for a word in 70 % of
        // 100,000 publications). `LIMIT -1` keeps the subquery apart, so the rank is
        // computed once per row; pubcat's page query has the same shape.
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT d.uid FROM (SELECT id, score FROM (SELECT rowid AS id, -rank AS score
                   FROM doc_fts WHERE doc_fts MATCH ?1 LIMIT -1) ORDER BY score DESC, id LIMIT ?2) t
                   JOIN doc d ON d.id = t.id ORDER BY t.score DESC, t.id",
            )
            .map_err(err)?;
        let uids = stmt
            .query_map(params![expr, limit as i64], |r| r.get(0))
            .map_err(err)?
            .collect::<rusqlite::Result<Vec<String>>>()
            .map_err(err)?;
        Ok((total as u64, uids))
    }
}
