//! Re-importing creates no duplicates: incoming publications match stored ones by uid, then
//! DOI/URL, then normalised title + language + year; agents and series named by text are
//! matched by name before being created.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod formats_common;

use formats_common::{import, rich_catalog};
use pubcat::formats::{Format, ImportOptions, OnConflict};
use pubcat::model::{Agent, AgentKind, Role};
use pubcat::Catalog;

fn count(catalog: &Catalog) -> i64 {
    catalog.stats().unwrap().publications
}

#[test]
fn a_foreign_key_with_a_known_doi_matches_the_stored_publication() {
    let bib = "@techreport{smith2023gold,\n  title = {Gold and 3T in Ituri},\n  doi = {https://doi.org/10.5281/ZENODO.1234567},\n  note = {from elsewhere},\n}\n";
    // `keep` (the default for BibTeX): the curated title stays, the difference is reported.
    let catalog = rich_catalog();
    let before = count(&catalog);
    let stored_title = catalog.publication("gold-ituri-2023").unwrap().title;
    let report = catalog
        .import_reader_with(
            bib.as_bytes(),
            &ImportOptions {
                format: Format::Bibtex,
                ..Default::default()
            },
            &mut |_| {},
        )
        .unwrap();
    assert_eq!(report.summary.added, 0);
    assert_eq!(count(&catalog), before);
    assert_eq!(
        catalog.publication("gold-ituri-2023").unwrap().title,
        stored_title
    );
    let title = report
        .conflicts
        .iter()
        .find(|c| c.field == "title")
        .unwrap();
    assert_eq!(
        (title.incoming.as_str(), title.resolution.as_str()),
        ("Gold and 3T in Ituri", "kept")
    );
    // `replace`: the file's title is written, what BibTeX cannot say is kept.
    let catalog = rich_catalog();
    let options = ImportOptions {
        format: Format::Bibtex,
        on_conflict: Some(OnConflict::Replace),
        ..Default::default()
    };
    let report = catalog
        .import_reader_with(bib.as_bytes(), &options, &mut |_| {})
        .unwrap();
    assert_eq!((report.summary.added, report.summary.updated), (0, 1));
    assert_eq!(count(&catalog), before);
    let gold = catalog.publication_as_written("gold-ituri-2023").unwrap();
    assert_eq!(gold.title, "Gold and 3T in Ituri");
    assert_eq!(
        gold.concepts,
        ["gold", "ituri"],
        "what BibTeX cannot say is kept"
    );
    assert!(catalog.publication("smith2023gold").is_err());
}

#[test]
fn a_known_url_matches_too() {
    let catalog = rich_catalog();
    let before = count(&catalog);
    let ris = "TY  - DATA\r\nID  - other-id\r\nTI  - Artisanal mining sites dataset\r\nUR  - https://geo.ipisresearch.be/sites\r\nPY  - 2019\r\nER  - \r\n";
    let summary = import(&catalog, ris.as_bytes(), Format::Ris).unwrap();
    assert_eq!(summary.added, 0);
    assert_eq!(count(&catalog), before);
    let dataset = catalog
        .publication_as_written("mining-sites-dataset")
        .unwrap();
    assert_eq!(
        dataset.date.as_deref(),
        Some("2019?"),
        "a less precise date keeps the stored one"
    );
}

#[test]
fn titles_match_ignoring_case_accents_and_punctuation_within_language_and_year() {
    let catalog = rich_catalog();
    let before = count(&catalog);
    let csv = "title,language,date\r\n\
               \"GOLD and 3T supply chains in ITURI: a 100% traceable future\",en,2023-12\r\n\
               \"‘conflict minerals’ Initiatives in DR Congo — perceptions of local mining communities!\",en,\r\n";
    assert_eq!(
        import(&catalog, csv.as_bytes(), Format::Csv).unwrap().added,
        1,
        "`and` is not `&`"
    );
    let csv = "title,language,date\r\n\
               \"Gold & 3T supply chains in ITURI: a 100 % traceable future\",en,2023-12\r\n";
    assert_eq!(
        import(&catalog, csv.as_bytes(), Format::Csv).unwrap().added,
        0
    );
    assert_eq!(
        catalog
            .publication_as_written("gold-ituri-2023")
            .unwrap()
            .date
            .as_deref(),
        Some("2023-12-22")
    );
    assert_eq!(count(&catalog), before + 1);

    let other_language =
        "title,language,date\r\n\"Map of artisanal cobalt mining sites\",fr,2016\r\n";
    assert_eq!(
        import(&catalog, other_language.as_bytes(), Format::Csv)
            .unwrap()
            .added,
        1
    );
    let other_year = "title,language,date\r\n\"Map of artisanal cobalt mining sites\",en,2018\r\n";
    assert_eq!(
        import(&catalog, other_year.as_bytes(), Format::Csv)
            .unwrap()
            .added,
        1
    );
    let no_language =
        "@misc{x,\n  title = {Carte des sites miniers artisanaux de cobalt},\n  year = 2021,\n}\n";
    assert_eq!(
        import(&catalog, no_language.as_bytes(), Format::Bibtex)
            .unwrap()
            .added,
        0
    );
    assert_eq!(
        catalog
            .publication_as_written("cobalt-map-fr")
            .unwrap()
            .language,
        "fr"
    );
    assert_eq!(count(&catalog), before + 3);
}

