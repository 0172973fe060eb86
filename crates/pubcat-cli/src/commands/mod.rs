//! One module per subcommand.

pub mod check;
pub mod demo;
pub mod generate;
pub mod search;
pub mod show;
pub mod stats;
pub mod transfer;

use std::path::PathBuf;

use pubcat::{Catalog, Error, Result};

/// Opens the catalogue named by `--db` (required for every command but `demo`).
pub fn open(db: &Option<PathBuf>, read_only: bool) -> Result<Catalog> {
    let path = db
        .as_ref()
        .ok_or_else(|| Error::invalid("--db", "this command needs --db PATH (or PUBCAT_DB)"))?;
    if read_only {
        Catalog::open_read_only(path)
    } else {
        if !path.exists() {
            return Err(Error::not_found(
                "catalogue file",
                path.display().to_string(),
            ));
        }
        Catalog::open(path)
    }
}

/// Opens a catalogue for `check`: read-only, without refusing a damaged file up front.
pub fn open_for_check(db: &Option<PathBuf>) -> Result<PathBuf> {
    db.clone()
        .ok_or_else(|| Error::invalid("--db", "this command needs --db PATH (or PUBCAT_DB)"))
}
