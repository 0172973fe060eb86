//! `pubcat stats`.

use std::io::Write;
use std::process::ExitCode;

use pubcat::{Catalog, Result};

use crate::output::print_json;

/// Prints the catalogue's counts.
pub fn run(catalog: &Catalog, json: bool, out: &mut dyn Write) -> Result<ExitCode> {
    let stats = catalog.stats()?;
    if json {
        print_json(out, &stats)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "publications  {:>6}   ({} works, {} in several languages)",
        stats.publications, stats.works, stats.multilingual_works
    )?;
    writeln!(out, "agents        {:>6}", stats.agents)?;
    writeln!(out, "projects      {:>6}", stats.projects)?;
    writeln!(out, "series        {:>6}", stats.series)?;
    writeln!(out, "concepts      {:>6}", stats.concepts)?;
    writeln!(out, "relations     {:>6}", stats.relations)?;
    writeln!(out, "version       {:>6}", stats.version)?;
    let join = |m: Vec<(String, i64)>| {
        m.into_iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(
        out,
        "by language   {}",
        join(stats.by_language.into_iter().collect())
    )?;
    writeln!(
        out,
        "by kind       {}",
        join(stats.by_kind.into_iter().collect())
    )?;
    writeln!(
        out,
        "by year       {}",
        join(
            stats
                .by_year
                .into_iter()
                .map(|(y, n)| (y.to_string(), n))
                .collect()
        )
    )?;
    Ok(ExitCode::SUCCESS)
}
