//! Import and export: every entry point of the crate that reads or writes a file format.
//! Exports are written once here for every front end (the CLI, Python, Kotlin): streamed,
//! with the selection applied while reading, and atomic when written to a path.

use std::collections::HashSet;
use std::io::{BufRead, Write};
use std::path::Path;

use crate::enrich::tagging::tag_in;
use crate::enrich::translations::link_in;
use crate::error::{Error, Result};
use crate::formats::export::{export_in, ExportSummary};
use crate::formats::import::{open_file, prepare, run, run_document, RunOptions};
use crate::formats::native::CatalogDocument;
use crate::formats::{Format, ImportOptions, ImportReport, ImportSummary, OnConflict};
use crate::query::table::matching_ids_in;
use crate::query::Query;
use crate::store::tags::has_labels;
use crate::Catalog;

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
        let options = ImportOptions {
            format,
            ..ImportOptions::default()
        };
        Ok(self.import_file_with(path, &options, progress)?.summary)
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
        reader: R,
        format: Format,
        progress: &mut dyn FnMut(u64),
    ) -> Result<ImportSummary> {
        let options = ImportOptions {
            format,
            ..ImportOptions::default()
        };
        Ok(self.import_reader_with(reader, &options, progress)?.summary)
    }

    /// Imports the file at `path` as `options` say: its format (detected from the name and
    /// content with [`Format::Auto`]), the merge policy for stored values the file gives
    /// differently ([`OnConflict`](crate::formats::OnConflict)), a dry run, a lenient listing.
    /// One transaction, all or nothing. The report says what was (or, dry, would be) added
    /// and changed, field by field, and every conflict with stored values.
    ///
    /// ```
    /// use pubcat::formats::{Format, ImportOptions, OnConflict};
    /// let catalog = pubcat::Catalog::demo()?;
    /// // A flat file whose title lost its typographic apostrophe to a `?`:
    /// let ris = "TY  - RPRT\nTI  - Mapping Conflict Motives: M23\nPY  - 2012\nAB  - New summary\nER  - \n";
    /// let dry = ImportOptions { format: Format::Ris, dry_run: true, ..ImportOptions::default() };
    /// let report = catalog.import_reader_with(ris.as_bytes(), &dry, &mut |_| {})?;
    /// assert!(!report.written);
    /// assert_eq!(report.conflicts[0].field, "summary");
    /// assert_eq!(report.conflicts[0].resolution, "kept"); // `keep`: the default for RIS
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn import_file_with(
        &self,
        path: impl AsRef<Path>,
        options: &ImportOptions,
        progress: &mut dyn FnMut(u64),
    ) -> Result<ImportReport> {
        let (reader, format) = open_file(path.as_ref(), options.format)?;
        let options = ImportOptions {
            format,
            ..options.clone()
        };
        self.import_reader_with(reader, &options, progress)
    }

    /// [`Catalog::import_file_with`] from a reader.
    pub fn import_reader_with<R: BufRead>(
        &self,
        reader: R,
        options: &ImportOptions,
        progress: &mut dyn FnMut(u64),
    ) -> Result<ImportReport> {
        let prepared = prepare(reader, options.format)?;
        let format = prepared.format();
        let policy = options.policy_for(format);
        let run_options = RunOptions {
            policy,
            record_changes: options.dry_run || policy == OnConflict::Report,
            lenient: options.lenient,
        };
        self.write_or_roll_back(|w| {
            let (outcome, unplaced) = run(prepared, w, &run_options, progress)?;
            let tagging = match options.tag {
                Some(false) => None,
                Some(true) => Some(tag_in(w, Some(&w.touched_ids()))?),
                None if has_labels(w.conn())? => Some(tag_in(w, Some(&w.touched_ids()))?),
                None => None,
            };
            let links = if options.link_translations {
                Some(link_in(w, None, Some(&w.touched_ids()))?)
            } else {
                None
            };
            let refused = policy == OnConflict::Report && !outcome.conflicts.is_empty();
            let written = !options.dry_run && !refused;
            let report = ImportReport {
                summary: outcome.summary,
                format,
                on_conflict: Some(policy),
                dry_run: options.dry_run,
                written,
                changes: outcome.changes,
                conflicts: outcome.conflicts,
                unplaced,
                tagging,
                links,
            };
            Ok((report, written))
        })
    }

    /// Imports a native document in one transaction (all or nothing); its records replace
    /// the stored ones they match.
    ///
    /// ```
    /// use pubcat::{Catalog, formats::CatalogDocument};
    /// let catalog = Catalog::open_in_memory()?;
    /// let doc = CatalogDocument::parse(pubcat::DEMO_JSON)?;
    /// let summary = catalog.import_document(&doc)?;
    /// assert_eq!(catalog.import_document(&doc)?.unchanged, summary.added);
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn import_document(&self, document: &CatalogDocument) -> Result<ImportSummary> {
        let options = RunOptions {
            policy: OnConflict::Replace,
            record_changes: false,
            lenient: false,
        };
        self.write(|w| Ok(run_document(document, w, &options, &mut |_| {})?.summary))
    }

    /// The whole catalogue as a native document (in memory; [`Catalog::export`] streams).
    pub fn export_document(&self) -> Result<CatalogDocument> {
        self.with_conn(CatalogDocument::read)
    }

    /// The publications matching `query` (all pages), with the agents, series, projects and
    /// concepts they reference (concepts with their broader chain), and the relations between
    /// them, as a native document ready for any export format.
    ///
    /// ```
    /// use pubcat::query::Query;
    /// let catalog = pubcat::Catalog::demo()?;
    /// let q = Query { projects: vec!["madini".into()], ..Query::default() };
    /// let doc = catalog.export_selection(&q)?;
    /// assert_eq!(doc.publications.len(), 2);
    /// assert!(doc.projects.iter().any(|p| p.uid == "madini"));
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn export_selection(&self, query: &Query) -> Result<CatalogDocument> {
        let mut json = Vec::new();
        self.export(Format::Json, query, &mut json)?;
        CatalogDocument::parse(&String::from_utf8_lossy(&json))
    }

    /// Writes the publications matching `query` (`Query::default()`: the whole catalogue,
    /// every entity) to `out` in `format`, streamed: publications are read one at a time
    /// and the selection is applied while reading (only the ids of the selected publications
    /// are held). A selection carries what its publications refer to: agents, series,
    /// projects, concepts with their broader chain, and the relations between them. See
    /// `docs/FORMATS.md` for each format.
    ///
    /// ```
    /// use pubcat::formats::Format;
    /// use pubcat::query::Query;
    /// let catalog = pubcat::Catalog::demo()?;
    /// let mut out = Vec::new();
    /// let q = Query { languages: vec!["fr".into()], ..Query::default() };
    /// let summary = catalog.export(Format::Ris, &q, &mut out)?;
    /// assert_eq!(summary.publications, 1);
    /// assert_eq!(String::from_utf8(out).unwrap().matches("TY  - ").count(), 1);
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn export(
        &self,
        format: Format,
        query: &Query,
        out: &mut dyn Write,
    ) -> Result<ExportSummary> {
        self.with_conn(|conn| {
            let selected: Option<HashSet<i64>> = if *query == Query::default() {
                None
            } else {
                Some(
                    matching_ids_in(conn, query, self.lexicons())?
                        .into_iter()
                        .collect(),
                )
            };
            export_in(conn, format, selected.as_ref(), out)
        })
    }

    /// [`Catalog::export`] to the file at `path`, atomically: written to a temporary file
    /// beside it, flushed to disk, then renamed over `path`, so an existing file is replaced
    /// only when the export succeeded and a reader never sees half a file. [`Format::Auto`]
    /// takes the format from the file's extension.
    ///
    /// ```
    /// use pubcat::formats::Format;
    /// use pubcat::query::Query;
    /// let dir = std::env::temp_dir().join(format!("pubcat-doc-export-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// let catalog = pubcat::Catalog::demo()?;
    /// let path = dir.join("madini.bib");
    /// let q = Query { projects: vec!["madini".into()], ..Query::default() };
    /// assert_eq!(catalog.export_to_path(&path, Format::Auto, &q)?.publications, 2);
    /// assert!(std::fs::read_to_string(&path)?.starts_with('@'));
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn export_to_path(
        &self,
        path: impl AsRef<Path>,
        format: Format,
        query: &Query,
    ) -> Result<ExportSummary> {
        let path = path.as_ref();
        let format = match format {
            Format::Auto => Format::from_path(path).ok_or_else(|| {
                Error::invalid(
                    "format",
                    format!(
                        "cannot tell the format of {} from its extension: name one",
                        path.display()
                    ),
                )
            })?,
            other => other,
        };
        crate::formats::atomic::write_atomically(path, |out| self.export(format, query, out))
    }
}
