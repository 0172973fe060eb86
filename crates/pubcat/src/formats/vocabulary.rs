//! Vocabulary files (`"format": "pubcat-vocabulary"`): one concept scheme with its sources,
//! as shipped in `data/vocabularies/` and as users write their own. Loaded as concepts (a
//! concept that exists is replaced: a vocabulary file is the authority on its concepts).

use serde::{Deserialize, Serialize};

use super::native::CatalogDocument;
use crate::error::{Error, Position, Result};
use crate::model::{Concept, Label, Scheme};

/// The `format` field of a vocabulary file.
pub const VOCABULARY_FORMAT: &str = "pubcat-vocabulary";

/// A vocabulary file: one concept scheme, where its lists come from, and its concepts
/// (broader before narrower).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    /// Always `"pubcat-vocabulary"`.
    pub format: String,
    /// The file's version (1).
    pub version: u32,
    /// The scheme of every concept in it.
    pub scheme: Scheme,
    /// A title.
    pub title: String,
    /// What it holds and how it is organised.
    #[serde(default)]
    pub description: String,
    /// Where each list comes from.
    #[serde(default)]
    pub sources: Vec<String>,
    /// The concepts.
    pub concepts: Vec<VocabularyConcept>,
}

/// A concept as a vocabulary file writes it: [`Concept`] without identifiers (allowed) and
/// with its scheme implied by the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VocabularyConcept {
    /// Stable key.
    pub uid: String,
    /// The file's scheme (may be left out).
    #[serde(default)]
    pub scheme: Option<Scheme>,
    /// The broader concept's uid.
    #[serde(default)]
    pub broader: Option<String>,
    /// Preferred label per language.
    pub labels: std::collections::BTreeMap<String, String>,
    /// Alternative labels.
    #[serde(default)]
    pub alt_labels: Vec<Label>,
    /// Labels that are also common words.
    #[serde(default)]
    pub ambiguous: Vec<Label>,
    /// Identifiers.
    #[serde(default)]
    pub identifiers: Vec<crate::model::Identifier>,
}

impl Vocabulary {
    /// Reads a vocabulary file.
    pub fn parse(text: &str) -> Result<Vocabulary> {
        let vocabulary: Vocabulary = serde_json::from_str(text).map_err(|e| {
            Error::parse_at(
                Position {
                    line: Some(e.line() as u64),
                    record: None,
                    field: None,
                },
                format!("not a vocabulary file: {e}"),
            )
        })?;
        if vocabulary.format != VOCABULARY_FORMAT {
            return Err(Error::parse_at(
                Position::default(),
                format!(
                    "format `{}` is not `{VOCABULARY_FORMAT}`",
                    vocabulary.format
                ),
            ));
        }
        if let Some(c) = vocabulary
            .concepts
            .iter()
            .find(|c| c.scheme.is_some_and(|s| s != vocabulary.scheme))
        {
            return Err(Error::parse_at(
                Position::default(),
                format!(
                    "concept `{}` is not of the file's scheme {}",
                    c.uid, vocabulary.scheme
                ),
            ));
        }
        Ok(vocabulary)
    }

    /// Its concepts as a native document (broader first, as the file orders them).
    pub fn to_document(&self) -> CatalogDocument {
        CatalogDocument {
            concepts: self
                .concepts
                .iter()
                .map(|c| Concept {
                    uid: c.uid.clone(),
                    scheme: self.scheme,
                    broader: c.broader.clone(),
                    labels: c.labels.clone(),
                    alt_labels: c.alt_labels.clone(),
                    identifiers: c.identifiers.clone(),
                    ambiguous: c.ambiguous.clone(),
                })
                .collect(),
            ..CatalogDocument::default()
        }
    }
}

/// The vocabularies shipped with pubcat (see `data/vocabularies/`: each file names its
/// sources): places, minerals, armed and state actors, themes.
pub const BUILTIN_VOCABULARIES: [(&str, &str); 4] = [
    (
        "places",
        include_str!("../../data/vocabularies/places.json"),
    ),
    (
        "minerals",
        include_str!("../../data/vocabularies/minerals.json"),
    ),
    (
        "actors",
        include_str!("../../data/vocabularies/actors.json"),
    ),
    (
        "themes",
        include_str!("../../data/vocabularies/themes.json"),
    ),
];
