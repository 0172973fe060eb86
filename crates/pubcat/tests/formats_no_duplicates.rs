//! The same publications imported from every format into one catalogue give no duplicates
//! (issue 13): the demo catalogue, and 200 generated publications, exported to CSL-JSON,
//! BibTeX, RIS, CSV and a listing and all imported into one new catalogue, give exactly the
//! original publications, once each.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pubcat::formats::{Format, ImportOptions};
use pubcat::query::Query;
use pubcat::Catalog;

fn exported(source: &Catalog, format: Format) -> Vec<u8> {
    let mut out = Vec::new();
    source.export(format, &Query::default(), &mut out).unwrap();
    out
}

fn assert_no_duplicates(name: &str, source: &Catalog) {
    let expected = source.stats().unwrap().publications;
    let target = Catalog::open_in_memory().unwrap();
    for format in [
        Format::CslJson,
        Format::Bibtex,
        Format::Ris,
        Format::Csv,
        Format::Listing,
    ] {
        let bytes = exported(source, format);
        let options = ImportOptions {
            format,
            lenient: true,
            ..ImportOptions::default()
        };
        let report = target
            .import_reader_with(bytes.as_slice(), &options, &mut |_| {})
            .unwrap_or_else(|e| panic!("{name}: {format}: {e}"));
        assert!(
            report.unplaced.is_empty(),
            "{name}: {format}: {:?}",
            report.unplaced
        );
        assert_eq!(
            target.stats().unwrap().publications,
            expected,
            "{name}: after {format} ({:?})",
            report.summary.publications
        );
    }
}

#[test]
fn the_demo_in_every_format_is_seven_publications() {
    assert_no_duplicates("demo", &Catalog::demo().unwrap());
}

#[test]
fn two_hundred_generated_publications_in_every_format_stay_two_hundred() {
    let dir = std::env::temp_dir().join(format!("pubcat-no-dup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("corpus.jsonl");
    let options = pubcat_generate::GenerateOptions {
        count: 200,
        seed: 11,
    };
    pubcat_generate::write_jsonl_file(&options, &path).unwrap();
    let source = Catalog::open_in_memory().unwrap();
    source.import_file(&path, Format::Jsonl).unwrap();
    assert_eq!(source.stats().unwrap().publications, 200);
    assert_no_duplicates("generated", &source);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_sample_listing_into_the_demo_adds_nothing() {
    // The demo was curated from this listing: every entry is a publication the demo holds
    // (the listing keeps "(2012)" in the M23 title, which the curated title does not).
    let c = Catalog::demo().unwrap();
    let listing = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/data/ipis-partner-listing.txt");
    let report = c
        .import_file_with(&listing, &ImportOptions::default(), &mut |_| {})
        .unwrap();
    assert_eq!(report.summary.publications.added, 0, "{:?}", report.changes);
    assert_eq!(c.stats().unwrap().publications, 7);
}
