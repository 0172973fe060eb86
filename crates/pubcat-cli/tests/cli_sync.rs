//! End-to-end tests of `pubcat sync export|apply|status` (issue 16, item 2): a replica made from
//! delta files exports exactly what the source exports; every refusal has its exit status and
//! error kind, and leaves the replica as it was.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::{Out, TempDir};

/// `pubcat --db DIR/DB ARGS` in `dir`.
fn pubcat(dir: &TempDir, db: &str, args: &[&str]) -> Out {
    let output = Command::new(env!("CARGO_BIN_EXE_pubcat"))
        .arg("--db")
        .arg(dir.path(db))
        .args(args)
        .current_dir(&dir.0)
        .env_remove("PUBCAT_DB")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Out {
        args: args.iter().map(|a| a.to_string()).collect(),
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn export_native(dir: &TempDir, db: &str) -> String {
    pubcat(dir, db, &["export", "--format", "json"]).ok().stdout
}

fn version(dir: &TempDir, db: &str) -> i64 {
    pubcat(dir, db, &["sync", "status", "--json"]).ok().json()["version"]
        .as_i64()
        .unwrap()
}

fn setup() -> TempDir {
    let dir = TempDir::new("sync");
    pubcat(&dir, "source.db", &["demo"]).ok();
    dir
}

#[test]
fn export_then_apply_makes_an_identical_replica_and_a_second_apply_changes_nothing() {
    let dir = setup();
    let written = pubcat(
        &dir,
        "source.db",
        &[
            "sync",
            "export",
            "--since",
            "0",
            "--out",
            "all.delta",
            "--json",
        ],
    )
    .ok()
    .json();
    assert_eq!(written["from"], 0);
    assert!(written["records"].as_i64().unwrap() > 7);
    assert!(Path::new(&dir.path("all.delta")).exists());
    let applied = pubcat(
        &dir,
        "replica.db",
        &["sync", "apply", "all.delta", "--json"],
    )
    .ok()
    .json();
    assert_eq!(applied["already_applied"], false);
    assert_eq!(applied["source_version"], written["to"]);
    assert_eq!(
        export_native(&dir, "source.db"),
        export_native(&dir, "replica.db")
    );
    let again = pubcat(&dir, "replica.db", &["sync", "apply", "all.delta"]).ok();
    assert!(again.stdout.starts_with("already applied"), "{again:?}");
    let status = pubcat(&dir, "replica.db", &["sync", "status", "--json"])
        .ok()
        .json();
    assert_eq!(status["replica_of"]["source_version"], written["to"]);
    assert_eq!(status["replica_of"]["source"], written["source"]);
    // To standard output: the file itself (and no summary mixed into it).
    let stdout = pubcat(&dir, "source.db", &["sync", "export", "--out", "-"]).ok();
    assert_eq!(
        stdout.stdout.as_bytes(),
        std::fs::read(dir.path("all.delta")).unwrap()
    );
    let out = pubcat(
        &dir,
        "source.db",
        &["sync", "export", "--out", "-", "--json"],
    )
    .fails(4);
    assert_eq!(out.kind(), "invalid_input");
    // The human form says what happened.
    let text = pubcat(
        &dir,
        "source.db",
        &["sync", "export", "--out", "again.delta"],
    )
    .ok();
    assert!(text.stdout.starts_with("wrote again.delta: "), "{text:?}");
}

#[test]
fn refusals_have_their_exit_status_and_leave_the_replica_as_it_was() {
    let dir = setup();
    pubcat(&dir, "source.db", &["sync", "export", "--out", "all.delta"]).ok();
    pubcat(&dir, "replica.db", &["sync", "apply", "all.delta"]).ok();
    let v = version(&dir, "source.db").to_string();
    // Two more changes on the source, one delta each.
    pubcat(
        &dir,
        "source.db",
        &[
            "set",
            "madini-enabling-environment-review",
            "title",
            "Madini, updated",
        ],
    )
    .ok();
    let v2 = version(&dir, "source.db").to_string();
    pubcat(
        &dir,
        "source.db",
        &["sync", "export", "--since", &v, "--out", "d1.delta"],
    )
    .ok();
    pubcat(
        &dir,
        "source.db",
        &["set", "madini-enabling-environment-review", "pages", "48"],
    )
    .ok();
    pubcat(
        &dir,
        "source.db",
        &["sync", "export", "--since", &v2, "--out", "d2.delta"],
    )
    .ok();
    let before = export_native(&dir, "replica.db");

    // A gap: d2 before d1.
    let out = pubcat(&dir, "replica.db", &["sync", "apply", "d2.delta"]).fails(7);
    assert_eq!(out.kind(), "sync_gap");
    // Altered and truncated files.
    let good = std::fs::read(dir.path("d1.delta")).unwrap();
    let mut altered = good.clone();
    altered[good.len() / 2] ^= 1;
    std::fs::write(dir.path("altered.delta"), &altered).unwrap();
    std::fs::write(dir.path("cut.delta"), &good[..good.len() - 5]).unwrap();
    for bad in ["altered.delta", "cut.delta"] {
        let out = pubcat(&dir, "replica.db", &["sync", "apply", bad]).fails(4);
        assert_eq!(out.kind(), "invalid_delta");
    }
    // Another catalogue's file.
    pubcat(&dir, "other.db", &["demo"]).ok();
    pubcat(
        &dir,
        "other.db",
        &["sync", "export", "--out", "other.delta"],
    )
    .ok();
    let out = pubcat(&dir, "replica.db", &["sync", "apply", "other.delta"]).fails(8);
    assert_eq!(out.kind(), "wrong_source");
    // A local edit of a record the file changes too: refused by default, listed.
    pubcat(
        &dir,
        "replica.db",
        &[
            "set",
            "madini-enabling-environment-review",
            "title",
            "Local title",
        ],
    )
    .ok();
    let local = export_native(&dir, "replica.db");
    assert_ne!(local, before);
    let out = pubcat(&dir, "replica.db", &["sync", "apply", "d1.delta"]).fails(6);
    assert_eq!(out.kind(), "conflict");
    assert!(
        out.stderr
            .contains("conflict: publication madini-enabling-environment-review"),
        "{out:?}"
    );
    assert_eq!(export_native(&dir, "replica.db"), local, "nothing applied");
    // A missing catalogue is not created by a refused file.
    let out = pubcat(&dir, "new.db", &["sync", "apply", "d2.delta"]).fails(7);
    assert_eq!(out.kind(), "sync_gap");
    assert!(!dir.path("new.db").exists());
    // The caller chooses: the source wins.
    let applied = pubcat(
        &dir,
        "replica.db",
        &[
            "sync",
            "apply",
            "d1.delta",
            "--on-conflict",
            "take-source",
            "--json",
        ],
    )
    .ok()
    .json();
    assert_eq!(
        applied["conflicts"][0]["uid"],
        "madini-enabling-environment-review"
    );
    assert_eq!(applied["conflicts"][0]["kept"], "take_source");
    let applied = pubcat(&dir, "replica.db", &["sync", "apply", "d2.delta"]).ok();
    assert!(applied.stdout.starts_with("applied "), "{applied:?}");
    assert_eq!(
        export_native(&dir, "source.db"),
        export_native(&dir, "replica.db")
    );
    // apply writes: refused with --read-only.
    let out = pubcat(
        &dir,
        "replica.db",
        &["--read-only", "sync", "apply", "d2.delta"],
    );
    assert_eq!(out.code, 2, "{out:?}");
}
