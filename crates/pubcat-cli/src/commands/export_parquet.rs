//! `pubcat export --format parquet --out DIR`: the publications matching the filters (and the
//! catalogue's agents, concepts and projects) as a folder of Parquet files, written all or
//! nothing by `pubcat_arrow::export_parquet` (the layout is in docs/SCALE.md). Only with the
//! CLI's `parquet` feature (on by default); without it the format is refused with a message
//! that names the feature.

use std::io::Write;
use std::process::ExitCode;

use pubcat::query::Query;
use pubcat::{Catalog, Error, Result};

use super::export::ExportArgs;

/// Writes the Parquet folder named by `--out` and prints what it wrote on `out`.
#[cfg(feature = "parquet")]
pub fn run(
    catalog: &Catalog,
    args: &ExportArgs,
    query: &Query,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let dir = folder(args)?;
    let bar = crate::progress::export_to_file(dir);
    let summary = pubcat_arrow::export_parquet(
        catalog,
        dir,
        query,
        &pubcat_arrow::ParquetOptions::default(),
    );
    bar.finish_and_clear();
    let summary = summary?;
    writeln!(
        out,
        "{} publications in {} ({} files, {} bytes)",
        summary.publications,
        dir.display(),
        summary.files.len(),
        summary.bytes
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Without the `parquet` feature: refused, naming the feature.
#[cfg(not(feature = "parquet"))]
pub fn run(
    catalog: &Catalog,
    args: &ExportArgs,
    query: &Query,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let _ = (catalog, query, out, folder(args)?);
    Err(Error::invalid(
        "format",
        "this pubcat was built without Parquet: rebuild it with `--features parquet`",
    ))
}

/// The folder of `--out`: required (Parquet is a folder of files, never standard output).
fn folder(args: &ExportArgs) -> Result<&std::path::Path> {
    args.out
        .as_deref()
        .filter(|path| path.as_os_str() != "-")
        .ok_or_else(|| {
            Error::invalid(
                "out",
                "--format parquet writes a folder of files: name it with --out DIR",
            )
        })
}
