//! [`Importer`]: writes the records of one import inside one transaction, matching incoming
//! publications to stored ones, resolving names, counting outcomes and reporting progress.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::draft::{AgentName, AgentRef, Draft, Resolved};
use super::matching::{Matcher, Probe};
use super::names::{free_uid, AgentDirectory, SeriesDirectory};
use super::policy::{diff, from_object, reconcile, to_object, Conflict, OnConflict};
use super::text::slug;
use super::{ImportSummary, RecordChange, RecordKind};
use crate::error::{Error, Position, Result};
use crate::model::language::normalize_language;
use crate::model::{
    Agent, Concept, Contributor, PartialDate, Project, Publication, Relation, Scheme, Series,
};
use crate::store::lookup;
use crate::store::writer::Writer;
use crate::store::{agents, concepts, find_id, projects, publications, relations, series, Table};
use crate::Upsert;

/// One import in progress. Every method writes inside the caller's transaction.
pub(crate) struct Importer<'a, 'c> {
    w: &'a mut Writer<'c>,
    progress: &'a mut dyn FnMut(u64),
    summary: ImportSummary,
    records: u64,
    matcher: Matcher,
    agents: AgentDirectory,
    series: SeriesDirectory,
    /// Incoming publication uids that matched a stored publication under another uid.
    remap: HashMap<String, String>,
    /// What to do with stored values the file gives differently.
    policy: OnConflict,
    /// Whether to record every change field by field (dry runs, reports).
    record_changes: bool,
    changes: Vec<RecordChange>,
    conflicts: Vec<Conflict>,
}

/// What an import did, besides its counts.
pub(crate) struct Outcome {
    pub summary: ImportSummary,
    pub changes: Vec<RecordChange>,
    pub conflicts: Vec<Conflict>,
}

impl<'a, 'c> Importer<'a, 'c> {
    /// Starts an import inside `w`; `progress` receives the number of records done.
    pub fn new(w: &'a mut Writer<'c>, progress: &'a mut dyn FnMut(u64)) -> Result<Self> {
        let matcher = Matcher::new(w.conn())?;
        Ok(Importer {
            w,
            progress,
            summary: ImportSummary::default(),
            records: 0,
            matcher,
            agents: AgentDirectory::default(),
            series: SeriesDirectory::default(),
            remap: HashMap::new(),
            policy: OnConflict::Replace,
            record_changes: false,
            changes: Vec::new(),
            conflicts: Vec::new(),
        })
    }

    /// Sets the merge policy and whether to record changes field by field.
    pub fn with_policy(mut self, policy: OnConflict, record_changes: bool) -> Self {
        self.policy = policy;
        self.record_changes = record_changes;
        self
    }

    /// Marks one record of the file as done and reports progress.
    pub fn tick(&mut self) {
        self.records += 1;
        (self.progress)(self.records);
    }

