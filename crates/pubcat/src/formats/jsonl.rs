//! pubcat JSON Lines: the native data, one entity per line, read and written as a stream.
//!
//! ```text
//! {"format":"pubcat","version":1}
//! {"agent":{"uid":"ipis","kind":"organization","name":"IPIS"}}
//! {"series":{...}}  {"project":{...}}  {"concept":{...}}  {"publication":{...}}  {"relation":{...}}
//! ```
//! The first line is the header. Each other line is an object with one key naming the entity
//! type and the entity's write form (the same fields as in native JSON) as value. Export
//! writes agents, series, projects, concepts (broader before narrower), publications and
//! relations, each sorted by uid; import accepts any order in which a record's references
//! come before it (concepts may come in any order among themselves). Blank lines are
//! ignored; a byte-order mark and CRLF line ends are accepted.

use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};

use super::ingest::{at, locate, parse_error, Importer};
use super::lines::Lines;
use super::native::{concept_order, FORMAT_NAME, FORMAT_VERSION};
use crate::error::{Error, Result};
use crate::model::{Agent, Concept, Project, Publication, Relation, Series};

/// The first line of a JSON Lines file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: String,
    version: u32,
}

/// One data line, as read.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
enum Record {
    Agent(Agent),
    Series(Series),
    Project(Project),
    Concept(Concept),
    Publication(Box<Publication>),
    Relation(Relation),
}

/// One data line, as written.
#[derive(Debug, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum RecordRef<'a> {
    /// An agent.
    Agent(&'a Agent),
    /// A series.
    Series(&'a Series),
    /// A project.
    Project(&'a Project),
    /// A concept.
    Concept(&'a Concept),
    /// A publication.
    Publication(&'a Publication),
    /// A relation.
    Relation(&'a Relation),
}

/// Writes the header line.
pub(crate) fn write_header(out: &mut dyn Write) -> Result<()> {
    let header = Header {
        format: FORMAT_NAME.to_owned(),
        version: FORMAT_VERSION,
    };
    write_line(out, &header)
}

/// Writes one record line.
pub(crate) fn write_record(out: &mut dyn Write, record: &RecordRef<'_>) -> Result<()> {
    write_line(out, record)
}

fn write_line(out: &mut dyn Write, value: &impl Serialize) -> Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(|e| Error::Io(e.into()))?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Imports a JSON Lines stream through `imp`, one line at a time.
pub(crate) fn import(imp: &mut Importer<'_, '_>, reader: impl BufRead) -> Result<()> {
    let mut lines = Lines::new(reader);
    let mut header_seen = false;
    let mut record_no = 0u64;
    // Concepts are held until another entity type comes, then written broader first.
    let mut concepts = PendingConcepts::default();
    while let Some((line_no, line)) = lines.next_line()? {
        if line.trim().is_empty() {
            continue;
        }
        if !header_seen {
            check_header(line, line_no)?;
            header_seen = true;
            continue;
        }
        record_no += 1;
        let position = at(Some(line_no), Some(record_no));
        let record: Record = serde_json::from_str(line).map_err(|e| {
            let field = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(line)
                .ok()
                .and_then(|map| map.keys().next().cloned());
            parse_error(
                Some(line_no),
                Some(record_no),
                field.as_deref(),
                e.to_string(),
            )
        })?;
        if let Record::Concept(concept) = record {
            concepts.concepts.push(concept);
            concepts.positions.push((line_no, record_no));
            continue;
        }
        flush_concepts(imp, &mut concepts)?;
        let (prefix, outcome) = match &record {
            Record::Agent(a) => ("agent.", imp.agent(a)),
            Record::Series(s) => ("series.", imp.series(s)),
            Record::Project(p) => ("project.", imp.project(p)),
            Record::Publication(p) => ("publication.", imp.publication(p)),
            Record::Relation(r) => ("relation.", imp.relation(r)),
            Record::Concept(_) => ("concept.", Ok(())),
        };
        outcome.map_err(|e| locate(e, &position, prefix))?;
        imp.tick();
    }
    if !header_seen {
        return Err(parse_error(
            Some(1),
            None,
            Some("format"),
            "the file is empty: expected the header {\"format\":\"pubcat\",\"version\":1}",
        ));
    }
    flush_concepts(imp, &mut concepts)
}

fn check_header(line: &str, line_no: u64) -> Result<()> {
    let header: Header = serde_json::from_str(line).map_err(|e| {
        parse_error(
            Some(line_no),
            None,
            Some("format"),
            format!("expected the header {{\"format\":\"pubcat\",\"version\":1}}: {e}"),
        )
    })?;
    if header.format != FORMAT_NAME {
        return Err(parse_error(
            Some(line_no),
            None,
            Some("format"),
            format!("expected \"{FORMAT_NAME}\", found {:?}", header.format),
        ));
    }
    if header.version != FORMAT_VERSION {
        return Err(parse_error(
            Some(line_no),
            None,
            Some("version"),
            format!(
                "version {} is not supported (this pubcat reads {FORMAT_VERSION})",
                header.version
            ),
        ));
    }
    Ok(())
}

/// Concepts read but not written yet, with their line and record numbers.
#[derive(Default)]
struct PendingConcepts {
    concepts: Vec<Concept>,
    positions: Vec<(u64, u64)>,
}

fn flush_concepts(imp: &mut Importer<'_, '_>, pending: &mut PendingConcepts) -> Result<()> {
    for i in concept_order(&pending.concepts) {
        let (Some(concept), Some((line, record))) =
            (pending.concepts.get(i), pending.positions.get(i))
        else {
            continue;
        };
        imp.concept(concept)
            .map_err(|e| locate(e, &at(Some(*line), Some(*record)), "concept."))?;
        imp.tick();
    }
    *pending = PendingConcepts::default();
    Ok(())
}
