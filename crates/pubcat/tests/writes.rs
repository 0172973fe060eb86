//! Writes: validation rules, idempotent upserts, orphan-free deletes, the change log, and the
//! full-text index staying exact through every kind of write.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::type_complexity)]

use pubcat::model::*;
use pubcat::query::Query;
use pubcat::{Catalog, ErrorKind, Upsert};
use rusqlite::Connection;

fn catalog_with_basics() -> Catalog {
    let c = Catalog::open_in_memory().unwrap();
    c.upsert_agent(&Agent::new("ipis", AgentKind::Organization, "IPIS"))
        .unwrap();
    let mut person = Agent::new("lonema", AgentKind::Person, "Jean-Paul Lonema");
    person.identifiers.push(Identifier::new(
        IdScheme::Orcid,
        "https://orcid.org/0000-0002-1825-0097",
    ));
    c.upsert_agent(&person).unwrap();
    c.upsert_series(&Series::new("dd", "IPIS Due Diligence series"))
        .unwrap();
    c.upsert_project(&Project::new("madini", "Madini")).unwrap();
    let mut sk = Concept::new("south-kivu", Scheme::Place);
    sk.labels.insert("en".into(), "South Kivu".into());
    sk.labels.insert("fr".into(), "Sud-Kivu".into());
    c.upsert_concept(&sk).unwrap();
    c
}

fn full_publication(uid: &str) -> Publication {
    let mut p = Publication::new(uid, "en", "Gold in South Kivu", Kind::Report);
    p.subtitle = Some("A field study".into());
    p.summary = Some("Artisanal gold mining".into());
    p.body = Some("Long text about cassiterite".into());
    p.date = Some("2021-07".into());
    p.series = Some("dd".into());
    p.series_number = Some("3".into());
    p.contributors = vec![
        Contributor::new("lonema", Role::Author),
        Contributor::new("ipis", Role::Publisher),
    ];
    p.contributors[0].affiliation = Some("IMPACT".into());
    p.projects = vec!["madini".into()];
    p.concepts = vec!["south-kivu".into()];
    p.identifiers = vec![
        Identifier::new(IdScheme::Doi, "10.1/ABC"),
        Identifier::new(IdScheme::Url, "https://example.org/gold"),
    ];
    p.links = vec![Link::new("https://example.org/gold.pdf", LinkKind::Pdf)];
    p
}

