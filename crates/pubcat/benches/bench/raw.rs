//! The baseline: the same answers written by hand in SQL over the same file, through plain
//! rusqlite (prepared statements cached, no pubcat code on the path).
//!
//! Each case is a [`RawPlan`]; [`run`] executes the statements a competent developer would
//! write for it: one count, one page query, one statement fetching the page's details and
//! snippets, and one statement per facet.

use std::collections::HashMap;

use pubcat::query::{Facet, HIGHLIGHT_END, HIGHLIGHT_START};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};

/// The order of a page.
#[derive(Debug, Clone)]
pub enum Order {
    /// bm25 rank (needs `fts`), with an OFFSET.
    Rank { offset: usize },
    /// Newest first; optionally after the keyset `(date_lower, id)`.
    DateDesc { after: Option<(String, i64)> },
}

/// One case, by hand.
#[derive(Debug, Clone)]
pub struct RawPlan {
    /// FTS5 expression, if any.
    pub fts: Option<String>,
    /// `WITH RECURSIVE ...` prefix needed by `filters`, or empty.
    pub with: String,
    /// Extra conditions on `p` (` AND ...`), literals inlined.
    pub filters: String,
    /// Page order.
    pub order: Order,
    /// Page size (0: counts and facets only).
    pub limit: usize,
    /// Facets to count.
    pub facets: Vec<Facet>,
    /// Collapse works to the best language of this lookup chain.
    pub prefer: Vec<String>,
}

/// What a case returns, for checking that pubcat and the baseline agree.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answer {
    /// Number of matches.
    pub total: u64,
    /// Uids of the page, in order.
    pub uids: Vec<String>,
    /// Facet values and counts.
    pub facets: Vec<(String, Vec<(String, u64)>)>,
}

/// One hit's details as the baseline fetches them.
#[derive(Debug, Clone, Default)]
pub struct RawHit {
    /// Column values (uid, work, title, language, kind, date, date_lower, authors,
    /// projects, other languages, snippet).
    pub values: Vec<Option<String>>,
}

fn snippet_sql() -> String {
    let snip = |column: i32| {
        format!(
            "snippet(publication_fts, {column}, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '…', 24)"
        )
    };
    format!(
        "CASE WHEN instr({s}, '{HIGHLIGHT_START}') > 0 THEN {s} WHEN instr({t}, '{HIGHLIGHT_START}') > 0 THEN {t} ELSE {b} END",
        s = snip(2),
        t = snip(0),
        b = snip(-1)
    )
}

const DETAILS: &str = "p.uid, w.uid, p.title, p.language, p.kind, p.date_edtf, p.date_lower,
  (SELECT group_concat(n, char(31)) FROM (SELECT a.name AS n FROM contribution c JOIN agent a ON a.id = c.agent_id
     WHERE c.publication_id = p.id AND (c.role = 'author' OR NOT EXISTS
       (SELECT 1 FROM contribution x WHERE x.publication_id = p.id AND x.role = 'author')) ORDER BY c.position)),
  (SELECT json_group_array(json_array(uid, name, acronym)) FROM (SELECT x.uid, x.name, x.acronym
     FROM project_publication l JOIN project x ON x.id = l.project_id WHERE l.publication_id = p.id ORDER BY x.name)),
  (SELECT json_group_array(json_array(uid, language, title, is_original)) FROM (SELECT q.uid, q.language, q.title, q.is_original
     FROM publication q WHERE q.work_id = p.work_id AND q.id <> p.id ORDER BY q.is_original DESC, q.language))";

