//! Issue 15, item 5: a **spike**, not a commitment. A tantivy index kept inside a SQLite file,
//! written in the same write transaction as the rows it indexes, so that one file and
//! all-or-nothing still hold.
//!
//! **Design.** tantivy works on an in-memory [`RamDirectory`]; the durable copy is the table
//! [`TABLE`] of the SQLite file, one row per 4 MiB chunk of each index file. A write
//! transaction that changed publications also (after `IndexWriter::commit`) calls
//! [`persist`]: it copies the index's committed state (`meta.json`, `.managed.json` and the
//! component files of every segment `meta.json` names, those not already stored) into the
//! table and deletes the rows of the files no segment uses any more, inside that transaction.
//! A crash before the SQLite commit leaves the previous index and the previous rows together;
//! after it, both new. Opening reads the table back into memory ([`load`]).
//!
//! Why not a `Directory` implementation writing straight into SQLite: tantivy's `Directory`
//! must be `Send + Sync` and is written from tantivy's own indexing and merging threads at
//! moments of their choosing (merges end long after the commit that started them), while a
//! SQLite write transaction belongs to one connection on the caller's thread. Copying the
//! committed snapshot at the transaction's end gives the same atomicity with neither a shared
//! connection nor a lock held across tantivy's threads. Its cost is memory: the whole index is
//! read into RAM at open (0.2× the JSON Lines of the catalogue: 4 MB at 10k publications,
//! 41 MB at 100k, 410 MB at 1M). A read-only `Directory` whose `FileHandle` reads byte ranges of
//! the chunks on demand (SQLite's incremental blob I/O, with a small cache) would remove that;
//! it is what a commitment would add.
//!
//! Segment files are immutable once written (a segment's deletions go to a new
//! `<segment>.<opstamp>.del` file), so a file stored once is never rewritten: a transaction
//! writes the segments its commit created (and those a finished merge created), not the index.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use tantivy::directory::RamDirectory;
use tantivy::index::SegmentComponent;
use tantivy::{Directory, Index, IndexSettings};

use crate::clock::{db_size, finish, BuildFigures, ProcessClock};
use crate::expr::Expr;
use crate::tantivy_peer::{self, Peer};

/// The table that holds the index files.
pub const TABLE: &str = "search_index_file";

/// Size of one stored chunk of a file (SQLite's default limit on a value is 1 GB; a segment of
/// a large catalogue can exceed it, and chunks let a reader fetch only what it needs).
pub const CHUNK: usize = 4 << 20;

const META: &str = "meta.json";
const MANAGED: &str = ".managed.json";

/// How many times [`persist`] starts again when a merge finished while it copied.
const PERSIST_ATTEMPTS: usize = 5;

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Creates the table of index files when it is missing.
pub fn create_table(conn: &Connection) -> Result<(), String> {
    conn.execute_batch(&format!(
        "CREATE TABLE IF NOT EXISTS {TABLE} (
             path  TEXT NOT NULL,
             chunk INTEGER NOT NULL,
             bytes BLOB NOT NULL,
             PRIMARY KEY (path, chunk)
         )"
    ))
    .map_err(err)
}

/// What the table holds: file path → size in bytes.
#[derive(Debug, Default, Clone)]
pub struct Stored {
    files: HashMap<String, u64>,
}

impl Stored {
    /// Total bytes of the stored files.
    pub fn bytes(&self) -> u64 {
        self.files.values().sum()
    }
}

/// What one [`persist`] wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct Persisted {
    /// Files written (new segment files, `meta.json`, `.managed.json`).
    pub files_written: usize,
    /// Bytes written.
    pub bytes_written: u64,
    /// Files removed (segments merged away).
    pub files_removed: usize,
}

const COMPONENTS: [SegmentComponent; 7] = [
    SegmentComponent::Postings,
    SegmentComponent::Positions,
    SegmentComponent::FastFields,
    SegmentComponent::FieldNorms,
    SegmentComponent::Terms,
    SegmentComponent::Store,
    SegmentComponent::Delete,
];

/// The committed index: `meta.json`'s bytes and the files of the segments it names.
fn committed(
    index: &Index,
    directory: &RamDirectory,
) -> Result<(Vec<u8>, BTreeSet<String>), String> {
    let meta = directory.atomic_read(Path::new(META)).map_err(err)?;
    let metas = index.load_metas().map_err(err)?;
    let mut files = BTreeSet::new();
    for segment in &metas.segments {
        for component in COMPONENTS {
            if component == SegmentComponent::Delete && !segment.has_deletes() {
                continue;
            }
            let path = segment.relative_path(component);
            if directory.exists(&path).map_err(err)? {
                files.insert(path.to_string_lossy().into_owned());
            }
        }
    }
    // `load_metas` read meta.json again: a merge that ended in between changes it.
    if directory.atomic_read(Path::new(META)).map_err(err)? != meta {
        return Err("meta.json changed while it was read".into());
    }
    Ok((meta, files))
}

