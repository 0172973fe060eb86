//! `pubcat completions SHELL`: a completion script generated from the command definitions.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use clap_complete::Shell;
use pubcat::Result;

/// Arguments of `pubcat completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Writes the completion script of `command` for the shell: every subcommand, option and
/// fixed value (formats, sorts, kinds, roles, facets, schemes).
pub fn run(
    mut command: clap::Command,
    args: &CompletionsArgs,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    // Generated in memory: clap_complete panics when its writer fails (a closed pipe).
    let mut script = Vec::new();
    let name = command.get_name().to_owned();
    clap_complete::generate(args.shell, &mut command, name, &mut script);
    out.write_all(&script)?;
    Ok(ExitCode::SUCCESS)
}
