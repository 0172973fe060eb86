//! `pubcat changes --since N`: what changed after a version of the catalogue.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use pubcat::model::ChangeOp;
use pubcat::{Catalog, Error, Result};

use crate::output::{column_width, print_json};

/// Arguments of `pubcat changes`.
#[derive(Debug, Args)]
pub struct ChangesArgs {
    /// The version already seen (0: every change); the output's `version` is the one to pass
    /// next time.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub since: u64,
    /// Print the core's Changes as one JSON object: {"version": N, "changes": [...]}.
    #[arg(long)]
    pub json: bool,
}

/// Prints the changes after version `since`: one line per record changed (its last change),
/// then the catalogue's current version.
pub fn run(catalog: &Catalog, args: &ChangesArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let since = i64::try_from(args.since)
        .map_err(|_| Error::invalid("--since", "larger than any version"))?;
    let changes = catalog.changes_since(since)?;
    if args.json {
        print_json(out, &changes)?;
        return Ok(ExitCode::SUCCESS);
    }
    let entity_width = column_width(changes.changes.iter().map(|c| c.entity.as_str()), 20);
    for change in &changes.changes {
        let op = match change.op {
            ChangeOp::Upsert => "upsert",
            ChangeOp::Delete => "delete",
        };
        writeln!(
            out,
            "{:>8}  {op:<6}  {:<entity_width$}  {}",
            change.version, change.entity, change.uid
        )?;
    }
    writeln!(
        out,
        "version {} ({} change(s) since {})",
        changes.version,
        changes.changes.len(),
        args.since
    )?;
    Ok(ExitCode::SUCCESS)
}
