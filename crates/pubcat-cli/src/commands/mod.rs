//! One module per subcommand, and how they open the catalogue.
//!
//! Commands that read open an existing catalogue ([`open`]): read-write (a catalogue written
//! by an older pubcat is migrated), or with `--read-only` as a file from elsewhere, trusting
//! nothing and writing nothing. Commands that write create the file when it does not exist
//! (`init`, `import`, `demo`: [`open_or_create`]) or open an existing one (the curation
//! commands: `link`, `unlink`, `links suggest --apply`, `tag`, `untag`, `set`, `edit`,
//! `delete`, `merge`, `vocab import`, `vocab load`); all of them are refused with
//! `--read-only` before anything is opened (see `main`). `backup` reads: it runs with `--read-only` too.

pub mod backup;
pub mod changes;
pub mod check;
pub mod cite;
pub mod completions;
pub mod delete;
pub mod demo;
pub mod edit;
pub mod export;
pub mod export_parquet;
pub mod generate;
pub mod import;
pub mod init;
pub mod link;
pub mod links;
pub mod list;
pub mod man;
pub mod merge;
pub mod search;
pub mod set;
pub mod show;
pub mod stats;
pub mod sync;
pub mod tag;
pub mod type_ahead;
pub mod vocab;

use std::path::{Path, PathBuf};

use pubcat::{Catalog, Error, Result};

/// The catalogue path given by `--db` (or `PUBCAT_DB`), required by every command that uses
/// a catalogue but `demo`.
pub fn db_path(db: Option<&Path>) -> Result<&Path> {
    db.ok_or_else(|| Error::invalid("--db", "this command needs --db PATH (or PUBCAT_DB)"))
}

/// Opens the existing catalogue at `path`: read-only and untrusted with `read_only`,
/// read-write otherwise. A path that does not exist is not found, and never created.
pub fn open(path: &Path, read_only: bool) -> Result<Catalog> {
    if read_only {
        Catalog::open_read_only(path)
    } else if !path.exists() {
        Err(Error::not_found(
            "catalogue file",
            path.display().to_string(),
        ))
    } else if is_blank(path) {
        // SQLite would make an empty file a new catalogue: only `init` and `import` create.
        Err(Error::NotACatalog(format!(
            "{} is an empty file, not a catalogue (`pubcat --db {} init` makes it one)",
            path.display(),
            path.display()
        )))
    } else {
        Catalog::open(path)
    }
}

/// Whether `path` is an empty file with nothing beside it (no `-wal` file holding a
/// catalogue another connection is writing).
fn is_blank(path: &Path) -> bool {
    let len = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0)
        && len(&PathBuf::from(format!("{}-wal", path.display()))) == 0
}

/// Opens the catalogue at `path` for writing, creating an empty one when the path does not
/// exist; returns it and whether it was created.
pub fn open_or_create(path: &Path) -> Result<(Catalog, bool)> {
    let created = !path.exists();
    if created {
        // SQLite would only say "unable to open database file".
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
        if let Some(folder) = folder.filter(|f| !f.is_dir()) {
            return Err(Error::Io(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!(
                    "cannot create {}: no folder {}",
                    path.display(),
                    folder.display()
                ),
            )));
        }
    }
    Ok((Catalog::open(path)?, created))
}

/// Closes `catalog` and removes its file and SQLite's companion files: undoes
/// [`open_or_create`] when the command that created the catalogue failed. Best effort: the
/// command's own error is what gets reported.
pub fn remove_created(catalog: Catalog, path: &Path) {
    let _ = catalog.close();
    drop(catalog);
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        if file.exists() {
            let _ = std::fs::remove_file(&file);
        }
    }
}
