//! `pubcat`: the command-line interface to a pubcat catalogue (docs/CLI.md).
//!
//! ```text
//! pubcat --db PATH init [--no-vocabularies] [--json]
//! pubcat demo [--db PATH]
//! pubcat --db PATH import FILE|- [--format F] [--dry-run] [--on-conflict P] [--lenient] [--no-tag] [--link-translations] [--json]
//! pubcat --db PATH export [--format F] [--out FILE|-] [filters]
//! pubcat --db PATH export --format bibliography [--style S] [--locale L] [--csl FILE] [--markup M] [filters]
//! pubcat --db PATH cite UID... [--style S] [--locale L] [--csl FILE] [--format text|html|markdown] [--prefer L,L] [--json]
//! pubcat --db PATH search [TEXT] [filters] [--sort S] [--facets F,F] [--json]
//! pubcat --db PATH show UID [--json]
//! pubcat --db PATH stats [--json]
//! pubcat --db PATH list agents|series|projects|concepts [--scheme S] [--json]
//! pubcat --db PATH changes [--since N] [--json]
//! pubcat --db PATH backup PATH
//! pubcat --db PATH check [--full] [--json]
//! pubcat --db PATH link UID UID [--json]
//! pubcat --db PATH unlink UID [--json]
//! pubcat --db PATH links suggest [--min-score S] [--limit N] [--only UID...] [--apply] [--json]
//! pubcat --db PATH links score UID UID [--json]
//! pubcat --db PATH tag|untag UID CONCEPT... [--json]
//! pubcat --db PATH tag|untag --auto [--json]
//! pubcat --db PATH set UID FIELD VALUE [--json]
//! pubcat --db PATH edit UID [--resume FILE] [--json]
//! pubcat --db PATH delete publication|agent|series|project|concept UID [--json]
//! pubcat --db PATH merge agents|series|publications FROM INTO [--json]
//! pubcat --db PATH vocab export [--scheme S] [--out FILE|-]
//! pubcat --db PATH vocab import FILE|- [--json]
//! pubcat --db PATH vocab load --builtin|FILE|- [--json]
//! pubcat generate --count N [--seed S] --out FILE.jsonl|-
//! pubcat completions SHELL
//! pubcat man [COMMAND]
//! ```
//!
//! Results go to standard output, through [`output::Stdout`] (a closed pipe ends the command
//! quietly), notes and errors to standard error; the exit statuses are in [`exit`].

mod commands;
mod exit;
mod filters;
mod output;
mod progress;
mod values;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use pubcat::Result;

use commands::{db_path, open};
use output::Stdout;

