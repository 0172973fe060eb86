//! Language versions found automatically (issue 14, item 5): `suggest_translations`,
//! `link_suggested_translations`, `score_translation`, the "not a translation" decisions
//! recorded by `unlink_translation`, and imports with `link_translations`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../examples/evaluate_links/hidden.rs"]
#[allow(dead_code)]
mod hidden;

use std::path::Path;

use pubcat::formats::{Format, ImportOptions};
use pubcat::model::{Agent, AgentKind, Contributor, Kind, Publication, Role, Series};
use pubcat::{
    Catalog, ErrorKind, EvidenceKind, SuggestOptions, TranslationSuggestion,
    DEFAULT_MIN_TRANSLATION_SCORE,
};

const FR: &str = "conflict-minerals-perceptions-fr";
const EN: &str = "conflict-minerals-perceptions-en";

fn all(c: &Catalog) -> Vec<TranslationSuggestion> {
    c.suggest_translations(&SuggestOptions::default()).unwrap()
}

fn at(c: &Catalog, min: f64) -> Vec<TranslationSuggestion> {
    c.suggest_translations(&SuggestOptions {
        min_score: Some(min),
        ..SuggestOptions::default()
    })
    .unwrap()
}

fn uids(s: &[TranslationSuggestion]) -> Vec<Vec<String>> {
    s.iter().map(|s| s.uids.clone()).collect()
}

/// A publication with a summary, a date and authors.
fn publication(
    uid: &str,
    language: &str,
    title: &str,
    summary: &str,
    date: &str,
    authors: &[&str],
) -> Publication {
    let mut p = Publication::new(uid, language, title, Kind::Report);
    p.summary = Some(summary.to_owned());
    p.date = Some(date.to_owned());
    p.contributors = authors
        .iter()
        .map(|a| Contributor::new(*a, Role::Author))
        .collect();
    p
}

/// Two editions of an annual mapping update, each in English and French, by the same
/// authors in the same series: the near misses a person would not link.
fn editions() -> Catalog {
    let c = Catalog::open_in_memory().unwrap();
    for (uid, name) in [
        ("matthysen", "Ken Matthysen"),
        ("jaillon", "Alexandre Jaillon"),
    ] {
        c.upsert_agent(&Agent::new(uid, AgentKind::Person, name))
            .unwrap();
    }
    c.upsert_series(&Series::new("mapping", "IPIS Mapping Reports"))
        .unwrap();
    let authors = ["matthysen", "jaillon"];
    let mut items = vec![
        publication("ituri-2022-en", "en", "Mapping artisanal mining sites in Ituri: 2022 update",
            "This update presents data collected between October 2021 and March 2022 at 412 artisanal gold mining sites in Ituri. Armed presence was recorded at 38% of the sites, mostly CODECO factions in Djugu and Mambasa.",
            "2022-06", &authors),
        publication("ituri-2022-fr", "fr", "Cartographie des sites miniers artisanaux en Ituri : mise à jour 2022",
            "Cette mise à jour présente les données collectées entre octobre 2021 et mars 2022 sur 412 sites miniers artisanaux aurifères de l'Ituri. Une présence armée a été observée sur 38 % des sites, surtout des factions de la CODECO à Djugu et à Mambasa.",
            "2022-09", &authors),
        publication("ituri-2023-en", "en", "Mapping artisanal mining sites in Ituri: 2023 update",
            "Between November 2022 and April 2023, teams visited 455 artisanal mining sites in Ituri. Armed actors were present at 41% of them, in Irumu and Mambasa.",
            "2023-07", &authors),
        publication("ituri-2023-fr", "fr", "Cartographie des sites miniers artisanaux en Ituri : mise à jour 2023",
            "Entre novembre 2022 et avril 2023, les équipes ont visité 455 sites miniers artisanaux en Ituri. Des acteurs armés étaient présents sur 41 % d'entre eux, à Irumu et à Mambasa.",
            "2023-10", &authors),
    ];
    for (p, number) in items.iter_mut().zip(["12", "12", "14", "14"]) {
        p.series = Some("mapping".into());
        p.series_number = Some(number.into());
    }
    for p in &items {
        c.upsert_publication(p).unwrap();
    }
    c
}

