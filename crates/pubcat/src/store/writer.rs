//! [`Writer`]: one IMMEDIATE write transaction with change-log and full-text bookkeeping.
//!
//! Every write goes through a `Writer`, which
//! - takes the catalogue's next change version the first time something changes;
//! - records each changed entity in `change_log` with that version;
//! - keeps the external-content FTS5 index exact: [`Writer::touch`] captures a publication's
//!   indexed text *before* anything it is built from changes, and [`Writer::commit`] removes
//!   those entries and indexes every touched publication that still exists, from the same view;
//! - keeps the concept tokens of the index exact ([`super::concept_tokens`]): at the commit,
//!   the tokens of every touched publication are computed again from its new text, and when
//!   the labels of concepts changed ([`Writer::labels_changing`]), the publications whose
//!   tokens that changes are touched too;
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

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};

use crate::db::concept_tokens::{self, LabelFinder};
use crate::error::Result;
use crate::store::{json_ids, require_id, Table};

/// The indexed columns of a publication, as read from `publication_search_doc`: the seven
/// texts, then their concept tokens.
type IndexedText = [Option<String>; 14];

/// Publications whose concept tokens are computed per statement at the commit (bounds the
/// texts held in memory).
const TOKEN_BATCH: usize = 2_000;

/// When more labels than this changed in a transaction (a vocabulary loaded), every
/// publication's concept tokens are computed again, rather than those of the publications a
/// full-text query for the labels finds.
const MAX_LABELS_TO_QUERY: usize = 200;

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
    /// Per concept whose labels this transaction may change: its unambiguous labels before.
    labels_before: BTreeMap<i64, BTreeSet<String>>,
    now: String,
}

/// The unambiguous labels of concept `concept` (none when it does not exist).
fn unambiguous_labels(conn: &Connection, concept: i64) -> Result<BTreeSet<String>> {
    Ok(conn
        .prepare_cached("SELECT label FROM concept_label WHERE concept_id = ?1 AND ambiguous = 0")?
        .query_map([concept], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?)
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
            labels_before: BTreeMap::new(),
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
                "SELECT title, subtitle, summary, body, agents, concepts, context,
                        concepts_in_title, concepts_in_subtitle, concepts_in_summary,
                        concepts_in_body, concepts_in_agents, concepts_in_concepts,
                        concepts_in_context
                   FROM publication_search_doc WHERE id = ?1",
            )?
            .query_row([id], |r| {
                let mut text: IndexedText = Default::default();
                for (i, column) in text.iter_mut().enumerate() {
                    *column = r.get(i)?;
                }
                Ok(text)
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
                    (publication_fts, rowid, title, subtitle, summary, body, agents, concepts,
                     context, concepts_in_title, concepts_in_subtitle, concepts_in_summary,
                     concepts_in_body, concepts_in_agents, concepts_in_concepts,
                     concepts_in_context)
             VALUES ('delete', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?;
        for (id, text) in self.deletes.drain(..) {
            let [a, b, c, d, e, f, g, h, i, j, k, l, m, n] = text;
            delete.execute(params![id, a, b, c, d, e, f, g, h, i, j, k, l, m, n])?;
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

    /// Records that the labels of concept `concept` may change in this transaction (call it
    /// BEFORE changing or deleting them): at the commit, the publications whose concept
    /// tokens the change alters are re-indexed.
    pub(crate) fn labels_changing(&mut self, concept: i64) -> Result<()> {
        if self.labels_before.contains_key(&concept) {
            return Ok(());
        }
        let labels = unambiguous_labels(&self.tx, concept)?;
        self.labels_before.insert(concept, labels);
        Ok(())
    }

    /// Touches the publications whose concept tokens the label changes of this transaction
    /// alter: those a full-text query for the added or removed labels finds (every
    /// publication when many labels changed), whose tokens computed again differ.
    fn touch_relabelled(&mut self) -> Result<()> {
        let mut changed: BTreeSet<String> = BTreeSet::new();
        for (concept, before) in std::mem::take(&mut self.labels_before) {
            let after = unambiguous_labels(&self.tx, concept)?;
            changed.extend(before.symmetric_difference(&after).cloned());
        }
        if changed.is_empty() {
            return Ok(());
        }
        let candidates: Vec<i64> = if changed.len() > MAX_LABELS_TO_QUERY {
            self.tx
                .prepare("SELECT id FROM publication ORDER BY id")?
                .query_map([], |r| r.get(0))?
                .collect::<std::result::Result<_, _>>()?
        } else {
            let labels: Vec<String> = changed.into_iter().collect();
            let Some(expr) = concept_tokens::candidates_expression(&labels, &[]) else {
                return Ok(());
            };
            self.tx
                .prepare(
                    "SELECT rowid FROM publication_fts WHERE publication_fts MATCH ?1 ORDER BY rowid",
                )?
                .query_map([expr], |r| r.get(0))?
                .collect::<std::result::Result<_, _>>()?
        };
        let candidates: Vec<i64> = candidates
            .into_iter()
            .filter(|id| !self.touched.contains(id))
            .collect();
        if candidates.is_empty() {
            return Ok(());
        }
        let finder = LabelFinder::load(&self.tx)?;
        for batch in candidates.chunks(TOKEN_BATCH) {
            let mut differ = Vec::new();
            for (id, texts) in concept_tokens::texts_of(&self.tx, batch)? {
                if finder.tokens_of_columns(&texts) != concept_tokens::stored(&self.tx, id)? {
                    differ.push(id);
                }
            }
            for id in differ {
                self.touch(id)?;
            }
        }
        Ok(())
    }

    /// Computes and stores the concept tokens of every touched publication that exists.
    fn store_concept_tokens(&mut self) -> Result<()> {
        let finder = LabelFinder::load(&self.tx)?;
        let touched: Vec<i64> = self.touched.iter().copied().collect();
        for batch in touched.chunks(TOKEN_BATCH) {
            if finder.is_empty() {
                let ids = json_ids(batch.iter().copied());
                self.tx
                    .prepare_cached(
                        "DELETE FROM publication_concept_token
                          WHERE publication_id IN (SELECT value FROM json_each(?1))",
                    )?
                    .execute([&ids])?;
                continue;
            }
            for (id, texts) in concept_tokens::texts_of(&self.tx, batch)? {
                let tokens = finder.tokens_of_columns(&texts);
                if tokens != concept_tokens::stored(&self.tx, id)? {
                    concept_tokens::store(&self.tx, id, &tokens)?;
                }
            }
        }
        Ok(())
    }

    /// Removes the captured index entries, brings the concept tokens up to date, indexes the
    /// touched publications that still exist (one statement, in row-id order) and commits.
    pub(crate) fn commit(mut self) -> Result<()> {
        self.apply_deletes()?;
        if !self.labels_before.is_empty() {
            self.touch_relabelled()?;
            self.apply_deletes()?;
        }
        if !self.touched.is_empty() {
            self.store_concept_tokens()?;
            let ids = json_ids(self.touched.iter().copied());
            self.tx
                .prepare_cached(
                    "INSERT INTO publication_fts
                            (rowid, title, subtitle, summary, body, agents, concepts, context,
                             concepts_in_title, concepts_in_subtitle, concepts_in_summary,
                             concepts_in_body, concepts_in_agents, concepts_in_concepts,
                             concepts_in_context)
                     SELECT id, title, subtitle, summary, body, agents, concepts, context,
                            concepts_in_title, concepts_in_subtitle, concepts_in_summary,
                            concepts_in_body, concepts_in_agents, concepts_in_concepts,
                            concepts_in_context
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
