//! [`Catalog`]: one open catalogue file (or in-memory catalogue).
//!
//! A `Catalog` owns one SQLite connection behind a mutex, so it is `Send + Sync` and can be
//! shared between threads (and by the Python and UniFFI bindings). Every write runs in its
//! own IMMEDIATE transaction.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};
use crate::schema;
use crate::store::writer::Writer;

/// How long a connection waits for another writer before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open pubcat catalogue.
///
/// ```
/// use pubcat::Catalog;
/// let catalog = Catalog::open_in_memory()?;
/// assert_eq!(catalog.stats()?.publications, 0);
/// # Ok::<(), pubcat::Error>(())
/// ```
pub struct Catalog {
    conn: Mutex<Option<Connection>>,
    path: Option<PathBuf>,
    read_only: bool,
    snapshots: crate::query::snapshot::SnapshotCache,
    /// Idle read-only connections (file catalogues opened read-write only): in WAL mode they
    /// read their own snapshot while the writer writes, so readers never wait for writers.
    readers: Mutex<Vec<Connection>>,
    use_readers: bool,
}

/// How many idle reader connections a catalogue keeps.
pub const MAX_IDLE_READERS: usize = 8;

impl Drop for Catalog {
    /// Closes like [`Catalog::close`], ignoring errors: the pooled readers first, so that the
    /// writer, closing last, checkpoints the WAL and removes it. (Fields drop in declaration
    /// order, which would close the writer first and leave the WAL behind; the bindings drop
    /// catalogues rather than call `close`.)
    fn drop(&mut self) {
        let _ = self.close();
    }
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("path", &self.path)
            .field("read_only", &self.read_only)
            .finish()
    }
}

/// The 16-byte header every SQLite database file starts with.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Reads a big-endian u32 from the 100-byte database header.
fn header_u32(header: &[u8; 100], offset: usize) -> u32 {
    u32::from_be_bytes([
        header[offset],
        header[offset + 1],
        header[offset + 2],
        header[offset + 3],
    ])
}

/// Identifies a file from its 100-byte header alone, before SQLite opens it (SQLite could
/// create `-wal`/`-shm` files or change the header): refuses non-SQLite files, foreign SQLite
/// databases and newer catalogues without touching them. Returns whether the file is WAL mode.
///
/// With a non-empty `-wal` file beside it, the header on disk may be stale or still blank (a
/// catalogue another connection is writing: its pages, page 1 included, can be in the WAL
/// only), so the file is left to SQLite and [`schema::check_identity`].
fn check_header(path: &Path, allow_empty: bool) -> Result<bool> {
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return Ok(true);
    }
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound && allow_empty => return Ok(false),
        Err(err) => return Err(Error::Io(err)),
    };
    let mut header = [0u8; 100];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..])? {
            0 => break,
            n => read += n,
        }
    }
    if read == 0 && allow_empty {
        return Ok(false);
    }
    let not_sqlite = || Error::NotACatalog(format!("{} is not a SQLite database", path.display()));
    if read < header.len() || &header[..16] != SQLITE_HEADER {
        return Err(not_sqlite());
    }
    let app_id = header_u32(&header, 68) as i32;
    let version = i64::from(header_u32(&header, 60));
    let schema_cookie = header_u32(&header, 40);
    if app_id == schema::APPLICATION_ID {
        if version > schema::VERSION {
            return Err(Error::TooNew {
                found: version,
                supported: schema::VERSION,
            });
        }
    } else if app_id != 0 || version != 0 || schema_cookie != 0 || !allow_empty {
        return Err(Error::NotACatalog(format!(
            "{} is a SQLite database but not a pubcat catalogue (application_id {app_id:#x})",
            path.display()
        )));
    }
    check_length(path, &header, file.metadata()?.len())?;
    Ok(header[18] == 2 && header[19] == 2)
}

/// Refuses a file shorter than its header says (a truncated download or copy), when nothing
/// beside it could hold the missing pages: with a `-wal` or `-journal` file, SQLite recovers
/// them from there. SQLite trusts the header's page count only when the "version valid for"
/// field matches the change counter; so does this check.
fn check_length(path: &Path, header: &[u8; 100], length: u64) -> Result<()> {
    let page_size = match u32::from(u16::from_be_bytes([header[16], header[17]])) {
        1 => 65_536,
        size => u64::from(size),
    };
    let pages = u64::from(header_u32(header, 28));
    let counter_valid = header_u32(header, 24) == header_u32(header, 92);
    let companion = |suffix: &str| PathBuf::from(format!("{}{suffix}", path.display())).exists();
    if !counter_valid || pages == 0 || companion("-wal") || companion("-journal") {
        return Ok(());
    }
    if length < page_size.saturating_mul(pages) {
        return Err(Error::Corrupt(format!(
            "{} is truncated: {length} bytes, its header says {pages} pages of {page_size} bytes",
            path.display()
        )));
    }
    Ok(())
}