#[test]
fn editions_pair_up_and_near_misses_are_not_suggested() {
    let c = editions();
    let found = all(&c);
    assert_eq!(found.len(), 2, "{found:?}");
    for want in [
        ["ituri-2022-en", "ituri-2022-fr"],
        ["ituri-2023-en", "ituri-2023-fr"],
    ] {
        assert!(
            uids(&found).iter().any(|u| u == &want),
            "{want:?} in {found:?}"
        );
    }
    for s in &found {
        assert!(s.score >= DEFAULT_MIN_TRANSLATION_SCORE, "{s:?}");
        assert_eq!(s.languages, ["en", "fr"]);
    }
    // The other edition in the other language: the numbers and years say no.
    let near = c
        .score_translation("ituri-2022-en", "ituri-2023-fr")
        .unwrap();
    assert!(near.score < 0.5, "{near:?}");
    assert!(near
        .evidence
        .iter()
        .any(|e| e.kind == EvidenceKind::Numbers && e.weight < 0.0));
    assert!(near
        .evidence
        .iter()
        .any(|e| e.kind == EvidenceKind::Series && e.weight < 0.0));
}

#[test]
fn evidence_explains_the_score() {
    let c = editions();
    let found = all(&c);
    let s = &found[0];
    let kinds: Vec<EvidenceKind> = s.evidence.iter().map(|e| e.kind).collect();
    for kind in [
        EvidenceKind::TitleWords,
        EvidenceKind::SummaryWords,
        EvidenceKind::Numbers,
        EvidenceKind::Authors,
        EvidenceKind::Series,
        EvidenceKind::Dates,
    ] {
        assert!(
            kinds.contains(&kind),
            "{kind:?} missing from {:?}",
            s.evidence
        );
    }
    assert!(s.evidence.iter().all(|e| !e.detail.is_empty()));
    // The score is the logistic function of the weights and one prior, the same for every
    // pair: log(score / (1 - score)) - sum of the weights is that prior (negative: without
    // evidence, two publications are not versions of one work).
    let prior = |s: &TranslationSuggestion| {
        (s.score / (1.0 - s.score)).ln() - s.evidence.iter().map(|e| e.weight).sum::<f64>()
    };
    let near = c
        .score_translation("ituri-2022-en", "ituri-2023-fr")
        .unwrap();
    assert!(prior(s) < 0.0);
    assert!((prior(s) - prior(&found[1])).abs() < 1e-6);
    assert!((prior(s) - prior(&near)).abs() < 1e-6);
    let pair = c.score_translation(&s.uids[0], &s.uids[1]).unwrap();
    assert_eq!(pair.score, s.score);
    assert_eq!(pair.evidence, s.evidence);
}

#[test]
fn the_same_language_is_never_proposed() {
    let c = Catalog::open_in_memory().unwrap();
    let title = "Mapping artisanal mining sites in Ituri: 2022 update";
    let summary = "Data on 412 artisanal gold mining sites in Ituri, Djugu and Mambasa.";
    for (uid, language) in [
        ("a", "en"),
        ("b", "en"),
        ("c", "en-GB"),
        ("d", "fr"),
        ("e", "fr-CD"),
    ] {
        c.upsert_publication(&publication(uid, language, title, summary, "2022", &[]))
            .unwrap();
    }
    for s in at(&c, 0.0) {
        let primary: Vec<&str> = s
            .languages
            .iter()
            .map(|l| l.split('-').next().unwrap())
            .collect();
        let mut distinct = primary.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), primary.len(), "{s:?}");
    }
    // Three English and two French copies fit each other equally well: which French
    // version goes with which English one is a person's call, so nothing is suggested.
    assert!(all(&c).is_empty(), "{:?}", all(&c));
    // One of each: suggested.
    c.delete_publication("b").unwrap();
    c.delete_publication("c").unwrap();
    c.delete_publication("e").unwrap();
    assert_eq!(uids(&all(&c)), [vec!["a".to_owned(), "d".to_owned()]]);
}

/// Whether some suggestion puts `a` and `b` together.
fn together(found: &[TranslationSuggestion], a: &str, b: &str) -> bool {
    found
        .iter()
        .any(|s| s.uids.iter().any(|u| u == a) && s.uids.iter().any(|u| u == b))
}

#[test]
fn already_linked_publications_are_not_proposed() {
    let c = Catalog::demo().unwrap();
    assert!(!together(&at(&c, 0.0), EN, FR));
    assert!(all(&c).is_empty());
    // A second French candidate for a work that has a French version is not proposed either.
    let mut fr2 = c.publication_as_written(FR).unwrap();
    fr2.uid = "conflict-minerals-perceptions-fr-2".into();
    fr2.work = None;
    fr2.original = false;
    c.upsert_publication(&fr2).unwrap();
    let found = at(&c, 0.0);
    assert!(!together(&found, EN, &fr2.uid), "{found:?}");
    assert!(c.score_translation(EN, &fr2.uid).unwrap().score > 0.9);
}

