//! Facets over the whole catalogue (counted straight from the tables and their indexes) give
//! the same counts as over a match set that holds every publication (counted by grouping the
//! matched rows): two ways to the same answer.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pubcat::formats::Format;
use pubcat::model::Kind;
use pubcat::query::{Facet, Query};
use pubcat::Catalog;

#[test]
fn whole_catalogue_facets_equal_those_of_a_filter_that_keeps_everything() {
    let mut jsonl = Vec::new();
    pubcat_generate::write_jsonl(
        &pubcat_generate::GenerateOptions {
            count: 2500,
            seed: 3,
        },
        &mut jsonl,
    )
    .unwrap();
    let c = Catalog::open_in_memory().unwrap();
    c.import_reader(jsonl.as_slice(), Format::Jsonl, &mut |_| {})
        .unwrap();
    // An undated publication, one with an open start, one in a series of its own.
    let mut open = pubcat::model::Publication::new("open-start", "en", "Before", Kind::Report);
    open.date = Some("../2015-06".into());
    c.upsert_publication(&open).unwrap();
    c.upsert_publication(&pubcat::model::Publication::new(
        "undated",
        "fr",
        "Sans date",
        Kind::Map,
    ))
    .unwrap();
    let whole = c
        .search(&Query {
            facets: Facet::ALL.to_vec(),
            limit: Some(0),
            ..Query::default()
        })
        .unwrap();
    let every_kind: Vec<Kind> = whole.facets["kind"]
        .iter()
        .map(|k| k.value.parse().unwrap())
        .collect();
    let filtered = c
        .search(&Query {
            facets: Facet::ALL.to_vec(),
            kinds: every_kind,
            limit: Some(0),
            ..Query::default()
        })
        .unwrap();
    assert_eq!(whole.total, filtered.total);
    for facet in Facet::ALL {
        let key = facet.as_str();
        assert!(!whole.facets[key].is_empty(), "{key}");
        assert_eq!(whole.facets[key], filtered.facets[key], "{key}");
    }
    assert!(
        whole.facets["year"].iter().any(|y| y.value == "1000"),
        "the open start"
    );
}