/// `file:` URI of `path` with `immutable=1`, percent-encoding what URIs reserve.
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(byte as char)
            }
            other => uri.push_str(&format!("%{other:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

impl Catalog {
    /// Opens (or creates) the catalogue file at `path`, migrating an older schema.
    ///
    /// Refuses, without modifying it, a file that is not a SQLite database or is a foreign
    /// SQLite database ([`ErrorKind::NotACatalog`](crate::ErrorKind::NotACatalog)) or was
    /// written by a newer pubcat ([`ErrorKind::TooNew`](crate::ErrorKind::TooNew)).
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("pubcat-doc-open-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// let catalog = pubcat::Catalog::open(dir.join("catalog.db"))?;
    /// catalog.close()?;
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn open(path: impl AsRef<Path>) -> Result<Catalog> {
        let path = path.as_ref();
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
        Ok(Catalog::from_connection(
            conn,
            Some(path.to_path_buf()),
            false,
        ))
    }

    /// Opens a catalogue that came from elsewhere (downloaded, shipped with an app) for
    /// reading only, trusting nothing in it.
    ///
    /// SQLite's defensive mode is on, `trusted_schema` off and `cell_size_check` on; the file
    /// must pass `PRAGMA quick_check`, and its schema must be exactly pubcat's (an added
    /// trigger or view makes it [`ErrorKind::Corrupt`](crate::ErrorKind::Corrupt)). The file is
    /// never written: an older version is refused as `corrupt` rather than migrated.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Catalog> {
        let path = path.as_ref();
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
        Ok(Catalog::from_connection(
            conn,
            Some(path.to_path_buf()),
            true,
        ))
    }

    /// A new catalogue that lives in memory only.
    ///
    /// ```
    /// let catalog = pubcat::Catalog::open_in_memory()?;
    /// assert!(catalog.path().is_none());
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn open_in_memory() -> Result<Catalog> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn, false)?;
        schema::prepare(&mut conn)?;
        Ok(Catalog::from_connection(conn, None, false))
    }

    fn from_connection(conn: Connection, path: Option<PathBuf>, read_only: bool) -> Catalog {
        conn.set_prepared_statement_cache_capacity(64);
        Catalog {
            conn: Mutex::new(Some(conn)),
            use_readers: path.is_some() && !read_only,
            path,
            read_only,
            snapshots: Default::default(),
            readers: Mutex::new(Vec::new()),
        }
    }

    /// A new read-only connection to the catalogue file, for [`Catalog::with_conn`].
    fn open_reader(&self) -> Result<Connection> {
        let path = self.path.as_deref().ok_or(Error::Closed)?;
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

    /// The file this catalogue was opened from (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether the catalogue was opened with [`Catalog::open_read_only`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Closes the connection, checkpointing the WAL. Later calls on a shared catalogue (e.g.
    /// from a binding) fail with [`ErrorKind::Closed`](crate::ErrorKind::Closed). Closing
    /// twice is not an error.
    pub fn close(&self) -> Result<()> {
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

    /// Whether [`Catalog::close`] was called.
    pub fn is_closed(&self) -> bool {
        self.guard().is_none()
    }

    /// Locks the connection slot, recovering from a poisoned mutex (a panic in another thread
    /// leaves SQLite itself consistent: the transaction is rolled back when dropped).
    fn guard(&self) -> MutexGuard<'_, Option<Connection>> {
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The relevance snapshots of this catalogue.
    pub(crate) fn snapshots(&self) -> &crate::query::snapshot::SnapshotCache {
        &self.snapshots
    }

    /// Runs `f` with a connection for reads, inside one read transaction (one consistent
    /// snapshot for everything `f` reads). File catalogues opened read-write use a pool of
    /// read-only connections, so reads run in parallel with each other and with the writer;
    /// other catalogues use their single connection.
    pub(crate) fn with_conn<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
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
            None => self.open_reader()?,
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

    /// Runs `f` inside one IMMEDIATE write transaction, committed when `f` succeeds and rolled
    /// back otherwise.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(Error::invalid(
                "catalog",
                "the catalogue was opened read-only",
            ));
        }
        let mut guard = self.guard();
        let conn = guard.as_mut().ok_or(Error::Closed)?;
        let mut writer = Writer::begin(conn)?;
        let value = f(&mut writer)?;
        writer.commit()?;
        Ok(value)
    }

    /// Caps the catalogue at `pages` database pages on the writing connection (SQLite's
    /// `max_page_count`), so that tests can make the disk fill up: a write that needs more
    /// pages fails with [`ErrorKind::Io`](crate::ErrorKind::Io) and is rolled back. Returns
    /// the cap in effect: SQLite never sets it below the current size, so `1` caps the file
    /// at its current size and returns that size. For tests only.
    #[doc(hidden)]
    pub fn set_max_page_count_for_tests(&self, pages: u64) -> Result<u64> {
        let guard = self.guard();
        let conn = guard.as_ref().ok_or(Error::Closed)?;
        let pages = i64::try_from(pages.max(1)).unwrap_or(i64::MAX);
        let cap: i64 = conn.query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
            r.get(0)
        })?;
        Ok(u64::try_from(cap).unwrap_or(0))
    }

    /// Copies the whole catalogue, consistently, to a new file at `destination` (SQLite's
    /// online backup). This is the safe way to hand a live catalogue to another program
    /// (including another copy of SQLite, such as Python's `sqlite3`).
    pub fn backup(&self, destination: impl AsRef<Path>) -> Result<()> {
        let destination = destination.as_ref();
        if destination.exists() {
            return Err(Error::Conflict(format!(
                "{} already exists",
                destination.display()
            )));
        }
        // VACUUM INTO cannot run inside a transaction: use the main connection directly.
        let guard = self.guard();
        let conn = guard.as_ref().ok_or(Error::Closed)?;
        conn.execute("VACUUM INTO ?1", [destination.to_string_lossy()])?;
        Ok(())
    }
}

/// Page cache of the connection that writes, in KiB as `PRAGMA cache_size` takes it
/// (negative). SQLite's default, 2 MiB, is smaller than the indexes an import updates, so
/// large imports kept evicting and re-reading index pages; the cache only grows as needed.
const WRITER_CACHE_KIB: i64 = -65_536;

/// Sets the pragmas every connection needs, before any transaction.
fn configure(conn: &Connection, file: bool) -> Result<()> {
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
