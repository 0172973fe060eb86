//! End-to-end tests of link discovery in the `pubcat` binary (issue 14, item 5): `links
//! suggest` (text and `--json`, `--min-score`, `--limit`, `--only`), `links suggest --apply`,
//! `links score UID UID`, and `import --link-translations` (with `--dry-run`), on the bundled
//! sample listing (examples/data/ipis-partner-listing.txt: seven publications, one French and
//! English pair, six in English). Run as a process on real files in a temporary folder.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::Value;

mod common;
use common::{Out, TempDir};

/// The sample listing.
const LISTING: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/data/ipis-partner-listing.txt"
);

/// The English and French versions of one report in the listing (uids made from the titles).
const EN: &str = "conflict-minerals-initiatives-in-dr-congo-perceptions-of-local-mining";
const FR: &str = "initiatives-en-matiere-de-minerais-de-conflit-en-rd-congo-perceptions-des";
/// Another English publication of the listing.
const M23: &str = "mapping-conflict-motives-m23-2012";

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

    /// A catalogue made by `init` (the shipped vocabularies) holding the sample listing,
    /// imported with `import_args` after the file.
    fn listing(dir: &TempDir, name: &str, import_args: &[&str]) -> Cat {
        let cat = Cat::at(dir, name);
        cat.run(&["init"]).ok();
        let mut args = vec!["import", LISTING];
        args.extend_from_slice(import_args);
        cat.run(&args).ok();
        cat
    }

    /// `pubcat --db DB ARGS`; asserts it did not panic.
    fn run(&self, args: &[&str]) -> Out {
        let mut all: Vec<String> = vec!["--db".into(), self.db.to_str().unwrap().into()];
        all.extend(args.iter().map(|a| a.to_string()));
        let output = Command::new(env!("CARGO_BIN_EXE_pubcat"))
            .args(&all)
            .current_dir(&self.dir)
            .env_remove("PUBCAT_DB")
            .stdin(Stdio::null())
            .output()
            .unwrap();
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

    /// How many works the catalogue holds (`stats --json`).
    fn works(&self) -> u64 {
        self.run(&["stats", "--json"]).ok().json()["works"]
            .as_u64()
            .unwrap()
    }

    /// The uids of the language versions of `uid`'s work, sorted.
    fn versions(&self, uid: &str) -> Vec<String> {
        let record = self.run(&["show", uid, "--json"]).ok().json();
        let mut uids: Vec<String> = record["translations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["uid"].as_str().unwrap().to_owned())
            .collect();
        if !uids.iter().any(|u| u == uid) {
            uids.push(uid.to_owned());
        }
        uids.sort();
        uids
    }

    /// `links suggest ARGS --json`: the suggestions.
    fn suggest(&self, args: &[&str]) -> Vec<Value> {
        let mut all = vec!["links", "suggest"];
        all.extend_from_slice(args);
        all.push("--json");
        let out = self.run(&all).ok().json();
        out.as_array()
            .unwrap_or_else(|| panic!("not an array: {out}"))
            .clone()
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

/// The uids of a suggestion (JSON).
fn uids(suggestion: &Value) -> Vec<&str> {
    suggestion["uids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap())
        .collect()
}

/// Whether a suggestion holds both `a` and `b`.
fn pairs(suggestion: &Value, a: &str, b: &str) -> bool {
    let u = uids(suggestion);
    u.contains(&a) && u.contains(&b)
}

/// The change-log version.
fn version(cat: &Cat) -> i64 {
    cat.run(&["changes", "--json"]).ok().json()["version"]
        .as_i64()
        .unwrap()
}

// ---------------------------------------------------------------------------------------
// links suggest

#[test]
fn suggest_lists_the_french_and_english_pair_of_the_sample_listing() {
    let dir = TempDir::new("suggest");
    let cat = Cat::listing(&dir, "cat.db", &[]);
    assert_eq!(cat.works(), 7);

    let found = cat.suggest(&[]);
    assert_eq!(found.len(), 1, "{found:?}");
    let s = &found[0];
    assert_eq!(uids(s), [EN, FR]);
    assert_eq!(s["languages"], serde_json::json!(["en", "fr"]));
    let titles = s["titles"].as_array().unwrap();
    assert!(titles[0].as_str().unwrap().contains("Conflict Minerals"));
    assert!(titles[1].as_str().unwrap().contains("minerais de conflit"));
    let score = s["score"].as_f64().unwrap();
    assert!((0.8..=1.0).contains(&score), "{score}");
    let evidence = s["evidence"].as_array().unwrap();
    assert!(!evidence.is_empty());
    for e in evidence {
        assert!(e["kind"].is_string() && e["detail"].is_string(), "{e}");
        assert!(e["weight"].is_f64(), "{e}");
    }
    assert!(evidence.iter().any(|e| e["kind"] == "title_words"), "{s}");

    // The text form: the score, both publications, the evidence; a hint on standard error.
    let out = cat.run(&["links", "suggest"]).ok();
    let text = &out.stdout;
    assert!(
        text.starts_with("1 suggestion(s) at or above score 0.80, best first:\n"),
        "{text}"
    );
    assert!(text.contains(&format!("1. score {score:.2}\n")), "{text}");
    assert!(text.contains(&format!("  en  {EN}  ")), "{text}");
    assert!(text.contains(&format!("  fr  {FR}  ")), "{text}");
    assert!(text.contains("  evidence:\n"), "{text}");
    assert!(text.contains("title_words"), "{text}");
    assert!(out.stderr.contains("--apply"), "{out:#?}");

    // --limit, --only (repeatable, or several after one --only), --min-score.
    assert!(cat.suggest(&["--limit", "0"]).is_empty());
    assert_eq!(cat.suggest(&["--limit", "1"]).len(), 1);
    assert_eq!(cat.suggest(&["--only", FR]).len(), 1);
    assert!(cat.suggest(&["--only", M23]).is_empty());
    assert_eq!(cat.suggest(&["--only", M23, FR]).len(), 1);
    assert_eq!(cat.suggest(&["--only", M23, "--only", EN]).len(), 1);
    assert!(cat.suggest(&["--min-score", "1"]).is_empty());
    let out = cat.run(&["links", "suggest", "--min-score", "1"]).ok();
    assert_eq!(out.stdout, "no suggestion at or above score 1.00\n");
    // Best first.
    let all = cat.suggest(&["--min-score", "0"]);
    let scores: Vec<f64> = all.iter().map(|s| s["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    // Suggesting writes nothing.
    let before = cat.files();
    cat.run(&["links", "suggest"]).ok();
    assert!(cat.files() == before);
}

#[test]
fn the_same_language_is_never_proposed() {
    let dir = TempDir::new("same-language");
    let cat = Cat::listing(&dir, "cat.db", &[]);
    // Six of the seven publications are English: at any threshold, no suggestion pairs two
    // of them, and none holds two versions of one language.
    for s in cat.suggest(&["--min-score", "0"]) {
        let languages: Vec<&str> = s["languages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect();
        let distinct: BTreeSet<&str> = languages.iter().copied().collect();
        assert_eq!(distinct.len(), languages.len(), "{s}");
    }
    // Two English editions of one report: alike, scored high, never suggested.
    let editions = dir.path("editions.json");
    std::fs::write(
        &editions,
        r#"{"format": "pubcat", "version": 1, "publications": [
  {"uid": "gold-2019", "language": "en", "title": "Gold mining in Mambasa territory, Ituri (2019)", "kind": "report", "date": "2019",
   "summary": "A survey of 42 artisanal gold mines around Mambasa and Bunia."},
  {"uid": "gold-2019-revised", "language": "en", "title": "Gold mining in Mambasa territory, Ituri (2019), revised", "kind": "report", "date": "2019",
   "summary": "A survey of 42 artisanal gold mines around Mambasa and Bunia, revised."}
]}"#,
    )
    .unwrap();
    cat.run(&["import", editions.to_str().unwrap()]).ok();
    let pair = cat
        .run(&["links", "score", "gold-2019", "gold-2019-revised", "--json"])
        .ok()
        .json();
    assert!(pair["score"].as_f64().unwrap() > 0.5, "{pair}");
    assert!(cat.suggest(&["--min-score", "0"]).iter().all(|s| !pairs(
        s,
        "gold-2019",
        "gold-2019-revised"
    )));
    let summary = cat
        .run(&[
            "links",
            "suggest",
            "--apply",
            "--min-score",
            "0.01",
            "--json",
        ])
        .ok()
        .json();
    assert!(summary["linked"].as_array().unwrap().iter().all(|s| !pairs(
        s,
        "gold-2019",
        "gold-2019-revised"
    )));
    assert_eq!(cat.versions("gold-2019"), ["gold-2019"]);
}

// ---------------------------------------------------------------------------------------
// links suggest --apply, unlink

#[test]
fn apply_links_the_pair_once_and_a_rerun_links_nothing() {
    let dir = TempDir::new("apply");
    let cat = Cat::listing(&dir, "cat.db", &[]);
    let summary = cat
        .run(&["links", "suggest", "--apply", "--json"])
        .ok()
        .json();
    assert_eq!(summary["publications"], 1, "{summary}");
    let linked = summary["linked"].as_array().unwrap();
    assert_eq!(linked.len(), 1);
    assert_eq!(uids(&linked[0]), [EN, FR]);
    assert!(linked[0]["score"].as_f64().unwrap() >= 0.8);
    assert_eq!(cat.works(), 6);
    assert_eq!(cat.versions(EN), [EN, FR]);
    assert_eq!(cat.versions(FR), [EN, FR]);

    // Again: nothing to link, nothing written, nothing suggested.
    let v = version(&cat);
    let again = cat
        .run(&["links", "suggest", "--apply", "--json"])
        .ok()
        .json();
    assert_eq!(again, serde_json::json!({"linked": [], "publications": 0}));
    let out = cat.run(&["links", "suggest", "--apply"]).ok();
    assert_eq!(out.stdout, "nothing to link at or above score 0.80\n");
    assert_eq!(
        version(&cat),
        v,
        "a run that linked nothing changed the log"
    );
    assert!(cat.suggest(&[]).is_empty());
    let out = cat.run(&["links", "suggest"]).ok();
    assert_eq!(out.stdout, "no suggestion at or above score 0.80\n");
    assert_eq!(cat.works(), 6);

    // The text form says what it linked.
    let text = Cat::listing(&dir, "text.db", &[]);
    let out = text.run(&["links", "suggest", "--apply"]).ok();
    assert!(
        out.stdout.starts_with(
            "linked 1 suggestion(s) at or above score 0.80: 1 publication(s) joined another work\n"
        ),
        "{out:#?}"
    );
    assert!(
        out.stdout.contains(EN) && out.stdout.contains(FR),
        "{out:#?}"
    );
    assert_eq!(text.works(), 6);

    // A threshold above the pair's score links nothing.
    let high = Cat::listing(&dir, "high.db", &[]);
    let summary = high
        .run(&["links", "suggest", "--apply", "--min-score", "1", "--json"])
        .ok()
        .json();
    assert_eq!(summary["publications"], 0);
    assert_eq!(high.works(), 7);
}

#[test]
fn after_unlink_the_pair_is_never_proposed_again() {
    let dir = TempDir::new("unlink");
    let cat = Cat::listing(&dir, "cat.db", &[]);
    cat.run(&["links", "suggest", "--apply"]).ok();
    assert_eq!(cat.versions(FR), [EN, FR]);
    // A person says they are not one work.
    cat.run(&["unlink", FR]).ok();
    assert_eq!(cat.works(), 7);
    for s in cat.suggest(&["--min-score", "0"]) {
        assert!(!pairs(&s, EN, FR), "proposed again: {s}");
    }
    assert!(cat.suggest(&["--only", FR]).is_empty());
    let summary = cat
        .run(&["links", "suggest", "--apply", "--json"])
        .ok()
        .json();
    assert_eq!(summary["publications"], 0, "{summary}");
    assert_eq!(cat.versions(FR), [FR]);
    // `links score` still explains the pair.
    let pair = cat.run(&["links", "score", EN, FR, "--json"]).ok().json();
    assert!(pair["score"].as_f64().unwrap() >= 0.8, "{pair}");
    // An import with --link-translations respects the decision too.
    let report = cat
        .run(&["import", LISTING, "--link-translations", "--json"])
        .ok()
        .json();
    assert_eq!(report["links"]["publications"], 0, "{report}");
    assert_eq!(cat.versions(FR), [FR]);
    // Linking by hand forgets the decision.
    cat.run(&["link", EN, FR]).ok();
    assert_eq!(cat.versions(FR), [EN, FR]);
}

// ---------------------------------------------------------------------------------------
// links score

#[test]
fn score_explains_one_pair() {
    let dir = TempDir::new("score");
    let cat = Cat::listing(&dir, "cat.db", &[]);
    let pair = cat.run(&["links", "score", EN, FR, "--json"]).ok().json();
    assert_eq!(uids(&pair), [EN, FR]);
    assert_eq!(pair["languages"], serde_json::json!(["en", "fr"]));
    let suggested = cat.suggest(&[]);
    assert_eq!(pair["score"], suggested[0]["score"]);
    assert!(!pair["evidence"].as_array().unwrap().is_empty());

    let out = cat.run(&["links", "score", FR, EN]).ok();
    assert!(out.stdout.starts_with("score 0.9"), "{out:#?}");
    assert!(out.stdout.contains("  evidence:\n"), "{out:#?}");
    assert!(
        out.stdout
            .contains("at or above the default threshold 0.80"),
        "{out:#?}"
    );
    let unrelated = cat.run(&["links", "score", EN, M23, "--json"]).ok().json();
    assert!(unrelated["score"].as_f64().unwrap() < 0.5, "{unrelated}");
    let out = cat.run(&["links", "score", EN, M23]).ok();
    assert!(
        out.stdout.contains("below the default threshold 0.80"),
        "{out:#?}"
    );
}

// ---------------------------------------------------------------------------------------
// Refusals

#[test]
fn bad_input_is_refused_and_changes_nothing() {
    let dir = TempDir::new("bad-input");
    let cat = Cat::listing(&dir, "cat.db", &[]);
    let before = cat.files();
    for (args, code, kind) in [
        (
            &["links", "suggest", "--min-score", "1.5"][..],
            4,
            Some("invalid_input"),
        ),
        (
            &["links", "suggest", "--min-score", "-0.1"],
            4,
            Some("invalid_input"),
        ),
        (
            &["links", "suggest", "--min-score", "NaN"],
            4,
            Some("invalid_input"),
        ),
        (
            &["links", "suggest", "--min-score", "2", "--apply"],
            4,
            Some("invalid_input"),
        ),
        (
            &["links", "suggest", "--min-score", "2", "--json"],
            4,
            Some("invalid_input"),
        ),
        (
            &["links", "suggest", "--only", "no-such-uid"],
            3,
            Some("not_found"),
        ),
        (&["links", "score", EN, "no-such-uid"], 3, Some("not_found")),
        (&["links", "score", EN, EN], 4, Some("invalid_input")),
        // Usage errors: not a number, --apply with the options it does not take, no
        // action, a missing uid.
        (&["links", "suggest", "--min-score", "high"], 2, None),
        (&["links", "suggest", "--limit", "-1"], 2, None),
        (&["links", "suggest", "--apply", "--limit", "1"], 2, None),
        (&["links", "suggest", "--apply", "--only", EN], 2, None),
        (&["links"], 2, None),
        (&["links", "score", EN], 2, None),
    ] {
        let out = cat.run(args).fails(code);
        if let Some(kind) = kind {
            assert_eq!(out.kind(), kind, "{out:#?}");
        }
        assert!(cat.files() == before, "{args:?} changed the catalogue");
    }
    let out = cat
        .run(&["links", "suggest", "--min-score", "1.5"])
        .fails(4);
    assert!(
        out.stderr.contains("1.5 is not a score between 0 and 1"),
        "{out:#?}"
    );
    // A catalogue file that does not exist: not found, not created.
    let none = Cat::at(&dir, "none.db");
    none.run(&["links", "suggest"]).fails(3);
    none.run(&["links", "suggest", "--apply"]).fails(3);
    assert!(!none.db.exists());
}

#[test]
fn read_only_refuses_apply_and_reads_the_rest() {
    let dir = TempDir::new("read-only");
    let cat = Cat::listing(&dir, "cat.db", &[]);
    let before = cat.files();
    for args in [
        &["--read-only", "links", "suggest", "--apply"][..],
        &["--read-only", "links", "suggest", "--apply", "--json"],
        &[
            "links",
            "suggest",
            "--apply",
            "--min-score",
            "0.5",
            "--read-only",
        ],
    ] {
        let out = cat.run(args).fails(2);
        assert!(
            out.stderr.starts_with("error: ")
                && out.stderr.contains("links suggest --apply")
                && out.stderr.contains("--read-only"),
            "{out:#?}"
        );
        assert!(cat.files() == before, "{args:?} changed the catalogue");
    }
    let found = cat
        .run(&["--read-only", "links", "suggest", "--json"])
        .ok()
        .json();
    assert_eq!(found.as_array().unwrap().len(), 1);
    let pair = cat
        .run(&["--read-only", "links", "score", EN, FR, "--json"])
        .ok()
        .json();
    assert!(pair["score"].as_f64().unwrap() >= 0.8);
    assert!(cat.files() == before, "reading changed the catalogue");
    // The help of --read-only names the command.
    let help = cat.run(&["--help"]).ok().stdout;
    assert!(help.contains("links suggest --apply"), "{help}");
}

// ---------------------------------------------------------------------------------------
// import --link-translations

#[test]
fn import_with_link_translations_links_the_pair() {
    let dir = TempDir::new("import");
    // Without it: seven works, and the report says nothing about links.
    let plain = Cat::at(&dir, "plain.db");
    plain.run(&["init"]).ok();
    let out = plain.run(&["import", LISTING]).ok();
    assert!(!out.stdout.contains("linked"), "{out:#?}");
    assert_eq!(plain.works(), 7);
    let report = plain.run(&["import", LISTING, "--json"]).ok().json();
    assert!(report["links"].is_null(), "{report}");

    // With it: six works, the French and English pair as one.
    let cat = Cat::at(&dir, "cat.db");
    cat.run(&["init"]).ok();
    let out = cat.run(&["import", LISTING, "--link-translations"]).ok();
    let lines: Vec<&str> = out.stdout.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("linked language versions: "))
        .unwrap_or_else(|| panic!("no links line: {out:#?}"));
    assert_eq!(
        lines[at],
        "linked language versions: 1 work(s), 1 publication(s) joined another work"
    );
    assert!(lines[0].starts_with("added "), "the counts first: {out:#?}");
    assert!(
        lines[at + 1].ends_with(&format!("en {EN} + fr {FR}")),
        "{out:#?}"
    );
    assert_eq!(cat.works(), 6);
    assert_eq!(cat.versions(EN), [EN, FR]);
    // Again: unchanged, nothing more linked.
    let report = cat
        .run(&["import", LISTING, "--link-translations", "--json"])
        .ok()
        .json();
    assert_eq!(report["links"]["publications"], 0, "{report}");
    assert_eq!(report["links"]["linked"], serde_json::json!([]));

    // --json: the report's links.
    let json = Cat::at(&dir, "json.db");
    json.run(&["init"]).ok();
    let report = json
        .run(&["import", LISTING, "--link-translations", "--json"])
        .ok()
        .json();
    assert_eq!(report["links"]["publications"], 1, "{report}");
    assert_eq!(uids(&report["links"]["linked"][0]), [EN, FR]);
    assert_eq!(json.works(), 6);

    // --dry-run: reports the link, writes nothing (an existing catalogue, or none).
    let dry = Cat::at(&dir, "dry.db");
    dry.run(&["init"]).ok();
    let before = dry.files();
    let report = dry
        .run(&[
            "import",
            LISTING,
            "--link-translations",
            "--dry-run",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(report["written"], false);
    assert_eq!(report["links"]["publications"], 1, "{report}");
    assert!(dry.files() == before, "a dry run wrote the catalogue");
    let out = dry
        .run(&["import", LISTING, "--link-translations", "--dry-run"])
        .ok();
    assert!(
        out.stdout.starts_with("dry run: nothing was written"),
        "{out:#?}"
    );
    assert!(
        out.stdout
            .contains("linked language versions: 1 work(s), 1 publication(s)"),
        "{out:#?}"
    );
    let none = Cat::at(&dir, "none.db");
    none.run(&["import", LISTING, "--link-translations", "--dry-run"])
        .ok();
    assert!(!none.db.exists());
    // Refused with --read-only, as every import.
    let out = cat
        .run(&["--read-only", "import", LISTING, "--link-translations"])
        .fails(2);
    assert!(out.stderr.contains("--read-only"), "{out:#?}");
}

// ---------------------------------------------------------------------------------------
// --help, completions, man

#[test]
fn help_completions_and_man_pages_name_the_links_commands() {
    let dir = TempDir::new("help");
    let cat = Cat::at(&dir, "none.db");
    for (args, says) in [
        (&["--help"][..], &["links"][..]),
        (&["links", "--help"], &["suggest", "score"]),
        (
            &["links", "suggest", "--help"],
            &["--min-score", "--limit", "--only", "--apply", "--json"],
        ),
        (&["links", "score", "--help"], &["--json"]),
        (&["import", "--help"], &["--link-translations"]),
    ] {
        let help = cat.run(args).ok().stdout;
        for s in says {
            assert!(help.contains(s), "{args:?} lacks {s:?}: {help}");
        }
    }
    for shell in ["bash", "zsh", "fish"] {
        let script = cat.run(&["completions", shell]).ok().stdout;
        for option in ["links", "min-score", "apply", "link-translations"] {
            assert!(script.contains(option), "{shell} completion lacks {option}");
        }
    }
    let page = cat.run(&["man", "links"]).ok().stdout;
    assert!(page.contains("suggest"), "{page}");
    let page = cat.run(&["man", "import"]).ok().stdout;
    assert!(page.contains("link\\-translations"), "{page}");
}
