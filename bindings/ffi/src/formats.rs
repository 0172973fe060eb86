//! Import and export glue: the formats of `pubcat::formats`, files written atomically.

use std::io::BufWriter;
use std::path::{Path, PathBuf};

use pubcat::formats::native::CatalogDocument;
use pubcat::formats::{write_export, ImportSummary};
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
/// replacing the file only once everything is written. Returns the number of publications.
pub fn export(
    catalog: &Catalog,
    path: &str,
    format: Option<Format>,
    query: Option<pubcat::query::Query>,
) -> Result<u64> {
    let document = select(catalog, query)?;
    let format = format.unwrap_or(Format::Json).into();
    let path = Path::new(path);
    let partial = partial_path(path);
    let written = std::fs::File::create(&partial)
        .map_err(Error::Io)
        .and_then(|file| {
            let mut out = BufWriter::new(file);
            write_export(&document, format, &mut out)?;
            out.into_inner()
                .map_err(|e| Error::Io(e.into_error()))?
                .sync_all()?;
            Ok(())
        })
        .and_then(|()| std::fs::rename(&partial, path).map_err(Error::Io));
    if let Err(err) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(err);
    }
    Ok(document.publications.len() as u64)
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    path.with_file_name(name)
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
