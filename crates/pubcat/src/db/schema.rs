//! The catalogue schema: its version, creation from `schema.sql`, migrations, and checks.
//!
//! `schema.sql` (in this crate, `crates/pubcat/schema.sql`; the one at the top of the
//! repository links to it) is the only description of the current schema; it is embedded here
//! and applied unchanged to new catalogues. Each step from version N-1 to N is a file
//! `migrations/NNNN_name.sql`, listed in [`MIGRATIONS`]. Files are identified by
//! `PRAGMA application_id` ([`APPLICATION_ID`]) and versioned by `PRAGMA user_version`.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::error::{Error, Result};

/// The schema version this build writes and understands.
pub const VERSION: i64 = 7;

/// `PRAGMA application_id` of pubcat catalogues: the ASCII bytes `PUBC`.
pub const APPLICATION_ID: i32 = 0x5055_4243;

/// The current schema, applied to new catalogues.
pub const SCHEMA_SQL: &str = include_str!("../../schema.sql");

/// One migration step.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The version the step produces (it runs on files at `to_version - 1`).
    pub to_version: i64,
    /// The file name, for messages.
    pub name: &'static str,
    /// The SQL it runs.
    pub sql: &'static str,
    /// Rust code it runs after the SQL, in the same transaction, for what SQL cannot compute
    /// (version 7: every publication's concept tokens, then the full-text index rebuilt).
    pub after: Option<fn(&Connection) -> Result<()>>,
}

/// Migration steps in order. A new version adds `migrations/NNNN_<name>.sql` here, and a
/// fixture of the previous version under `tests/fixtures/` (its schema as text, and files made
/// by the released code), which the migration tests upgrade and compare with a fresh file.
///
/// Steps run in one IMMEDIATE transaction with `foreign_keys` OFF and `legacy_alter_table` ON
/// (so that a step can rebuild a table: see the 0002 file), and `PRAGMA foreign_key_check`
/// must find nothing before the transaction commits.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        to_version: 2,
        name: "0002_pages_long_texts_last.sql",
        sql: include_str!("../../migrations/0002_pages_long_texts_last.sql"),
        after: None,
    },
    Migration {
        to_version: 3,
        name: "0003_catalog_identity.sql",
        sql: include_str!("../../migrations/0003_catalog_identity.sql"),
        after: None,
    },
    Migration {
        to_version: 4,
        name: "0004_contribution_agent_publication_role.sql",
        sql: include_str!("../../migrations/0004_contribution_agent_publication_role.sql"),
        after: None,
    },
    Migration {
        to_version: 5,
        name: "0005_agent_publication_count.sql",
        sql: include_str!("../../migrations/0005_agent_publication_count.sql"),
        after: None,
    },
    Migration {
        to_version: 6,
        name: "0006_automatic_tags_out_of_the_index.sql",
        sql: include_str!("../../migrations/0006_automatic_tags_out_of_the_index.sql"),
        after: None,
    },
    Migration {
        to_version: 7,
        name: "0007_concept_tokens_in_the_index.sql",
        sql: include_str!("../../migrations/0007_concept_tokens_in_the_index.sql"),
        after: Some(index_concept_tokens),
    },
];

/// The Rust half of the step to version 7: every publication's concept tokens, then the new
/// full-text index built.
fn index_concept_tokens(conn: &Connection) -> Result<()> {
    crate::db::concept_tokens::store_all(conn)?;
    conn.execute(
        "INSERT INTO publication_fts (publication_fts) VALUES ('rebuild')",
        [],
    )?;
    Ok(())
}

/// What [`prepare`] found in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prepared {
    /// The file was empty and now holds a new catalogue.
    Created,
    /// The file was at an older version and was migrated.
    Migrated {
        /// The version found.
        from: i64,
    },
    /// The file was already current.
    Current,
}

/// Reads `(application_id, user_version, number of schema objects)` without writing anything.
pub(crate) fn identify(conn: &Connection) -> Result<(i32, i64, i64)> {
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |row| row.get(0))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    let objects: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))?;
    Ok((app_id, version, objects))
}

/// Refuses files that are newer than this build or that are not pubcat catalogues.
/// Writes nothing.
pub(crate) fn check_identity(conn: &Connection) -> Result<()> {
    let (app_id, version, objects) = identify(conn)?;
    if app_id == 0 && version == 0 && objects == 0 {
        return Ok(()); // a new, empty database
    }
    if app_id != APPLICATION_ID {
        return Err(Error::NotACatalog(format!(
            "the SQLite database has application_id {app_id:#x}, not pubcat's {APPLICATION_ID:#x}"
        )));
    }
    if version > VERSION {
        return Err(Error::TooNew {
            found: version,
            supported: VERSION,
        });
    }
    if version < 1 {
        return Err(Error::Corrupt(format!(
            "pubcat file with invalid schema version {version}"
        )));
    }
    Ok(())
}