/// The details (and snippets, with `fts`) of publications `ids`, in that order.
pub fn details(conn: &Connection, fts: Option<&str>, ids: &[i64]) -> rusqlite::Result<Vec<RawHit>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks = |from: usize| {
        (0..ids.len())
            .map(|i| format!("?{}", i + from))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut params: Vec<Value> = Vec::new();
    let sql = match fts {
        Some(expr) => {
            params.push(Value::Text(expr.to_owned()));
            format!(
                "SELECT p.id, {DETAILS}, {} FROM publication_fts f JOIN publication p ON p.id = f.rowid \
                 JOIN work w ON w.id = p.work_id WHERE publication_fts MATCH ?1 AND f.rowid IN ({})",
                snippet_sql(),
                marks(2)
            )
        }
        None => format!(
            "SELECT p.id, {DETAILS}, NULL FROM publication p JOIN work w ON w.id = p.work_id WHERE p.id IN ({})",
            marks(1)
        ),
    };
    params.extend(ids.iter().map(|id| Value::Integer(*id)));
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut by_id: HashMap<i64, RawHit> = HashMap::with_capacity(ids.len());
    let mut rows = stmt.query(params_from_iter(params.iter()))?;
    while let Some(row) = rows.next()? {
        let values = (1..=11)
            .map(|i| {
                Ok(match row.get_ref(i)? {
                    rusqlite::types::ValueRef::Null => None,
                    rusqlite::types::ValueRef::Integer(n) => Some(n.to_string()),
                    rusqlite::types::ValueRef::Text(t) => {
                        Some(String::from_utf8_lossy(t).into_owned())
                    }
                    _ => None,
                })
            })
            .collect::<rusqlite::Result<_>>()?;
        by_id.insert(row.get(0)?, RawHit { values });
    }
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// `CASE` ranking languages by the lookup chain (exact tag, then primary subtag).
fn lang_rank(prefer: &[String]) -> String {
    let mut sql = String::from("CASE");
    for (i, tag) in prefer.iter().enumerate() {
        sql.push_str(&format!(" WHEN p.language = '{tag}' THEN {}", i * 2));
    }
    for (i, tag) in prefer.iter().enumerate() {
        let primary = tag.split('-').next().unwrap_or(tag);
        sql.push_str(&format!(
            " WHEN substr(p.language, 1, instr(p.language || '-', '-') - 1) = '{primary}' THEN {}",
            i * 2 + 1
        ));
    }
    sql.push_str(" WHEN p.is_original THEN 1000 ELSE 2000 END");
    sql
}

fn facet_sql(plan: &RawPlan, from: &str, wher: &str, facet: Facet) -> String {
    let with = &plan.with;
    let (value, join, extra, count) = match facet {
        Facet::Language => ("p.language", "", "", "count(*)"),
        Facet::Kind => ("p.kind", "", "", "count(*)"),
        Facet::Year => ("substr(p.date_lower, 1, 4)", "", " AND p.date_lower IS NOT NULL", "count(*)"),
        Facet::Project => ("x.uid", " JOIN project_publication l ON l.publication_id = p.id JOIN project x ON x.id = l.project_id", "", "count(*)"),
        Facet::Series => ("x.uid", " JOIN series x ON x.id = p.series_id", "", "count(*)"),
        Facet::Agent => ("a.uid", " JOIN contribution c ON c.publication_id = p.id JOIN agent a ON a.id = c.agent_id", "", "count(DISTINCT p.id)"),
        Facet::Mineral => ("k.uid", " JOIN publication_concept pc ON pc.publication_id = p.id JOIN concept k ON k.id = pc.concept_id", " AND k.scheme = 'mineral'", "count(*)"),
        Facet::Place => ("k.uid", " JOIN publication_concept pc ON pc.publication_id = p.id JOIN concept k ON k.id = pc.concept_id", " AND k.scheme = 'place'", "count(*)"),
        Facet::Actor => ("k.uid", " JOIN publication_concept pc ON pc.publication_id = p.id JOIN concept k ON k.id = pc.concept_id", " AND k.scheme = 'actor'", "count(*)"),
        Facet::Theme => ("k.uid", " JOIN publication_concept pc ON pc.publication_id = p.id JOIN concept k ON k.id = pc.concept_id", " AND k.scheme = 'theme'", "count(*)"),
    };
    format!("{with} SELECT {value}, {count} AS n FROM {from}{join} WHERE {wher}{extra} GROUP BY 1 ORDER BY n DESC, 1 LIMIT 100")
}

/// Runs `plan` and returns its answer (the details are fetched and dropped, as an
/// application would render them).
pub fn run(conn: &Connection, plan: &RawPlan) -> rusqlite::Result<Answer> {
    let params: Vec<Value> = plan.fts.iter().map(|f| Value::Text(f.clone())).collect();
    let (from, wher) = match plan.fts {
        Some(_) => (
            "publication_fts f JOIN publication p ON p.id = f.rowid",
            format!("publication_fts MATCH ?1{}", plan.filters),
        ),
        None => ("publication p", format!("1{}", plan.filters)),
    };
    let with = &plan.with;
    let collapsed = |select: &str| {
        format!(
            "{with}{comma} m AS (SELECT p.id, p.work_id, p.language, p.date_lower, {score} AS score, {rank} AS lr FROM {from} WHERE {wher}),
             s AS (SELECT id, date_lower, best AS score FROM (SELECT id, date_lower, row_number() OVER (PARTITION BY work_id ORDER BY lr, language, id) AS rn,
                   max(score) OVER (PARTITION BY work_id) AS best FROM m) WHERE rn = 1) {select}",
            with = if with.is_empty() { "WITH" } else { with.as_str() },
            comma = if with.is_empty() { "" } else { "," },
            score = if plan.fts.is_some() { "-f.rank" } else { "0.0" },
            rank = lang_rank(&plan.prefer),
        )
    };
    let total_sql = if !plan.prefer.is_empty() {
        collapsed("SELECT count(*) FROM s")
    } else if plan.fts.is_some() && plan.filters.is_empty() {
        "SELECT count(*) FROM publication_fts WHERE publication_fts MATCH ?1".to_owned()
    } else {
        format!("{with} SELECT count(*) FROM {from} WHERE {wher}")
    };
    let total: i64 = conn
        .prepare_cached(&total_sql)?
        .query_row(params_from_iter(params.iter()), |r| r.get(0))?;
    let mut ids: Vec<i64> = Vec::new();
    if plan.limit > 0 {
        let limit = plan.limit;
        let page_sql = match (&plan.order, plan.prefer.is_empty()) {
            (Order::Rank { offset }, false) => collapsed(&format!(
                "SELECT id FROM s ORDER BY score DESC, id LIMIT {limit} OFFSET {offset}"
            )),
            (Order::Rank { offset }, true) if plan.filters.is_empty() => format!(
                "SELECT rowid FROM publication_fts WHERE publication_fts MATCH ?1 ORDER BY rank LIMIT {limit} OFFSET {offset}"
            ),
            (Order::Rank { offset }, true) => format!(
                "{with} SELECT p.id FROM {from} WHERE {wher} ORDER BY f.rank LIMIT {limit} OFFSET {offset}"
            ),
            (Order::DateDesc { after }, false) => collapsed(&format!(
                "SELECT id FROM s{} ORDER BY date_lower DESC, id DESC LIMIT {limit}",
                keyset(after, " WHERE", "")
            )),
            (Order::DateDesc { after }, true) => format!(
                "{with} SELECT p.id FROM {from} WHERE {wher}{} ORDER BY p.date_lower DESC, p.id DESC LIMIT {limit}",
                keyset(after, " AND", "p.")
            ),
        };
        let mut stmt = conn.prepare_cached(&page_sql)?;
        let rows = stmt.query_map(params_from_iter(params.iter()), |r| r.get(0))?;
        ids = rows.collect::<rusqlite::Result<_>>()?;
    }
    let hits = details(conn, plan.fts.as_deref(), &ids)?;
    let mut facets = Vec::new();
    for facet in &plan.facets {
        let sql = facet_sql(plan, from, &wher, *facet);
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(params.iter()), |r| {
            Ok((
                r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                r.get::<_, i64>(1)? as u64,
            ))
        })?;
        facets.push((
            facet.as_str().to_owned(),
            rows.collect::<rusqlite::Result<_>>()?,
        ));
    }
    Ok(Answer {
        total: total as u64,
        uids: hits
            .into_iter()
            .filter_map(|h| h.values.into_iter().next().flatten())
            .collect(),
        facets,
    })
}

/// The keyset condition after `(date, id)` in newest-first order (undated rows come last),
/// introduced by `joiner`, on columns prefixed with `prefix`.
fn keyset(after: &Option<(String, i64)>, joiner: &str, prefix: &str) -> String {
    match after {
        None => String::new(),
        Some((date, id)) => format!(
            "{joiner} ({prefix}date_lower < '{date}' OR ({prefix}date_lower = '{date}' AND {prefix}id < {id}) OR {prefix}date_lower IS NULL)"
        ),
    }
}
