//! `pubcat --db PATH init`: creates an empty catalogue.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use pubcat::{Catalog, Error, Result};
use serde::Serialize;

use crate::commands::open_or_create;
use crate::output::{note, print_json};

/// What `init --json` prints.
#[derive(Debug, Serialize)]
struct Initialised<'a> {
    /// The catalogue file, as given.
    path: &'a Path,
    /// Whether this run created it (false: it already was an empty catalogue).
    created: bool,
}

/// Creates an empty catalogue at `path`. A path that does not exist (or an empty file) becomes
/// a new catalogue; an existing empty catalogue is left as it is; anything else is refused
/// untouched: a catalogue holding records (`conflict`), a file that is not a catalogue
/// (`not_a_catalog`). Says what it did on standard error.
pub fn run(path: &Path, json: bool, out: &mut dyn Write) -> Result<ExitCode> {
    let created = match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(Error::Conflict(format!(
                "{} is a folder, not a catalogue file",
                path.display()
            )))
        }
        Ok(meta) if meta.len() > 0 => {
            refuse_unless_empty(path)?;
            false
        }
        // A file that does not exist, or an empty one, becomes a new catalogue.
        _ => {
            open_or_create(path)?.0.close()?;
            true
        }
    };
    if created {
        note(format!("created an empty catalogue at {}", path.display()));
    } else {
        note(format!(
            "{} is already an empty catalogue: left as it is",
            path.display()
        ));
    }
    if json {
        print_json(out, &Initialised { path, created })?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Refuses, without writing it, an existing file that is not an empty catalogue.
fn refuse_unless_empty(path: &Path) -> Result<()> {
    let catalog = Catalog::open_read_only(path)?;
    let stats = catalog.stats()?;
    catalog.close()?;
    let records = stats.publications
        + stats.agents
        + stats.projects
        + stats.series
        + stats.concepts
        + stats.relations;
    if records > 0 {
        return Err(Error::Conflict(format!(
            "{} is a catalogue already, with {} publications and {records} records in all: init creates only new catalogues",
            path.display(),
            stats.publications
        )));
    }
    Ok(())
}
