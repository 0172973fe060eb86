//! `pubcat merge agents|series|publications FROM INTO`: a duplicate into the record it
//! duplicates.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use pubcat::{Catalog, Result};
use serde::Serialize;

use crate::output::print_json;

/// What can be merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Mergeable {
    /// Agents: contributions, project roles and series move over; FROM's names and
    /// identifiers become INTO's variants.
    Agents,
    /// Series: their publications move over.
    Series,
    /// Publications: INTO keeps its values and takes FROM's where it has none, with the
    /// union of their contributors, projects, concepts, identifiers and links; FROM's other
    /// language versions and relations move to INTO.
    Publications,
}

impl Mergeable {
    /// The entity, singular (`agent`, `series`, `publication`).
    fn entity(self) -> &'static str {
        match self {
            Mergeable::Agents => "agent",
            Mergeable::Series => "series",
            Mergeable::Publications => "publication",
        }
    }
}

/// Arguments of `pubcat merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// What to merge.
    pub what: Mergeable,
    /// The duplicate: it becomes a redirect (looking it up returns INTO).
    pub from: String,
    /// The record that stays.
    pub into: String,
    /// Print {"entity", "from", "into", "merged": true}.
    #[arg(long)]
    pub json: bool,
}

/// What `merge --json` prints.
#[derive(Debug, Serialize)]
struct Merged<'a> {
    entity: &'a str,
    from: &'a str,
    into: &'a str,
    merged: bool,
}

/// Merges FROM into INTO (the core's `Catalog::merge_agents` / `merge_series` /
/// `merge_publications`, one transaction).
pub fn run(catalog: &Catalog, args: &MergeArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let (from, into) = (args.from.as_str(), args.into.as_str());
    match args.what {
        Mergeable::Agents => catalog.merge_agents(from, into)?,
        Mergeable::Series => catalog.merge_series(from, into)?,
        Mergeable::Publications => catalog.merge_publications(from, into)?,
    }
    let entity = args.what.entity();
    if args.json {
        let merged = Merged {
            entity,
            from,
            into,
            merged: true,
        };
        print_json(out, &merged)?;
    } else {
        writeln!(
            out,
            "merged {entity} {from} into {into} (looking up {from} now gives {into})"
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
