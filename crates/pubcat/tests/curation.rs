//! Curation by hand (issue 13): unlink, tag and untag, set one field, merge duplicate series
//! and publications (with redirects), vocabularies out and in. Each is one transaction: a
//! refused edit changes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pubcat::model::{IdScheme, Identifier, Kind, Publication, Relation, RelationType, Scheme};
use pubcat::{Catalog, ErrorKind};

const FR: &str = "conflict-minerals-perceptions-fr";
const EN: &str = "conflict-minerals-perceptions-en";
const M23: &str = "ipis-mapping-conflict-motives-m23-2012";

#[test]
fn unlink_makes_a_work_of_its_own_and_link_undoes_it() {
    let c = Catalog::demo().unwrap();
    c.unlink_translation(FR).unwrap();
    assert_eq!(c.translations(FR).unwrap().len(), 1);
    assert_eq!(c.translations(EN).unwrap().len(), 1);
    assert_ne!(
        c.publication(FR).unwrap().work,
        c.publication(EN).unwrap().work
    );
    let version = c.version().unwrap();
    c.unlink_translation(FR).unwrap();
    assert_eq!(
        c.version().unwrap(),
        version,
        "unlinking a lone version changes nothing"
    );
    c.link_translation(EN, FR).unwrap();
    assert_eq!(c.translations(FR).unwrap().len(), 2);
    assert_eq!(
        c.unlink_translation("nope").unwrap_err().kind(),
        ErrorKind::NotFound
    );
}

#[test]
fn tag_and_untag_concepts() {
    let c = Catalog::demo().unwrap();
    let concepts = |c: &Catalog| -> Vec<String> { c.publication_as_written(M23).unwrap().concepts };
    assert_eq!(concepts(&c), ["conflict-analysis", "goma", "m23"]);
    c.tag(M23, &["gold", "m23"]).unwrap();
    assert_eq!(concepts(&c), ["conflict-analysis", "gold", "goma", "m23"]);
    c.untag(M23, &["goma"]).unwrap();
    assert_eq!(concepts(&c), ["conflict-analysis", "gold", "m23"]);
    let version = c.version().unwrap();
    assert_eq!(
        c.tag(M23, &["gold", "atlantis"]).unwrap_err().kind(),
        ErrorKind::NotFound
    );
    assert_eq!(
        c.version().unwrap(),
        version,
        "a refused tag changes nothing"
    );
    assert_eq!(concepts(&c), ["conflict-analysis", "gold", "m23"]);
}

