//! `pubcat backup PATH`: a consistent copy of the catalogue.

use std::path::Path;
use std::process::ExitCode;

use pubcat::{Catalog, Result};

use crate::output::note;

/// Writes a consistent copy of the catalogue to `destination`, which must not exist (the
/// core's `Catalog::backup`: SQLite's online backup, read-only catalogues included). On
/// failure the core leaves nothing at `destination`.
pub fn run(catalog: &Catalog, destination: &Path) -> Result<ExitCode> {
    catalog.backup(destination)?;
    note(format!("backed up to {}", destination.display()));
    Ok(ExitCode::SUCCESS)
}
