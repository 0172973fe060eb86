//! Opening files: new, existing, newer, foreign, not SQLite; migrations; read-only mode.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::type_complexity)]

mod common;

use common::{snapshot, TempDir};
use pubcat::{Catalog, ErrorKind, APPLICATION_ID, SCHEMA_VERSION};
use rusqlite::Connection;

#[test]
fn a_new_file_becomes_a_catalogue_in_wal_mode_with_ids_and_version() {
    let dir = TempDir::new("new");
    let path = dir.path("c.db");
    let catalog = Catalog::open(&path).unwrap();
    catalog.close().unwrap();
    let conn = Connection::open(&path).unwrap();
    let app: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        (app, version, mode.as_str()),
        (APPLICATION_ID, SCHEMA_VERSION, "wal")
    );
    // Reopening an existing catalogue works and keeps data.
    let catalog = pubcat::Catalog::create_demo(dir.path("d.db")).unwrap();
    catalog.close().unwrap();
    assert_eq!(
        Catalog::open(dir.path("d.db"))
            .unwrap()
            .stats()
            .unwrap()
            .publications,
        7
    );
}

#[test]
fn a_newer_catalogue_is_refused_with_both_versions_and_left_untouched() {
    let dir = TempDir::new("newer");
    let path = dir.path("newer.db");
    pubcat::Catalog::create_demo(&path)
        .unwrap()
        .close()
        .unwrap();
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 42).unwrap();
    }
    let before = snapshot(&path);
    for result in [Catalog::open(&path), Catalog::open_read_only(&path)] {
        let err = result.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TooNew);
        let message = err.to_string();
        assert!(
            message.contains("42") && message.contains(&SCHEMA_VERSION.to_string()),
            "{message}"
        );
    }
    assert_eq!(snapshot(&path), before, "the newer file was modified");
}

#[test]
fn foreign_and_non_sqlite_files_are_refused_and_left_untouched() {
    let dir = TempDir::new("foreign");
    let foreign = dir.path("foreign.db");
    {
        let conn = Connection::open(&foreign).unwrap();
        conn.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('x');").unwrap();
    }
    let text = dir.path("notes.txt");
    std::fs::write(
        &text,
        "just some text that is long enough to have a header\n",
    )
    .unwrap();
    let tiny = dir.path("tiny.db");
    std::fs::write(&tiny, "SQLite").unwrap();
    let random = dir.path("random.db");
    std::fs::write(
        &random,
        (0..8192u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    for path in [&foreign, &text, &tiny, &random] {
        let before = snapshot(path);
        for result in [Catalog::open(path), Catalog::open_read_only(path)] {
            assert_eq!(
                result.unwrap_err().kind(),
                ErrorKind::NotACatalog,
                "{}",
                path.display()
            );
        }
        assert_eq!(snapshot(path), before, "{} was modified", path.display());
    }
    // An empty file is refused read-only (nothing to read) but becomes a catalogue read-write.
    let empty = dir.path("empty.db");
    std::fs::write(&empty, "").unwrap();
    assert_eq!(
        Catalog::open_read_only(&empty).unwrap_err().kind(),
        ErrorKind::NotACatalog
    );
    assert_eq!(std::fs::read(&empty).unwrap().len(), 0);
    Catalog::open(&empty).unwrap();
}

#[test]
fn read_only_mode_refuses_altered_schemas_and_writes() {
    let dir = TempDir::new("ro");
    let path = dir.path("c.db");
    pubcat::Catalog::create_demo(&path)
        .unwrap()
        .close()
        .unwrap();
    let ro = Catalog::open_read_only(&path).unwrap();
    assert!(ro.is_read_only());
    assert_eq!(
        ro.search(&pubcat::query::Query::text("cobalt"))
            .unwrap()
            .total,
        1
    );
    let err = ro
        .delete_publication("ipis-mapping-conflict-motives-m23-2012")
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    ro.close().unwrap();
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE VIEW sneaky AS SELECT * FROM publication;")
            .unwrap();
    }
    let before = snapshot(&path);
    assert_eq!(
        Catalog::open_read_only(&path).unwrap_err().kind(),
        ErrorKind::Corrupt
    );
    assert_eq!(snapshot(&path), before);
}

#[test]
fn migration_harness_upgrades_each_old_fixture_to_the_fresh_schema() {
    // Each fixture is the schema of one old version, as text. Version 1 is the first version,
    // so today the harness checks that a version-1 file opens as current and matches a fresh
    // catalogue exactly; a new version adds its fixture and migration and this test covers it.
    let fixtures_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut fixtures: Vec<_> = std::fs::read_dir(&fixtures_dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("schema-v"))
        })
        .collect();
    fixtures.sort();
    assert!(!fixtures.is_empty());
    let fresh = pubcat::test_hooks::expected_fingerprint().unwrap();
    for fixture in fixtures {
        let name = fixture.file_stem().unwrap().to_string_lossy().into_owned();
        let version: i64 = name.trim_start_matches("schema-v").parse().unwrap();
        assert!(version <= SCHEMA_VERSION);
        let dir = TempDir::new("migrate");
        let path = dir.path("old.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(&std::fs::read_to_string(&fixture).unwrap())
                .unwrap();
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .unwrap();
            conn.pragma_update(None, "user_version", version).unwrap();
        }
        let catalog = Catalog::open(&path).unwrap();
        catalog.close().unwrap();
        let conn = Connection::open(&path).unwrap();
        assert_eq!(
            pubcat::test_hooks::schema_fingerprint(&conn).unwrap(),
            fresh,
            "{name} did not migrate to the current schema"
        );
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
    }
}

