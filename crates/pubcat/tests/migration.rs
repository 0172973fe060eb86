//! Files made by the released version 1 of pubcat (`tests/fixtures/v1/`: the demo catalogue,
//! a catalogue with every field set, a generated catalogue of 120 publications; each `.db`
//! was written by the v1 code from the `.json`/`.jsonl` beside it, or is the v1 conformance
//! demo file) open with the current code: they migrate once, in one transaction, to exactly
//! the schema of a fresh catalogue, and keep every record, field by field, and their change
//! log. A migration that cannot complete leaves the file at version 1. Files made by the
//! released versions 2 and 3 (`tests/fixtures/v2/`, `tests/fixtures/v3/`, each `.db` written
//! by that version's code from the document beside it) open the same way; version 2 files gain
//! a catalogue identity, version 3 files keep theirs. So do version 4's (`tests/fixtures/v4/`),
//! which gain the kept publication count of each agent, and version 5's (`tests/fixtures/v5/`),
//! whose full-text index is rebuilt without the labels of most automatic tags: a search finds
//! what it found before.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::TempDir;
use pubcat::formats::{CatalogDocument, Format};
use pubcat::{Catalog, ErrorKind, SCHEMA_VERSION};
use rusqlite::types::FromSql;
use rusqlite::Connection;

/// The folder of the files made by the released version `version`.
fn fixtures_of(version: i64) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/v{version}"))
}

/// The folder of the documents the files of the released version `version` were written
/// from: version 5's files were written from version 4's documents, which are not copied again
/// (version 6's are version 5's, migrated).
fn documents_of(version: i64) -> PathBuf {
    fixtures_of(if matches!(version, 5 | 6) { 4 } else { version })
}

/// Each file of the released version `version` with the document it holds, as a fresh
/// current catalogue imports it.
fn cases_of(version: i64) -> Vec<(&'static str, CatalogDocument)> {
    let imported = |file: &str, format: Format| {
        let c = Catalog::open_in_memory().unwrap();
        c.import_file(documents_of(version).join(file), format)
            .unwrap();
        c.export_document().unwrap()
    };
    vec![
        // The demo as version 1 shipped it (its own 17 concepts; the demo now loads the
        // shipped vocabularies).
        ("demo.db", imported("demo-catalog.json", Format::Json)),
        ("every-field.db", imported("every-field.json", Format::Json)),
        ("generated.db", imported("generated.jsonl", Format::Jsonl)),
    ]
}

