//! The query cases: each is a pubcat [`Query`] and the hand-written [`RawPlan`] that returns
//! the same answer. Search terms are chosen from the index by how many publications contain
//! them (FTS5's `fts5vocab`), so each selectivity class means the same at every size.

use pubcat::model::Kind;
use pubcat::query::{syntax, Facet, Query, SearchPage, Sort};
use pubcat::Catalog;
use rusqlite::Connection;

use crate::raw::{Answer, Order, RawPlan};

/// A term and the number of publications containing it.
#[derive(Debug, Clone)]
pub struct Term {
    /// The term as indexed (lower case, diacritics removed).
    pub text: String,
    /// Publications containing it.
    pub docs: u64,
}

/// One term per selectivity class.
#[derive(Debug, Clone)]
pub struct Terms {
    /// In about 0.001% of publications (at least 3).
    pub rare: Term,
    /// In about 1%.
    pub medium: Term,
    /// In at least 10% (closest to 15%).
    pub common: Term,
    /// In at least 50% (closest to 60%).
    pub very_common: Term,
}

/// The term whose document frequency is closest to `target` (and at least `min`).
fn closest(conn: &Connection, target: u64, min: u64) -> rusqlite::Result<Term> {
    conn.query_row(
        "SELECT term, doc FROM temp.bench_vocab WHERE length(term) >= 4 AND term NOT GLOB '*[0-9]*'
            AND doc >= ?2 ORDER BY abs(doc - ?1), term LIMIT 1",
        [target as i64, min as i64],
        |r| {
            Ok(Term {
                text: r.get(0)?,
                docs: r.get::<_, i64>(1)? as u64,
            })
        },
    )
}

/// Picks the terms of each class from the index of a catalogue of `n` publications.
pub fn pick_terms(conn: &Connection, n: u64) -> rusqlite::Result<Terms> {
    conn.execute_batch(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab USING fts5vocab(main, 'publication_fts', 'row')",
    )?;
    Ok(Terms {
        rare: closest(conn, (n / 100_000).max(3), 3)?,
        medium: closest(conn, n / 100, 1)?,
        common: closest(conn, n * 15 / 100, n / 10)?,
        very_common: closest(conn, n * 60 / 100, n / 2)?,
    })
}

/// One benchmark case.
#[derive(Debug, Clone)]
pub struct Case {
    /// Stable name (`group/variant`).
    pub name: String,
    /// What pubcat is asked.
    pub query: Query,
    /// What the baseline runs.
    pub raw: RawPlan,
}

fn fts(text: &str) -> Option<String> {
    syntax::parse(text).to_fts5()
}

fn plan(text: Option<&str>, order: Order, limit: usize) -> RawPlan {
    RawPlan {
        fts: text.and_then(fts),
        with: String::new(),
        filters: String::new(),
        order,
        limit,
        facets: Vec::new(),
        prefer: Vec::new(),
    }
}

const RANK: Order = Order::Rank { offset: 0 };
const NEWEST: Order = Order::DateDesc { after: None };

