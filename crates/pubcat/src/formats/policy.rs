//! The merge policy of an import: what happens to a stored value that a file gives
//! differently, field by field ([`reconcile`]), and what an import changed ([`diff`]).
//!
//! Two rules hold whatever the policy:
//! - a value the file does not give (empty, absent) never erases a stored one;
//! - a *degraded* value never replaces the stored one: the same text with typographic
//!   characters turned into `?` or U+FFFD, with its diacritics lost, or cut short (an excerpt
//!   replacing the full summary). Such a value is kept out and reported.
//!
//! Between two genuinely different values, [`OnConflict`] decides: `keep` the stored one,
//! `replace` it with the file's, or `report` (keep it, and the import writes nothing when
//! there is any conflict).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::text::collapse_spaces;
use crate::error::{Error, Result};

/// What an import does with a stored value that the file gives differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum OnConflict {
    /// Keep the stored value (the default for listings, CSV, BibTeX, RIS and CSL-JSON: what
    /// a person curated wins over a flat file).
    Keep,
    /// Write the file's value (the default for pubcat's native JSON and JSON Lines, which
    /// carry whole records).
    Replace,
    /// Keep the stored value, and write nothing at all when the file disagrees anywhere: the
    /// report lists every difference, for a person to decide.
    Report,
}

impl std::str::FromStr for OnConflict {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "keep" => Ok(OnConflict::Keep),
            "replace" => Ok(OnConflict::Replace),
            "report" => Ok(OnConflict::Report),
            other => Err(Error::invalid(
                "on_conflict",
                format!("`{other}` is not one of keep, replace, report"),
            )),
        }
    }
}

/// One field of one record whose stored value and the file's differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Conflict {
    /// The record's uid.
    pub uid: String,
    /// The field.
    pub field: String,
    /// The stored value (text as is; other values as compact JSON).
    pub stored: String,
    /// The file's value.
    pub incoming: String,
    /// What the import did: `kept`, `replaced`, or `kept: <why the file's value is degraded>`.
    pub resolution: String,
}

/// One changed field of a record: its value before and after (as in [`Conflict`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FieldChange {
    /// The field.
    pub field: String,
    /// Its value before (empty when it had none).
    pub old: String,
    /// Its value after (empty when it has none).
    pub new: String,
}

/// A value for display: text as is, nothing as empty, anything else as compact JSON.
pub(crate) fn display(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(items) => items.is_empty(),
        Value::Bool(b) => !b,
        _ => false,
    }
}

/// Why `new` is a degraded copy of `old`, if it is one.
pub(crate) fn degraded(old: &str, new: &str) -> Option<&'static str> {
    let (old, new) = (collapse_spaces(old), collapse_spaces(new));
    if old == new {
        return None;
    }
    if new.contains('\u{FFFD}') && !old.contains('\u{FFFD}') {
        return Some("replacement characters (U+FFFD) in the file's text");
    }
    let (o, n): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
    if o.len() == n.len()
        && o.iter()
            .zip(&n)
            .all(|(a, b)| a == b || (*b == '?' && !a.is_ascii()))
    {
        return Some("typographic characters turned into `?` in the file's text");
    }
    if o.len() == n.len() && lost_diacritics(&o, &n) {
        return Some("the file's text lost its diacritics");
    }
    let bare = new
        .trim_end_matches(['…', '.', ' ', '[', ']', '(', ')'])
        .trim_end();
    if bare.len() >= 20 && bare.len() < old.len() && old.starts_with(bare) {
        return Some("the file's text is cut short (an excerpt of the stored one)");
    }
    None
}

/// Whether `new` is `old` with some accented letters replaced by their base letters (and
/// nothing else changed).
fn lost_diacritics(old: &[char], new: &[char]) -> bool {
    use unicode_normalization::UnicodeNormalization;
    let mut any = false;
    for (a, b) in old.iter().zip(new) {
        if a == b {
            continue;
        }
        if a.to_string().nfd().next() != Some(*b) {
            return false;
        }
        any = true;
    }
    any
}

