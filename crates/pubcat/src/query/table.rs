//! [`Catalog::scan_publications`](crate::Catalog::scan_publications): every publication matching a [`Query`], one flat row each,
//! for columnar consumers (the Python binding's DataFrames and Arrow tables).
//!
//! One SQL statement reads all rows, in the query's order; rows are lent to a callback
//! (borrowed text, no allocation per row), so a binding can append them straight into column
//! builders.

use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::{params_from_iter, Connection};

use super::lexicon::LexiconCache;
use super::lists::{Lists, Selection, TextList};
use super::search::resolve;
use super::sql;
use super::{Query, Sort};
use crate::error::{Error, Result};
use crate::model::date::stored_year;

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
    /// Author names in order (all contributors' names when none is an author), as in
    /// [`Hit::authors`](super::Hit::authors).
    pub authors: TextList<'a>,
    /// The uids of the agents in [`authors`](Self::authors), in the same order.
    pub author_uids: TextList<'a>,
    /// Project uids, ordered by project name.
    pub projects: TextList<'a>,
    /// Labels of the place concepts the publication is tagged with, in the order of
    /// [`place_uids`](Self::place_uids): in the first of the query's `prefer_languages`
    /// (English without), else English, else any language, as facets label them.
    pub places: TextList<'a>,
    /// Uids of the place concepts, in order.
    pub place_uids: TextList<'a>,
    /// Labels of the mineral concepts (see [`places`](Self::places)).
    pub minerals: TextList<'a>,
    /// Uids of the mineral concepts, in order.
    pub mineral_uids: TextList<'a>,
    /// Labels of the actor concepts (see [`places`](Self::places)).
    pub actors: TextList<'a>,
    /// Uids of the actor concepts, in order.
    pub actor_uids: TextList<'a>,
    /// Labels of the theme concepts (see [`places`](Self::places)).
    pub themes: TextList<'a>,
    /// Uids of the theme concepts, in order.
    pub theme_uids: TextList<'a>,
    /// Language tags of the other versions of the work, the original first, then by language
    /// (as [`PublicationRecord::translations`](crate::model::PublicationRecord::translations)).
    pub other_languages: TextList<'a>,
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
            iso_date(d)
                .or_else(|| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .ok_or_else(|| Error::Corrupt(format!("column {column} holds `{d}`, not a date")))
        })
        .transpose()
}

/// `YYYY-MM-DD` without chrono's format parser (a third of the rows' decoding time).
fn iso_date(d: &str) -> Option<NaiveDate> {
    let b = d.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        b.get(range)?.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}

#[cfg(test)]
thread_local! {
    /// The last scan statement, for the query-plan test.
    static LAST_SQL: std::cell::RefCell<Option<(String, Vec<rusqlite::types::Value>)>> =
        const { std::cell::RefCell::new(None) };
}

/// Rows read at a time (their texts are kept in memory meanwhile); small in tests, so they
/// cross windows.
const WINDOW_ROWS: usize = if cfg!(test) { 1_000 } else { 32_768 };

/// The wide columns of the rows whose ids `?1` lists (a JSON array), in its order.
const WIDE_SQL: &str = "SELECT p.uid, w.uid, p.language, p.title, p.kind, p.date_edtf, \
     p.date_lower, p.date_upper, x.uid, p.series_number, p.summary, o.key, p.id, p.pages \
     FROM json_each(?1) o CROSS JOIN publication p ON p.id = o.value \
     CROSS JOIN work w ON w.id = p.work_id LEFT JOIN series x ON x.id = p.series_id";

/// The text columns of [`WIDE_SQL`] a window keeps, in the order of [`Wide::texts`].
const WIDE_TEXTS: [(usize, &str); 9] = [
    (0, "uid"),
    (1, "work"),
    (2, "language"),
    (3, "title"),
    (4, "kind"),
    (5, "date_edtf"),
    (8, "series"),
    (9, "series_number"),
    (10, "summary"),
];

/// One row of a window: its texts as ranges of the window's buffer.
struct Wide {
    texts: [Option<(usize, usize)>; 9],
    date_lower: Option<NaiveDate>,
    date_upper: Option<NaiveDate>,
    pages: Option<u32>,
    id: i64,
}

