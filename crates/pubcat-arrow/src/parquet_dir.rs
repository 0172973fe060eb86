//! `export_parquet`: the publication table and the vocabularies as Parquet files in one
//! folder, written all or nothing.
//!
//! Layout (see docs/SCALE.md): `publications.parquet` (one row per publication matching the
//! query, the columns of [`publications::schema`]), `agents.parquet`, `concepts.parquet` and
//! `projects.parquet` (the whole catalogue's, see [`vocabularies`](crate::vocabularies)).
//! Snappy-compressed; text columns dictionary-encoded by the writer; `date_lower`/`date_upper`
//! are Parquet `DATE`s.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use pubcat::query::Query;
use pubcat::{Catalog, Error, Result};

use crate::{publications, vocabularies};

/// The file of the publication table.
pub const PUBLICATIONS_FILE: &str = "publications.parquet";
/// The file of the agent table.
pub const AGENTS_FILE: &str = "agents.parquet";
/// The file of the concept table.
pub const CONCEPTS_FILE: &str = "concepts.parquet";
/// The file of the project table.
pub const PROJECTS_FILE: &str = "projects.parquet";
/// Every file of an export, in the order they are written.
pub const FILES: [&str; 4] = [PUBLICATIONS_FILE, AGENTS_FILE, CONCEPTS_FILE, PROJECTS_FILE];

/// How the files are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParquetOptions {
    /// Snappy compression (the default); `false`: uncompressed.
    pub compress: bool,
    /// Rows per row group of `publications.parquet` (the unit readers parallelise over).
    pub row_group_rows: usize,
}

impl Default for ParquetOptions {
    fn default() -> Self {
        ParquetOptions {
            compress: true,
            row_group_rows: 131_072,
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParquetSummary {
    /// Rows of `publications.parquet`.
    pub publications: u64,
    /// The files written (in the target folder), in the order of [`FILES`].
    pub files: Vec<PathBuf>,
    /// Their total size in bytes.
    pub bytes: u64,
}

/// A Parquet failure as the core's I/O error (the only way writing can fail besides the
/// catalogue's own errors).
fn parquet_error(path: &Path, e: parquet::errors::ParquetError) -> Error {
    match e {
        parquet::errors::ParquetError::External(inner) => {
            match inner.downcast::<std::io::Error>() {
                Ok(io) => with_path(path, *io),
                Err(other) => Error::Io(std::io::Error::other(format!(
                    "{}: writing Parquet: {other}",
                    path.display()
                ))),
            }
        }
        other => Error::Io(std::io::Error::other(format!(
            "{}: writing Parquet: {other}",
            path.display()
        ))),
    }
}

fn with_path(path: &Path, e: std::io::Error) -> Error {
    Error::Io(std::io::Error::new(
        e.kind(),
        format!("{}: {e}", path.display()),
    ))
}

/// A temporary folder removed on drop unless it was renamed into place.
struct Temporary(Option<PathBuf>);

impl Drop for Temporary {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = std::fs::remove_dir_all(path);
        }
    }
}

/// Writes one Parquet file from batches given by `fill`.
fn write_file(
    path: &Path,
    schema: SchemaRef,
    properties: WriterProperties,
    fill: impl FnOnce(&mut dyn FnMut(RecordBatch) -> Result<()>) -> Result<()>,
) -> Result<()> {
    let file = File::create(path).map_err(|e| with_path(path, e))?;
    let mut writer = ArrowWriter::try_new(BufWriter::new(file), schema, Some(properties))
        .map_err(|e| parquet_error(path, e))?;
    fill(&mut |batch| writer.write(&batch).map_err(|e| parquet_error(path, e)))?;
    let out = writer.into_inner().map_err(|e| parquet_error(path, e))?;
    let file = out
        .into_inner()
        .map_err(|e| with_path(path, e.into_error()))?;
    file.sync_all().map_err(|e| with_path(path, e))
}

/// Checks that `dir` may receive an export: it does not exist, or is a folder that is empty or
/// holds only the files of an earlier export (which are replaced). Returns whether it exists.
fn check_target(dir: &Path) -> Result<bool> {
    let meta = match std::fs::symlink_metadata(dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(with_path(dir, e)),
    };
    if !meta.is_dir() {
        return Err(Error::invalid(
            "out",
            format!(
                "{} is a file, not a folder: a Parquet export writes a folder of files",
                dir.display()
            ),
        ));
    }
    for entry in std::fs::read_dir(dir).map_err(|e| with_path(dir, e))? {
        let name = entry.map_err(|e| with_path(dir, e))?.file_name();
        if !FILES.iter().any(|f| name.as_os_str() == *f) {
            return Err(Error::invalid(
                "out",
                format!(
                    "{} holds `{}`, which is not part of a Parquet export: name a new or empty \
                     folder (or one holding an earlier export, which is replaced)",
                    dir.display(),
                    name.to_string_lossy()
                ),
            ));
        }
    }
    Ok(true)
}

/// A new sibling of `dir` named `.NAME.pubcat-TAG-PID-N`, created when `create` (else only
/// chosen: a name that does not exist).
fn sibling(dir: &Path, tag: &str, create: bool) -> Result<PathBuf> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = dir
        .file_name()
        .ok_or_else(|| Error::invalid("out", format!("{} names no folder", dir.display())))?
        .to_string_lossy()
        .into_owned();
    let pid = std::process::id();
    for n in 0..1000u32 {
        let candidate = parent.join(format!(".{name}.pubcat-{tag}-{pid}-{n}"));
        if !create {
            if std::fs::symlink_metadata(&candidate).is_err() {
                return Ok(candidate);
            }
            continue;
        }
        match std::fs::create_dir(&candidate) {
            Ok(()) => return Ok(candidate),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(with_path(&parent, e)),
        }
    }
    Err(Error::Io(std::io::Error::other(format!(
        "{}: no free temporary name",
        parent.display()
    ))))
}