#[test]
fn the_embedded_schema_is_the_top_level_schema_sql() {
    // The crate embeds its own copy (crates/pubcat/schema.sql, so that it can be packaged);
    // the top-level schema.sql is a symbolic link to that file, not a second copy.
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let in_crate = manifest.join("schema.sql");
    let top_level = manifest.join("../../schema.sql");
    assert_eq!(
        std::fs::read_to_string(&in_crate).unwrap(),
        pubcat::test_hooks::SCHEMA_SQL
    );
    assert!(
        std::fs::symlink_metadata(&top_level)
            .unwrap()
            .file_type()
            .is_symlink(),
        "{} should be a symbolic link to crates/pubcat/schema.sql",
        top_level.display()
    );
    assert_eq!(
        std::fs::canonicalize(&top_level).unwrap(),
        std::fs::canonicalize(&in_crate).unwrap()
    );
}

#[test]
fn closed_catalogues_fail_with_a_typed_error() {
    let catalog = Catalog::open_in_memory().unwrap();
    catalog.close().unwrap();
    catalog.close().unwrap();
    assert!(catalog.is_closed());
    assert_eq!(catalog.stats().unwrap_err().kind(), ErrorKind::Closed);
}

#[test]
fn backup_writes_a_consistent_copy() {
    let dir = TempDir::new("backup");
    let catalog = pubcat::Catalog::demo().unwrap();
    catalog.backup(dir.path("copy.db")).unwrap();
    assert_eq!(
        catalog.backup(dir.path("copy.db")).unwrap_err().kind(),
        ErrorKind::Conflict
    );
    let copy = Catalog::open_read_only(dir.path("copy.db")).unwrap();
    assert_eq!(copy.stats().unwrap().works, 6);
    assert!(pubcat::Catalog::check_file(dir.path("copy.db"), true)
        .unwrap()
        .ok());
}

#[test]
fn a_catalogue_open_elsewhere_can_be_opened_read_only_and_checked() {
    // While a catalogue is open, what it wrote may be in its -wal file only: the main file's
    // header can still be blank (a new catalogue) or stale. Found by the resource tests:
    // check_file and open_read_only refused such a file as `not_a_catalog`.
    let dir = TempDir::new("live");
    let path = dir.path("c.db");
    let writer = pubcat::Catalog::create_demo(&path).unwrap();
    assert!(
        std::fs::metadata(format!("{}-wal", path.display()))
            .unwrap()
            .len()
            > 0
    );
    assert!(pubcat::Catalog::check_file(&path, false).unwrap().ok());
    let reader = Catalog::open_read_only(&path).unwrap();
    assert_eq!(reader.stats().unwrap().publications, 7);
    let second = Catalog::open(&path).unwrap();
    assert_eq!(second.stats().unwrap().publications, 7);
    drop((reader, second));
    writer.close().unwrap();
}