/// pubcat: an embedded catalogue of research publications.
#[derive(Debug, Parser)]
#[command(
    name = "pubcat",
    version,
    about = "An embedded catalogue of research publications: search, import, export, check",
    long_about = None,
    after_help = exit::HELP
)]
struct Cli {
    /// The catalogue file.
    #[arg(long, global = true, env = "PUBCAT_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    /// Open the catalogue read-only, trusting nothing in it (for files from elsewhere); the
    /// commands that write it (init, import, demo, link, unlink, links suggest --apply, tag,
    /// untag, set, edit, delete, merge, vocab import, vocab load) are refused.
    #[arg(long, global = true)]
    read_only: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a catalogue at --db, with the vocabularies shipped with pubcat (refused if a
    /// catalogue with records is there).
    Init {
        /// Create it empty: without the shipped vocabularies (places, minerals, actors,
        /// themes), which imports use to tag publications automatically.
        #[arg(long)]
        no_vocabularies: bool,
        /// Print {"path": ..., "created": true|false, "vocabularies": ImportSummary|null}.
        #[arg(long)]
        json: bool,
    },
    /// Build the demo catalogue from the bundled sample data and show a short tour.
    Demo,
    /// Import a file or standard input (all or nothing); creates the catalogue if needed.
    Import(commands::import::ImportArgs),
    /// Export publications (all, or those matching filters) to a file or standard output.
    Export(commands::export::ExportArgs),
    /// Format publications as references in a citation style (APA, Chicago, Harvard, IEEE,
    /// or a .csl file), in the order given.
    Cite(commands::cite::CiteArgs),
    /// Search the catalogue.
    Search(commands::search::SearchArgs),
    /// Search as you type: completions of the last word and the first hits, fast on a large
    /// catalogue (what an app shows on every keystroke).
    TypeAhead(commands::type_ahead::TypeAheadArgs),
    /// Show one publication with everything attached.
    Show {
        /// The publication's uid.
        uid: String,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Count publications, works, agents, projects, concepts.
    Stats {
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// List agents, series, projects or concepts: the uids the filters take.
    List(commands::list::ListArgs),
    /// What changed after a version of the catalogue (the change log).
    Changes(commands::changes::ChangesArgs),
    /// Write a consistent copy of the catalogue to a new file (also with --read-only).
    Backup {
        /// The copy to write (must not exist).
        path: PathBuf,
    },
    /// Check the catalogue's integrity: SQLite, full-text index, foreign keys, agent counts,
    /// schema (--repair: rebuild the index and the counts first).
    #[command(
        after_help = "Exit status: 0 every check passed, 5 a check failed (each is \
        reported), 1 the file cannot be checked (not a catalogue), 3 it does not exist."
    )]
    Check {
        /// Run the full integrity_check instead of quick_check.
        #[arg(long)]
        full: bool,
        /// Rebuild the full-text index and recount the agents' publications first (what
        /// `fts` and `agent_counts` find when another tool changed the rows), then check.
        /// Writes the catalogue; damaged pages and dangling references are not repaired.
        #[arg(long)]
        repair: bool,
        /// Print {"path", "ok", "checks": [{"name", "ok", "details"}]} (with --repair also
        /// "repaired": {"publications_indexed", "agent_counts_fixed"}).
        #[arg(long)]
        json: bool,
    },
    /// Make two publications language versions of one work (the first one's).
    Link {
        /// The publication whose work both belong to afterwards.
        a: String,
        /// The publication joining it, with the other versions of its own work.
        b: String,
        /// Print {"uid", "translations": [...]}: the versions of the work now.
        #[arg(long)]
        json: bool,
    },
    /// Make a publication a work of its own, apart from its other language versions.
    Unlink {
        /// The publication's uid.
        uid: String,
        /// Print {"uid", "translations": [...]}: the versions of its work now (itself).
        #[arg(long)]
        json: bool,
    },
    /// Find publications in different languages that are probably versions of one work:
    /// suggestions with their score and evidence, linked with --apply.
    Links(commands::links::LinksArgs),
    /// Tag a publication with concepts (`pubcat list concepts` shows their uids), or every
    /// publication automatically from the loaded vocabularies (--auto).
    Tag(commands::tag::TagArgs),
    /// Remove concepts from a publication, or every automatic tag (--auto).
    Untag(commands::tag::UntagArgs),
    /// Set one field of a publication (`pubcat set --help` lists the fields).
    Set(commands::set::SetArgs),
    /// Edit a publication's native JSON in $VISUAL or $EDITOR; written back when valid.
    Edit(commands::edit::EditArgs),
    /// Delete a publication, agent, series, project or concept.
    Delete(commands::delete::DeleteArgs),
    /// Merge a duplicate agent, series or publication into the one that stays.
    Merge(commands::merge::MergeArgs),
    /// Export or import the vocabularies (concepts) as a native JSON document, or load
    /// vocabulary files (the shipped ones with --builtin).
    Vocab(commands::vocab::VocabArgs),
    /// Offline sync by delta files: export what changed since a version, apply it to a replica.
    Sync(commands::sync::SyncArgs),
    /// Write a realistic synthetic catalogue (JSON Lines) for benchmarks and demos.
    Generate(commands::generate::GenerateArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(commands::completions::CompletionsArgs),
    /// Print the manual page (roff): `pubcat man > pubcat.1`, `pubcat man import`.
    Man(commands::man::ManArgs),
}

impl Command {
    /// Why the command cannot run with --read-only, if it cannot: it writes the catalogue
    /// file. (`backup` reads it: the core copies a read-only catalogue too.)
    fn read_only_refusal(&self) -> Option<String> {
        let writes = |name: &str| {
            format!(
                "`pubcat {name}` writes the catalogue, which --read-only forbids: nothing was \
                 done (leave out --read-only to {name})"
            )
        };
        match self {
            Command::Init { .. } => Some(writes("init")),
            Command::Demo => Some(writes("demo")),
            Command::Import(args) if args.dry_run => Some(
                "`pubcat import --dry-run` runs the import in a transaction it rolls back, which \
                 --read-only forbids: nothing was done (to try a file on a catalogue from \
                 elsewhere, copy it with `pubcat --read-only backup COPY` and dry-run on the copy)"
                    .to_owned(),
            ),
            Command::Import(_) => Some(writes("import")),
            Command::Link { .. } => Some(writes("link")),
            Command::Unlink { .. } => Some(writes("unlink")),
            Command::Links(args) => args.action.writes().map(writes),
            Command::Tag(_) => Some(writes("tag")),
            Command::Untag(_) => Some(writes("untag")),
            Command::Set(_) => Some(writes("set")),
            Command::Edit(_) => Some(writes("edit")),
            Command::Delete(_) => Some(writes("delete")),
            Command::Merge(_) => Some(writes("merge")),
            Command::Vocab(args) => args.action.writes().map(writes),
            Command::Sync(args) => args.action.writes().map(writes),
            Command::Check { repair: true, .. } => Some(writes("check --repair")),
            _ => None,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(refusal) = cli.command.read_only_refusal().filter(|_| cli.read_only) {
        let error = Cli::command().error(clap::error::ErrorKind::ArgumentConflict, refusal);
        let _ = error.print();
        return ExitCode::from(exit::USAGE);
    }
    let mut out = Stdout::new();
    let result = run(cli, &mut out).and_then(|code| {
        out.flush()?;
        Ok(code)
    });
    if out.closed() {
        // The reader stopped early (`| head`): it has what it wanted.
        return ExitCode::from(exit::OK);
    }
    match result {
        Ok(code) => code,
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "pubcat: {err} [{}]", err.kind());
            exit::for_error(err.kind())
        }
    }
}

/// Runs the command, its results written to `out`.
fn run(cli: Cli, out: &mut Stdout) -> Result<ExitCode> {
    let db = cli.db.as_deref();
    let read_only = cli.read_only;
    match cli.command {
        Command::Init {
            no_vocabularies,
            json,
        } => commands::init::run(db_path(db)?, no_vocabularies, json, out),
        Command::Demo => commands::demo::run(db, out),
        Command::Import(args) => commands::import::run(db_path(db)?, &args, out),
        Command::Export(args) => commands::export::run(&open(db_path(db)?, read_only)?, &args, out),
        Command::Cite(args) => commands::cite::run(&open(db_path(db)?, read_only)?, &args, out),
        Command::Search(args) => commands::search::run(&open(db_path(db)?, read_only)?, &args, out),
        Command::TypeAhead(args) => {
            commands::type_ahead::run(&open(db_path(db)?, read_only)?, &args, out)
        }
        Command::Show { uid, json } => {
            commands::show::run(&open(db_path(db)?, read_only)?, &uid, json, out)
        }
        Command::Stats { json } => commands::stats::run(&open(db_path(db)?, read_only)?, json, out),
        Command::List(args) => commands::list::run(&open(db_path(db)?, read_only)?, &args, out),
        Command::Changes(args) => {
            commands::changes::run(&open(db_path(db)?, read_only)?, &args, out)
        }
        Command::Backup { path } => commands::backup::run(&open(db_path(db)?, read_only)?, &path),
        Command::Link { a, b, json } => {
            commands::link::link(&open(db_path(db)?, read_only)?, &a, &b, json, out)
        }
        Command::Unlink { uid, json } => {
            commands::link::unlink(&open(db_path(db)?, read_only)?, &uid, json, out)
        }
        Command::Links(args) => commands::links::run(&open(db_path(db)?, read_only)?, &args, out),
        Command::Tag(args) => commands::tag::tag(&open(db_path(db)?, read_only)?, &args, out),
        Command::Untag(args) => commands::tag::untag(&open(db_path(db)?, read_only)?, &args, out),
        Command::Set(args) => commands::set::run(&open(db_path(db)?, read_only)?, &args, out),
        Command::Edit(args) => {
            let path = db_path(db)?;
            commands::edit::run(&open(path, read_only)?, path, &args, out)
        }
        Command::Delete(args) => commands::delete::run(&open(db_path(db)?, read_only)?, &args, out),
        Command::Merge(args) => commands::merge::run(&open(db_path(db)?, read_only)?, &args, out),
        Command::Vocab(args) => commands::vocab::run(&open(db_path(db)?, read_only)?, &args, out),
        Command::Check { full, repair, json } => {
            commands::check::run(db_path(db)?, full, repair, json, out)
        }
        Command::Sync(args) => commands::sync::run(db_path(db)?, read_only, &args, out),
        Command::Generate(args) => commands::generate::run(&args, out),
        Command::Completions(args) => commands::completions::run(Cli::command(), &args, out),
        Command::Man(args) => commands::man::run(Cli::command(), &args, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn clap_usage_errors_exit_with_the_usage_status() {
        let err = Cli::try_parse_from(["pubcat", "frobnicate"]).expect_err("a usage error");
        assert_eq!(err.exit_code(), i32::from(exit::USAGE));
    }
}
