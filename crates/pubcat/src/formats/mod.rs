//! Import and export formats.
//!
//! | [`Format`] | import | export | what it holds |
//! |---|---|---|---|
//! | `json` ([`native`]) | whole document | whole document | everything (lossless) |
//! | `jsonl` | streamed | streamed | everything (lossless) |
//! | `csv` | streamed | streamed | publications, flat ([`csv::COLUMNS`]) |
//! | `listing` ([`listing`]) | whole text | streamed | titles, summaries, authors, dates |
//! | `csl-json` | whole document | streamed | bibliographic fields |
//! | `bibtex` | whole text | streamed | bibliographic fields |
//! | `ris` | streamed | streamed | bibliographic fields |
//!
//! Imports: [`Catalog::import_file`], [`Catalog::import_reader`]. Exports: [`write_export`]
//! (a [`native::CatalogDocument`], e.g. from [`Catalog::export_selection`]) and
//! [`Catalog::export_to`] (the whole catalogue, streamed). `docs/FORMATS.md` documents
//! every mapping and limit.
//!
//! Every import runs in one transaction: a bad record anywhere leaves the catalogue exactly
//! as it was. Incoming publications are matched to stored ones by uid, then DOI/URL, then
//! normalised title + language + year, so importing a file twice creates no duplicates.

mod bibtex;
mod bibtex_syntax;
mod csl_json;
pub mod csv;
mod draft;
mod export;
mod format;
mod import;
mod importer;
mod jsonl;
pub mod latex;
mod lines;
pub mod listing;
mod listing_io;
mod matching;
pub mod names;
pub mod native;
mod rfc4180;
mod ris;
pub mod text;

pub use export::write_export;
pub use format::Format;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::error::Result;
use crate::Upsert;

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
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

impl Catalog {
    /// Imports a native document in one transaction (all or nothing).
    ///
    /// ```
    /// use pubcat::{Catalog, formats::native::CatalogDocument};
    /// let catalog = Catalog::open_in_memory()?;
    /// let doc = CatalogDocument::parse(pubcat::demo::DEMO_JSON)?;
    /// let summary = catalog.import_document(&doc)?;
    /// assert_eq!(catalog.import_document(&doc)?.unchanged, summary.added);
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn import_document(&self, document: &native::CatalogDocument) -> Result<ImportSummary> {
        self.write(|w| document.write_in(w, &mut |_| {}))
    }

    /// The whole catalogue as a native document.
    pub fn export_document(&self) -> Result<native::CatalogDocument> {
        self.with_conn(native::CatalogDocument::read)
    }
}

impl Catalog {
    /// The publications matching `query` (all pages), with the agents, series, projects and
    /// concepts they reference (concepts with their broader chain), and the relations between
    /// them, as a native document ready for any export format.
    ///
    /// ```
    /// use pubcat::query::Query;
    /// let catalog = pubcat::demo::open_demo_in_memory()?;
    /// let q = Query { projects: vec!["madini".into()], ..Query::default() };
    /// let doc = catalog.export_selection(&q)?;
    /// assert_eq!(doc.publications.len(), 2);
    /// assert!(doc.projects.iter().any(|p| p.uid == "madini"));
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn export_selection(&self, query: &crate::query::Query) -> Result<native::CatalogDocument> {
        let all = self.export_document()?;
        if *query == crate::query::Query::default() {
            return Ok(all);
        }
        let mut wanted: Vec<String> = self.search_uids(query)?;
        wanted.sort();
        Ok(all.restricted_to(&wanted))
    }
}
