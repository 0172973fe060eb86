//! `pubcat --read-only` and `pubcat check` on hostile files: a typed error (its kind in
//! brackets on stderr, never `sqlite`, never a panic), a non-zero exit status, and the folder
//! byte for byte unchanged. `check` exits 0 on a good catalogue, 5 with a report of what is
//! wrong, 1 when the file is not a catalogue at all.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../pubcat/tests/common/hostile.rs"]
mod hostile;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use hostile::{dir_state, Rng};

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("pubcat-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn pubcat(args: &[&str], db: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pubcat"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("PUBCAT_DB")
        .output()
        .unwrap()
}

/// The error kind printed by a failed command (`pubcat: message [kind]`).
fn kind(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "a panic: {stderr}");
    stderr
        .trim_end()
        .rsplit_once('[')
        .and_then(|(_, k)| k.strip_suffix(']'))
        .unwrap_or_else(|| panic!("no error kind in {stderr:?}"))
        .to_owned()
}

/// Every command on a hostile file fails with a file kind; `check` fails too.
fn refused(what: &str, path: &Path) {
    let dir = path.parent().unwrap();
    let before = dir_state(dir);
    for args in [
        &["--read-only", "stats"][..],
        &["--read-only", "search", "cobalt"],
        &["--read-only", "export"],
    ] {
        let out = pubcat(args, path);
        assert_eq!(out.status.code(), Some(1), "{what}: {args:?} did not fail");
        let kind = kind(&out);
        assert!(
            ["corrupt", "not_a_catalog", "too_new"].contains(&kind.as_str()),
            "{what}: {args:?} gave [{kind}]"
        );
    }
    let check = pubcat(&["check", "--full"], path);
    match check.status.code() {
        Some(5) => {
            let report = String::from_utf8_lossy(&check.stdout);
            assert!(report.contains("FAILED"), "{what}: {report}");
        }
        Some(1) => {
            let kind = kind(&check);
            assert!(
                ["corrupt", "not_a_catalog", "too_new"].contains(&kind.as_str()),
                "{what}: check gave [{kind}]"
            );
        }
        other => panic!("{what}: check exited with {other:?}"),
    }
    assert!(dir_state(dir) == before, "{what}: the folder changed");
}

#[test]
fn read_only_commands_and_check_refuse_hostile_files() {
    let dir = TempDir::new("hostile");
    let good = dir.0.join("good.db");
    hostile::demo_file(&good);
    let out = pubcat(&["check", "--full"], &good);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let out = pubcat(&["--read-only", "search", "cobalt"], &good);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let bytes = std::fs::read(&good).unwrap();
    std::fs::remove_file(&good).unwrap();

    let mut count = 0;
    for (name, path) in hostile::altered_schemas(&dir.0) {
        refused(&name, &path);
        std::fs::remove_file(&path).unwrap();
        count += 1;
    }
    for (name, path) in hostile::other_files(&dir.0) {
        refused(&name, &path);
        std::fs::remove_file(&path).unwrap();
        count += 1;
    }
    let path = dir.0.join("cut.db");
    let mut rng = Rng(99);
    for _ in 0..20 {
        let len = rng.below(bytes.len() as u64) as usize;
        std::fs::write(&path, hostile::truncated(&bytes, len)).unwrap();
        refused(&format!("cut at {len}"), &path);
        count += 1;
    }
    // Corrupted files: most are refused; those SQLite cannot tell from good ones may open,
    // and then still never give an untyped error.
    for seed in 1..=20u64 {
        std::fs::write(&path, hostile::corrupted(&bytes, seed, 4, seed % 4 == 0)).unwrap();
        let before = dir_state(&dir.0);
        for args in [&["--read-only", "search", "gold"][..], &["check"]] {
            let out = pubcat(args, &path);
            if !out.status.success() && out.status.code() != Some(5) {
                let kind = kind(&out);
                assert!(
                    ["corrupt", "not_a_catalog", "too_new"].contains(&kind.as_str()),
                    "seed {seed}: {args:?} gave [{kind}]"
                );
            }
        }
        assert!(
            dir_state(&dir.0) == before,
            "seed {seed}: the folder changed"
        );
        count += 1;
    }
    eprintln!("{count} hostile files through the CLI");
}
