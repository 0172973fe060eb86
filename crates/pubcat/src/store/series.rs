//! Series: upsert, delete, read.

use super::rows::uids_all;
use rusqlite::{params, Connection, OptionalExtension};

use super::writer::Writer;
use super::{require_id, Table, Upsert};
use crate::error::{Error, Result};
use crate::model::{check_text, check_uid, Series, MAX_SHORT_TEXT};

pub(crate) fn normalize(s: &Series) -> Result<Series> {
    check_uid("uid", &s.uid)?;
    if let Some(publisher) = &s.publisher {
        check_uid("publisher", publisher)?;
    }
    Ok(Series {
        uid: s.uid.clone(),
        name: check_text("name", &s.name, MAX_SHORT_TEXT)?,
        publisher: s.publisher.clone(),
    })
}

/// Reads a series, if present.
pub(crate) fn load_in(conn: &Connection, uid: &str) -> Result<Option<Series>> {
    Ok(conn
        .prepare_cached("SELECT s.uid, s.name, a.uid FROM series s LEFT JOIN agent a ON a.id = s.publisher_id WHERE s.uid = ?1")?
        .query_row([uid], |r| Ok(Series { uid: r.get(0)?, name: r.get(1)?, publisher: r.get(2)? }))
        .optional()?)
}

/// Upserts a series inside `w`.
pub(crate) fn upsert_in(w: &mut Writer<'_>, s: &Series) -> Result<Upsert> {
    let s = normalize(s)?;
    let existing = load_in(w.conn(), &s.uid)?;
    if existing.as_ref() == Some(&s) {
        return Ok(Upsert::Unchanged);
    }
    let publisher_id = s
        .publisher
        .as_deref()
        .map(|uid| require_id(w.conn(), Table::Agent, uid))
        .transpose()?;
    if existing.as_ref().is_some_and(|e| e.name != s.name) {
        // The series name is in its publications' indexed text (the `context` column).
        let id = require_id(w.conn(), Table::Series, &s.uid)?;
        w.touch_where("SELECT id FROM publication WHERE series_id = ?1", id)?;
    }
    let now = w.now().to_owned();
    w.conn()
        .prepare_cached(
            "INSERT INTO series (uid, name, publisher_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)
             ON CONFLICT (uid) DO UPDATE SET name = excluded.name, publisher_id = excluded.publisher_id,
                 updated_at = excluded.updated_at",
        )?
        .execute(params![s.uid, s.name, publisher_id, now])?;
    w.log("series", &s.uid, false)?;
    Ok(if existing.is_some() {
        Upsert::Updated
    } else {
        Upsert::Added
    })
}

pub(crate) fn delete_in(w: &mut Writer<'_>, uid: &str) -> Result<()> {
    let id = require_id(w.conn(), Table::Series, uid)?;
    let used: i64 = w.conn().query_row(
        "SELECT count(*) FROM publication WHERE series_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if used > 0 {
        return Err(Error::Conflict(format!(
            "series `{uid}` still has {used} publication(s)"
        )));
    }
    w.forget(Table::Series);
    w.conn().execute("DELETE FROM series WHERE id = ?1", [id])?;
    w.log("series", uid, true)
}

/// Every series, by name.
pub(crate) fn all_in(conn: &Connection) -> Result<Vec<Series>> {
    uids_all(
        conn,
        "SELECT uid FROM series ORDER BY name COLLATE NOCASE, uid",
    )?
    .iter()
    .filter_map(|uid| load_in(conn, uid).transpose())
    .collect()
}
