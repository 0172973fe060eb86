//! End-to-end tests of the enrichment commands of the `pubcat` binary (issue 14): `init`
//! with the shipped vocabularies (and `--no-vocabularies`), `vocab load --builtin|FILE|-`,
//! `tag --auto` and `untag --auto`, imports that tag when vocabularies are loaded (and
//! `--no-tag`), and `show` marking automatic tags. Run as a process on real files in a
//! temporary folder; the refusals under `--read-only` are in cli.rs with every other write
//! command.
//!
//! Expected tags are written by hand from the shipped vocabularies
//! (crates/pubcat/data/vocabularies/): "Sud-Kivu" (fr) and "Zuid-Kivu" (nl) are labels of
//! `south-kivu`, "Coltan" of `tantalum`, "Mouvement du 23 mars" of `m23`, French "Or" of
//! `gold` (a common word, taken only with another mineral named in the same text).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::{json, Value};

mod common;
use common::{Out, TempDir};

/// Publications in French, Dutch and English naming places, minerals and actors (and one
/// French text where "or" is the conjunction, with no other mineral).
const TEXTS: &str = r#"{"format": "pubcat", "version": 1, "publications": [
  {"uid": "fr-sud-kivu", "language": "fr", "title": "L'or et le coltan du Sud-Kivu", "kind": "report"},
  {"uid": "nl-zuid-kivu", "language": "nl", "title": "Coltan uit Zuid-Kivu", "kind": "report"},
  {"uid": "en-m23", "language": "en", "title": "The Mouvement du 23 mars in North Kivu", "kind": "report"},
  {"uid": "fr-or-word", "language": "fr", "title": "Or, la paix reste fragile", "kind": "article"}
]}"#;

/// The automatic tags [`TEXTS`] get: publication uid → (concept uid, label found).
fn expected_tags() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    vec![
        (
            "fr-sud-kivu",
            vec![
                ("gold", "Or"),
                ("south-kivu", "Sud-Kivu"),
                ("tantalum", "Coltan"),
            ],
        ),
        (
            "nl-zuid-kivu",
            vec![("south-kivu", "Zuid-Kivu"), ("tantalum", "Coltan")],
        ),
        (
            "en-m23",
            vec![
                ("m23", "Mouvement du 23 mars"),
                ("north-kivu", "North Kivu"),
            ],
        ),
        ("fr-or-word", vec![]),
    ]
}

/// How many automatic tags [`TEXTS`] get.
fn expected_count() -> u64 {
    expected_tags().iter().map(|(_, t)| t.len() as u64).sum()
}

// ---------------------------------------------------------------------------------------
// Helpers (as in cli.rs): a temporary folder, running the binary, reading its output.

// TempDir and Out: tests/common/mod.rs.

/// A catalogue file, and the folder the commands run in.
struct Cat {
    dir: PathBuf,
    db: PathBuf,
}

impl Cat {
    fn at(dir: &TempDir, name: &str) -> Cat {
        Cat {
            dir: dir.0.clone(),
            db: dir.path(name),
        }
    }

    /// `pubcat --db DB ARGS`.
    fn run(&self, args: &[&str]) -> Out {
        self.run_with_stdin(args, None)
    }

    /// `pubcat --db DB ARGS` with `input` on standard input; asserts it did not panic.
    fn run_with_stdin(&self, args: &[&str], input: Option<&str>) -> Out {
        let mut all: Vec<String> = vec!["--db".into(), self.db.to_str().unwrap().into()];
        all.extend(args.iter().map(|a| a.to_string()));
        let mut child = Command::new(env!("CARGO_BIN_EXE_pubcat"))
            .args(&all)
            .current_dir(&self.dir)
            .env_remove("PUBCAT_DB")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin
            .write_all(input.unwrap_or_default().as_bytes())
            .unwrap();
        drop(stdin);
        let output = child.wait_with_output().unwrap();
        let out = Out {
            args: all,
            code: output.status.code().expect("killed by a signal"),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        };
        assert!(
            out.code != 101 && !out.stderr.contains("panicked"),
            "a panic: {out:#?}"
        );
        out
    }

