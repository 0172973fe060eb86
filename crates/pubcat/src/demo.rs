//! The demo catalogue: every publication of the bundled sample listing
//! (`examples/data/ipis-partner-listing.txt`), curated into `data/demo-catalog.json` of this
//! crate (`examples/data/demo-catalog.json` links to it).

use std::path::Path;

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::formats::native::CatalogDocument;
use crate::formats::ImportSummary;

/// The bundled demo catalogue, as native JSON.
pub const DEMO_JSON: &str = include_str!("../data/demo-catalog.json");

/// Loads the demo data into `catalog` (idempotent).
pub fn load_demo(catalog: &Catalog) -> Result<ImportSummary> {
    catalog.import_document(&CatalogDocument::parse(DEMO_JSON)?)
}

/// A new in-memory catalogue holding the demo data.
///
/// ```
/// let catalog = pubcat::demo::open_demo_in_memory()?;
/// assert_eq!(catalog.stats()?.publications, 7);
/// # Ok::<(), pubcat::Error>(())
/// ```
pub fn open_demo_in_memory() -> Result<Catalog> {
    let catalog = Catalog::open_in_memory()?;
    load_demo(&catalog)?;
    Ok(catalog)
}

/// Creates the demo catalogue at `path`, which must not exist yet.
pub fn create_demo(path: impl AsRef<Path>) -> Result<Catalog> {
    let path = path.as_ref();
    if path.exists() {
        return Err(Error::Conflict(format!(
            "{} already exists; choose a new path",
            path.display()
        )));
    }
    let catalog = Catalog::open(path)?;
    load_demo(&catalog)?;
    Ok(catalog)
}
