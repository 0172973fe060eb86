//! Writing a [`CatalogDocument`], or the catalogue itself streamed ([`export_in`]), in any
//! [`Format`].
//!
//! Every format is written record by record through an [`Exporter`]: native JSON and JSON
//! Lines write every entity; the publication formats (CSV, CSL-JSON, BibTeX, RIS, listing)
//! write publications, looking up agent and series names in an [`ExportContext`]. A
//! selection (the publications a `Query` matches) is applied while reading: only the ids of
//! the selected publications are held, never the catalogue.

use std::collections::{HashMap, HashSet};
use std::io::Write;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::jsonl::{self, RecordRef};
use super::native::{concept_order, CatalogDocument};
use super::{bibtex, csl_json, csv, listing, ris, Format};
use crate::error::{Error, Result};
use crate::model::{Agent, Concept, Contributor, Project, Publication, Role, Series};
use crate::store::selection::{self, Referenced};
use crate::store::{agents, concepts, projects, publications, relations, series};

/// The agents and series publications refer to, by uid.
#[derive(Debug, Default)]
pub(crate) struct ExportContext {
    agents: HashMap<String, Agent>,
    series: HashMap<String, Series>,
    /// Project names by uid.
    projects: HashMap<String, String>,
    /// `scheme:uid:language:label` of each concept (its English label, else its first).
    concepts: HashMap<String, String>,
}

impl ExportContext {
    fn new(agents: Vec<Agent>, series: Vec<Series>) -> Self {
        ExportContext {
            agents: agents.into_iter().map(|a| (a.uid.clone(), a)).collect(),
            series: series.into_iter().map(|s| (s.uid.clone(), s)).collect(),
            projects: HashMap::new(),
            concepts: HashMap::new(),
        }
    }

