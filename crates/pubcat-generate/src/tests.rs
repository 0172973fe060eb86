//! Tests of the generator: determinism, validity (every record imports) and the shape of
//! the corpus.

use std::collections::BTreeMap;

use pubcat::formats::CatalogDocument;
use pubcat::model::Scheme;
use pubcat::query::Query;
use pubcat::Catalog;

use super::{write_jsonl, GenerateOptions};

fn generate(count: u64, seed: u64) -> Vec<u8> {
    let mut out = Vec::new();
    write_jsonl(&GenerateOptions { count, seed }, &mut out).expect("generate");
    out
}

/// Reads generated JSON Lines into one native document.
fn document(bytes: &[u8]) -> CatalogDocument {
    let text = std::str::from_utf8(bytes).expect("utf-8");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(r#"{"format":"pubcat","version":1}"#));
    let mut doc = CatalogDocument::default();
    for line in lines {
        let value: BTreeMap<String, serde_json::Value> =
            serde_json::from_str(line).expect("json line");
        let (key, record) = value.into_iter().next().expect("one key");
        match key.as_str() {
            "agent" => doc
                .agents
                .push(serde_json::from_value(record).expect("agent")),
            "series" => doc
                .series
                .push(serde_json::from_value(record).expect("series")),
            "project" => doc
                .projects
                .push(serde_json::from_value(record).expect("project")),
            "concept" => doc
                .concepts
                .push(serde_json::from_value(record).expect("concept")),
            "publication" => doc
                .publications
                .push(serde_json::from_value(record).expect("publication")),
            "relation" => doc
                .relations
                .push(serde_json::from_value(record).expect("relation")),
            other => panic!("unexpected record type {other}"),
        }
    }
    doc
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let a = generate(300, 42);
    assert_eq!(a, generate(300, 42));
    assert_ne!(a, generate(300, 43));
}

#[test]
fn every_record_imports_and_the_corpus_has_the_promised_shape() {
    let doc = document(&generate(2_000, 5));
    assert_eq!(doc.publications.len(), 2_000);
    let catalog = Catalog::open_in_memory().expect("catalog");
    let summary = catalog.import_document(&doc).expect("import");
    assert_eq!(summary.unchanged, 0);
    let stats = catalog.stats().expect("stats");
    assert_eq!(stats.publications, 2_000);
    // 10-20% of works have two language versions.
    let bilingual = stats.publications - stats.works;
    let share = bilingual as f64 / stats.works as f64;
    assert!((0.10..=0.20).contains(&share), "bilingual share {share}");
    // Bodies on about a fifth of the publications.
    let bodies = doc.publications.iter().filter(|p| p.body.is_some()).count();
    assert!((300..=500).contains(&bodies), "{bodies} bodies");
    // Three languages, French with accents, Swahili.
    for (lang, word) in [("en", "mining"), ("fr", "minière"), ("sw", "madini")] {
        let q = Query {
            text: Some(word.into()),
            languages: vec![lang.into()],
            limit: Some(0),
            ..Query::default()
        };
        assert!(
            catalog.search(&q).expect("search").total > 50,
            "{lang} {word}"
        );
    }
    // Diacritics are folded by the index: "miniere" finds "minière".
    let folded = catalog.search(&Query::text("miniere")).expect("search");
    let exact = catalog.search(&Query::text("minière")).expect("search");
    assert_eq!(folded.total, exact.total);
    // Dates of every precision, approximate dates and intervals.
    let dates: Vec<&str> = doc
        .publications
        .iter()
        .filter_map(|p| p.date.as_deref())
        .collect();
    assert!(dates.iter().any(|d| d.len() == 4));
    assert!(dates.iter().any(|d| d.len() == 7));
    assert!(dates.iter().any(|d| d.len() == 10));
    assert!(dates.iter().any(|d| d.ends_with('~')));
    assert!(dates.iter().any(|d| d.contains('/')));
    // Authors are reused: the most frequent one writes many publications.
    let mut per_agent: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &doc.publications {
        for c in &p.contributors {
            *per_agent.entry(c.agent.as_str()).or_default() += 1;
        }
    }
    let top = per_agent.values().max().copied().unwrap_or(0);
    assert!(top > 40, "top agent has {top} contributions");
    assert!(!doc.relations.is_empty());
    assert!(catalog
        .concepts(Some(Scheme::Place))
        .expect("places")
        .iter()
        .any(|n| n.concept.uid == "great-lakes"));
}

#[test]
fn zero_publications_is_a_valid_empty_corpus() {
    let doc = document(&generate(0, 1));
    assert!(doc.publications.is_empty());
    assert!(!doc.agents.is_empty());
}