#[test]
fn records_of_one_file_stay_distinct_unless_they_share_a_key() {
    let catalog = Catalog::open_in_memory().unwrap();
    let jsonl = concat!(
        "{\"format\":\"pubcat\",\"version\":1}\n",
        "{\"publication\":{\"uid\":\"annual-a\",\"language\":\"en\",\"title\":\"Annual report\",\"kind\":\"report\",\"date\":\"2020\"}}\n",
        "{\"publication\":{\"uid\":\"annual-b\",\"language\":\"en\",\"title\":\"Annual report\",\"kind\":\"report\",\"date\":\"2020\"}}\n",
    );
    assert_eq!(
        import(&catalog, jsonl.as_bytes(), Format::Jsonl)
            .unwrap()
            .added,
        2
    );
    let csv = "title,language,date\r\nA new report,en,2021\r\nA new report,en,2021\r\n";
    let summary = import(&catalog, csv.as_bytes(), Format::Csv).unwrap();
    assert_eq!(
        (summary.added, summary.unchanged),
        (1, 1),
        "same derived uid"
    );
    assert!(catalog.publication("a-new-report-2021").is_ok());
    let french = "title,language,date\r\nA new report,fr,2021\r\n";
    assert_eq!(
        import(&catalog, french.as_bytes(), Format::Csv)
            .unwrap()
            .added,
        1
    );
    assert_eq!(
        catalog
            .publication("a-new-report-2021-fr")
            .unwrap()
            .language,
        "fr"
    );
}

#[test]
fn a_native_record_matched_under_another_uid_takes_its_relations_along() {
    let catalog = rich_catalog();
    let before = count(&catalog);
    let jsonl = concat!(
        "{\"format\":\"pubcat\",\"version\":1}\n",
        "{\"publication\":{\"uid\":\"their-gold\",\"language\":\"en\",\"title\":\"Gold (their copy)\",\"kind\":\"report\",\"identifiers\":[{\"scheme\":\"doi\",\"value\":\"10.5281/zenodo.1234567\"}]}}\n",
        "{\"relation\":{\"source\":\"their-gold\",\"type\":\"References\",\"target\":\"cobalt-map-en\"}}\n",
    );
    let summary = import(&catalog, jsonl.as_bytes(), Format::Jsonl).unwrap();
    assert_eq!(
        (summary.added, summary.updated),
        (1, 1),
        "the relation is new"
    );
    assert_eq!(count(&catalog), before);
    let related = catalog.related("gold-ituri-2023").unwrap();
    assert!(related.iter().any(|r| r.uid == "cobalt-map-en"));
}

#[test]
fn agents_and_series_named_by_text_are_matched_before_being_created() {
    let catalog = rich_catalog();
    catalog
        .upsert_agent(&Agent::new(
            "cegemi",
            AgentKind::Organization,
            "Centre (CEGEMI)",
        ))
        .unwrap();
    let agents_before = catalog.agents().unwrap().len();
    let csv = "uid,title,language,authors,series\r\n\
               a,First,en,\"Lonema, Jean-Paul; IPIS; Centre (CEGEMI)\",IPIS Due Diligence series\r\n\
               b,Second,en,\"Ana Kiza (IMPACT); ana kiza\",ipis-due-diligence\r\n\
               c,Third,en,Ana Kiza,New series\r\n";
    let summary = import(&catalog, csv.as_bytes(), Format::Csv).unwrap();
    assert_eq!(
        summary.added,
        3 + 1 + 1,
        "three publications, Ana Kiza, New series"
    );
    assert_eq!(catalog.agents().unwrap().len(), agents_before + 1);
    let a = catalog.publication("a").unwrap();
    let names: Vec<&str> = a.contributors.iter().map(|c| c.agent.as_str()).collect();
    assert_eq!(names, ["lonema", "ipis", "cegemi"]);
    assert_eq!(
        a.contributors[2].affiliation, None,
        "a whole name is not split"
    );
    let b = catalog.publication_as_written("b").unwrap();
    assert_eq!(
        b.contributors.len(),
        1,
        "the same agent twice as author is one contributor"
    );
    assert_eq!(b.contributors[0].affiliation.as_deref(), Some("IMPACT"));
    assert_eq!(b.series.as_deref(), Some("ipis-due-diligence"));
    let kiza = catalog.agent(&b.contributors[0].agent).unwrap().agent;
    assert_eq!(
        (kiza.kind, kiza.given.as_deref(), kiza.family.as_deref()),
        (AgentKind::Person, Some("Ana"), Some("Kiza"))
    );
    let c = catalog.publication("c").unwrap();
    assert_eq!(c.series.unwrap().name, "New series");
    assert_eq!(c.contributors[0].role, Role::Author);
}

#[test]
fn organisations_are_told_from_persons_by_their_names() {
    let catalog = Catalog::open_in_memory().unwrap();
    let ris = "TY  - RPRT\r\nTI  - T\r\nAU  - Levin Sources\r\nAU  - OECD\r\nAU  - Jean-Paul Lonema\r\nAU  - Kiza, Ana\r\nPB  - Global Witness\r\nER  - \r\n";
    import(&catalog, ris.as_bytes(), Format::Ris).unwrap();
    let kinds: Vec<(String, AgentKind)> = catalog
        .agents()
        .unwrap()
        .into_iter()
        .map(|a| (a.name, a.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("Ana Kiza".to_owned(), AgentKind::Person),
            ("Global Witness".to_owned(), AgentKind::Organization),
            ("Jean-Paul Lonema".to_owned(), AgentKind::Person),
            ("Levin Sources".to_owned(), AgentKind::Organization),
            ("OECD".to_owned(), AgentKind::Organization),
        ]
    );
}
