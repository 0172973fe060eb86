//! The statements of automatic tagging: the labels of every loaded vocabulary, the texts of
//! the publications, and writing a publication's automatic tags (never touching a curated
//! one).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rusqlite::types::ToSqlOutput;
use rusqlite::{params, params_from_iter, Connection};

use super::json_ids;
use super::writer::Writer;
use crate::error::Result;

/// One label row: concept uid, scheme, label, language, ambiguous.
pub(crate) type LabelRow = (String, String, String, String, bool);

/// Every label of every concept.
pub(crate) fn labels_in(conn: &Connection) -> Result<Vec<LabelRow>> {
    let mut stmt = conn.prepare(
        "SELECT c.uid, c.scheme, l.label, l.language, l.ambiguous
           FROM concept_label l JOIN concept c ON c.id = l.concept_id ORDER BY c.uid, l.language, l.label",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// The labels through which an automatic tag puts its concept's labels into the publication's
/// indexed text: those marked ambiguous, per concept uid. The rule of the `concepts` column of
/// `publication_search_doc` (schema.sql), applied in memory to decide whether a change of
/// automatic tags changes the indexed text (and so needs [`Writer::touch`]).
#[derive(Debug, Default)]
pub(crate) struct IndexedLabels(HashMap<i64, HashSet<String>>);

impl IndexedLabels {
    /// The ambiguous labels among `labels` (as [`labels_in`] reads them); `ids` gives each
    /// concept uid's row id ([`concept_ids`]).
    pub(crate) fn of(labels: &[LabelRow], ids: &HashMap<String, i64>) -> IndexedLabels {
        let mut by_concept: HashMap<i64, HashSet<String>> = HashMap::new();
        for (concept, _, label, _, ambiguous) in labels {
            if let (true, Some(id)) = (*ambiguous, ids.get(concept)) {
                by_concept.entry(*id).or_default().insert(label.clone());
            }
        }
        IndexedLabels(by_concept)
    }

    /// Whether an automatic tag of concept `concept` (row id) matched through `label` puts the
    /// concept's labels into the indexed text (the label is exactly one of the concept's
    /// ambiguous labels).
    pub(crate) fn contains(&self, concept: i64, label: &str) -> bool {
        self.0
            .get(&concept)
            .is_some_and(|labels| labels.contains(label))
    }

    /// The concepts of `tags` (concept row id → matched label) whose labels are indexed, in
    /// order.
    fn indexed<'t>(&'t self, tags: &'t BTreeMap<i64, String>) -> impl Iterator<Item = i64> + 't {
        tags.iter()
            .filter(|(concept, label)| self.contains(**concept, label))
            .map(|(concept, _)| *concept)
    }
}

/// The row id of every concept, by uid.
pub(crate) fn concept_ids(conn: &Connection) -> Result<HashMap<String, i64>> {
    let mut stmt = conn.prepare_cached("SELECT uid, id FROM concept")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// The text of a publication that tagging reads.
pub(crate) struct PublicationText {
    pub id: i64,
    pub uid: String,
    pub language: String,
    /// Title, subtitle (when there is one), summary, body: those there are, in that order.
    pub texts: Vec<String>,
    /// How many of `texts` are headings (the title, and the subtitle when there is one).
    pub headings: usize,
}

/// Calls `f` with the text of each publication of row ids `ids` that exists, in row-id order
/// (one statement for all of them).
pub(crate) fn for_each_text(
    conn: &Connection,
    ids: &[i64],
    mut f: impl FnMut(PublicationText) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, uid, language, title, subtitle, summary, body FROM publication
          WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id",
    )?;
    let mut rows = stmt.query([json_ids(ids.iter().copied())])?;
    while let Some(row) = rows.next()? {
        let mut texts = Vec::with_capacity(4);
        let mut headings = 0;
        for i in 3..7 {
            if let Some(text) = row.get::<_, Option<String>>(i)? {
                texts.push(text);
                headings += usize::from(i < 5);
            }
        }
        f(PublicationText {
            id: row.get(0)?,
            uid: row.get(1)?,
            language: row.get(2)?,
            texts,
            headings,
        })?;
    }
    Ok(())
}

/// The row ids of every publication, in order.
pub(crate) fn publication_ids(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM publication ORDER BY id")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// The automatic tags of the publications with row ids `ids`: row id → (concept row id →
/// matched label); a publication without one has no entry.
pub(crate) fn automatic_in(
    conn: &Connection,
    ids: &[i64],
) -> Result<HashMap<i64, BTreeMap<i64, String>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT publication_id, concept_id, matched_label FROM publication_concept
          WHERE publication_id IN (SELECT value FROM json_each(?1)) AND source = 'automatic'",
    )?;
    let mut rows = stmt.query([json_ids(ids.iter().copied())])?;
    let mut out: HashMap<i64, BTreeMap<i64, String>> = HashMap::new();
    while let Some(row) = rows.next()? {
        out.entry(row.get(0)?)
            .or_default()
            .insert(row.get(1)?, row.get(2)?);
    }
    Ok(out)
}

/// The concepts automatic tagging must leave alone on the publications with row ids `ids`
/// (row id → concept row ids): those a person tagged it with (they stay curated) and those a
/// person removed from it.
pub(crate) fn decided_by_people_in(
    conn: &Connection,
    ids: &[i64],
) -> Result<HashMap<i64, BTreeSet<i64>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT publication_id, concept_id FROM publication_concept
          WHERE publication_id IN (SELECT value FROM json_each(?1)) AND source = 'curated'
         UNION ALL
         SELECT publication_id, concept_id FROM rejected_tag
          WHERE publication_id IN (SELECT value FROM json_each(?1))",
    )?;
    let mut rows = stmt.query([json_ids(ids.iter().copied())])?;
    let mut out: HashMap<i64, BTreeSet<i64>> = HashMap::new();
    while let Some(row) = rows.next()? {
        out.entry(row.get(0)?).or_default().insert(row.get(1)?);
    }
    Ok(out)
}

