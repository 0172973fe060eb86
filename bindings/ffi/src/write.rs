//! Write forms: what callers give to `upsert*` and `addRelation` (mirrors of the core's
//! `pubcat::model` write types), referring to other entities by uid. Everything but the
//! identifying fields has a default.

use std::collections::HashMap;

use crate::vocab::{AgentKind, IdScheme, Kind, LinkKind, ProjectRole, RelationType, Role, Scheme};

fn map<A, B: From<A>>(items: Vec<A>) -> Vec<B> {
    items.into_iter().map(Into::into).collect()
}

/// Declares `From` both ways between a mirror record and its core type, field by field.
macro_rules! mirror_record {
    ($name:ident = $core:path { $($field:ident: $how:ident),+ $(,)? }) => {
        impl From<$core> for $name {
            fn from(v: $core) -> Self {
                $name { $($field: mirror_record!(@$how v.$field)),+ }
            }
        }
        impl From<$name> for $core {
            fn from(v: $name) -> Self {
                let $name { $($field),+ } = v;
                Self { $($field: mirror_record!(@$how $field)),+ }
            }
        }
    };
    (@same $e:expr) => { $e };
    (@into $e:expr) => { $e.into() };
    (@list $e:expr) => { map($e) };
    (@collect $e:expr) => { $e.into_iter().collect() };
}

/// An external identifier.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Identifier {
    /// Its scheme.
    pub scheme: IdScheme,
    /// The value (normalised on write: a DOI loses its `https://doi.org/` prefix).
    pub value: String,
}
mirror_record!(
    Identifier = pubcat::model::Identifier {
        scheme: into,
        value: same
    }
);

/// A link of a publication.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Link {
    /// http(s) address.
    pub url: String,
    /// What it points to.
    pub kind: LinkKind,
    /// MIME type.
    #[uniffi(default)]
    pub media_type: Option<String>,
    /// A label to show.
    #[uniffi(default)]
    pub label: Option<String>,
}
mirror_record!(
    Link = pubcat::model::Link {
        url: same,
        kind: into,
        media_type: same,
        label: same
    }
);

/// A contributor of a publication, by agent uid.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Contributor {
    /// Agent uid.
    pub agent: String,
    /// Role.
    pub role: Role,
    /// Affiliation agent uid.
    #[uniffi(default)]
    pub affiliation: Option<String>,
}
mirror_record!(
    Contributor = pubcat::model::Contributor {
        agent: same,
        role: into,
        affiliation: same
    }
);

/// A publication: one language version of a work.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Publication {
    /// Stable key.
    pub uid: String,
    /// Language (BCP 47).
    pub language: String,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: Kind,
    /// Work uid: versions in other languages share it (default: a new work).
    #[uniffi(default)]
    pub work: Option<String>,
    /// Whether this is the original language version.
    #[uniffi(default = false)]
    pub original: bool,
    /// Subtitle.
    #[uniffi(default)]
    pub subtitle: Option<String>,
    /// Summary.
    #[uniffi(default)]
    pub summary: Option<String>,
    /// Whether the summary is an excerpt of the text.
    #[uniffi(default = false)]
    pub summary_is_excerpt: bool,
    /// Full text.
    #[uniffi(default)]
    pub body: Option<String>,
    /// Date (EDTF: `2012`, `2021-07`, `2024-02-15`, `2012~`, `2016/2017`).
    #[uniffi(default)]
    pub date: Option<String>,
    /// Series uid.
    #[uniffi(default)]
    pub series: Option<String>,
    /// Number in the series.
    #[uniffi(default)]
    pub series_number: Option<String>,
    /// Page count.
    #[uniffi(default)]
    pub pages: Option<u32>,
    /// Contributors in order.
    #[uniffi(default)]
    pub contributors: Vec<Contributor>,
    /// Project uids.
    #[uniffi(default)]
    pub projects: Vec<String>,
    /// Concept uids.
    #[uniffi(default)]
    pub concepts: Vec<String>,
    /// Identifiers.
    #[uniffi(default)]
    pub identifiers: Vec<Identifier>,
    /// Links and files.
    #[uniffi(default)]
    pub links: Vec<Link>,
}
mirror_record!(
    Publication = pubcat::model::Publication {
        uid: same,
        language: same,
        title: same,
        kind: into,
        work: same,
        original: same,
        subtitle: same,
        summary: same,
        summary_is_excerpt: same,
        body: same,
        date: same,
        series: same,
        series_number: same,
        pages: same,
        contributors: list,
        projects: same,
        concepts: same,
        identifiers: list,
        links: list,
    }
);

