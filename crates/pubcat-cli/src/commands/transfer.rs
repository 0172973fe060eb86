//! `pubcat import` and `pubcat export`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use pubcat::formats::native::CatalogDocument;
use pubcat::{Catalog, Error, Result};

use crate::filters::FilterArgs;

/// Arguments of `pubcat import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import.
    pub file: PathBuf,
    /// The file's format.
    #[arg(long, default_value = "auto")]
    pub format: String,
}

/// Arguments of `pubcat export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The format to write.
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

/// Imports a file in one transaction.
pub fn import(catalog: &Catalog, args: &ImportArgs) -> Result<ExitCode> {
    if !matches!(args.format.as_str(), "auto" | "json") {
        return Err(Error::invalid(
            "--format",
            format!("format `{}` is not supported by this build", args.format),
        ));
    }
    let text = std::fs::read_to_string(&args.file)?;
    let summary = catalog.import_document(&CatalogDocument::parse(&text)?)?;
    println!(
        "added {}, updated {}, unchanged {}",
        summary.added, summary.updated, summary.unchanged
    );
    Ok(ExitCode::SUCCESS)
}

/// Exports the whole catalogue (or the selection) in native JSON.
pub fn export(catalog: &Catalog, args: &ExportArgs) -> Result<ExitCode> {
    if args.format != "json" {
        return Err(Error::invalid(
            "--format",
            format!("format `{}` is not supported by this build", args.format),
        ));
    }
    let query = args.filters.to_query(args.text.clone())?;
    let doc = catalog.export_selection(&query)?;
    let text = doc.to_json()?;
    match &args.out {
        Some(path) => std::fs::write(path, text)?,
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}
