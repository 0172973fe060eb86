//! `Sort::Added`: most recently added first, with and without text, filters and a language
//! preference; every page once through the cursors; the cursor of another order is refused.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pubcat::formats::Format;
use pubcat::query::{Query, Sort};
use pubcat::{Catalog, ErrorKind};

/// A generated catalogue in a file (removed on drop), and the uids of its publications, latest
/// added first (read from the file with SQLite itself).
struct Generated {
    catalog: Catalog,
    added: Vec<String>,
    dir: std::path::PathBuf,
}

impl Drop for Generated {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn generated(count: u64, name: &str) -> Generated {
    let mut jsonl = Vec::new();
    pubcat_generate::write_jsonl(
        &pubcat_generate::GenerateOptions { count, seed: 9 },
        &mut jsonl,
    )
    .unwrap();
    let dir = std::env::temp_dir().join(format!("pubcat-sort-added-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("c.db");
    let catalog = Catalog::open(&path).unwrap();
    catalog
        .import_reader(jsonl.as_slice(), Format::Jsonl, &mut |_| {})
        .unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mut stmt = conn
        .prepare("SELECT uid FROM publication ORDER BY id DESC")
        .unwrap();
    let added = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    Generated {
        catalog,
        added,
        dir,
    }
}

/// Every hit of `query`, page after page.
fn all_pages(c: &Catalog, query: &Query) -> (i64, Vec<String>) {
    let mut q = query.clone();
    let mut out = Vec::new();
    loop {
        let page = c.search(&q).unwrap();
        out.extend(page.hits.iter().map(|h| h.uid.clone()));
        match page.next_cursor {
            Some(cursor) => q.cursor = Some(cursor),
            None => return (page.total, out),
        }
    }
}

#[test]
fn pages_visit_every_match_once_latest_added_first() {
    let g = generated(1200, "pages");
    let (c, order) = (&g.catalog, &g.added);
    for (text, languages) in [
        (None, vec![]),
        (Some("mining"), vec![]),
        (Some("gold OR cobalt -tin"), vec![]),
        (Some("mining"), vec!["fr".to_owned()]),
    ] {
        for limit in [7, 100] {
            let query = Query {
                text: text.map(str::to_owned),
                languages: languages.clone(),
                sort: Some(Sort::Added),
                limit: Some(limit),
                ..Query::default()
            };
            let (total, uids) = all_pages(c, &query);
            assert_eq!(uids.len() as i64, total, "{text:?} {limit}");
            assert!(total > 0, "{text:?}");
            let expected: Vec<&String> = order.iter().filter(|u| uids.contains(u)).collect();
            assert_eq!(
                uids.iter().collect::<Vec<_>>(),
                expected,
                "{text:?} {limit}"
            );
            // The same set as any other order.
            let mut relevance = all_pages(
                c,
                &Query {
                    sort: None,
                    ..query.clone()
                },
            )
            .1;
            let mut sorted = uids.clone();
            relevance.sort();
            sorted.sort();
            assert_eq!(sorted, relevance, "{text:?}");
        }
    }
}

#[test]
fn with_a_language_preference_each_work_once() {
    let g = generated(1200, "works");
    let c = &g.catalog;
    let query = Query {
        text: Some("mining".into()),
        prefer_languages: vec!["fr".into(), "en".into()],
        sort: Some(Sort::Added),
        limit: Some(50),
        ..Query::default()
    };
    let (total, uids) = all_pages(c, &query);
    assert_eq!(uids.len() as i64, total);
    let mut works: Vec<String> = uids
        .iter()
        .map(|u| c.publication(u).unwrap().work)
        .collect();
    works.sort();
    works.dedup();
    assert_eq!(works.len(), uids.len());
}

#[test]
fn a_cursor_of_another_order_is_refused_and_the_code_parses() {
    let g = generated(100, "cursor");
    let c = &g.catalog;
    let page = c
        .search(&Query {
            sort: Some(Sort::Title),
            limit: Some(5),
            ..Query::default()
        })
        .unwrap();
    let err = c
        .search(&Query {
            sort: Some(Sort::Added),
            limit: Some(5),
            cursor: page.next_cursor,
            ..Query::default()
        })
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidQuery);
    assert_eq!("added".parse::<Sort>().unwrap(), Sort::Added);
    assert_eq!(Sort::Added.as_str(), "added");
}
