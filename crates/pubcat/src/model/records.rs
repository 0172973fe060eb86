//! Read forms: what the catalogue returns, with references resolved to names and labels.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::agent::Agent;
use super::concept::Concept;
use super::project::Project;
use super::publication::{with_publication_fields, Identifier, Link};
use super::vocab::{AgentKind, Kind, ProjectRole, RelationType, Role, Scheme};

/// A partial date as stored: the EDTF text and the span of days it may mean.
///
/// ```
/// use pubcat::model::{DateInfo, PartialDate};
/// let info = DateInfo::from(&PartialDate::parse("2021-07").unwrap());
/// assert_eq!(info.upper.to_string(), "2021-07-31");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DateInfo {
    /// EDTF text (`2012`, `2021-07`, `2012~`, `2016/2017`).
    pub edtf: String,
    /// First day it may mean.
    pub lower: NaiveDate,
    /// Last day it may mean.
    pub upper: NaiveDate,
    /// `day`, `month` or `year`.
    pub precision: String,
}

impl From<&super::date::PartialDate> for DateInfo {
    fn from(date: &super::date::PartialDate) -> Self {
        DateInfo {
            edtf: date.edtf().to_owned(),
            lower: date.lower(),
            upper: date.upper(),
            precision: date.precision().as_str().to_owned(),
        }
    }
}

/// A contributor with the agent's name resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ContributorRecord {
    /// Agent uid.
    pub agent: String,
    /// Agent display name.
    pub name: String,
    /// Person or organisation.
    pub agent_kind: AgentKind,
    /// Role in the publication.
    pub role: Role,
    /// Affiliation as printed.
    pub affiliation: Option<String>,
}

/// A short reference to a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ProjectRef {
    /// Project uid.
    pub uid: String,
    /// Name.
    pub name: String,
    /// Acronym.
    pub acronym: Option<String>,
}

/// A publication's series and number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SeriesRef {
    /// Series uid.
    pub uid: String,
    /// Name.
    pub name: String,
    /// The publication's number in it.
    pub number: Option<String>,
}

/// A concept attached to a publication, with its labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ConceptRef {
    /// Concept uid.
    pub uid: String,
    /// Scheme.
    pub scheme: Scheme,
    /// Preferred labels per language.
    pub labels: BTreeMap<String, String>,
    /// For a tag pubcat found in the text (automatic tagging): the label that matched. None
    /// for a tag a person gave.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub matched_label: Option<String>,
}

/// Another language version of the same work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TranslationRef {
    /// Publication uid.
    pub uid: String,
    /// Its language.
    pub language: String,
    /// Its title.
    pub title: String,
    /// Whether it is the original.
    pub original: bool,
}

/// A relation seen from one publication (the inverse is derived when needed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RelatedRecord {
    /// The relation type, read from the publication asked about.
    #[serde(rename = "type")]
    pub relation_type: RelationType,
    /// The other publication's uid.
    pub uid: String,
    /// Its title.
    pub title: String,
    /// Its language.
    pub language: String,
}

with_publication_fields! {
    [] []
    /// A publication with everything attached.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    #[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
    #[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
    pub struct PublicationRecord {
        /// Uid.
        pub uid: String,
        /// The work's uid.
        pub work: String,
        ..
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
        /// Identifiers.
        pub identifiers: Vec<Identifier>,
        /// Links.
        pub links: Vec<Link>,
        /// The other language versions of the work.
        pub translations: Vec<TranslationRef>,
        /// Typed relations, both directions.
        pub relations: Vec<RelatedRecord>,
        /// When it was first written (RFC 3339, UTC).
        #[cfg_attr(feature = "json-schema", schemars(extend("format" = "date-time")))]
        pub created_at: String,
        /// When it was last changed (RFC 3339, UTC).
        #[cfg_attr(feature = "json-schema", schemars(extend("format" = "date-time")))]
        pub updated_at: String,
    }
}

/// A short reference to a publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PublicationRef {
    /// Uid.
    pub uid: String,
    /// Title.
    pub title: String,
    /// Language.
    pub language: String,
    /// Kind.
    pub kind: Kind,
    /// Date (EDTF).
    pub date: Option<String>,
    /// The agent's role, in an agent's list of publications.
    pub role: Option<Role>,
}

/// A project member with the agent's name resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ProjectMemberRecord {
    /// Agent uid.
    pub agent: String,
    /// Agent name.
    pub name: String,
    /// Role.
    pub role: ProjectRole,
}

/// A project with its members and publications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ProjectRecord {
    /// The project as written.
    #[serde(flatten)]
    pub project: Project,
    /// Its dates.
    pub date_info: Option<DateInfo>,
    /// Members with names.
    pub member_records: Vec<ProjectMemberRecord>,
    /// Its publications, newest first.
    pub publications: Vec<PublicationRef>,
}

/// An agent with its publications and projects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AgentRecord {
    /// The agent as written.
    #[serde(flatten)]
    pub agent: Agent,
    /// Uids of agents merged into this one.
    pub merged: Vec<String>,
    /// Its contributions, newest first.
    pub publications: Vec<PublicationRef>,
    /// Projects it takes part in.
    pub projects: Vec<ProjectRef>,
}

/// Counts over the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Stats {
    /// Publications (language versions).
    pub publications: i64,
    /// Works.
    pub works: i64,
    /// Works with more than one language version.
    pub multilingual_works: i64,
    /// Agents (not counting merged records).
    pub agents: i64,
    /// Projects.
    pub projects: i64,
    /// Series.
    pub series: i64,
    /// Concepts.
    pub concepts: i64,
    /// Relations.
    pub relations: i64,
    /// The change-log version.
    pub version: i64,
    /// Publications per language.
    pub by_language: BTreeMap<String, i64>,
    /// Publications per kind.
    pub by_kind: BTreeMap<String, i64>,
    /// Publications per year (of the date's lower bound).
    pub by_year: BTreeMap<i32, i64>,
}

/// Whether a change added/changed or deleted the entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ChangeOp {
    /// Added or changed.
    Upsert,
    /// Deleted.
    Delete,
}

/// One changed entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ChangeRecord {
    /// `publication`, `agent`, `project`, `series`, `concept` or `relation`.
    pub entity: String,
    /// Its uid (relations: `source type target`).
    pub uid: String,
    /// What happened last.
    pub op: ChangeOp,
    /// The version of that change.
    pub version: i64,
}

/// What changed after a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Changes {
    /// The catalogue's current version: pass it next time.
    pub version: i64,
    /// Changed entities, oldest change first.
    pub changes: Vec<ChangeRecord>,
}

impl From<Concept> for ConceptRef {
    fn from(concept: Concept) -> Self {
        ConceptRef {
            uid: concept.uid,
            scheme: concept.scheme,
            labels: concept.labels,
            matched_label: None,
        }
    }
}
