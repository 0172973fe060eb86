//! `pubcat import` and `pubcat export`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use pubcat::formats::Format;
use pubcat::{Catalog, Error, Result};

use crate::filters::FilterArgs;

/// Arguments of `pubcat import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import.
    pub file: PathBuf,
    /// auto, json, jsonl, csv, listing, csl-json, bibtex, ris.
    #[arg(long, default_value = "auto")]
    pub format: String,
}

/// Arguments of `pubcat export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// json, jsonl, csv, listing, csl-json, bibtex, ris.
    #[arg(long, default_value = "json")]
    pub format: String,
    /// Where to write (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Search text selecting the publications.
    #[arg(long)]
    pub text: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
}

/// Imports a file in one transaction (all or nothing), with a progress line on a terminal.
pub fn import(catalog: &Catalog, args: &ImportArgs) -> Result<ExitCode> {
    let format: Format = args.format.parse()?;
    let tty = std::io::stderr().is_terminal();
    let mut progress = |done: u64| {
        if tty && done % 1000 == 0 {
            eprint!("\r{done} records…");
        }
    };
    let summary = catalog.import_file_with_progress(&args.file, format, &mut progress);
    if tty {
        eprint!("\r");
    }
    let summary = summary?;
    println!(
        "added {}, updated {}, unchanged {}",
        summary.added, summary.updated, summary.unchanged
    );
    Ok(ExitCode::SUCCESS)
}

/// Exports the whole catalogue or the publications matching the filters, streamed (to a file:
/// atomically, through the core's `Catalog::export_to_path`).
pub fn export(catalog: &Catalog, args: &ExportArgs) -> Result<ExitCode> {
    let format: Format = args.format.parse()?;
    if format == Format::Auto {
        return Err(Error::invalid("--format", "choose a format to export"));
    }
    let query = args.filters.to_query(args.text.clone())?;
    match &args.out {
        Some(path) => {
            catalog.export_to_path(path, format, &query)?;
        }
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            catalog.export(format, &query, &mut out)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
