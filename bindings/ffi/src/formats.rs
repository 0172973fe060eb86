//! Import and export glue. This build of the core reads and writes pubcat's native JSON
//! document only; [`Format`] names what the bindings accept.

use std::path::Path;

use pubcat::formats::native::CatalogDocument;
use pubcat::formats::ImportSummary;
use pubcat::{Catalog, Error, Result};

/// A file format for `importFile` and `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Format {
    /// pubcat's native JSON document (the whole catalogue, lossless).
    Json,
}

fn read(path: &str) -> Result<String> {
    std::fs::read_to_string(Path::new(path)).map_err(Error::Io)
}

/// Imports the file at `path`; `None` guesses the format (only JSON is known here).
pub fn import_file(catalog: &Catalog, path: &str, format: Option<Format>) -> Result<ImportSummary> {
    match format.unwrap_or(Format::Json) {
        Format::Json => import_json(catalog, &read(path)?),
    }
}

/// Writes the catalogue, or the selection matching `query`, to `path`.
pub fn export(
    catalog: &Catalog,
    path: &str,
    format: Option<Format>,
    query: Option<pubcat::query::Query>,
) -> Result<u64> {
    let document = select(catalog, query)?;
    let count = document.publications.len() as u64;
    match format.unwrap_or(Format::Json) {
        Format::Json => std::fs::write(path, document.to_json()?)?,
    }
    Ok(count)
}

/// Imports a native JSON document given as text.
pub fn import_json(catalog: &Catalog, json: &str) -> Result<ImportSummary> {
    catalog.import_document(&CatalogDocument::parse(json)?)
}

/// The catalogue, or the selection matching `query`, as native JSON text.
pub fn export_json(catalog: &Catalog, query: Option<pubcat::query::Query>) -> Result<String> {
    select(catalog, query)?.to_json()
}

fn select(catalog: &Catalog, query: Option<pubcat::query::Query>) -> Result<CatalogDocument> {
    match query {
        Some(query) => catalog.export_selection(&query),
        None => catalog.export_document(),
    }
}
