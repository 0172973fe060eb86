//! Values written as JSON in the core's serde form (the form of `exportJson`, of the
//! conformance vectors and of the Python binding's dicts), read into the core's records: a
//! query kept as text (a saved search, a deep link, a query sent by a server) or a record
//! received as JSON, without writing a converter in Kotlin or Swift. The Kotlin conformance
//! runner hands the core, through them, the values Kotlin's types cannot express.
//!
//! Each function only parses with the core's serde types (which reject unknown fields and
//! unknown codes); a rejected text is `InvalidQuery` for a query and `InvalidInput` for a
//! record, as in the Python binding.

use pubcat::model::{Agent, Concept, Project, Publication, Relation, Series};
use pubcat::query::Query;

use crate::error::{PubcatError, Result};

/// The core's `invalid_input` error about `what`, for a serde rejection.
fn invalid(what: &'static str) -> impl FnOnce(serde_json::Error) -> PubcatError {
    move |e| pubcat::Error::invalid(what, e.to_string()).into()
}

/// A query from JSON (`{"text": "cobalt", "kinds": ["report"], "sort": "date_desc"}`); every
/// key may be left out, `{}` matches everything. `InvalidQuery` for an unknown key, an unknown
/// code or a value of the wrong type. (Kotlin: `queryFromJson`.)
#[uniffi::export]
pub fn query_from_json(json: String) -> Result<Query> {
    Ok(serde_json::from_str(&json)
        .map_err(|e| pubcat::Error::InvalidQuery(format!("query: {e}")))?)
}

/// A publication from JSON (`{"uid": ..., "language": "en", "title": ..., "kind": "report"}`).
/// `InvalidInput` for an unknown key, a missing required key, an unknown code or a value of the
/// wrong type; the values themselves are checked when the publication is written.
#[uniffi::export]
pub fn publication_from_json(json: String) -> Result<Publication> {
    serde_json::from_str(&json).map_err(invalid("publication"))
}

/// An agent from JSON (`{"uid": ..., "kind": "person", "name": ...}`); errors as
/// [`publication_from_json`].
#[uniffi::export]
pub fn agent_from_json(json: String) -> Result<Agent> {
    serde_json::from_str(&json).map_err(invalid("agent"))
}

/// A project from JSON (`{"uid": ..., "name": ...}`); errors as [`publication_from_json`].
#[uniffi::export]
pub fn project_from_json(json: String) -> Result<Project> {
    serde_json::from_str(&json).map_err(invalid("project"))
}

/// A series from JSON (`{"uid": ..., "name": ...}`); errors as [`publication_from_json`].
#[uniffi::export]
pub fn series_from_json(json: String) -> Result<Series> {
    serde_json::from_str(&json).map_err(invalid("series"))
}

/// A concept from JSON (`{"uid": ..., "scheme": "mineral", "labels": {"en": ...}}`); errors as
/// [`publication_from_json`].
#[uniffi::export]
pub fn concept_from_json(json: String) -> Result<Concept> {
    serde_json::from_str(&json).map_err(invalid("concept"))
}

/// A relation from JSON (`{"source": ..., "type": "IsNewVersionOf", "target": ...}`); errors
/// as [`publication_from_json`].
#[uniffi::export]
pub fn relation_from_json(json: String) -> Result<Relation> {
    serde_json::from_str(&json).map_err(invalid("relation"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use pubcat::model::Kind;
    use pubcat::query::Sort;

    #[test]
    fn a_query_parses_and_its_errors_are_invalid_query() {
        let q = query_from_json(
            r#"{"text": "cobalt", "kinds": ["report"], "sort": "date_asc", "limit": 5}"#.into(),
        )
        .expect("query");
        assert_eq!(q.text.as_deref(), Some("cobalt"));
        assert_eq!(q.kinds, [Kind::Report]);
        assert_eq!(q.sort, Some(Sort::DateAsc));
        assert_eq!(q.limit, Some(5));
        assert_eq!(
            query_from_json("{}".into()).expect("empty"),
            Query::default()
        );
        for bad in [
            r#"{"sort": "colour"}"#,
            r#"{"colour": 1}"#,
            r#"{"limit": "ten"}"#,
            "[",
        ] {
            let err = query_from_json(bad.into()).expect_err(bad);
            assert!(
                matches!(err, PubcatError::InvalidQuery { .. }),
                "{bad}: {err:?}"
            );
        }
    }

    #[test]
    fn records_parse_and_their_errors_are_invalid_input() {
        let p = publication_from_json(
            r#"{"uid": "p", "language": "en", "title": "T", "kind": "policy_brief"}"#.into(),
        )
        .expect("publication");
        assert_eq!((p.uid.as_str(), p.kind), ("p", Kind::PolicyBrief));
        let r = relation_from_json(r#"{"source": "a", "type": "IsPartOf", "target": "b"}"#.into())
            .expect("relation");
        assert_eq!(r.target, "b");
        for err in [
            publication_from_json(
                r#"{"uid": "p", "language": "en", "title": "T", "kind": "novel"}"#.into(),
            )
            .map(drop),
            publication_from_json(r#"{"uid": "p", "language": "en", "title": "T"}"#.into())
                .map(drop),
            agent_from_json(r#"{"uid": "a", "kind": "person", "name": "A", "colour": 1}"#.into())
                .map(drop),
            project_from_json("{}".into()).map(drop),
            series_from_json("null".into()).map(drop),
            concept_from_json(r#"{"uid": "c", "scheme": "planet", "labels": {"en": "C"}}"#.into())
                .map(drop),
            relation_from_json(r#"{"source": "a", "type": "IsFriendOf", "target": "b"}"#.into())
                .map(drop),
        ] {
            assert!(
                matches!(err, Err(PubcatError::InvalidInput { .. })),
                "{err:?}"
            );
        }
    }
}
