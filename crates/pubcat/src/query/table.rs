//! [`Catalog::scan_publications`](crate::Catalog::scan_publications): every publication matching a [`Query`], one flat row each,
//! for columnar consumers (the Python binding's DataFrames and Arrow tables).
//!
//! One SQL statement reads all rows, in the query's order; rows are lent to a callback
//! (borrowed text, no allocation per row), so a binding can append them straight into column
//! builders.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::{params_from_iter, Connection};

use super::lexicon::LexiconCache;
use super::search::resolve;
use super::sql::{self, SqlBuilder};
use super::{Query, Sort};
use crate::error::{Error, Result};

pub(crate) use crate::model::LIST_SEPARATOR;

/// One matched publication as a flat row.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicationRow<'a> {
    /// Publication uid.
    pub uid: &'a str,
    /// Work uid.
    pub work: &'a str,
    /// BCP 47 tag.
    pub language: &'a str,
    /// Title.
    pub title: &'a str,
    /// Kind code (`report`, `map`, ...).
    pub kind: &'a str,
    /// Date as EDTF.
    pub date: Option<&'a str>,
    /// Year of the date's lower bound.
    pub year: Option<i32>,
    /// First day the date may mean.
    pub date_lower: Option<NaiveDate>,
    /// Last day the date may mean.
    pub date_upper: Option<NaiveDate>,
    /// Series uid.
    pub series: Option<&'a str>,
    /// Number in the series.
    pub series_number: Option<&'a str>,
    /// Page count.
    pub pages: Option<u32>,
    /// Author names in order, joined with [`LIST_SEPARATOR`] (all contributors' names when
    /// none is an author), as in [`Hit::authors`](super::Hit::authors).
    pub authors: Option<&'a str>,
    /// Project uids, joined with [`LIST_SEPARATOR`].
    pub projects: Option<&'a str>,
    /// Summary.
    pub summary: Option<&'a str>,
    /// Relevance (0 without search text).
    pub score: f64,
}

fn text<'a>(value: ValueRef<'a>, column: &str) -> Result<Option<&'a str>> {
    match value {
        ValueRef::Null => Ok(None),
        ValueRef::Text(bytes) => std::str::from_utf8(bytes)
            .map(Some)
            .map_err(|_| Error::Corrupt(format!("column {column} holds invalid UTF-8"))),
        _ => Err(Error::Corrupt(format!("column {column} is not text"))),
    }
}

fn date(value: Option<&str>, column: &str) -> Result<Option<NaiveDate>> {
    value
        .map(|d| {
            NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| Error::Corrupt(format!("column {column} holds `{d}`, not a date")))
        })
        .transpose()
}

/// From this many rows on (and a quarter of the catalogue), authors and projects are read
/// in bulk.
const BULK_ROWS: usize = 2_000;

/// Author names of every publication, in order, joined (all contributors' names where none
/// is an author), by publication row id. One pass over `contribution` in primary-key order.
fn authors_by_publication(conn: &rusqlite::Connection) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare(
        "SELECT c.publication_id, c.role = 'author', a.name FROM contribution c \
         CROSS JOIN agent a ON a.id = c.agent_id ORDER BY c.publication_id, c.position",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = HashMap::new();
    let mut current: Option<(i64, String, String)> = None;
    let finish = |done: Option<(i64, String, String)>, out: &mut HashMap<i64, String>| {
        if let Some((id, authors, all)) = done {
            out.insert(id, if authors.is_empty() { all } else { authors });
        }
    };
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let is_author: bool = r.get(1)?;
        let name = text(r.get_ref(2)?, "agent name")?.unwrap_or_default();
        if current.as_ref().is_none_or(|(cur, _, _)| *cur != id) {
            finish(current.take(), &mut out);
            current = Some((id, String::new(), String::new()));
        }
        if let Some((_, authors, all)) = current.as_mut() {
            for (list, wanted) in [(authors, is_author), (all, true)] {
                if wanted {
                    if !list.is_empty() {
                        list.push_str(LIST_SEPARATOR);
                    }
                    list.push_str(name);
                }
            }
        }
    }
    finish(current, &mut out);
    Ok(out)
}

