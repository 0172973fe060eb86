//! Where pubcat's time goes beyond the FTS5-only floor (`--gap`): the statements of a ranked
//! search, run by hand on pubcat's own file (same connection settings: 64 MiB page cache)
//! and timed alternately with pubcat's search. pubcat's first page ranks the top
//! 10,000 (its relevance snapshot, kept so that the next pages need no second ranking), where
//! the floor keeps 20; its page's details and snippets come from one statement that matches
//! the expression again for the 20 ids (the main bench's hand-written `details`).

use std::path::Path;

use rusqlite::{params, Connection};

use crate::raw;

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// A read connection to a pubcat catalogue.
pub struct Gap {
    conn: Connection,
}

impl Gap {
    /// Opens the catalogue `db` read-only, with pubcat's page cache size.
    pub fn open(db: &Path) -> Result<Gap, String> {
        let conn = Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(err)?;
        conn.pragma_update(None, "temp_store", "MEMORY")
            .map_err(err)?;
        conn.pragma_update(None, "cache_size", -65536)
            .map_err(err)?;
        Ok(Gap { conn })
    }

    /// The number of matches (pubcat's count statement without filters).
    pub fn count(&self, expr: &str) -> Result<i64, String> {
        self.conn
            .prepare_cached("SELECT count(*) FROM publication_fts WHERE publication_fts MATCH ?1")
            .and_then(|mut s| s.query_row([expr], |r| r.get(0)))
            .map_err(err)
    }

    /// The ids of the best `n` matches, in the shape of pubcat's ranked page query.
    pub fn page(&self, expr: &str, n: usize) -> Result<Vec<i64>, String> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, score FROM (SELECT f.rowid AS id, -f.rank AS score FROM publication_fts f
                   WHERE publication_fts MATCH ?1 LIMIT -1) WHERE 1 ORDER BY score DESC, id ASC LIMIT ?2",
            )
            .map_err(err)?;
        let rows = stmt
            .query_map(params![expr, n as i64], |r| r.get(0))
            .map_err(err)?;
        rows.collect::<rusqlite::Result<Vec<i64>>>().map_err(err)
    }

    /// The details and snippets of `ids` (one statement, as in the main bench's baseline).
    pub fn details(&self, expr: &str, ids: &[i64]) -> Result<usize, String> {
        raw::details(&self.conn, Some(expr), ids)
            .map(|h| h.len())
            .map_err(err)
    }
}
