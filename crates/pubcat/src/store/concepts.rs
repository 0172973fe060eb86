//! Concepts: upsert, delete, read as trees.

use super::rows::{parse_column, uids_all};
use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};

use super::writer::Writer;
use super::{require_id, Table, Upsert};
use crate::error::{Error, Result};
use crate::model::language::normalize_language;
use crate::model::{
    check_text, check_uid, Concept, ConceptNode, IdScheme, Label, Scheme, MAX_LIST, MAX_SHORT_TEXT,
};

pub(crate) fn normalize(c: &Concept) -> Result<Concept> {
    check_uid("uid", &c.uid)?;
    if let Some(broader) = &c.broader {
        check_uid("broader", broader)?;
        if *broader == c.uid {
            return Err(Error::invalid(
                "broader",
                "a concept cannot be broader than itself",
            ));
        }
    }
    if c.labels.is_empty() {
        return Err(Error::invalid(
            "labels",
            "a concept needs at least one label",
        ));
    }
    if c.labels.len() + c.alt_labels.len() + c.identifiers.len() > MAX_LIST {
        return Err(Error::invalid(
            "labels",
            format!("more than {MAX_LIST} entries"),
        ));
    }
    let mut labels = BTreeMap::new();
    for (language, label) in &c.labels {
        let language = normalize_language(language)?;
        if labels
            .insert(
                language.clone(),
                check_text("labels", label, MAX_SHORT_TEXT)?,
            )
            .is_some()
        {
            return Err(Error::invalid(
                "labels",
                format!("two preferred labels for `{language}`"),
            ));
        }
    }
    let mut alt_labels = Vec::new();
    for l in &c.alt_labels {
        let label = Label::new(
            normalize_language(&l.language)?,
            check_text("alt_labels", &l.label, MAX_SHORT_TEXT)?,
        );
        if labels.get(&label.language) != Some(&label.label) {
            alt_labels.push(label);
        }
    }
    alt_labels.sort();
    alt_labels.dedup();
    let mut identifiers = Vec::new();
    for id in &c.identifiers {
        if !matches!(
            id.scheme,
            IdScheme::Wikidata | IdScheme::Geonames | IdScheme::Url
        ) {
            return Err(Error::invalid(
                "identifiers",
                format!("a concept cannot have a {} identifier", id.scheme),
            ));
        }
        identifiers.push(id.normalized()?);
    }
    identifiers.sort();
    identifiers.dedup();
    let mut ambiguous = Vec::new();
    for l in &c.ambiguous {
        let label = Label::new(
            normalize_language(&l.language)?,
            check_text("ambiguous", &l.label, MAX_SHORT_TEXT)?,
        );
        let known =
            labels.get(&label.language) == Some(&label.label) || alt_labels.contains(&label);
        if !known {
            return Err(Error::invalid(
                "ambiguous",
                format!(
                    "`{}` ({}) is not a label of this concept",
                    label.label, label.language
                ),
            ));
        }
        ambiguous.push(label);
    }
    ambiguous.sort();
    ambiguous.dedup();
    Ok(Concept {
        uid: c.uid.clone(),
        scheme: c.scheme,
        broader: c.broader.clone(),
        labels,
        alt_labels,
        identifiers,
        ambiguous,
    })
}