/// Creates or migrates the schema in one IMMEDIATE transaction.
pub(crate) fn prepare(conn: &mut Connection) -> Result<Prepared> {
    let (_, version, objects) = identify(conn)?;
    let migrating = objects > 0 && version < VERSION;
    if migrating {
        // Both pragmas are no-ops inside a transaction: set them before it, restore after.
        conn.pragma_update(None, "foreign_keys", false)?;
        conn.pragma_update(None, "legacy_alter_table", true)?;
    }
    let outcome = prepare_in_transaction(conn);
    if migrating {
        let restored = conn
            .pragma_update(None, "legacy_alter_table", false)
            .and_then(|()| conn.pragma_update(None, "foreign_keys", true));
        let outcome = outcome?;
        restored?;
        return Ok(outcome);
    }
    outcome
}

fn prepare_in_transaction(conn: &mut Connection) -> Result<Prepared> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Checked again inside the write lock: another process may have prepared the file.
    check_identity(&tx)?;
    let (_, version, objects) = identify(&tx)?;
    let outcome = if objects == 0 {
        tx.execute_batch(SCHEMA_SQL)?;
        set_version(&tx, VERSION)?;
        Prepared::Created
    } else if version < VERSION {
        // A row the old schema let in but the new one refuses (a file damaged or edited by
        // another program) makes the migration fail: the file is corrupt, and stays as it was.
        migrate(&tx, version).map_err(|e| match e {
            Error::Io(_) => e,
            other => Error::Corrupt(format!(
                "cannot migrate from schema version {version}: {other}"
            )),
        })?;
        let dangling: i64 =
            tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        if dangling > 0 {
            return Err(Error::Corrupt(format!(
                "migrating from schema version {version}: {dangling} rows refer to missing rows"
            )));
        }
        Prepared::Migrated { from: version }
    } else {
        Prepared::Current
    };
    tx.commit()?;
    Ok(outcome)
}

/// Runs every migration step after `from`, in order, inside the caller's transaction.
pub(crate) fn migrate(conn: &Connection, from: i64) -> Result<()> {
    let mut current = from;
    for step in MIGRATIONS.iter().filter(|m| m.to_version > from) {
        if step.to_version != current + 1 {
            return Err(Error::Corrupt(format!(
                "no migration from schema version {current} (next step is {})",
                step.name
            )));
        }
        conn.execute_batch(step.sql)?;
        if let Some(after) = step.after {
            after(conn)?;
        }
        current = step.to_version;
    }
    if current != VERSION {
        return Err(Error::Corrupt(format!(
            "no migration path from schema version {from} to {VERSION}"
        )));
    }
    set_version(conn, VERSION)
}

fn set_version(conn: &Connection, version: i64) -> Result<()> {
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    conn.pragma_update(None, "user_version", version)?;
    Ok(())
}

/// The statistics tables `ANALYZE` and `PRAGMA optimize` may add, with the SQL SQLite gives
/// them: the only objects a catalogue may hold beyond pubcat's schema (they hold data for
/// the query planner, not code).
const STAT_TABLES: [(&str, &str); 2] = [
    ("sqlite_stat1", "CREATE TABLE sqlite_stat1(tbl,idx,stat)"),
    (
        "sqlite_stat4",
        "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)",
    ),
];

/// The schema objects of a database, normalised for comparison: `(type, name, sql)` of every
/// row of `sqlite_schema` (SQLite's internal objects included: an object named `sqlite_…`
/// can be slipped in by editing the schema table), sorted, with whitespace folded; only the
/// statistics tables of `ANALYZE` are left out when they have SQLite's own definition.
pub fn schema_fingerprint(conn: &Connection) -> Result<Fingerprint> {
    let mut stmt = conn.prepare(
        "SELECT type, name, coalesce(sql, '') FROM sqlite_schema ORDER BY type, name, sql",
    )?;
    let rows = stmt.query_map([], |row| {
        let sql: String = row.get(2)?;
        Ok((
            row.get(0)?,
            row.get(1)?,
            sql.split_whitespace().collect::<Vec<_>>().join(" "),
        ))
    })?;
    let all = rows.collect::<std::result::Result<Fingerprint, _>>()?;
    Ok(all
        .into_iter()
        .filter(|(kind, name, sql)| {
            !(kind == "table"
                && STAT_TABLES
                    .iter()
                    .any(|(stat, stat_sql)| name == stat && sql == stat_sql))
        })
        .collect())
}

