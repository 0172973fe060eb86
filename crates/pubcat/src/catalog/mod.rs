//! [`Catalog`]: the facade, the one public entry point of the crate. Every public method of
//! the crate's API is a method of `Catalog` (or an associated function), declared in the files
//! of this folder by family; each is a thin call of the layers below (`db/`, `store/`,
//! `query/`, `formats/`), which never import `Catalog`.
//!
//! A `Catalog` owns one SQLite database (a writing connection behind a mutex and, for files,
//! a pool of reading connections), so it is `Send + Sync` and can be shared between threads
//! (and by the Python and UniFFI bindings). Every write runs in its own IMMEDIATE transaction.

mod agents;
mod changes;
#[cfg(feature = "citations")]
mod cite;
mod concepts;
mod curation;
pub(crate) mod demo;
mod enrich;
mod projects;
mod publications;
mod relations;
mod search;
mod series;
mod stats;
mod sync;
mod transfer;
mod translations;

use std::path::Path;

use rusqlite::Connection;

use crate::db::Database;
use crate::error::{Error, Result};
use crate::query::lexicon::LexiconCache;
use crate::query::snapshot::SnapshotCache;
use crate::store::writer::Writer;

/// An open pubcat catalogue.
///
/// ```
/// use pubcat::Catalog;
/// let catalog = Catalog::open_in_memory()?;
/// assert_eq!(catalog.stats()?.publications, 0);
/// # Ok::<(), pubcat::Error>(())
/// ```
pub struct Catalog {
    db: Database,
    snapshots: SnapshotCache,
    lexicons: LexiconCache,
}

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
            .field("path", &self.db.path())
            .field("read_only", &self.db.is_read_only())
            .finish()
    }
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
        Ok(Catalog::from_database(Database::open(path.as_ref())?))
    }

    /// Opens a catalogue that came from elsewhere (downloaded, shipped with an app) for
    /// reading only, trusting nothing in it.
    ///
    /// SQLite's defensive mode is on, `trusted_schema` off and `cell_size_check` on; the file
    /// must pass `PRAGMA quick_check`, and its schema must be exactly pubcat's (an added
    /// trigger or view makes it [`ErrorKind::Corrupt`](crate::ErrorKind::Corrupt)). The file is
    /// never written: an older version is refused as `corrupt` rather than migrated.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Catalog> {
        Ok(Catalog::from_database(Database::open_read_only(
            path.as_ref(),
        )?))
    }

    /// A new catalogue that lives in memory only.
    ///
    /// ```
    /// let catalog = pubcat::Catalog::open_in_memory()?;
    /// assert!(catalog.path().is_none());
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn open_in_memory() -> Result<Catalog> {
        Ok(Catalog::from_database(Database::open_in_memory()?))
    }

    fn from_database(db: Database) -> Catalog {
        Catalog {
            db,
            snapshots: SnapshotCache::default(),
            lexicons: LexiconCache::default(),
        }
    }

    /// The file this catalogue was opened from (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.db.path()
    }

    /// Whether the catalogue was opened with [`Catalog::open_read_only`].
    pub fn is_read_only(&self) -> bool {
        self.db.is_read_only()
    }

    /// Closes the connection, checkpointing the WAL. Later calls on a shared catalogue (e.g.
    /// from a binding) fail with [`ErrorKind::Closed`](crate::ErrorKind::Closed). Closing
    /// twice is not an error.
    pub fn close(&self) -> Result<()> {
        self.db.close()
    }

    /// Whether [`Catalog::close`] was called.
    pub fn is_closed(&self) -> bool {
        self.db.is_closed()
    }

    /// The relevance snapshots of this catalogue.
    pub(crate) fn snapshots(&self) -> &SnapshotCache {
        &self.snapshots
    }

    /// The words and labels search expansion reads, kept until the catalogue changes.
    pub(crate) fn lexicons(&self) -> &LexiconCache {
        &self.lexicons
    }

    /// Runs `f` with a connection for reads, inside one read transaction (one consistent
    /// snapshot for everything `f` reads). File catalogues opened read-write use a pool of
    /// read-only connections, so reads run in parallel with each other and with the writer;
    /// other catalogues use their single connection.
    pub(crate) fn with_conn<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.db.read(f)
    }

    /// Runs `f` inside one IMMEDIATE write transaction, committed when `f` succeeds and rolled
    /// back otherwise.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        self.db.write(|conn| {
            let mut writer = Writer::begin(conn)?;
            let value = f(&mut writer)?;
            writer.commit()?;
            Ok(value)
        })
    }

    /// Runs `f` inside one IMMEDIATE write transaction, committed when `f` returns
    /// `(value, true)` and rolled back when it returns `(value, false)` or fails (dry runs).
    pub(crate) fn write_or_roll_back<T>(
        &self,
        f: impl FnOnce(&mut Writer<'_>) -> Result<(T, bool)>,
    ) -> Result<T> {
        self.db.write(|conn| {
            let mut writer = Writer::begin(conn)?;
            let (value, keep) = f(&mut writer)?;
            if keep {
                writer.commit()?;
            } else {
                writer.rollback()?;
            }
            Ok(value)
        })
    }

    /// Caps the catalogue at `pages` database pages on the writing connection (SQLite's
    /// `max_page_count`), so that tests can make the disk fill up: a write that needs more
    /// pages fails with [`ErrorKind::Io`](crate::ErrorKind::Io) and is rolled back. Returns
    /// the cap in effect: SQLite never sets it below the current size, so `1` caps the file
    /// at its current size and returns that size. For tests only.
    #[cfg(feature = "test-hooks")]
    #[doc(hidden)]
    pub fn set_max_page_count_for_tests(&self, pages: u64) -> Result<u64> {
        self.db.with_main(|conn| {
            let pages = i64::try_from(pages.max(1)).unwrap_or(i64::MAX);
            let cap: i64 =
                conn.query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
                    r.get(0)
                })?;
            Ok(u64::try_from(cap).unwrap_or(0))
        })
    }

    /// Copies the whole catalogue, consistently, to a new file at `destination`. This is the
    /// safe way to hand a live catalogue to another program (including another copy of
    /// SQLite, such as Python's `sqlite3`). Works on read-only catalogues too. `conflict`
    /// when `destination` exists; on failure nothing is left at `destination`.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("pubcat-doc-backup-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// pubcat::Catalog::create_demo(dir.join("live.db"))?.close()?;
    /// let live = pubcat::Catalog::open_read_only(dir.join("live.db"))?;
    /// live.backup(dir.join("copy.db"))?;
    /// assert_eq!(pubcat::Catalog::open_read_only(dir.join("copy.db"))?.stats()?.publications, 7);
    /// # drop(live);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn backup(&self, destination: impl AsRef<Path>) -> Result<()> {
        let destination = destination.as_ref();
        if destination.exists() {
            return Err(Error::Conflict(format!(
                "{} already exists",
                destination.display()
            )));
        }
        let result = self.db.backup_to(destination);
        if result.is_err() {
            for suffix in ["", "-journal", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", destination.display()));
            }
        }
        result
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
    /// constraints, index expressions). When SQLite cannot read the schema at all (its pages
    /// are damaged), that is reported as the `sqlite` finding and the others are skipped.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("pubcat-doc-check-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// let path = dir.join("c.db");
    /// pubcat::Catalog::create_demo(&path)?.close()?;
    /// assert!(pubcat::Catalog::check_file(&path, false)?.ok());
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn check_file(path: impl AsRef<Path>, full: bool) -> Result<crate::CheckReport> {
        crate::db::check::check_file_in(path.as_ref(), full)
    }

    /// Rebuilds what pubcat derives from the catalogue's rows, in one transaction: the
    /// full-text index (from the publications, their series, projects and tags) and the
    /// agents' publication counts (from the contributions). This repairs the `fts` and
    /// `agent_counts` findings of [`Catalog::check_file`], as when another tool changed the
    /// rows with plain SQL; a damaged page, a dangling reference or a foreign schema is not
    /// pubcat's to rebuild (restore a backup). Nothing a person wrote changes, and the change
    /// log records nothing; the catalogue takes a new version, so caches read afresh. The
    /// index rebuild reads every publication: about 4 s at 100,000 (release build).
    ///
    /// ```
    /// use rusqlite::Connection;
    /// let dir = std::env::temp_dir().join(format!("pubcat-doc-repair-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// let path = dir.join("c.db");
    /// pubcat::Catalog::create_demo(&path)?.close()?;
    /// // Another tool retitles a publication with plain SQL: the index still has the old words.
    /// let other = Connection::open(&path).expect("open");
    /// other.execute("UPDATE publication SET title = 'Cassiterite convoys' WHERE id = 1", []).expect("update");
    /// drop(other);
    /// assert!(!pubcat::Catalog::check_file(&path, false)?.ok());
    /// let catalog = pubcat::Catalog::open(&path)?;
    /// let summary = catalog.repair()?;
    /// assert!(summary.publications_indexed > 0);
    /// assert_eq!(catalog.search(&pubcat::query::Query::text("convoys"))?.total, 1);
    /// catalog.close()?;
    /// assert!(pubcat::Catalog::check_file(&path, false)?.ok());
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn repair(&self) -> Result<crate::RepairSummary> {
        self.write(crate::store::repair::repair_in)
    }
}
