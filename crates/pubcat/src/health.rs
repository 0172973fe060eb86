//! Integrity checks of a catalogue file (`pubcat check`).

use std::path::Path;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::schema;

/// The outcome of one check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    /// `sqlite`, `fts`, `foreign_keys` or `schema`.
    pub name: String,
    /// Whether it passed.
    pub ok: bool,
    /// What was found wrong.
    pub details: Vec<String>,
}

/// The outcome of every check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckReport {
    /// Each check in order.
    pub checks: Vec<CheckResult>,
}

impl CheckReport {
    /// Whether every check passed.
    pub fn ok(&self) -> bool {
        self.checks.iter().all(|c| c.ok)
    }
}

fn result(name: &str, details: Vec<String>) -> CheckResult {
    CheckResult {
        name: name.to_owned(),
        ok: details.is_empty(),
        details,
    }
}

fn collect(conn: &Connection, sql: &str) -> std::result::Result<Vec<String>, rusqlite::Error> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |row| {
        let values: Vec<String> = (0..row.as_ref().column_count())
            .map(|i| {
                row.get_ref(i).map(|v| match v {
                    rusqlite::types::ValueRef::Null => "NULL".to_owned(),
                    rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                    rusqlite::types::ValueRef::Real(f) => f.to_string(),
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    rusqlite::types::ValueRef::Blob(b) => format!("<{} bytes>", b.len()),
                })
            })
            .collect::<std::result::Result<_, _>>()?;
        Ok(values.join(" "))
    })?;
    rows.collect()
}

/// Runs every check on the file at `path` without modifying it: the exact schema check
/// first (the file's schema must be pubcat's, and its full-text configuration too), then
/// SQLite's `quick_check` (`integrity_check` with `full`), the FTS5 integrity check against
/// its content and the foreign-key check.
///
/// The file is opened as [`Catalog::open_read_only`](crate::Catalog::open_read_only) opens
/// it: identified from its header first (a foreign, newer or non-SQLite file is a typed
/// error), immutable when no -wal file is beside it, hardened. When the schema is not
/// pubcat's, the other checks are skipped: they would run what the file defines (CHECK
/// constraints, index expressions).
///
/// ```
/// let dir = std::env::temp_dir().join(format!("pubcat-doc-check-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let path = dir.join("c.db");
/// pubcat::demo::create_demo(&path)?.close()?;
/// assert!(pubcat::health::check_file(&path, false)?.ok());
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), pubcat::Error>(())
/// ```
pub fn check_file(path: &Path, full: bool) -> Result<CheckReport> {
    if !path.exists() {
        return Err(crate::Error::not_found(
            "catalogue file",
            path.display().to_string(),
        ));
    }
    let conn = crate::catalog::open_untrusted(path)?;
    let schema_ok = schema::verify_exact(&conn);
    let mut checks = Vec::new();
    if let Err(err) = schema_ok {
        let skipped = || vec!["skipped: the schema is not pubcat's".to_owned()];
        checks.push(result("sqlite", skipped()));
        checks.push(result("fts", skipped()));
        checks.push(result("foreign_keys", skipped()));
        checks.push(result("schema", vec![err.to_string()]));
        return Ok(CheckReport { checks });
    }
    let integrity = collect(
        &conn,
        if full {
            "PRAGMA integrity_check"
        } else {
            "PRAGMA quick_check"
        },
    );
    checks.push(result(
        "sqlite",
        match integrity {
            Ok(rows) if rows == ["ok"] => Vec::new(),
            Ok(rows) => rows,
            Err(e) => vec![e.to_string()],
        },
    ));
    // The connection is read-only: the FTS5 check (which writes) runs on a copy.
    checks.push(result("fts", fts_check_on_copy(&conn)));
    checks.push(result(
        "foreign_keys",
        collect(&conn, "PRAGMA foreign_key_check").unwrap_or_else(|e| vec![e.to_string()]),
    ));
    checks.push(result("schema", Vec::new()));
    Ok(CheckReport { checks })
}

/// The FTS5 integrity check writes to the index's shadow tables, so on a read-only
/// connection it runs on an in-memory copy of the file. Failures (including a file too
/// damaged to copy) are findings.
fn fts_check_on_copy(conn: &Connection) -> Vec<String> {
    let run = || -> std::result::Result<(), rusqlite::Error> {
        let mut copy = Connection::open_in_memory()?;
        {
            let backup = rusqlite::backup::Backup::new(conn, &mut copy)?;
            backup.run_to_completion(256, std::time::Duration::ZERO, None)?;
        }
        copy.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA,
            false,
        )?;
        copy.execute(
            "INSERT INTO publication_fts (publication_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )?;
        Ok(())
    };
    match run() {
        Ok(()) => Vec::new(),
        Err(e) => vec![e.to_string()],
    }
}