/// Reads a concept, if present.
pub(crate) fn load_in(conn: &Connection, uid: &str) -> Result<Option<Concept>> {
    let row = conn
        .prepare_cached("SELECT c.id, c.uid, c.scheme, b.uid FROM concept c LEFT JOIN concept b ON b.id = c.broader_id WHERE c.uid = ?1")?
        .query_row([uid], |r| Ok((r.get::<_, i64>(0)?, Concept { uid: r.get(1)?, scheme: parse_column(r, 2)?, broader: r.get(3)?, labels: BTreeMap::new(), alt_labels: Vec::new(), identifiers: Vec::new(), ambiguous: Vec::new() })))
        .optional()?;
    let Some((id, mut concept)) = row else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached("SELECT language, label, preferred, ambiguous FROM concept_label WHERE concept_id = ?1 ORDER BY language, label")?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        let (language, label, preferred, ambiguous): (String, String, bool, bool) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        if ambiguous {
            concept
                .ambiguous
                .push(Label::new(language.clone(), label.clone()));
        }
        if preferred {
            concept.labels.insert(language, label);
        } else {
            concept.alt_labels.push(Label { language, label });
        }
    }
    concept.identifiers = conn
        .prepare_cached("SELECT scheme, value FROM concept_identifier WHERE concept_id = ?1 ORDER BY scheme, value")?
        .query_map([id], |r| Ok(crate::model::Identifier { scheme: parse_column(r, 0)?, value: r.get(1)? }))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(Some(concept))
}