fn write_file(tx: &Transaction, path: &str, bytes: &[u8]) -> Result<(), String> {
    tx.execute(&format!("DELETE FROM {TABLE} WHERE path = ?1"), [path])
        .map_err(err)?;
    let mut insert = tx
        .prepare_cached(&format!(
            "INSERT INTO {TABLE} (path, chunk, bytes) VALUES (?1, ?2, ?3)"
        ))
        .map_err(err)?;
    if bytes.is_empty() {
        insert.execute(params![path, 0, bytes]).map_err(err)?;
    }
    for (n, chunk) in bytes.chunks(CHUNK).enumerate() {
        insert
            .execute(params![path, n as i64, chunk])
            .map_err(err)?;
    }
    Ok(())
}

fn persist_once(
    index: &Index,
    directory: &RamDirectory,
    tx: &Transaction,
    stored: &mut Stored,
) -> Result<Persisted, String> {
    let (meta, files) = committed(index, directory)?;
    let mut out = Persisted::default();
    // Read every new file before writing anything: a file a merge removed meanwhile makes this
    // attempt fail before it changed the table.
    let mut new_files = Vec::new();
    for path in files.iter().filter(|p| !stored.files.contains_key(*p)) {
        let slice = directory.open_read(Path::new(path)).map_err(err)?;
        new_files.push((path.clone(), slice.read_bytes().map_err(err)?));
    }
    let managed = directory
        .atomic_read(Path::new(MANAGED))
        .unwrap_or_default();
    for (path, bytes) in &new_files {
        write_file(tx, path, bytes.as_slice())?;
        stored.files.insert(path.clone(), bytes.len() as u64);
        out.files_written += 1;
        out.bytes_written += bytes.len() as u64;
    }
    for (path, bytes) in [(META, &meta), (MANAGED, &managed)] {
        write_file(tx, path, bytes)?;
        stored.files.insert(path.to_owned(), bytes.len() as u64);
        out.files_written += 1;
        out.bytes_written += bytes.len() as u64;
    }
    let gone: Vec<String> = stored
        .files
        .keys()
        .filter(|p| !files.contains(*p) && *p != META && *p != MANAGED)
        .cloned()
        .collect();
    for path in gone {
        tx.execute(&format!("DELETE FROM {TABLE} WHERE path = ?1"), [&path])
            .map_err(err)?;
        stored.files.remove(&path);
        out.files_removed += 1;
    }
    Ok(out)
}

/// Copies the index's committed state into the table, inside the caller's transaction `tx`
/// (call it after `IndexWriter::commit`, before committing `tx`). `directory` is the one the
/// index was created or loaded in: its files are stored as tantivy wrote them (tantivy's
/// managed directory adds a footer to every file and checks it when reading), so they are
/// read from it, not through `Index::directory`. `stored` is what the table
/// holds (from [`load`], or empty for a new table) and is updated. When a merge ends while the
/// files are read, starts again from the new `meta.json`; if the transaction is rolled back
/// afterwards, reload `stored` from the table.
pub fn persist(
    index: &Index,
    directory: &RamDirectory,
    tx: &Transaction,
    stored: &mut Stored,
) -> Result<Persisted, String> {
    let mut last = String::new();
    for _ in 0..PERSIST_ATTEMPTS {
        let before = stored.clone();
        match persist_once(index, directory, tx, stored) {
            Ok(p) => return Ok(p),
            Err(e) => {
                *stored = before;
                last = e;
            }
        }
    }
    Err(format!(
        "the index changed under every one of {PERSIST_ATTEMPTS} attempts: {last}"
    ))
}

/// An index read from its table: the index, the directory it lives in, what the table holds.
pub type Loaded = (Index, RamDirectory, Stored);

