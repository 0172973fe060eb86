//! Exit statuses: one table, used by `main`, `check`, `--help` and the man page.

use std::process::ExitCode;

use pubcat::ErrorKind;

/// Success (also when the reader of standard output closed it early, as `| head` does).
pub const OK: u8 = 0;
/// An error: a file that is not a catalogue, corrupt or too new, an I/O error, a conflict
/// (an existing file, a record still in use, two versions of a work in one language).
pub const ERROR: u8 = 1;
/// A usage error, reported by clap: an unknown command, option or value, a missing argument,
/// or a command that writes the catalogue given `--read-only`.
pub const USAGE: u8 = 2;
/// Something named does not exist: a uid, or the catalogue file.
pub const NOT_FOUND: u8 = 3;
/// Invalid input, query or file content (a parse error names the line, record and field).
pub const INVALID: u8 = 4;
/// `check` ran every check and at least one found a problem.
pub const CHECK_FAILED: u8 = 5;
/// `import --on-conflict report`: the file gives stored values differently (each conflict is
/// reported), so nothing was written.
pub const CONFLICTS: u8 = 6;

/// The table printed after `--help` (and in the man page).
pub const HELP: &str = "\
Exit status:
  0  success (also when the reader of standard output stops early, as `| head` does)
  1  error: not a catalogue, corrupt, too new, I/O, conflict (an existing file, a record
     still in use)
  2  usage: unknown command, option or value; a write command with --read-only
  3  not found: a uid, or the catalogue file
  4  invalid input, query or file content
  5  check: the checks ran and found problems
  6  import --on-conflict report: the file disagrees with stored values (each conflict
     is printed); nothing was written

Errors are printed on standard error as `pubcat: MESSAGE [KIND]`.";

/// The exit status for an error of `kind`.
pub fn for_error(kind: ErrorKind) -> ExitCode {
    ExitCode::from(match kind {
        ErrorKind::NotFound => NOT_FOUND,
        ErrorKind::InvalidInput | ErrorKind::InvalidQuery | ErrorKind::Parse => INVALID,
        _ => ERROR,
    })
}
