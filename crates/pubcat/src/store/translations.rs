//! The statements of link discovery (`enrich/translations`): what it reads of every
//! publication (in a few whole-table scans, not one query per publication), and the
//! "not a translation" decisions people made (`not_translation`), recorded when a
//! publication is unlinked from its work and forgotten when a pair is linked again.

use rusqlite::{params, Connection};

use super::writer::Writer;
use crate::error::Result;

/// What link discovery reads of one publication row.
#[derive(Debug, Clone, Default)]
pub(crate) struct PublicationFacts {
    pub id: i64,
    pub uid: String,
    pub work_id: i64,
    pub language: String,
    pub kind: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub summary: Option<String>,
    /// First and last day the date may mean (ISO text), and its precision.
    pub date: Option<(String, String, String)>,
    pub series_id: Option<i64>,
    pub series_uid: Option<String>,
    /// The series' name.
    pub series_name: Option<String>,
    pub series_number: Option<String>,
    pub pages: Option<i64>,
}

/// Calls `f` with every publication, in row-id order.
pub(crate) fn for_each_publication(
    conn: &Connection,
    mut f: impl FnMut(PublicationFacts) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.uid, p.work_id, p.language, p.kind, p.title, p.subtitle, p.summary,
                p.date_lower, p.date_upper, p.date_precision, p.series_id, p.series_number,
                p.pages, s.uid, s.name
           FROM publication p LEFT JOIN series s ON s.id = p.series_id ORDER BY p.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let lower: Option<String> = r.get(8)?;
        let upper: Option<String> = r.get(9)?;
        let precision: Option<String> = r.get(10)?;
        f(PublicationFacts {
            id: r.get(0)?,
            uid: r.get(1)?,
            work_id: r.get(2)?,
            language: r.get(3)?,
            kind: r.get(4)?,
            title: r.get(5)?,
            subtitle: r.get(6)?,
            summary: r.get(7)?,
            date: match (lower, upper, precision) {
                (Some(l), Some(u), Some(p)) => Some((l, u, p)),
                _ => None,
            },
            series_id: r.get(11)?,
            series_uid: r.get(14)?,
            series_name: r.get(15)?,
            series_number: r.get(12)?,
            pages: r.get(13)?,
        })?;
    }
    Ok(())
}

/// One contribution: publication id, agent id, agent uid, role.
pub(crate) type ContributionRow = (i64, i64, String, String);

/// Every contribution (translators included: the caller decides what counts).
pub(crate) fn contributions(conn: &Connection) -> Result<Vec<ContributionRow>> {
    let mut stmt = conn.prepare(
        "SELECT c.publication_id, c.agent_id, a.uid, c.role
           FROM contribution c JOIN agent a ON a.id = c.agent_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Every (publication id, project id, project uid).
pub(crate) fn projects(conn: &Connection) -> Result<Vec<(i64, i64, String)>> {
    let mut stmt = conn.prepare(
        "SELECT pp.publication_id, pp.project_id, p.uid
           FROM project_publication pp JOIN project p ON p.id = pp.project_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Every curated concept tag (a person's): publication id, concept uid, scheme. Automatic
/// tags are left out: they were found in the same texts link discovery reads.
pub(crate) fn curated_concepts(conn: &Connection) -> Result<Vec<(i64, String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT pc.publication_id, c.uid, c.scheme
           FROM publication_concept pc JOIN concept c ON c.id = pc.concept_id
          WHERE pc.source = 'curated'",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Every publication identifier and link URL: publication id, scheme (`doi`, `isbn`, `url`
/// … or `link` for a link), value.
pub(crate) fn identifiers(conn: &Connection) -> Result<Vec<(i64, String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT publication_id, scheme, value FROM publication_identifier
         UNION ALL
         SELECT publication_id, 'link', url FROM publication_link",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Every recorded "not a translation" decision, as (smaller id, larger id).
pub(crate) fn decisions(conn: &Connection) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare("SELECT a_id, b_id FROM not_translation")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// The row ids of the publications with these uids (unknown uids are left out).
pub(crate) fn ids_of(conn: &Connection, uids: &[String]) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM publication WHERE uid = ?1")?;
    let mut out = Vec::with_capacity(uids.len());
    for uid in uids {
        let mut rows = stmt.query([uid])?;
        if let Some(row) = rows.next()? {
            out.push(row.get(0)?);
        }
    }
    Ok(out)
}

/// Records that publication `id` is not a language version of any publication of work
/// `work_id` (a person took it out of that work): one row per pair.
pub(crate) fn record_not_translation_in(w: &mut Writer<'_>, id: i64, work_id: i64) -> Result<()> {
    let pairs: Vec<(i64, i64)> = w
        .conn()
        .prepare_cached(
            "INSERT OR IGNORE INTO not_translation (a_id, b_id)
             SELECT min(?1, p.id), max(?1, p.id) FROM publication p
              WHERE p.work_id = ?2 AND p.id <> ?1
             RETURNING a_id, b_id",
        )?
        .query_map(params![id, work_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<_, _>>()?;
    log_pairs(w, &pairs)
}

/// Logs both publications of each pair whose decision changed: a decision is part of the state
/// of both (delta files carry it with each).
fn log_pairs(w: &mut Writer<'_>, pairs: &[(i64, i64)]) -> Result<()> {
    let mut ids: Vec<i64> = pairs.iter().flat_map(|(a, b)| [*a, *b]).collect();
    ids.sort_unstable();
    ids.dedup();
    w.log_publications(&ids)
}

/// Forgets every "not a translation" decision between two publications of work `work_id`
/// (a person linked them after all).
pub(crate) fn forget_decisions_in(w: &mut Writer<'_>, work_id: i64) -> Result<()> {
    let pairs: Vec<(i64, i64)> = w
        .conn()
        .prepare_cached(
            "DELETE FROM not_translation
              WHERE a_id IN (SELECT id FROM publication WHERE work_id = ?1)
                AND b_id IN (SELECT id FROM publication WHERE work_id = ?1)
             RETURNING a_id, b_id",
        )?
        .query_map([work_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<_, _>>()?;
    log_pairs(w, &pairs)
}

/// Moves the decisions about publication `from` to `into` (`from` is being merged into
/// `into`); a decision that would pair `into` with itself is dropped.
pub(crate) fn move_decisions_in(w: &mut Writer<'_>, from: i64, into: i64) -> Result<()> {
    let pairs: Vec<(i64, i64)> = w
        .conn()
        .prepare_cached(
            "INSERT OR IGNORE INTO not_translation (a_id, b_id)
             SELECT min(?2, other), max(?2, other) FROM (
                 SELECT b_id AS other FROM not_translation WHERE a_id = ?1
                 UNION SELECT a_id FROM not_translation WHERE b_id = ?1)
              WHERE other <> ?2
             RETURNING a_id, b_id",
        )?
        .query_map(params![from, into], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<_, _>>()?;
    log_pairs(w, &pairs)
}
