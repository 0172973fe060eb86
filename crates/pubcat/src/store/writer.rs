//! [`Writer`]: one IMMEDIATE write transaction with change-log and full-text bookkeeping.
//!
//! Every write goes through a `Writer`, which
//! - takes the catalogue's next change version the first time something changes;
//! - records each changed entity in `change_log` with that version;
//! - keeps the external-content FTS5 index exact: [`Writer::touch`] captures a publication's
//!   indexed text *before* anything it is built from changes, and [`Writer::commit`] removes
//!   those entries and indexes every touched publication that still exists, from the same view;
//! - keeps `agent_publication_count` exact the same way: [`Writer::touch`] subtracts the
//!   agents a publication credits before it changes, [`Writer::commit`] adds those every
//!   touched publication credits after, and writes the differences (every change to a
//!   publication's contributions touches it first, as its indexed text names its agents).
//!
//! # Why the full-text bookkeeping is deferred to the commit
//!
//! FTS5 keeps new index entries in an in-memory hash and writes them out as a new index
//! segment when the hash is full, and also whenever SQLite opens a statement savepoint while
//! the table has pending changes (FTS5's `xSavepoint` flushes). Inside a write transaction
//! almost every statement that can change several rows or check a foreign key opens such a
//! savepoint. Indexing each publication as it was written therefore produced one tiny segment
//! per publication, and FTS5 spent most of an import merging them. The writer instead
//! remembers what to remove and what to add, and at the commit runs the removals as
//! single-row statements (which open no savepoint) followed by *one* `INSERT ... SELECT` of
//! every touched publication in row-id order: FTS5 then fills its hash and writes full-size
//! segments, as its own `rebuild` does.

use std::collections::{BTreeSet, HashMap};

use chrono::{SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};

use crate::error::Result;
use crate::store::{json_ids, require_id, Table};

/// The indexed columns of a publication, as read from `publication_search_doc`.
type IndexedText = [Option<String>; 7];

/// Captured removals are applied early once they hold this many bytes of text, to bound the
/// memory of very large updates (each early batch costs one extra index segment).
const MAX_PENDING_DELETE_BYTES: usize = 32 * 1024 * 1024;

