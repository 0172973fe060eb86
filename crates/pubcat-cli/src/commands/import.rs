//! `pubcat import FILE|-`: imports a file or standard input in one transaction.

use std::fs::File;
use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use indicatif::ProgressBar;
use pubcat::formats::{Format, ImportSummary};
use pubcat::{Catalog, Error, Result};

use crate::commands::{open_or_create, remove_created};
use crate::output::note;
use crate::progress;
use crate::values::ImportFormat;

/// The read buffer: large enough for the format to be guessed from its first bytes.
const BUFFER: usize = 64 * 1024;

/// Arguments of `pubcat import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import; `-` reads standard input (the format is then given or guessed
    /// from the first bytes).
    pub file: PathBuf,
    /// The file's format; `auto` guesses it from the file's name and first bytes.
    #[arg(long, value_enum, default_value_t = ImportFormat(Format::Auto))]
    pub format: ImportFormat,
}

/// Where the records come from: a file (its length known) or standard input.
struct Source {
    reader: Box<dyn Read>,
    len: Option<u64>,
    path: Option<PathBuf>,
}

impl Source {
    /// Opens `file` (`-`: standard input); errors name the file.
    fn open(file: &Path) -> Result<Source> {
        if file.as_os_str() == "-" {
            if std::io::stdin().is_terminal() {
                note("reading the records from standard input (end with Ctrl-D)");
            }
            return Ok(Source {
                reader: Box::new(std::io::stdin()),
                len: None,
                path: None,
            });
        }
        let named = |e: std::io::Error| {
            Error::Io(std::io::Error::new(
                e.kind(),
                format!("{}: {e}", file.display()),
            ))
        };
        let opened = File::open(file).map_err(named)?;
        let len = opened.metadata().map_err(named)?.len();
        Ok(Source {
            reader: Box::new(opened),
            len: Some(len),
            path: Some(file.to_path_buf()),
        })
    }
}

/// Imports the file into the catalogue at `db` in one transaction (all or nothing), creating
/// the catalogue when `db` does not exist (and removing it again if the import fails).
/// Prints the summary; a progress bar on standard error when it is a terminal.
pub fn run(db: &Path, args: &ImportArgs, out: &mut dyn Write) -> Result<ExitCode> {
    // The source is opened and its format known before the catalogue is created: a missing
    // or unreadable file creates nothing.
    let source = Source::open(&args.file)?;
    let bar = progress::import(source.len);
    let mut reader = BufReader::with_capacity(BUFFER, bar.wrap_read(source.reader));
    let format = match args.format.0 {
        Format::Auto => match &source.path {
            Some(path) => Format::detect(Some(path), reader.fill_buf()?)?,
            // Standard input: the core guesses from the first bytes.
            None => Format::Auto,
        },
        other => other,
    };
    let (catalog, created) = open_or_create(db)?;
    match import(&catalog, reader, format, &bar) {
        Ok(summary) => {
            catalog.close()?;
            if created {
                note(format!("created the catalogue {}", db.display()));
            }
            writeln!(
                out,
                "added {}, updated {}, unchanged {}",
                summary.added, summary.updated, summary.unchanged
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => {
            if created {
                remove_created(catalog, db);
            }
            Err(err)
        }
    }
}

/// Runs the import, showing the records done on `bar`.
fn import(
    catalog: &Catalog,
    reader: impl BufRead,
    format: Format,
    bar: &ProgressBar,
) -> Result<ImportSummary> {
    let summary = catalog.import_reader(reader, format, &mut |done| progress::records(bar, done));
    bar.finish_and_clear();
    summary
}
