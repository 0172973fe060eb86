//! Reading an import source in any [`Format`]: what can be read before the write lock
//! ([`prepare`]: detection, whole-text formats read and decoded) and the import itself inside
//! one write transaction ([`run`]). The public entry points are `Catalog::import_*`.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use super::ingest::{parse_error, Importer, Outcome};
use super::native::CatalogDocument;
use super::policy::OnConflict;
use super::{bibtex, csl_json, csv, jsonl, listing, ris, Format, UnplacedLine};
use crate::error::{Error, Result};
use crate::store::writer::Writer;

/// Buffer size of file readers.
const BUFFER: usize = 64 * 1024;

/// Reads the whole input as UTF-8 text (a byte-order mark is dropped); invalid UTF-8 is a
/// parse error naming its line.
fn read_text(mut reader: impl Read) -> Result<String> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e
            .as_bytes()
            .get(..e.utf8_error().valid_up_to())
            .unwrap_or_default();
        let line = valid.iter().filter(|b| **b == b'\n').count() as u64 + 1;
        parse_error(Some(line), None, None, "the file is not valid UTF-8")
    })
}

/// An import source, ready for the write transaction.
pub(crate) enum Prepared<R> {
    /// JSON Lines, CSV and RIS: read record by record inside the transaction.
    Stream(Format, R),
    /// CSL-JSON, BibTeX and listings: the whole text, decoded.
    Text(Format, String),
    /// A native document, parsed.
    Document(CatalogDocument),
}

/// Opens the file at `path` (errors name it) with a buffer, and resolves [`Format::Auto`] from
/// its name and first bytes.
pub(crate) fn open_file(path: &Path, format: Format) -> Result<(BufReader<File>, Format)> {
    let file = File::open(path).map_err(|e| {
        Error::Io(std::io::Error::new(
            e.kind(),
            format!("{}: {e}", path.display()),
        ))
    })?;
    let mut reader = BufReader::with_capacity(BUFFER, file);
    let format = match format {
        Format::Auto => Format::detect(Some(path), reader.fill_buf()?)?,
        other => other,
    };
    Ok((reader, format))
}

/// Everything that can happen before the write lock: [`Format::Auto`] resolved from the first
/// bytes, the formats that are read whole read, decoded and (native JSON) parsed.
pub(crate) fn prepare<R: BufRead>(mut reader: R, format: Format) -> Result<Prepared<R>> {
    let format = match format {
        Format::Auto => Format::detect(None, reader.fill_buf()?)?,
        other => other,
    };
    Ok(match format {
        Format::Jsonl | Format::Csv | Format::Ris => Prepared::Stream(format, reader),
        Format::Json => Prepared::Document(CatalogDocument::parse(&read_text(reader)?)?),
        Format::CslJson | Format::Bibtex | Format::Listing => {
            Prepared::Text(format, read_text(reader)?)
        }
        Format::Auto => return Err(Error::invalid("format", "the format could not be guessed")),
    })
}

/// The format of a prepared source.
impl<R> Prepared<R> {
    pub(crate) fn format(&self) -> Format {
        match self {
            Prepared::Stream(format, _) | Prepared::Text(format, _) => *format,
            Prepared::Document(_) => Format::Json,
        }
    }
}

/// How [`run`] imports.
pub(crate) struct RunOptions {
    /// The merge policy.
    pub policy: OnConflict,
    /// Record every change field by field.
    pub record_changes: bool,
    /// Listings: import what is certain, return the rest as unplaced lines.
    pub lenient: bool,
}

/// Imports a prepared source inside the write transaction `w`. `progress` receives the number
/// of records (lines, rows, entries) done. Returns what the import did, and (lenient listings)
/// the lines that could not be placed.
pub(crate) fn run<R: BufRead>(
    prepared: Prepared<R>,
    w: &mut Writer<'_>,
    options: &RunOptions,
    progress: &mut dyn FnMut(u64),
) -> Result<(Outcome, Vec<UnplacedLine>)> {
    let mut imp = Importer::new(w, progress)?.with_policy(options.policy, options.record_changes);
    let mut unplaced = Vec::new();
    match prepared {
        Prepared::Document(doc) => doc.import_with(&mut imp)?,
        Prepared::Stream(Format::Jsonl, reader) => jsonl::import(&mut imp, reader)?,
        Prepared::Stream(Format::Csv, reader) => csv::import(&mut imp, reader)?,
        Prepared::Stream(_, reader) => ris::import(&mut imp, reader)?,
        Prepared::Text(Format::CslJson, text) => csl_json::import(&mut imp, text.as_bytes())?,
        Prepared::Text(Format::Bibtex, text) => bibtex::import(&mut imp, &text)?,
        Prepared::Text(_, text) => {
            unplaced = listing::import(&mut imp, &text, options.lenient)?;
        }
    }
    Ok((imp.finish_outcome(), unplaced))
}

/// Imports a native document held in memory inside `w` (see [`run`]).
pub(crate) fn run_document(
    doc: &CatalogDocument,
    w: &mut Writer<'_>,
    options: &RunOptions,
    progress: &mut dyn FnMut(u64),
) -> Result<Outcome> {
    let mut imp = Importer::new(w, progress)?.with_policy(options.policy, options.record_changes);
    doc.import_with(&mut imp)?;
    Ok(imp.finish_outcome())
}
