//! What a selection of publications refers to, and the uid listings exports walk: every
//! statement an export needs, so that `formats/` holds no SQL.

use std::collections::{BTreeSet, HashSet};

use rusqlite::Connection;

use super::rows::uids_all;
use crate::error::{Error, Result};

/// The uids of the entities a set of publications refers to.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Referenced {
    /// Contributors, publishers of the series and members of the projects (merged agents
    /// followed).
    pub agents: BTreeSet<String>,
    /// Series of the publications.
    pub series: BTreeSet<String>,
    /// Projects of the publications.
    pub projects: BTreeSet<String>,
    /// Concepts the publications are tagged with, and their broader concepts up to the top,
    /// so that the hierarchy stays valid.
    pub concepts: BTreeSet<String>,
}

/// What the publications with row ids `ids` refer to.
pub(crate) fn referenced(conn: &Connection, ids: &HashSet<i64>) -> Result<Referenced> {
    let json = serde_json::to_string(&ids.iter().collect::<Vec<_>>())
        .map_err(|e| Error::invalid("selection", e.to_string()))?;
    let set = |sql: &str| -> Result<BTreeSet<String>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([&json], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    };
    const IDS: &str = "(SELECT value FROM json_each(?1))";
    Ok(Referenced {
        series: set(&format!(
            "SELECT DISTINCT s.uid FROM publication p JOIN series s ON s.id = p.series_id WHERE p.id IN {IDS}"
        ))?,
        projects: set(&format!(
            "SELECT DISTINCT j.uid FROM project_publication l JOIN project j ON j.id = l.project_id WHERE l.publication_id IN {IDS}"
        ))?,
        agents: set(&format!(
            "WITH a(id) AS (
                 SELECT agent_id FROM contribution WHERE publication_id IN {IDS}
                 UNION SELECT s.publisher_id FROM publication p JOIN series s ON s.id = p.series_id
                       WHERE p.id IN {IDS} AND s.publisher_id IS NOT NULL
                 UNION SELECT m.agent_id FROM project_publication l JOIN project_agent m ON m.project_id = l.project_id
                       WHERE l.publication_id IN {IDS})
             SELECT DISTINCT coalesce(r.uid, g.uid) FROM a JOIN agent g ON g.id = a.id
             LEFT JOIN agent r ON r.id = g.redirect_to"
        ))?,
        concepts: set(&format!(
            "WITH RECURSIVE c(id) AS (
                 SELECT concept_id FROM publication_concept WHERE publication_id IN {IDS}
                 UNION SELECT k.broader_id FROM concept k JOIN c ON k.id = c.id WHERE k.broader_id IS NOT NULL)
             SELECT uid FROM concept WHERE id IN (SELECT id FROM c)"
        ))?,
    })
}

/// Every agent that was not merged into another, by uid.
pub(crate) fn agent_uids(conn: &Connection) -> Result<Vec<String>> {
    uids_all(
        conn,
        "SELECT uid FROM agent WHERE redirect_to IS NULL ORDER BY uid",
    )
}

/// Every series, by uid.
pub(crate) fn series_uids(conn: &Connection) -> Result<Vec<String>> {
    uids_all(conn, "SELECT uid FROM series ORDER BY uid")
}

/// Every project, by uid.
pub(crate) fn project_uids(conn: &Connection) -> Result<Vec<String>> {
    uids_all(conn, "SELECT uid FROM project ORDER BY uid")
}

/// Every concept, by uid.
pub(crate) fn concept_uids(conn: &Connection) -> Result<Vec<String>> {
    uids_all(conn, "SELECT uid FROM concept ORDER BY uid")
}

/// Calls `f` with the row id and uid of every publication, by uid, one row at a time.
pub(crate) fn for_each_publication(
    conn: &Connection,
    mut f: impl FnMut(i64, &str) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare("SELECT id, uid FROM publication ORDER BY uid")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let uid: String = row.get(1)?;
        f(id, &uid)?;
    }
    Ok(())
}