    fn with_projects_and_concepts<'a>(
        mut self,
        projects: impl IntoIterator<Item = (&'a str, &'a str)>,
        concepts: &[Concept],
    ) -> Self {
        self.projects = projects
            .into_iter()
            .map(|(uid, name)| (uid.to_owned(), name.to_owned()))
            .collect();
        self.concepts = concepts
            .iter()
            .map(|c| {
                let (language, label) = c
                    .labels
                    .get_key_value("en")
                    .or_else(|| c.labels.iter().next())
                    .map_or(("und", c.uid.as_str()), |(l, t)| (l.as_str(), t.as_str()));
                (
                    c.uid.clone(),
                    format!("{}:{}:{language}:{label}", c.scheme, c.uid),
                )
            })
            .collect();
        self
    }

    /// The name of project `uid` (its uid when unknown).
    pub fn project_name<'a>(&'a self, uid: &'a str) -> &'a str {
        self.projects.get(uid).map_or(uid, String::as_str)
    }

    /// Concept `uid` as `scheme:uid:language:label`, enough to create it in an empty
    /// catalogue (its uid when unknown).
    pub fn concept_ref(&self, uid: &str) -> String {
        self.concepts
            .get(uid)
            .cloned()
            .unwrap_or_else(|| uid.to_owned())
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

/// Native JSON, written as it streams: the same bytes as `serde_json::to_string_pretty` of
/// the whole [`CatalogDocument`] (each element pretty-printed and indented one level more).
#[derive(Default)]
struct NativeExporter {
    /// The array being written (index in [`NATIVE_ARRAYS`]); `None` before the first.
    array: Option<usize>,
    /// Whether the current array has an element yet.
    open: bool,
}

/// The arrays of the native document, in order.
const NATIVE_ARRAYS: [&str; 6] = [
    "agents",
    "series",
    "projects",
    "concepts",
    "publications",
    "relations",
];

impl NativeExporter {
    /// Closes the current array and writes the (empty) arrays before `array`.
    fn advance(&mut self, out: &mut dyn Write, array: usize) -> Result<()> {
        while self.array.is_none_or(|a| a < array) {
            if let Some(a) = self.array {
                out.write_all(if self.open { b"\n  ]" } else { b"[]" })?;
                if a + 1 < NATIVE_ARRAYS.len() {
                    out.write_all(b",")?;
                }
                out.write_all(b"\n")?;
            }
            let next = self.array.map_or(0, |a| a + 1);
            self.array = Some(next);
            self.open = false;
            if next < NATIVE_ARRAYS.len() {
                write!(out, "  \"{}\": ", NATIVE_ARRAYS[next])?;
            }
        }
        Ok(())
    }

    fn element(&mut self, out: &mut dyn Write, array: usize, value: &impl Serialize) -> Result<()> {
        self.advance(out, array)?;
        out.write_all(if self.open { b",\n" } else { b"[\n" })?;
        self.open = true;
        let text = serde_json::to_string_pretty(value)
            .map_err(|e| Error::invalid("document", e.to_string()))?;
        for (n, line) in text.lines().enumerate() {
            if n > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(b"    ")?;
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    }
}

impl Exporter for NativeExporter {
    fn begin(&mut self, out: &mut dyn Write) -> Result<()> {
        write!(
            out,
            "{{\n  \"format\": \"{}\",\n  \"version\": {},\n",
            super::native::FORMAT_NAME,
            super::native::FORMAT_VERSION
        )?;
        Ok(())
    }
    fn entity(&mut self, out: &mut dyn Write, record: &RecordRef<'_>) -> Result<()> {
        match record {
            RecordRef::Agent(a) => self.element(out, 0, a),
            RecordRef::Series(s) => self.element(out, 1, s),
            RecordRef::Project(p) => self.element(out, 2, p),
            RecordRef::Concept(c) => self.element(out, 3, c),
            RecordRef::Publication(p) => self.element(out, 4, p),
            RecordRef::Relation(r) => self.element(out, 5, r),
        }
    }
    fn publication(
        &mut self,
        out: &mut dyn Write,
        p: &Publication,
        _: &ExportContext,
    ) -> Result<()> {
        self.element(out, 4, p)
    }
    fn end(&mut self, out: &mut dyn Write) -> Result<()> {
        self.advance(out, NATIVE_ARRAYS.len())?;
        out.write_all(b"}\n")?;
        Ok(())
    }
}

fn exporter_for(format: Format) -> Result<Box<dyn Exporter>> {
    Ok(match format {
        Format::Json => Box::new(NativeExporter::default()),
        Format::Jsonl => Box::new(JsonlExporter),
        Format::Csv => Box::new(csv::CsvExporter),
        Format::CslJson => Box::new(csl_json::CslExporter::default()),
        Format::Bibtex => Box::new(bibtex::BibtexExporter),
        Format::Ris => Box::new(ris::RisExporter),
        Format::Listing => Box::new(listing::ListingExporter),
        Format::Auto => {
            return Err(Error::invalid(
                "format",
                "choose an export format (auto is for imports)",
            ))
        }
    })
}

/// Writes `doc` to `out` in `format`.
///
/// Native JSON and JSON Lines write every entity of the document; CSV, CSL-JSON, BibTeX,
/// RIS and listings write its publications, taking agent and series names from the
/// document. Build `doc` with [`Catalog::export_document`](crate::Catalog::export_document) or
/// [`Catalog::export_selection`](crate::Catalog::export_selection). See `docs/FORMATS.md` for each format's mapping.
///
/// # Errors
/// `invalid_input` for [`Format::Auto`]; `io` when writing fails.
///
/// ```
/// use pubcat::formats::{write_export, Format};
/// let catalog = pubcat::Catalog::demo()?;
/// let doc = catalog.export_document()?;
/// let mut out = Vec::new();
/// write_export(&doc, Format::Ris, &mut out)?;
/// let text = String::from_utf8(out).unwrap();
/// assert_eq!(text.matches("TY  - ").count(), 7);
/// # Ok::<(), pubcat::Error>(())
/// ```
pub fn write_export(doc: &CatalogDocument, format: Format, out: &mut dyn Write) -> Result<()> {
    let mut exporter = exporter_for(format)?;
    let ctx = ExportContext::new(doc.agents.clone(), doc.series.clone())
        .with_projects_and_concepts(
            doc.projects
                .iter()
                .map(|p| (p.uid.as_str(), p.name.as_str())),
            &doc.concepts,
        );
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
    for c in ordered_concepts(&doc.concepts, format) {
        exporter.entity(out, &RecordRef::Concept(c))?;
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

/// Concepts in the order `format` writes them: by uid in the native document (as read), and
/// broader before narrower everywhere else (a JSON Lines import needs the broader first).
fn ordered_concepts(concepts: &[Concept], format: Format) -> Vec<&Concept> {
    if format == Format::Json {
        concepts.iter().collect()
    } else {
        concept_order(concepts)
            .into_iter()
            .filter_map(|i| concepts.get(i))
            .collect()
    }
}

/// What an export wrote: how many records of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
pub struct ExportSummary {
    /// Publications written.
    pub publications: u64,
    /// Agents (formats that write entities: native JSON and JSON Lines).
    pub agents: u64,
    /// Series.
    pub series: u64,
    /// Projects.
    pub projects: u64,
    /// Concepts.
    pub concepts: u64,
    /// Relations.
    pub relations: u64,
}

/// Loads the entities of `uids` that `keep` accepts, with `load` (`None`: no longer there).
fn load_kept<T>(
    conn: &Connection,
    uids: Vec<String>,
    keep: impl Fn(&str) -> bool,
    load: impl Fn(&Connection, &str) -> Result<Option<T>>,
) -> Result<Vec<T>> {
    uids.iter()
        .filter(|uid| keep(uid))
        .filter_map(|uid| load(conn, uid).transpose())
        .collect()
}

/// Writes the catalogue (or, with `selected`, the publications of these row ids and what they
/// refer to: agents, series, projects, concepts with their broader chain, and the relations
/// between them) to `out` in `format`, reading publications one at a time.
pub(crate) fn export_in(
    conn: &Connection,
    format: Format,
    selected: Option<&HashSet<i64>>,
    out: &mut dyn Write,
) -> Result<ExportSummary> {
    let mut exporter = exporter_for(format)?;
    let referenced: Option<Referenced> = selected
        .map(|ids| selection::referenced(conn, ids))
        .transpose()?;
    let keep = |set: fn(&Referenced) -> &std::collections::BTreeSet<String>| {
        let referenced = referenced.as_ref();
        move |uid: &str| referenced.is_none_or(|r| set(r).contains(uid))
    };
    let mut summary = ExportSummary::default();
    let agents = load_kept(
        conn,
        selection::agent_uids(conn)?,
        keep(|r| &r.agents),
        agents::load_in,
    )?;
    let series = load_kept(
        conn,
        selection::series_uids(conn)?,
        keep(|r| &r.series),
        series::load_in,
    )?;
    let concepts: Vec<Concept> = load_kept(
        conn,
        selection::concept_uids(conn)?,
        keep(|r| &r.concepts),
        concepts::load_in,
    )?;
    exporter.begin(out)?;
    for a in &agents {
        exporter.entity(out, &RecordRef::Agent(a))?;
    }
    for s in &series {
        exporter.entity(out, &RecordRef::Series(s))?;
    }
    let keep_project = keep(|r| &r.projects);
    let mut project_names: Vec<(String, String)> = Vec::new();
    for uid in selection::project_uids(conn)? {
        if !keep_project(&uid) {
            continue;
        }
        let project: Option<Project> = projects::load_in(conn, &uid)?;
        if let Some(p) = project {
            exporter.entity(out, &RecordRef::Project(&p))?;
            summary.projects += 1;
            project_names.push((p.uid, p.name));
        }
    }
    for c in ordered_concepts(&concepts, format) {
        exporter.entity(out, &RecordRef::Concept(c))?;
    }
    summary.agents = agents.len() as u64;
    summary.series = series.len() as u64;
    summary.concepts = concepts.len() as u64;
    let ctx = ExportContext::new(agents, series).with_projects_and_concepts(
        project_names.iter().map(|(u, n)| (u.as_str(), n.as_str())),
        &concepts,
    );
    let mut written: HashSet<String> = HashSet::new();
    selection::for_each_publication(conn, |id, uid| {
        if selected.is_some_and(|ids| !ids.contains(&id)) {
            return Ok(());
        }
        if let Some(p) = publications::load_in(conn, uid)? {
            exporter.publication(out, &p, &ctx)?;
            summary.publications += 1;
            if selected.is_some() {
                written.insert(p.uid);
            }
        }
        Ok(())
    })?;
    for r in relations::all_in(conn)? {
        if selected.is_none() || (written.contains(&r.source) && written.contains(&r.target)) {
            exporter.entity(out, &RecordRef::Relation(&r))?;
            summary.relations += 1;
        }
    }
    exporter.end(out)?;
    out.flush()?;
    Ok(summary)
}