/// A person or an organisation.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Agent {
    /// Stable key.
    pub uid: String,
    /// Person or organisation.
    pub kind: AgentKind,
    /// Display name.
    pub name: String,
    /// Given name (persons).
    #[uniffi(default)]
    pub given: Option<String>,
    /// Family name (persons).
    #[uniffi(default)]
    pub family: Option<String>,
    /// Acronym (organisations).
    #[uniffi(default)]
    pub acronym: Option<String>,
    /// Other names.
    #[uniffi(default)]
    pub names: Vec<String>,
    /// Identifiers (ORCID, ROR, ...).
    #[uniffi(default)]
    pub identifiers: Vec<Identifier>,
}
mirror_record!(
    Agent = pubcat::model::Agent {
        uid: same,
        kind: into,
        name: same,
        given: same,
        family: same,
        acronym: same,
        names: same,
        identifiers: list,
    }
);

/// A member of a project, by agent uid.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ProjectMember {
    /// Agent uid.
    pub agent: String,
    /// Role.
    pub role: ProjectRole,
}
mirror_record!(
    ProjectMember = pubcat::model::ProjectMember {
        agent: same,
        role: into
    }
);

/// A project.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Project {
    /// Stable key.
    pub uid: String,
    /// Name.
    pub name: String,
    /// Acronym.
    #[uniffi(default)]
    pub acronym: Option<String>,
    /// Summary.
    #[uniffi(default)]
    pub summary: Option<String>,
    /// Web page.
    #[uniffi(default)]
    pub url: Option<String>,
    /// Dates (EDTF).
    #[uniffi(default)]
    pub date: Option<String>,
    /// Members.
    #[uniffi(default)]
    pub members: Vec<ProjectMember>,
}
mirror_record!(
    Project = pubcat::model::Project {
        uid: same,
        name: same,
        acronym: same,
        summary: same,
        url: same,
        date: same,
        members: list,
    }
);

/// A series of publications.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Series {
    /// Stable key.
    pub uid: String,
    /// Name.
    pub name: String,
    /// Publisher agent uid.
    #[uniffi(default)]
    pub publisher: Option<String>,
}
mirror_record!(
    Series = pubcat::model::Series {
        uid: same,
        name: same,
        publisher: same
    }
);

/// An alternative label of a concept.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Label {
    /// Language tag.
    pub language: String,
    /// The label.
    pub label: String,
}
mirror_record!(
    Label = pubcat::model::Label {
        language: same,
        label: same
    }
);

/// A concept of a controlled vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Concept {
    /// Stable key.
    pub uid: String,
    /// Its vocabulary.
    pub scheme: Scheme,
    /// Preferred label per language tag (at least one).
    pub labels: HashMap<String, String>,
    /// The broader concept's uid.
    #[uniffi(default)]
    pub broader: Option<String>,
    /// Alternative labels.
    #[uniffi(default)]
    pub alt_labels: Vec<Label>,
    /// Identifiers (Wikidata, GeoNames, ...).
    #[uniffi(default)]
    pub identifiers: Vec<Identifier>,
}
mirror_record!(
    Concept = pubcat::model::Concept {
        uid: same,
        scheme: into,
        labels: collect,
        broader: same,
        alt_labels: list,
        identifiers: list,
    }
);

/// A typed relation between two publications.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Relation {
    /// Source publication uid.
    pub source: String,
    /// DataCite relation type (JSON: `type`).
    pub relation_type: RelationType,
    /// Target publication uid.
    pub target: String,
}
mirror_record!(
    Relation = pubcat::model::Relation {
        source: same,
        relation_type: into,
        target: same
    }
);
