//! Read forms: what the catalogue returns, with references resolved to names and labels
//! (mirrors of `pubcat::model::records`). Records that the core nests with
//! `#[serde(flatten)]` (agent, project, concept node) are flat here too, so every record has
//! the same fields as the core's JSON form.

use std::collections::HashMap;

use crate::vocab::{AgentKind, ChangeOp, Kind, ProjectRole, RelationType, Role, Scheme};
use crate::write::{Identifier, Label, Link, ProjectMember};

fn map<A, B: From<A>>(items: Vec<A>) -> Vec<B> {
    items.into_iter().map(Into::into).collect()
}

/// A partial date: its EDTF text and the first and last day it covers.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DateInfo {
    /// EDTF text (`2012`, `2021-07`, `2012~`, `2016/2017`).
    pub edtf: String,
    /// First day covered (`YYYY-MM-DD`).
    pub lower: String,
    /// Last day covered (`YYYY-MM-DD`).
    pub upper: String,
    /// `day`, `month` or `year`.
    pub precision: String,
}

impl From<pubcat::model::DateInfo> for DateInfo {
    fn from(d: pubcat::model::DateInfo) -> Self {
        DateInfo {
            edtf: d.edtf,
            lower: d.lower.to_string(),
            upper: d.upper.to_string(),
            precision: d.precision,
        }
    }
}

/// A contributor of a publication, resolved.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ContributorRecord {
    /// Agent uid.
    pub agent: String,
    /// Agent name.
    pub name: String,
    /// Person or organisation.
    pub agent_kind: AgentKind,
    /// Role in this publication.
    pub role: Role,
    /// Affiliation agent uid.
    pub affiliation: Option<String>,
}

impl From<pubcat::model::ContributorRecord> for ContributorRecord {
    fn from(c: pubcat::model::ContributorRecord) -> Self {
        ContributorRecord {
            agent: c.agent,
            name: c.name,
            agent_kind: c.agent_kind.into(),
            role: c.role.into(),
            affiliation: c.affiliation,
        }
    }
}

/// A project, by uid and name.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ProjectRef {
    /// Project uid.
    pub uid: String,
    /// Name.
    pub name: String,
    /// Acronym.
    pub acronym: Option<String>,
}

impl From<pubcat::model::ProjectRef> for ProjectRef {
    fn from(p: pubcat::model::ProjectRef) -> Self {
        ProjectRef {
            uid: p.uid,
            name: p.name,
            acronym: p.acronym,
        }
    }
}

/// A series, by uid and name, with the publication's number in it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SeriesRef {
    /// Series uid.
    pub uid: String,
    /// Name.
    pub name: String,
    /// The publication's number in the series.
    pub number: Option<String>,
}

impl From<pubcat::model::SeriesRef> for SeriesRef {
    fn from(s: pubcat::model::SeriesRef) -> Self {
        SeriesRef {
            uid: s.uid,
            name: s.name,
            number: s.number,
        }
    }
}

/// A concept, by uid, with its labels per language.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ConceptRef {
    /// Concept uid.
    pub uid: String,
    /// Its vocabulary.
    pub scheme: Scheme,
    /// Label per language tag.
    pub labels: HashMap<String, String>,
}

impl From<pubcat::model::ConceptRef> for ConceptRef {
    fn from(c: pubcat::model::ConceptRef) -> Self {
        ConceptRef {
            uid: c.uid,
            scheme: c.scheme.into(),
            labels: c.labels.into_iter().collect(),
        }
    }
}

/// One language version of a work.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TranslationRef {
    /// Publication uid.
    pub uid: String,
    /// Language.
    pub language: String,
    /// Title.
    pub title: String,
    /// Whether this is the original version.
    pub original: bool,
}

impl From<pubcat::model::TranslationRef> for TranslationRef {
    fn from(t: pubcat::model::TranslationRef) -> Self {
        TranslationRef {
            uid: t.uid,
            language: t.language,
            title: t.title,
            original: t.original,
        }
    }
}

/// A publication related to another one, seen from that one.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RelatedRecord {
    /// The relation, from the publication asked about to this one (JSON: `type`).
    pub relation_type: RelationType,
    /// Related publication uid.
    pub uid: String,
    /// Its title.
    pub title: String,
    /// Its language.
    pub language: String,
}

impl From<pubcat::model::RelatedRecord> for RelatedRecord {
    fn from(r: pubcat::model::RelatedRecord) -> Self {
        RelatedRecord {
            relation_type: r.relation_type.into(),
            uid: r.uid,
            title: r.title,
            language: r.language,
        }
    }
}