/// The FTS5 configuration rows (`publication_fts_config`): they name the ranking function
/// and the index format, so a file could change what a search runs without changing the
/// schema.
fn fts_config(conn: &Connection) -> Result<FtsConfig> {
    let mut stmt =
        conn.prepare("SELECT k, CAST(v AS TEXT) FROM publication_fts_config ORDER BY k")?;
    let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

/// `(type, name, sql)` of each schema object.
type Fingerprint = Vec<(String, String, String)>;
/// `(key, value)` of each FTS5 configuration row.
type FtsConfig = Vec<(String, String)>;

/// What a fresh catalogue made from [`SCHEMA_SQL`] holds: its schema fingerprint and FTS5
/// configuration (computed once).
fn expected() -> Result<&'static (Fingerprint, FtsConfig)> {
    static EXPECTED: std::sync::OnceLock<(Fingerprint, FtsConfig)> = std::sync::OnceLock::new();
    if let Some(expected) = EXPECTED.get() {
        return Ok(expected);
    }
    let mut fresh = Connection::open_in_memory()?;
    prepare(&mut fresh)?;
    let value = (schema_fingerprint(&fresh)?, fts_config(&fresh)?);
    Ok(EXPECTED.get_or_init(|| value))
}

/// The fingerprint of a fresh catalogue made from [`SCHEMA_SQL`].
#[cfg(any(test, feature = "test-hooks"))]
pub fn expected_fingerprint() -> Result<Vec<(String, String, String)>> {
    Ok(expected()?.0.clone())
}

/// Verifies that the file's schema is exactly the expected one: same tables, indexes,
/// views, triggers and virtual tables, with the same SQL, and the same FTS5 configuration
/// (ranking function, format version). Anything added (a trigger, a view, a configuration
/// row) or changed makes the file [`Error::Corrupt`]. Reads `sqlite_schema` only, then (once
/// the schema is known to be pubcat's) the FTS5 configuration table: nothing the file
/// defines runs.
pub fn verify_exact(conn: &Connection) -> Result<()> {
    let found = schema_fingerprint(conn)?;
    let (expected, expected_config) = expected()?;
    if found != *expected {
        let extra: Vec<_> = found
            .iter()
            .filter(|o| !expected.contains(o))
            .map(|o| format!("{} {}", o.0, o.1))
            .collect();
        let missing: Vec<_> = expected
            .iter()
            .filter(|o| !found.contains(o))
            .map(|o| format!("{} {}", o.0, o.1))
            .collect();
        return Err(Error::Corrupt(format!(
            "schema differs from pubcat's: unexpected or altered [{}], missing [{}]",
            extra.join(", "),
            missing.join(", ")
        )));
    }
    let config = fts_config(conn)?;
    if config != *expected_config {
        return Err(Error::Corrupt(format!(
            "full-text index configuration differs from pubcat's: {config:?}"
        )));
    }
    Ok(())
}

/// The current change-log version stored in the file.
pub(crate) fn stored_version(conn: &Connection) -> Result<i64> {
    Ok(conn
        .query_row(
            "SELECT version FROM catalog_state WHERE id = 1",
            [],
            |row| row.get(0),
        )
        .optional()?
        .unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_schema_is_applied_and_versioned() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(prepare(&mut conn).unwrap(), Prepared::Created);
        assert_eq!(identify(&conn).unwrap().0, APPLICATION_ID);
        assert_eq!(identify(&conn).unwrap().1, VERSION);
        assert_eq!(prepare(&mut conn).unwrap(), Prepared::Current);
        verify_exact(&conn).unwrap();
    }

    #[test]
    fn added_trigger_fails_the_exact_check() {
        let mut conn = Connection::open_in_memory().unwrap();
        prepare(&mut conn).unwrap();
        conn.execute_batch("CREATE TRIGGER t AFTER INSERT ON work BEGIN SELECT 1; END;")
            .unwrap();
        assert_eq!(
            verify_exact(&conn).unwrap_err().kind(),
            crate::ErrorKind::Corrupt
        );
    }

    #[test]
    fn migrations_are_contiguous() {
        let mut expected = 2;
        for m in MIGRATIONS {
            assert_eq!(m.to_version, expected, "{}", m.name);
            expected += 1;
        }
        assert_eq!(expected - 1, VERSION.max(1));
    }
}
