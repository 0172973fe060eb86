//! `pubcat export`: streams the publications (all, or those matching filters) in a format.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use pubcat::formats::Format;
use pubcat::{Catalog, Result};

use crate::filters::FilterArgs;
use crate::progress;
use crate::values::ExportFormat;

/// Arguments of `pubcat export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The format to write.
    #[arg(long, value_enum, default_value_t = ExportFormat(Format::Json))]
    pub format: ExportFormat,
    /// The file to write, atomically (it appears whole or not at all); `-` or no --out:
    /// standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Search text selecting the publications.
    #[arg(long)]
    pub text: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
}

/// Exports the whole catalogue or the publications matching the filters, streamed: to a file
/// atomically (the core's `Catalog::export_to_path`), or to standard output. A spinner on
/// standard error when it is a terminal.
pub fn run(catalog: &Catalog, args: &ExportArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let query = args.filters.to_query(args.text.clone());
    let format = args.format.0;
    match args.out.as_deref().filter(|path| path.as_os_str() != "-") {
        Some(path) => {
            let bar = progress::export_to_file(path);
            let summary = catalog.export_to_path(path, format, &query);
            bar.finish_and_clear();
            summary?;
        }
        None => {
            let bar = progress::export_to_stdout();
            let mut counted = bar.wrap_write(&mut *out);
            let summary = catalog.export(format, &query, &mut counted);
            bar.finish_and_clear();
            summary?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