/// A publication with every reference resolved.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PublicationRecord {
    /// Publication uid.
    pub uid: String,
    /// Work uid (shared by the language versions).
    pub work: String,
    /// Language (BCP 47).
    pub language: String,
    /// Whether this is the original language version.
    pub original: bool,
    /// Title.
    pub title: String,
    /// Subtitle.
    pub subtitle: Option<String>,
    /// Summary.
    pub summary: Option<String>,
    /// Whether the summary is an excerpt of the text rather than an abstract.
    pub summary_is_excerpt: bool,
    /// Page count.
    pub pages: Option<u32>,
    /// Full text.
    pub body: Option<String>,
    /// Kind.
    pub kind: Kind,
    /// Date.
    pub date: Option<DateInfo>,
    /// Series.
    pub series: Option<SeriesRef>,
    /// Contributors in order.
    pub contributors: Vec<ContributorRecord>,
    /// Projects.
    pub projects: Vec<ProjectRef>,
    /// Concepts.
    pub concepts: Vec<ConceptRef>,
    /// Identifiers (DOI, ISBN, URL, ...).
    pub identifiers: Vec<Identifier>,
    /// Links and files.
    pub links: Vec<Link>,
    /// The other language versions.
    pub translations: Vec<TranslationRef>,
    /// Related publications.
    pub relations: Vec<RelatedRecord>,
    /// When it was added (RFC 3339).
    pub created_at: String,
    /// When it last changed (RFC 3339).
    pub updated_at: String,
}

impl From<pubcat::model::PublicationRecord> for PublicationRecord {
    fn from(p: pubcat::model::PublicationRecord) -> Self {
        PublicationRecord {
            uid: p.uid,
            work: p.work,
            language: p.language,
            original: p.original,
            title: p.title,
            subtitle: p.subtitle,
            summary: p.summary,
            summary_is_excerpt: p.summary_is_excerpt,
            pages: p.pages,
            body: p.body,
            kind: p.kind.into(),
            date: p.date.map(Into::into),
            series: p.series.map(Into::into),
            contributors: map(p.contributors),
            projects: map(p.projects),
            concepts: map(p.concepts),
            identifiers: map(p.identifiers),
            links: map(p.links),
            translations: map(p.translations),
            relations: map(p.relations),
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

/// A publication, briefly (in project and agent records).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PublicationRef {
    /// Publication uid.
    pub uid: String,
    /// Title.
    pub title: String,
    /// Language.
    pub language: String,
    /// Kind.
    pub kind: Kind,
    /// Date (EDTF).
    pub date: Option<String>,
    /// The agent's role in it (agent records only).
    pub role: Option<Role>,
}

impl From<pubcat::model::PublicationRef> for PublicationRef {
    fn from(p: pubcat::model::PublicationRef) -> Self {
        PublicationRef {
            uid: p.uid,
            title: p.title,
            language: p.language,
            kind: p.kind.into(),
            date: p.date,
            role: p.role.map(Into::into),
        }
    }
}

/// A project member, resolved.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ProjectMemberRecord {
    /// Agent uid.
    pub agent: String,
    /// Agent name.
    pub name: String,
    /// Role in the project.
    pub role: ProjectRole,
}

impl From<pubcat::model::ProjectMemberRecord> for ProjectMemberRecord {
    fn from(m: pubcat::model::ProjectMemberRecord) -> Self {
        ProjectMemberRecord {
            agent: m.agent,
            name: m.name,
            role: m.role.into(),
        }
    }
}

/// A project with its members and publications.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ProjectRecord {
    /// Project uid.
    pub uid: String,
    /// Name.
    pub name: String,
    /// Acronym.
    pub acronym: Option<String>,
    /// Summary.
    pub summary: Option<String>,
    /// Web page.
    pub url: Option<String>,
    /// Dates (EDTF, often an interval).
    pub date: Option<String>,
    /// Members as written (agent uid and role).
    pub members: Vec<ProjectMember>,
    /// The date's bounds.
    pub date_info: Option<DateInfo>,
    /// Members with names.
    pub member_records: Vec<ProjectMemberRecord>,
    /// Its publications.
    pub publications: Vec<PublicationRef>,
}

impl From<pubcat::model::ProjectRecord> for ProjectRecord {
    fn from(r: pubcat::model::ProjectRecord) -> Self {
        let p = r.project;
        ProjectRecord {
            uid: p.uid,
            name: p.name,
            acronym: p.acronym,
            summary: p.summary,
            url: p.url,
            date: p.date,
            members: map(p.members),
            date_info: r.date_info.map(Into::into),
            member_records: map(r.member_records),
            publications: map(r.publications),
        }
    }
}

