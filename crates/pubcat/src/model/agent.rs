//! The write form of an agent: a person or an organisation.

use serde::{Deserialize, Serialize};

use super::publication::Identifier;
use super::vocab::AgentKind;

/// A person or an organisation that writes, edits, funds or partners.
///
/// ```
/// use pubcat::model::{Agent, AgentKind};
/// let mut ipis = Agent::new("ipis", AgentKind::Organization, "IPIS");
/// ipis.names.push("International Peace Information Service".into());
/// assert_eq!(ipis.kind, AgentKind::Organization);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Agent {
    /// Stable key.
    pub uid: String,
    /// Person or organisation.
    pub kind: AgentKind,
    /// Display name.
    pub name: String,
    /// Persons: given name(s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub given: Option<String>,
    /// Persons: family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub family: Option<String>,
    /// Organisations: acronym.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub acronym: Option<String>,
    /// Other names the agent is known by (searchable).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub names: Vec<String>,
    /// ORCID, ROR, ISNI, Wikidata, VIAF, URL.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub identifiers: Vec<Identifier>,
}

impl Agent {
    /// An agent with only the required fields.
    pub fn new(uid: impl Into<String>, kind: AgentKind, name: impl Into<String>) -> Self {
        Agent {
            uid: uid.into(),
            kind,
            name: name.into(),
            given: None,
            family: None,
            acronym: None,
            names: Vec::new(),
            identifiers: Vec::new(),
        }
    }
}
