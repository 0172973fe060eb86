//! Integrity checks of a catalogue file (`pubcat check`, [`Catalog::check_file`](crate::Catalog::check_file)).

use std::path::Path;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::schema;
use crate::error::Result;

/// The outcome of one check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CheckResult {
    /// `sqlite`, `fts`, `foreign_keys`, `agent_counts` or `schema`.
    pub name: String,
    /// Whether it passed.
    pub ok: bool,
    /// What was found wrong.
    pub details: Vec<String>,
}

/// The outcome of every check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
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

/// Each agent's kept publication count (`agent_publication_count`, kept by pubcat's writes)
/// beside a count of its contributions, as the table `both(agent_id, kept, counted)` of a
/// `WITH` clause: the agents whose two differ are the `agent_counts` finding (below) and what
/// a repair recounts (`store::repair`). A file whose contributions another tool changed shows
/// here (the agent facet of the whole catalogue reads the kept counts).
pub(crate) const AGENT_COUNT_DIFFERENCES: &str = "
    WITH counted(agent_id, n) AS (
        SELECT agent_id, count(DISTINCT publication_id) FROM contribution GROUP BY agent_id),
    both(agent_id, kept, counted) AS (
        SELECT k.agent_id, k.publications, coalesce(c.n, 0)
          FROM agent_publication_count k LEFT JOIN counted c ON c.agent_id = k.agent_id
        UNION ALL
        SELECT c.agent_id, 0, c.n FROM counted c
         WHERE NOT EXISTS (SELECT 1 FROM agent_publication_count k WHERE k.agent_id = c.agent_id))";

/// The agents whose kept count differs from their contributions (at most 20), one row each,
/// as `agent <id>: kept <n>, counted <m>`.
fn agent_counts_check() -> String {
    format!(
        "{AGENT_COUNT_DIFFERENCES}
    SELECT 'agent ' || agent_id || ': kept ' || kept || ', counted ' || counted
      FROM both WHERE kept <> counted ORDER BY agent_id LIMIT 20"
    )
}

/// Every check on the file at `path`, read-only (see `Catalog::check_file`).
pub(crate) fn check_file_in(path: &Path, full: bool) -> Result<CheckReport> {
    if !path.exists() {
        return Err(crate::Error::not_found(
            "catalogue file",
            path.display().to_string(),
        ));
    }
    let mut checks = Vec::new();
    let conn = match super::connection::open_untrusted(path) {
        Ok(conn) => conn,
        // The file is SQLite with pubcat's header, but SQLite cannot even read its schema
        // (damaged schema pages): that is the finding, not a failure to check.
        Err(crate::Error::Corrupt(found)) => {
            let skipped = || vec!["skipped: SQLite cannot read the file's schema".to_owned()];
            checks.push(result(
                "sqlite",
                vec![format!("the schema pages are damaged: {found}")],
            ));
            checks.push(result("fts", skipped()));
            checks.push(result("foreign_keys", skipped()));
            checks.push(result("agent_counts", skipped()));
            checks.push(result("schema", skipped()));
            return Ok(CheckReport { checks });
        }
        Err(other) => return Err(other),
    };
    let schema_ok = schema::verify_exact(&conn);
    if let Err(err) = schema_ok {
        let skipped = || vec!["skipped: the schema is not pubcat's".to_owned()];
        checks.push(result("sqlite", skipped()));
        checks.push(result("fts", skipped()));
        checks.push(result("foreign_keys", skipped()));
        checks.push(result("agent_counts", skipped()));
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
    let mut fts = fts_check_on_copy(&conn);
    fts.extend(stale_concept_tokens(&conn));
    checks.push(result("fts", fts));
    checks.push(result(
        "foreign_keys",
        collect(&conn, "PRAGMA foreign_key_check").unwrap_or_else(|e| vec![e.to_string()]),
    ));
    checks.push(result(
        "agent_counts",
        collect(&conn, &agent_counts_check()).unwrap_or_else(|e| vec![e.to_string()]),
    ));
    checks.push(result("schema", Vec::new()));
    Ok(CheckReport { checks })
}

/// The publications whose concept tokens (schema.sql, `publication_concept_token`) are not
/// what their texts and the concepts' labels give: the index then finds them for a label they
/// no longer hold, or not for one they hold. Part of the `fts` finding, which `repair` mends.
fn stale_concept_tokens(conn: &Connection) -> Vec<String> {
    let stale = match crate::db::concept_tokens::stale(conn) {
        Ok(stale) => stale,
        Err(e) => return vec![e.to_string()],
    };
    if stale.is_empty() {
        return Vec::new();
    }
    let first: Vec<String> = stale
        .iter()
        .take(5)
        .filter_map(|id| {
            conn.query_row("SELECT uid FROM publication WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .ok()
        })
        .collect();
    vec![format!(
        "{} publication(s) with concept tokens out of date (labels or texts changed outside \
         pubcat), such as {}",
        stale.len(),
        first.join(", ")
    )]
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
