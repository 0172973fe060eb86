//! Progress bars on standard error for long imports and exports, drawn only when standard
//! error is a terminal (never in a pipe, a file or a test): everywhere else they are hidden
//! and print nothing.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How often a spinner moves when nothing else updates it.
const TICK: Duration = Duration::from_millis(120);

/// A progress bar drawn on standard error when it is a terminal and `also` holds; hidden
/// otherwise.
fn bar(len: Option<u64>, template: &str, also: bool) -> ProgressBar {
    if !also || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let style = ProgressStyle::with_template(template).unwrap_or_else(|_| match len {
        Some(_) => ProgressStyle::default_bar(),
        None => ProgressStyle::default_spinner(),
    });
    let bar = ProgressBar::with_draw_target(len, ProgressDrawTarget::stderr()).with_style(style);
    bar.enable_steady_tick(TICK);
    bar
}

/// The bar of an import reading `len` bytes (a file: a bar with rate and ETA) or an unknown
/// length (standard input: a spinner with the bytes read and the rate). Its message is the
/// number of records done ([`records`]).
pub fn import(len: Option<u64>) -> ProgressBar {
    match len {
        Some(len) => bar(
            Some(len),
            "{spinner} importing [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}, ETA {eta} {msg}",
            true,
        ),
        None => bar(
            None,
            "{spinner} importing {bytes} {bytes_per_sec} {elapsed} {msg}",
            true,
        ),
    }
}

/// Shows `done` records on `bar` (a hidden bar costs nothing).
pub fn records(bar: &ProgressBar, done: u64) {
    if !bar.is_hidden() && done % 64 == 0 {
        bar.set_message(format!("{done} records"));
    }
}

/// The spinner of an export to standard output: bytes written and rate. Hidden when standard
/// output is the terminal too (the export itself is on screen).
pub fn export_to_stdout() -> ProgressBar {
    bar(
        None,
        "{spinner} exporting {bytes} {bytes_per_sec} {elapsed}",
        !std::io::stdout().is_terminal(),
    )
}

/// The spinner of an export to a file (written atomically by the core): elapsed time, then
/// what was written.
pub fn export_to_file(path: &std::path::Path) -> ProgressBar {
    let bar = bar(None, "{spinner} {msg} {elapsed}", true);
    bar.set_message(format!("exporting to {}", path.display()));
    bar
}
