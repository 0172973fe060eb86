//! `pubcat backup PATH`: a consistent copy of the catalogue.

use std::path::Path;
use std::process::ExitCode;

use pubcat::{Catalog, Error, Result};

use crate::output::note;

/// Writes a consistent, compacted copy of the catalogue to `destination` (SQLite's `VACUUM
/// INTO`), which must not exist. The catalogue must be open read-write: VACUUM INTO opens
/// the copy with the catalogue's own flags (`main` refuses `--read-only backup`).
pub fn run(catalog: &Catalog, destination: &Path) -> Result<ExitCode> {
    if let Err(err) = catalog.backup(destination) {
        // The core refuses an existing destination before writing: a file there now is what
        // the failed attempt left (SQLite creates it first).
        if !matches!(err, Error::Conflict(_)) && destination.is_file() {
            let _ = std::fs::remove_file(destination);
        }
        return Err(err);
    }
    note(format!("backed up to {}", destination.display()));
    Ok(ExitCode::SUCCESS)
}
