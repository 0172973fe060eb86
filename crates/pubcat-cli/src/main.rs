//! `pubcat`: the command-line interface to a pubcat catalogue.
//!
//! ```text
//! pubcat demo [--db PATH]
//! pubcat generate --count N [--seed S] --out FILE.jsonl
//! pubcat --db PATH stats [--json]
//! pubcat --db PATH search [TEXT] [--lang L]... [--prefer L,L] [--kind K]... [--json]
//! pubcat --db PATH show UID [--json]
//! pubcat --db PATH check [--full]
//! ```

mod commands;
mod filters;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// pubcat: an embedded catalogue of research publications.
#[derive(Debug, Parser)]
#[command(name = "pubcat", version, about, long_about = None)]
struct Cli {
    /// The catalogue file.
    #[arg(long, global = true, env = "PUBCAT_DB")]
    db: Option<PathBuf>,
    /// Open the catalogue read-only, trusting nothing in it (for files from elsewhere).
    #[arg(long, global = true)]
    read_only: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the demo catalogue from the bundled sample data and show a short tour.
    Demo,
    /// Count publications, works, agents, projects, concepts.
    Stats {
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Search the catalogue.
    Search(commands::search::SearchArgs),
    /// Show one publication with everything attached.
    Show {
        /// The publication's uid.
        uid: String,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Import a file (all or nothing).
    Import(commands::transfer::ImportArgs),
    /// Export publications (all, or those matching filters) as json, jsonl, csv, listing, csl-json, bibtex or ris.
    Export(commands::transfer::ExportArgs),
    /// Write a realistic synthetic catalogue (JSON Lines) for benchmarks and demos.
    Generate(commands::generate::GenerateArgs),
    /// Check the catalogue's integrity: SQLite, full-text index, foreign keys, schema.
    Check {
        /// Run the full integrity_check instead of quick_check.
        #[arg(long)]
        full: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result =
        match cli.command {
            Command::Demo => commands::demo::run(cli.db.as_deref()),
            Command::Generate(args) => commands::generate::run(&args),
            Command::Stats { json } => {
                commands::open(&cli.db, cli.read_only).and_then(|c| commands::stats::run(&c, json))
            }
            Command::Search(args) => commands::open(&cli.db, cli.read_only)
                .and_then(|c| commands::search::run(&c, &args)),
            Command::Show { uid, json } => commands::open(&cli.db, cli.read_only)
                .and_then(|c| commands::show::run(&c, &uid, json)),
            Command::Import(args) => {
                commands::open(&cli.db, false).and_then(|c| commands::transfer::import(&c, &args))
            }
            Command::Export(args) => commands::open(&cli.db, cli.read_only)
                .and_then(|c| commands::transfer::export(&c, &args)),
            Command::Check { full } => {
                commands::open_for_check(&cli.db).and_then(|c| commands::check::run(&c, full))
            }
        };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("pubcat: {err} [{}]", err.kind());
            ExitCode::from(match err.kind() {
                pubcat::ErrorKind::NotFound => 3,
                pubcat::ErrorKind::InvalidInput
                | pubcat::ErrorKind::InvalidQuery
                | pubcat::ErrorKind::Parse => 4,
                _ => 1,
            })
        }
    }
}
