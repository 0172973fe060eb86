//! The write form of a series.

use serde::{Deserialize, Serialize};

/// A named series of publications ("IPIS Due Diligence series").
///
/// ```
/// use pubcat::model::Series;
/// let s = Series::new("ipis-due-diligence", "IPIS Due Diligence series");
/// assert!(s.publisher.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Series {
    /// Stable key.
    pub uid: String,
    /// Name.
    pub name: String,
    /// The publishing agent's uid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub publisher: Option<String>,
}

impl Series {
    /// A series without publisher.
    pub fn new(uid: impl Into<String>, name: impl Into<String>) -> Self {
        Series {
            uid: uid.into(),
            name: name.into(),
            publisher: None,
        }
    }
}
