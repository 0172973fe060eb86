//! Import and export formats.
//!
//! - [`native`]: pubcat's own JSON document (lossless).
//! - [`listing`]: plain-text publication listings copied from web pages.
//!
//! Every import runs in one transaction: a bad record anywhere leaves the catalogue exactly
//! as it was.

pub mod listing;
pub mod native;

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
    fn count(&mut self, outcome: Upsert) {
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
