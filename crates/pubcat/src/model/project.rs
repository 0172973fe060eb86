//! The write form of a project.

use serde::{Deserialize, Serialize};

use super::vocab::ProjectRole;

/// A multi-partner project (e.g. Madini). Its publications are linked from each publication's
/// `projects` list.
///
/// ```
/// use pubcat::model::{Project, ProjectMember, ProjectRole};
/// let mut madini = Project::new("madini", "Madini");
/// madini.members.push(ProjectMember::new("ipis", ProjectRole::Partner));
/// assert_eq!(madini.members.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// Stable key.
    pub uid: String,
    /// Name.
    pub name: String,
    /// Acronym.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub acronym: Option<String>,
    /// Summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub summary: Option<String>,
    /// Web page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub url: Option<String>,
    /// Duration as EDTF (`2019/2023`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub date: Option<String>,
    /// Coordinators, partners and funders, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub members: Vec<ProjectMember>,
}

impl Project {
    /// A project with only the required fields.
    pub fn new(uid: impl Into<String>, name: impl Into<String>) -> Self {
        Project {
            uid: uid.into(),
            name: name.into(),
            acronym: None,
            summary: None,
            url: None,
            date: None,
            members: Vec::new(),
        }
    }
}

/// An agent's role in a project.
///
/// ```
/// use pubcat::model::{ProjectMember, ProjectRole};
/// assert_eq!(ProjectMember::new("eu", ProjectRole::Funder).role, ProjectRole::Funder);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct ProjectMember {
    /// The agent's uid.
    pub agent: String,
    /// Its role.
    pub role: ProjectRole,
}

impl ProjectMember {
    /// A member with a role.
    pub fn new(agent: impl Into<String>, role: ProjectRole) -> Self {
        ProjectMember {
            agent: agent.into(),
            role,
        }
    }
}