/// One write transaction. See the module documentation.
pub struct Writer<'c> {
    tx: Transaction<'c>,
    version: Option<i64>,
    /// Publications to (re-)index at the commit.
    touched: BTreeSet<i64>,
    /// Index entries to remove: row id and the text that was indexed.
    deletes: Vec<(i64, IndexedText)>,
    delete_bytes: usize,
    /// Row ids of agents, concepts, series and projects looked up in this transaction
    /// (an import refers to the same few many times); cleared when one is deleted.
    ids: [HashMap<String, i64>; 4],
    /// Per agent: the change of its publication count so far (see the module documentation).
    agent_counts: HashMap<i64, i64>,
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
            deletes: Vec::new(),
            delete_bytes: 0,
            ids: Default::default(),
            agent_counts: HashMap::new(),
            now: now_text(),
        })
    }

    /// The connection, for statements inside the transaction.
    pub(crate) fn conn(&self) -> &Connection {
        &self.tx
    }

    /// The row id of `uid` in `table` (an agent, concept, series or project), or a
    /// `not_found` error; remembered for the rest of the transaction.
    pub(crate) fn id_of(&mut self, table: Table, uid: &str) -> Result<i64> {
        let Some(slot) = Self::slot(table) else {
            return require_id(&self.tx, table, uid);
        };
        if let Some(id) = self.ids[slot].get(uid) {
            return Ok(*id);
        }
        let id = require_id(&self.tx, table, uid)?;
        self.ids[slot].insert(uid.to_owned(), id);
        Ok(id)
    }

    /// Forgets the remembered ids of `table` (call it before deleting rows of it).
    pub(crate) fn forget(&mut self, table: Table) {
        if let Some(slot) = Self::slot(table) {
            self.ids[slot].clear();
        }
    }

    fn slot(table: Table) -> Option<usize> {
        match table {
            Table::Agent => Some(0),
            Table::Concept => Some(1),
            Table::Series => Some(2),
            Table::Project => Some(3),
            Table::Publication | Table::Work => None,
        }
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

    /// [`Writer::log`] of an upsert of each of `uids` (of `entity`), in one statement.
    pub(crate) fn log_many(&mut self, entity: &str, uids: &[String]) -> Result<()> {
        if uids.is_empty() {
            return Ok(());
        }
        let version = self.version()?;
        let uids = serde_json::Value::from(uids).to_string();
        self.tx
            .prepare_cached(
                "INSERT INTO change_log (entity, uid, op, version)
                 SELECT ?1, value, 'upsert', ?3 FROM json_each(?2) WHERE true
                 ON CONFLICT (entity, uid) DO UPDATE SET op = excluded.op, version = excluded.version",
            )?
            .execute(params![entity, uids, version])?;
        Ok(())
    }

    /// Records that the publications with row ids `ids` were upserted in this transaction
    /// (for changes made by id: decisions, removed tags).
    pub(crate) fn log_publications(&mut self, ids: &[i64]) -> Result<()> {
        for id in ids {
            let uid: Option<String> = self
                .tx
                .prepare_cached("SELECT uid FROM publication WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            if let Some(uid) = uid {
                self.log("publication", &uid, false)?;
            }
        }
        Ok(())
    }

    /// Marks publication `id` for re-indexing and captures its currently indexed text for
    /// removal, once per transaction. Call it BEFORE changing anything the indexed text is
    /// built from (the publication, its contributions, its concepts, the names of its agents
    /// or labels of its concepts).
    pub(crate) fn touch(&mut self, id: i64) -> Result<()> {
        if !self.touched.insert(id) {
            return Ok(());
        }
        {
            let mut credited = self.tx.prepare_cached(
                "SELECT DISTINCT agent_id FROM contribution WHERE publication_id = ?1",
            )?;
            let mut rows = credited.query([id])?;
            while let Some(row) = rows.next()? {
                *self.agent_counts.entry(row.get(0)?).or_default() -= 1;
            }
        }
        let indexed: Option<IndexedText> = self
            .tx
            .prepare_cached(
                "SELECT title, subtitle, summary, body, agents, concepts, context
                   FROM publication_search_doc WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok([
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ])
            })
            .optional()?;
        if let Some(text) = indexed {
            self.delete_bytes += text.iter().flatten().map(String::len).sum::<usize>();
            self.deletes.push((id, text));
            if self.delete_bytes > MAX_PENDING_DELETE_BYTES {
                self.apply_deletes()?;
            }
        }
        Ok(())
    }

    /// Removes the captured entries from the index (single-row statements: no savepoint).
    fn apply_deletes(&mut self) -> Result<()> {
        if self.deletes.is_empty() {
            return Ok(());
        }
        self.deletes.sort_unstable_by_key(|(id, _)| *id);
        let mut delete = self.tx.prepare_cached(
            "INSERT INTO publication_fts
                    (publication_fts, rowid, title, subtitle, summary, body, agents, concepts, context)
             VALUES ('delete', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (id, [a, b, c, d, e, f, g]) in self.deletes.drain(..) {
            delete.execute(params![id, a, b, c, d, e, f, g])?;
        }
        self.delete_bytes = 0;
        Ok(())
    }

    /// Registers a publication inserted in this transaction, so that [`Writer::commit`]
    /// indexes it (there is nothing to remove from the index first).
    /// The publications this transaction wrote so far (row ids, ascending).
    pub(crate) fn touched_ids(&self) -> Vec<i64> {
        self.touched.iter().copied().collect()
    }

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

    /// Removes the captured index entries, indexes the touched publications that still
    /// exist (one statement, in row-id order) and commits.
    pub(crate) fn commit(mut self) -> Result<()> {
        self.apply_deletes()?;
        if !self.touched.is_empty() {
            let ids = json_ids(self.touched.iter().copied());
            self.tx
                .prepare_cached(
                    "INSERT INTO publication_fts
                            (rowid, title, subtitle, summary, body, agents, concepts, context)
                     SELECT id, title, subtitle, summary, body, agents, concepts, context
                       FROM publication_search_doc
                      WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id",
                )?
                .execute([&ids])?;
            self.count_agents_after(&ids)?;
        }
        self.write_agent_counts()?;
        // A cancelled call (db::cancel) rolls back here instead: `self.tx` is dropped.
        let tx = self.tx;
        crate::db::cancel::commit_unless_cancelled(|| Ok(tx.commit()?))
    }

    /// Adds, per agent, the touched publications (`ids`, a JSON array) that credit it now.
    fn count_agents_after(&mut self, ids: &str) -> Result<()> {
        let mut after = self.tx.prepare_cached(
            "SELECT agent_id, count(DISTINCT publication_id) FROM contribution
              WHERE publication_id IN (SELECT value FROM json_each(?1)) GROUP BY agent_id",
        )?;
        let mut rows = after.query([ids])?;
        while let Some(row) = rows.next()? {
            let (agent, publications): (i64, i64) = (row.get(0)?, row.get(1)?);
            *self.agent_counts.entry(agent).or_default() += publications;
        }
        Ok(())
    }

    /// Writes the changed publication counts of agents, and drops those that reach zero.
    fn write_agent_counts(&mut self) -> Result<()> {
        let mut emptied = false;
        // Two statements: SQLite checks `publications >= 0` on the row an upsert would insert
        // before it finds the conflict, so a decrease must be an UPDATE.
        let mut increase = self.tx.prepare_cached(
            "INSERT INTO agent_publication_count (agent_id, publications) VALUES (?1, ?2)
             ON CONFLICT (agent_id) DO UPDATE SET publications = publications + excluded.publications",
        )?;
        let mut decrease = self.tx.prepare_cached(
            "UPDATE agent_publication_count SET publications = publications + ?2 WHERE agent_id = ?1",
        )?;
        for (agent, change) in self.agent_counts.drain() {
            if change > 0 {
                increase.execute([agent, change])?;
            } else if change < 0 {
                decrease.execute([agent, change])?;
                emptied = true;
            }
        }
        if emptied {
            self.tx
                .prepare_cached("DELETE FROM agent_publication_count WHERE publications = 0")?
                .execute([])?;
        }
        Ok(())
    }

    /// Rolls the transaction back: nothing it wrote stays (dry runs; imports that found
    /// conflicts to report).
    pub(crate) fn rollback(self) -> Result<()> {
        self.tx.rollback()?;
        Ok(())
    }
}
