//! Round trips: native JSON and JSON Lines are byte-identical; every other format keeps the
//! fields it can hold, and importing an export again changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod formats_common;

use formats_common::{export, import, references_of, rich_catalog, snapshot};
use pubcat::formats::{write_export, Format};
use pubcat::model::{IdScheme, LinkKind, PartialDate, Publication, Role};
use pubcat::Catalog;

#[test]
fn native_json_export_import_export_is_byte_identical() {
    let source = rich_catalog();
    let first = export(&source.export_document().unwrap(), Format::Json);
    let copy = Catalog::open_in_memory().unwrap();
    import(&copy, &first, Format::Json).unwrap();
    let second = export(&copy.export_document().unwrap(), Format::Json);
    assert_eq!(
        String::from_utf8(first.clone()).unwrap(),
        String::from_utf8(second).unwrap()
    );
    let text = String::from_utf8(first.clone()).unwrap();
    assert!(
        !text.contains("created_at") && !text.contains("updated_at"),
        "timestamps stay out"
    );

    let again = import(&source, &first, Format::Json).unwrap();
    assert_eq!((again.added, again.updated), (0, 0));
}

#[test]
fn jsonl_round_trip_is_byte_identical_and_holds_what_json_holds() {
    let source = rich_catalog();
    let doc = source.export_document().unwrap();
    let first = export(&doc, Format::Jsonl);
    let mut streamed = Vec::new();
    source
        .export(
            Format::Jsonl,
            &pubcat::query::Query::default(),
            &mut streamed,
        )
        .unwrap();
    assert_eq!(streamed, first, "streamed export = export of the document");

    let copy = Catalog::open_in_memory().unwrap();
    let mut progress = Vec::new();
    let summary = copy
        .import_reader(first.as_slice(), Format::Jsonl, &mut |n| progress.push(n))
        .unwrap();
    let records = first.iter().filter(|b| **b == b'\n').count() as i64 - 1;
    assert_eq!(summary.added, records);
    assert_eq!(progress, (1..=records as u64).collect::<Vec<_>>());
    let mut second = Vec::new();
    copy.export(Format::Jsonl, &pubcat::query::Query::default(), &mut second)
        .unwrap();
    assert_eq!(
        String::from_utf8(first).unwrap(),
        String::from_utf8(second).unwrap()
    );
    assert_eq!(
        copy.export_document().unwrap(),
        doc,
        "JSON Lines is as lossless as JSON"
    );

    let text = String::from_utf8(export(&doc, Format::Jsonl)).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(r#"{"format":"pubcat","version":1}"#));
    let order: Vec<&str> =
        lines
            .map(|l| l.split('"').nth(1).unwrap())
            .fold(Vec::new(), |mut acc, kind| {
                if acc.last() != Some(&kind) {
                    acc.push(kind);
                }
                acc
            });
    assert_eq!(
        order,
        [
            "agent",
            "series",
            "project",
            "concept",
            "publication",
            "relation"
        ]
    );
}

/// The start of an EDTF date as RIS keeps it: qualifiers dropped, intervals as their year.
fn ris_date(edtf: &str) -> String {
    let date = PartialDate::parse(edtf).unwrap();
    if date.is_interval() {
        date.year().to_string()
    } else {
        date.edtf().trim_end_matches(['?', '~', '%']).to_owned()
    }
}

/// What a publication becomes after a trip through `format` into a catalogue that holds
/// its references.
fn held(p: &Publication, format: Format) -> Publication {
    let mut e = p.clone();
    e.body = None;
    let bibliographic: &[Role] = if format == Format::CslJson {
        &[
            Role::Author,
            Role::Editor,
            Role::Translator,
            Role::Contributor,
            Role::Publisher,
        ]
    } else {
        &[
            Role::Author,
            Role::Editor,
            Role::Translator,
            Role::Publisher,
        ]
    };
    if format == Format::Csv {
        e.identifiers
            .retain(|i| matches!(i.scheme, IdScheme::Doi | IdScheme::Isbn | IdScheme::Url));
        for link in &mut e.links {
            link.media_type = None;
            link.label = None;
        }
        let (mut authors, others): (Vec<_>, Vec<_>) = e
            .contributors
            .into_iter()
            .partition(|c| c.role == Role::Author);
        authors.extend(others.into_iter().map(|mut c| {
            c.affiliation = None;
            c
        }));
        e.contributors = authors;
        return e;
    }
    e.projects.clear();
    e.concepts.clear();
    e.identifiers
        .retain(|i| matches!(i.scheme, IdScheme::Doi | IdScheme::Isbn | IdScheme::Url));
    e.contributors = bibliographic
        .iter()
        .flat_map(|role| p.contributors.iter().filter(move |c| c.role == *role))
        .map(|c| pubcat::model::Contributor {
            affiliation: None,
            ..c.clone()
        })
        .collect();
    match format {
        Format::CslJson => e.links.clear(),
        Format::Bibtex | Format::Ris => {
            e.work = Some(e.uid.clone());
            e.original = false;
            e.summary_is_excerpt = false;
            e.links
                .retain(|l| format == Format::Ris && l.kind == LinkKind::Pdf);
            for link in &mut e.links {
                link.media_type = None;
                link.label = None;
            }
            if format == Format::Ris {
                e.subtitle = None;
                e.summary = e
                    .summary
                    .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "));
                e.date = e.date.as_deref().map(ris_date);
            }
        }
        _ => unreachable!(),
    }
    e
}

fn check_lossy_round_trip(format: Format) {
    let source = rich_catalog();
    let doc = source.export_document().unwrap();
    let bytes = export(&doc, format);

    let target = references_of(&source);
    let summary = import(&target, &bytes, format).unwrap();
    assert_eq!(
        summary.added,
        doc.publications.len() as i64,
        "{format}: no agent or series created"
    );
    for p in &doc.publications {
        let got = target.publication_as_written(&p.uid).unwrap();
        assert_eq!(got, held(p, format), "{format}: {}", p.uid);
    }

    let again = import(&target, &bytes, format).unwrap();
    assert_eq!(
        (again.added, again.updated),
        (0, 0),
        "{format}: re-import into the copy"
    );
    assert_eq!(again.unchanged, doc.publications.len() as i64);

    let before = snapshot(&source);
    let into_source = import(&source, &bytes, format).unwrap();
    assert_eq!(
        (into_source.added, into_source.updated),
        (0, 0),
        "{format}: import into the source"
    );
    assert_eq!(
        snapshot(&source),
        before,
        "{format}: the source lost or gained data"
    );
}

#[test]
fn csv_keeps_every_column_and_reimports_unchanged() {
    check_lossy_round_trip(Format::Csv);
}

#[test]
fn csl_json_keeps_bibliographic_fields_and_reimports_unchanged() {
    check_lossy_round_trip(Format::CslJson);
}

#[test]
fn bibtex_keeps_bibliographic_fields_and_reimports_unchanged() {
    check_lossy_round_trip(Format::Bibtex);
}

#[test]
fn ris_keeps_bibliographic_fields_and_reimports_unchanged() {
    check_lossy_round_trip(Format::Ris);
}

#[test]
fn listing_keeps_titles_summaries_authors_dates_and_reimports_unchanged() {
    let source = rich_catalog();
    let doc = source.export_document().unwrap();
    let bytes = export(&doc, Format::Listing);
    let target = references_of(&source);
    let summary = import(&target, &bytes, Format::Listing).unwrap();
    assert_eq!(summary.added, doc.publications.len() as i64);
    let imported = target.export_document().unwrap().publications;
    for p in &doc.publications {
        let got = imported
            .iter()
            .find(|g| g.title == p.title)
            .unwrap_or_else(|| panic!("{}", p.title));
        assert_eq!(
            (&got.summary, got.summary_is_excerpt),
            (&p.summary, p.summary_is_excerpt),
            "{}",
            p.uid
        );
        assert_eq!(got.language, p.language, "{}", p.uid);
        let authors = |x: &Publication| -> Vec<(String, Option<String>)> {
            x.contributors
                .iter()
                .filter(|c| c.role == Role::Author)
                .map(|c| (c.agent.clone(), c.affiliation.clone()))
                .collect()
        };
        assert_eq!(authors(got), authors(p), "{}", p.uid);
        let year = |x: &Publication| {
            x.date
                .as_deref()
                .map(|d| PartialDate::parse(d).unwrap().year())
        };
        assert_eq!(year(got), year(p), "{}", p.uid);
        let year_suffix = year(p).map(|y| format!("-{y}")).unwrap_or_default();
        assert!(
            got.uid.ends_with(&year_suffix),
            "uid = slug + year: {}",
            got.uid
        );
    }
    let gold = imported
        .iter()
        .find(|g| g.title.starts_with("Gold"))
        .unwrap();
    assert_eq!(gold.date.as_deref(), Some("2023-12-22"));
    assert_eq!(
        (gold.kind, gold.series.as_deref()),
        (pubcat::model::Kind::Briefing, Some("ipis-briefings"))
    );
    let madini = imported
        .iter()
        .find(|g| g.title.starts_with("Madini"))
        .unwrap();
    assert_eq!(
        madini.projects,
        ["madini"],
        "the title's project hint names a project"
    );

    let again = import(&target, &bytes, Format::Listing).unwrap();
    assert_eq!((again.added, again.updated), (0, 0));
    let before = snapshot(&source);
    let into_source = import(&source, &bytes, Format::Listing).unwrap();
    assert_eq!((into_source.added, into_source.updated), (0, 0));
    assert_eq!(snapshot(&source), before);
}

#[test]
fn the_bundled_listing_imports_its_seven_publications() {
    let text = include_str!("../../../examples/data/ipis-partner-listing.txt");
    let catalog = Catalog::open_in_memory().unwrap();
    let summary = import(&catalog, text.as_bytes(), Format::Auto).unwrap();
    let doc = catalog.export_document().unwrap();
    assert_eq!(doc.publications.len(), 7);
    assert_eq!(
        summary.added,
        7 + doc.series.len() as i64 + doc.agents.len() as i64
    );
    let fr = doc
        .publications
        .iter()
        .find(|p| p.title.starts_with("Initiatives en"))
        .unwrap();
    assert_eq!(fr.language, "fr");
    let m23 = doc
        .publications
        .iter()
        .find(|p| p.title.starts_with("Mapping Conflict"))
        .unwrap();
    assert_eq!(
        (m23.uid.as_str(), m23.date.as_deref()),
        ("mapping-conflict-motives-m23-2012", Some("2012"))
    );
    assert!(doc.publications.iter().all(|p| p.summary_is_excerpt));
    assert_eq!(
        import(&catalog, text.as_bytes(), Format::Listing)
            .unwrap()
            .unchanged,
        7
    );
}

#[test]
fn exports_of_a_selection_hold_only_what_it_references() {
    let source = rich_catalog();
    let query = pubcat::query::Query {
        languages: vec!["fr".into()],
        ..Default::default()
    };
    let doc = source.export_selection(&query).unwrap();
    let uids: Vec<&str> = doc.publications.iter().map(|p| p.uid.as_str()).collect();
    assert_eq!(uids, ["cobalt-map-fr", "conflict-minerals-perceptions-fr"]);
    let mut out = Vec::new();
    write_export(&doc, Format::Jsonl, &mut out).unwrap();
    let copy = Catalog::open_in_memory().unwrap();
    import(&copy, &out, Format::Jsonl).unwrap();
    let agents: Vec<String> = copy.agents().unwrap().into_iter().map(|a| a.uid).collect();
    assert_eq!(agents, ["ipis", "lonema", "muller-brandt"]);
}

#[test]
fn auto_detection_reads_every_export_back() {
    let source = rich_catalog();
    let doc = source.export_document().unwrap();
    let dir = std::env::temp_dir().join(format!("pubcat-detect-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for format in Format::ALL.into_iter().filter(|f| *f != Format::Auto) {
        let bytes = export(&doc, format);
        assert_eq!(
            Format::detect(None, &bytes).unwrap(),
            format,
            "content of {format}"
        );
        let path = dir.join(format!("export.{}", format.extension()));
        std::fs::write(&path, &bytes).unwrap();
        let target = references_of(&source);
        let summary = target.import_file(&path, Format::Auto).unwrap();
        assert!(
            summary.added >= doc.publications.len() as i64,
            "{format}: {summary:?}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn streamed_exports_equal_exports_of_the_document() {
    let source = rich_catalog();
    let doc = source.export_document().unwrap();
    for format in Format::ALL.into_iter().filter(|f| *f != Format::Auto) {
        let mut streamed = Vec::new();
        source
            .export(format, &pubcat::query::Query::default(), &mut streamed)
            .unwrap();
        assert_eq!(streamed, export(&doc, format), "{format}");
    }
    let mut out = Vec::new();
    let err = source
        .export(Format::Auto, &pubcat::query::Query::default(), &mut out)
        .unwrap_err();
    assert_eq!(err.kind(), pubcat::ErrorKind::InvalidInput);
    let err = write_export(&doc, Format::Auto, &mut out).unwrap_err();
    assert_eq!(err.kind(), pubcat::ErrorKind::InvalidInput);
}