/// Every case for the chosen terms (deep-pagination cases get their cursors later, from
/// [`deep_cases`]).
pub fn cases(t: &Terms) -> Vec<Case> {
    let mut out = Vec::new();
    let mut add = |name: &str, query: Query, raw: RawPlan| {
        out.push(Case {
            name: name.to_owned(),
            query,
            raw,
        })
    };
    let classes = [
        ("rare", t.rare.text.as_str()),
        ("medium", t.medium.text.as_str()),
        ("common", t.common.text.as_str()),
        ("very_common", t.very_common.text.as_str()),
        ("no_hit", "vanadium"),
    ];
    let shapes = [
        ("phrase", "\"illegal taxation\""),
        ("prefix2", "mi*"),
        ("prefix3", "kab*"),
        ("folded", "securite"),
    ];
    for (class, text) in classes.iter().chain(shapes.iter()) {
        add(
            &format!("top20/{class}"),
            Query::text(*text),
            plan(Some(text), RANK, 20),
        );
    }
    for (class, text) in classes[..4].iter().chain(&shapes[1..2]) {
        let query = Query {
            limit: Some(0),
            ..Query::text(*text)
        };
        add(&format!("count/{class}"), query, plan(Some(text), RANK, 0));
    }
    for (class, text) in [
        ("common", &t.common.text),
        ("very_common", &t.very_common.text),
    ] {
        let query = Query {
            sort: Some(Sort::DateDesc),
            ..Query::text(text.as_str())
        };
        add(
            &format!("recent20/{class}"),
            query,
            plan(Some(text), NEWEST, 20),
        );
    }
    let facets = vec![
        Facet::Language,
        Facet::Kind,
        Facet::Year,
        Facet::Mineral,
        Facet::Place,
    ];
    let query = Query {
        languages: vec!["fr".into()],
        kinds: vec![Kind::Report, Kind::Briefing, Kind::PolicyBrief],
        concepts: vec!["eastern-drc".into()],
        date_from: Some("2005".into()),
        date_to: Some("2020".into()),
        sort: Some(Sort::DateDesc),
        facets: facets.clone(),
        ..Query::text(t.common.text.as_str())
    };
    let mut raw = plan(Some(&t.common.text), NEWEST, 20);
    raw.with = "WITH RECURSIVE d(id) AS (SELECT id FROM concept WHERE uid = 'eastern-drc' \
                UNION SELECT c.id FROM concept c JOIN d ON c.broader_id = d.id)"
        .to_owned();
    raw.filters = " AND (p.language = 'fr' OR p.language LIKE 'fr-%') \
                   AND p.kind IN ('report', 'briefing', 'policy_brief') \
                   AND p.date_upper >= '2005-01-01' AND p.date_lower <= '2020-12-31' \
                   AND p.id IN (SELECT publication_id FROM publication_concept WHERE concept_id IN d)"
        .to_owned();
    raw.facets = facets;
    add("filters/sort/facets", query, raw);
    let query = Query {
        facets: Facet::ALL.to_vec(),
        ..Query::default()
    };
    let mut raw = plan(None, NEWEST, 20);
    raw.facets = Facet::ALL.to_vec();
    add("browse/all_facets", query, raw);
    let query = Query {
        prefer_languages: vec!["fr".into(), "en".into()],
        ..Query::text(t.common.text.as_str())
    };
    let mut raw = plan(Some(&t.common.text), RANK, 20);
    raw.prefer = vec!["fr".into(), "en".into()];
    add("collapse/common", query, raw);
    let query = Query {
        prefer_languages: vec!["sw".into(), "en".into()],
        ..Query::default()
    };
    let mut raw = plan(None, NEWEST, 20);
    raw.prefer = vec!["sw".into(), "en".into()];
    add("collapse/browse", query, raw);
    out
}

/// Page 50 (hits 981–1000) of a newest-first browse and of a relevance search for the
/// common term: pubcat follows its cursors to page 49 first (untimed); the baseline uses a
/// keyset for the browse and OFFSET for relevance (a keyset cannot be pushed into FTS5).
pub fn deep_cases(catalog: &Catalog, conn: &Connection, t: &Terms) -> Result<Vec<Case>, String> {
    let mut out = Vec::new();
    for (name, text) in [
        ("deep/browse_p50", None),
        ("deep/common_p50", Some(t.common.text.as_str())),
    ] {
        let mut query = match text {
            Some(text) => Query::text(text),
            None => Query::default(),
        };
        let mut last: Option<SearchPage> = None;
        for _ in 0..49 {
            let page = catalog.search(&query).map_err(|e| e.to_string())?;
            query.cursor = page.next_cursor.clone();
            last = Some(page);
            if query.cursor.is_none() {
                break;
            }
        }
        let Some(page49) = last else { continue };
        if query.cursor.is_none() {
            continue; // fewer than 50 pages
        }
        let order = match text {
            Some(_) => Order::Rank { offset: 980 },
            None => {
                let uid = page49
                    .hits
                    .last()
                    .map(|h| h.uid.clone())
                    .unwrap_or_default();
                let key: (Option<String>, i64) = conn
                    .query_row(
                        "SELECT date_lower, id FROM publication WHERE uid = ?1",
                        [&uid],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .map_err(|e| e.to_string())?;
                Order::DateDesc {
                    after: key.0.map(|d| (d, key.1)),
                }
            }
        };
        out.push(Case {
            name: name.to_owned(),
            query,
            raw: plan(text, order, 20),
        });
    }
    Ok(out)
}

/// pubcat's answer in the baseline's shape.
pub fn answer_of(page: &SearchPage) -> Answer {
    Answer {
        total: page.total as u64,
        uids: page.hits.iter().map(|h| h.uid.clone()).collect(),
        facets: page
            .facets
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    v.iter()
                        .map(|f| (f.value.clone(), f.count as u64))
                        .collect(),
                )
            })
            .collect(),
    }
}
