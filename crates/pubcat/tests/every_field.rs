//! Every field of every record type, set to a value that is not its default, survives the
//! store and every lossless format (native JSON, JSON Lines), and the publication fields that
//! a bibliographic format can hold survive that format. A column or a mapping forgotten when a
//! field is added fails here (see the checklist in docs/ARCHITECTURE.md). The same document is
//! the fixture of the conformance vector `09_every_field.json`, which Python and Kotlin run.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pubcat::formats::{CatalogDocument, Format};
use pubcat::query::Query;
use pubcat::Catalog;
use serde_json::Value;

const EVERY_FIELD: &str = include_str!("data/every-field.json");

fn document() -> CatalogDocument {
    CatalogDocument::parse(EVERY_FIELD).unwrap()
}

/// Every JSON object key path with a non-null, non-empty value: the fields a value sets.
fn set_fields(value: &Value, path: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                set_fields(v, &format!("{path}.{k}"), out);
            }
        }
        Value::Array(items) => {
            for item in items {
                set_fields(item, &format!("{path}[]"), out);
            }
        }
        Value::Null => {}
        Value::Bool(false) => {}
        Value::String(s) if s.is_empty() => {}
        _ => out.push(path.to_owned()),
    }
}

#[test]
fn the_fixture_sets_every_field_of_every_record_type() {
    // Serialize a record with every field present (serde writes the write forms' empty values
    // only when set) and compare the field names with the fixture's: a new field must be
    // added to the fixture too.
    let doc = document();
    let json = serde_json::to_value(&doc).unwrap();
    let mut set = Vec::new();
    set_fields(&json, "", &mut set);
    set.sort();
    set.dedup();
    let expected = [
        ".agents[].acronym",
        ".agents[].family",
        ".agents[].given",
        ".agents[].identifiers[].scheme",
        ".agents[].identifiers[].value",
        ".agents[].kind",
        ".agents[].name",
        ".agents[].names[]",
        ".agents[].uid",
        ".concepts[].alt_labels[].label",
        ".concepts[].alt_labels[].language",
        ".concepts[].broader",
        ".concepts[].identifiers[].scheme",
        ".concepts[].identifiers[].value",
        ".concepts[].labels.en",
        ".concepts[].labels.fr",
        ".concepts[].scheme",
        ".concepts[].uid",
        ".format",
        ".projects[].acronym",
        ".projects[].date",
        ".projects[].members[].agent",
        ".projects[].members[].role",
        ".projects[].name",
        ".projects[].summary",
        ".projects[].uid",
        ".projects[].url",
        ".publications[].body",
        ".publications[].concepts[]",
        ".publications[].contributors[].affiliation",
        ".publications[].contributors[].agent",
        ".publications[].contributors[].role",
        ".publications[].date",
        ".publications[].identifiers[].scheme",
        ".publications[].identifiers[].value",
        ".publications[].kind",
        ".publications[].language",
        ".publications[].links[].kind",
        ".publications[].links[].label",
        ".publications[].links[].media_type",
        ".publications[].links[].url",
        ".publications[].original",
        ".publications[].pages",
        ".publications[].projects[]",
        ".publications[].series",
        ".publications[].series_number",
        ".publications[].subtitle",
        ".publications[].summary",
        ".publications[].summary_is_excerpt",
        ".publications[].title",
        ".publications[].uid",
        ".publications[].work",
        ".relations[].source",
        ".relations[].target",
        ".relations[].type",
        ".series[].name",
        ".series[].publisher",
        ".series[].uid",
        ".version",
    ];
    assert_eq!(set, expected);
    // The structs have no field the fixture leaves out: every field of a record with all
    // of its fields present appears in the list above.
    let p = &doc.publications[0];
    let full = serde_json::to_value(p).unwrap();
    let keys: Vec<&String> = full.as_object().unwrap().keys().collect();
    for key in keys {
        assert!(
            expected
                .iter()
                .any(|e| e.starts_with(&format!(".publications[].{key}"))),
            "publication field `{key}` is not set by the fixture"
        );
    }
}

#[test]
fn every_field_survives_the_store() {
    let c = Catalog::open_in_memory().unwrap();
    c.import_document(&document()).unwrap();
    assert_eq!(c.export_document().unwrap(), document());
    let p = c.publication("every-field-en").unwrap();
    assert_eq!(p.pages, Some(48));
    assert_eq!(p.subtitle.as_deref(), Some("A field study"));
    assert!(p.original && p.summary_is_excerpt);
    assert_eq!(p.body.as_deref(), Some("The full text of the study."));
    assert_eq!(
        c.publication_as_written("every-field-fr").unwrap().pages,
        Some(52)
    );
}