/// An agent with the agents merged into it, its publications and projects.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AgentRecord {
    /// Agent uid (the surviving one when a merged uid was asked for).
    pub uid: String,
    /// Person or organisation.
    pub kind: AgentKind,
    /// Display name.
    pub name: String,
    /// Given name (persons).
    pub given: Option<String>,
    /// Family name (persons).
    pub family: Option<String>,
    /// Acronym (organisations).
    pub acronym: Option<String>,
    /// Other names.
    pub names: Vec<String>,
    /// Identifiers (ORCID, ROR, ...).
    pub identifiers: Vec<Identifier>,
    /// Uids merged into this agent.
    pub merged: Vec<String>,
    /// Its publications, with its role.
    pub publications: Vec<PublicationRef>,
    /// Its projects.
    pub projects: Vec<ProjectRef>,
}

impl From<pubcat::model::AgentRecord> for AgentRecord {
    fn from(r: pubcat::model::AgentRecord) -> Self {
        let a = r.agent;
        AgentRecord {
            uid: a.uid,
            kind: a.kind.into(),
            name: a.name,
            given: a.given,
            family: a.family,
            acronym: a.acronym,
            names: a.names,
            identifiers: map(a.identifiers),
            merged: r.merged,
            publications: map(r.publications),
            projects: map(r.projects),
        }
    }
}

/// A concept with its narrower concepts (a tree) and how many publications it tags.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ConceptNode {
    /// Concept uid.
    pub uid: String,
    /// Its vocabulary.
    pub scheme: Scheme,
    /// The broader concept's uid.
    pub broader: Option<String>,
    /// Preferred label per language tag.
    pub labels: HashMap<String, String>,
    /// Alternative labels.
    pub alt_labels: Vec<Label>,
    /// Identifiers (Wikidata, GeoNames, ...).
    pub identifiers: Vec<Identifier>,
    /// Publications tagged with this concept or a narrower one.
    pub publication_count: u64,
    /// Narrower concepts.
    pub narrower: Vec<ConceptNode>,
}

impl From<pubcat::model::ConceptNode> for ConceptNode {
    fn from(n: pubcat::model::ConceptNode) -> Self {
        let c = n.concept;
        ConceptNode {
            uid: c.uid,
            scheme: c.scheme.into(),
            broader: c.broader,
            labels: c.labels.into_iter().collect(),
            alt_labels: map(c.alt_labels),
            identifiers: map(c.identifiers),
            publication_count: n.publication_count,
            narrower: map(n.narrower),
        }
    }
}

/// Counts over the whole catalogue.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Stats {
    /// Publications (language versions).
    pub publications: u64,
    /// Works.
    pub works: u64,
    /// Works with more than one language version.
    pub multilingual_works: u64,
    /// Agents.
    pub agents: u64,
    /// Projects.
    pub projects: u64,
    /// Series.
    pub series: u64,
    /// Concepts.
    pub concepts: u64,
    /// Relations.
    pub relations: u64,
    /// The change-log version.
    pub version: i64,
    /// Publications per language.
    pub by_language: HashMap<String, u64>,
    /// Publications per kind code.
    pub by_kind: HashMap<String, u64>,
    /// Publications per year.
    pub by_year: HashMap<i32, u64>,
}

impl From<pubcat::model::Stats> for Stats {
    fn from(s: pubcat::model::Stats) -> Self {
        Stats {
            publications: s.publications,
            works: s.works,
            multilingual_works: s.multilingual_works,
            agents: s.agents,
            projects: s.projects,
            series: s.series,
            concepts: s.concepts,
            relations: s.relations,
            version: s.version,
            by_language: s.by_language.into_iter().collect(),
            by_kind: s.by_kind.into_iter().collect(),
            by_year: s.by_year.into_iter().collect(),
        }
    }
}

/// One change-log entry.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChangeRecord {
    /// Entity family (`publication`, `agent`, ...).
    pub entity: String,
    /// Entity uid (or relation key).
    pub uid: String,
    /// Written or deleted.
    pub op: ChangeOp,
    /// The version this change created.
    pub version: i64,
}

impl From<pubcat::model::ChangeRecord> for ChangeRecord {
    fn from(c: pubcat::model::ChangeRecord) -> Self {
        ChangeRecord {
            entity: c.entity,
            uid: c.uid,
            op: c.op.into(),
            version: c.version,
        }
    }
}

/// What changed since a version.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Changes {
    /// The current version: pass it to the next `changesSince`.
    pub version: i64,
    /// The changes, oldest first.
    pub changes: Vec<ChangeRecord>,
}

impl From<pubcat::model::Changes> for Changes {
    fn from(c: pubcat::model::Changes) -> Self {
        Changes {
            version: c.version,
            changes: map(c.changes),
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct ImportSummary {
    /// Entities that were new.
    pub added: u64,
    /// Entities that existed and changed.
    pub updated: u64,
    /// Entities that existed with the same values.
    pub unchanged: u64,
}

impl From<pubcat::formats::ImportSummary> for ImportSummary {
    fn from(s: pubcat::formats::ImportSummary) -> Self {
        ImportSummary {
            added: s.added,
            updated: s.updated,
            unchanged: s.unchanged,
        }
    }
}
