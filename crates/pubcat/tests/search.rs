//! The query API beyond the conformance vectors: ranking, pagination under inserts, query
//! plans, and hostile input at scale.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::type_complexity)]

mod common;

use common::hostile::{Rng, TEXT_PIECES};
use pubcat::model::*;
use pubcat::query::{Query, Sort};
use pubcat::{Catalog, ErrorKind};

fn corpus(n: usize) -> Catalog {
    let c = Catalog::open_in_memory().unwrap();
    let doc = pubcat::formats::CatalogDocument {
        publications: (0..n)
            .map(|i| {
                let mut p = Publication::new(
                    format!("p{i:05}"),
                    if i % 3 == 0 { "fr" } else { "en" },
                    format!("Report {i} on gold and tin"),
                    Kind::Report,
                );
                if i % 4 != 0 {
                    p.date = Some(format!("{}-{:02}", 1995 + i % 30, 1 + i % 12));
                }
                p.summary = Some(format!(
                    "Summary number {i} about mining in province {}",
                    i % 7
                ));
                p
            })
            .collect(),
        ..Default::default()
    };
    c.import_document(&doc).unwrap();
    c
}

#[test]
fn ranking_weights_title_above_summary_above_body() {
    let c = Catalog::open_in_memory().unwrap();
    let mut body = Publication::new("body", "en", "Alpha", Kind::Report);
    body.body = Some("wolframite".into());
    let mut summary = Publication::new("summary", "en", "Beta", Kind::Report);
    summary.summary = Some("wolframite".into());
    let title = Publication::new("title", "en", "Wolframite", Kind::Report);
    for p in [&body, &summary, &title] {
        c.upsert_publication(p).unwrap();
    }
    let page = c.search(&Query::text("wolframite")).unwrap();
    let order: Vec<&str> = page.hits.iter().map(|h| h.uid.as_str()).collect();
    assert_eq!(order, ["title", "summary", "body"]);
    assert!(page.hits[0].score > page.hits[1].score && page.hits[1].score > page.hits[2].score);
    assert!(page.hits[1]
        .snippet
        .as_deref()
        .unwrap()
        .contains("<mark>wolframite</mark>"));
}

fn collect_all(c: &Catalog, mut q: Query, insert_between: bool) -> Vec<String> {
    let mut seen = Vec::new();
    let mut extra = 0;
    loop {
        let page = c.search(&q).unwrap();
        seen.extend(page.hits.iter().map(|h| h.uid.clone()));
        if insert_between {
            // New publications that sort before and after the current position.
            for date in ["1990", "2030"] {
                extra += 1;
                let mut p = Publication::new(
                    format!("new{extra}"),
                    "en",
                    format!("AAA new {extra}"),
                    Kind::Report,
                );
                p.date = Some(date.into());
                c.upsert_publication(&p).unwrap();
            }
        }
        match page.next_cursor {
            Some(cursor) => q.cursor = Some(cursor),
            None => return seen,
        }
    }
}

