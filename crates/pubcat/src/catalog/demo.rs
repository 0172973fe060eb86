//! The demo catalogue: every publication of the bundled sample listing
//! (`examples/data/ipis-partner-listing.txt`), curated by hand into `data/demo-catalog.json`
//! of this crate (`examples/data/demo-catalog.json` links to it).

use std::path::Path;

use crate::error::{Error, Result};
use crate::formats::{CatalogDocument, ImportSummary};
use crate::Catalog;

/// The bundled demo catalogue, as native JSON: 7 publications in 6 works (one
/// French/English pair), the Madini project, three organisations, two series and 17 concepts
/// in English and French.
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

    /// Loads the demo data into this catalogue (idempotent: a second load changes nothing).
    pub fn load_demo(&self) -> Result<ImportSummary> {
        self.import_document(&CatalogDocument::parse(DEMO_JSON)?)
    }
}
