//! The searchable text of each publication, assembled from a [`CatalogDocument`] exactly as
//! pubcat's `publication_search_doc` view assembles it from the tables (crates/pubcat/schema.sql):
//! the same seven columns, in the same order, with the same separators. Both peers index this
//! text, so every engine sees the same words in the same fields. [`check`] compares it with the
//! view of a pubcat catalogue built from the same file.

use std::collections::HashMap;

use pubcat::formats::CatalogDocument;
use rusqlite::Connection;

/// The columns of pubcat's full-text index, in its order (`publication_fts`).
pub const COLUMNS: [&str; 7] = [
    "title", "subtitle", "summary", "body", "agents", "concepts", "context",
];

/// pubcat's bm25 column weights, in [`COLUMNS`] order (schema.sql:
/// `bm25(10.0, 6.0, 4.0, 1.0, 3.0, 3.0, 2.0)`).
pub const WEIGHTS: [f32; 7] = [10.0, 6.0, 4.0, 1.0, 3.0, 3.0, 2.0];

/// One publication's searchable text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    /// The publication's uid.
    pub uid: String,
    /// The seven columns, in [`COLUMNS`] order (`None` where the view gives NULL).
    pub columns: [Option<String>; 7],
}

/// Lookup tables of a document, by uid.
pub struct Resolver<'a> {
    agents: HashMap<&'a str, &'a pubcat::model::Agent>,
    /// Concepts with their position in the document (pubcat gives them row ids in that order).
    concepts: HashMap<&'a str, (usize, &'a pubcat::model::Concept)>,
    series: HashMap<&'a str, &'a str>,
    projects: HashMap<&'a str, &'a pubcat::model::Project>,
}

fn join(parts: Vec<&str>) -> Option<String> {
    (!parts.is_empty()).then(|| parts.join(" "))
}

impl<'a> Resolver<'a> {
    /// Indexes `doc`'s agents, concepts, series and projects.
    pub fn new(doc: &'a CatalogDocument) -> Self {
        Resolver {
            agents: doc.agents.iter().map(|a| (a.uid.as_str(), a)).collect(),
            concepts: doc
                .concepts
                .iter()
                .enumerate()
                .map(|(i, c)| (c.uid.as_str(), (i, c)))
                .collect(),
            series: doc
                .series
                .iter()
                .map(|s| (s.uid.as_str(), s.name.as_str()))
                .collect(),
            projects: doc.projects.iter().map(|p| (p.uid.as_str(), p)).collect(),
        }
    }

    /// The searchable text of `p`.
    pub fn doc(&self, p: &'a pubcat::model::Publication) -> SearchDoc {
        // agents: per contribution (in order) the name, the acronym, the other names.
        let mut agents: Vec<&str> = Vec::new();
        for c in &p.contributors {
            if let Some(a) = self.agents.get(c.agent.as_str()) {
                agents.push(&a.name);
                if let Some(acronym) = &a.acronym {
                    agents.push(acronym);
                }
                agents.extend(a.names.iter().map(String::as_str));
            }
        }
        // concepts: by concept row id, then language, then label.
        let mut concepts: Vec<(usize, &str, &str)> = Vec::new();
        for uid in &p.concepts {
            if let Some((i, c)) = self.concepts.get(uid.as_str()) {
                for (lang, label) in &c.labels {
                    concepts.push((*i, lang, label));
                }
                for l in &c.alt_labels {
                    concepts.push((*i, &l.language, &l.label));
                }
            }
        }
        concepts.sort();
        // context: the series name, the projects' names then acronyms, by project uid.
        let mut context: Vec<&str> = Vec::new();
        if let Some(name) = p.series.as_deref().and_then(|s| self.series.get(s)) {
            context.push(name);
        }
        let mut projects: Vec<&pubcat::model::Project> = p
            .projects
            .iter()
            .filter_map(|u| self.projects.get(u.as_str()).copied())
            .collect();
        projects.sort_by(|a, b| a.uid.cmp(&b.uid));
        context.extend(projects.iter().map(|x| x.name.as_str()));
        context.extend(projects.iter().filter_map(|x| x.acronym.as_deref()));
        SearchDoc {
            uid: p.uid.clone(),
            columns: [
                Some(p.title.clone()),
                p.subtitle.clone(),
                p.summary.clone(),
                p.body.clone(),
                join(agents),
                join(concepts.into_iter().map(|(_, _, l)| l).collect()),
                join(context),
            ],
        }
    }
}

/// Compares the assembled text with pubcat's `publication_search_doc` view for every
/// `step`-th publication of `doc` (in a catalogue built from the same file). Returns the
/// number of publications compared and the uids that differ (at most 10).
pub fn check(
    conn: &Connection,
    doc: &CatalogDocument,
    step: usize,
) -> Result<(usize, Vec<String>), String> {
    let resolver = Resolver::new(doc);
    let mut stmt = conn
        .prepare(
            "SELECT v.title, v.subtitle, v.summary, v.body, v.agents, v.concepts, v.context
               FROM publication p JOIN publication_search_doc v ON v.id = p.id WHERE p.uid = ?1",
        )
        .map_err(|e| e.to_string())?;
    let (mut compared, mut differ) = (0, Vec::new());
    for p in doc.publications.iter().step_by(step.max(1)) {
        let mine = resolver.doc(p);
        let theirs: [Option<String>; 7] = stmt
            .query_row([&p.uid], |r| {
                Ok([
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ])
            })
            .map_err(|e| format!("{}: {e}", p.uid))?;
        compared += 1;
        if mine.columns != theirs && differ.len() < 10 {
            if differ.is_empty() {
                eprintln!(
                    "  text of {} differs from pubcat's view:\n    mine   {:?}\n    pubcat {:?}",
                    p.uid, mine.columns, theirs
                );
            }
            differ.push(p.uid.clone());
        }
    }
    Ok((compared, differ))
}
