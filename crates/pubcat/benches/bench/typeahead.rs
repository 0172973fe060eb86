//! Search as you type (`Catalog::type_ahead`): five test words typed one letter at a time,
//! from one letter, each prefix timed, then the baseline: ranking the same completed text in
//! FTS5 by hand (`ORDER BY rank LIMIT 20`: what type-ahead avoids for frequent prefixes),
//! timed apart (see `run_typeahead` in main.rs for why not alternately).
//!
//! The words: the terms of the four selectivity classes of the other cases (very common,
//! common, medium, rare) and the most frequent word of at least nine letters ("long"), so
//! that a long word's early prefixes are frequent and its late ones rare.

use pubcat::query::{Query, Sort, TypeAhead};
use pubcat::Catalog;
use rusqlite::Connection;

use crate::cases::Terms;

/// The five words, each with its class.
pub fn words(conn: &Connection, t: &Terms) -> rusqlite::Result<Vec<(&'static str, String)>> {
    let long: String = conn.query_row(
        "SELECT term FROM temp.bench_vocab WHERE length(term) >= 9 AND term NOT GLOB '*[0-9]*'
          ORDER BY doc DESC, term LIMIT 1",
        [],
        |r| r.get(0),
    )?;
    Ok(vec![
        ("very_common", t.very_common.text.clone()),
        ("common", t.common.text.clone()),
        ("medium", t.medium.text.clone()),
        ("rare", t.rare.text.clone()),
        ("long", long),
    ])
}

/// Every prefix of `word`, from one letter (by characters).
pub fn prefixes(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    (1..=chars.len())
        .map(|n| chars[..n].iter().collect())
        .collect()
}

/// The baseline: the expression type-ahead matches, ranked by FTS5, top 20.
pub fn ranked_top20(conn: &Connection, fts: &str) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT rowid FROM publication_fts WHERE publication_fts MATCH ?1 ORDER BY rank LIMIT 20",
    )?;
    let rows = stmt.query_map([fts], |r| r.get(0))?;
    rows.collect()
}

/// The query type-ahead gets for `prefix`.
pub fn query(prefix: &str) -> Query {
    Query::text(prefix)
}

/// Whether type-ahead answered in relevance order (then its hits are the baseline's top 20).
pub fn ranked(typed: &TypeAhead) -> bool {
    typed.order == Sort::Relevance
}

/// The uids of the baseline's rows, to compare with type-ahead's ranked hits.
pub fn uids(conn: &Connection, ids: &[i64]) -> rusqlite::Result<Vec<String>> {
    ids.iter()
        .map(|id| {
            conn.query_row("SELECT uid FROM publication WHERE id = ?1", [id], |r| {
                r.get(0)
            })
        })
        .collect()
}

/// The first type-ahead after a write, which reads the index's word list again (timed once).
pub fn first_after_write(catalog: &Catalog, prefix: &str) -> Result<f64, String> {
    let mut p = pubcat::model::Publication::new(
        "bench-typeahead-write",
        "en",
        "A write before typing",
        pubcat::model::Kind::Report,
    );
    p.summary = Some(format!("{} nothing", prefix));
    catalog.upsert_publication(&p).map_err(|e| e.to_string())?;
    let t = std::time::Instant::now();
    catalog
        .type_ahead(&query(prefix))
        .map_err(|e| e.to_string())?;
    let ms = t.elapsed().as_secs_f64() * 1e3;
    catalog
        .delete_publication("bench-typeahead-write")
        .map_err(|e| e.to_string())?;
    Ok(ms)
}

/// The first type-ahead of a newly opened catalogue, which reads the index's word list
/// (timed once).
pub fn first_after_open(db: &std::path::Path, prefix: &str) -> Result<f64, String> {
    let catalog = Catalog::open(db).map_err(|e| e.to_string())?;
    let t = std::time::Instant::now();
    catalog
        .type_ahead(&query(prefix))
        .map_err(|e| e.to_string())?;
    Ok(t.elapsed().as_secs_f64() * 1e3)
}