    /// `stats --json`.
    fn stats(&self) -> Value {
        self.run(&["stats", "--json"]).ok().json()
    }

    /// The concepts of publication `uid`: (concept uid, matched label or None), sorted.
    fn tags(&self, uid: &str) -> Vec<(String, Option<String>)> {
        let p = self.run(&["show", uid, "--json"]).ok().json();
        let mut tags: Vec<(String, Option<String>)> = p["concepts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["uid"].as_str().unwrap().to_owned(),
                    c["matched_label"].as_str().map(str::to_owned),
                )
            })
            .collect();
        tags.sort();
        tags
    }

    /// Asserts that every publication of [`TEXTS`] has exactly the expected automatic tags
    /// and, besides them, the curated tags `curated` (publication uid, concept uid).
    fn assert_tags(&self, curated: &[(&str, &str)]) {
        for (uid, expected) in expected_tags() {
            let mut want: Vec<(String, Option<String>)> = expected
                .iter()
                .map(|(c, l)| (c.to_string(), Some(l.to_string())))
                .collect();
            want.extend(
                curated
                    .iter()
                    .filter(|(p, _)| *p == uid)
                    .map(|(_, c)| (c.to_string(), None)),
            );
            want.sort();
            assert_eq!(self.tags(uid), want, "{uid}");
        }
    }

    /// Names and contents of the catalogue file and its SQLite companions.
    fn files(&self) -> BTreeSet<(String, Vec<u8>)> {
        let name = self.db.file_name().unwrap().to_string_lossy().into_owned();
        std::fs::read_dir(&self.dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with(&name))
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect()
    }
}

/// The uids of `list concepts --json` (trees flattened), sorted.
fn concept_uids(cat: &Cat) -> BTreeSet<String> {
    fn walk(nodes: &Value, into: &mut BTreeSet<String>) {
        for node in nodes.as_array().unwrap() {
            into.insert(node["uid"].as_str().unwrap().to_owned());
            walk(&node["narrower"], into);
        }
    }
    let mut uids = BTreeSet::new();
    walk(
        &cat.run(&["list", "concepts", "--json"]).ok().json(),
        &mut uids,
    );
    uids
}

// ---------------------------------------------------------------------------------------
// init, vocab load

#[test]
fn init_loads_the_shipped_vocabularies_unless_told_not_to() {
    let dir = TempDir::new("init");
    let cat = Cat::at(&dir, "cat.db");
    let out = cat.run(&["init"]).ok();
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .contains("with the vocabularies shipped with pubcat"),
        "{out:#?}"
    );
    let concepts = concept_uids(&cat);
    for uid in [
        "south-kivu",
        "gold",
        "tantalum",
        "m23",
        "fdlr",
        "roadblocks",
    ] {
        assert!(concepts.contains(uid), "no {uid} in {concepts:?}");
    }
    let stats = cat.stats();
    assert_eq!(stats["concepts"].as_u64(), Some(concepts.len() as u64));
    assert_eq!(stats["publications"], 0);
    // Every scheme is there, and the labels in several languages.
    let places = cat.run(&["list", "concepts", "--scheme", "place"]).ok();
    assert!(places.stdout.contains("south-kivu"), "{places:#?}");
    let shown = cat.run(&["list", "concepts", "--scheme", "actor"]).ok();
    assert!(shown.stdout.contains("m23"), "{shown:#?}");

    // --no-vocabularies: no concepts; `vocab load --builtin` then gives the same ones.
    let bare = Cat::at(&dir, "bare.db");
    let out = bare.run(&["init", "--no-vocabularies"]).ok();
    assert!(
        out.stderr.contains("created an empty catalogue"),
        "{out:#?}"
    );
    assert_eq!(bare.stats()["concepts"], 0);
    let loaded = bare
        .run(&["vocab", "load", "--builtin", "--json"])
        .ok()
        .json();
    assert_eq!(
        loaded["concepts"]["added"].as_u64(),
        Some(concepts.len() as u64)
    );
    assert_eq!(loaded["added"], loaded["concepts"]["added"]);
    assert_eq!(loaded["publications"]["added"], 0);
    assert_eq!(concept_uids(&bare), concepts);
    // Loading again changes nothing.
    let out = bare.run(&["vocab", "load", "--builtin"]).ok();
    let n = concepts.len();
    assert_eq!(
        out.stdout,
        format!(
            "added 0, updated 0, unchanged {n}\n  concepts  added 0, updated 0, unchanged {n}\n"
        )
    );
    assert_eq!(out.stderr, "");
    // And into the catalogue init made: unchanged too.
    let again = cat
        .run(&["vocab", "load", "--builtin", "--json"])
        .ok()
        .json();
    assert_eq!(again["unchanged"].as_u64(), Some(n as u64));
}