/// Reconciles the stored record `old` with the file's `new` (both in their serde form),
/// field by field, following `policy` and the two rules above. Returns the record to write;
/// pushes every disagreement to `conflicts`.
pub(crate) fn reconcile(
    uid: &str,
    old: &Map<String, Value>,
    new: Map<String, Value>,
    policy: OnConflict,
    conflicts: &mut Vec<Conflict>,
) -> Map<String, Value> {
    let mut out = new;
    for (field, stored) in old {
        if is_empty(stored) {
            continue;
        }
        let incoming = out.get(field).cloned().unwrap_or(Value::Null);
        if &incoming == stored {
            continue;
        }
        if is_empty(&incoming) {
            out.insert(field.clone(), stored.clone());
            continue;
        }
        let why = match (stored, &incoming) {
            (Value::String(a), Value::String(b)) => degraded(a, b),
            _ => None,
        };
        let resolution = match (why, policy) {
            (Some(why), _) => format!("kept: {why}"),
            (None, OnConflict::Replace) => "replaced".to_owned(),
            (None, OnConflict::Keep | OnConflict::Report) => "kept".to_owned(),
        };
        if resolution != "replaced" {
            out.insert(field.clone(), stored.clone());
        }
        conflicts.push(Conflict {
            uid: uid.to_owned(),
            field: field.clone(),
            stored: display(stored),
            incoming: display(&incoming),
            resolution,
        });
    }
    out
}

/// The fields whose value differs between `old` and `new` (serde forms; a field absent from
/// one side is empty there).
pub(crate) fn diff(old: &Map<String, Value>, new: &Map<String, Value>) -> Vec<FieldChange> {
    let mut fields: Vec<&String> = old.keys().chain(new.keys()).collect();
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .filter_map(|field| {
            let (a, b) = (
                old.get(field).unwrap_or(&Value::Null),
                new.get(field).unwrap_or(&Value::Null),
            );
            let empty = |v: &Value| is_empty(v) && !matches!(v, Value::Bool(true));
            (a != b && !(empty(a) && empty(b))).then(|| FieldChange {
                field: field.clone(),
                old: display(a),
                new: display(b),
            })
        })
        .collect()
}

/// The serde form of a record as a JSON object.
pub(crate) fn to_object(value: &impl Serialize) -> Result<Map<String, Value>> {
    match serde_json::to_value(value).map_err(|e| Error::invalid("record", e.to_string()))? {
        Value::Object(map) => Ok(map),
        _ => Err(Error::invalid("record", "not an object")),
    }
}

/// A record back from its serde form.
pub(crate) fn from_object<T: serde::de::DeserializeOwned>(map: Map<String, Value>) -> Result<T> {
    serde_json::from_value(Value::Object(map)).map_err(|e| Error::invalid("record", e.to_string()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn degraded_values_are_recognised() {
        let full = "Belgium’s fight against conflict minerals: a review of the 2021 EU regulation";
        for (new, degraded_) in [
            ("Belgium?s fight against conflict minerals: a review of the 2021 EU regulation", true),
            ("Belgium\u{FFFD}s fight against conflict minerals: a review of the 2021 EU regulation", true),
            ("Belgium’s fight against conflict minerals: a review of the 2021 […]", true),
            ("Belgium’s fight against conflict minerals", true),
            ("Belgium's fight against conflict minerals: a review of the 2021 EU regulation", false),
            ("A different title altogether", false),
        ] {
            assert_eq!(degraded(full, new).is_some(), degraded_, "{new}");
        }
        assert!(degraded("Étain et coltan au Sud-Kivu", "Etain et coltan au Sud-Kivu").is_some());
        assert!(degraded("Etain", "Étain").is_none());
    }

    #[test]
    fn reconcile_follows_the_policy_and_never_erases_or_degrades() {
        let old = to_object(&serde_json::json!({
            "title": "Belgium’s fight", "summary": "Full text of the summary, long enough.",
            "date": "2021", "subtitle": "Stored"
        }))
        .unwrap();
        let new = to_object(&serde_json::json!({
            "title": "Belgium?s fight", "summary": "A new summary", "date": null,
            "subtitle": "From the file"
        }))
        .unwrap();
        for (policy, summary, subtitle) in [
            (
                OnConflict::Keep,
                "Full text of the summary, long enough.",
                "Stored",
            ),
            (OnConflict::Replace, "A new summary", "From the file"),
            (
                OnConflict::Report,
                "Full text of the summary, long enough.",
                "Stored",
            ),
        ] {
            let mut conflicts = Vec::new();
            let out = reconcile("p", &old, new.clone(), policy, &mut conflicts);
            assert_eq!(
                out["title"], "Belgium’s fight",
                "{policy:?}: degraded kept out"
            );
            assert_eq!(out["date"], "2021", "{policy:?}: absent never erases");
            assert_eq!(out["summary"], summary, "{policy:?}");
            assert_eq!(out["subtitle"], subtitle, "{policy:?}");
            assert_eq!(conflicts.len(), 3, "{policy:?}: {conflicts:?}");
            assert!(conflicts
                .iter()
                .any(|c| c.field == "title" && c.resolution.starts_with("kept: ")));
        }
    }
}