    /// Runs a read inside the import's transaction.
    pub fn with_writer<T>(&self, f: impl FnOnce(&Writer<'c>) -> Result<T>) -> Result<T> {
        f(self.w)
    }

    /// What the import did, with its changes and conflicts.
    pub fn finish_outcome(self) -> Outcome {
        Outcome {
            summary: self.summary,
            changes: self.changes,
            conflicts: self.conflicts,
        }
    }

    /// Counts an upsert, and records its changed fields when changes are recorded.
    fn note(
        &mut self,
        kind: RecordKind,
        uid: &str,
        before: Option<Map<String, Value>>,
        after: impl FnOnce() -> Result<Map<String, Value>>,
        outcome: Upsert,
    ) -> Result<()> {
        self.summary.count(kind, outcome);
        if self.record_changes && outcome != Upsert::Unchanged {
            let fields = diff(&before.unwrap_or_default(), &after()?);
            self.changes.push(RecordChange {
                entity: kind.name().to_owned(),
                uid: uid.to_owned(),
                outcome,
                fields,
            });
        }
        Ok(())
    }

    /// The stored write form of `uid` of `kind`, when changes are recorded.
    fn before(&self, kind: RecordKind, uid: &str) -> Result<Option<Map<String, Value>>> {
        if !self.record_changes {
            return Ok(None);
        }
        let conn = self.w.conn();
        Ok(match kind {
            RecordKind::Agent => agents::load_in(conn, uid)?
                .map(|v| to_object(&v))
                .transpose()?,
            RecordKind::Series => series::load_in(conn, uid)?
                .map(|v| to_object(&v))
                .transpose()?,
            RecordKind::Project => projects::load_in(conn, uid)?
                .map(|v| to_object(&v))
                .transpose()?,
            RecordKind::Concept => concepts::load_in(conn, uid)?
                .map(|v| to_object(&v))
                .transpose()?,
            RecordKind::Publication => publications::load_in(conn, uid)?
                .map(|v| to_object(&v))
                .transpose()?,
            RecordKind::Relation => None,
        })
    }

    /// `incoming`, reconciled with the stored `existing` under the merge policy.
    fn reconciled(&mut self, existing: &Publication, incoming: Publication) -> Result<Publication> {
        let old = to_object(existing)?;
        let new = to_object(&incoming)?;
        let merged = reconcile(&incoming.uid, &old, new, self.policy, &mut self.conflicts);
        from_object(merged)
    }

    /// Upserts an agent as given.
    pub fn agent(&mut self, agent: &Agent) -> Result<()> {
        let before = self.before(RecordKind::Agent, &agent.uid)?;
        let outcome = agents::upsert_in(self.w, agent)?;
        self.agents.note(agent);
        self.note(
            RecordKind::Agent,
            &agent.uid,
            before,
            || to_object(agent),
            outcome,
        )
    }

    /// Upserts a series as given.
    pub fn series(&mut self, s: &Series) -> Result<()> {
        let before = self.before(RecordKind::Series, &s.uid)?;
        let outcome = series::upsert_in(self.w, s).map_err(|e| refers(e, "publisher"))?;
        self.note(RecordKind::Series, &s.uid, before, || to_object(s), outcome)
    }

    /// Upserts a project as given.
    pub fn project(&mut self, project: &Project) -> Result<()> {
        let before = self.before(RecordKind::Project, &project.uid)?;
        let outcome = projects::upsert_in(self.w, project).map_err(|e| refers(e, "members"))?;
        self.note(
            RecordKind::Project,
            &project.uid,
            before,
            || to_object(project),
            outcome,
        )
    }

    /// Upserts a concept as given (its broader concept must exist).
    pub fn concept(&mut self, concept: &Concept) -> Result<()> {
        let before = self.before(RecordKind::Concept, &concept.uid)?;
        let outcome = concepts::upsert_in(self.w, concept).map_err(|e| refers(e, "broader"))?;
        self.note(
            RecordKind::Concept,
            &concept.uid,
            before,
            || to_object(concept),
            outcome,
        )
    }

    /// Writes a complete publication (native formats): it replaces the stored publication
    /// it matches (by uid, else DOI/URL, else title + language + year).
    pub fn publication(&mut self, p: &Publication) -> Result<()> {
        let uid = if find_id(self.w.conn(), Table::Publication, &p.uid)?.is_some() {
            p.uid.clone()
        } else {
            let language = crate::model::language::normalize_language(&p.language)?;
            let probe = Probe {
                title: &p.title,
                language: Some(&language),
                date: p.date.as_deref(),
                identifiers: &p.identifiers,
            };
            match self.matcher.find(self.w.conn(), &probe)? {
                Some(uid) => {
                    self.remap.insert(p.uid.clone(), uid.clone());
                    uid
                }
                None => p.uid.clone(),
            }
        };
        let incoming = Publication {
            uid: uid.clone(),
            ..p.clone()
        };
        let existing = publications::load_in(self.w.conn(), &uid)?;
        self.write_publication(existing, incoming)
    }

    /// Writes `incoming` over the stored `existing` (if any), under the merge policy.
    fn write_publication(
        &mut self,
        existing: Option<Publication>,
        incoming: Publication,
    ) -> Result<()> {
        let p = match &existing {
            Some(old) => self.reconciled(old, incoming)?,
            None => incoming,
        };
        let before = match (&existing, self.record_changes) {
            (Some(old), true) => Some(to_object(old)?),
            _ => None,
        };
        let outcome = publications::upsert_in(self.w, &p)?;
        // As stored (normalised), for the changes.
        let after = match self.record_changes && outcome != Upsert::Unchanged {
            true => publications::load_in(self.w.conn(), &p.uid)?,
            false => None,
        };
        let uid = p.uid.clone();
        self.note(
            RecordKind::Publication,
            &uid,
            before,
            || to_object(&after.unwrap_or(p)),
            outcome,
        )
    }

    /// Adds a relation (its ends follow publications that matched under another uid).
    pub fn relation(&mut self, r: &Relation) -> Result<()> {
        let follow = |uid: &String| self.remap.get(uid).unwrap_or(uid).clone();
        let r = Relation {
            source: follow(&r.source),
            target: follow(&r.target),
            relation_type: r.relation_type,
        };
        for (field, uid) in [("source", &r.source), ("target", &r.target)] {
            if find_id(self.w.conn(), Table::Publication, uid)?.is_none() {
                return Err(refers(Error::not_found("publication", uid.clone()), field));
            }
        }
        let added = relations::add_in(self.w, &r)?;
        self.summary.count(
            RecordKind::Relation,
            if added {
                Upsert::Added
            } else {
                Upsert::Unchanged
            },
        );
        Ok(())
    }

    /// Writes a publication read from a flat format: resolves its agents and series by name
    /// (creating missing ones), finds the publication it matches and merges into it.
    pub fn draft(&mut self, draft: Draft) -> Result<()> {
        let series = match draft.series.as_deref() {
            Some(text) => {
                let (uid, created) = self.series.resolve(self.w, text)?;
                self.created(RecordKind::Series, &uid, created)?;
                Some(uid)
            }
            None => None,
        };
        let mut contributors: Vec<Contributor> = Vec::with_capacity(draft.contributors.len());
        for c in &draft.contributors {
            let mut affiliation = c.affiliation.clone();
            let agent = match &c.agent {
                AgentRef::UidOrName(text)
                    if find_id(self.w.conn(), Table::Agent, text.trim())?.is_some() =>
                {
                    text.trim().to_owned()
                }
                AgentRef::UidOrName(text) => {
                    let (uid, created) = self
                        .agents
                        .resolve(self.w, &AgentName::display(text.trim()))?;
                    self.created(RecordKind::Agent, &uid, created)?;
                    uid
                }
                AgentRef::Name(name) => {
                    let mut name = name.clone();
                    if c.affiliation_in_name {
                        if let Some((bare, aff)) = self.split_affiliation(&name.display)? {
                            name.display = bare;
                            affiliation = Some(aff);
                        }
                    }
                    let (uid, created) = self.agents.resolve(self.w, &name)?;
                    self.created(RecordKind::Agent, &uid, created)?;
                    uid
                }
            };
            if !contributors
                .iter()
                .any(|o| o.agent == agent && o.role == c.role)
            {
                contributors.push(Contributor {
                    agent,
                    role: c.role,
                    affiliation,
                });
            }
        }
        let mut draft = draft;
        draft.projects = self.project_refs(&draft.projects)?;
        draft.concepts = self.concept_refs(&draft.concepts)?;
        let uid = self.uid_for(&draft)?;
        let existing = publications::load_in(self.w.conn(), &uid)?;
        let resolved = Resolved {
            draft,
            series,
            contributors,
        };
        let p = resolved.merge(uid, existing.clone());
        self.write_publication(existing, p)
    }

    /// Project references of a flat record, as uids: a stored project's uid, name or acronym;
    /// else a new project of that name (a CSV export names its projects, so that it imports
    /// into an empty catalogue).
    fn project_refs(&mut self, refs: &[String]) -> Result<Vec<String>> {
        let mut uids = Vec::with_capacity(refs.len());
        for text in refs {
            let text = text.trim();
            let uid = match lookup::project_named(self.w.conn(), text)? {
                Some(uid) => uid,
                None => {
                    let uid = free_uid(self.w, Table::Project, &slug(text))?;
                    projects::upsert_in(self.w, &Project::new(uid.clone(), text))?;
                    self.created(RecordKind::Project, &uid, true)?;
                    uid
                }
            };
            if !uids.contains(&uid) {
                uids.push(uid);
            }
        }
        Ok(uids)
    }

    /// Concept references of a flat record, as uids: a stored concept's uid; or
    /// `scheme:uid:language:label` (how a CSV export writes them: the concept is created when
    /// missing); or a label of a stored concept (`scheme:label` or a bare label, in any
    /// language, without case). Anything else is a parse error naming the value: a concept is
    /// never guessed.
    fn concept_refs(&mut self, refs: &[String]) -> Result<Vec<String>> {
        let mut uids = Vec::with_capacity(refs.len());
        for text in refs {
            let text = text.trim();
            let uid = self.concept_ref(text)?.ok_or_else(|| {
                Error::invalid(
                    "concepts",
                    format!("`{text}` is not a concept of this catalogue (give its uid, a label, or scheme:uid:language:label)"),
                )
            })?;
            if !uids.contains(&uid) {
                uids.push(uid);
            }
        }
        Ok(uids)
    }

    fn concept_ref(&mut self, text: &str) -> Result<Option<String>> {
        let conn = self.w.conn();
        if find_id(conn, Table::Concept, text)?.is_some() {
            return Ok(Some(text.to_owned()));
        }
        let parts: Vec<&str> = text.splitn(4, ':').map(str::trim).collect();
        let scheme = parts.first().and_then(|s| s.parse::<Scheme>().ok());
        match (scheme, parts.as_slice()) {
            (Some(scheme), [_, uid, language, label]) if !uid.is_empty() && !label.is_empty() => {
                if find_id(conn, Table::Concept, uid)?.is_none() {
                    let mut concept = Concept::new(*uid, scheme);
                    concept
                        .labels
                        .insert(normalize_language(language)?, (*label).to_owned());
                    concepts::upsert_in(self.w, &concept)?;
                    self.created(RecordKind::Concept, uid, true)?;
                }
                Ok(Some((*uid).to_owned()))
            }
            (Some(scheme), [_, rest @ ..]) if !rest.is_empty() => {
                lookup::concept_labelled(conn, &rest.join(":"), Some(scheme.as_str()))
            }
            _ => lookup::concept_labelled(conn, text, None),
        }
    }

    /// Splits `Name (Affiliation)` unless an agent is called by the whole text.
    fn split_affiliation(&mut self, text: &str) -> Result<Option<(String, String)>> {
        let Some((bare, aff)) = text
            .trim()
            .strip_suffix(')')
            .and_then(|rest| rest.rsplit_once(" ("))
        else {
            return Ok(None);
        };
        let (bare, aff) = (bare.trim(), aff.trim());
        if bare.is_empty() || aff.is_empty() || self.agents.find(self.w, text)?.is_some() {
            return Ok(None);
        }
        Ok(Some((bare.to_owned(), aff.to_owned())))
    }

    /// Counts a record this import created from a name (an agent, a series, a project, a
    /// concept), and records it among the changes when changes are recorded.
    fn created(&mut self, kind: RecordKind, uid: &str, created: bool) -> Result<()> {
        if !created {
            return Ok(());
        }
        let after = self.before(kind, uid)?;
        self.note(
            kind,
            uid,
            None,
            || Ok(after.unwrap_or_default()),
            Upsert::Added,
        )
    }

    /// The uid a draft is written under: its own when stored; else the publication it
    /// matches; else its own; else one derived from title and year.
    fn uid_for(&mut self, d: &Draft) -> Result<String> {
        let conn = self.w.conn();
        if let Some(uid) = &d.uid {
            if find_id(conn, Table::Publication, uid)?.is_some() {
                return Ok(uid.clone());
            }
        }
        let given_language = d.language.as_deref().filter(|_| !d.language_guessed);
        let probe = Probe {
            title: &d.title,
            language: given_language,
            date: d.date.as_deref(),
            identifiers: &d.identifiers,
        };
        if let Some(uid) = self.matcher.find(conn, &probe)? {
            return Ok(uid);
        }
        if let Some(uid) = &d.uid {
            return Ok(uid.clone());
        }
        let year = d
            .date
            .as_deref()
            .and_then(|text| PartialDate::parse(text).ok())
            .map(|date| date.year());
        let mut base = slug(&d.title);
        if base.is_empty() {
            base = "publication".to_owned();
        }
        if let Some(year) = year.map(|y| y.to_string()) {
            if base != year && !base.ends_with(&format!("-{year}")) {
                base = format!("{base}-{year}");
            }
        }
        let language = lookup::publication_language(conn, &base)?;
        match (language, given_language) {
            (None, _) => Ok(base),
            (Some(stored), wanted) if wanted.is_none_or(|w| w == stored) => Ok(base),
            (Some(_), Some(wanted)) => {
                free_uid(self.w, Table::Publication, &format!("{base}-{wanted}"))
            }
            (Some(_), None) => free_uid(self.w, Table::Publication, &base),
        }
    }
}

/// Turns a "not found" error into an invalid `field` that names the missing entity.
fn refers(err: Error, field: &str) -> Error {
    match err {
        Error::NotFound { entity, uid } => Error::invalid(
            field,
            format!("refers to {entity} `{uid}`, which does not exist"),
        ),
        other => other,
    }
}

/// Turns a validation, reference or conflict error into a parse error at `position`;
/// `field` (when given) names the field the format calls it, else the model's field name is
/// kept (prefixed by `prefix`). Parse errors get the missing parts of the position.
pub(crate) fn locate(err: Error, position: &Position, prefix: &str) -> Error {
    let with_field = |field: String| Position {
        field: Some(field),
        ..position.clone()
    };
    let field_for = |field: &str| match &position.field {
        Some(f) => f.clone(),
        None => format!("{prefix}{field}"),
    };
    match err {
        Error::InvalidInput { field, message } => Error::Parse {
            position: with_field(field_for(&field)),
            message,
        },
        Error::NotFound { entity, uid } => {
            let field = match entity {
                "agent" => "contributors",
                "project" => "projects",
                "concept" => "concepts",
                "series" => "series",
                other => other,
            };
            Error::Parse {
                position: with_field(field_for(field)),
                message: format!("refers to {entity} `{uid}`, which does not exist"),
            }
        }
        Error::Conflict(message) => Error::Parse {
            position: position.clone(),
            message: format!("conflict: {message}"),
        },
        Error::Parse {
            position: inner,
            message,
        } => Error::Parse {
            position: Position {
                line: inner.line.or(position.line),
                record: inner.record.or(position.record),
                field: inner.field.or_else(|| position.field.clone()),
            },
            message,
        },
        other => other,
    }
}

/// A position at a line and record.
pub(crate) fn at(line: Option<u64>, record: Option<u64>) -> Position {
    Position {
        line,
        record,
        field: None,
    }
}

/// A parse error at a line/record and field.
pub(crate) fn parse_error(
    line: Option<u64>,
    record: Option<u64>,
    field: Option<&str>,
    message: impl Into<String>,
) -> Error {
    Error::parse_at(
        Position {
            line,
            record,
            field: field.map(str::to_owned),
        },
        message,
    )
}