/// Project uids of every publication (ordered by project name), joined, by row id.
fn projects_by_publication(conn: &rusqlite::Connection) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare(
        "SELECT l.publication_id, group_concat(j.uid, '; ' ORDER BY j.name) FROM project_publication l \
         JOIN project j ON j.id = l.project_id GROUP BY l.publication_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

#[cfg(test)]
thread_local! {
    /// The last scan statement, for the query-plan test.
    static LAST_SQL: std::cell::RefCell<Option<(String, Vec<rusqlite::types::Value>)>> =
        const { std::cell::RefCell::new(None) };
}

/// The row ids of every publication matching `query` (all pages; `limit`, `cursor` and facets
/// are ignored; `prefer_languages` collapses works as in a search), for a selection.
pub(crate) fn matching_ids_in(
    conn: &Connection,
    query: &Query,
    lexicons: &LexiconCache,
) -> Result<Vec<i64>> {
    let mut checked = query.clone();
    checked.limit = None;
    checked.cursor = None;
    checked.facets.clear();
    let (resolved, sort, _) = resolve(conn, &checked, lexicons)?;
    let page = sql::page(&resolved, sort, None, u32::MAX, sql::Plan::Sort);
    let mut stmt = conn.prepare(&page.sql)?;
    let ids = stmt
        .query_map(params_from_iter(page.params.iter()), |r| r.get::<_, i64>(0))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(ids)
}

/// Calls `row` for every publication matching `query`, in the query's order (see
/// [`Catalog::scan_publications`](crate::Catalog::scan_publications)).
pub(crate) fn scan_in(
    conn: &Connection,
    query: &Query,
    lexicons: &LexiconCache,
    row: &mut dyn FnMut(&PublicationRow<'_>),
) -> Result<()> {
    let limit = query.limit.unwrap_or(u32::MAX);
    let mut checked = query.clone();
    checked.limit = None;
    checked.facets.clear();
    let (resolved, sort, _) = resolve(conn, &checked, lexicons)?;
    let after = query
        .cursor
        .as_deref()
        .map(|c| super::cursor::Cursor::decode(c, query, sort))
        .transpose()?;
    let page = sql::page(&resolved, sort, after.as_ref(), limit, sql::Plan::Sort);
    // Two steps, so the wide rows (summaries and all) are never sorted: the page query
    // orders the narrow (id, score) rows; then the wide rows are read in that order,
    // driven by `json_each` over the ids as the outer loop of a CROSS JOIN (SQLite's
    // documented way to fix the loop order). The row's array index is checked below.
    // One read snapshot for both steps (another process may write in between).
    // (File catalogues read in a transaction already; in-memory ones do not.)
    let _snapshot = if conn.is_autocommit() {
        Some(conn.unchecked_transaction()?)
    } else {
        None
    };
    let ranked: Vec<(i64, f64)> = {
        let mut stmt = conn.prepare(&page.sql)?;
        // The page's second column is the score for relevance, else the sort key.
        let rows = stmt.query_map(params_from_iter(page.params.iter()), |r| {
            let score = match r.get_ref(1)? {
                ValueRef::Real(v) if sort == Sort::Relevance => v,
                _ => 0.0,
            };
            Ok((r.get::<_, i64>(0)?, score))
        })?;
        rows.collect::<std::result::Result<_, _>>()?
    };
    let ids = serde_json::to_string(&ranked.iter().map(|(id, _)| *id).collect::<Vec<_>>())
        .map_err(|e| Error::invalid("query", e.to_string()))?;
    // Many rows (at least a quarter of the catalogue): authors and projects of every
    // publication in one ordered pass each, cheaper than two correlated subqueries per
    // row; fewer rows: per-row subqueries.
    let size: Option<i64> = conn.query_row("SELECT max(id) FROM publication", [], |r| r.get(0))?;
    let bulk = ranked.len() >= BULK_ROWS && ranked.len() as i64 >= size.unwrap_or(0) / 4;
    let lists = if bulk {
        Some((
            authors_by_publication(conn)?,
            projects_by_publication(conn)?,
        ))
    } else {
        None
    };
    let (authors_sql, projects_sql) = if bulk {
        ("NULL".to_owned(), "NULL".to_owned())
    } else {
        (
                format!(
                    "coalesce((SELECT group_concat(a.name, '{LIST_SEPARATOR}' ORDER BY c.position) FROM contribution c \
                     JOIN agent a ON a.id = c.agent_id WHERE c.publication_id = p.id AND c.role = 'author'), \
                     (SELECT group_concat(a.name, '{LIST_SEPARATOR}' ORDER BY c.position) FROM contribution c \
                     JOIN agent a ON a.id = c.agent_id WHERE c.publication_id = p.id))"
                ),
                format!(
                    "(SELECT group_concat(j.uid, '{LIST_SEPARATOR}' ORDER BY j.name) FROM project_publication l \
                     JOIN project j ON j.id = l.project_id WHERE l.publication_id = p.id)"
                ),
            )
    };
    let b = SqlBuilder {
            sql: format!(
                "SELECT p.uid, w.uid, p.language, p.title, p.kind, p.date_edtf, p.date_lower, p.date_upper, \
                 x.uid, p.series_number, {authors_sql}, {projects_sql}, p.summary, o.key, p.id, p.pages \
                 FROM json_each(?1) o CROSS JOIN publication p ON p.id = o.value \
                 CROSS JOIN work w ON w.id = p.work_id LEFT JOIN series x ON x.id = p.series_id",
            ),
            params: vec![rusqlite::types::Value::Text(ids)],
        };
    #[cfg(test)]
    LAST_SQL.with(|last| *last.borrow_mut() = Some((b.sql.clone(), b.params.clone())));
    let mut stmt = conn.prepare(&b.sql)?;
    let mut rows = stmt.query(params_from_iter(b.params.iter()))?;
    let mut position = 0usize;
    while let Some(r) = rows.next()? {
        let get = |i: usize, name: &str| -> Result<Option<&str>> { text(r.get_ref(i)?, name) };
        let required = |i: usize, name: &str| -> Result<&str> {
            get(i, name)?.ok_or_else(|| Error::Corrupt(format!("column {name} is NULL")))
        };
        let date_lower = date(get(6, "date_lower")?, "date_lower")?;
        let index: i64 = r.get(13)?;
        let expected = position;
        position += 1;
        if index != expected as i64 {
            return Err(Error::Corrupt(format!(
                "publication rows came out of order ({index} at {expected}); please report this"
            )));
        }
        let score = ranked.get(expected).map_or(0.0, |(_, score)| *score);
        row(&PublicationRow {
            uid: required(0, "uid")?,
            work: required(1, "work")?,
            language: required(2, "language")?,
            title: required(3, "title")?,
            kind: required(4, "kind")?,
            date: get(5, "date_edtf")?,
            year: date_lower.map(|d| chrono::Datelike::year(&d)),
            date_lower,
            date_upper: date(get(7, "date_upper")?, "date_upper")?,
            series: get(8, "series")?,
            series_number: get(9, "series_number")?,
            pages: r.get(15)?,
            authors: match &lists {
                Some((authors, _)) => authors.get(&r.get::<_, i64>(14)?).map(String::as_str),
                None => get(10, "authors")?,
            },
            projects: match &lists {
                Some((_, projects)) => projects.get(&r.get::<_, i64>(14)?).map(String::as_str),
                None => get(11, "projects")?,
            },
            summary: get(12, "summary")?,
            score: if resolved.fts.is_some() { score } else { 0.0 },
        });
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::query::Sort;
    use crate::Catalog;

    #[test]
    fn rows_follow_the_search_order_and_fields() {
        let catalog = crate::Catalog::demo().unwrap();
        for query in [
            Query::default(),
            Query::text("cobalt OR gold"),
            Query {
                sort: Some(Sort::Title),
                ..Query::default()
            },
            Query {
                prefer_languages: vec!["fr".into()],
                sort: Some(Sort::DateAsc),
                ..Query::default()
            },
        ] {
            let mut q = query.clone();
            q.limit = Some(1000);
            let page = catalog.search(&q).unwrap();
            let mut rows = Vec::new();
            catalog
                .scan_publications(&query, |r| {
                    rows.push((
                        r.uid.to_owned(),
                        r.year,
                        r.authors.map(str::to_owned),
                        r.date.map(str::to_owned),
                    ))
                })
                .unwrap();
            let expected: Vec<_> = page
                .hits
                .iter()
                .map(|h| {
                    let authors = (!h.authors.is_empty()).then(|| h.authors.join(LIST_SEPARATOR));
                    (h.uid.clone(), h.year, authors, h.date.clone())
                })
                .collect();
            assert_eq!(rows, expected, "{query:?}");
        }
        let mut n = 0;
        catalog
            .scan_publications(
                &Query {
                    limit: Some(2),
                    ..Query::default()
                },
                |_| n += 1,
            )
            .unwrap();
        assert_eq!(n, 2);
        let err = catalog
            .scan_publications(
                &Query {
                    projects: vec!["nope".into()],
                    ..Query::default()
                },
                |_| {},
            )
            .unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::InvalidQuery);
    }

    #[test]
    fn wide_rows_are_not_sorted_again() {
        let catalog = crate::Catalog::demo().unwrap();
        for sort in [Sort::DateDesc, Sort::DateAsc, Sort::Title, Sort::Relevance] {
            let q = Query {
                text: (sort == Sort::Relevance).then(|| "cobalt".into()),
                sort: Some(sort),
                ..Query::default()
            };
            catalog.scan_publications(&q, |_| {}).unwrap();
            let (sql, params) = LAST_SQL.with(|last| last.borrow().clone()).unwrap();
            let plan: Vec<(i64, String)> = catalog
                .with_conn(|conn| {
                    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
                    let rows = stmt.query_map(params_from_iter(params.iter()), |r| {
                        Ok((r.get(1)?, r.get(3)?))
                    })?;
                    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
                })
                .unwrap();
            let outer_sort = plan
                .iter()
                .any(|(parent, detail)| *parent == 0 && detail.contains("ORDER BY"));
            assert!(!outer_sort, "{sort:?}: {plan:#?}");
        }
    }

    #[test]
    fn authors_keep_their_order() {
        use crate::model::{Agent, AgentKind, Contributor, Kind, Publication, Role};
        let catalog = Catalog::open_in_memory().unwrap();
        for (uid, name) in [("z", "Zed"), ("a", "Ann"), ("m", "Mo"), ("e", "Ed")] {
            catalog
                .upsert_agent(&Agent::new(uid, AgentKind::Person, name))
                .unwrap();
        }
        let mut p = Publication::new("p", "en", "T", Kind::Report);
        for uid in ["m", "z", "a"] {
            p.contributors.push(Contributor::new(uid, Role::Author));
        }
        p.contributors
            .insert(1, Contributor::new("e", Role::Editor));
        catalog.upsert_publication(&p).unwrap();
        let mut q = Publication::new("q", "en", "U", Kind::Report);
        for uid in ["z", "e", "a"] {
            q.contributors.push(Contributor::new(uid, Role::Editor));
        }
        catalog.upsert_publication(&q).unwrap();
        let mut rows = Vec::new();
        catalog
            .scan_publications(
                &Query {
                    sort: Some(Sort::Title),
                    ..Query::default()
                },
                |r| rows.push(r.authors.map(str::to_owned)),
            )
            .unwrap();
        assert_eq!(
            rows,
            [
                Some("Mo; Zed; Ann".to_owned()),
                Some("Zed; Ed; Ann".to_owned())
            ]
        );
    }

    #[test]
    fn works_on_files_with_pooled_readers() {
        let dir = std::env::temp_dir().join(format!("pubcat-scan-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("scan.db");
        let _ = std::fs::remove_file(&path);
        let catalog = crate::Catalog::create_demo(&path).unwrap();
        let mut n = 0;
        catalog
            .scan_publications(&Query::default(), |_| n += 1)
            .unwrap();
        catalog
            .scan_publications(&Query::text("cobalt"), |_| n += 1)
            .unwrap();
        assert!(n > 7);
        catalog.close().unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn bulk_lists_match_the_search_hits() {
        use crate::formats::native::CatalogDocument;
        let n = BULK_ROWS + 150;
        let mut doc = CatalogDocument::parse(r#"{"format": "pubcat", "version": 1,
            "agents": [{"uid": "z", "kind": "person", "name": "Zed"}, {"uid": "a", "kind": "person", "name": "Ann"},
                       {"uid": "m", "kind": "organization", "name": "Mo"}],
            "projects": [{"uid": "p1", "name": "Beta"}, {"uid": "p2", "name": "Alpha"}]}"#)
        .unwrap();
        let roles = ["author", "editor", "funder"];
        for i in 0..n {
            let contributors: Vec<String> = (0..i % 4)
                .map(|k| {
                    let agent = ["z", "a", "m"][(i + k) % 3];
                    format!(
                        r#"{{"agent": "{agent}", "role": "{}"}}"#,
                        roles[(i / 3 + k) % 3]
                    )
                })
                .collect();
            let projects = [r#"[]"#, r#"["p1"]"#, r#"["p1", "p2"]"#][i % 3];
            let json = format!(
                r#"{{"uid": "u{i:05}", "language": "en", "title": "T {i}", "kind": "report", "contributors": [{}], "projects": {projects}}}"#,
                contributors.join(", ")
            );
            doc.publications.push(serde_json::from_str(&json).unwrap());
        }
        let catalog = Catalog::open_in_memory().unwrap();
        catalog.import_document(&doc).unwrap();
        let query = Query {
            sort: Some(Sort::Title),
            ..Query::default()
        };
        let mut rows = Vec::new();
        catalog
            .scan_publications(&query, |r| {
                rows.push((
                    r.uid.to_owned(),
                    r.authors.map(str::to_owned),
                    r.projects.map(str::to_owned),
                ))
            })
            .unwrap();
        assert_eq!(rows.len(), n);
        let mut expected = Vec::new();
        let mut q = Query {
            limit: Some(1000),
            ..query
        };
        loop {
            let page = catalog.search(&q).unwrap();
            for h in &page.hits {
                let authors = (!h.authors.is_empty()).then(|| h.authors.join(LIST_SEPARATOR));
                let projects = (!h.projects.is_empty()).then(|| {
                    h.projects
                        .iter()
                        .map(|p| p.uid.as_str())
                        .collect::<Vec<_>>()
                        .join(LIST_SEPARATOR)
                });
                expected.push((h.uid.clone(), authors, projects));
            }
            match page.next_cursor {
                Some(c) => q.cursor = Some(c),
                None => break,
            }
        }
        assert_eq!(rows, expected);
        // The per-row path (few rows) gives the same lists.
        let mut few = Vec::new();
        let q = Query {
            limit: Some(50),
            ..query_sorted()
        };
        catalog
            .scan_publications(&q, |r| {
                few.push((
                    r.uid.to_owned(),
                    r.authors.map(str::to_owned),
                    r.projects.map(str::to_owned),
                ))
            })
            .unwrap();
        assert_eq!(few[..], expected[..50]);
    }

    fn query_sorted() -> Query {
        Query {
            sort: Some(Sort::Title),
            ..Query::default()
        }
    }
}
