//! Concepts of controlled, multilingual, hierarchical vocabularies.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::publication::Identifier;
use super::vocab::Scheme;

/// A concept: a mineral, a place, an actor or a theme, with labels per language.
///
/// ```
/// use pubcat::model::{Concept, Scheme};
/// let mut sk = Concept::new("south-kivu", Scheme::Place);
/// sk.labels.insert("en".into(), "South Kivu".into());
/// sk.labels.insert("fr".into(), "Sud-Kivu".into());
/// sk.broader = Some("eastern-drc".into());
/// assert_eq!(sk.labels["fr"], "Sud-Kivu");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Concept {
    /// Stable key.
    pub uid: String,
    /// The vocabulary.
    pub scheme: Scheme,
    /// The broader concept's uid (same scheme).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub broader: Option<String>,
    /// Preferred label per language (BCP 47 tag → label). At least one.
    pub labels: BTreeMap<String, String>,
    /// Alternative labels ("3T", "DRC").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub alt_labels: Vec<Label>,
    /// Wikidata, GeoNames, URL.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub identifiers: Vec<Identifier>,
    /// Labels (preferred or alternative) that are also common words in their language
    /// (French `or`): automatic tagging takes them only in a text of that language that also
    /// names another concept of the same scheme.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub ambiguous: Vec<Label>,
}

impl Concept {
    /// A concept without labels (add at least one before writing).
    pub fn new(uid: impl Into<String>, scheme: Scheme) -> Self {
        Concept {
            uid: uid.into(),
            scheme,
            broader: None,
            labels: BTreeMap::new(),
            alt_labels: Vec::new(),
            identifiers: Vec::new(),
            ambiguous: Vec::new(),
        }
    }

    /// The label for the first language of `preferences` that has one, else English, else any.
    pub fn label_for(&self, preferences: &[&str]) -> Option<&str> {
        preferences
            .iter()
            .chain(["en"].iter())
            .find_map(|lang| self.labels.get(*lang))
            .or_else(|| self.labels.values().next())
            .map(String::as_str)
    }
}

/// A label in one language.
///
/// ```
/// use pubcat::model::Label;
/// let l = Label::new("en", "3T");
/// assert_eq!(l.label, "3T");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// BCP 47 tag.
    pub language: String,
    /// Text.
    pub label: String,
}

impl Label {
    /// A label.
    pub fn new(language: impl Into<String>, label: impl Into<String>) -> Self {
        Label {
            language: language.into(),
            label: label.into(),
        }
    }
}

/// A concept with its narrower concepts: one node of a scheme's tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ConceptNode {
    /// The concept.
    #[serde(flatten)]
    pub concept: Concept,
    /// How many publications are tagged with it directly.
    pub publication_count: i64,
    /// Narrower concepts, ordered by uid.
    pub narrower: Vec<ConceptNode>,
}