fn fts_ok(c: &Catalog, dir: &std::path::Path) {
    let path = dir.join(format!("check-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    c.backup(&path).unwrap();
    let report = pubcat::Catalog::check_file(&path, true).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(report.ok(), "{report:?}");
}

#[test]
fn every_validation_rule_gives_a_typed_error_and_writes_nothing() {
    let c = catalog_with_basics();
    let version = c.version().unwrap();
    let base = full_publication("p");
    let cases: Vec<(&str, Box<dyn Fn(&mut Publication)>, ErrorKind)> = vec![
        (
            "empty uid",
            Box::new(|p| p.uid = String::new()),
            ErrorKind::InvalidInput,
        ),
        (
            "uid with spaces",
            Box::new(|p| p.uid = " p ".into()),
            ErrorKind::InvalidInput,
        ),
        (
            "uid with control",
            Box::new(|p| p.uid = "a\nb".into()),
            ErrorKind::InvalidInput,
        ),
        (
            "unknown language",
            Box::new(|p| p.language = "xx".into()),
            ErrorKind::InvalidInput,
        ),
        (
            "malformed language",
            Box::new(|p| p.language = "english".into()),
            ErrorKind::InvalidInput,
        ),
        (
            "empty title",
            Box::new(|p| p.title = "  ".into()),
            ErrorKind::InvalidInput,
        ),
        (
            "NUL in title",
            Box::new(|p| p.title = "a\0b".into()),
            ErrorKind::InvalidInput,
        ),
        (
            "huge title",
            Box::new(|p| p.title = "x".repeat(10_000)),
            ErrorKind::InvalidInput,
        ),
        (
            "broken date",
            Box::new(|p| p.date = Some("2021-13".into())),
            ErrorKind::InvalidInput,
        ),
        (
            "impossible day",
            Box::new(|p| p.date = Some("2023-02-29".into())),
            ErrorKind::InvalidInput,
        ),
        (
            "reversed interval",
            Box::new(|p| p.date = Some("2017/2016".into())),
            ErrorKind::InvalidInput,
        ),
        (
            "number without series",
            Box::new(|p| p.series = None),
            ErrorKind::InvalidInput,
        ),
        (
            "duplicate contributor",
            Box::new(|p| {
                p.contributors
                    .push(Contributor::new("lonema", Role::Author))
            }),
            ErrorKind::InvalidInput,
        ),
        (
            "bad DOI",
            Box::new(|p| p.identifiers = vec![Identifier::new(IdScheme::Doi, "abc")]),
            ErrorKind::InvalidInput,
        ),
        (
            "ORCID on a publication",
            Box::new(|p| {
                p.identifiers = vec![Identifier::new(IdScheme::Orcid, "0000-0002-1825-0097")]
            }),
            ErrorKind::InvalidInput,
        ),
        (
            "bad link",
            Box::new(|p| p.links = vec![Link::new("ftp://x", LinkKind::Pdf)]),
            ErrorKind::InvalidInput,
        ),
        (
            "unknown agent",
            Box::new(|p| p.contributors.push(Contributor::new("ghost", Role::Editor))),
            ErrorKind::NotFound,
        ),
        (
            "unknown project",
            Box::new(|p| p.projects.push("ghost".into())),
            ErrorKind::NotFound,
        ),
        (
            "unknown concept",
            Box::new(|p| p.concepts.push("ghost".into())),
            ErrorKind::NotFound,
        ),
        (
            "unknown series",
            Box::new(|p| p.series = Some("ghost".into())),
            ErrorKind::NotFound,
        ),
    ];
    for (name, mutate, kind) in cases {
        let mut p = base.clone();
        mutate(&mut p);
        let err = c.upsert_publication(&p).unwrap_err();
        assert_eq!(err.kind(), kind, "{name}: {err}");
    }
    assert_eq!(
        c.version().unwrap(),
        version,
        "a failed write bumped the version"
    );
    assert_eq!(c.stats().unwrap().publications, 0);
    // Roles, kinds and relation types are closed vocabularies.
    assert_eq!(
        "reader".parse::<Role>().unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
    assert_eq!(
        "IsFriendOf".parse::<RelationType>().unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
    // Agents: ORCID only for persons, ROR only for organisations, non-empty names.
    let mut org = Agent::new("x", AgentKind::Organization, "X");
    org.identifiers
        .push(Identifier::new(IdScheme::Orcid, "0000-0002-1825-0097"));
    assert_eq!(
        c.upsert_agent(&org).unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
    assert_eq!(
        c.upsert_agent(&Agent::new("y", AgentKind::Person, " "))
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidInput
    );
    // An ORCID names one agent.
    let mut twin = Agent::new("twin", AgentKind::Person, "Twin");
    twin.identifiers
        .push(Identifier::new(IdScheme::Orcid, "0000-0002-1825-0097"));
    assert_eq!(
        c.upsert_agent(&twin).unwrap_err().kind(),
        ErrorKind::Conflict
    );
    // Concepts: a label language must be valid.
    let mut bad = Concept::new("z", Scheme::Theme);
    bad.labels.insert("zz".into(), "Zed".into());
    assert_eq!(
        c.upsert_concept(&bad).unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
    // Projects: a broken date.
    let mut pr = Project::new("q", "Q");
    pr.date = Some("20xx".into());
    assert_eq!(
        c.upsert_project(&pr).unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
}

#[test]
fn upserts_normalise_are_idempotent_and_bump_the_version_once_per_change() {
    let c = catalog_with_basics();
    let mut p = full_publication("p");
    p.language = "EN".into();
    p.title = "  Gold in South Kivu ".into();
    let v0 = c.version().unwrap();
    assert_eq!(c.upsert_publication(&p).unwrap(), Upsert::Added);
    let v1 = c.version().unwrap();
    assert_eq!(v1, v0 + 1);
    assert_eq!(c.upsert_publication(&p).unwrap(), Upsert::Unchanged);
    assert_eq!(
        c.version().unwrap(),
        v1,
        "an unchanged upsert bumped the version"
    );
    let stored = c.publication_as_written("p").unwrap();
    assert_eq!(stored.language, "en");
    assert_eq!(stored.title, "Gold in South Kivu");
    assert_eq!(stored.identifiers[0].value, "10.1/abc");
    assert_eq!(c.upsert_publication(&stored).unwrap(), Upsert::Unchanged);
    let record = c.publication("p").unwrap();
    assert_eq!(
        record.date.as_ref().unwrap().upper.to_string(),
        "2021-07-31"
    );
    assert_eq!(record.date.as_ref().unwrap().precision, "month");
    assert_eq!(
        record.contributors[0].affiliation.as_deref(),
        Some("IMPACT")
    );
    assert_eq!(record.series.as_ref().unwrap().number.as_deref(), Some("3"));
    let mut changed = stored.clone();
    changed.title = "Gold in South Kivu (revised)".into();
    assert_eq!(c.upsert_publication(&changed).unwrap(), Upsert::Updated);
    assert_eq!(c.version().unwrap(), v1 + 1);
    let changes = c.changes_since(v1).unwrap();
    assert_eq!(changes.changes.len(), 1);
    assert_eq!(changes.changes[0].uid, "p");
    assert_eq!(c.search(&Query::text("revised")).unwrap().total, 1);
}

#[test]
fn deletes_leave_no_orphans_and_the_index_stays_exact() {
    let dir = std::env::temp_dir();
    let c = catalog_with_basics();
    c.upsert_publication(&full_publication("p")).unwrap();
    let mut fr = full_publication("p-fr");
    fr.language = "fr".into();
    fr.work = Some("p".into());
    fr.identifiers.clear();
    c.upsert_publication(&fr).unwrap();
    c.upsert_publication(&Publication::new("q", "en", "Another", Kind::Map))
        .unwrap();
    c.add_relation(&Relation::new("q", RelationType::References, "p"))
        .unwrap();
    fts_ok(&c, &dir);
    // Renaming an agent and relabelling a concept re-index their publications.
    let mut ipis = Agent::new(
        "ipis",
        AgentKind::Organization,
        "International Peace Information Service",
    );
    ipis.acronym = Some("IPIS".into());
    c.upsert_agent(&ipis).unwrap();
    assert_eq!(
        c.search(&Query::text("\"peace information\""))
            .unwrap()
            .total,
        2
    );
    let mut sk = c.concept("south-kivu").unwrap();
    sk.labels.insert("sw".into(), "Kivu Kusini".into());
    c.upsert_concept(&sk).unwrap();
    assert_eq!(c.search(&Query::text("kusini")).unwrap().total, 2);
    fts_ok(&c, &dir);
    c.delete_publication("p").unwrap();
    assert_eq!(c.translations("p-fr").unwrap().len(), 1);
    assert!(c.related("q").unwrap().is_empty());
    c.delete_publication("p-fr").unwrap();
    c.delete_concept("south-kivu").unwrap();
    c.delete_project("madini").unwrap();
    fts_ok(&c, &dir);
    let path = dir.join(format!("orphans-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    c.backup(&path).unwrap();
    let conn = Connection::open(&path).unwrap();
    for (what, sql) in [
        ("works without publications", "SELECT count(*) FROM work w WHERE NOT EXISTS (SELECT 1 FROM publication p WHERE p.work_id = w.id)"),
        ("contributions", "SELECT count(*) FROM contribution"),
        ("links", "SELECT count(*) FROM publication_link"),
        ("identifiers", "SELECT count(*) FROM publication_identifier"),
        ("concept tags", "SELECT count(*) FROM publication_concept"),
        ("project links", "SELECT count(*) FROM project_publication"),
        ("relations", "SELECT count(*) FROM relation"),
        ("labels of deleted concepts", "SELECT count(*) FROM concept_label l WHERE NOT EXISTS (SELECT 1 FROM concept c WHERE c.id = l.concept_id)"),
        ("foreign-key violations", "SELECT count(*) FROM pragma_foreign_key_check"),
    ] {
        let n: i64 = conn.query_row(sql, [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0, "{what}");
    }
    drop(conn);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(c.stats().unwrap().works, 1);
}

#[test]
fn originals_translations_and_merges() {
    let c = catalog_with_basics();
    let mut en = Publication::new("en", "en", "Perceptions", Kind::Report);
    en.original = true;
    c.upsert_publication(&en).unwrap();
    let mut fr = Publication::new("fr", "fr", "Perceptions (fr)", Kind::Report);
    fr.original = true;
    c.upsert_publication(&fr).unwrap();
    c.link_translation("en", "fr").unwrap();
    let versions = c.translations("fr").unwrap();
    assert_eq!(versions.iter().filter(|v| v.original).count(), 1);
    assert_eq!(versions[0].uid, "en");
    // Marking the French version original moves the mark.
    let mut fr = c.publication_as_written("fr").unwrap();
    fr.original = true;
    c.upsert_publication(&fr).unwrap();
    let versions = c.translations("en").unwrap();
    assert_eq!(
        versions
            .iter()
            .filter(|v| v.original)
            .map(|v| v.uid.as_str())
            .collect::<Vec<_>>(),
        ["fr"]
    );
    // Linking twice is a no-op.
    c.link_translation("fr", "en").unwrap();
    assert_eq!(c.stats().unwrap().works, 1);
    // Merging agents moves contributions and redirects.
    let mut p = Publication::new("x", "en", "X", Kind::Briefing);
    p.contributors
        .push(Contributor::new("lonema", Role::Author));
    c.upsert_publication(&p).unwrap();
    c.upsert_agent(&Agent::new("jp", AgentKind::Person, "J.-P. Lonema"))
        .unwrap();
    c.merge_agents("lonema", "jp").unwrap();
    assert_eq!(c.publication("x").unwrap().contributors[0].agent, "jp");
    assert_eq!(c.agent("lonema").unwrap().agent.uid, "jp");
    assert_eq!(c.search(&Query::text("\"jean paul\"")).unwrap().total, 1);
    assert_eq!(
        c.merge_agents("lonema", "jp").unwrap_err().kind(),
        ErrorKind::Conflict
    );
    assert_eq!(
        c.merge_agents("jp", "jp").unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
}

#[test]
fn series_list_holds_every_series_with_its_publisher_sorted_by_uid() {
    let c = pubcat::Catalog::demo().unwrap();
    let listed: Vec<(String, String, Option<String>)> = c
        .series_list()
        .unwrap()
        .into_iter()
        .map(|s| (s.uid, s.name, s.publisher))
        .collect();
    // From examples/data/demo-catalog.json, by hand.
    assert_eq!(
        listed,
        [
            (
                "ipis-due-diligence".to_owned(),
                "IPIS Due Diligence series".to_owned(),
                Some("ipis".to_owned())
            ),
            (
                "mapping-conflict-motives".to_owned(),
                "Mapping Conflict Motives".to_owned(),
                Some("ipis".to_owned())
            ),
        ]
    );
    c.upsert_series(&Series::new("a-first", "A series without publisher"))
        .unwrap();
    // A series with publications cannot be deleted.
    assert_eq!(
        c.delete_series("ipis-due-diligence").unwrap_err().kind(),
        ErrorKind::Conflict
    );
    let uids: Vec<String> = c
        .series_list()
        .unwrap()
        .into_iter()
        .map(|s| s.uid)
        .collect();
    assert_eq!(
        uids,
        ["a-first", "ipis-due-diligence", "mapping-conflict-motives"]
    );
    c.delete_series("a-first").unwrap();
    assert_eq!(c.series_list().unwrap().len(), 2);
}
