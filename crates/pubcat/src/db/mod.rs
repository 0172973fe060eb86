//! The database layer: file identification from the header ([`header`]), connection
//! configuration and hardening ([`connection`]), and [`Database`]: the writing connection,
//! the pool of reading connections and the write transaction.
//!
//! Nothing here knows entities: `store/` owns every statement on entity rows, and
//! `store::writer::Writer` adds the change log and the full-text bookkeeping to the
//! transaction this layer opens.

pub(crate) mod cancel;
pub(crate) mod check;
pub(crate) mod concept_tokens;
pub(crate) mod connection;
pub(crate) mod header;
pub(crate) mod schema;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};
use connection::{configure, open_reader, open_untrusted, quick_check};
use header::check_header;

/// How many idle reader connections a catalogue keeps.
pub(crate) const MAX_IDLE_READERS: usize = 8;

/// One catalogue database: a writing connection (behind a mutex, so the database is `Send +
/// Sync`) and, for files opened read-write, a pool of read-only connections that read their
/// own WAL snapshot while the writer writes.
pub(crate) struct Database {
    conn: Mutex<Option<Connection>>,
    path: Option<PathBuf>,
    read_only: bool,
    /// Idle read-only connections (file catalogues opened read-write only).
    readers: Mutex<Vec<Connection>>,
    use_readers: bool,
}

impl Database {
    /// Opens (or creates) the catalogue file at `path`, migrating an older schema; refuses
    /// foreign, newer and non-SQLite files from their header, without touching them.
    pub(crate) fn open(path: &Path) -> Result<Database> {
        check_header(path, true)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags)?;
        // Identify before any pragma that could write (journal_mode changes the header).
        schema::check_identity(&conn)?;
        configure(&conn, true)?;
        schema::prepare(&mut conn)?;
        // A trigger or view added by another program would run on pubcat's writes.
        schema::verify_exact(&conn)?;
        Ok(Database::from_connection(
            conn,
            Some(path.to_path_buf()),
            false,
        ))
    }

    /// Opens a file that came from elsewhere for reading only, trusting nothing in it: the
    /// schema must be exactly pubcat's current one and the file must pass `quick_check`.
    pub(crate) fn open_read_only(path: &Path) -> Result<Database> {
        let conn = open_untrusted(path)?;
        let (_, version, _) = schema::identify(&conn)?;
        if version != schema::VERSION {
            return Err(Error::Corrupt(format!(
                "read-only catalogue is at schema version {version}; open it read-write once to migrate it to {}",
                schema::VERSION
            )));
        }
        // The schema first: quick_check evaluates CHECK constraints and NOT NULL, which
        // must be pubcat's own before SQLite runs anything the file defines.
        schema::verify_exact(&conn)?;
        quick_check(&conn)?;
        Ok(Database::from_connection(
            conn,
            Some(path.to_path_buf()),
            true,
        ))
    }

    /// A new database in memory.
    pub(crate) fn open_in_memory() -> Result<Database> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn, false)?;
        schema::prepare(&mut conn)?;
        Ok(Database::from_connection(conn, None, false))
    }

    fn from_connection(conn: Connection, path: Option<PathBuf>, read_only: bool) -> Database {
        conn.set_prepared_statement_cache_capacity(64);
        Database {
            conn: Mutex::new(Some(conn)),
            use_readers: path.is_some() && !read_only,
            path,
            read_only,
            readers: Mutex::new(Vec::new()),
        }
    }

    /// The file (`None` in memory).
    pub(crate) fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether the database was opened read-only.
    pub(crate) fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Closes every connection (the pooled readers first, so that the writer, closing last,
    /// checkpoints the WAL and removes it). Closing twice is not an error.
    pub(crate) fn close(&self) -> Result<()> {
        self.readers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
        let conn = self.guard().take();
        match conn {
            Some(conn) => conn.close().map_err(|(_, err)| Error::from(err)),
            None => Ok(()),
        }
    }

    /// Whether [`Database::close`] was called.
    pub(crate) fn is_closed(&self) -> bool {
        self.guard().is_none()
    }

    /// Locks the connection slot, recovering from a poisoned mutex (a panic in another thread
    /// leaves SQLite itself consistent: the transaction is rolled back when dropped).
    fn guard(&self) -> MutexGuard<'_, Option<Connection>> {
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` with a connection for reads, inside one read transaction (one consistent
    /// snapshot for everything `f` reads). File databases opened read-write use the pool of
    /// read-only connections, so reads run in parallel with each other and with the writer;
    /// others use their single connection.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        if !self.use_readers {
            let guard = self.guard();
            let conn = guard.as_ref().ok_or(Error::Closed)?;
            return f(conn);
        }
        if self.is_closed() {
            return Err(Error::Closed);
        }
        let idle = self.readers.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let conn = match idle {
            Some(conn) => conn,
            None => open_reader(self.path.as_deref().ok_or(Error::Closed)?)?,
        };
        let result = conn
            .unchecked_transaction()
            .map_err(Error::from)
            .and_then(|tx| {
                let value = f(&tx)?;
                tx.commit()?;
                Ok(value)
            });
        if !self.is_closed() {
            let mut idle = self.readers.lock().unwrap_or_else(|p| p.into_inner());
            if idle.len() < MAX_IDLE_READERS {
                idle.push(conn);
            }
        }
        result
    }

    /// Runs `f` with the writing connection held (one writer at a time); `f` opens its
    /// transaction (see `store::writer::Writer::begin`). Refused on a read-only database.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(Error::invalid(
                "catalog",
                "the catalogue was opened read-only",
            ));
        }
        let mut guard = self.guard();
        let conn = guard.as_mut().ok_or(Error::Closed)?;
        f(conn)
    }

    /// Runs `f` on the writing connection outside any transaction (`VACUUM INTO`, pragmas).
    pub(crate) fn with_main<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let guard = self.guard();
        let conn = guard.as_ref().ok_or(Error::Closed)?;
        f(conn)
    }

    /// Writes a consistent copy of the database to the new file `destination`: `VACUUM INTO`
    /// (a compact copy) on a writable database; SQLite's online backup on a read-only one,
    /// whose connection may not write anything, not even the copy.
    pub(crate) fn backup_to(&self, destination: &Path) -> Result<()> {
        self.with_main(|conn| {
            if !self.read_only {
                // VACUUM INTO cannot run inside a transaction: the main connection, directly.
                conn.execute("VACUUM INTO ?1", [destination.to_string_lossy()])?;
                return Ok(());
            }
            let mut copy = Connection::open(destination)?;
            {
                let backup = rusqlite::backup::Backup::new(conn, &mut copy)?;
                backup.run_to_completion(256, std::time::Duration::ZERO, None)?;
            }
            copy.pragma_update(None, "journal_mode", "DELETE")?;
            copy.close().map_err(|(_, e)| Error::from(e))
        })
    }
}