/// Records that a person removed concept `concept_id` from publication `id` (uid `uid`), and
/// removes its automatic tag, if it has one. Returns whether an automatic tag was removed.
pub(crate) fn reject_in(w: &mut Writer<'_>, id: i64, uid: &str, concept_id: i64) -> Result<bool> {
    let automatic = w
        .conn()
        .prepare_cached(
            "SELECT 1 FROM publication_concept
              WHERE publication_id = ?1 AND concept_id = ?2 AND source = 'automatic'",
        )?
        .exists(params![id, concept_id])?;
    if automatic {
        w.touch(id)?;
        w.conn()
            .prepare_cached(
                "DELETE FROM publication_concept
                  WHERE publication_id = ?1 AND concept_id = ?2 AND source = 'automatic'",
            )?
            .execute(params![id, concept_id])?;
        w.log("publication", uid, false)?;
    }
    let rejected = w
        .conn()
        .prepare_cached(
            "INSERT OR IGNORE INTO rejected_tag (publication_id, concept_id) VALUES (?1, ?2)",
        )?
        .execute(params![id, concept_id])?;
    if rejected > 0 {
        // The decision is part of the publication's state (delta files carry it).
        w.log("publication", uid, false)?;
    }
    Ok(automatic)
}

/// Forgets that a person removed concept `concept_id` from publication `id` (they tagged it).
pub(crate) fn lift_rejection_in(w: &mut Writer<'_>, id: i64, concept_id: i64) -> Result<()> {
    let lifted = w
        .conn()
        .prepare_cached("DELETE FROM rejected_tag WHERE publication_id = ?1 AND concept_id = ?2")?
        .execute(params![id, concept_id])?;
    if lifted > 0 {
        w.log_publications(&[id])?;
    }
    Ok(())
}

/// Moves the tags a person removed from publication `from` to `into` (`from` is being merged
/// into `into`), except the concepts `into` is tagged with.
pub(crate) fn move_rejections_in(w: &mut Writer<'_>, from: i64, into: i64) -> Result<()> {
    w.conn()
        .prepare_cached(
            "INSERT OR IGNORE INTO rejected_tag (publication_id, concept_id)
             SELECT ?2, concept_id FROM rejected_tag WHERE publication_id = ?1
                AND concept_id NOT IN (SELECT concept_id FROM publication_concept WHERE publication_id = ?2)",
        )?
        .execute(params![from, into])?;
    w.log_publications(&[into])?;
    Ok(())
}

/// What one publication's automatic tags are and become, for [`set_automatic_in`]; concepts
/// by row id.
pub(crate) struct AutomaticTags<'a> {
    /// The publication's row id.
    pub id: i64,
    /// Its uid.
    pub uid: &'a str,
    /// Its automatic tags now (concept → matched label; [`automatic_in`]).
    pub current: &'a BTreeMap<i64, String>,
    /// The concepts people decided on for it ([`decided_by_people_in`]).
    pub decided: &'a BTreeSet<i64>,
    /// What tagging found (concept → matched label).
    pub found: &'a BTreeMap<i64, String>,
}

/// How many tags one INSERT statement writes (3 parameters each; SQLite allows 32,766).
const ROWS_PER_INSERT: usize = 200;

/// The statement inserting `rows` automatic tags (3 parameters each).
fn insert_tags_sql(rows: usize) -> String {
    let mut sql = String::from(
        "INSERT INTO publication_concept (publication_id, concept_id, source, matched_label) VALUES ",
    );
    for i in 0..rows {
        sql.push_str(if i == 0 {
            "(?, ?, 'automatic', ?)"
        } else {
            ", (?, ?, 'automatic', ?)"
        });
    }
    sql
}

/// The writes of automatic tagging for a batch of publications, made by one statement each
/// ([`TagWrites::apply`]) instead of a few per publication and tag.
#[derive(Debug, Default)]
pub(crate) struct TagWrites {
    /// Publications whose automatic tags are deleted first (those that had some).
    cleared: Vec<i64>,
    /// The tags to insert: publication row id, concept row id, matched label.
    inserted: Vec<(i64, i64, String)>,
    /// The uids of the publications whose tags changed (for the change log).
    changed: Vec<String>,
}

