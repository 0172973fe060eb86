//! Plain data types of the catalogue (serde-serialisable, no database handles).
//!
//! Write forms ([`Publication`], [`Agent`], [`Project`], [`Series`], [`Concept`],
//! [`Relation`]) refer to other entities by `uid`. Read forms ([`PublicationRecord`],
//! [`AgentRecord`], [`ProjectRecord`], [`ConceptNode`]) resolve those references into names
//! and labels.

pub(crate) mod agent;
pub(crate) mod concept;
pub(crate) mod date;
pub(crate) mod fold;
pub(crate) mod fts_words;
pub(crate) mod language;
pub(crate) mod project;
pub(crate) mod publication;
pub(crate) mod records;
pub(crate) mod relation;
pub(crate) mod series;
pub(crate) mod stopwords;
pub(crate) mod vocab;

pub use agent::Agent;
pub use concept::{Concept, ConceptNode, Label};
pub use date::{PartialDate, Precision};
pub use project::{Project, ProjectMember};
pub use publication::{Contributor, Identifier, Link, Publication};
pub use records::{
    AgentRecord, ChangeOp, ChangeRecord, Changes, ConceptRef, ContributorRecord, DateInfo,
    ProjectMemberRecord, ProjectRecord, ProjectRef, PublicationRecord, PublicationRef,
    RelatedRecord, SeriesRef, Stats, TranslationRef,
};
pub use relation::Relation;
pub use series::Series;
pub use vocab::{AgentKind, IdScheme, Kind, LinkKind, ProjectRole, RelationType, Role, Scheme};

/// Trims a text field; empty or whitespace-only text becomes `None`.
/// How the flat forms (the CSV table, the columns of a DataFrame) join a list into one text:
/// authors `"Ana Kiza; Jean-Paul Lonema"`.
pub const LIST_SEPARATOR: &str = "; ";

/// Month names in English, January first (dates written out in listings and BibTeX).
pub(crate) const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub(crate) fn clean_optional(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(nfc)
}

/// `text` in Unicode normalisation form C (composed: `E` + U+0301 becomes `É`). Every text
/// pubcat writes is stored in NFC, so that the same words typed or copied differently are the
/// same text, match, and give the same uid.
pub(crate) fn nfc(text: &str) -> String {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.to_owned(),
        _ => text.nfc().collect(),
    }
}

/// An optional text field, trimmed (empty becomes `None`) and checked like [`check_text`]:
/// at most `max` bytes, no NUL character.
pub(crate) fn check_optional(
    field: &str,
    value: &Option<String>,
    max: usize,
) -> crate::Result<Option<String>> {
    match clean_optional(value) {
        Some(text) => check_text(field, &text, max).map(Some),
        None => Ok(None),
    }
}

/// Validates a uid: 1 to 200 characters, no control characters, no surrounding spaces.
pub(crate) fn check_uid(field: &str, uid: &str) -> crate::Result<()> {
    if uid.is_empty() || uid.chars().count() > MAX_UID_CHARS {
        return Err(crate::Error::invalid(
            field,
            "a uid must be 1 to 200 characters long",
        ));
    }
    if uid.trim() != uid || uid.chars().any(char::is_control) {
        return Err(crate::Error::invalid(
            field,
            "a uid may not contain control characters or surrounding spaces",
        ));
    }
    Ok(())
}

/// Validates a required text (e.g. a title): non-empty after trimming, at most `max` bytes.
pub(crate) fn check_text(field: &str, text: &str, max: usize) -> crate::Result<String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(crate::Error::invalid(field, "must not be empty"));
    }
    if trimmed.len() > max {
        return Err(crate::Error::invalid(
            field,
            format!("is {} bytes long; the limit is {max}", trimmed.len()),
        ));
    }
    if trimmed.contains('\0') {
        return Err(crate::Error::invalid(
            field,
            "must not contain NUL characters",
        ));
    }
    Ok(nfc(trimmed))
}

// Size limits. Every text a write accepts is checked against one of them (after trimming;
// NUL characters are refused everywhere); a value over its limit is `invalid_input` naming
// the field (`parse` with the record's position when it comes from an import file). See
// docs/RELIABILITY.md.

/// Largest accepted uid, in characters.
pub const MAX_UID_CHARS: usize = 200;
/// Largest accepted short text, in bytes: titles, subtitles, names and name variants, given
/// and family names, acronyms, labels, series names and numbers, affiliations, link labels
/// and media types, identifier values and URLs.
pub const MAX_SHORT_TEXT: usize = 4 * 1024;
/// Largest accepted summary (of a publication or a project), in bytes.
pub const MAX_SUMMARY: usize = 256 * 1024;
/// Largest accepted body text, in bytes.
pub const MAX_BODY: usize = 16 * 1024 * 1024;
/// Largest number of entries in one list of one record: contributors, links, identifiers,
/// concepts or projects of a publication; name variants or identifiers of an agent; members
/// of a project; labels, alternative labels and identifiers of a concept (together).
pub const MAX_LIST: usize = 10_000;
