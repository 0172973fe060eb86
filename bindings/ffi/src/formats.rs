//! Import and export glue: the core's formats, files written atomically.

use pubcat::formats::{CatalogDocument, Format, ImportSummary};
use pubcat::model::Scheme;
use pubcat::query::Query;
use pubcat::{Catalog, Error, Result};

/// Imports the file at `path` in one transaction; `None` (or `Format::Auto`) detects the format.
pub fn import_file(catalog: &Catalog, path: &str, format: Option<Format>) -> Result<ImportSummary> {
    catalog.import_file(path, format.unwrap_or(Format::Auto))
}

/// Writes the catalogue, or the selection matching `query`, to `path` (`None`: native JSON;
/// `Format::Auto`: from the file name), atomically (the core's `Catalog::export_to_path`).
/// Returns the number of publications.
pub fn export(
    catalog: &Catalog,
    path: &str,
    format: Option<Format>,
    query: Option<Query>,
) -> Result<i64> {
    let format = format.unwrap_or(Format::Json);
    let summary = catalog.export_to_path(path, format, &query.unwrap_or_default())?;
    Ok(i64::try_from(summary.publications).unwrap_or(i64::MAX))
}

/// Imports a native JSON document given as text.
pub fn import_json(catalog: &Catalog, json: &str) -> Result<ImportSummary> {
    catalog.import_document(&CatalogDocument::parse(json)?)
}

/// The catalogue, or the selection matching `query`, as native JSON text.
pub fn export_json(catalog: &Catalog, query: Option<Query>) -> Result<String> {
    let mut out = Vec::new();
    catalog.export(Format::Json, &query.unwrap_or_default(), &mut out)?;
    String::from_utf8(out).map_err(|e| Error::invalid("document", e.to_string()))
}

/// The concepts of `scheme` (all schemes when `None`) as a native JSON document.
pub fn export_vocabulary(catalog: &Catalog, scheme: Option<Scheme>) -> Result<String> {
    catalog.export_vocabulary(scheme)?.to_json()
}

/// Imports the concepts of a native JSON document given as text.
pub fn import_vocabulary(catalog: &Catalog, json: &str) -> Result<ImportSummary> {
    catalog.import_vocabulary(&CatalogDocument::parse(json)?)
}