impl TagWrites {
    /// Writes what was gathered, inside `w`, and empties it.
    pub(crate) fn apply(&mut self, w: &mut Writer<'_>) -> Result<()> {
        if !self.cleared.is_empty() {
            let ids = json_ids(self.cleared.iter().copied());
            w.conn()
                .prepare_cached(
                    "DELETE FROM publication_concept
                      WHERE publication_id IN (SELECT value FROM json_each(?1)) AND source = 'automatic'",
                )?
                .execute([ids])?;
        }
        // Full statements of ROWS_PER_INSERT rows (cached), then one statement for the rest,
        // prepared for this batch alone: its text changes from batch to batch and would
        // otherwise fill the connection's statement cache.
        for rows in self.inserted.chunks(ROWS_PER_INSERT) {
            let values = rows.iter().flat_map(|(publication, concept, label)| {
                [
                    ToSqlOutput::from(*publication),
                    ToSqlOutput::from(*concept),
                    ToSqlOutput::from(label.as_str()),
                ]
            });
            let sql = insert_tags_sql(rows.len());
            if rows.len() == ROWS_PER_INSERT {
                w.conn()
                    .prepare_cached(&sql)?
                    .execute(params_from_iter(values))?;
            } else {
                w.conn().prepare(&sql)?.execute(params_from_iter(values))?;
            }
        }
        w.log_many("publication", &self.changed)?;
        self.cleared.clear();
        self.inserted.clear();
        self.changed.clear();
        Ok(())
    }
}

/// Replaces the automatic tags of a publication by those tagging found, leaving curated tags
/// alone (a concept a person tagged stays curated): the publication is touched now if needed,
/// the rows are written by `writes` ([`TagWrites::apply`], before the transaction commits).
/// Returns (tags added, tags removed); writes nothing when they are the same. The publication
/// is re-indexed only when the tags whose labels are indexed (`indexed`) change.
pub(crate) fn set_automatic_in(
    w: &mut Writer<'_>,
    change: AutomaticTags<'_>,
    indexed: &IndexedLabels,
    writes: &mut TagWrites,
) -> Result<(u64, u64)> {
    let AutomaticTags {
        id,
        uid,
        current,
        decided,
        found: tags,
    } = change;
    // A concept a person tagged stays curated: it is not an automatic tag to add, and
    // comparing without it keeps a re-run that finds nothing new from writing (and from
    // taking a new change version). Nor is a concept a person removed from this publication.
    let tags: BTreeMap<i64, String> = tags
        .iter()
        .filter(|(concept, _)| !decided.contains(*concept))
        .map(|(concept, label)| (*concept, label.clone()))
        .collect();
    if *current == tags {
        return Ok((0, 0));
    }
    if !indexed.indexed(current).eq(indexed.indexed(&tags)) {
        w.touch(id)?;
    }
    let removed = current.keys().filter(|c| !tags.contains_key(*c)).count() as u64;
    let added = tags.keys().filter(|c| !current.contains_key(*c)).count() as u64;
    if !current.is_empty() {
        writes.cleared.push(id);
    }
    for (concept, label) in tags {
        // Never a concept a person decided on (filtered above): no curated row to meet.
        writes.inserted.push((id, concept, label));
    }
    writes.changed.push(uid.to_owned());
    Ok((added, removed))
}

/// Deletes every automatic tag; returns the publications that had one (row id, uid).
pub(crate) fn clear_automatic_in(w: &mut Writer<'_>) -> Result<(Vec<(i64, String)>, u64)> {
    let tagged: Vec<(i64, String)> = w
        .conn()
        .prepare(
            "SELECT DISTINCT p.id, p.uid FROM publication_concept l JOIN publication p ON p.id = l.publication_id
              WHERE l.source = 'automatic' ORDER BY p.id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<_, _>>()?;
    // Only the publications whose indexed text names an automatic tag's concept (a tag found
    // through an ambiguous label: see `publication_search_doc`) are re-indexed.
    let indexed: Vec<i64> = w
        .conn()
        .prepare(
            "SELECT DISTINCT pc.publication_id FROM publication_concept pc
              WHERE pc.source = 'automatic' AND EXISTS (
                    SELECT 1 FROM concept_label m
                     WHERE m.concept_id = pc.concept_id AND m.label = pc.matched_label
                       AND m.ambiguous = 1)
              ORDER BY 1",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    for id in indexed {
        w.touch(id)?;
    }
    let removed = w.conn().execute(
        "DELETE FROM publication_concept WHERE source = 'automatic'",
        [],
    )? as u64;
    for (_, uid) in &tagged {
        w.log("publication", uid, false)?;
    }
    Ok((tagged, removed))
}

/// Whether the catalogue has any concept label (vocabularies loaded).
pub(crate) fn has_labels(conn: &Connection) -> Result<bool> {
    Ok(
        conn.query_row("SELECT EXISTS (SELECT 1 FROM concept_label)", [], |r| {
            r.get(0)
        })?,
    )
}
