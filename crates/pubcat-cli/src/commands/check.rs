//! `pubcat check`: every integrity check of a catalogue file, each reported; with `--repair`,
//! what pubcat derives from the rows (full-text index, agent counts) is rebuilt first.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use pubcat::{CheckResult, RepairSummary, Result};
use serde::Serialize;

use crate::exit;
use crate::output::print_json;

/// What `check --json` prints.
#[derive(Debug, Serialize)]
struct Report<'a> {
    /// The catalogue file, as given.
    path: &'a Path,
    /// Whether every check passed.
    ok: bool,
    /// Every check, in order: `sqlite`, `fts`, `foreign_keys`, `agent_counts`, `schema`.
    checks: &'a [CheckResult],
    /// What `--repair` rebuilt before the checks ran (absent without `--repair`).
    #[serde(skip_serializing_if = "Option::is_none")]
    repaired: Option<RepairSummary>,
}

/// Runs every check on the file (read-only: it is never written) and prints each one, passed
/// or not, with what it found. With `repair`, first opens the catalogue for writing and
/// rebuilds its full-text index and agent counts ([`pubcat::Catalog::repair`]), then checks.
/// Exit status 0 when all pass, [`exit::CHECK_FAILED`] when any fails; a file that cannot be
/// checked at all (not a catalogue, missing) is an error.
pub fn run(
    path: &Path,
    full: bool,
    repair: bool,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let repaired = if repair {
        let catalog = super::open(path, false)?;
        let summary = catalog.repair()?;
        catalog.close()?;
        Some(summary)
    } else {
        None
    };
    let report = pubcat::Catalog::check_file(path, full)?;
    if json {
        print_json(
            out,
            &Report {
                path,
                ok: report.ok(),
                checks: &report.checks,
                repaired,
            },
        )?;
    } else {
        if let Some(summary) = repaired {
            writeln!(
                out,
                "repaired: full-text index rebuilt ({} publications), {} agent count(s) recounted",
                summary.publications_indexed, summary.agent_counts_fixed
            )?;
        }
        for check in &report.checks {
            let status = if check.ok { "ok" } else { "FAILED" };
            writeln!(out, "{:<14} {status}", check.name)?;
            for detail in &check.details {
                writeln!(out, "    {detail}")?;
            }
        }
    }
    Ok(if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(exit::CHECK_FAILED)
    })
}
