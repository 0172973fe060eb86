//! A catalogue's identity, and what a replica knows of the source it follows.

use std::collections::BTreeSet;

use rusqlite::{params, Connection, OptionalExtension};

use super::state::parse_relation;
use crate::error::Result;

/// The catalogue's own uid (`catalog_identity`).
pub(crate) fn identity(conn: &Connection) -> Result<String> {
    Ok(
        conn.query_row("SELECT uid FROM catalog_identity WHERE id = 1", [], |r| {
            r.get(0)
        })?,
    )
}

/// What a replica records of its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Followed {
    pub source_uid: String,
    pub source_version: i64,
    pub local_version: i64,
}

/// The source this catalogue follows, if it applied a delta file before.
pub(crate) fn followed(conn: &Connection) -> Result<Option<Followed>> {
    Ok(conn
        .query_row(
            "SELECT source_uid, source_version, local_version FROM replica_state WHERE id = 1",
            [],
            |r| {
                Ok(Followed {
                    source_uid: r.get(0)?,
                    source_version: r.get(1)?,
                    local_version: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// Records what the replica follows after an apply.
pub(crate) fn set_followed(conn: &Connection, f: &Followed) -> Result<()> {
    conn.execute(
        "INSERT INTO replica_state (id, source_uid, source_version, local_version) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET source_uid = excluded.source_uid,
             source_version = excluded.source_version, local_version = excluded.local_version",
        params![f.source_uid, f.source_version, f.local_version],
    )?;
    Ok(())
}

/// The records edited locally: change-log rows after `local_version`, and the records edited
/// locally before that no delta file has replaced since (`replica_kept`). `(entity, uid)`, relation keys canonical.
pub(crate) fn local_edits(
    conn: &Connection,
    local_version: i64,
) -> Result<BTreeSet<(String, String)>> {
    let mut out = BTreeSet::new();
    let mut stmt = conn.prepare_cached(
        "SELECT entity, uid FROM change_log WHERE version > ?1
         UNION SELECT entity, uid FROM replica_kept",
    )?;
    let rows = stmt.query_map([local_version], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (entity, uid) = row?;
        let uid = if entity == "relation" {
            parse_relation(&uid)?.change_key()
        } else {
            uid
        };
        out.insert((entity, uid));
    }
    Ok(out)
}

/// Marks a record as edited locally (or, with `kept` false, as holding the source's state).
pub(crate) fn set_kept(conn: &Connection, entity: &str, uid: &str, kept: bool) -> Result<()> {
    let sql = if kept {
        "INSERT OR IGNORE INTO replica_kept (entity, uid) VALUES (?1, ?2)"
    } else {
        "DELETE FROM replica_kept WHERE entity = ?1 AND uid = ?2"
    };
    conn.prepare_cached(sql)?.execute([entity, uid])?;
    Ok(())
}

/// Whether the catalogue holds no records and no history (a new, empty file).
pub(crate) fn is_blank(conn: &Connection) -> Result<bool> {
    let changes: i64 = conn.query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))?;
    let version: i64 =
        conn.query_row("SELECT version FROM catalog_state WHERE id = 1", [], |r| {
            r.get(0)
        })?;
    Ok(changes == 0 && version == 0)
}