/// Writes the publications matching `query` (and the catalogue's agents, concepts and
/// projects) as Parquet files into the folder `dir`, all or nothing: the files are written
/// into a temporary folder beside `dir`, which replaces `dir` only when every file is complete.
/// `dir` must not exist, or be an empty folder, or hold an earlier export (replaced);
/// otherwise (a file, a folder with other files) the error is `invalid_input`, and a folder
/// that cannot be written is an `io` error. On any error `dir` is untouched.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("pubcat-doc-parquet-{}", std::process::id()));
/// let catalog = pubcat::Catalog::demo()?;
/// let q = pubcat::query::Query::default();
/// let summary = pubcat_arrow::export_parquet(&catalog, &dir, &q, &Default::default())?;
/// assert!(dir.join("publications.parquet").is_file());
/// assert_eq!(summary.publications as i64, catalog.stats()?.publications);
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), pubcat::Error>(())
/// ```
pub fn export_parquet(
    catalog: &Catalog,
    dir: &Path,
    query: &Query,
    options: &ParquetOptions,
) -> Result<ParquetSummary> {
    if options.row_group_rows == 0 {
        return Err(Error::invalid("row_group_rows", "must be at least 1"));
    }
    let exists = check_target(dir)?;
    let temporary = sibling(dir, "tmp", true)?;
    let mut guard = Temporary(Some(temporary.clone()));
    let properties = WriterProperties::builder()
        .set_compression(if options.compress {
            Compression::SNAPPY
        } else {
            Compression::UNCOMPRESSED
        })
        .set_max_row_group_row_count(Some(options.row_group_rows))
        .set_created_by(format!("pubcat {}", env!("CARGO_PKG_VERSION")))
        .build();
    let mut publications = 0u64;
    let batch_rows = options.row_group_rows.min(publications::BATCH_ROWS);
    write_file(
        &temporary.join(PUBLICATIONS_FILE),
        publications::schema(),
        properties.clone(),
        |write| {
            publications::for_each_batch(catalog, query, batch_rows, |batch| {
                publications += batch.num_rows() as u64;
                write(batch)
            })
        },
    )?;
    let tables = [
        (AGENTS_FILE, vocabularies::agents(catalog)?),
        (CONCEPTS_FILE, vocabularies::concepts(catalog)?),
        (PROJECTS_FILE, vocabularies::projects(catalog)?),
    ];
    for (name, batch) in tables {
        write_file(
            &temporary.join(name),
            batch.schema(),
            properties.clone(),
            |write| write(batch),
        )?;
    }
    // Into place: rename over a missing target, else swap with the old folder.
    if exists {
        let old = sibling(dir, "old", false)?;
        std::fs::rename(dir, &old).map_err(|e| with_path(dir, e))?;
        if let Err(e) = std::fs::rename(&temporary, dir) {
            let _ = std::fs::rename(&old, dir);
            return Err(with_path(dir, e));
        }
        guard.0 = None;
        let _ = std::fs::remove_dir_all(&old);
    } else {
        std::fs::rename(&temporary, dir).map_err(|e| with_path(dir, e))?;
        guard.0 = None;
    }
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Ok(folder) = File::open(parent) {
            let _ = folder.sync_all();
        }
    }
    let files: Vec<PathBuf> = FILES.iter().map(|f| dir.join(f)).collect();
    let mut bytes = 0;
    for file in &files {
        bytes += std::fs::metadata(file)
            .map_err(|e| with_path(file, e))?
            .len();
    }
    Ok(ParquetSummary {
        publications,
        files,
        bytes,
    })
}
