//! `pubcat man [COMMAND]`: the manual pages (roff), generated from the command definitions.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use pubcat::{Error, Result};

/// Arguments of `pubcat man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command's own page (pubcat-COMMAND(1), as the main page lists them); none: the main
    /// page, pubcat(1).
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

/// Writes the man page of `command` (or of its subcommand named in `args`): synopsis,
/// options, subcommands and, on the main page, the exit statuses. Install it with
/// `pubcat man > pubcat.1` (and `pubcat man import > pubcat-import.1`) in a `man1` folder,
/// or read it with `man -l`.
pub fn run(mut command: clap::Command, args: &ManArgs, out: &mut dyn Write) -> Result<ExitCode> {
    // Built, the subcommands carry the global options (--db, --read-only) too.
    command.build();
    let page = match &args.command {
        None => command,
        Some(name) => {
            let prefix = command.get_name().to_owned();
            let sub = command
                .get_subcommands()
                .find(|c| c.get_name() == name)
                .cloned()
                .ok_or_else(|| {
                    let names: Vec<&str> =
                        command.get_subcommands().map(|c| c.get_name()).collect();
                    Error::invalid(
                        "COMMAND",
                        format!("no command `{name}`; one of: {}", names.join(", ")),
                    )
                })?;
            sub.name(format!("{prefix}-{name}"))
        }
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page).render(&mut roff)?;
    out.write_all(&roff)?;
    Ok(ExitCode::SUCCESS)
}
