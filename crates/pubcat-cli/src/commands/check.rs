//! `pubcat check`.

use std::path::Path;
use std::process::ExitCode;

use pubcat::Result;

/// Checks the catalogue file and prints a report; exit status 0 only if all checks pass.
pub fn run(path: &Path, full: bool) -> Result<ExitCode> {
    let report = pubcat::Catalog::check_file(path, full)?;
    for check in &report.checks {
        println!(
            "{:<14} {}",
            check.name,
            if check.ok { "ok" } else { "FAILED" }
        );
        for detail in &check.details {
            println!("    {detail}");
        }
    }
    Ok(if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
