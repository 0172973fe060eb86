//! Reads and writes, one module per entity family. Every public method here is a method of
//! [`Catalog`](crate::Catalog); the `*_in` functions run inside a caller's [`writer::Writer`]
//! so that imports can write many entities in one transaction.

pub mod agents;
pub mod changes;
pub mod concepts;
pub(crate) mod curation;
pub(crate) mod lookup;
pub mod projects;
pub mod publications;
pub mod relations;
pub(crate) mod repair;
pub(crate) mod rows;
pub(crate) mod selection;
pub mod series;
pub mod stats;
pub(crate) mod tags;
pub(crate) mod translations;
pub mod writer;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// `ids` as a JSON array, the parameter of `... IN (SELECT value FROM json_each(?))`: one
/// statement for many row ids.
pub(crate) fn json_ids(ids: impl IntoIterator<Item = i64>) -> String {
    serde_json::Value::from(ids.into_iter().collect::<Vec<_>>()).to_string()
}

/// What an upsert did.
///
/// ```
/// use pubcat::{Catalog, Upsert, model::{Agent, AgentKind}};
/// let catalog = Catalog::open_in_memory()?;
/// let ipis = Agent::new("ipis", AgentKind::Organization, "IPIS");
/// assert_eq!(catalog.upsert_agent(&ipis)?, Upsert::Added);
/// assert_eq!(catalog.upsert_agent(&ipis)?, Upsert::Unchanged);
/// # Ok::<(), pubcat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Upsert {
    /// The entity did not exist and was added.
    Added,
    /// The entity existed and was changed.
    Updated,
    /// The entity existed with exactly these values: nothing was written.
    Unchanged,
}

/// The tables that hold entities with a `uid`.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Table {
    Publication,
    Work,
    Agent,
    Project,
    Series,
    Concept,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Publication => "publication",
            Table::Work => "work",
            Table::Agent => "agent",
            Table::Project => "project",
            Table::Series => "series",
            Table::Concept => "concept",
        }
    }
}

/// The row id of `uid` in `table`, if present.
pub(crate) fn find_id(conn: &Connection, table: Table, uid: &str) -> Result<Option<i64>> {
    let sql = format!("SELECT id FROM {} WHERE uid = ?1", table.name());
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([uid], |row| row.get(0))
        .optional()?)
}

/// The row id of `uid` in `table`, or a `not_found` error.
pub(crate) fn require_id(conn: &Connection, table: Table, uid: &str) -> Result<i64> {
    find_id(conn, table, uid)?.ok_or_else(|| Error::not_found(table.name(), uid))
}

/// Maps a UNIQUE/constraint failure of SQLite to a `conflict` with `message`.
pub(crate) fn conflict_on_constraint(
    err: rusqlite::Error,
    message: impl FnOnce() -> String,
) -> Error {
    if err.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) {
        Error::Conflict(message())
    } else {
        Error::from(err)
    }
}
