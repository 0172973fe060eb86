//! `pubcat man`: the manual page (roff), generated from the command definitions.

use std::io::Write;
use std::process::ExitCode;

use pubcat::Result;

/// Writes the man page of `command`: synopsis, options, subcommands and the exit statuses.
/// Install it with `pubcat man > pubcat.1` in a `man1` folder (or read it with `man -l`).
pub fn run(command: clap::Command, out: &mut dyn Write) -> Result<ExitCode> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page)?;
    out.write_all(&page)?;
    Ok(ExitCode::SUCCESS)
}
