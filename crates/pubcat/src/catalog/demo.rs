//! The demo catalogue: every publication of the bundled sample listing
//! (`examples/data/ipis-partner-listing.txt`), curated by hand into `data/demo-catalog.json`
//! of this crate (`examples/data/demo-catalog.json` links to it), tagged by hand with concepts
//! of the vocabularies shipped with pubcat (`data/vocabularies/`), which the demo loads.

use std::path::Path;

use crate::error::{Error, Result};
use crate::formats::{CatalogDocument, ImportSummary, Vocabulary, BUILTIN_VOCABULARIES};
use crate::Catalog;

/// The bundled demo catalogue, as native JSON: 7 publications in 6 works (one
/// French/English pair), the Madini project, three organisations, two series, and the 21
/// concepts its publications are tagged with (and their broader concepts), copied from the
/// shipped vocabularies ([`BUILTIN_VOCABULARIES`](crate::formats::BUILTIN_VOCABULARIES)): the
/// document imports on its own; [`Catalog::load_demo`] loads the whole vocabularies with it.
pub const DEMO_JSON: &str = include_str!("../../data/demo-catalog.json");

impl Catalog {
    /// A new in-memory catalogue holding the demo data ([`DEMO_JSON`](crate::DEMO_JSON)).
    ///
    /// ```
    /// let catalog = pubcat::Catalog::demo()?;
    /// assert_eq!(catalog.stats()?.publications, 7);
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn demo() -> Result<Catalog> {
        let catalog = Catalog::open_in_memory()?;
        catalog.load_demo()?;
        Ok(catalog)
    }

    /// Creates the demo catalogue as a new file at `path`; `conflict` if the path exists.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("pubcat-doc-demo-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// let catalog = pubcat::Catalog::create_demo(dir.join("demo.db"))?;
    /// assert_eq!(catalog.stats()?.works, 6);
    /// assert!(pubcat::Catalog::create_demo(dir.join("demo.db")).is_err());
    /// # drop(catalog);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn create_demo(path: impl AsRef<Path>) -> Result<Catalog> {
        let path = path.as_ref();
        if path.exists() {
            return Err(Error::Conflict(format!(
                "{} already exists; choose a new path",
                path.display()
            )));
        }
        let catalog = Catalog::open(path)?;
        catalog.load_demo()?;
        Ok(catalog)
    }

    /// Loads the shipped vocabularies and the demo data into this catalogue, in one
    /// transaction (idempotent: a second load changes nothing).
    ///
    /// ```
    /// let catalog = pubcat::Catalog::open_in_memory()?;
    /// let summary = catalog.load_demo()?;
    /// assert_eq!(summary.publications.added, 7);
    /// assert!(summary.concepts.added > 200); // the shipped vocabularies
    /// assert_eq!(catalog.load_demo()?.added, 0);
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn load_demo(&self) -> Result<ImportSummary> {
        let mut document = CatalogDocument::parse(DEMO_JSON)?;
        // The demo's concepts are copies of shipped ones (a test checks it): load them all.
        document.concepts.clear();
        for (_, text) in BUILTIN_VOCABULARIES {
            document
                .concepts
                .extend(Vocabulary::parse(text)?.to_document().concepts);
        }
        self.import_document(&document)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_concepts_are_copies_of_shipped_ones() {
        let demo = CatalogDocument::parse(DEMO_JSON).unwrap();
        let mut shipped = Vec::new();
        for (_, text) in BUILTIN_VOCABULARIES {
            shipped.extend(Vocabulary::parse(text).unwrap().to_document().concepts);
        }
        assert!(!demo.concepts.is_empty());
        for concept in &demo.concepts {
            assert!(shipped.contains(concept), "{} differs", concept.uid);
        }
    }
}