#[test]
fn unlinking_records_a_decision_and_linking_again_forgets_it() {
    let dir = std::env::temp_dir().join(format!("pubcat-translations-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("decisions.db");
    let _ = std::fs::remove_file(&path);
    let c = Catalog::open(&path).unwrap();
    c.load_demo().unwrap();
    let before = c.score_translation(EN, FR).unwrap();
    assert!(before.score >= DEFAULT_MIN_TRANSLATION_SCORE, "{before:?}");
    c.unlink_translation(FR).unwrap();
    let count = || -> i64 {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.query_row("SELECT count(*) FROM not_translation", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(count(), 1);
    // The pair scores as before, but a person separated it: never proposed again.
    assert_eq!(c.score_translation(EN, FR).unwrap().score, before.score);
    assert!(!together(&at(&c, 0.0), EN, FR));
    let linked = c.link_suggested_translations(None).unwrap().linked;
    assert!(linked.is_empty(), "{linked:?}");
    assert_eq!(c.translations(FR).unwrap().len(), 1);
    // The person changed their mind.
    c.link_translation(EN, FR).unwrap();
    assert_eq!(count(), 0);
    assert_eq!(c.translations(FR).unwrap().len(), 2);
    c.close().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn three_versions_are_one_group() {
    let c = Catalog::open_in_memory().unwrap();
    c.upsert_agent(&Agent::new("claes", AgentKind::Person, "Sophie Claes"))
        .unwrap();
    let a = ["claes"];
    for p in [
        publication("eu-en", "en", "The EU Conflict Minerals Regulation: a review of implementation in 2023",
            "Two years after the EU Conflict Minerals Regulation entered into application, we review how 27 Member States check importers of tin, tantalum, tungsten and gold. Only 9 have published the list of importers they control.", "2023-10", &a),
        publication("eu-fr", "fr", "Le règlement européen sur les minerais de conflit : bilan de la mise en œuvre en 2023",
            "Deux ans après l'entrée en application du règlement européen sur les minerais de conflit, nous examinons comment les 27 États membres contrôlent les importateurs d'étain, de tantale, de tungstène et d'or. Seuls 9 ont publié la liste des importateurs qu'ils contrôlent.", "2023-11", &a),
        publication("eu-nl", "nl", "De Europese conflictmineralenverordening: stand van de uitvoering in 2023",
            "Twee jaar na de inwerkingtreding van de Europese conflictmineralenverordening onderzoeken we hoe de 27 lidstaten de importeurs van tin, tantaal, wolfraam en goud controleren. Slechts 9 hebben de lijst van gecontroleerde importeurs gepubliceerd.", "2024-01", &a),
    ] {
        c.upsert_publication(&p).unwrap();
    }
    let found = all(&c);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].uids, ["eu-en", "eu-fr", "eu-nl"]);
    assert_eq!(found[0].languages, ["en", "fr", "nl"]);
    assert_eq!(found[0].titles.len(), 3);
    let summary = c.link_suggested_translations(None).unwrap();
    assert_eq!(summary.linked.len(), 1);
    assert_eq!(summary.publications, 2);
    assert_eq!(c.translations("eu-nl").unwrap().len(), 3);
    assert_eq!(c.stats().unwrap().works, 1);
}

#[test]
fn the_threshold_limit_and_only_are_respected() {
    let c = editions();
    for min in [0.0, 0.5, 0.9, 0.99, 1.0] {
        for s in at(&c, min) {
            assert!(s.score >= min, "{min}: {s:?}");
        }
    }
    assert!(at(&c, 0.0).len() >= at(&c, 0.99).len());
    for bad in [-0.1, 1.5, f64::NAN] {
        let err = c
            .suggest_translations(&SuggestOptions {
                min_score: Some(bad),
                ..SuggestOptions::default()
            })
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
        assert_eq!(
            c.link_suggested_translations(Some(bad)).unwrap_err().kind(),
            ErrorKind::InvalidInput
        );
    }
    let one = c
        .suggest_translations(&SuggestOptions {
            limit: Some(1),
            ..SuggestOptions::default()
        })
        .unwrap();
    assert_eq!(one.len(), 1);
    let only = c
        .suggest_translations(&SuggestOptions {
            only: vec!["ituri-2023-fr".into()],
            ..SuggestOptions::default()
        })
        .unwrap();
    assert_eq!(
        uids(&only),
        [vec!["ituri-2023-en".to_owned(), "ituri-2023-fr".to_owned()]]
    );
    let unknown = c
        .suggest_translations(&SuggestOptions {
            only: vec!["nope".into()],
            ..SuggestOptions::default()
        })
        .unwrap_err();
    assert_eq!(unknown.kind(), ErrorKind::NotFound);
}

#[test]
fn linking_the_suggestions_is_idempotent() {
    let c = editions();
    let works = c.stats().unwrap().works;
    let first = c.link_suggested_translations(None).unwrap();
    assert_eq!(first.linked.len(), 2);
    assert_eq!(first.publications, 2);
    assert_eq!(c.stats().unwrap().works, works - 2);
    assert_eq!(c.translations("ituri-2022-fr").unwrap().len(), 2);
    let version = c.version().unwrap();
    let again = c.link_suggested_translations(None).unwrap();
    assert!(again.linked.is_empty());
    assert_eq!(again.publications, 0);
    assert_eq!(
        c.version().unwrap(),
        version,
        "nothing written the second time"
    );
    assert!(all(&c).is_empty());
}

#[test]
fn the_demo_links_are_found_again() {
    let (json, truth) = hidden::hide_in_document(pubcat::DEMO_JSON);
    let c = Catalog::open_in_memory().unwrap();
    c.load_builtin_vocabularies().unwrap(); // the demo's concepts
    let options = ImportOptions {
        format: Format::Json,
        ..ImportOptions::default()
    };
    c.import_reader_with(json.as_bytes(), &options, &mut |_| {})
        .unwrap();
    assert_eq!(c.stats().unwrap().works, 7);
    let found = hidden::suggested(&all(&c));
    assert_eq!(found, truth);
    let linked = c.link_suggested_translations(None).unwrap();
    assert_eq!(linked.linked.len(), 1);
    assert_eq!(c.stats().unwrap().works, 6);
}

#[test]
fn generated_links_are_found_again() {
    let mut jsonl = Vec::new();
    pubcat_generate::write_jsonl(
        &pubcat_generate::GenerateOptions {
            count: 1500,
            seed: 11,
        },
        &mut jsonl,
    )
    .unwrap();
    let (jsonl, truth) = hidden::hide_in_jsonl(&String::from_utf8(jsonl).unwrap());
    assert!(truth.len() > 100);
    let c = Catalog::open_in_memory().unwrap();
    c.import_reader(jsonl.as_bytes(), Format::Jsonl, &mut |_| {})
        .unwrap();
    let found = hidden::suggested(&all(&c));
    let m = hidden::Measure::of(&found, &truth);
    // Measured: precision 1.000 and recall 1.000 on seeds 1 to 3 (evaluate_links).
    assert!(m.precision() >= 0.97, "{m:?}");
    assert!(m.recall() >= 0.95, "{m:?}");
}

/// Suggestions on a development set of link discovery (`tests/data/<name>/`: CSL-JSON items
/// and the true groups), measured against its truth.
fn development_set(name: &str) -> hidden::Measure {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    let text = std::fs::read_to_string(dir.join("items.json")).unwrap();
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("truth.json")).unwrap()).unwrap();
    let mut pairs = hidden::Pairs::new();
    for group in truth["groups"].as_array().unwrap() {
        let uids: Vec<String> = group
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u.as_str().unwrap().to_owned())
            .collect();
        pairs.extend(hidden::pairs_of(&uids));
    }
    let c = Catalog::open_in_memory().unwrap();
    c.import_reader(text.as_bytes(), Format::CslJson, &mut |_| {})
        .unwrap();
    c.load_builtin_vocabularies().unwrap();
    c.tag_automatically().unwrap();
    hidden::Measure::of(&hidden::suggested(&all(&c)), &pairs)
}