#[test]
fn following_cursors_visits_every_hit_exactly_once_even_with_inserts() {
    for sort in [Sort::DateDesc, Sort::DateAsc, Sort::Title] {
        let c = corpus(230);
        let q = Query {
            sort: Some(sort),
            limit: Some(17),
            ..Query::default()
        };
        let all = collect_all(&c, q.clone(), false);
        assert_eq!(all.len(), 230, "{sort:?}");
        let mut unique = all.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 230, "{sort:?}: duplicates");
        // With inserts between pages: every original hit still appears exactly once.
        let c = corpus(230);
        let seen = collect_all(&c, q, true);
        for uid in &all {
            assert_eq!(
                seen.iter().filter(|s| *s == uid).count(),
                1,
                "{sort:?}: {uid}"
            );
        }
    }
    // Relevance order: the first page snapshots the ranking, so inserting matching
    // publications (which shifts every bm25 score) does not skip or repeat a hit.
    let c = corpus(150);
    let mut q = Query {
        text: Some("gold mining".into()),
        limit: Some(11),
        ..Query::default()
    };
    let stable = collect_all(&c, q.clone(), false);
    assert_eq!(stable.len(), 150);
    let mut seen = Vec::new();
    for round in 0.. {
        let page = c.search(&q).unwrap();
        seen.extend(page.hits.iter().map(|h| h.uid.clone()));
        for k in 0..3 {
            let mut p = Publication::new(
                format!("gold-{round}-{k}"),
                "en",
                "gold gold gold mining",
                Kind::Report,
            );
            p.summary = Some("gold ".repeat(k + 1));
            c.upsert_publication(&p).unwrap();
        }
        match page.next_cursor {
            Some(cursor) => q.cursor = Some(cursor),
            None => break,
        }
    }
    assert_eq!(seen, stable, "relevance pages changed under inserts");
    // Past the snapshot (50 pages: 100 hits for pages of 2), pages continue with the keyset:
    // the 150 hits come once each, in the order of one page of 150.
    let c = corpus(150);
    let one_page: Vec<String> = c
        .search(&Query {
            text: Some("gold mining".into()),
            limit: Some(150),
            ..Query::default()
        })
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.uid)
        .collect();
    let q = Query {
        text: Some("gold mining".into()),
        limit: Some(2),
        ..Query::default()
    };
    assert_eq!(
        collect_all(&c, q, false),
        one_page,
        "pages of 2 past the snapshot"
    );
    // Relevance and language collapse paginate completely on a stable corpus.
    let c = corpus(100);
    let q = Query {
        text: Some("gold".into()),
        limit: Some(7),
        ..Query::default()
    };
    assert_eq!(collect_all(&c, q, false).len(), 100);
    let q = Query {
        prefer_languages: vec!["fr".into()],
        limit: Some(9),
        sort: Some(Sort::Title),
        ..Query::default()
    };
    assert_eq!(collect_all(&c, q, false).len(), 100);
}

