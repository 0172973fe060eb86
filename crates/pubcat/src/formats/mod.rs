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

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ImportSummary {
    /// Entities that were new.
    pub added: u64,
    /// Entities that existed and changed.
    pub updated: u64,
    /// Entities that existed with the same values.
    pub unchanged: u64,
}

impl ImportSummary {
    pub(crate) fn count(&mut self, outcome: Upsert) {
        match outcome {
            Upsert::Added => self.added += 1,
            Upsert::Updated => self.updated += 1,
            Upsert::Unchanged => self.unchanged += 1,
        }
    }
}