#[test]
fn the_development_sets_meet_the_targets() {
    // Tuned on, so these say little about new data (the hand-made evaluation set does): they
    // keep a change from losing what the weights were chosen for. Measured: links-dev 1.000 /
    // 1.000, links-dev2 1.000 / 0.976 (evaluate_links).
    for name in ["links-dev", "links-dev2"] {
        let m = development_set(name);
        assert!(m.precision() >= 0.95, "{name}: {m:?}");
        assert!(m.recall() >= 0.9, "{name}: {m:?}");
    }
}

fn listing() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/data/ipis-partner-listing.txt")
}

#[test]
fn importing_the_sample_listing_with_linking_gives_six_works() {
    let plain = Catalog::open_in_memory().unwrap();
    plain
        .import_file_with(listing(), &ImportOptions::default(), &mut |_| {})
        .unwrap();
    assert_eq!(plain.stats().unwrap().works, 7);

    let options = ImportOptions {
        link_translations: true,
        ..ImportOptions::default()
    };
    // A dry run says what it would link, and writes nothing.
    let dry = Catalog::open_in_memory().unwrap();
    let report = dry
        .import_file_with(
            listing(),
            &ImportOptions {
                dry_run: true,
                ..options.clone()
            },
            &mut |_| {},
        )
        .unwrap();
    let links = report.links.expect("linking ran");
    assert_eq!(links.linked.len(), 1);
    assert_eq!(dry.stats().unwrap().publications, 0);

    let c = Catalog::open_in_memory().unwrap();
    let report = c
        .import_file_with(listing(), &options, &mut |_| {})
        .unwrap();
    assert_eq!(c.stats().unwrap().works, 6);
    let linked = &report.links.unwrap().linked;
    assert_eq!(linked.len(), 1);
    assert_eq!(linked[0].languages, ["en", "fr"]);
    assert!(linked[0].titles[0].contains("Conflict Minerals"));
    let en = &linked[0].uids[0];
    assert_eq!(c.translations(en).unwrap().len(), 2);
    assert!(!ImportOptions::default().link_translations);
}

