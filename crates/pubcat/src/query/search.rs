//! [`Catalog::search`]: validates and resolves a [`Query`], runs it, and assembles the page.

use std::collections::BTreeMap;

use rusqlite::{params_from_iter, Connection, OptionalExtension};

use super::cursor::{fingerprint, Cursor, Key};
use super::expand::expand;
use super::lexicon::LexiconCache;
use super::snapshot::{snapshot_size, Snapshot, SnapshotCache};
use super::sql::{self, Plan, Resolved, SqlBuilder};
use super::{
    facets, hits, syntax, why, FacetCount, Query, SearchPage, Sort, DEFAULT_LIMIT, MAX_LIMIT,
};
use crate::error::{Error, Result};
use crate::model::language::{lookup_chain, normalize_language};
use crate::model::PartialDate;
use crate::store::{find_id, Table};

/// Most values accepted in one filter list.
const MAX_FILTER_VALUES: usize = 1000;

fn as_query_error(err: Error) -> Error {
    match err {
        Error::InvalidInput { field, message } => {
            Error::InvalidQuery(format!("{field}: {message}"))
        }
        other => other,
    }
}

fn check_list<T>(field: &str, values: &[T]) -> Result<()> {
    if values.len() > MAX_FILTER_VALUES {
        return Err(Error::InvalidQuery(format!(
            "{field}: more than {MAX_FILTER_VALUES} values"
        )));
    }
    Ok(())
}

fn resolve_ids(conn: &Connection, table: Table, field: &str, uids: &[String]) -> Result<Vec<i64>> {
    check_list(field, uids)?;
    uids.iter()
        .map(|uid| {
            // A merged series is found under the uid it was merged into.
            let current = crate::store::curation::current_uid(conn, table, uid)?;
            find_id(conn, table, &current)?
                .ok_or_else(|| Error::InvalidQuery(format!("{field}: unknown uid `{uid}`")))
        })
        .collect()
}

