//! Integrity checks of a catalogue file before (or instead of) opening it: `checkFile`, a
//! top-level function since it needs no open catalogue. The repair of what a check finds is
//! `Catalog.repair` (in `catalog.rs`).

use pubcat::CheckReport;

use crate::background;
use crate::error::Result;

/// Runs every integrity check on the catalogue file at `path` without writing it: the exact
/// schema check (a foreign or altered schema stops the others), SQLite's `quick_check`
/// (`integrity_check` with `full`), the full-text index against the publications, the
/// foreign keys and the agents' publication counts. Each check is reported in
/// `CheckReport.checks` (`name`, `ok`, `details`), passed or not; a file that cannot be
/// checked at all is an error (`NotFound`, `NotACatalog`, `TooNew`). The `fts` and
/// `agent_counts` findings are what `Catalog.repair` rebuilds. Reads the whole file: about 6 s
/// at 100,000 publications (use `checkFileAsync` from a UI).
///
/// ```kotlin
/// val report = checkFile(path)
/// val repairable = setOf("fts", "agent_counts")
/// if (report.checks.any { !it.ok && it.name in repairable }) Catalog.open(path).use { it.repair() }
/// ```
#[uniffi::export(default(full = false))]
pub fn check_file(path: String, full: bool) -> Result<CheckReport> {
    Ok(pubcat::Catalog::check_file(path, full)?)
}

/// `checkFile`, off the caller's thread (Kotlin `suspend fun`, Swift `async throws`).
#[uniffi::export(default(full = false))]
pub async fn check_file_async(path: String, full: bool) -> Result<CheckReport> {
    background::run_detached(move || pubcat::Catalog::check_file(path, full)).await
}
