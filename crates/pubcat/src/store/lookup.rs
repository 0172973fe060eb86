//! The lookups an import makes to match incoming records with stored ones (identifiers,
//! titles, names): every statement `formats/` needs, so that it holds no SQL.

use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;

/// The largest publication row id (0 for an empty catalogue).
pub(crate) fn max_publication_id(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(id), 0) FROM publication", [], |r| {
            r.get(0)
        })?,
    )
}

/// The uid of the publication holding identifier `scheme:value` (normalised), if any.
pub(crate) fn publication_with_identifier(
    conn: &Connection,
    scheme: &str,
    value: &str,
) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT p.uid FROM publication_identifier i JOIN publication p ON p.id = i.publication_id
              WHERE i.scheme = ?1 AND i.value = ?2",
        )?
        .query_row([scheme, value], |r| r.get(0))
        .optional()?)
}

/// What matching compares of a publication: uid, title, language and EDTF date.
pub(crate) type MatchFields = (String, String, String, Option<String>);

/// The match fields of publication row `id`.
pub(crate) fn match_fields(conn: &Connection, id: i64) -> Result<MatchFields> {
    Ok(conn
        .prepare_cached("SELECT uid, title, language, date_edtf FROM publication WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?)
}

/// Calls `f(id, title, date)` for every publication with a row id up to `max_id`.
pub(crate) fn for_each_title(
    conn: &Connection,
    max_id: i64,
    mut f: impl FnMut(i64, &str, Option<&str>),
) -> Result<()> {
    let mut stmt = conn.prepare("SELECT id, title, date_edtf FROM publication WHERE id <= ?1")?;
    let mut rows = stmt.query([max_id])?;
    while let Some(row) = rows.next()? {
        let title: String = row.get(1)?;
        let date: Option<String> = row.get(2)?;
        f(row.get(0)?, &title, date.as_deref());
    }
    Ok(())
}

/// The language of publication `uid`, if it exists.
pub(crate) fn publication_language(conn: &Connection, uid: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT language FROM publication WHERE uid = ?1")?
        .query_row([uid], |r| r.get(0))
        .optional()?)
}

/// The uid of the project whose uid, name or acronym is `hint` (case-insensitively), if any.
pub(crate) fn project_named(conn: &Connection, hint: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT uid FROM project WHERE uid = ?1 OR name = ?1 COLLATE NOCASE OR acronym = ?1 COLLATE NOCASE
              ORDER BY uid LIMIT 1",
        )?
        .query_row([hint], |r| r.get(0))
        .optional()?)
}

/// An entity's uid and one of its names.
pub(crate) type UidName = (String, String);

/// The names an agent may be written as, for every agent not merged into another: first
/// `(uid, name)` of each display name, then `(uid, other)` for the full "given family" name,
/// the acronym and every alternative name, by uid.
pub(crate) fn agent_names(conn: &Connection) -> Result<(Vec<UidName>, Vec<UidName>)> {
    let mut primary = Vec::new();
    let mut secondary = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT uid, name, given, family, acronym FROM agent WHERE redirect_to IS NULL ORDER BY uid",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let uid: String = r.get(0)?;
        let given: Option<String> = r.get(2)?;
        let family: Option<String> = r.get(3)?;
        let acronym: Option<String> = r.get(4)?;
        primary.push((uid.clone(), r.get(1)?));
        if let Some(family) = family {
            secondary.push((
                uid.clone(),
                format!("{} {family}", given.unwrap_or_default()),
            ));
        }
        if let Some(acronym) = acronym {
            secondary.push((uid, acronym));
        }
    }
    let mut stmt = conn.prepare(
        "SELECT a.uid, n.name FROM agent_name n JOIN agent a ON a.id = n.agent_id
          WHERE a.redirect_to IS NULL ORDER BY a.uid, n.position",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        secondary.push((r.get(0)?, r.get(1)?));
    }
    Ok((primary, secondary))
}

/// `(uid, name)` of every series, by uid.
pub(crate) fn series_names(conn: &Connection) -> Result<Vec<UidName>> {
    let mut stmt = conn.prepare("SELECT uid, name FROM series ORDER BY uid")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// The uid of the concept that has `label` as a label in any language (compared without case),
/// in `scheme` when given; the first by uid when several have it.
pub(crate) fn concept_labelled(
    conn: &Connection,
    label: &str,
    scheme: Option<&str>,
) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT c.uid FROM concept_label l JOIN concept c ON c.id = l.concept_id
              WHERE l.label = ?1 COLLATE NOCASE AND (?2 IS NULL OR c.scheme = ?2)
              ORDER BY c.uid LIMIT 1",
        )?
        .query_row(rusqlite::params![label, scheme], |r| r.get(0))
        .optional()?)
}