#[test]
fn set_field_reads_json_values_and_text_and_refuses_bad_ones() {
    let c = Catalog::demo().unwrap();
    c.set_field(M23, "pages", "28").unwrap();
    c.set_field(M23, "date", "2012-11").unwrap();
    c.set_field(M23, "title", "2012").unwrap(); // a number as JSON, a title as text
    c.set_field(M23, "concepts", r#"["m23", "goma"]"#).unwrap();
    c.set_field(M23, "original", "true").unwrap();
    let p = c.publication_as_written(M23).unwrap();
    assert_eq!(p.pages, Some(28));
    assert_eq!(p.date.as_deref(), Some("2012-11"));
    assert_eq!(p.title, "2012");
    assert_eq!(p.concepts, ["goma", "m23"]);
    assert!(p.original);
    c.set_field(M23, "pages", "").unwrap();
    assert_eq!(
        c.publication_as_written(M23).unwrap().pages,
        None,
        "empty clears"
    );
    let version = c.version().unwrap();
    for (field, value, kind) in [
        ("date", "someday", ErrorKind::InvalidInput),
        ("pages", "0", ErrorKind::InvalidInput),
        ("pages", "many", ErrorKind::InvalidInput),
        ("titel", "x", ErrorKind::InvalidInput),
        ("uid", "x", ErrorKind::InvalidInput),
        ("kind", "novel", ErrorKind::InvalidInput),
        ("concepts", r#"["atlantis"]"#, ErrorKind::NotFound),
    ] {
        let err = c.set_field(M23, field, value).unwrap_err();
        assert_eq!(err.kind(), kind, "{field}={value}: {err}");
    }
    assert_eq!(
        c.version().unwrap(),
        version,
        "refused edits changed the catalogue"
    );
    assert!(Catalog::publication_fields().contains(&"pages".to_owned()));
}

#[test]
fn merging_series_moves_publications_and_redirects() {
    let c = Catalog::demo().unwrap();
    c.upsert_series(&pubcat::model::Series::new(
        "ipis-dd-2",
        "IPIS due diligence",
    ))
    .unwrap();
    c.set_field(M23, "series", "ipis-dd-2").unwrap();
    c.merge_series("ipis-dd-2", "ipis-due-diligence").unwrap();
    assert_eq!(
        c.publication(M23).unwrap().series.unwrap().uid,
        "ipis-due-diligence"
    );
    assert_eq!(c.series("ipis-dd-2").unwrap().uid, "ipis-due-diligence");
    assert_eq!(c.series_list().unwrap().len(), 2);
    assert!(Catalog::check_file_in_memory_ok(&c));
}

/// Whether an in-memory catalogue's export round-trips (a stand-in for `check` there).
trait CheckInMemory {
    fn check_file_in_memory_ok(c: &Catalog) -> bool;
}
impl CheckInMemory for Catalog {
    fn check_file_in_memory_ok(c: &Catalog) -> bool {
        let copy = Catalog::open_in_memory().unwrap();
        copy.import_document(&c.export_document().unwrap()).unwrap();
        copy.export_document().unwrap() == c.export_document().unwrap()
    }
}

#[test]
fn merging_publications_keeps_the_target_fills_gaps_and_redirects() {
    let c = Catalog::demo().unwrap();
    let mut dup = Publication::new(
        "m23-copy",
        "en",
        "Mapping conflict motives – M23",
        Kind::Report,
    );
    dup.pages = Some(28);
    dup.summary = Some("Another summary".into());
    dup.identifiers
        .push(Identifier::new(IdScheme::Doi, "10.1234/m23"));
    dup.concepts.push("gold".into());
    c.upsert_publication(&dup).unwrap();
    let mut fr = Publication::new(
        "m23-copy-fr",
        "fr",
        "Cartographie des motivations : M23",
        Kind::Report,
    );
    fr.work = Some("m23-copy".into());
    c.upsert_publication(&fr).unwrap();
    c.add_relation(&Relation::new("m23-copy", RelationType::IsReferencedBy, EN))
        .unwrap();
    let before = c.publication_as_written(M23).unwrap();
    c.merge_publications("m23-copy", M23).unwrap();
    let merged = c.publication_as_written(M23).unwrap();
    assert_eq!(merged.title, before.title, "the target keeps its values");
    assert_eq!(merged.summary, before.summary);
    assert_eq!(merged.pages, Some(28), "gaps are filled");
    assert_eq!(
        merged.identifiers,
        [Identifier::new(IdScheme::Doi, "10.1234/m23")]
    );
    assert!(merged.concepts.contains(&"gold".to_owned()));
    let languages: Vec<String> = c
        .translations(M23)
        .unwrap()
        .into_iter()
        .map(|t| t.language)
        .collect();
    assert_eq!(
        languages,
        ["en", "fr"],
        "the duplicate's French version joins the work"
    );
    assert!(c.related(M23).unwrap().iter().any(|r| r.uid == EN));
    assert_eq!(c.publication("m23-copy").unwrap().uid, M23, "redirect");
    // A chain of merges still lands on the final record.
    c.upsert_publication(&Publication::new(
        "m23-final",
        "en",
        "M23 (final)",
        Kind::Report,
    ))
    .unwrap();
    c.merge_publications(M23, "m23-final").unwrap();
    assert_eq!(c.publication("m23-copy").unwrap().uid, "m23-final");
    assert_eq!(
        c.merge_publications("m23-final", "m23-final")
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidInput
    );
}

#[test]
fn vocabularies_go_out_and_in() {
    let c = Catalog::demo().unwrap();
    let places = c.export_vocabulary(Some(Scheme::Place)).unwrap();
    assert!(!places.concepts.is_empty());
    assert!(places.concepts.iter().all(|k| k.scheme == Scheme::Place));
    assert!(places.publications.is_empty() && places.agents.is_empty());
    let fresh = Catalog::open_in_memory().unwrap();
    let summary = fresh.import_vocabulary(&places).unwrap();
    assert_eq!(summary.concepts.added as usize, places.concepts.len());
    let mut not_a_vocabulary = places.clone();
    not_a_vocabulary
        .publications
        .push(Publication::new("p", "en", "T", Kind::Report));
    assert_eq!(
        fresh
            .import_vocabulary(&not_a_vocabulary)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidInput
    );
}
