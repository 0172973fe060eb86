//! `pubcat delete publication|agent|series|project|concept UID`.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use pubcat::{Catalog, Result};
use serde::Serialize;

use crate::output::print_json;

/// What can be deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    /// A publication, with its contributions, links, tags and relations (its work too when
    /// no other language version remains).
    Publication,
    /// An agent; one still credited on a publication is a conflict.
    Agent,
    /// A series; one that still has publications is a conflict.
    Series,
    /// A project.
    Project,
    /// A concept, untagged from its publications; one with narrower concepts is a conflict.
    Concept,
}

/// Arguments of `pubcat delete`.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// What to delete.
    pub entity: Entity,
    /// Its uid (`pubcat list` shows them).
    pub uid: String,
    /// Print {"entity", "uid", "deleted": true}.
    #[arg(long)]
    pub json: bool,
}

/// What `delete --json` prints.
#[derive(Debug, Serialize)]
struct Deleted<'a> {
    entity: Entity,
    uid: &'a str,
    deleted: bool,
}

/// Deletes one record (the core's `Catalog::delete_*`, one transaction): `not_found` for an
/// unknown uid, `conflict` (as the core words it) when others still need it.
pub fn run(catalog: &Catalog, args: &DeleteArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let uid = args.uid.as_str();
    match args.entity {
        Entity::Publication => catalog.delete_publication(uid)?,
        Entity::Agent => catalog.delete_agent(uid)?,
        Entity::Series => catalog.delete_series(uid)?,
        Entity::Project => catalog.delete_project(uid)?,
        Entity::Concept => catalog.delete_concept(uid)?,
    }
    let deleted = Deleted {
        entity: args.entity,
        uid,
        deleted: true,
    };
    if args.json {
        print_json(out, &deleted)?;
    } else {
        writeln!(out, "deleted {} {uid}", entity_name(args.entity))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The entity's name, as on the command line.
fn entity_name(entity: Entity) -> String {
    entity
        .to_possible_value()
        .map(|v| v.get_name().to_owned())
        .unwrap_or_default()
}
