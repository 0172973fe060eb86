//! Automatic tagging next to curated tags: a re-run that finds nothing new writes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pubcat::model::{Kind, Publication};
use pubcat::{Catalog, TaggingSummary};

fn unchanged(publications: i64) -> TaggingSummary {
    TaggingSummary {
        publications,
        ..TaggingSummary::default()
    }
}

#[test]
fn a_curated_tag_on_a_concept_the_text_names_keeps_reruns_idempotent() {
    let catalog = Catalog::open_in_memory().unwrap();
    catalog.load_builtin_vocabularies().unwrap();
    let p = Publication::new("p", "fr", "L'or et le coltan du Sud-Kivu", Kind::Report);
    catalog.upsert_publication(&p).unwrap();
    let first = catalog.tag_automatically().unwrap();
    assert_eq!((first.changed, first.added), (1, 3));
    // A person tags a concept the tagger also finds: it becomes curated.
    catalog.tag("p", &["tantalum"]).unwrap();
    let concepts = catalog.publication("p").unwrap().concepts;
    let tantalum = concepts.iter().find(|c| c.uid == "tantalum").unwrap();
    assert_eq!(tantalum.matched_label, None);

    // Re-runs change nothing: no tag, no change version.
    let version = catalog.version().unwrap();
    assert_eq!(catalog.tag_automatically().unwrap(), unchanged(1));
    assert_eq!(catalog.tag_automatically().unwrap(), unchanged(1));
    assert_eq!(catalog.version().unwrap(), version);

    // Undone and redone: the curated tag stays as it is throughout.
    let removed = catalog.remove_automatic_tags().unwrap();
    assert_eq!((removed.changed, removed.removed), (1, 2));
    let redone = catalog.tag_automatically().unwrap();
    assert_eq!((redone.changed, redone.added, redone.removed), (1, 2, 0));
    let version = catalog.version().unwrap();
    assert_eq!(catalog.tag_automatically().unwrap(), unchanged(1));
    assert_eq!(catalog.version().unwrap(), version);
    let concepts = catalog.publication("p").unwrap().concepts;
    let tags: Vec<(&str, Option<&str>)> = concepts
        .iter()
        .map(|c| (c.uid.as_str(), c.matched_label.as_deref()))
        .collect();
    assert_eq!(
        tags,
        [
            ("gold", Some("Or")),
            ("tantalum", None),
            ("south-kivu", Some("Sud-Kivu"))
        ]
    );
}

fn concepts(catalog: &Catalog, uid: &str) -> Vec<(String, Option<String>)> {
    let mut tags: Vec<(String, Option<String>)> = catalog
        .publication(uid)
        .unwrap()
        .concepts
        .into_iter()
        .map(|c| (c.uid, c.matched_label))
        .collect();
    tags.sort();
    tags
}

fn has(catalog: &Catalog, uid: &str, concept: &str) -> bool {
    concepts(catalog, uid).iter().any(|(c, _)| c == concept)
}

