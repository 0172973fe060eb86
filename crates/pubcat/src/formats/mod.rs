//! Import and export formats.
//!
//! | [`Format`] | import | export | what it holds |
//! |---|---|---|---|
//! | `json` ([`CatalogDocument`]) | whole document | streamed | everything (lossless) |
//! | `jsonl` | streamed | streamed | everything (lossless) |
//! | `csv` | streamed | streamed | publications, flat |
//! | `listing` | whole text | streamed | titles, summaries, authors, dates |
//! | `csl-json` | whole document | streamed | bibliographic fields |
//! | `bibtex` | whole text | streamed | bibliographic fields |
//! | `ris` | streamed | streamed | bibliographic fields |
//!
//! Imports: [`Catalog::import_file`](crate::Catalog::import_file),
//! [`Catalog::import_reader`](crate::Catalog::import_reader). Exports:
//! [`Catalog::export`](crate::Catalog::export) (streamed, any selection),
//! [`Catalog::export_to_path`](crate::Catalog::export_to_path) (atomic), and [`write_export`]
//! (a [`CatalogDocument`] held in memory). `docs/FORMATS.md` documents every mapping and
//! limit.
//!
//! Every import runs in one transaction: a bad record anywhere leaves the catalogue exactly
//! as it was. Incoming publications are matched to stored ones by uid, then DOI/URL, then
//! normalised title + language + year, so importing a file twice creates no duplicates.

pub(crate) mod atomic;
mod bibtex;
mod bibtex_syntax;
mod csl_json;
pub(crate) mod csv;
mod draft;
pub(crate) mod export;
mod format;
pub(crate) mod import;
mod ingest;
mod jsonl;
pub(crate) mod latex;
mod lines;
pub(crate) mod listing;
pub(crate) mod listing_syntax;
mod matching;
pub(crate) mod names;
pub(crate) mod native;
mod rfc4180;
mod ris;
pub(crate) mod text;

pub use export::{write_export, ExportSummary};
pub use format::Format;
pub use native::{CatalogDocument, FORMAT_NAME, FORMAT_VERSION};

use serde::{Deserialize, Serialize};

use crate::Upsert;

/// How many records of one kind an import added, changed and found unchanged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Counts {
    /// Records that were new.
    pub added: u64,
    /// Records that existed and changed.
    pub updated: u64,
    /// Records that existed with the same values.
    pub unchanged: u64,
}

impl Counts {
    fn count(&mut self, outcome: Upsert) {
        match outcome {
            Upsert::Added => self.added += 1,
            Upsert::Updated => self.updated += 1,
            Upsert::Unchanged => self.unchanged += 1,
        }
    }
}

/// What an import did: the totals, and the same counts for each kind of record (an import of
/// 152 publications that creates 73 agents and 13 series says so).
///
/// ```
/// let catalog = pubcat::Catalog::open_in_memory()?;
/// let summary = catalog.load_demo()?;
/// assert_eq!(summary.publications.added, 7);
/// assert_eq!(summary.agents.added, 3);
/// assert_eq!(summary.added, 7 + 3 + 2 + 1 + 17 + summary.relations.added);
/// # Ok::<(), pubcat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ImportSummary {
    /// Records of every kind that were new.
    pub added: u64,
    /// Records of every kind that existed and changed.
    pub updated: u64,
    /// Records of every kind that existed with the same values.
    pub unchanged: u64,
    /// Publications.
    pub publications: Counts,
    /// Agents (people and organisations), including those created from names.
    pub agents: Counts,
    /// Series, including those created from names.
    pub series: Counts,
    /// Projects.
    pub projects: Counts,
    /// Concepts.
    pub concepts: Counts,
    /// Relations.
    pub relations: Counts,
}

/// The kind of record an import counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RecordKind {
    Publication,
    Agent,
    Series,
    Project,
    Concept,
    Relation,
}

impl ImportSummary {
    pub(crate) fn count(&mut self, kind: RecordKind, outcome: Upsert) {
        match outcome {
            Upsert::Added => self.added += 1,
            Upsert::Updated => self.updated += 1,
            Upsert::Unchanged => self.unchanged += 1,
        }
        match kind {
            RecordKind::Publication => &mut self.publications,
            RecordKind::Agent => &mut self.agents,
            RecordKind::Series => &mut self.series,
            RecordKind::Project => &mut self.projects,
            RecordKind::Concept => &mut self.concepts,
            RecordKind::Relation => &mut self.relations,
        }
        .count(outcome);
    }
}
