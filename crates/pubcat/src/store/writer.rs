//! [`Writer`]: one IMMEDIATE write transaction with change-log and full-text bookkeeping.
//!
//! Every write goes through a `Writer`, which
//! - takes the catalogue's next change version the first time something changes;
//! - records each changed entity in `change_log` with that version;
//! - keeps the external-content FTS5 index exact: [`Writer::touch`] removes a publication's
//!   indexed text *before* anything it is built from changes, and [`Writer::commit`] indexes
//!   every touched publication that still exists, from the same view.

use std::collections::BTreeSet;

use chrono::{SecondsFormat, Utc};
use rusqlite::{params, Connection, Transaction, TransactionBehavior};

use crate::error::Result;

/// One write transaction. See the module documentation.
pub struct Writer<'c> {
    tx: Transaction<'c>,
    version: Option<i64>,
    touched: BTreeSet<i64>,
    now: String,
}

/// The current time as stored in `created_at`/`updated_at`.
pub(crate) fn now_text() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl<'c> Writer<'c> {
    /// Starts an IMMEDIATE transaction (takes the write lock now, so it never fails later
    /// with SQLITE_BUSY on upgrade).
    pub(crate) fn begin(conn: &'c mut Connection) -> Result<Writer<'c>> {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        Ok(Writer {
            tx,
            version: None,
            touched: BTreeSet::new(),
            now: now_text(),
        })
    }

    /// The connection, for statements inside the transaction.
    pub(crate) fn conn(&self) -> &Connection {
        &self.tx
    }

    /// The timestamp of this transaction.
    pub(crate) fn now(&self) -> &str {
        &self.now
    }

    /// The version of this transaction, taken on first use.
    pub(crate) fn version(&mut self) -> Result<i64> {
        if let Some(version) = self.version {
            return Ok(version);
        }
        let version: i64 = self.tx.query_row(
            "UPDATE catalog_state SET version = version + 1 WHERE id = 1 RETURNING version",
            [],
            |row| row.get(0),
        )?;
        self.version = Some(version);
        Ok(version)
    }

    /// Records that `entity`/`uid` was upserted or deleted in this transaction.
    pub(crate) fn log(&mut self, entity: &str, uid: &str, deleted: bool) -> Result<()> {
        let version = self.version()?;
        let op = if deleted { "delete" } else { "upsert" };
        self.tx
            .prepare_cached(
                "INSERT INTO change_log (entity, uid, op, version) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (entity, uid) DO UPDATE SET op = excluded.op, version = excluded.version",
            )?
            .execute(params![entity, uid, op, version])?;
        Ok(())
    }

    /// Removes publication `id`'s text from the full-text index, once per transaction. Call
    /// it BEFORE changing anything the indexed text is built from (the publication, its
    /// contributions, its concepts, the names of its agents or labels of its concepts).
    pub(crate) fn touch(&mut self, id: i64) -> Result<()> {
        if self.touched.insert(id) {
            self.tx
                .prepare_cached(
                    "INSERT INTO publication_fts (publication_fts, rowid, title, subtitle, summary, body, agents, concepts)
                     SELECT 'delete', id, title, subtitle, summary, body, agents, concepts
                       FROM publication_search_doc WHERE id = ?1",
                )?
                .execute([id])?;
        }
        Ok(())
    }

    /// Registers a publication inserted in this transaction, so that [`Writer::commit`]
    /// indexes it (there is nothing to remove from the index first).
    pub(crate) fn track_new(&mut self, id: i64) {
        self.touched.insert(id);
    }

    /// [`Writer::touch`] for every publication matched by `sql` (one `?1` parameter).
    pub(crate) fn touch_where(&mut self, sql: &str, param: i64) -> Result<Vec<i64>> {
        let ids: Vec<i64> = self
            .tx
            .prepare_cached(sql)?
            .query_map([param], |row| row.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        for id in &ids {
            self.touch(*id)?;
        }
        Ok(ids)
    }

    /// Re-indexes the touched publications that still exist and commits.
    pub(crate) fn commit(self) -> Result<()> {
        {
            let mut insert = self.tx.prepare_cached(
                "INSERT INTO publication_fts (rowid, title, subtitle, summary, body, agents, concepts)
                 SELECT id, title, subtitle, summary, body, agents, concepts
                   FROM publication_search_doc WHERE id = ?1",
            )?;
            for id in &self.touched {
                insert.execute([id])?;
            }
        }
        self.tx.commit()?;
        Ok(())
    }
}