#[test]
fn a_tag_a_person_removed_is_never_added_back_automatically() {
    let dir = std::env::temp_dir().join(format!("pubcat-rejected-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("rejected.db");
    let _ = std::fs::remove_file(&path);
    let catalog = Catalog::open(&path).unwrap();
    catalog.load_builtin_vocabularies().unwrap();
    let p = Publication::new("p", "fr", "L'or et le coltan du Sud-Kivu", Kind::Report);
    catalog.upsert_publication(&p).unwrap();
    catalog.tag_automatically().unwrap();
    assert!(has(&catalog, "p", "tantalum") && has(&catalog, "p", "south-kivu"));

    // An automatic tag a person removes goes, with a new change version ...
    let version = catalog.version().unwrap();
    assert_eq!(
        catalog.untag("p", &["tantalum"]).unwrap(),
        pubcat::Upsert::Updated
    );
    assert!(!has(&catalog, "p", "tantalum"));
    assert!(catalog.version().unwrap() > version);
    // ... and stays gone: re-runs, undo and redo, a re-import that tags.
    assert_eq!(catalog.tag_automatically().unwrap(), unchanged(1));
    catalog.remove_automatic_tags().unwrap();
    catalog.tag_automatically().unwrap();
    assert!(!has(&catalog, "p", "tantalum") && has(&catalog, "p", "south-kivu"));
    let mut edited = p.clone();
    edited.summary = Some("Le coltan de Kamituga.".into());
    let document = format!(
        "{{\"format\":\"pubcat\",\"version\":1,\"publications\":[{}]}}",
        serde_json::to_string(&edited).unwrap()
    );
    catalog
        .import_reader_with(
            document.as_bytes(),
            &pubcat::formats::ImportOptions {
                format: pubcat::formats::Format::Json,
                ..Default::default()
            },
            &mut |_| {},
        )
        .unwrap();
    assert!(
        has(&catalog, "p", "kamituga"),
        "{:?}",
        concepts(&catalog, "p")
    );
    assert!(!has(&catalog, "p", "tantalum"));

    // A curated tag removed is remembered the same way (the text names the concept).
    catalog.tag("p", &["gold"]).unwrap();
    assert!(concepts(&catalog, "p").contains(&("gold".to_owned(), None)));
    catalog.untag("p", &["gold"]).unwrap();
    catalog.tag_automatically().unwrap();
    assert!(!has(&catalog, "p", "gold"));

    // Tagging by hand lifts the decision; removing the curated tag then records it again.
    catalog.tag("p", &["tantalum"]).unwrap();
    assert!(concepts(&catalog, "p").contains(&("tantalum".to_owned(), None)));
    catalog.untag("p", &["tantalum"]).unwrap();
    catalog.tag_automatically().unwrap();
    assert!(!has(&catalog, "p", "tantalum"));

    // Untagging a concept the publication does not have changes nothing but is remembered.
    assert_eq!(
        catalog.untag("p", &["cobalt"]).unwrap(),
        pubcat::Upsert::Unchanged
    );
    // Unknown names are errors, and nothing is recorded.
    assert_eq!(
        catalog.untag("p", &["no-such-concept"]).unwrap_err().kind(),
        pubcat::ErrorKind::NotFound
    );

    // Merging moves the decisions to the publication kept.
    let copy = Publication::new(
        "p-copy",
        "fr",
        "L'or et le coltan du Sud-Kivu (copie)",
        Kind::Report,
    );
    catalog.upsert_publication(&copy).unwrap();
    catalog.merge_publications("p", "p-copy").unwrap();
    catalog.tag_automatically().unwrap();
    assert!(has(&catalog, "p-copy", "south-kivu"));
    assert!(!has(&catalog, "p-copy", "tantalum") && !has(&catalog, "p-copy", "gold"));

    // The full-text index follows every change (FTS5 integrity, foreign keys, schema).
    catalog.close().unwrap();
    drop(catalog);
    let report = Catalog::check_file(&path, true).unwrap();
    assert!(report.ok(), "{report:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The development set `tests/data/tagging-dev/` (tuned on, see its README): themes named
/// once in passing are not tagged, so precision stays at or above 0.95 for themes and overall,
/// and places, minerals and actors keep their figures. (The blind evaluation set is measured
/// with `examples/evaluate_tagging.rs`, not here.)
#[test]
fn the_development_set_meets_the_precision_target() {
    use std::collections::{BTreeMap, BTreeSet};

    use pubcat::formats::{Format, ImportOptions};

    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tagging-dev");
    let gold: BTreeMap<String, BTreeSet<String>> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("tags.json")).unwrap()).unwrap();
    let catalog = Catalog::open_in_memory().unwrap();
    catalog.load_builtin_vocabularies().unwrap();
    let options = ImportOptions {
        format: Format::CslJson,
        tag: Some(true),
        ..ImportOptions::default()
    };
    catalog
        .import_file_with(dir.join("publications.json"), &options, &mut |_| {})
        .unwrap();
    // scheme → (automatic, indexer, agreed)
    let mut counts: BTreeMap<String, (u32, u32, u32)> = BTreeMap::new();
    for (uid, wanted) in &gold {
        let found: BTreeSet<String> = catalog
            .publication(uid)
            .unwrap()
            .concepts
            .into_iter()
            .filter(|c| c.matched_label.is_some())
            .map(|c| c.uid)
            .collect();
        for concept in found.union(wanted) {
            let scheme = catalog.concept(concept).unwrap().scheme.as_str().to_owned();
            for key in [scheme, "all".to_owned()] {
                let c = counts.entry(key).or_default();
                c.0 += u32::from(found.contains(concept));
                c.1 += u32::from(wanted.contains(concept));
                c.2 += u32::from(found.contains(concept) && wanted.contains(concept));
            }
        }
    }
    assert_eq!(gold.len(), 46);
    let precision = |s: &str| f64::from(counts[s].2) / f64::from(counts[s].0);
    let recall = |s: &str| f64::from(counts[s].2) / f64::from(counts[s].1);
    assert!(precision("all") >= 0.95, "{counts:?}");
    assert!(precision("theme") >= 0.95, "{counts:?}");
    // Measured 2026-12-06: actor 1.000/0.897, mineral 0.957/0.733, place 0.987/0.915, theme
    // 0.964/0.500 (0.594/0.704 before themes needed a heading or two mentions).
    assert!(recall("theme") >= 0.5, "{counts:?}");
    for (scheme, p, r) in [
        ("actor", 1.0, 0.89),
        ("mineral", 0.95, 0.73),
        ("place", 0.98, 0.91),
    ] {
        assert!(
            precision(scheme) >= p && recall(scheme) >= r,
            "{scheme}: {counts:?}"
        );
    }
}