#[test]
fn every_field_survives_native_json_and_json_lines() {
    let c = Catalog::open_in_memory().unwrap();
    c.import_document(&document()).unwrap();
    for format in [Format::Json, Format::Jsonl] {
        let mut bytes = Vec::new();
        c.export(format, &Query::default(), &mut bytes).unwrap();
        let copy = Catalog::open_in_memory().unwrap();
        copy.import_reader(bytes.as_slice(), format, &mut |_| {})
            .unwrap();
        assert_eq!(copy.export_document().unwrap(), document(), "{format}");
        let mut again = Vec::new();
        copy.export(format, &Query::default(), &mut again).unwrap();
        assert_eq!(
            again, bytes,
            "{format}: a second round trip changed the bytes"
        );
    }
}

#[test]
fn the_page_count_survives_every_format_that_can_hold_it() {
    let c = Catalog::open_in_memory().unwrap();
    c.import_document(&document()).unwrap();
    for (format, marker) in [
        (Format::Csv, "48"),
        (Format::CslJson, "\"number-of-pages\": 48"),
        (Format::Bibtex, "pagetotal = {48}"),
        (Format::Ris, "SP  - 48"),
    ] {
        let mut bytes = Vec::new();
        c.export(format, &Query::default(), &mut bytes).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.contains(marker), "{format}: no `{marker}` in\n{text}");
        let copy = Catalog::open_in_memory().unwrap();
        if format == Format::Csv {
            // A CSV row names agents, series, projects and concepts by uid: they must exist.
            let mut base = document();
            base.publications.clear();
            base.relations.clear();
            copy.import_document(&base).unwrap();
        }
        copy.import_reader(bytes.as_slice(), format, &mut |_| {})
            .unwrap();
        let pages: Vec<Option<i32>> = copy
            .export_document()
            .unwrap()
            .publications
            .iter()
            .map(|p| p.pages)
            .collect();
        let mut pages = pages.into_iter().flatten().collect::<Vec<_>>();
        pages.sort();
        assert_eq!(pages, [48, 52], "{format}");
    }
}

#[test]
fn a_page_count_of_zero_is_refused() {
    let c = Catalog::open_in_memory().unwrap();
    let mut p = pubcat::model::Publication::new("p", "en", "T", pubcat::model::Kind::Report);
    p.pages = Some(0);
    let err = c.upsert_publication(&p).unwrap_err();
    assert_eq!(err.kind(), pubcat::ErrorKind::InvalidInput);
    assert!(err.to_string().contains("pages"), "{err}");
}

#[test]
fn a_csv_export_imports_into_an_empty_catalogue() {
    // The CSV names what its rows refer to (agents and projects by name, concepts as
    // scheme:uid:language:label), so an empty catalogue can take it in.
    for source in [Catalog::demo().unwrap(), {
        let c = Catalog::open_in_memory().unwrap();
        c.import_document(&document()).unwrap();
        c
    }] {
        let mut csv = Vec::new();
        source
            .export(Format::Csv, &Query::default(), &mut csv)
            .unwrap();
        let copy = Catalog::open_in_memory().unwrap();
        copy.import_reader(csv.as_slice(), Format::Csv, &mut |_| {})
            .unwrap_or_else(|e| panic!("{e}\n{}", String::from_utf8_lossy(&csv)));
        let before = source.export_document().unwrap();
        let after = copy.export_document().unwrap();
        let uids = |d: &CatalogDocument| {
            d.publications
                .iter()
                .map(|p| p.uid.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(uids(&after), uids(&before));
        for (a, b) in after.publications.iter().zip(&before.publications) {
            let names = |doc: &CatalogDocument, p: &pubcat::model::Publication| {
                p.contributors
                    .iter()
                    .map(|c| {
                        let agent = doc.agents.iter().find(|a| a.uid == c.agent).unwrap();
                        (agent.name.clone(), c.role)
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(names(&after, a), names(&before, b), "{}", a.uid);
            assert_eq!(a.concepts, b.concepts, "{}", a.uid);
            assert_eq!(a.projects.len(), b.projects.len(), "{}", a.uid);
            assert_eq!((&a.title, &a.date, a.pages), (&b.title, &b.date, b.pages));
        }
        // A second import of the same file changes nothing.
        let again = copy
            .import_reader(csv.as_slice(), Format::Csv, &mut |_| {})
            .unwrap();
        assert_eq!((again.added, again.updated), (0, 0), "{again:?}");
    }
}

#[test]
fn a_native_document_on_one_line_is_detected_as_native_json() {
    let compact = serde_json::to_string(&document()).unwrap();
    assert!(!compact.contains('\n'));
    assert_eq!(
        Format::detect(None, compact.as_bytes()).unwrap(),
        Format::Json
    );
    let c = Catalog::open_in_memory().unwrap();
    c.import_reader(compact.as_bytes(), Format::Auto, &mut |_| {})
        .unwrap();
    assert_eq!(c.export_document().unwrap(), document());
}
