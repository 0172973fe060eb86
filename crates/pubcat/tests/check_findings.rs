//! `health::check_file` finds each kind of damage it claims to find, and reports every check
//! even when one fails: full-text index drift (the `fts` check), a dangling reference (the
//! `foreign_keys` check), a destroyed b-tree page (the `sqlite` check). Each damage is made
//! on a copy of the demo catalogue with a raw SQLite connection, as a bug or another tool
//! could; the other checks must still pass, so a finding is attributed to the right check.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::hostile::demo_file;
use common::TempDir;
use pubcat::{Catalog, CheckReport};
use rusqlite::Connection;

const CHECKS: [&str; 5] = ["sqlite", "fts", "foreign_keys", "agent_counts", "schema"];

/// The names of the failed checks, after asserting that every check was reported, in order.
fn failed(report: &CheckReport) -> Vec<&str> {
    let names: Vec<&str> = report.checks.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, CHECKS, "every check is reported, in order");
    for check in &report.checks {
        assert_eq!(check.ok, check.details.is_empty(), "{check:?}");
    }
    report
        .checks
        .iter()
        .filter(|c| !c.ok)
        .map(|c| c.name.as_str())
        .collect()
}

/// The title changes in the content table; the index still holds the old words.
const INDEX_DRIFT: &str = "UPDATE publication SET title = 'Entirely different words'
    WHERE uid = 'ipis-mapping-conflict-motives-m23-2012';";

/// A project partner that names an agent id no row has (project partners are not part of the
/// full-text index, so only the reference is wrong).
const DANGLING_REFERENCE: &str = "UPDATE project_agent SET agent_id = 999999
    WHERE project_id = (SELECT min(project_id) FROM project_agent)
      AND agent_id = (SELECT min(agent_id) FROM project_agent
                       WHERE project_id = (SELECT min(project_id) FROM project_agent));";

/// What another tool's writes leave behind: one agent's kept count one too high, another
/// agent's count missing.
const AGENT_COUNTS_OFF: &str = "UPDATE agent_publication_count SET publications = publications + 1
    WHERE agent_id = (SELECT min(agent_id) FROM agent_publication_count);
  DELETE FROM agent_publication_count
    WHERE agent_id = (SELECT max(agent_id) FROM agent_publication_count);";

/// A demo catalogue changed by `sql` on a raw connection (foreign keys off, as a careless
/// tool would leave them).
fn damaged(dir: &TempDir, sql: &str) -> std::path::PathBuf {
    let path = dir.path("c.db");
    demo_file(&path);
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF;").unwrap();
    conn.execute_batch(sql).unwrap();
    conn.close().unwrap();
    path
}

fn check(path: &Path) -> (CheckReport, CheckReport) {
    (
        Catalog::check_file(path, false).unwrap(),
        Catalog::check_file(path, true).unwrap(),
    )
}

#[test]
fn a_good_catalogue_passes_every_check() {
    let dir = TempDir::new("check-good");
    let path = dir.path("c.db");
    demo_file(&path);
    let (quick, full) = check(&path);
    assert!(failed(&quick).is_empty(), "{quick:?}");
    assert!(failed(&full).is_empty(), "{full:?}");
    assert!(quick.ok() && full.ok());
}

#[test]
fn full_text_index_drift_fails_the_fts_check_only() {
    let dir = TempDir::new("check-fts");
    let path = damaged(&dir, INDEX_DRIFT);
    let (quick, full) = check(&path);
    assert_eq!(failed(&quick), ["fts"], "{quick:?}");
    assert_eq!(failed(&full), ["fts"], "{full:?}");
    assert!(!quick.ok());
}

#[test]
fn a_dangling_reference_fails_the_foreign_key_check_only() {
    let dir = TempDir::new("check-fk");
    let path = damaged(&dir, DANGLING_REFERENCE);
    let (quick, full) = check(&path);
    assert_eq!(failed(&quick), ["foreign_keys"], "{quick:?}");
    assert_eq!(failed(&full), ["foreign_keys"], "{full:?}");
    let fk = &quick.checks[2];
    assert!(
        fk.details.iter().any(|d| d.contains("project_agent")),
        "the finding names the table: {fk:?}"
    );
}

#[test]
fn kept_agent_counts_that_differ_from_the_contributions_fail_the_agent_count_check_only() {
    let dir = TempDir::new("check-agent-counts");
    let path = damaged(&dir, AGENT_COUNTS_OFF);
    let (quick, full) = check(&path);
    assert_eq!(failed(&quick), ["agent_counts"], "{quick:?}");
    assert_eq!(failed(&full), ["agent_counts"], "{full:?}");
    let counts = &quick.checks[3];
    assert_eq!(counts.details.len(), 2, "{counts:?}");
    assert!(
        counts.details[1].contains(": kept 0, counted "),
        "{counts:?}"
    );
}