/// Appends `value` to `buffer`, returning its range.
fn keep(buffer: &mut String, value: Option<&str>) -> Option<(usize, usize)> {
    value.map(|v| {
        let start = buffer.len();
        buffer.push_str(v);
        (start, buffer.len())
    })
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
    let limit = match query.limit {
        None => u32::MAX,
        Some(n) => u32::try_from(n)
            .map_err(|_| crate::Error::InvalidQuery(format!("limit {n} is negative")))?,
    };
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
    let ids: Vec<i64> = ranked.iter().map(|(id, _)| *id).collect();
    // The lists of these rows (see `lists` for how they are read).
    let size: Option<i64> = conn.query_row("SELECT max(id) FROM publication", [], |r| r.get(0))?;
    let selection = Selection::new(ids, size.unwrap_or(0))?;
    let label_language = resolved.prefer.first().map_or("en", String::as_str);
    let lists = Lists::read(conn, &selection, label_language)?;
    // The wide rows, a window at a time: read in row id order (neighbouring rows share
    // pages: a fraction of the page reads of the query's order) into memory, then lent in
    // the query's order. `json_each` over the sorted ids is the outer loop of a CROSS JOIN
    // (SQLite's documented way to fix the loop order); each row's array index is checked.
    let mut stmt = conn.prepare_cached(WIDE_SQL)?;
    let mut buffer = String::new();
    let mut wide: Vec<Option<Wide>> = Vec::new();
    for window in ranked.chunks(WINDOW_ROWS) {
        let mut order: Vec<(i64, usize)> = window
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i))
            .collect();
        order.sort_unstable();
        let sorted: Vec<i64> = order.iter().map(|(id, _)| *id).collect();
        let json =
            serde_json::to_string(&sorted).map_err(|e| Error::invalid("query", e.to_string()))?;
        #[cfg(test)]
        LAST_SQL.with(|last| {
            *last.borrow_mut() = Some((
                WIDE_SQL.to_owned(),
                vec![rusqlite::types::Value::Text(json.clone())],
            ))
        });
        buffer.clear();
        wide.clear();
        wide.resize_with(window.len(), || None);
        let mut rows = stmt.query([json])?;
        let mut read = 0usize;
        while let Some(r) = rows.next()? {
            let index: i64 = r.get(11)?;
            if index != read as i64 {
                return Err(Error::Corrupt(format!(
                    "publication rows came out of order ({index} at {read}); please report this"
                )));
            }
            let position = order.get(read).map(|(_, p)| *p);
            read += 1;
            let mut texts = [None; 9];
            for (slot, (column, name)) in texts.iter_mut().zip(WIDE_TEXTS) {
                *slot = keep(&mut buffer, text(r.get_ref(column)?, name)?);
            }
            let entry = Wide {
                texts,
                date_lower: date(text(r.get_ref(6)?, "date_lower")?, "date_lower")?,
                date_upper: date(text(r.get_ref(7)?, "date_upper")?, "date_upper")?,
                pages: r.get(13)?,
                id: r.get(12)?,
            };
            if let Some(slot) = position.and_then(|p| wide.get_mut(p)) {
                *slot = Some(entry);
            }
        }
        for (entry, (_, score)) in wide.iter().zip(window) {
            let Some(w) = entry else { continue };
            let get = |i: usize| {
                w.texts
                    .get(i)
                    .copied()
                    .flatten()
                    .and_then(|(start, end)| buffer.get(start..end))
            };
            let required = |i: usize| -> Result<&str> {
                get(i).ok_or_else(|| {
                    let name = WIDE_TEXTS.get(i).map_or("?", |(_, name)| *name);
                    Error::Corrupt(format!("column {name} is NULL"))
                })
            };
            let l = lists.of(w.id);
            let [(places, place_uids), (minerals, mineral_uids), (actors, actor_uids), (themes, theme_uids)] =
                l.concepts;
            row(&PublicationRow {
                uid: required(0)?,
                work: required(1)?,
                language: required(2)?,
                title: required(3)?,
                kind: required(4)?,
                date: get(5),
                year: match (get(5), w.date_lower, w.date_upper) {
                    (Some(edtf), Some(lower), Some(upper)) => Some(stored_year(edtf, lower, upper)),
                    _ => None,
                },
                date_lower: w.date_lower,
                date_upper: w.date_upper,
                series: get(6),
                series_number: get(7),
                pages: w.pages,
                authors: l.authors,
                author_uids: l.author_uids,
                projects: l.projects,
                places,
                place_uids,
                minerals,
                mineral_uids,
                actors,
                actor_uids,
                themes,
                theme_uids,
                other_languages: l.other_languages,
                summary: get(8),
                score: if resolved.fts.is_some() { *score } else { 0.0 },
            });
        }
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
                        r.authors.to_vec(),
                        r.date.map(str::to_owned),
                    ))
                })
                .unwrap();
            let expected: Vec<_> = page
                .hits
                .iter()
                .map(|h| (h.uid.clone(), h.year, h.authors.clone(), h.date.clone()))
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
                |r| rows.push(r.authors.to_vec()),
            )
            .unwrap();
        assert_eq!(rows, [vec!["Mo", "Zed", "Ann"], vec!["Zed", "Ed", "Ann"]]);
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

    /// Every list of a row, in the order of [`record_lists`].
    fn row_lists(r: &PublicationRow<'_>) -> Vec<Vec<String>> {
        [
            r.authors,
            r.author_uids,
            r.projects,
            r.places,
            r.place_uids,
            r.minerals,
            r.mineral_uids,
            r.actors,
            r.actor_uids,
            r.themes,
            r.theme_uids,
            r.other_languages,
        ]
        .iter()
        .map(TextList::to_vec)
        .collect()
    }

    /// The lists of publication `uid` as its record says, labels in `language`.
    fn record_lists(catalog: &Catalog, uid: &str, language: &str) -> Vec<Vec<String>> {
        use crate::model::{Role, Scheme};
        let r = catalog.publication(uid).unwrap();
        let mut authors: Vec<_> = r
            .contributors
            .iter()
            .filter(|c| c.role == Role::Author)
            .collect();
        if authors.is_empty() {
            authors = r.contributors.iter().collect();
        }
        let mut out = vec![
            authors.iter().map(|c| c.name.clone()).collect(),
            authors.iter().map(|c| c.agent.clone()).collect(),
            r.projects.iter().map(|p| p.uid.clone()).collect(),
        ];
        for scheme in [Scheme::Place, Scheme::Mineral, Scheme::Actor, Scheme::Theme] {
            let concepts: Vec<_> = r.concepts.iter().filter(|c| c.scheme == scheme).collect();
            out.push(
                concepts
                    .iter()
                    .map(|c| {
                        let labels = &c.labels;
                        let label = labels.get(language).or_else(|| labels.get("en"));
                        label
                            .or_else(|| labels.values().next())
                            .unwrap_or(&c.uid)
                            .clone()
                    })
                    .collect(),
            );
            out.push(concepts.iter().map(|c| c.uid.clone()).collect());
        }
        out.push(r.translations.iter().map(|t| t.language.clone()).collect());
        out
    }

    #[test]
    fn lists_match_the_records() {
        let catalog = Catalog::demo().unwrap();
        for (prefer, language) in [(vec![], "en"), (vec!["fr".to_owned()], "fr")] {
            let query = Query {
                prefer_languages: prefer,
                ..Query::default()
            };
            let mut rows = Vec::new();
            catalog
                .scan_publications(&query, |r| rows.push((r.uid.to_owned(), row_lists(r))))
                .unwrap();
            assert!(!rows.is_empty());
            for (uid, lists) in rows {
                assert_eq!(lists, record_lists(&catalog, &uid, language), "{uid}");
            }
        }
        // Something to compare: the demo has lists of every kind.
        let mut seen = [false; 12];
        catalog
            .scan_publications(&Query::default(), |r| {
                for (seen, list) in seen.iter_mut().zip(row_lists(r)) {
                    *seen |= !list.is_empty();
                }
            })
            .unwrap();
        assert!(seen.iter().all(|s| *s), "{seen:?}");
    }

    #[test]
    fn bulk_lists_match_the_search_hits_and_records() {
        use crate::formats::native::CatalogDocument;
        let n = 2_150;
        let mut doc = CatalogDocument::parse(r#"{"format": "pubcat", "version": 1,
            "agents": [{"uid": "z", "kind": "person", "name": "Zed"}, {"uid": "a", "kind": "person", "name": "Ann"},
                       {"uid": "m", "kind": "organization", "name": "Mo"}],
            "projects": [{"uid": "p1", "name": "Beta"}, {"uid": "p2", "name": "Alpha"}],
            "concepts": [{"uid": "kivu", "scheme": "place", "labels": {"en": "Kivu", "fr": "Le Kivu"}},
                         {"uid": "goma", "scheme": "place", "labels": {"fr": "Goma (fr)", "sw": "Goma (sw)"}},
                         {"uid": "gold", "scheme": "mineral", "labels": {"en": "Gold", "fr": "Or"}},
                         {"uid": "m23", "scheme": "actor", "labels": {"sw": "M23"}},
                         {"uid": "tax", "scheme": "theme", "labels": {"en": "Taxation"}}]}"#)
        .unwrap();
        let roles = ["author", "editor", "funder"];
        let tags = ["kivu", "goma", "gold", "m23", "tax"];
        let languages = ["en", "fr", "sw"];
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
            let concepts: Vec<String> = (0..i % 6)
                .map(|k| format!("\"{}\"", tags[(i + 2 * k) % 5]))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            // Works of one to three versions; some with an original.
            let work = i / 3;
            let original = if work % 2 == 0 { i % 3 == 1 } else { false };
            let json = format!(
                r#"{{"uid": "u{i:05}", "work": "w{work}", "original": {original}, "language": "{}", "title": "T {i}", "kind": "report", "contributors": [{}], "projects": {projects}, "concepts": [{}]}}"#,
                languages[(i + work) % 3],
                contributors.join(", "),
                concepts.join(", ")
            );
            doc.publications.push(serde_json::from_str(&json).unwrap());
        }
        let catalog = Catalog::open_in_memory().unwrap();
        catalog.import_document(&doc).unwrap();
        // Without a language preference, every version is a row.
        let query = query_sorted();
        let mut rows = Vec::new();
        catalog
            .scan_publications(&query, |r| rows.push((r.uid.to_owned(), row_lists(r))))
            .unwrap();
        assert_eq!(rows.len(), n);
        let mut expected = Vec::new();
        let mut q = Query {
            limit: Some(1000),
            ..query.clone()
        };
        loop {
            let page = catalog.search(&q).unwrap();
            for h in &page.hits {
                let projects: Vec<String> = h.projects.iter().map(|p| p.uid.clone()).collect();
                expected.push((h.uid.clone(), h.authors.clone(), projects));
            }
            match page.next_cursor {
                Some(c) => q.cursor = Some(c),
                None => break,
            }
        }
        let from_rows: Vec<_> = rows
            .iter()
            .map(|(uid, l)| (uid.clone(), l[0].clone(), l[2].clone()))
            .collect();
        assert_eq!(from_rows, expected);
        for (uid, lists) in rows.iter().step_by(7) {
            assert_eq!(*lists, record_lists(&catalog, uid, "en"), "{uid}");
        }
        // Fewer rows (each list read for these rows only, or some whole tables) give the
        // same lists: 50 rows read none whole, 300 the projects and versions, 1000 all.
        for limit in [50, 300, 1000] {
            let mut few = Vec::new();
            let q = Query {
                limit: Some(limit),
                ..query_sorted()
            };
            catalog
                .scan_publications(&q, |r| few.push((r.uid.to_owned(), row_lists(r))))
                .unwrap();
            assert_eq!(few[..], rows[..limit as usize], "{limit}");
        }
        // Labels in the preferred language (each work once), on both paths.
        for limit in [None, Some(40)] {
            let q = Query {
                prefer_languages: vec!["fr".into()],
                limit,
                ..query_sorted()
            };
            let mut uids = Vec::new();
            catalog
                .scan_publications(&q, |r| uids.push((r.uid.to_owned(), row_lists(r))))
                .unwrap();
            for (uid, lists) in uids.iter().step_by(5) {
                assert_eq!(*lists, record_lists(&catalog, uid, "fr"), "{uid}");
            }
            let checked = uids.len();
            assert!(checked >= 40);
        }
    }

    fn query_sorted() -> Query {
        Query {
            sort: Some(Sort::Title),
            ..Query::default()
        }
    }
}
