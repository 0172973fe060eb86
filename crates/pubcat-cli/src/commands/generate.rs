//! `pubcat generate`: writes a realistic synthetic catalogue as JSON Lines.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use pubcat::Result;
use pubcat_generate::{write_jsonl, write_jsonl_file, GenerateOptions};

use crate::output::note;

/// Arguments of `pubcat generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Number of publications (language versions) to generate.
    #[arg(long)]
    pub count: u64,
    /// Random seed: the same seed and count give the same bytes.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The JSON Lines file to write (must not exist); `-` for standard output.
    #[arg(long)]
    pub out: PathBuf,
}

/// Generates the corpus and reports what was written on standard error.
pub fn run(args: &GenerateArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let options = GenerateOptions {
        count: args.count,
        seed: args.seed,
    };
    let summary = if args.out.as_os_str() == "-" {
        write_jsonl(&options, &mut *out)?
    } else {
        write_jsonl_file(&options, &args.out)?
    };
    note(format!(
        "generated {} publications in {} works, {} agents, {} series, {} projects, {} concepts, {} relations ({} bytes)",
        summary.publications,
        summary.works,
        summary.agents,
        summary.series,
        summary.projects,
        summary.concepts,
        summary.relations,
        summary.bytes
    ));
    Ok(ExitCode::SUCCESS)
}
