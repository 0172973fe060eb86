//! The import entry points of [`Catalog`]: a file or a reader in any [`Format`], in one
//! transaction.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use super::importer::{parse_error, Importer};
use super::native::CatalogDocument;
use super::{bibtex, csl_json, csv, jsonl, listing_io, ris, Format, ImportSummary};
use crate::catalog::Catalog;
use crate::error::{Error, Result};

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

impl Catalog {
    /// Imports the file at `path` in one transaction (all or nothing); [`Format::Auto`]
    /// guesses the format from the file's name and content ([`Format::detect`]).
    ///
    /// ```
    /// use pubcat::{Catalog, formats::Format};
    /// let dir = std::env::temp_dir().join(format!("pubcat-doc-import-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// let path = dir.join("refs.ris");
    /// std::fs::write(&path, "TY  - RPRT\nTI  - Mapping Conflict Motives: M23\nPY  - 2012\nAU  - IPIS\nER  - \n")?;
    /// let catalog = Catalog::open_in_memory()?;
    /// let summary = catalog.import_file(&path, Format::Auto)?;
    /// assert_eq!(summary.added, 2); // the publication and its author
    /// assert_eq!(catalog.import_file(&path, Format::Ris)?.unchanged, 1);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn import_file(&self, path: impl AsRef<Path>, format: Format) -> Result<ImportSummary> {
        self.import_file_with_progress(path, format, &mut |_| {})
    }

    /// [`Catalog::import_file`] with a progress callback that receives the number of
    /// records done.
    ///
    /// ```
    /// use pubcat::{Catalog, formats::Format};
    /// let path = std::env::temp_dir().join(format!("pubcat-doc-progress-{}.csv", std::process::id()));
    /// std::fs::write(&path, "title,date\r\nOne,2020\r\nTwo,2021\r\n")?;
    /// let catalog = Catalog::open_in_memory()?;
    /// let mut seen = Vec::new();
    /// catalog.import_file_with_progress(&path, Format::Auto, &mut |n| seen.push(n))?;
    /// assert_eq!(seen, [1, 2]);
    /// # std::fs::remove_file(&path)?;
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn import_file_with_progress(
        &self,
        path: impl AsRef<Path>,
        format: Format,
        progress: &mut dyn FnMut(u64),
    ) -> Result<ImportSummary> {
        let path = path.as_ref();
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
        self.import_reader(reader, format, progress)
    }

    /// Imports from `reader` in one transaction (all or nothing). `progress` receives the
    /// number of records (lines, rows, entries) done. JSON Lines, CSV and RIS are read as
    /// streams, record by record; the other formats are read whole first.
    ///
    /// Errors name the position: line and/or record number, and field.
    ///
    /// ```
    /// use pubcat::{Catalog, formats::Format};
    /// let catalog = Catalog::open_in_memory()?;
    /// let csv = "title,language,date,authors\r\n\"Mapping Conflict Motives: M23\",en,2012,IPIS\r\n";
    /// let mut done = 0;
    /// let summary = catalog.import_reader(csv.as_bytes(), Format::Auto, &mut |n| done = n)?;
    /// assert_eq!((summary.added, done), (2, 1));
    /// assert_eq!(catalog.publication("mapping-conflict-motives-m23-2012")?.contributors[0].name, "IPIS");
    ///
    /// let bad = "title,date\r\nOne,2012\r\nTwo,someday\r\n";
    /// let err = catalog.import_reader(bad.as_bytes(), Format::Csv, &mut |_| {}).unwrap_err();
    /// let pos = err.position().unwrap();
    /// assert_eq!((pos.line, pos.field.as_deref()), (Some(3), Some("date")));
    /// assert!(catalog.publication("one-2012").is_err()); // nothing was written
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn import_reader<R: BufRead>(
        &self,
        mut reader: R,
        format: Format,
        progress: &mut dyn FnMut(u64),
    ) -> Result<ImportSummary> {
        let format = match format {
            Format::Auto => Format::detect(None, reader.fill_buf()?)?,
            other => other,
        };
        match format {
            Format::Jsonl => self.write(|w| {
                let mut imp = Importer::new(w, progress)?;
                jsonl::import(&mut imp, reader)?;
                Ok(imp.finish())
            }),
            Format::Csv => self.write(|w| {
                let mut imp = Importer::new(w, progress)?;
                csv::import(&mut imp, reader)?;
                Ok(imp.finish())
            }),
            Format::Ris => self.write(|w| {
                let mut imp = Importer::new(w, progress)?;
                ris::import(&mut imp, reader)?;
                Ok(imp.finish())
            }),
            Format::Json => {
                let doc = CatalogDocument::parse(&read_text(reader)?)?;
                self.write(|w| doc.write_in(w, progress))
            }
            Format::CslJson => {
                let text = read_text(reader)?;
                self.write(|w| {
                    let mut imp = Importer::new(w, progress)?;
                    csl_json::import(&mut imp, text.as_bytes())?;
                    Ok(imp.finish())
                })
            }
            Format::Bibtex => {
                let text = read_text(reader)?;
                self.write(|w| {
                    let mut imp = Importer::new(w, progress)?;
                    bibtex::import(&mut imp, &text)?;
                    Ok(imp.finish())
                })
            }
            Format::Listing => {
                let text = read_text(reader)?;
                self.write(|w| {
                    let mut imp = Importer::new(w, progress)?;
                    listing_io::import(&mut imp, &text)?;
                    Ok(imp.finish())
                })
            }
            Format::Auto => Err(Error::invalid("format", "the format could not be guessed")),
        }
    }
}
