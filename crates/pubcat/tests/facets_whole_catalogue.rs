//! Facets over the whole catalogue (counted straight from the tables and their indexes) give
//! the same counts as over a match set that holds every publication (counted by grouping the
//! matched rows): two ways to the same answer.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

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
    let (whole, filtered) = common::whole_and_filtered_facets(&c, &Facet::ALL);
    assert_eq!(whole.total, filtered.total);
    for facet in Facet::ALL {
        let key = facet.as_str();
        assert!(!whole.facets[key].is_empty(), "{key}");
        assert_eq!(whole.facets[key], filtered.facets[key], "{key}");
    }
    // The open start (`../2015-06`) counts in 2015, its year (`PartialDate::year`), never in
    // the year of its `1000-01-01` placeholder bound; the same in stats and in the table rows.
    assert!(
        !whole.facets["year"].iter().any(|y| y.value == "1000"),
        "the open start's placeholder year: {:?}",
        whole.facets["year"]
    );
    let in_2015 = |c: &Catalog| -> i64 {
        c.search(&Query {
            facets: vec![Facet::Year],
            limit: Some(0),
            ..Query::default()
        })
        .unwrap()
        .facets["year"]
            .iter()
            .find(|y| y.value == "2015")
            .map_or(0, |y| y.count)
    };
    let before = in_2015(&c);
    let stats_before = c.stats().unwrap().by_year.get(&2015).copied().unwrap_or(0);
    c.delete_publication("open-start").unwrap();
    assert_eq!(in_2015(&c), before - 1, "the open start counts in 2015");
    let stats_after = c.stats().unwrap().by_year.get(&2015).copied().unwrap_or(0);
    assert_eq!(
        stats_after,
        stats_before - 1,
        "stats count the open start in 2015"
    );
    assert!(!c.stats().unwrap().by_year.contains_key(&1000));
}

#[test]
fn a_table_row_has_the_year_of_its_date_even_with_an_open_start() {
    let c = Catalog::open_in_memory().unwrap();
    for (uid, date) in [
        ("open", "../2015-06"),
        ("unknown", "/2014"),
        ("span", "2016/2017"),
        ("later", "2019/.."),
    ] {
        let mut p = pubcat::model::Publication::new(uid, "en", uid, Kind::Report);
        p.date = Some(date.into());
        c.upsert_publication(&p).unwrap();
    }
    let mut years = Vec::new();
    c.scan_publications(&Query::default(), |row| {
        years.push((row.uid.to_owned(), row.year))
    })
    .unwrap();
    years.sort();
    assert_eq!(
        years,
        [
            ("later".to_owned(), Some(2019)),
            ("open".to_owned(), Some(2015)),
            ("span".to_owned(), Some(2016)),
            ("unknown".to_owned(), Some(2014)),
        ]
    );
}
