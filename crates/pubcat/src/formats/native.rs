//! pubcat's native JSON document: the whole catalogue in one versioned file.
//!
//! ```json
//! {"format": "pubcat", "version": 1, "agents": [...], "series": [...], "projects": [...],
//!  "concepts": [...], "publications": [...], "relations": [...]}
//! ```
//! Each array holds the write forms of [`crate::model`] (the same fields as the Rust structs;
//! see `docs/FORMATS.md`). Import order makes references resolvable: agents, series,
//! projects, concepts (broader before narrower), publications, relations.

use std::collections::BTreeSet;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::ingest::Importer;
use crate::error::{Error, Position, Result};
use crate::model::{Agent, Concept, Project, Publication, Relation, Series};
use crate::store::selection;
use crate::store::{agents, concepts, projects, publications, relations, series};

/// The value of the `format` field.
pub const FORMAT_NAME: &str = "pubcat";
/// The document version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A whole catalogue as one JSON document.
///
/// ```
/// let doc = pubcat::formats::CatalogDocument::parse(pubcat::DEMO_JSON)?;
/// assert_eq!(doc.publications.len(), 7);
/// # Ok::<(), pubcat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CatalogDocument {
    /// Always `"pubcat"`.
    pub format: String,
    /// Document version ([`FORMAT_VERSION`]).
    pub version: u32,
    /// Agents.
    #[serde(default)]
    pub agents: Vec<Agent>,
    /// Series.
    #[serde(default)]
    pub series: Vec<Series>,
    /// Projects.
    #[serde(default)]
    pub projects: Vec<Project>,
    /// Concepts.
    #[serde(default)]
    pub concepts: Vec<Concept>,
    /// Publications.
    #[serde(default)]
    pub publications: Vec<Publication>,
    /// Relations.
    #[serde(default)]
    pub relations: Vec<Relation>,
}

impl Default for CatalogDocument {
    fn default() -> Self {
        CatalogDocument {
            format: FORMAT_NAME.to_owned(),
            version: FORMAT_VERSION,
            agents: Vec::new(),
            series: Vec::new(),
            projects: Vec::new(),
            concepts: Vec::new(),
            publications: Vec::new(),
            relations: Vec::new(),
        }
    }
}

impl CatalogDocument {
    /// Parses a document, checking its format name and version. Syntax errors name the line.
    pub fn parse(text: &str) -> Result<CatalogDocument> {
        let doc: CatalogDocument = serde_json::from_str(text).map_err(|e| {
            Error::parse_at(
                Position {
                    line: Some(e.line() as u64),
                    record: None,
                    field: None,
                },
                e.to_string(),
            )
        })?;
        if doc.format != FORMAT_NAME {
            return Err(Error::parse_at(
                Position {
                    line: None,
                    record: None,
                    field: Some("format".into()),
                },
                format!("expected \"{FORMAT_NAME}\", found {:?}", doc.format),
            ));
        }
        if doc.version != FORMAT_VERSION {
            return Err(Error::parse_at(
                Position {
                    line: None,
                    record: None,
                    field: Some("version".into()),
                },
                format!(
                    "document version {} is not supported (this pubcat reads {FORMAT_VERSION})",
                    doc.version
                ),
            ));
        }
        Ok(doc)
    }

    /// Pretty-printed JSON, with a final newline.
    pub fn to_json(&self) -> Result<String> {
        let mut text = serde_json::to_string_pretty(self)
            .map_err(|e| Error::invalid("document", e.to_string()))?;
        text.push('\n');
        Ok(text)
    }

    /// Reads the whole catalogue, every array sorted by uid.
    pub(crate) fn read(conn: &Connection) -> Result<CatalogDocument> {
        fn load<T>(
            conn: &Connection,
            uids: Vec<String>,
            one: impl Fn(&Connection, &str) -> Result<Option<T>>,
        ) -> Result<Vec<T>> {
            uids.iter()
                .filter_map(|uid| one(conn, uid).transpose())
                .collect()
        }
        let mut publications = Vec::new();
        selection::for_each_publication(conn, |_, uid| {
            publications.extend(publications::load_in(conn, uid)?);
            Ok(())
        })?;
        Ok(CatalogDocument {
            agents: load(conn, selection::agent_uids(conn)?, agents::load_in)?,
            series: load(conn, selection::series_uids(conn)?, series::load_in)?,
            projects: load(conn, selection::project_uids(conn)?, projects::load_in)?,
            concepts: load(conn, selection::concept_uids(conn)?, concepts::load_in)?,
            publications,
            relations: relations::all_in(conn)?,
            ..CatalogDocument::default()
        })
    }

    /// Writes every entity of the document through `imp`, in dependency order.
    pub(crate) fn import_with(&self, imp: &mut Importer<'_, '_>) -> Result<()> {
        for (i, a) in self.agents.iter().enumerate() {
            imp.agent(a).map_err(|e| at_record(e, "agents", i))?;
            imp.tick();
        }
        for (i, s) in self.series.iter().enumerate() {
            imp.series(s).map_err(|e| at_record(e, "series", i))?;
            imp.tick();
        }
        for (i, p) in self.projects.iter().enumerate() {
            imp.project(p).map_err(|e| at_record(e, "projects", i))?;
            imp.tick();
        }
        for i in concept_order(&self.concepts) {
            if let Some(c) = self.concepts.get(i) {
                imp.concept(c).map_err(|e| at_record(e, "concepts", i))?;
                imp.tick();
            }
        }
        for (i, p) in self.publications.iter().enumerate() {
            imp.publication(p)
                .map_err(|e| at_record(e, "publications", i))?;
            imp.tick();
        }
        for (i, r) in self.relations.iter().enumerate() {
            imp.relation(r).map_err(|e| at_record(e, "relations", i))?;
            imp.tick();
        }
        Ok(())
    }
}

/// Indexes of `concepts` ordered so that each broader concept comes before its narrower ones.
pub(crate) fn concept_order(concepts: &[Concept]) -> Vec<usize> {
    let mut placed: BTreeSet<&str> = BTreeSet::new();
    let mut order = Vec::with_capacity(concepts.len());
    let mut pending: Vec<usize> = (0..concepts.len()).collect();
    while !pending.is_empty() {
        let before = pending.len();
        pending.retain(|&i| {
            let c = &concepts[i];
            let ready = c
                .broader
                .as_deref()
                .is_none_or(|b| placed.contains(b) || !concepts.iter().any(|o| o.uid == b));
            if ready {
                placed.insert(&c.uid);
                order.push(i);
            }
            !ready
        });
        if pending.len() == before {
            order.append(&mut pending); // a cycle: let the upsert report it
        }
    }
    order
}

/// Adds the record position to an error (validation errors become parse errors that say
/// which record and field were wrong).
pub(crate) fn at_record(err: Error, array: &str, index: usize) -> Error {
    let record = Some(index as u64 + 1);
    match err {
        Error::InvalidInput { field, message } => Error::Parse {
            position: Position {
                line: None,
                record,
                field: Some(format!("{array}[{}].{field}", index + 1)),
            },
            message,
        },
        Error::NotFound { entity, uid } => Error::Parse {
            position: Position {
                line: None,
                record,
                field: Some(array.to_owned()),
            },
            message: format!("refers to {entity} `{uid}`, which does not exist"),
        },
        Error::Conflict(message) => Error::Parse {
            position: Position {
                line: None,
                record,
                field: Some(array.to_owned()),
            },
            message: format!("conflict: {message}"),
        },
        other => other,
    }
}