/// Upserts a concept inside `w`.
pub(crate) fn upsert_in(w: &mut Writer<'_>, c: &Concept) -> Result<Upsert> {
    let c = normalize(c)?;
    let existing = load_in(w.conn(), &c.uid)?;
    if existing.as_ref() == Some(&c) {
        return Ok(Upsert::Unchanged);
    }
    let conn = w.conn();
    let broader_id = match &c.broader {
        Some(uid) => {
            let (id, scheme): (i64, String) = conn
                .query_row(
                    "SELECT id, scheme FROM concept WHERE uid = ?1",
                    [uid],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .ok_or_else(|| Error::not_found("concept", uid))?;
            if scheme != c.scheme.as_str() {
                return Err(Error::invalid(
                    "broader",
                    format!("`{uid}` is in scheme {scheme}, not {}", c.scheme),
                ));
            }
            // Refuse cycles: the new parent may not be this concept or one of its descendants.
            let cycle: bool = conn.query_row(
                "WITH RECURSIVE up(id) AS (SELECT ?1 UNION SELECT c.broader_id FROM concept c JOIN up ON c.id = up.id WHERE c.broader_id IS NOT NULL)
                 SELECT EXISTS (SELECT 1 FROM up JOIN concept c ON c.id = up.id WHERE c.uid = ?2)",
                params![id, c.uid],
                |r| r.get(0),
            )?;
            if cycle {
                return Err(Error::invalid(
                    "broader",
                    format!(
                        "`{uid}` is narrower than `{}`: that would make a cycle",
                        c.uid
                    ),
                ));
            }
            Some(id)
        }
        None => None,
    };
    if let Some(old) = &existing {
        if old.scheme != c.scheme {
            let id = require_id(conn, Table::Concept, &c.uid)?;
            let linked: i64 = conn.query_row(
                "SELECT count(*) FROM concept WHERE broader_id = ?1",
                [id],
                |r| r.get(0),
            )?;
            if linked > 0 {
                return Err(Error::Conflict(format!(
                    "concept `{}` has narrower concepts; its scheme cannot change",
                    c.uid
                )));
            }
        }
        let id = require_id(conn, Table::Concept, &c.uid)?;
        w.touch_where(
            "SELECT publication_id FROM publication_concept WHERE concept_id = ?1",
            id,
        )?;
    }
    let now = w.now().to_owned();
    let id: i64 = w
        .conn()
        .prepare_cached(
            "INSERT INTO concept (uid, scheme, broader_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)
             ON CONFLICT (uid) DO UPDATE SET scheme = excluded.scheme, broader_id = excluded.broader_id, updated_at = excluded.updated_at
             RETURNING id",
        )?
        .query_row(params![c.uid, c.scheme.as_str(), broader_id, now], |r| r.get(0))?;
    // The labels are replaced: the index's concept tokens follow at the commit.
    w.labels_changing(id)?;
    {
        let conn = w.conn();
        conn.prepare_cached("DELETE FROM concept_label WHERE concept_id = ?1")?
            .execute([id])?;
        conn.prepare_cached("DELETE FROM concept_identifier WHERE concept_id = ?1")?
            .execute([id])?;
        let mut insert = conn.prepare_cached("INSERT OR IGNORE INTO concept_label (concept_id, language, label, preferred, ambiguous) VALUES (?1, ?2, ?3, ?4, ?5)")?;
        let ambiguous = |language: &str, label: &str| {
            c.ambiguous
                .iter()
                .any(|a| a.language == language && a.label == label)
        };
        for (language, label) in &c.labels {
            insert.execute(params![
                id,
                language,
                label,
                true,
                ambiguous(language, label)
            ])?;
        }
        for l in &c.alt_labels {
            insert.execute(params![
                id,
                l.language,
                l.label,
                false,
                ambiguous(&l.language, &l.label)
            ])?;
        }
        for ident in &c.identifiers {
            conn.prepare_cached(
                "INSERT INTO concept_identifier (concept_id, scheme, value) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![id, ident.scheme.as_str(), ident.value])?;
        }
    }
    w.log("concept", &c.uid, false)?;
    Ok(if existing.is_some() {
        Upsert::Updated
    } else {
        Upsert::Added
    })
}

pub(crate) fn delete_in(w: &mut Writer<'_>, uid: &str) -> Result<()> {
    let id = require_id(w.conn(), Table::Concept, uid)?;
    let narrower: i64 = w.conn().query_row(
        "SELECT count(*) FROM concept WHERE broader_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if narrower > 0 {
        return Err(Error::Conflict(format!(
            "concept `{uid}` has {narrower} narrower concept(s); delete or move them first"
        )));
    }
    let tagged = w.touch_where(
        "SELECT publication_id FROM publication_concept WHERE concept_id = ?1",
        id,
    )?;
    let tagged_uids: Vec<String> = tagged
        .iter()
        .map(|pid| {
            w.conn()
                .query_row("SELECT uid FROM publication WHERE id = ?1", [pid], |r| {
                    r.get(0)
                })
        })
        .collect::<std::result::Result<_, _>>()?;
    // The tags people removed go with the concept: part of those publications' state.
    let rejected: Vec<i64> = w
        .conn()
        .prepare("SELECT publication_id FROM rejected_tag WHERE concept_id = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    w.labels_changing(id)?;
    w.forget(Table::Concept);
    w.conn()
        .execute("DELETE FROM concept WHERE id = ?1", [id])?;
    for p in tagged_uids {
        w.log("publication", &p, false)?;
    }
    w.log_publications(&rejected)?;
    w.log("concept", uid, true)
}

pub(crate) fn build_tree(all: &[(Concept, i64)], parent: Option<&str>) -> Vec<ConceptNode> {
    all.iter()
        .filter(|(c, _)| {
            c.broader.as_deref() == parent
                || (parent.is_none()
                    && c.broader
                        .as_ref()
                        .is_some_and(|b| !all.iter().any(|(o, _)| &o.uid == b)))
        })
        .map(|(c, count)| ConceptNode {
            concept: c.clone(),
            publication_count: *count,
            narrower: build_tree(all, Some(&c.uid)),
        })
        .collect()
}

/// Every concept of `scheme` (all when `None`) as trees, with its number of tagged publications.
pub(crate) fn tree_in(conn: &Connection, scheme: Option<Scheme>) -> Result<Vec<ConceptNode>> {
    let all = uids_all(conn, "SELECT uid FROM concept ORDER BY uid")?;
    let mut concepts = Vec::new();
    for uid in &all {
        if let Some(c) = load_in(conn, uid)? {
            if scheme.is_none_or(|s| s == c.scheme) {
                let count: i64 = conn.query_row(
                    "SELECT count(*) FROM publication_concept pc JOIN concept c ON c.id = pc.concept_id WHERE c.uid = ?1",
                    [uid],
                    |r| r.get(0),
                )?;
                concepts.push((c, count));
            }
        }
    }
    Ok(build_tree(&concepts, None))
}