/// Validates `query` and resolves its uids and its text (expanded with `lexicons`, see
/// [`super::expand`]); also returns the sort and page size.
pub(crate) fn resolve(
    conn: &Connection,
    query: &Query,
    lexicons: &LexiconCache,
) -> Result<(Resolved, Sort, u32)> {
    let mut r = Resolved::default();
    if let Some(text) = &query.text {
        let expr = syntax::parse(&crate::model::nfc(text));
        if !expr.groups().is_empty() || !expr.excluded().is_empty() {
            let lexicon = lexicons.get(conn)?;
            let expanded = expand(&expr, conn, &lexicon, query.fuzzy)?;
            r.fts = expanded.fts;
            r.fts_highlight = expanded.fts_highlight;
            r.fts_exclude_only = expanded.fts_exclude_only;
            r.concepts = expanded.concepts;
            r.suggestions = expanded.suggestions;
        }
    }
    check_list("languages", &query.languages)?;
    r.languages = query
        .languages
        .iter()
        .map(|l| normalize_language(l))
        .collect::<Result<_>>()
        .map_err(as_query_error)?;
    check_list("kinds", &query.kinds)?;
    r.kinds = query.kinds.iter().map(|k| k.as_str().to_owned()).collect();
    r.projects = resolve_ids(conn, Table::Project, "projects", &query.projects)?;
    r.series = resolve_ids(conn, Table::Series, "series", &query.series)?;
    check_list("agents", &query.agents)?;
    for uid in &query.agents {
        let agent = crate::store::agents::load_in(conn, uid)?
            .ok_or_else(|| Error::InvalidQuery(format!("agents: unknown uid `{uid}`")))?;
        let id = find_id(conn, Table::Agent, &agent.uid)?
            .ok_or_else(|| Error::InvalidQuery(format!("agents: unknown uid `{uid}`")))?;
        r.agents.push(id);
    }
    check_list("agent_roles", &query.agent_roles)?;
    r.agent_roles = query
        .agent_roles
        .iter()
        .map(|k| k.as_str().to_owned())
        .collect();
    check_list("concepts", &query.concepts)?;
    let mut groups: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for uid in &query.concepts {
        let (id, scheme): (i64, String) = conn
            .prepare_cached("SELECT id, scheme FROM concept WHERE uid = ?1")?
            .query_row([uid], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?
            .ok_or_else(|| Error::InvalidQuery(format!("concepts: unknown uid `{uid}`")))?;
        groups.entry(scheme).or_default().push(id);
    }
    r.concept_groups = groups.into_values().collect();
    let parse_date = |field: &str, text: &Option<String>| -> Result<Option<PartialDate>> {
        text.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| {
                PartialDate::parse(t).map_err(|e| Error::InvalidQuery(format!("{field}: {e}")))
            })
            .transpose()
    };
    let from = parse_date("date_from", &query.date_from)?;
    let to = parse_date("date_to", &query.date_to)?;
    if let (Some(from), Some(to)) = (&from, &to) {
        if from.lower() > to.upper() {
            return Err(Error::InvalidQuery(format!(
                "date_from {} is after date_to {}",
                from.edtf(),
                to.edtf()
            )));
        }
    }
    r.date_from = from.map(|d| d.lower().to_string());
    r.date_to = to.map(|d| d.upper().to_string());
    check_list("prefer_languages", &query.prefer_languages)?;
    r.prefer = lookup_chain(&query.prefer_languages).map_err(as_query_error)?;
    check_list("facets", &query.facets)?;
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if limit > MAX_LIMIT {
        return Err(Error::InvalidQuery(format!(
            "limit {limit} is above the maximum of {MAX_LIMIT}"
        )));
    }
    let limit = u32::try_from(limit)
        .map_err(|_| Error::InvalidQuery(format!("limit {limit} is negative")))?;
    let sort = match query.sort {
        Some(Sort::Relevance) | None if r.fts.is_some() => Sort::Relevance,
        Some(Sort::Relevance) | None => Sort::DateDesc,
        Some(other) => other,
    };
    Ok((r, sort, limit))
}

