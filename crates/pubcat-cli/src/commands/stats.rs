//! `pubcat stats`.

use std::process::ExitCode;

use pubcat::{Catalog, Result};

use crate::output::print_json;

/// Prints the catalogue's counts.
pub fn run(catalog: &Catalog, json: bool) -> Result<ExitCode> {
    let stats = catalog.stats()?;
    if json {
        print_json(&stats)?;
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "publications  {:>6}   ({} works, {} in several languages)",
        stats.publications, stats.works, stats.multilingual_works
    );
    println!("agents        {:>6}", stats.agents);
    println!("projects      {:>6}", stats.projects);
    println!("series        {:>6}", stats.series);
    println!("concepts      {:>6}", stats.concepts);
    println!("relations     {:>6}", stats.relations);
    println!("version       {:>6}", stats.version);
    let join = |m: Vec<(String, u64)>| {
        m.into_iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!(
        "by language   {}",
        join(stats.by_language.into_iter().collect())
    );
    println!(
        "by kind       {}",
        join(stats.by_kind.into_iter().collect())
    );
    println!(
        "by year       {}",
        join(
            stats
                .by_year
                .into_iter()
                .map(|(y, n)| (y.to_string(), n))
                .collect()
        )
    );
    Ok(ExitCode::SUCCESS)
}
