//! Writing a [`CatalogDocument`] (or the whole catalogue, streamed) in any [`Format`].
//!
//! Every format but native JSON is written record by record through an [`Exporter`]: JSON
//! Lines writes every entity; the publication formats (CSV, CSL-JSON, BibTeX, RIS, listing)
//! write publications, looking up agent and series names in an [`ExportContext`].

use std::collections::HashMap;
use std::io::Write;

use super::jsonl::{self, RecordRef};
use super::native::{concept_order, CatalogDocument};
use super::{bibtex, csl_json, csv, listing_io, ris, Format};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::model::{Agent, Concept, Contributor, Project, Publication, Relation, Role, Series};
use crate::store::agents::uids_all;
use crate::store::{agents, concepts, projects, publications, relations, series};

/// The agents and series publications refer to, by uid.
#[derive(Debug, Default)]
pub(crate) struct ExportContext {
    agents: HashMap<String, Agent>,
    series: HashMap<String, Series>,
}

impl ExportContext {
    fn new(agents: Vec<Agent>, series: Vec<Series>) -> Self {
        ExportContext {
            agents: agents.into_iter().map(|a| (a.uid.clone(), a)).collect(),
            series: series.into_iter().map(|s| (s.uid.clone(), s)).collect(),
        }
    }

    /// The agent `uid`, if the document holds it.
    pub fn agent(&self, uid: &str) -> Option<&Agent> {
        self.agents.get(uid)
    }

    /// The display name of agent `uid` (its uid when the document lacks it).
    pub fn agent_name<'a>(&'a self, uid: &'a str) -> &'a str {
        self.agents.get(uid).map_or(uid, |a| a.name.as_str())
    }

    /// The name of series `uid` (its uid when the document lacks it).
    pub fn series_name<'a>(&'a self, uid: &'a str) -> &'a str {
        self.series.get(uid).map_or(uid, |s| s.name.as_str())
    }

    /// The contributors of `p` with role `role`, with their agents when known.
    pub fn with_role<'a>(
        &'a self,
        p: &'a Publication,
        role: Role,
    ) -> impl Iterator<Item = (&'a Contributor, Option<&'a Agent>)> + 'a {
        p.contributors
            .iter()
            .filter(move |c| c.role == role)
            .map(move |c| (c, self.agent(&c.agent)))
    }
}

/// A format written record by record. Only JSON Lines writes entities other than
/// publications.
pub(crate) trait Exporter {
    /// Writes what comes before the records.
    fn begin(&mut self, _out: &mut dyn Write) -> Result<()> {
        Ok(())
    }
    /// Writes an entity other than a publication.
    fn entity(&mut self, _out: &mut dyn Write, _record: &RecordRef<'_>) -> Result<()> {
        Ok(())
    }
    /// Writes a publication.
    fn publication(
        &mut self,
        out: &mut dyn Write,
        p: &Publication,
        ctx: &ExportContext,
    ) -> Result<()>;
    /// Writes what comes after the records.
    fn end(&mut self, _out: &mut dyn Write) -> Result<()> {
        Ok(())
    }
}

/// JSON Lines: every entity, one per line.
struct JsonlExporter;

impl Exporter for JsonlExporter {
    fn begin(&mut self, out: &mut dyn Write) -> Result<()> {
        jsonl::write_header(out)
    }
    fn entity(&mut self, out: &mut dyn Write, record: &RecordRef<'_>) -> Result<()> {
        jsonl::write_record(out, record)
    }
    fn publication(
        &mut self,
        out: &mut dyn Write,
        p: &Publication,
        _: &ExportContext,
    ) -> Result<()> {
        jsonl::write_record(out, &RecordRef::Publication(p))
    }
}

fn exporter_for(format: Format) -> Result<Box<dyn Exporter>> {
    Ok(match format {
        Format::Jsonl => Box::new(JsonlExporter),
        Format::Csv => Box::new(csv::CsvExporter),
        Format::CslJson => Box::new(csl_json::CslExporter::default()),
        Format::Bibtex => Box::new(bibtex::BibtexExporter),
        Format::Ris => Box::new(ris::RisExporter),
        Format::Listing => Box::new(listing_io::ListingExporter),
        Format::Json | Format::Auto => {
            return Err(Error::invalid(
                "format",
                format!("`{format}` cannot be written record by record"),
            ))
        }
    })
}

