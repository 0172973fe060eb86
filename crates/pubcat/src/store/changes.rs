//! The change log.

use rusqlite::Connection;

pub(crate) use crate::db::schema::stored_version;
use crate::error::Result;
use crate::model::{ChangeOp, ChangeRecord, Changes};

/// Every change after `version` (one entry per entity, oldest first) and the current version.
pub(crate) fn changes_since_in(conn: &Connection, version: i64) -> Result<Changes> {
    let current = stored_version(conn)?;
    let changes = conn
        .prepare_cached("SELECT entity, uid, op, version FROM change_log WHERE version > ?1 ORDER BY version, entity, uid")?
        .query_map([version], |r| {
            let op: String = r.get(2)?;
            Ok(ChangeRecord { entity: r.get(0)?, uid: r.get(1)?, op: if op == "delete" { ChangeOp::Delete } else { ChangeOp::Upsert }, version: r.get(3)? })
        })?
        .collect::<std::result::Result<_, _>>()?;
    Ok(Changes {
        version: current,
        changes,
    })
}