/// What the code of version `version` found for the searches of its fixtures
/// (`tests/fixtures/v{version}/searches.json`).
fn recorded_searches(version: i64) -> serde_json::Value {
    let text = std::fs::read_to_string(fixtures_of(version).join("searches.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// A private copy of a fixture (the committed files are never opened read-write).
fn copy_of(dir: &TempDir, name: &str) -> PathBuf {
    copy_of_version(dir, 1, name)
}

fn copy_of_version(dir: &TempDir, version: i64, name: &str) -> PathBuf {
    let path = dir.path(name);
    std::fs::copy(fixtures_of(version).join(name), &path).unwrap();
    path
}

fn raw_version(path: &Path) -> i64 {
    let conn = Connection::open(path).unwrap();
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

/// The rows of `sql` (four columns) in the file at `path`.
fn rows_of<A: FromSql, B: FromSql, C: FromSql, D: FromSql>(
    path: &Path,
    sql: &str,
) -> Vec<(A, B, C, D)> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    rows
}

fn change_log(path: &Path) -> Vec<(String, String, String, i64)> {
    rows_of(
        path,
        "SELECT entity, uid, op, version FROM change_log ORDER BY entity, uid",
    )
}

#[test]
fn every_v1_file_migrates_once_to_the_fresh_schema_and_keeps_every_record() {
    migrates_once_and_keeps_every_record(1);
}

/// Files of the released version 2 (`tests/fixtures/v2/`: the demo, every field, the
/// generated catalogue, each written by the v2 code from the document beside it) migrate
/// to the current version the same way, and gain a catalogue identity.
#[test]
fn every_v2_file_migrates_once_to_the_fresh_schema_and_keeps_every_record() {
    migrates_once_and_keeps_every_record(2);
    let dir = TempDir::new("migrate-v2-uid");
    let (a, b) = (
        copy_of_version(&dir, 2, "demo.db"),
        dir.path("demo-copy.db"),
    );
    std::fs::copy(&a, &b).unwrap();
    let uid = |path: &Path| Catalog::open(path).unwrap().catalog_uid().unwrap();
    let (ua, ub) = (uid(&a), uid(&b));
    assert_eq!(ua.len(), 32);
    assert_ne!(ua, ub, "each migrated file gets its own identity");
    assert_eq!(uid(&a), ua, "the identity is kept");
}

/// Files of the released version 3 (`tests/fixtures/v3/`: the demo, every field, the
/// generated catalogue, each written by the v3 code from the document beside it) migrate to
/// the current version the same way (version 4 rebuilds `contribution` with its UNIQUE
/// constraint reordered): every contribution is kept, in order, and the catalogue keeps its
/// identity.
#[test]
fn every_v3_file_migrates_once_to_the_fresh_schema_and_keeps_every_record() {
    migrates_once_and_keeps_every_record(3);
    let dir = TempDir::new("migrate-v3-uid");
    let path = copy_of_version(&dir, 3, "generated.db");
    let contributions = |path: &Path| -> Vec<(i64, i64, i64, String, Option<String>)> {
        let conn = Connection::open(path).unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT publication_id, position, agent_id, role, affiliation FROM contribution \
                 ORDER BY publication_id, position",
            )
            .unwrap();
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        rows
    };
    let before = contributions(&path);
    assert!(before.len() > 100, "{}", before.len());
    let uid: String = Connection::open(&path)
        .unwrap()
        .query_row("SELECT uid FROM catalog_identity", [], |r| r.get(0))
        .unwrap();
    let catalog = Catalog::open(&path).unwrap();
    assert_eq!(catalog.catalog_uid().unwrap(), uid, "the identity is kept");
    catalog.close().unwrap();
    assert_eq!(contributions(&path), before, "contributions changed");
}

/// Files of the released version 4 (`tests/fixtures/v4/`, written by the v4 code from the
/// document beside each) migrate the same way; version 5 adds `agent_publication_count`, filled
/// from the contributions: every agent's count equals its distinct publications.
#[test]
fn every_v4_file_migrates_once_to_the_fresh_schema_and_counts_each_agents_publications() {
    migrates_once_and_keeps_every_record(4);
    let dir = TempDir::new("migrate-v4-counts");
    let path = copy_of_version(&dir, 4, "generated.db");
    Catalog::open(&path).unwrap().close().unwrap();
    let conn = Connection::open(&path).unwrap();
    let pairs = |sql: &str| -> Vec<(i64, i64)> {
        let mut stmt = conn.prepare(sql).unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        rows
    };
    let kept = pairs("SELECT agent_id, publications FROM agent_publication_count ORDER BY 1");
    let counted = pairs(
        "SELECT agent_id, count(DISTINCT publication_id) FROM contribution GROUP BY 1 ORDER BY 1",
    );
    assert!(kept.len() > 20, "{}", kept.len());
    assert_eq!(kept, counted);
}

/// Files of the released version 5 (`tests/fixtures/v5/`) migrate the same way; version 6
/// takes the labels of automatic tags out of the full-text index, except for tags found through
/// an ambiguous label, and rebuilds the index.
#[test]
fn every_v5_file_migrates_once_to_the_fresh_schema() {
    migrates_once_and_keeps_every_record(5);
}

/// The tagged version 5 files (`tagged.db`: the demo and `ambiguous.json` tagged with the
/// shipped vocabularies; `generated-tagged.db`: 120 generated publications tagged) keep their
/// tags through the migration and pass `check` (the rebuilt index agrees with the new view).
/// Every concept label searched alone is compared with what the version 5 code found
/// (`searches.json`, recorded with it): it finds nothing new, it still finds every publication
/// tagged with a concept the label names (the French report tagged *gold* through the
/// ambiguous label `Or` included: a search for `Gold` finds it through its indexed labels, not
/// its text), and the only hits it no longer finds are publications not tagged with such a
/// concept, which version 5 found through a word of another concept's labels (`Coltan` found a
/// report tagged *3T* through the 3T's label "3T (tin, tantalum, tungsten)").
#[test]
fn tagged_v5_files_find_what_they_found_before_the_migration() {
    let recorded = recorded_searches(5);
    let dir = TempDir::new("migrate-v5-tagged");
    for name in ["tagged.db", "generated-tagged.db"] {
        let path = copy_of_version(&dir, 5, name);
        let tags = |path: &Path| -> Vec<(i64, i64, String, Option<String>)> {
            rows_of(
                path,
                "SELECT publication_id, concept_id, source, matched_label \
                 FROM publication_concept ORDER BY 1, 2",
            )
        };
        let before = tags(&path);
        assert!(
            before.iter().filter(|t| t.2 == "automatic").count() > 10,
            "{name} has automatic tags"
        );
        Catalog::open(&path).unwrap().close().unwrap();
        assert_eq!(raw_version(&path), SCHEMA_VERSION, "{name}");
        assert_eq!(tags(&path), before, "{name}: tags changed");
        let report = Catalog::check_file(&path, true).unwrap();
        assert!(report.ok(), "{name}: {report:?}");
        let catalog = Catalog::open_read_only(&path).unwrap();
        let conn = Connection::open(&path).unwrap();
        let mut tagged_with_named = conn
            .prepare(
                "SELECT DISTINCT p.uid FROM publication p \
                   JOIN publication_concept pc ON pc.publication_id = p.id \
                  WHERE pc.concept_id IN (SELECT concept_id FROM concept_label WHERE label = ?1)",
            )
            .unwrap();
        let searches = recorded[name].as_object().unwrap();
        assert!(searches.len() > 500, "{name}: {} searches", searches.len());
        let (mut lost, mut same) = (0, 0);
        for (query, before) in searches {
            let page = catalog
                .search(&pubcat::query::Query {
                    text: Some(query.clone()),
                    limit: Some(1000),
                    ..Default::default()
                })
                .unwrap();
            let found: BTreeSet<String> = page.hits.into_iter().map(|h| h.uid).collect();
            let before: BTreeSet<String> = before
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u.as_str().unwrap().to_owned())
                .collect();
            let tagged: BTreeSet<String> = tagged_with_named
                .query_map([query], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert!(
                found.is_subset(&before),
                "{name}: {query:?} finds {:?}, not found before",
                found.difference(&before).collect::<Vec<_>>()
            );
            assert!(
                tagged.is_subset(&found),
                "{name}: {query:?} no longer finds {:?}, tagged with the concept",
                tagged.difference(&found).collect::<Vec<_>>()
            );
            if found == before {
                same += 1;
            } else {
                lost += 1;
            }
        }
        // Most labels find exactly what they found; the test shows how many do not.
        eprintln!("{name}: {same} searches find the same, {lost} find fewer");
        assert!(same > 10 * lost, "{name}: {same} same, {lost} fewer");
        if name == "tagged.db" {
            assert!(searches["Gold"]
                .as_array()
                .unwrap()
                .iter()
                .any(|u| u == "fixture-or-fr"));
        }
    }
}

/// Files of the released version 6 (`tests/fixtures/v6/`: version 5's files as the version 6
/// code, commit 11f59cb, migrated them) migrate the same way; version 7 adds the concept tokens
/// to the full-text index, computed for every publication during the migration.
#[test]
fn every_v6_file_migrates_once_to_the_fresh_schema() {
    migrates_once_and_keeps_every_record(6);
}

/// Concept tokens change how a search matches a concept's labels, not what it finds: every
/// search recorded with the version 6 code (`searches.json`: each concept label of the three
/// files as typed, lower-cased, quoted, excluded, OR-ed, AND-ed and excluded with another label,
/// and each word of each title) finds exactly the same publications after the migration to
/// version 7. The tagged files get tokens (the test would pass vacuously without them).
#[test]
fn v6_files_find_exactly_what_they_found_before_the_migration() {
    let recorded = recorded_searches(6);
    let dir = TempDir::new("migrate-v6-searches");
    for (name, file) in recorded.as_object().unwrap() {
        let path = copy_of_version(&dir, 6, name);
        Catalog::open(&path).unwrap().close().unwrap();
        assert_eq!(raw_version(&path), SCHEMA_VERSION, "{name}");
        let report = Catalog::check_file(&path, true).unwrap();
        assert!(report.ok(), "{name}: {report:?}");
        let (with_tokens, publications): (i64, i64) = Connection::open(&path)
            .unwrap()
            .query_row(
                "SELECT (SELECT count(*) FROM publication_concept_token), \
                        (SELECT count(*) FROM publication)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert!(
            with_tokens * 2 > publications,
            "{name}: {with_tokens} of {publications} publications with tokens"
        );
        let uids: Vec<String> = file["uids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u.as_str().unwrap().to_owned())
            .collect();
        let catalog = Catalog::open_read_only(&path).unwrap();
        let searches = file["searches"].as_object().unwrap();
        assert!(searches.len() > 900, "{name}: {} searches", searches.len());
        for (query, before) in searches {
            let before: BTreeSet<&str> = before
                .as_array()
                .unwrap()
                .iter()
                .map(|i| uids[usize::try_from(i.as_u64().unwrap()).unwrap()].as_str())
                .collect();
            let page = catalog
                .search(&pubcat::query::Query {
                    text: Some(query.clone()),
                    limit: Some(1000),
                    ..Default::default()
                })
                .unwrap();
            let found: BTreeSet<&str> = page.hits.iter().map(|h| h.uid.as_str()).collect();
            assert_eq!(found, before, "{name}: {query:?}");
        }
    }
}

fn migrates_once_and_keeps_every_record(version: i64) {
    let fresh = pubcat::test_hooks::expected_fingerprint().unwrap();
    for (name, expected) in cases_of(version) {
        let dir = TempDir::new(&format!("migrate-v{version}"));
        let path = copy_of_version(&dir, version, name);
        assert_eq!(raw_version(&path), version, "{name} is a v{version} file");
        let log_before = change_log(&path);
        let catalog = Catalog::open(&path).unwrap();
        let version = catalog.version().unwrap();
        assert_eq!(
            catalog.export_document().unwrap(),
            expected,
            "{name}: records changed"
        );
        catalog.close().unwrap();
        assert_eq!(raw_version(&path), SCHEMA_VERSION, "{name}");
        let conn = Connection::open(&path).unwrap();
        assert_eq!(
            pubcat::test_hooks::schema_fingerprint(&conn).unwrap(),
            fresh,
            "{name}: the migrated schema differs from a fresh one"
        );
        drop(conn);
        assert_eq!(change_log(&path), log_before, "{name}: change log changed");
        let report = Catalog::check_file(&path, true).unwrap();
        assert!(report.ok(), "{name}: {report:?}");
        // Once migrated, it opens as current (read-only too) and stays the same.
        let again = Catalog::open_read_only(&path).unwrap();
        assert_eq!(again.version().unwrap(), version, "{name}");
        assert_eq!(again.export_document().unwrap(), expected, "{name}");
        // Searches work on the migrated file (the full-text index kept its row ids).
        let total = again
            .search(&pubcat::query::Query::default())
            .unwrap()
            .total;
        assert!(total > 0, "{name}");
        for p in expected.publications.iter().take(20) {
            let hits = again
                .search(&pubcat::query::Query {
                    text: Some(format!("\"{}\"", p.title.replace('"', ""))),
                    limit: Some(1000),
                    ..Default::default()
                })
                .unwrap();
            assert!(
                hits.hits.iter().any(|h| h.uid == p.uid),
                "{name}: {} not found by its title after the migration",
                p.uid
            );
        }
    }
}

#[test]
fn a_v1_file_opened_read_only_is_refused_untouched() {
    let dir = TempDir::new("migrate-ro");
    let path = copy_of(&dir, "demo.db");
    let before = std::fs::read(&path).unwrap();
    let err = Catalog::open_read_only(&path).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Corrupt);
    assert!(err.to_string().contains("read-write"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_migration_that_cannot_complete_leaves_the_file_at_version_1() {
    let dir = TempDir::new("migrate-fail");
    let path = copy_of(&dir, "every-field.db");
    // A contribution that names a publication id no row has: the v1 file let it in with
    // foreign keys off; the migration's foreign-key check refuses to commit.
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO contribution (publication_id, agent_id, role, position)
                 SELECT 999999, id, 'author', 0 FROM agent LIMIT 1;",
        )
        .unwrap();
    }
    let err = Catalog::open(&path).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Corrupt, "{err}");
    assert_eq!(raw_version(&path), 1);
    let conn = Connection::open(&path).unwrap();
    let first_column: String = conn
        .query_row(
            "SELECT name FROM pragma_table_info('publication') WHERE cid = 5",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        first_column, "title",
        "the v1 table is still there, unchanged"
    );
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name LIKE '%_v1'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 0, "nothing of the migration was left behind");
}
