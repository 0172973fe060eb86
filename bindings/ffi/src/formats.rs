//! Import and export glue: the formats of `pubcat::formats`, files written atomically.

use pubcat::formats::{CatalogDocument, ImportSummary};
use pubcat::{Catalog, Error, Result};

/// A file format for `importFile` and `export` (see docs/FORMATS.md). `importFile` without a
/// format guesses it from the file name and content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Format {
    /// pubcat's native JSON document (the whole catalogue, lossless).
    Json,
    /// pubcat's JSON Lines: a header line, then one entity per line (lossless).
    Jsonl,
    /// A flat table of publications (RFC 4180).
    Csv,
    /// Plain text copied from a publications web page.
    Listing,
    /// CSL-JSON (citation-style-language input data).
    CslJson,
    /// BibTeX / BibLaTeX.
    Bibtex,
    /// RIS.
    Ris,
}

impl From<Format> for pubcat::formats::Format {
    fn from(format: Format) -> Self {
        use pubcat::formats::Format as F;
        match format {
            Format::Json => F::Json,
            Format::Jsonl => F::Jsonl,
            Format::Csv => F::Csv,
            Format::Listing => F::Listing,
            Format::CslJson => F::CslJson,
            Format::Bibtex => F::Bibtex,
            Format::Ris => F::Ris,
        }
    }
}

/// Imports the file at `path` in one transaction; `None` detects the format.
pub fn import_file(catalog: &Catalog, path: &str, format: Option<Format>) -> Result<ImportSummary> {
    let format = format.map_or(pubcat::formats::Format::Auto, Into::into);
    catalog.import_file(path, format)
}

/// Writes the catalogue, or the selection matching `query`, to `path` (`None`: native JSON),
/// atomically (the core's `Catalog::export_to_path`). Returns the number of publications.
pub fn export(
    catalog: &Catalog,
    path: &str,
    format: Option<Format>,
    query: Option<pubcat::query::Query>,
) -> Result<u64> {
    let format = format.unwrap_or(Format::Json).into();
    let summary = catalog.export_to_path(path, format, &query.unwrap_or_default())?;
    Ok(summary.publications)
}

/// Imports a native JSON document given as text.
pub fn import_json(catalog: &Catalog, json: &str) -> Result<ImportSummary> {
    catalog.import_document(&CatalogDocument::parse(json)?)
}

/// The catalogue, or the selection matching `query`, as native JSON text.
pub fn export_json(catalog: &Catalog, query: Option<pubcat::query::Query>) -> Result<String> {
    let mut out = Vec::new();
    catalog.export(
        pubcat::formats::Format::Json,
        &query.unwrap_or_default(),
        &mut out,
    )?;
    String::from_utf8(out).map_err(|e| Error::invalid("document", e.to_string()))
}