/// Reads every index file of the table into memory. `None` when the table holds no index.
pub fn load(conn: &Connection) -> Result<Option<Loaded>, String> {
    let exists: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            [TABLE],
            |r| r.get(0),
        )
        .optional()
        .map_err(err)?;
    if exists.is_none() {
        return Ok(None);
    }
    let directory = RamDirectory::create();
    let mut stored = Stored::default();
    let mut statement = conn
        .prepare(&format!(
            "SELECT path, bytes FROM {TABLE} ORDER BY path, chunk"
        ))
        .map_err(err)?;
    let mut rows = statement.query([]).map_err(err)?;
    let mut current: Option<(String, Vec<u8>)> = None;
    let mut flush = |file: Option<(String, Vec<u8>)>| -> Result<(), String> {
        if let Some((path, bytes)) = file {
            directory
                .atomic_write(&PathBuf::from(&path), &bytes)
                .map_err(err)?;
            stored.files.insert(path, bytes.len() as u64);
        }
        Ok(())
    };
    while let Some(row) = rows.next().map_err(err)? {
        let path: String = row.get(0).map_err(err)?;
        let bytes = row.get_ref(1).map_err(err)?.as_blob().map_err(err)?;
        match &mut current {
            Some((p, buffer)) if *p == path => buffer.extend_from_slice(bytes),
            _ => {
                flush(current.take())?;
                current = Some((path, bytes.to_vec()));
            }
        }
    }
    flush(current.take())?;
    if !stored.files.contains_key(META) {
        return Ok(None);
    }
    let index = Index::open(directory.clone()).map_err(err)?;
    Ok(Some((index, directory, stored)))
}

/// Opens (creating it) a SQLite file with pubcat's settings for writing: WAL,
/// `synchronous = FULL`, a 64 MiB page cache.
pub fn open_file(db: &Path) -> Result<Connection, String> {
    let conn = Connection::open(db).map_err(err)?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536;",
    )
    .map_err(err)?;
    Ok(conn)
}

/// Builds the tantivy index of `jsonl` in memory and stores it in the new SQLite file `db`,
/// in one transaction; timed end to end (reading, indexing, commit and merges, the copy into
/// SQLite and its commit).
pub fn build(jsonl: &Path, db: &Path, publications: u64) -> Result<BuildFigures, String> {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let clock = ProcessClock::start();
    let t = Instant::now();
    let (schema, _, _) = tantivy_peer::schema();
    let directory = RamDirectory::create();
    let index = Index::create(directory.clone(), schema, IndexSettings::default()).map_err(err)?;
    tantivy_peer::fill(&index, jsonl)?;
    let mut conn = open_file(db)?;
    create_table(&conn)?;
    let tx = conn.transaction().map_err(err)?;
    let mut stored = Stored::default();
    persist(&index, &directory, &tx, &mut stored)?;
    tx.commit().map_err(err)?;
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .map_err(err)?;
    drop(conn);
    let segments = index.searchable_segment_ids().map_err(err)?.len() as u64;
    Ok(finish(t, &clock, publications, db_size(db), segments))
}

/// The in-file index opened for searching, and pubcat's catalogue for the page's details.
pub struct InFile {
    peer: Peer,
    catalogue: Connection,
    /// Seconds taken to read the index from its SQLite file into memory and open it.
    pub open_seconds: f64,
    /// Bytes of index files read.
    pub index_bytes: u64,
}

impl InFile {
    /// Reads the index stored in `db` and opens pubcat's `catalogue` (read-only) beside it.
    pub fn open(db: &Path, catalogue: &Path) -> Result<InFile, String> {
        let t = Instant::now();
        let conn = Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(err)?;
        let (index, _, stored) =
            load(&conn)?.ok_or_else(|| format!("{}: holds no index", db.display()))?;
        let peer = Peer::of(index)?;
        let open_seconds = t.elapsed().as_secs_f64();
        let catalogue =
            Connection::open_with_flags(catalogue, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .map_err(err)?;
        catalogue
            .pragma_update(None, "cache_size", -65536)
            .map_err(err)?;
        Ok(InFile {
            peer,
            catalogue,
            open_seconds,
            index_bytes: stored.bytes(),
        })
    }

    /// What an application's first page would cost: the number of matches and the best
    /// `limit` from tantivy, then each hit's details (title, subtitle, kind, language, date,
    /// summary) read from the catalogue's `publication` table by uid, in rank order.
    pub fn search(&mut self, expr: &Expr, limit: usize) -> Result<(u64, Vec<String>), String> {
        let (total, uids) = self.peer.search(expr, limit, true)?;
        let mut statement = self
            .catalogue
            .prepare_cached(
                "SELECT uid, title, subtitle, kind, language, date_edtf, summary \
                 FROM publication WHERE uid = ?1",
            )
            .map_err(err)?;
        let mut found = Vec::with_capacity(uids.len());
        for uid in &uids {
            let row: Option<(String, String, Option<String>, String, String)> = statement
                .query_row([uid], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })
                .optional()
                .map_err(err)?;
            if let Some((uid, ..)) = row {
                found.push(uid);
            }
        }
        Ok((total, found))
    }
}