#[test]
fn vocab_load_reads_a_file_or_standard_input() {
    let dir = TempDir::new("vocab-load");
    let cat = Cat::at(&dir, "cat.db");
    cat.run(&["init", "--no-vocabularies"]).ok();
    let vocabulary = json!({
        "format": "pubcat-vocabulary",
        "version": 1,
        "scheme": "theme",
        "title": "Bees",
        "description": "A test vocabulary.",
        "sources": ["Written for this test."],
        "concepts": [
            {"uid": "beekeeping", "labels": {"en": "beekeeping", "fr": "apiculture", "nl": "imkerij"}},
            {"uid": "honey", "labels": {"en": "honey", "fr": "miel"}, "broader": "beekeeping"}
        ]
    })
    .to_string();
    let file = dir.write("bees.json", &vocabulary);
    let out = cat.run(&["vocab", "load", &file]).ok();
    assert_eq!(
        out.stdout,
        "added 2, updated 0, unchanged 0\n  concepts  added 2, updated 0, unchanged 0\n"
    );
    let tree = cat
        .run(&["list", "concepts", "--scheme", "theme"])
        .ok()
        .stdout;
    assert!(tree.starts_with("beekeeping "), "{tree}");
    assert!(tree.contains("\n  honey "), "{tree}");
    // From standard input: unchanged.
    let out = cat
        .run_with_stdin(&["vocab", "load", "-", "--json"], Some(&vocabulary))
        .ok()
        .json();
    assert_eq!(
        (out["unchanged"].as_u64(), out["added"].as_u64()),
        (Some(2), Some(0))
    );

    // With publications in the catalogue, the note says how to tag them.
    let texts = dir.write("texts.json", r#"{"format": "pubcat", "version": 1, "publications": [{"uid": "miel", "language": "fr", "title": "Le miel du Sud-Kivu", "kind": "report"}]}"#);
    cat.run(&["import", &texts]).ok();
    assert_eq!(
        cat.tags("miel"),
        [("honey".to_owned(), Some("miel".to_owned()))]
    );
    let out = cat.run(&["vocab", "load", "--builtin"]).ok();
    assert!(out.stderr.contains("pubcat tag --auto"), "{out:#?}");
    assert_eq!(
        cat.tags("miel"),
        [("honey".to_owned(), Some("miel".to_owned()))]
    );
    let out = cat.run(&["tag", "--auto", "--json"]).ok().json();
    assert_eq!(
        out,
        json!({"publications": 1, "changed": 1, "added": 1, "removed": 0})
    );
    assert_eq!(
        cat.tags("miel"),
        [
            ("honey".to_owned(), Some("miel".to_owned())),
            ("south-kivu".to_owned(), Some("Sud-Kivu".to_owned()))
        ]
    );

    // Refused, the catalogue unchanged: not a vocabulary (a native document too), a
    // missing file, no source or two.
    let before = cat.files();
    let native = dir.write(
        "native.json",
        r#"{"format": "pubcat", "version": 1, "concepts": []}"#,
    );
    let bad = dir.write("bad.json", "{\"format\": \"pubcat-vocabulary\", oops");
    for (args, code, kind) in [
        (vec!["vocab", "load", native.as_str()], 4, Some("parse")),
        (vec!["vocab", "load", bad.as_str()], 4, Some("parse")),
        (vec!["vocab", "load", "missing.json"], 1, Some("io")),
        (vec!["vocab", "load"], 2, None),
        (vec!["vocab", "load", file.as_str(), "--builtin"], 2, None),
    ] {
        let out = cat.run(&args).fails(code);
        if let Some(kind) = kind {
            assert_eq!(out.kind(), kind, "{out:#?}");
        }
        assert!(cat.files() == before, "{args:?} changed the catalogue");
    }
    let out = cat.run(&["vocab", "load", &bad]).fails(4);
    assert!(out.stderr.contains("line 1"), "{out:#?}");
    // A catalogue file that does not exist: not created.
    let none = Cat::at(&dir, "none.db");
    none.run(&["vocab", "load", "--builtin"]).fails(3);
    assert!(!none.db.exists());
}

// ---------------------------------------------------------------------------------------
// tag --auto, untag --auto, show

#[test]
fn tag_auto_tags_from_the_texts_and_untag_auto_undoes_it() {
    let dir = TempDir::new("tag-auto");
    let cat = Cat::at(&dir, "cat.db");
    cat.run(&["init"]).ok();
    let texts = dir.write("texts.json", TEXTS);
    let report = cat
        .run(&["import", &texts, "--no-tag", "--json"])
        .ok()
        .json();
    assert!(report["tagging"].is_null(), "{report}");
    for (uid, _) in expected_tags() {
        assert_eq!(cat.tags(uid), [], "{uid}");
    }

    let summary = cat.run(&["tag", "--auto", "--json"]).ok().json();
    let n = expected_count();
    assert_eq!(
        summary,
        json!({"publications": 4, "changed": 3, "added": n, "removed": 0})
    );
    cat.assert_tags(&[]);
    // Again: nothing changes.
    let out = cat.run(&["tag", "--auto"]).ok();
    assert_eq!(
        out.stdout,
        "tagged automatically: 4 publication(s) read, 0 changed: 0 tag(s) added, 0 removed\n"
    );
    // Searching by concept finds the French and the Dutch texts alike.
    let page = cat
        .run(&["search", "--concept", "south-kivu", "--json"])
        .ok()
        .json();
    let hits: BTreeSet<&str> = page["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["uid"].as_str().unwrap())
        .collect();
    assert_eq!(hits, BTreeSet::from(["fr-sud-kivu", "nl-zuid-kivu"]));

    // show marks the automatic tags with the label found; a curated tag is not marked.
    cat.run(&["tag", "fr-or-word", "gold"]).ok();
    let shown = cat.run(&["show", "fr-sud-kivu"]).ok().stdout;
    let line = shown
        .lines()
        .find(|l| l.starts_with("place ") && l.contains("Sud-Kivu [fr]"))
        .unwrap_or_else(|| panic!("no South Kivu line in\n{shown}"));
    assert!(line.ends_with("(automatic: found “Sud-Kivu”)"), "{line}");
    let shown = cat.run(&["show", "fr-or-word"]).ok().stdout;
    let line = shown
        .lines()
        .find(|l| l.starts_with("mineral "))
        .unwrap_or_else(|| panic!("no mineral line in\n{shown}"));
    assert!(
        line.contains("Gold [en]") && !line.contains("automatic"),
        "{line}"
    );
    let json = cat.run(&["show", "fr-or-word", "--json"]).ok().json();
    assert!(json["concepts"][0].get("matched_label").is_none(), "{json}");
    // A person's tag on a concept that was found automatically makes it curated.
    cat.run(&["tag", "nl-zuid-kivu", "tantalum"]).ok();
    let curated = [("fr-or-word", "gold"), ("nl-zuid-kivu", "tantalum")];
    assert_eq!(
        cat.tags("nl-zuid-kivu"),
        [
            ("south-kivu".to_owned(), Some("Zuid-Kivu".to_owned())),
            ("tantalum".to_owned(), None)
        ]
    );

    // untag --auto: every automatic tag goes, the curated ones stay.
    let out = cat.run(&["untag", "--auto", "--json"]).ok().json();
    assert_eq!(out["removed"].as_u64(), Some(n - 1), "{out}");
    assert_eq!(out["added"], 0);
    assert_eq!(out["changed"], 3);
    for (uid, _) in expected_tags() {
        let want: Vec<(String, Option<String>)> = curated
            .iter()
            .filter(|(p, _)| *p == uid)
            .map(|(_, c)| (c.to_string(), None))
            .collect();
        assert_eq!(cat.tags(uid), want, "{uid}");
    }
    let out = cat.run(&["untag", "--auto"]).ok();
    assert_eq!(
        out.stdout,
        "removed the automatic tags: 0 tag(s) from 0 publication(s); the curated tags stay\n"
    );
    // And tag --auto brings them back, next to the curated ones (never over them).
    let summary = cat.run(&["tag", "--auto", "--json"]).ok().json();
    assert_eq!(summary["added"].as_u64(), Some(n - 1));
    assert_eq!(
        cat.tags("nl-zuid-kivu"),
        [
            ("south-kivu".to_owned(), Some("Zuid-Kivu".to_owned())),
            ("tantalum".to_owned(), None)
        ]
    );
    assert_eq!(
        cat.tags("fr-sud-kivu"),
        expected_tags()[0]
            .1
            .iter()
            .map(|(c, l)| (c.to_string(), Some(l.to_string())))
            .collect::<Vec<_>>()
    );

    // The change log has the tagging runs.
    let version = cat.run(&["changes", "--json"]).ok().json()["version"]
        .as_i64()
        .unwrap();
    cat.run(&["tag", "--auto"]).ok();
    assert_eq!(
        cat.run(&["changes", "--json"]).ok().json()["version"].as_i64(),
        Some(version),
        "a tagging run that changes nothing wrote the change log"
    );

    // Usage errors: --auto with a uid, or neither.
    for args in [
        &["tag", "--auto", "fr-or-word"][..],
        &["tag", "--auto", "fr-or-word", "gold"],
        &["untag", "--auto", "fr-or-word"],
        &["tag"],
        &["untag"],
        &["tag", "fr-or-word"],
    ] {
        cat.run(args).fails(2);
    }
}

#[test]
fn tag_auto_on_a_catalogue_without_vocabularies_tags_nothing() {
    let dir = TempDir::new("tag-auto-bare");
    let cat = Cat::at(&dir, "cat.db");
    cat.run(&["init", "--no-vocabularies"]).ok();
    let texts = dir.write("texts.json", TEXTS);
    let report = cat.run(&["import", &texts, "--json"]).ok().json();
    assert!(report["tagging"].is_null(), "{report}");
    let summary = cat.run(&["tag", "--auto", "--json"]).ok().json();
    assert_eq!(summary["added"], 0);
    assert_eq!(summary["changed"], 0);
    cat.run(&["untag", "--auto"]).ok();
    assert_eq!(cat.tags("fr-sud-kivu"), []);
    // A catalogue file that does not exist: not found, not created.
    let none = Cat::at(&dir, "none.db");
    none.run(&["tag", "--auto"]).fails(3);
    none.run(&["untag", "--auto"]).fails(3);
    assert!(!none.db.exists());
}

// ---------------------------------------------------------------------------------------
// import

#[test]
fn import_tags_when_the_catalogue_has_vocabularies() {
    let dir = TempDir::new("import");
    let texts = dir.write("texts.json", TEXTS);
    let n = expected_count();

    // Into a catalogue made by init: tagged, and the report says so.
    let cat = Cat::at(&dir, "cat.db");
    cat.run(&["init"]).ok();
    let out = cat.run(&["import", &texts]).ok();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "added 4, updated 0, unchanged 0",
            "  publications  added 4, updated 0, unchanged 0",
            &format!("tagged automatically: 4 publication(s) read, 3 changed: {n} tag(s) added, 0 removed"),
        ],
        "{out:#?}"
    );
    cat.assert_tags(&[]);
    // Again: the file changes nothing, and nor does tagging.
    let report = cat.run(&["import", &texts, "--json"]).ok().json();
    assert_eq!(report["summary"]["unchanged"], 4);
    assert_eq!(report["tagging"]["added"], 0);
    assert_eq!(report["tagging"]["removed"], 0);
    cat.assert_tags(&[]);

    // A changed text: its automatic tags follow it.
    let changed = dir.write(
        "changed.json",
        r#"{"format": "pubcat", "version": 1, "publications": [
  {"uid": "nl-zuid-kivu", "language": "nl", "title": "Goud uit Ituri", "kind": "report"}]}"#,
    );
    let report = cat.run(&["import", &changed, "--json"]).ok().json();
    assert_eq!(report["tagging"]["publications"], 1);
    assert_eq!(report["tagging"]["removed"], 2);
    let tags: Vec<String> = cat
        .tags("nl-zuid-kivu")
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert!(tags.contains(&"ituri".to_owned()), "{tags:?}");
    assert!(!tags.contains(&"south-kivu".to_owned()), "{tags:?}");

    // A dry run reports the tagging it would do, and writes nothing.
    let dry = Cat::at(&dir, "dry.db");
    dry.run(&["init"]).ok();
    let before = dry.files();
    let report = dry
        .run(&["import", &texts, "--dry-run", "--json"])
        .ok()
        .json();
    assert_eq!(report["written"], false);
    assert_eq!(report["tagging"]["added"].as_u64(), Some(n));
    assert!(dry.files() == before, "a dry run wrote the catalogue");

    // --no-tag: imported, not tagged, and nothing said about tagging.
    let untagged = Cat::at(&dir, "untagged.db");
    untagged.run(&["init"]).ok();
    let out = untagged.run(&["import", &texts, "--no-tag"]).ok();
    assert!(!out.stdout.contains("tagged"), "{out:#?}");
    for (uid, _) in expected_tags() {
        assert_eq!(untagged.tags(uid), [], "{uid}");
    }
    let report = untagged
        .run(&["import", &texts, "--no-tag", "--json"])
        .ok()
        .json();
    assert!(report["tagging"].is_null(), "{report}");

    // Into a catalogue the import creates (no vocabularies): not tagged.
    let created = Cat::at(&dir, "created.db");
    let out = created.run(&["import", &texts]).ok();
    assert!(!out.stdout.contains("tagged"), "{out:#?}");
    assert_eq!(created.tags("fr-sud-kivu"), []);
}

