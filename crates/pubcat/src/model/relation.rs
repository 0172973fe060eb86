//! Typed relations between publications.

use serde::{Deserialize, Serialize};

use super::vocab::RelationType;

/// A DataCite-typed link from one publication to another.
///
/// ```
/// use pubcat::model::{Relation, RelationType};
/// let r = Relation::new("m23-2013", RelationType::IsNewVersionOf, "m23-2012");
/// assert_eq!(r.relation_type.inverse(), RelationType::IsPreviousVersionOf);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// The publication the relation is read from.
    pub source: String,
    /// The DataCite relation type.
    #[serde(rename = "type")]
    pub relation_type: RelationType,
    /// The publication it points to.
    pub target: String,
}

impl Relation {
    /// A relation `source relation_type target`.
    pub fn new(
        source: impl Into<String>,
        relation_type: RelationType,
        target: impl Into<String>,
    ) -> Self {
        Relation {
            source: source.into(),
            relation_type,
            target: target.into(),
        }
    }

    /// The same fact in its stored direction.
    pub fn canonical(&self) -> Relation {
        let (relation_type, swap) = self.relation_type.canonical();
        let (source, target) = if swap
            || (relation_type == RelationType::IsIdenticalTo && self.source > self.target)
        {
            (self.target.clone(), self.source.clone())
        } else {
            (self.source.clone(), self.target.clone())
        };
        Relation {
            source,
            relation_type,
            target,
        }
    }

    /// The key used in the change log: `source type target` of the canonical direction.
    pub fn change_key(&self) -> String {
        let c = self.canonical();
        format!("{} {} {}", c.source, c.relation_type, c.target)
    }
}