fn run_rows<T>(
    conn: &Connection,
    b: &SqlBuilder,
    map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(&b.sql)?;
    let rows = stmt.query_map(params_from_iter(b.params.iter()), map)?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Reads the value column of a page row as the sort key.
pub(crate) fn key_of(value: rusqlite::types::ValueRef<'_>) -> Key {
    match value {
        rusqlite::types::ValueRef::Real(v) => Key::Score(v),
        rusqlite::types::ValueRef::Integer(v) => Key::Score(v as f64),
        rusqlite::types::ValueRef::Text(t) => Key::Text(String::from_utf8_lossy(t).into_owned()),
        _ => Key::Null,
    }
}

/// Relative cost of probing the full-text index for one row, in units of fetching one
/// matched row into a sort (measured: see docs/BENCHMARKS.md, "recency-sorted").
const PROBE_COST: u64 = 16;

/// Whether to walk the sort index (probing the text per row) rather than sort every match:
/// when the expected number of probes for the page, `limit × catalogue / total`, costs less
/// than fetching all `total` matches.
fn plan_for(conn: &Connection, r: &Resolved, sort: Sort, total: i64, limit: u32) -> Result<Plan> {
    if !sql::walkable(r, sort) || total <= 0 {
        return Ok(Plan::Sort);
    }
    let size: i64 = conn
        .prepare_cached("SELECT coalesce(max(id), 0) FROM publication")?
        .query_row([], |row| row.get(0))?;
    let probes = (i64::from(limit) + 1).saturating_mul(size) / total;
    Ok(if probes.saturating_mul(PROBE_COST as i64) < total {
        Plan::Walk
    } else {
        Plan::Sort
    })
}

/// Runs a search on `conn`.
pub(crate) fn search_in(
    conn: &Connection,
    query: &Query,
    snapshots: &SnapshotCache,
    lexicons: &LexiconCache,
) -> Result<SearchPage> {
    let (resolved, sort, limit) = resolve(conn, query, lexicons)?;
    let after = query
        .cursor
        .as_deref()
        .map(|c| Cursor::decode(c, query, sort))
        .transpose()?;
    let (total, facets) = count(conn, &resolved, query)?;
    let page = if limit == 0 || total == 0 {
        Page::default()
    } else {
        let cursor = |id: i64, key: Key, snapshot: Option<(u64, usize)>| {
            Cursor {
                sort: sort.as_str().to_owned(),
                query: fingerprint(query),
                key,
                id,
                snapshot,
            }
            .encode()
        };
        let snapshot = after
            .as_ref()
            .and_then(|c| c.snapshot)
            .and_then(|(token, offset)| snapshots.get(token).map(|r| (token, offset, r)));
        match snapshot {
            Some((token, offset, ranked)) => {
                page_of_snapshot(conn, &ranked, token, offset, limit, &cursor)?
            }
            None => {
                let window = Window {
                    sort,
                    limit,
                    total,
                    after: after.as_ref(),
                };
                page_of_query(conn, &resolved, &window, snapshots, &cursor)?
            }
        }
    };
    let ids: Vec<(i64, f64)> = page
        .rows
        .iter()
        .map(|(id, score, _)| (*id, *score))
        .collect();
    let in_rust = resolved.fts_highlight.is_some();
    let mut hits = hits::hits(conn, resolved.highlighted(), in_rust, &ids)?;
    why::annotate(conn, &resolved.concepts, &mut hits, &resolved.prefer)?;
    Ok(SearchPage {
        total: total.max(0),
        hits,
        facets,
        next_cursor: page.next_cursor,
        suggestions: resolved.suggestions,
    })
}

/// The rows of a page (id, score, sort key) and the cursor of the next one.
#[derive(Default)]
struct Page {
    rows: Vec<(i64, f64, Key)>,
    next_cursor: Option<String>,
}

/// Where a page starts and how long it is.
struct Window<'a> {
    sort: Sort,
    limit: u32,
    total: i64,
    after: Option<&'a Cursor>,
}

/// The total of the match set, and the requested facets counted over it (one statement).
fn count(
    conn: &Connection,
    resolved: &Resolved,
    query: &Query,
) -> Result<(i64, BTreeMap<String, Vec<FacetCount>>)> {
    let mut facets = BTreeMap::new();
    if query.facets.is_empty() {
        let b = sql::total(resolved);
        let total = conn
            .prepare_cached(&b.sql)?
            .query_row(params_from_iter(b.params.iter()), |row| row.get(0))?;
        return Ok((total, facets));
    }
    let label_language = resolved
        .prefer
        .first()
        .map(String::as_str)
        .unwrap_or("en")
        .to_owned();
    let b = facets::facets(resolved, &query.facets, &label_language);
    let rows = run_rows(conn, &b, |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, Option<String>>(1)?,
            row.get::<_, Option<String>>(2)?,
            row.get::<_, i64>(3)?,
        ))
    })?;
    for facet in &query.facets {
        facets.insert(facet.as_str().to_owned(), Vec::new());
    }
    let mut total = 0;
    for (tag, value, label, count) in rows {
        if tag == 0 {
            total = count;
            continue;
        }
        let Some(facet) = usize::try_from(tag - 1)
            .ok()
            .and_then(|i| query.facets.get(i))
        else {
            continue;
        };
        if let Some(counts) = facets.get_mut(facet.as_str()) {
            counts.push(FacetCount {
                value: value.clone().unwrap_or_default(),
                label: label.or(value).unwrap_or_default(),
                count: count.max(0),
            });
        }
    }
    Ok((total, facets))
}

