//! Connection configuration and hardening: every pragma a catalogue connection needs, the
//! read-only reader connections of the pool, and the opening of files that are not trusted.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};

use super::header::{check_header, immutable_uri};
use super::schema;
use crate::error::{Error, Result};

/// How long a connection waits for another writer before giving up.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// A new read-only connection to the catalogue file at `path`, for the reader pool.
pub(crate) fn open_reader(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    stable_plans(&conn)?;
    conn.pragma_update(None, "query_only", true)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

/// Page cache of the connection that writes, in KiB as `PRAGMA cache_size` takes it
/// (negative). SQLite's default, 2 MiB, is smaller than the indexes an import updates, so
/// large imports kept evicting and re-reading index pages; the cache only grows as needed.
const WRITER_CACHE_KIB: i64 = -65_536;

/// Sets the pragmas every connection needs, before any transaction.
pub(crate) fn configure(conn: &Connection, file: bool) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if file {
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::Io(std::io::Error::other(format!(
                "could not switch the catalogue to WAL mode (got {mode})"
            ))));
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
    }
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "cache_size", WRITER_CACHE_KIB)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    stable_plans(conn)?;
    Ok(())
}

/// Turns on SQLite's query planner stability guarantee: a statement's plan no longer depends
/// on the values bound to it. Without it, a statement whose plan *could* depend on a bound
/// value (a `LIKE ?1`, or `?1` compared with a column that has a partial index, as in
/// `agent ... LEFT JOIN agent r ON r.id = a.redirect_to WHERE a.uid = ?1`) is re-prepared on
/// every execution, which made up an eighth of the import time.
fn stable_plans(conn: &Connection) -> Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

/// Opens a file that is not trusted, for reading only: refuses non-SQLite, foreign and newer
/// files from their header before SQLite reads them, opens the file immutable when no -wal
/// file is beside it (so nothing is created in its folder), and hardens the connection
/// (defensive, `trusted_schema` off, `cell_size_check`, `query_only`). Nothing defined in
/// the file has run yet.
pub(crate) fn open_untrusted(path: &Path) -> Result<Connection> {
    if !path.exists() {
        return Err(Error::Io(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("{} does not exist", path.display()),
        )));
    }
    check_header(path, false)?;
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    // Without a -wal file nothing is pending: open the file as immutable, so that SQLite
    // creates no -shm/-wal files beside it (the folder may be read-only, e.g. app assets).
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    let conn = if wal.exists() {
        Connection::open_with_flags(path, flags)?
    } else {
        Connection::open_with_flags(immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI)?
    };
    harden(&conn)?;
    schema::check_identity(&conn)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// Settings for files that are not trusted.
fn harden(conn: &Connection) -> Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    stable_plans(conn)?;
    conn.pragma_update(None, "cell_size_check", true)?;
    conn.pragma_update(None, "query_only", true)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(())
}

/// `PRAGMA quick_check`, mapped to [`Error::Corrupt`] with SQLite's findings.
pub(crate) fn quick_check(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let findings: Vec<String> = stmt
        .query_map([], |row| row.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    if findings.len() == 1 && findings[0] == "ok" {
        Ok(())
    } else {
        Err(Error::Corrupt(findings.join("; ")))
    }
}
