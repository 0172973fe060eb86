//! `pubcat cite UID…` and the style options `export --format bibliography` shares.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use pubcat::cite::{CiteFormat, CiteOptions};
use pubcat::{Catalog, Result};

use crate::output::print_json;
use crate::values::CiteFormatArg;

/// The citation style and locale (`cite`, `export --format bibliography`).
#[derive(Debug, Clone, Args)]
pub struct StyleArgs {
    /// The style: apa, chicago-author-date, harvard, ieee, or the short name of another style
    /// of hayagriva's archive (nature, modern-language-association, ...).
    #[arg(long, value_name = "STYLE", default_value = "apa")]
    pub style: String,
    /// The CSL locale of the terms and dates (en-US, en-GB, fr-FR, nl-NL, ... or `fr`);
    /// default: the style's.
    #[arg(long, value_name = "LOCALE")]
    pub locale: Option<String>,
    /// A CSL style file (.csl) to use instead of --style.
    #[arg(long, value_name = "FILE")]
    pub csl: Option<PathBuf>,
}

impl StyleArgs {
    /// The core's options: these, `format` and the reader's languages.
    pub fn to_options(&self, format: CiteFormat, prefer: &[String]) -> Result<CiteOptions> {
        let csl = self.csl.as_ref().map(std::fs::read_to_string).transpose()?;
        Ok(CiteOptions {
            style: self.style.clone(),
            csl,
            locale: self.locale.clone(),
            format,
            prefer_languages: prefer
                .iter()
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect(),
        })
    }
}

/// Arguments of `pubcat cite`.
#[derive(Debug, Args)]
pub struct CiteArgs {
    /// The publications to cite, in this order.
    #[arg(required = true, value_name = "UID")]
    pub uids: Vec<String>,
    #[command(flatten)]
    pub style: StyleArgs,
    /// The markup of the references.
    #[arg(long, value_enum, default_value_t = CiteFormatArg(CiteFormat::Text))]
    pub format: CiteFormatArg,
    /// Preferred languages, best first (comma-separated): each publication is cited in the
    /// best language version of its work.
    #[arg(long, value_name = "L,L", value_delimiter = ',')]
    pub prefer: Vec<String>,
    /// Print a JSON array of {"uid", "text", "citation"}.
    #[arg(long)]
    pub json: bool,
}

/// Prints the references, one per line (Markdown: one paragraph each), or as JSON.
pub fn run(catalog: &Catalog, args: &CiteArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let options = args.style.to_options(args.format.0, &args.prefer)?;
    let references = catalog.cite(&args.uids, &options)?;
    if args.json {
        print_json(out, &references)?;
        return Ok(ExitCode::SUCCESS);
    }
    for (i, r) in references.iter().enumerate() {
        if i > 0 && options.format == CiteFormat::Markdown {
            writeln!(out)?;
        }
        writeln!(out, "{}", r.text)?;
    }
    Ok(ExitCode::SUCCESS)
}
