//! `pubcat list agents|series|projects|concepts`: the uids the filters take, with labels.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use pubcat::model::ConceptNode;
use pubcat::{Catalog, Result};

use crate::output::{column_width, print_json};
use crate::values::SchemeArg;

/// The widest uid column before names are pushed right instead.
const MAX_UID_WIDTH: usize = 48;

/// Arguments of `pubcat list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(subcommand)]
    pub what: What,
}

/// What to list.
#[derive(Debug, Subcommand)]
pub enum What {
    /// Agents (persons and organisations): the uids of --agent.
    Agents(JsonArg),
    /// Series: the uids of --series.
    Series(JsonArg),
    /// Projects: the uids of --project.
    Projects(JsonArg),
    /// Concepts, as a tree (narrower ones indented): the uids of --concept.
    Concepts {
        /// Only the concepts of this scheme.
        #[arg(long, value_enum)]
        scheme: Option<SchemeArg>,
        #[command(flatten)]
        json: JsonArg,
    },
}

/// `--json`: print the core's records as one JSON array.
#[derive(Debug, Args)]
pub struct JsonArg {
    /// Print the core's records as one JSON array.
    #[arg(long)]
    pub json: bool,
}

/// Lists the agents, series, projects or concepts: one per line, uid first (aligned), or the
/// core's records as JSON.
pub fn run(catalog: &Catalog, args: &ListArgs, out: &mut dyn Write) -> Result<ExitCode> {
    match &args.what {
        What::Agents(JsonArg { json }) => {
            let agents = catalog.agents()?;
            if *json {
                print_json(out, &agents)?;
            } else {
                let rows = agents
                    .iter()
                    .map(|a| (a.uid.as_str(), format!("{}  ({})", a.name, a.kind)));
                print_rows(out, rows.collect())?;
            }
        }
        What::Series(JsonArg { json }) => {
            let series = catalog.series_list()?;
            if *json {
                print_json(out, &series)?;
            } else {
                let rows = series.iter().map(|s| {
                    let publisher = s.publisher.as_ref().map(|p| format!("  ({p})"));
                    (
                        s.uid.as_str(),
                        s.name.clone() + &publisher.unwrap_or_default(),
                    )
                });
                print_rows(out, rows.collect())?;
            }
        }
        What::Projects(JsonArg { json }) => {
            let projects = catalog.projects()?;
            if *json {
                print_json(out, &projects)?;
            } else {
                let rows = projects.iter().map(|p| {
                    let acronym = p.project.acronym.as_ref().map(|a| format!(" ({a})"));
                    let label = format!(
                        "{}{}  · {} publication(s)",
                        p.project.name,
                        acronym.unwrap_or_default(),
                        p.publications.len()
                    );
                    (p.project.uid.as_str(), label)
                });
                print_rows(out, rows.collect())?;
            }
        }
        What::Concepts { scheme, json } => {
            let tree = catalog.concepts(scheme.map(|s| s.0))?;
            if json.json {
                print_json(out, &tree)?;
            } else {
                let mut rows = Vec::new();
                flatten(&tree, "", &mut rows);
                let rows = rows
                    .iter()
                    .map(|(uid, label)| (uid.as_str(), label.clone()));
                print_rows(out, rows.collect())?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints `uid  label` lines, the uids in one aligned column.
fn print_rows(out: &mut dyn Write, rows: Vec<(&str, String)>) -> Result<()> {
    let width = column_width(rows.iter().map(|(uid, _)| *uid), MAX_UID_WIDTH);
    for (uid, label) in rows {
        writeln!(out, "{uid:<width$}  {label}")?;
    }
    Ok(())
}

/// The concepts of `nodes` and their narrower ones, depth first: the uid indented by depth,
/// and `label  [scheme] · N publication(s)`.
fn flatten(nodes: &[ConceptNode], indent: &str, rows: &mut Vec<(String, String)>) {
    for node in nodes {
        let concept = &node.concept;
        let label = concept.label_for(&[]).unwrap_or(&concept.uid);
        rows.push((
            format!("{indent}{}", concept.uid),
            format!(
                "{label}  [{}] · {} publication(s)",
                concept.scheme, node.publication_count
            ),
        ));
        flatten(&node.narrower, &format!("{indent}  "), rows);
    }
}