#[test]
fn main_query_shapes_use_indexes_for_filters_and_sorts() {
    let c = corpus(50);
    let dir = std::env::temp_dir().join(format!("pubcat-plan-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&dir);
    c.backup(&dir).unwrap();
    let conn = rusqlite::Connection::open(&dir).unwrap();
    let plan = |sql: &str| -> String {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        rows.join("\n")
    };
    // The SQL the builder produces for the main shapes (see query::sql).
    let shapes = [
        (
            "newest first",
            pubcat::query::Query {
                limit: Some(20),
                ..Default::default()
            },
        ),
        (
            "by title",
            pubcat::query::Query {
                sort: Some(Sort::Title),
                limit: Some(20),
                ..Default::default()
            },
        ),
        (
            "kind filter",
            pubcat::query::Query {
                kinds: vec![Kind::Report],
                limit: Some(20),
                ..Default::default()
            },
        ),
        (
            "text",
            pubcat::query::Query {
                text: Some("gold".into()),
                ..Default::default()
            },
        ),
    ];
    for (name, q) in shapes {
        let sql = c.sql_for_explain(&q).unwrap();
        let plan = plan(&sql);
        assert!(
            !plan.contains("SCAN p\n") || plan.contains("USING INDEX"),
            "{name}: {plan}"
        );
        match name {
            "newest first" => assert!(
                plan.contains("publication_by_date") && !plan.contains("TEMP B-TREE FOR ORDER BY"),
                "{name}: {plan}"
            ),
            "by title" => assert!(
                plan.contains("publication_by_title") && !plan.contains("TEMP B-TREE FOR ORDER BY"),
                "{name}: {plan}"
            ),
            "kind filter" => assert!(
                plan.contains("publication_by_kind") || plan.contains("publication_by_date"),
                "{name}: {plan}"
            ),
            _ => assert!(plan.contains("VIRTUAL TABLE INDEX"), "{name}: {plan}"),
        }
    }
    drop(conn);
    let _ = std::fs::remove_file(&dir);
}

#[test]
fn ten_thousand_hostile_strings_never_error_or_panic() {
    let c = pubcat::Catalog::demo().unwrap();
    let pieces = TEXT_PIECES;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let all = c
        .search(&Query {
            limit: Some(100),
            ..Query::default()
        })
        .unwrap();
    let known: std::collections::HashSet<String> = all.hits.iter().map(|h| h.uid.clone()).collect();
    for i in 0..10_000 {
        let text = if i % 10 == 0 {
            let bytes: Vec<u8> = (0..rng.below(40)).map(|_| rng.next() as u8).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        } else {
            (0..(1 + rng.below(8)))
                .map(|_| pieces[rng.below(pieces.len() as u64) as usize])
                .collect::<Vec<_>>()
                .join(if rng.next() % 2 == 0 { " " } else { "" })
        };
        let limit = (rng.next() % 5) as i32;
        let q = Query {
            text: Some(text.clone()),
            limit: Some(limit),
            ..Query::default()
        };
        match c.search(&q) {
            Ok(page) => {
                // A full page (or every match when fewer), of distinct publications that exist.
                assert_eq!(
                    page.hits.len() as i64,
                    page.total.min(i64::from(limit)),
                    "{text:?}"
                );
                assert!(page.total <= known.len() as i64, "{text:?}: {}", page.total);
                let mut seen = std::collections::HashSet::new();
                for hit in &page.hits {
                    assert!(known.contains(&hit.uid), "{text:?}: unknown {}", hit.uid);
                    assert!(seen.insert(&hit.uid), "{text:?}: {} twice", hit.uid);
                }
            }
            Err(e) => panic!("{text:?} gave {e}"),
        }
    }
    let huge = "gold ".repeat(20_000) + &"\"(".repeat(10_000);
    // Every word of the huge query is "gold": it finds what "gold" finds.
    let gold = c.search(&Query::text("gold")).unwrap();
    assert!(gold.total > 0);
    assert_eq!(c.search(&Query::text(huge)).unwrap().total, gold.total);
}

#[test]
fn hostile_query_values_are_typed_errors() {
    let c = pubcat::Catalog::demo().unwrap();
    let bad = [
        Query {
            limit: Some(i32::MAX),
            ..Query::default()
        },
        Query {
            limit: Some(-1),
            ..Query::default()
        },
        Query {
            cursor: Some("\0".into()),
            ..Query::default()
        },
        Query {
            cursor: Some("7b".repeat(9000)),
            ..Query::default()
        },
        Query {
            date_from: Some("yesterday".into()),
            ..Query::default()
        },
        Query {
            date_to: Some("2024-02-30".into()),
            ..Query::default()
        },
        Query {
            languages: vec!["-".into()],
            ..Query::default()
        },
        Query {
            prefer_languages: vec!["en-".into()],
            ..Query::default()
        },
        Query {
            concepts: vec!["".into()],
            ..Query::default()
        },
        Query {
            projects: vec!["x".repeat(100_000)],
            ..Query::default()
        },
        Query {
            agents: vec!["' OR 1=1 --".into()],
            ..Query::default()
        },
        Query {
            languages: vec!["en".into(); 2000],
            ..Query::default()
        },
    ];
    for q in bad {
        let err = c.search(&q).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidQuery, "{q:?}: {err}");
    }
}

#[test]
fn a_prefix_search_marks_the_words_that_start_with_it() {
    let c = Catalog::demo().unwrap();
    for (text, prefix) in [("cob*", "cob"), ("Min*", "min"), ("\"due dil\"*", "dil")] {
        let page = c
            .search(&Query {
                text: Some(text.into()),
                ..Query::default()
            })
            .unwrap();
        assert!(page.total > 0, "{text}");
        let mut marked = 0;
        for hit in &page.hits {
            let Some(snippet) = &hit.snippet else {
                continue;
            };
            for piece in snippet.split("<mark>").skip(1) {
                let word = piece.split("</mark>").next().unwrap().to_lowercase();
                marked += 1;
                assert!(
                    word.starts_with(prefix) || (prefix == "dil" && word == "due"),
                    "{text}: `{word}` marked in {snippet}"
                );
            }
        }
        assert!(marked > 0, "{text}: no snippet marks a word");
    }
}
