//! `pubcat export`: streams the publications (all, or those matching filters) in a format,
//! or writes their bibliography in a CSL style.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use pubcat::cite::CiteFormat;
use pubcat::formats::Format;
use pubcat::{Catalog, Result};

use super::cite::StyleArgs;
use crate::filters::FilterArgs;
use crate::progress;
use crate::values::{CiteFormatArg, ExportFormat, ExportTarget};

/// Arguments of `pubcat export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The format to write; `bibliography`: the references in a CSL style (--style,
    /// --locale, --csl, --markup); `parquet`: a folder of Parquet files (--out DIR).
    #[arg(long, value_enum, default_value_t = ExportTarget::File(ExportFormat(Format::Json)))]
    pub format: ExportTarget,
    /// The file to write, atomically (it appears whole or not at all); `-` or no --out:
    /// standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Search text selecting the publications.
    #[arg(long)]
    pub text: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// With --format bibliography: the citation style and locale.
    #[command(flatten)]
    pub style: StyleArgs,
    /// With --format bibliography: the markup of the references.
    #[arg(long, value_enum, default_value_t = CiteFormatArg(CiteFormat::Text))]
    pub markup: CiteFormatArg,
}

/// Exports the whole catalogue or the publications matching the filters, streamed: to a file
/// atomically (the core's `Catalog::export_to_path`), or to standard output. A spinner on
/// standard error when it is a terminal.
pub fn run(catalog: &Catalog, args: &ExportArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let query = args.filters.to_query(args.text.clone());
    let format = match args.format {
        ExportTarget::File(format) => format.0,
        ExportTarget::Bibliography => return bibliography(catalog, args, &query, out),
        ExportTarget::Parquet => return super::export_parquet::run(catalog, args, &query, out),
    };
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

/// `--format bibliography`: the bibliography of the selection, to --out (atomically) or
/// standard output.
fn bibliography(
    catalog: &Catalog,
    args: &ExportArgs,
    query: &pubcat::query::Query,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let options = args.style.to_options(args.markup.0, &args.filters.prefer)?;
    let text = catalog.bibliography(query, &options)?.to_string();
    match args.out.as_deref().filter(|path| path.as_os_str() != "-") {
        Some(path) => {
            let tmp = path.with_extension("pubcat-tmp");
            std::fs::write(&tmp, text.as_bytes())?;
            std::fs::rename(&tmp, path)?;
        }
        None => out.write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