/// A later page of a relevance search, from the ranking snapshot taken with its first page:
/// ids in first-page order, minus publications deleted since.
fn page_of_snapshot(
    conn: &Connection,
    snapshot: &Snapshot,
    token: u64,
    offset: usize,
    limit: u32,
    cursor: &dyn Fn(i64, Key, Option<(u64, usize)>) -> String,
) -> Result<Page> {
    let ranked = &snapshot.ranked;
    let mut page = Page::default();
    let mut next = offset;
    while page.rows.len() < limit as usize && next < ranked.len() {
        let (id, score) = ranked[next];
        next += 1;
        if conn
            .prepare_cached("SELECT 1 FROM publication WHERE id = ?1")?
            .exists([id])?
        {
            page.rows.push((id, score, Key::Score(score)));
        }
    }
    if let Some((id, score, _)) = page.rows.last() {
        if next < ranked.len() {
            page.next_cursor = Some(cursor(*id, Key::Score(*score), Some((token, next))));
        } else if snapshot.truncated {
            // Past the snapshot: continue with the keyset.
            page.next_cursor = Some(cursor(*id, Key::Score(*score), None));
        }
    }
    Ok(page)
}

/// A page read with the query itself (keyset after `window.after`). The first page of a
/// relevance search with more than one page also takes the ranking snapshot, in the same
/// ranked pass (one read).
fn page_of_query(
    conn: &Connection,
    resolved: &Resolved,
    window: &Window<'_>,
    snapshots: &SnapshotCache,
    cursor: &dyn Fn(i64, Key, Option<(u64, usize)>) -> String,
) -> Result<Page> {
    let Window {
        sort,
        limit,
        total,
        after,
    } = *window;
    let ranked = sort == Sort::Relevance && resolved.fts.is_some();
    let take_snapshot = ranked && after.is_none() && total > i64::from(limit);
    let fetch = if take_snapshot {
        u32::try_from(snapshot_size(limit)).unwrap_or(u32::MAX)
    } else {
        limit + 1
    };
    let plan = plan_for(conn, resolved, sort, total, limit)?;
    let b = sql::page(resolved, sort, after, fetch, plan);
    let mut page = Page {
        rows: run_rows(conn, &b, |row| {
            let id: i64 = row.get(0)?;
            let key = key_of(row.get_ref(1)?);
            let score = match (&key, ranked) {
                (Key::Score(s), true) => *s,
                _ => 0.0,
            };
            Ok((id, score, key))
        })?,
        next_cursor: None,
    };
    if page.rows.len() > limit as usize {
        let token = take_snapshot.then(|| {
            let snapshot = Snapshot {
                ranked: page
                    .rows
                    .iter()
                    .map(|(id, score, _)| (*id, *score))
                    .collect(),
                truncated: page.rows.len() >= fetch as usize,
            };
            (snapshots.insert(snapshot), limit as usize)
        });
        page.rows.truncate(limit as usize);
        if let Some((id, _, key)) = page.rows.last() {
            page.next_cursor = Some(cursor(*id, key.clone(), token));
        }
    }
    Ok(page)
}

/// The SQL of the page query `query` runs as (parameters inlined as literals), for
/// `EXPLAIN QUERY PLAN` in tests and benchmarks.
#[cfg(feature = "test-hooks")]
pub(crate) fn sql_for_explain_in(
    conn: &Connection,
    query: &Query,
    lexicons: &LexiconCache,
) -> Result<String> {
    use rusqlite::types::Value;
    {
        let (resolved, sort, limit) = resolve(conn, query, lexicons)?;
        let b = sql::page(&resolved, sort, None, limit + 1, Plan::Sort);
        let mut text = b.sql.clone();
        for (i, value) in b.params.iter().enumerate().rev() {
            let literal = match value {
                Value::Integer(n) => n.to_string(),
                Value::Real(f) => format!("{f:?}"),
                Value::Text(t) => format!("'{}'", t.replace('\'', "''")),
                _ => "NULL".to_owned(),
            };
            text = text.replace(&format!("?{}", i + 1), &literal);
        }
        Ok(text)
    }
}