#[test]
fn an_import_links_only_what_it_brought() {
    // The demo with its pair unlinked by a person: importing the listing again (which holds
    // the same publications) must not undo the person's decision.
    let c = Catalog::demo().unwrap();
    c.unlink_translation(FR).unwrap();
    let options = ImportOptions {
        link_translations: true,
        ..ImportOptions::default()
    };
    let report = c
        .import_file_with(listing(), &options, &mut |_| {})
        .unwrap();
    assert!(report.links.unwrap().linked.is_empty());
    assert_eq!(c.translations(FR).unwrap().len(), 1);
}

#[test]
fn a_decision_keeps_the_whole_work_apart() {
    // English and Dutch were linked, and a person separated them. The French version, linked
    // to the English one later, would bring the Dutch one into the same work: never proposed.
    let c = Catalog::open_in_memory().unwrap();
    c.upsert_agent(&Agent::new("claes", AgentKind::Person, "Sophie Claes"))
        .unwrap();
    let a = ["claes"];
    let en = publication("eu-en", "en", "The EU Conflict Minerals Regulation: a review of implementation in 2023",
        "Two years after the EU Conflict Minerals Regulation entered into application, we review how 27 Member States check importers of tin, tantalum, tungsten and gold. Only 9 have published the list.", "2023-10", &a);
    let fr = publication("eu-fr", "fr", "Le règlement européen sur les minerais de conflit : bilan de la mise en œuvre en 2023",
        "Deux ans après l'entrée en application du règlement européen sur les minerais de conflit, nous examinons comment les 27 États membres contrôlent les importateurs d'étain, de tantale, de tungstène et d'or. Seuls 9 ont publié la liste.", "2023-11", &a);
    let nl = publication("eu-nl", "nl", "De Europese conflictmineralenverordening: stand van de uitvoering in 2023",
        "Twee jaar na de inwerkingtreding van de Europese conflictmineralenverordening onderzoeken we hoe de 27 lidstaten de importeurs van tin, tantaal, wolfraam en goud controleren. Slechts 9 hebben de lijst gepubliceerd.", "2024-01", &a);
    c.upsert_publication(&en).unwrap();
    c.upsert_publication(&nl).unwrap();
    c.link_translation("eu-en", "eu-nl").unwrap();
    c.unlink_translation("eu-nl").unwrap();
    c.upsert_publication(&fr).unwrap();
    assert!(together(&all(&c), "eu-en", "eu-fr"), "{:?}", all(&c));
    assert!(!together(&at(&c, 0.0), "eu-nl", "eu-en"));
    c.link_translation("eu-en", "eu-fr").unwrap();
    assert!(c.score_translation("eu-fr", "eu-nl").unwrap().score > 0.9);
    assert!(at(&c, 0.0)
        .iter()
        .all(|s| !s.uids.contains(&"eu-nl".to_owned())));
    assert!(c
        .link_suggested_translations(None)
        .unwrap()
        .linked
        .is_empty());
    assert_eq!(c.translations("eu-nl").unwrap().len(), 1);
}

#[test]
fn a_decision_follows_a_merged_publication() {
    let c = Catalog::demo().unwrap();
    c.unlink_translation(FR).unwrap();
    let mut copy = c.publication_as_written(FR).unwrap();
    copy.uid = "perceptions-fr-copy".into();
    copy.work = None;
    copy.original = false;
    c.upsert_publication(&copy).unwrap();
    c.merge_publications(FR, "perceptions-fr-copy").unwrap();
    assert!(!together(&at(&c, 0.0), EN, "perceptions-fr-copy"));
    assert!(c
        .link_suggested_translations(None)
        .unwrap()
        .linked
        .is_empty());
}