/// Writes `doc` to `out` in `format`.
///
/// Native JSON and JSON Lines write every entity of the document; CSV, CSL-JSON, BibTeX,
/// RIS and listings write its publications, taking agent and series names from the
/// document. Build `doc` with [`Catalog::export_document`] or
/// [`Catalog::export_selection`]. See `docs/FORMATS.md` for each format's mapping.
///
/// # Errors
/// `invalid_input` for [`Format::Auto`]; `io` when writing fails.
///
/// ```
/// use pubcat::formats::{write_export, Format};
/// let catalog = pubcat::demo::open_demo_in_memory()?;
/// let doc = catalog.export_document()?;
/// let mut out = Vec::new();
/// write_export(&doc, Format::Ris, &mut out)?;
/// let text = String::from_utf8(out).unwrap();
/// assert_eq!(text.matches("TY  - ").count(), 7);
/// # Ok::<(), pubcat::Error>(())
/// ```
pub fn write_export(doc: &CatalogDocument, format: Format, out: &mut dyn Write) -> Result<()> {
    if format == Format::Json {
        out.write_all(doc.to_json()?.as_bytes())?;
        return Ok(out.flush()?);
    }
    let mut exporter = exporter_for(format)?;
    let ctx = ExportContext::new(doc.agents.clone(), doc.series.clone());
    exporter.begin(out)?;
    for a in &doc.agents {
        exporter.entity(out, &RecordRef::Agent(a))?;
    }
    for s in &doc.series {
        exporter.entity(out, &RecordRef::Series(s))?;
    }
    for p in &doc.projects {
        exporter.entity(out, &RecordRef::Project(p))?;
    }
    for i in concept_order(&doc.concepts) {
        if let Some(c) = doc.concepts.get(i) {
            exporter.entity(out, &RecordRef::Concept(c))?;
        }
    }
    for p in &doc.publications {
        exporter.publication(out, p, &ctx)?;
    }
    for r in &doc.relations {
        exporter.entity(out, &RecordRef::Relation(r))?;
    }
    exporter.end(out)?;
    Ok(out.flush()?)
}

impl Catalog {
    /// Writes the whole catalogue to `out` in `format`, reading publications one at a time
    /// (memory stays bounded by the number of agents, series, projects and concepts).
    /// The bytes are the same as [`write_export`] of [`Catalog::export_document`].
    ///
    /// ```
    /// use pubcat::formats::{write_export, Format};
    /// let catalog = pubcat::demo::open_demo_in_memory()?;
    /// let mut streamed = Vec::new();
    /// catalog.export_to(Format::Jsonl, &mut streamed)?;
    /// let mut from_doc = Vec::new();
    /// write_export(&catalog.export_document()?, Format::Jsonl, &mut from_doc)?;
    /// assert_eq!(streamed, from_doc);
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn export_to(&self, format: Format, out: &mut dyn Write) -> Result<()> {
        if format == Format::Json {
            return write_export(&self.export_document()?, format, out);
        }
        let mut exporter = exporter_for(format)?;
        self.with_conn(|conn| {
            let agents: Vec<Agent> = uids_all(
                conn,
                "SELECT uid FROM agent WHERE redirect_to IS NULL ORDER BY uid",
            )?
            .iter()
            .filter_map(|uid| agents::load_in(conn, uid).transpose())
            .collect::<Result<_>>()?;
            let series: Vec<Series> = uids_all(conn, "SELECT uid FROM series ORDER BY uid")?
                .iter()
                .filter_map(|uid| series::load_in(conn, uid).transpose())
                .collect::<Result<_>>()?;
            let concepts: Vec<Concept> = uids_all(conn, "SELECT uid FROM concept ORDER BY uid")?
                .iter()
                .filter_map(|uid| concepts::load_in(conn, uid).transpose())
                .collect::<Result<_>>()?;
            exporter.begin(out)?;
            for a in &agents {
                exporter.entity(out, &RecordRef::Agent(a))?;
            }
            for s in &series {
                exporter.entity(out, &RecordRef::Series(s))?;
            }
            for uid in uids_all(conn, "SELECT uid FROM project ORDER BY uid")? {
                let project: Option<Project> = projects::load_in(conn, &uid)?;
                if let Some(p) = project {
                    exporter.entity(out, &RecordRef::Project(&p))?;
                }
            }
            for i in concept_order(&concepts) {
                if let Some(c) = concepts.get(i) {
                    exporter.entity(out, &RecordRef::Concept(c))?;
                }
            }
            let ctx = ExportContext::new(agents, series);
            let mut stmt = conn.prepare("SELECT uid FROM publication ORDER BY uid")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let uid: String = row.get(0)?;
                if let Some(p) = publications::load_in(conn, &uid)? {
                    exporter.publication(out, &p, &ctx)?;
                }
            }
            let all: Vec<Relation> = relations::all_in(conn)?;
            for r in &all {
                exporter.entity(out, &RecordRef::Relation(r))?;
            }
            exporter.end(out)?;
            Ok(out.flush()?)
        })
    }
}