/// The page numbers of every b-tree page of `table`, read with SQLite's `dbstat`.
fn pages_of(path: &Path, table: &str) -> Vec<i64> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT pageno FROM dbstat WHERE name = ?1 ORDER BY pageno")
        .unwrap();
    let pages = stmt
        .query_map([table], |row| row.get::<_, i64>(0))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert!(!pages.is_empty(), "{table} has pages");
    pages
}

#[test]
fn a_destroyed_page_fails_the_sqlite_check_and_every_check_is_still_reported() {
    let dir = TempDir::new("check-page");
    let path = dir.path("c.db");
    demo_file(&path);
    let page_size = 4096;
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(
        u16::from_be_bytes([bytes[16], bytes[17]]) as usize,
        page_size
    );
    for table in ["publication_by_title", "contribution", "agent"] {
        for page in pages_of(&path, table) {
            for fill in [0u8, 0xA5] {
                let mut damaged = bytes.clone();
                let start = (page as usize - 1) * page_size;
                damaged[start..start + page_size].fill(fill);
                let copy = dir.path("damaged.db");
                std::fs::write(&copy, &damaged).unwrap();
                let what = format!("{table} page {page} filled with {fill:#x}");
                // A damaged file may be refused outright (typed), or checked: then the
                // `sqlite` check must fail, and all four checks are reported.
                for full in [false, true] {
                    match Catalog::check_file(&copy, full) {
                        Ok(report) => assert!(
                            failed(&report).contains(&"sqlite"),
                            "{what}: the sqlite check passed: {report:?}"
                        ),
                        Err(e) => assert!(
                            matches!(
                                e.kind(),
                                pubcat::ErrorKind::Corrupt | pubcat::ErrorKind::NotACatalog
                            ),
                            "{what}: {e} [{}]",
                            e.kind()
                        ),
                    }
                }
            }
        }
    }
}

/// The uids a search for `text` finds (first 100).
fn found(catalog: &Catalog, text: &str) -> Vec<String> {
    let query = pubcat::query::Query {
        limit: Some(100),
        ..pubcat::query::Query::text(text)
    };
    let mut uids: Vec<String> = catalog
        .search(&query)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.uid)
        .collect();
    uids.sort();
    uids
}

#[test]
fn repair_rebuilds_the_index_and_recounts_the_agents() {
    let dir = TempDir::new("repair");
    // Both kinds of damage pubcat can rebuild: a title changed behind the index's back, one
    // agent's kept count too high and another's missing.
    let path = damaged(&dir, &format!("{INDEX_DRIFT}\n{AGENT_COUNTS_OFF}"));
    let (quick, _) = check(&path);
    assert_eq!(failed(&quick), ["fts", "agent_counts"], "{quick:?}");
    let catalog = Catalog::open(&path).unwrap();
    assert!(found(&catalog, "Entirely").is_empty(), "the index is stale");
    let version = catalog.version().unwrap();
    let publications = catalog.stats().unwrap().publications;
    let summary = catalog.repair().unwrap();
    assert_eq!(summary.agent_counts_fixed, 2);
    assert_eq!(summary.publications_indexed, publications);
    assert_eq!(
        found(&catalog, "Entirely"),
        ["ipis-mapping-conflict-motives-m23-2012"]
    );
    // A new version (caches read afresh), and nothing for sync: no entity changed.
    assert_eq!(catalog.version().unwrap(), version + 1);
    assert!(catalog.changes_since(version).unwrap().changes.is_empty());
    catalog.close().unwrap();
    let (quick, full) = check(&path);
    assert!(failed(&quick).is_empty(), "{quick:?}");
    assert!(failed(&full).is_empty(), "{full:?}");
}

#[test]
fn repair_of_a_sound_catalogue_changes_no_answer() {
    let dir = TempDir::new("repair-sound");
    let path = dir.path("c.db");
    demo_file(&path);
    let catalog = Catalog::open(&path).unwrap();
    let answers = |catalog: &Catalog| -> Vec<Vec<String>> {
        ["Kivu", "gold", "M23", "or"]
            .iter()
            .map(|w| found(catalog, w))
            .collect()
    };
    let before = answers(&catalog);
    assert!(before.iter().all(|uids| !uids.is_empty()));
    let summary = catalog.repair().unwrap();
    assert_eq!(summary.agent_counts_fixed, 0);
    assert_eq!(answers(&catalog), before);
    catalog.close().unwrap();
    assert!(failed(&check(&path).0).is_empty());
}

#[test]
fn repair_leaves_what_it_cannot_rebuild_reported() {
    let dir = TempDir::new("repair-fk");
    let path = damaged(&dir, DANGLING_REFERENCE);
    let catalog = Catalog::open(&path).unwrap();
    catalog.repair().unwrap();
    catalog.close().unwrap();
    let (quick, _) = check(&path);
    assert_eq!(failed(&quick), ["foreign_keys"], "{quick:?}");
}
