//! pubcat-generate: a deterministic generator of realistic pubcat catalogues, for benchmarks
//! and demos (`pubcat generate`, the benchmarks of `crates/pubcat/benches`).
//!
//! [`write_jsonl`] writes `count` publications as pubcat JSON Lines (a header line
//! `{"format":"pubcat","version":1}`, then one `{"agent": {...}}`, `{"series": {...}}`,
//! `{"project": {...}}`, `{"concept": {...}}`, `{"publication": {...}}` or
//! `{"relation": {...}}` per line, dependencies first). The same `(count, seed)` always gives
//! the same bytes.
//!
//! What it looks like:
//! - titles, summaries and (on a fifth of the works) bodies in English, French and Swahili,
//!   built from parallel templates ([`templates`]) and a Zipf-distributed vocabulary of
//!   mining, conflict and governance phrases ([`lexicon`]), with real diacritics
//!   ("l'exploitation minière", "Kasaï", "Équateur") and a long tail of mining-site names;
//! - 15% of works in two languages (the same `work`, one version marked original), with
//!   regional tags (`fr-CD`, `sw-CD`) on some;
//! - persons and organisations reused with Zipf–Mandelbrot frequencies, projects, series
//!   with numbers, hierarchical concepts ([`vocabularies`], [`places`]: minerals, DRC
//!   provinces and territories, actors, themes);
//! - partial EDTF dates over 1995–2024 (days, months, years, `~`, intervals), skewed to
//!   recent years; DOIs, links and typed relations (new versions, references, supplements).
//!
//! ```
//! use pubcat_generate::{write_jsonl, GenerateOptions};
//! let mut out = Vec::new();
//! let summary = write_jsonl(&GenerateOptions { count: 50, seed: 7 }, &mut out)?;
//! assert_eq!(summary.publications, 50);
//! let mut again = Vec::new();
//! write_jsonl(&GenerateOptions { count: 50, seed: 7 }, &mut again)?;
//! assert_eq!(out, again);
//! # Ok::<(), pubcat::Error>(())
//! ```

pub mod corpus;
pub mod lexicon;
pub mod names;
pub mod places;
pub mod rng;
pub mod templates;
pub mod text;
pub mod vocabularies;

use std::io::Write;
use std::path::Path;

use pubcat::formats::{FORMAT_NAME, FORMAT_VERSION};
use pubcat::model::{Agent, Concept, Project, Publication, Relation, Series};
use pubcat::{Error, Result};
use serde::{Deserialize, Serialize};

use crate::corpus::{Corpus, State};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenerateOptions {
    /// Number of publications (language versions).
    pub count: u64,
    /// Random seed: the same seed gives the same file.
    pub seed: u64,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            count: 10_000,
            seed: 1,
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenerateSummary {
    /// Publications written.
    pub publications: u64,
    /// Works (a work has one or two publications).
    pub works: u64,
    /// Persons and organisations.
    pub agents: u64,
    /// Series.
    pub series: u64,
    /// Projects.
    pub projects: u64,
    /// Concepts.
    pub concepts: u64,
    /// Relations.
    pub relations: u64,
    /// Bytes written.
    pub bytes: u64,
}

/// One line of the output.
#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum Line<'a> {
    Agent(&'a Agent),
    Series(&'a Series),
    Project(&'a Project),
    Concept(&'a Concept),
    Publication(&'a Publication),
    Relation(&'a Relation),
}

#[derive(Serialize)]
struct Header {
    format: &'static str,
    version: u32,
}

/// Counts the bytes that go through.
struct Counting<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn line(out: &mut impl Write, value: &impl Serialize) -> Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(|e| Error::Io(e.into()))?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Writes a generated catalogue of `options.count` publications as JSON Lines to `out`.
pub fn write_jsonl(options: &GenerateOptions, out: impl Write) -> Result<GenerateSummary> {
    let count = usize::try_from(options.count)
        .map_err(|_| Error::invalid("count", "too large for this platform"))?;
    let corpus = Corpus::new(count, options.seed);
    let mut out = Counting {
        inner: out,
        bytes: 0,
    };
    let mut summary = GenerateSummary::default();
    line(
        &mut out,
        &Header {
            format: FORMAT_NAME,
            version: FORMAT_VERSION,
        },
    )?;
    for i in 0..corpus.persons + corpus.orgs {
        line(&mut out, &Line::Agent(&corpus.agent(i)))?;
        summary.agents += 1;
    }
    for i in 0..corpus.series {
        line(&mut out, &Line::Series(&corpus.series(i)))?;
        summary.series += 1;
    }
    for i in 0..corpus.projects {
        line(&mut out, &Line::Project(&corpus.project(i)))?;
        summary.projects += 1;
    }
    for concept in &corpus.vocab.concepts {
        line(&mut out, &Line::Concept(concept))?;
        summary.concepts += 1;
    }
    let mut state = State::default();
    let mut relations = Vec::new();
    let mut w = 0;
    while summary.publications < options.count {
        let allow_second = summary.publications + 2 <= options.count;
        let (versions, rels) = corpus.work(w, allow_second, &mut state);
        for p in &versions {
            line(&mut out, &Line::Publication(p))?;
        }
        summary.publications += versions.len() as u64;
        summary.works += 1;
        relations.extend(rels);
        w += 1;
    }
    for r in &relations {
        line(&mut out, &Line::Relation(r))?;
        summary.relations += 1;
    }
    out.flush()?;
    summary.bytes = out.bytes;
    Ok(summary)
}

/// [`write_jsonl`] to a new file at `path` (refuses to overwrite an existing file).
pub fn write_jsonl_file(options: &GenerateOptions, path: &Path) -> Result<GenerateSummary> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Error::Conflict(format!("{} already exists", path.display()))
            } else {
                Error::Io(e)
            }
        })?;
    let summary = write_jsonl(options, std::io::BufWriter::with_capacity(1 << 20, file))?;
    Ok(summary)
}

#[cfg(test)]
mod tests;
