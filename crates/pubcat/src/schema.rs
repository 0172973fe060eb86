//! The catalogue schema: its version, creation from `schema.sql`, migrations, and checks.
//!
//! `schema.sql` at the top of the repository is the only description of the current schema;
//! it is embedded here and applied unchanged to new catalogues. Each step from version N-1 to
//! N is a file `migrations/NNNN_name.sql`, listed in [`MIGRATIONS`]. Files are identified by
//! `PRAGMA application_id` ([`APPLICATION_ID`]) and versioned by `PRAGMA user_version`.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::error::{Error, Result};

/// The schema version this build writes and understands.
pub const VERSION: i64 = 1;

/// `PRAGMA application_id` of pubcat catalogues: the ASCII bytes `PUBC`.
pub const APPLICATION_ID: i32 = 0x5055_4243;

/// The current schema, applied to new catalogues.
pub const SCHEMA_SQL: &str = include_str!("../../../schema.sql");

/// One migration step.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The version the step produces (it runs on files at `to_version - 1`).
    pub to_version: i64,
    /// The file name, for messages.
    pub name: &'static str,
    /// The SQL it runs.
    pub sql: &'static str,
}

/// Migration steps in order. Version 1 is the first version: there is nothing to migrate
/// from yet. A new version adds `migrations/0002_<name>.sql` here and a fixture of version 1
/// under `tests/fixtures/`, which the migration test upgrades and compares with a fresh file.
pub const MIGRATIONS: &[Migration] = &[];

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
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Checked again inside the write lock: another process may have prepared the file.
    check_identity(&tx)?;
    let (_, version, objects) = identify(&tx)?;
    let outcome = if objects == 0 {
        tx.execute_batch(SCHEMA_SQL)?;
        set_version(&tx, VERSION)?;
        Prepared::Created
    } else if version < VERSION {
        migrate(&tx, version)?;
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

/// The schema objects of a database, normalised for comparison: `(type, name, sql)` sorted,
/// with whitespace folded.
pub fn schema_fingerprint(conn: &Connection) -> Result<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, coalesce(sql, '') FROM sqlite_schema
          WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )?;
    let rows = stmt.query_map([], |row| {
        let sql: String = row.get(2)?;
        Ok((
            row.get(0)?,
            row.get(1)?,
            sql.split_whitespace().collect::<Vec<_>>().join(" "),
        ))
    })?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

/// The fingerprint of a fresh catalogue made from [`SCHEMA_SQL`].
pub fn expected_fingerprint() -> Result<Vec<(String, String, String)>> {
    let mut fresh = Connection::open_in_memory()?;
    prepare(&mut fresh)?;
    schema_fingerprint(&fresh)
}

/// Verifies that the file's schema is exactly the expected one: same tables, indexes,
/// views, triggers and virtual tables, with the same SQL. Anything added (a trigger, a view)
/// or changed makes the file [`Error::Corrupt`].
pub fn verify_exact(conn: &Connection) -> Result<()> {
    let found = schema_fingerprint(conn)?;
    let expected = expected_fingerprint()?;
    if found == expected {
        return Ok(());
    }
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
    Err(Error::Corrupt(format!(
        "schema differs from pubcat's: unexpected or altered [{}], missing [{}]",
        extra.join(", "),
        missing.join(", ")
    )))
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
