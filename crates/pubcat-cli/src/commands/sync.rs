//! `pubcat sync export --since N --out FILE`, `pubcat sync apply FILE`, `pubcat sync status`:
//! offline sync by delta files (docs/SYNC.md). Each is one call of the core.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use pubcat::sync::ConflictPolicy;
use pubcat::{Error, ErrorKind, Result};

use super::{open, open_or_create, remove_created};
use crate::exit;
use crate::output::{note, print_json};

/// The exit status of `sync apply` for a delta file that starts after what the replica holds.
pub const GAP: u8 = 7;
/// The exit status of `sync apply` for a delta file of another catalogue.
pub const WRONG_SOURCE: u8 = 8;

/// The exit statuses of `pubcat sync`, after its help.
const HELP: &str = "\
Exit status of `sync apply`: 0 applied (or already applied), 4 the file is truncated, altered \
or not a delta file, 6 local edits of records the file changes too (each is printed; choose \
with --on-conflict), 7 a gap: the file starts after the version the replica holds (apply the \
missing file first; `sync status` tells the --since to ask for), 8 the file comes from another \
catalogue. Nothing is written in any of these cases.";

/// Arguments of `pubcat sync`.
#[derive(Debug, Args)]
#[command(after_help = HELP)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub action: SyncAction,
}

/// What `pubcat sync` does.
#[derive(Debug, Subcommand)]
pub enum SyncAction {
    /// Write every change after version N of this catalogue to a delta file (atomically).
    Export {
        /// The source version the replica holds (0: everything).
        #[arg(long, value_name = "N", default_value_t = 0)]
        since: u64,
        /// The delta file to write (`-`: standard output).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Print {"source", "from", "to", "records", "bytes"}.
        #[arg(long)]
        json: bool,
    },
    /// Apply a delta file of this catalogue's source in one transaction (creates the
    /// catalogue when --db does not exist).
    Apply {
        /// The delta file.
        file: PathBuf,
        /// Who wins when the replica edited a record the file changes too.
        #[arg(long, value_enum, default_value_t = Choice::Refuse)]
        on_conflict: Choice,
        /// Print the core's AppliedChanges as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Show this catalogue's identity and the source it follows.
    Status {
        /// Print {"catalog", "version", "replica_of": {"source", "source_version",
        /// "local_edits"} | null}.
        #[arg(long)]
        json: bool,
    },
}

impl SyncAction {
    /// The name of the action when it writes the catalogue.
    pub fn writes(&self) -> Option<&'static str> {
        matches!(self, SyncAction::Apply { .. }).then_some("sync apply")
    }
}

/// `--on-conflict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Choice {
    /// Apply nothing and list the records (exit status 6).
    Refuse,
    /// The source's state replaces the local edits.
    TakeSource,
    /// The local edits stay; the file's changes of those records are skipped.
    KeepLocal,
}

impl From<Choice> for ConflictPolicy {
    fn from(c: Choice) -> ConflictPolicy {
        match c {
            Choice::Refuse => ConflictPolicy::Refuse,
            Choice::TakeSource => ConflictPolicy::TakeSource,
            Choice::KeepLocal => ConflictPolicy::KeepLocal,
        }
    }
}

/// Runs `pubcat sync` on the catalogue at `db`.
pub fn run(db: &Path, read_only: bool, args: &SyncArgs, out: &mut dyn Write) -> Result<ExitCode> {
    match &args.action {
        SyncAction::Export {
            since,
            out: file,
            json,
        } => {
            let catalog = open(db, read_only)?;
            let since = i64::try_from(*since)
                .map_err(|_| Error::invalid("--since", "larger than any version"))?;
            if *json && file.as_os_str() == "-" {
                return Err(Error::invalid(
                    "--json",
                    "the delta file goes to standard output (--out -): write it to a file to have the summary",
                ));
            }
            let written = if file.as_os_str() == "-" {
                catalog.export_changes(since, out)?
            } else {
                catalog.export_changes_to_path(since, file)?
            };
            if *json {
                print_json(out, &written)?;
            } else if file.as_os_str() != "-" {
                writeln!(
                    out,
                    "wrote {}: {} record(s) changed after version {} (up to {}), {} bytes",
                    file.display(),
                    written.records,
                    written.from,
                    written.to,
                    written.bytes
                )?;
            }
            Ok(ExitCode::SUCCESS)
        }
        SyncAction::Apply {
            file,
            on_conflict,
            json,
        } => {
            let (catalog, created) = open_or_create(db)?;
            match catalog.apply_changes_from_path(file, (*on_conflict).into()) {
                Ok(applied) => {
                    if *json {
                        print_json(out, &applied)?;
                    } else if applied.already_applied {
                        writeln!(
                            out,
                            "already applied: the replica holds source version {} (the file goes up to {})",
                            applied.source_version, applied.to
                        )?;
                    } else {
                        writeln!(
                            out,
                            "applied {} record(s): source version {} -> {}, replica version {}",
                            applied.applied, applied.from, applied.to, applied.version
                        )?;
                        for c in &applied.conflicts {
                            let who = match c.kept {
                                ConflictPolicy::KeepLocal => "kept the local edit",
                                _ => "took the source's state",
                            };
                            writeln!(out, "conflict: {} {}: {who}", c.entity, c.uid)?;
                        }
                        if applied.local_edits > 0 {
                            writeln!(
                                out,
                                "{} local edit(s) the file does not change: kept",
                                applied.local_edits
                            )?;
                        }
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(err) => {
                    if created {
                        remove_created(catalog, db);
                    }
                    refused(err)
                }
            }
        }
        SyncAction::Status { json } => {
            let catalog = open(db, read_only)?;
            let status = catalog.replica_status()?;
            let uid = catalog.catalog_uid()?;
            let version = catalog.version()?;
            if *json {
                print_json(
                    out,
                    &serde_json::json!({"catalog": uid, "version": version, "replica_of": status}),
                )?;
            } else {
                writeln!(out, "catalogue {uid}, version {version}")?;
                match status {
                    Some(s) => writeln!(
                        out,
                        "replica of {}: holds source version {} (next: sync export --since {}), {} local edit(s)",
                        s.source, s.source_version, s.source_version, s.local_edits
                    )?,
                    None => writeln!(out, "not a replica (no delta file applied)")?,
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Prints why a file was refused and returns its exit status (documented in [`HELP`]).
fn refused(err: Error) -> Result<ExitCode> {
    let code = match (&err, err.kind()) {
        (Error::SyncConflict { records }, _) => {
            for record in records {
                note(format!(
                    "conflict: {record}: edited locally and changed by the file"
                ));
            }
            exit::CONFLICTS
        }
        (_, ErrorKind::SyncGap) => GAP,
        (_, ErrorKind::WrongSource) => WRONG_SOURCE,
        (_, ErrorKind::InvalidDelta) => exit::INVALID,
        _ => return Err(err),
    };
    note(format!("pubcat: {err} [{}]", err.kind()));
    Ok(ExitCode::from(code))
}
