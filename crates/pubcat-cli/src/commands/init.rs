//! `pubcat --db PATH init`: creates a catalogue, with the vocabularies shipped with pubcat
//! unless `--no-vocabularies`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use pubcat::formats::ImportSummary;
use pubcat::{Catalog, Error, Result};
use serde::Serialize;

use crate::commands::{open_or_create, remove_created};
use crate::output::{note, print_json};

/// What `init --json` prints.
#[derive(Debug, Serialize)]
struct Initialised<'a> {
    /// The catalogue file, as given.
    path: &'a Path,
    /// Whether this run created it (false: it already was a catalogue without records).
    created: bool,
    /// What loading the shipped vocabularies did (the core's ImportSummary); `null` when
    /// they were not loaded (`--no-vocabularies`, or a catalogue that already existed).
    vocabularies: Option<ImportSummary>,
}

/// Creates a catalogue at `path`, loading the shipped vocabularies into it
/// (`Catalog::load_builtin_vocabularies`) unless `no_vocabularies`. A path that does not exist
/// (or an empty file) becomes a new catalogue; an existing catalogue without records (its
/// vocabularies aside) is left as it is; anything else is refused untouched: a catalogue
/// holding records (`conflict`), a file that is not a catalogue (`not_a_catalog`). Says what
/// it did on standard error.
pub fn run(
    path: &Path,
    no_vocabularies: bool,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let (created, vocabularies) = match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(Error::Conflict(format!(
                "{} is a folder, not a catalogue file",
                path.display()
            )))
        }
        Ok(meta) if meta.len() > 0 => {
            let concepts = refuse_unless_empty(path)?;
            note(format!(
                "{} is already a catalogue without records: left as it is{}",
                path.display(),
                if concepts == 0 {
                    " (`pubcat vocab load --builtin` loads the shipped vocabularies into it)"
                } else {
                    ""
                }
            ));
            (false, None)
        }
        // A file that does not exist, or an empty one, becomes a new catalogue.
        _ => (true, create(path, no_vocabularies)?),
    };
    match (created, &vocabularies) {
        (true, Some(summary)) => note(format!(
            "created a catalogue at {} with the vocabularies shipped with pubcat ({} concepts: \
             places, minerals, actors, themes)",
            path.display(),
            summary.concepts.added + summary.concepts.updated + summary.concepts.unchanged
        )),
        (true, None) => note(format!("created an empty catalogue at {}", path.display())),
        (false, _) => {}
    }
    if json {
        print_json(
            out,
            &Initialised {
                path,
                created,
                vocabularies,
            },
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Creates the catalogue and, unless `no_vocabularies`, loads the shipped vocabularies into
/// it; a failure removes the file again.
fn create(path: &Path, no_vocabularies: bool) -> Result<Option<ImportSummary>> {
    let (catalog, created) = open_or_create(path)?;
    let loaded = if no_vocabularies {
        Ok(None)
    } else {
        catalog.load_builtin_vocabularies().map(Some)
    };
    match loaded {
        Ok(summary) => {
            catalog.close()?;
            Ok(summary)
        }
        Err(err) => {
            if created {
                remove_created(catalog, path);
            }
            Err(err)
        }
    }
}

/// Refuses, without writing it, an existing file that is not a catalogue without records;
/// returns how many concepts it holds. Concepts alone (vocabularies, as `init` loads them)
/// are not records here: such a catalogue is what `init` makes.
fn refuse_unless_empty(path: &Path) -> Result<i64> {
    let catalog = Catalog::open_read_only(path)?;
    let stats = catalog.stats()?;
    catalog.close()?;
    let records =
        stats.publications + stats.agents + stats.projects + stats.series + stats.relations;
    if records > 0 {
        return Err(Error::Conflict(format!(
            "{} is a catalogue already, with {} publications and {} records in all: init \
             creates only new catalogues",
            path.display(),
            stats.publications,
            records + stats.concepts
        )));
    }
    Ok(stats.concepts)
}