// ---------------------------------------------------------------------------------------
// --help, completions, man

#[test]
fn help_completions_and_man_pages_name_the_new_options() {
    let dir = TempDir::new("help");
    let cat = Cat::at(&dir, "none.db");
    for (args, says) in [
        (&["init", "--help"][..], &["--no-vocabularies"][..]),
        (&["tag", "--help"], &["--auto", "automatic"]),
        (&["untag", "--help"], &["--auto", "curated"]),
        (&["import", "--help"], &["--no-tag"]),
        (&["vocab", "--help"], &["load"]),
        (
            &["vocab", "load", "--help"],
            &["--builtin", "pubcat-vocabulary", "-"],
        ),
    ] {
        let help = cat.run(args).ok().stdout;
        for s in says {
            assert!(help.contains(s), "{args:?} lacks {s:?}: {help}");
        }
    }
    for shell in ["bash", "zsh", "fish"] {
        let script = cat.run(&["completions", shell]).ok().stdout;
        for option in ["no-vocabularies", "no-tag", "auto", "builtin", "load"] {
            assert!(script.contains(option), "{shell} completion lacks {option}");
        }
    }
    let page = cat.run(&["man", "init"]).ok().stdout;
    assert!(page.contains("no\\-vocabularies"), "{page}");
    let page = cat.run(&["man", "tag"]).ok().stdout;
    assert!(page.contains("\\-\\-auto"), "{page}");
    let page = cat.run(&["man", "vocab"]).ok().stdout;
    assert!(page.contains("load"), "{page}");
}
