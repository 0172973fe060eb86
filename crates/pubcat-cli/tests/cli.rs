//! End-to-end tests of the `pubcat` binary: every command and flag of README.md's "Command
//! line" section, run as a process on real files in a temporary folder, with its output
//! (parsed JSON where there is `--json`) and exit status asserted.
//!
//! Expected uids are written by hand from `examples/data/demo-catalog.json` (the demo: 7
//! publications, listed below in file order, which is also insertion order) or from the small
//! dated catalogue this file writes; pubcat never computes its own expectation here.
//!
//! Exit statuses (docs/CLI.md): 0 success (also when the reader of standard output closed it
//! early), 1 a file problem (corrupt, not a catalogue, I/O, conflict), 2 a clap usage error
//! (an unknown value of an option with fixed values, a write command with `--read-only`),
//! 3 not found, 4 invalid input or query, 5 `check` found damage. A panic (101) is never
//! acceptable: every run asserts it did not happen.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

mod common;
use common::{Out, TempDir};

// ---------------------------------------------------------------------------------------
// The demo's publications (examples/data/demo-catalog.json), in file order.

const ENABLING: &str = "madini-enabling-environment-review";
const KIVU: &str = "madini-conflict-analysis-south-kivu-ituri";
const COBALT: &str = "ipis-dd-cobalt-3t-comparative-analysis";
const EU: &str = "eu-conflict-minerals-regulation-review-paper";
const PERC_FR: &str = "conflict-minerals-perceptions-fr";
const PERC_EN: &str = "conflict-minerals-perceptions-en";
const M23: &str = "ipis-mapping-conflict-motives-m23-2012";
const ALL: [&str; 7] = [ENABLING, KIVU, COBALT, EU, PERC_FR, PERC_EN, M23];

/// The demo's default order (newest first): the one dated publication (M23, 2012), then the
/// undated ones by insertion id, last inserted first.
const NEWEST_FIRST: [&str; 7] = [M23, PERC_EN, PERC_FR, EU, COBALT, KIVU, ENABLING];

const LISTING: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/data/ipis-partner-listing.txt"
);

// ---------------------------------------------------------------------------------------
// Helpers: a temporary folder, running the binary, reading its output.

// TempDir and Out: tests/common/mod.rs.

/// `pubcat ARGS` to run in `dir`, without `PUBCAT_DB`.
fn pubcat<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pubcat"));
    command.args(args).current_dir(dir).env_remove("PUBCAT_DB");
    command
}

/// Runs `pubcat ARGS` in `dir`, without `PUBCAT_DB`; asserts it did not panic.
fn run<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Out {
    let output = pubcat(dir, args).output().unwrap();
    finish(args, output)
}

/// Runs `pubcat ARGS` in `dir` with `input` on its standard input; asserts it did not panic.
fn run_with_stdin<S: AsRef<OsStr>>(dir: &Path, args: &[S], input: &[u8]) -> Out {
    feed(pubcat(dir, args), args, input)
}

/// Runs `command` (`pubcat ARGS`) with `input` on its standard input; asserts it did not
/// panic.
fn feed<S: AsRef<OsStr>>(mut command: Command, args: &[S], input: &[u8]) -> Out {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // Written from a thread: the child may fill its output pipes before reading it all.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    finish(args, output)
}

/// Runs `pubcat ARGS` in `dir` with the environment variables `vars` set (and `VISUAL`,
/// `EDITOR`, `TMPDIR` removed unless given); asserts it did not panic.
fn run_env<S: AsRef<OsStr>>(dir: &Path, args: &[S], vars: &[(&str, &OsStr)]) -> Out {
    let mut command = pubcat(dir, args);
    for name in ["VISUAL", "EDITOR", "TMPDIR"] {
        command.env_remove(name);
    }
    command.envs(vars.iter().copied());
    finish(args, command.output().unwrap())
}

/// Runs `pubcat ARGS` in `dir` as `pubcat ARGS | head -N` would: reads `lines` lines of its
/// standard output (0: none), then closes the pipe while the command may still be writing.
/// Returns the exit status and standard error.
fn run_closing_stdout<S: AsRef<OsStr>>(dir: &Path, args: &[S], lines: usize) -> (i32, String) {
    let mut child = pubcat(dir, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    for _ in 0..lines {
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
    }
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    (output.status.code().expect("killed by a signal"), stderr)
}

/// The outcome of a finished run, asserted not to be a panic.
fn finish<S: AsRef<OsStr>>(args: &[S], output: std::process::Output) -> Out {
    let out = Out {
        args: args
            .iter()
            .map(|a| a.as_ref().to_string_lossy().into_owned())
            .collect(),
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

/// A catalogue file, and the folder the commands run in.
struct Cat {
    dir: PathBuf,
    db: PathBuf,
}

impl Cat {
    /// `pubcat --db DB ARGS`.
    fn run(&self, args: &[&str]) -> Out {
        let mut all: Vec<&OsStr> = vec!["--db".as_ref(), self.db.as_os_str()];
        all.extend(args.iter().map(OsStr::new));
        run(&self.dir, &all)
    }

    /// `pubcat --db DB search ARGS --json`, asserting success.
    fn search(&self, args: &[&str]) -> Value {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.push("--json");
        self.run(&all).ok().json()
    }

    /// The uids of every hit of `search ARGS` (one page of up to 1000), in order.
    fn uids(&self, args: &[&str]) -> Vec<String> {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--limit", "1000"]);
        let page = self.search(&all);
        let hits = hit_uids(&page);
        assert_eq!(page["total"].as_u64(), Some(hits.len() as u64), "{args:?}");
        assert!(page["next_cursor"].is_null(), "{args:?}");
        hits
    }

    /// Imports `file`, asserting success; returns the first line of the summary, the totals
    /// (`added N, updated N, unchanged N`; the counts per kind of record follow it).
    fn import(&self, file: &Path) -> String {
        let out = self.run(&["import", file.to_str().unwrap()]).ok();
        out.stdout.lines().next().unwrap_or_default().to_owned()
    }

    /// Names and contents of the catalogue file and its SQLite companions (`-wal`, ...): to
    /// assert that a refused command left them unchanged.
    fn files(&self) -> Vec<(String, Vec<u8>)> {
        let name = self.db.file_name().unwrap().to_string_lossy().into_owned();
        dir_state(self.db.parent().unwrap())
            .into_iter()
            .filter(|(file, _)| file.starts_with(&name))
            .collect()
    }

    /// Runs `ARGS`, asserting exit status `code`, an error of `kind` and that the catalogue
    /// files are unchanged; returns the output.
    fn refused(&self, args: &[&str], code: i32, kind: &str) -> Out {
        let before = self.files();
        let out = self.run(args).fails(code);
        assert_eq!(out.kind(), kind, "{out:#?}");
        assert!(self.files() == before, "{args:?} changed the catalogue");
        out
    }
}

/// Builds the demo catalogue with `pubcat demo --db DIR/demo.db`.
fn demo(dir: &TempDir) -> Cat {
    let db = dir.path("demo.db");
    run(
        &dir.0,
        &[OsStr::new("demo"), "--db".as_ref(), db.as_os_str()],
    )
    .ok();
    Cat {
        dir: dir.0.clone(),
        db,
    }
}

/// A new catalogue at DIR/name, created with `pubcat --db DIR/name init`: no records but
/// the vocabularies shipped with pubcat (so imports into it tag automatically).
fn empty(dir: &TempDir, name: &str) -> Cat {
    let cat = Cat {
        dir: dir.0.clone(),
        db: dir.path(name),
    };
    cat.run(&["init"]).ok();
    cat
}

/// A new catalogue at DIR/name with nothing in it at all, not even vocabularies: `pubcat
/// --db DIR/name init --no-vocabularies`. For tests whose counts (records, change versions,
/// concepts) are those of the files they import alone.
fn bare(dir: &TempDir, name: &str) -> Cat {
    let cat = Cat {
        dir: dir.0.clone(),
        db: dir.path(name),
    };
    cat.run(&["init", "--no-vocabularies"]).ok();
    cat
}

fn hit_uids(page: &Value) -> Vec<String> {
    page["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["uid"].as_str().unwrap().to_owned())
        .collect()
}

/// The uids of a native JSON document's publications, in order.
fn doc_uids(doc: &Value) -> Vec<String> {
    doc["publications"]
        .as_array()
        .expect("publications")
        .iter()
        .map(|p| p["uid"].as_str().unwrap().to_owned())
        .collect()
}

fn set<S: AsRef<str>>(items: &[S]) -> BTreeSet<String> {
    items.iter().map(|s| s.as_ref().to_owned()).collect()
}

/// Follows `next_cursor` from the first page of `search ARGS --limit LIMIT`; checks each
/// page and returns the uids of all pages in order.
fn follow_pages(cat: &Cat, args: &[&str], limit: usize) -> Vec<String> {
    let limit_text = limit.to_string();
    let mut uids = Vec::new();
    let mut cursor: Option<String> = None;
    let mut total = None;
    for _ in 0..10_000 {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--limit", &limit_text]);
        if let Some(c) = &cursor {
            all.extend_from_slice(&["--cursor", c]);
        }
        let page = cat.search(&all);
        let hits = hit_uids(&page);
        // Every page reports the same total.
        let page_total = page["total"].as_u64().unwrap();
        assert_eq!(*total.get_or_insert(page_total), page_total, "{args:?}");
        uids.extend(hits.iter().cloned());
        match page["next_cursor"].as_str() {
            Some(next) => {
                assert_eq!(hits.len(), limit, "{args:?}: a short page before the end");
                cursor = Some(next.to_owned());
            }
            None => {
                assert!(hits.len() <= limit, "{args:?}");
                assert_eq!(Some(uids.len() as u64), total, "{args:?}: pages miss hits");
                return uids;
            }
        }
    }
    panic!("{args:?}: the cursors never end");
}

/// Asserts that the pages of `search ARGS --limit LIMIT` (at least four), followed by their
/// cursors, hold no duplicate and concatenate to the one page of `search ARGS`.
fn assert_pages_equal_one_page(cat: &Cat, args: &[&str], limit: usize) {
    let paged = follow_pages(cat, args, limit);
    let whole = cat.uids(args);
    assert!(
        whole.len() > 3 * limit,
        "{args:?}: only {} hits",
        whole.len()
    );
    assert_eq!(
        set(&paged).len(),
        paged.len(),
        "{args:?}: duplicates across pages"
    );
    assert_eq!(paged, whole, "{args:?}: pages differ from one page");
}

/// A catalogue of 200 generated publications (`pubcat generate`, then `pubcat import`).
fn corpus(dir: &TempDir) -> Cat {
    let file = dir.path("corpus.jsonl");
    let args = [
        OsStr::new("generate"),
        "--count".as_ref(),
        "200".as_ref(),
        "--out".as_ref(),
        file.as_os_str(),
    ];
    run(&dir.0, &args).ok();
    let cat = empty(dir, "corpus.db");
    cat.import(&file);
    assert_eq!(
        cat.run(&["stats", "--json"]).ok().json()["publications"],
        200
    );
    cat
}

/// Keys of BibTeX entries (`@type{key,`).
fn bibtex_keys(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with('@'))
        .map(|l| {
            let (_, rest) = l.split_once('{').expect("entry key");
            rest.trim_end_matches(',').to_owned()
        })
        .collect()
}

/// Values of RIS tag `tag` (`ID  - value`).
fn ris_values(text: &str, tag: &str) -> Vec<String> {
    let prefix = format!("{tag}  - ");
    text.lines()
        .filter_map(|l| l.strip_prefix(&prefix))
        .map(|v| v.trim_end().to_owned())
        .collect()
}

/// The first field of every record of an RFC 4180 CSV text, header included.
fn csv_first_column(text: &str) -> Vec<String> {
    let mut records = Vec::new();
    let (mut field, mut first, mut quoted, mut at_start) = (String::new(), None, false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if at_start => quoted = true,
            ',' if !quoted => {
                first.get_or_insert(std::mem::take(&mut field));
            }
            '\r' if !quoted => {}
            '\n' if !quoted => {
                records.push(first.take().unwrap_or(std::mem::take(&mut field)));
                field.clear();
            }
            c => field.push(c),
        }
        at_start = matches!(c, ',' | '\n') && !quoted;
    }
    if !field.is_empty() || first.is_some() {
        records.push(first.unwrap_or(field));
    }
    records
}

/// Writes a flipped run of bytes at the start of the (1-based) pages of `file`.
fn corrupt_pages(file: &Path, pages: impl IntoIterator<Item = usize>) {
    let mut bytes = std::fs::read(file).unwrap();
    let page = 4096;
    for p in pages {
        assert!(p >= 2 && p * page <= bytes.len(), "page {p}");
        for b in &mut bytes[(p - 1) * page..(p - 1) * page + 64] {
            *b ^= 0xff;
        }
    }
    std::fs::write(file, bytes).unwrap();
}

/// The root pages of the schema objects of `file` named in `names` (read before damaging it).
fn root_pages(file: &Path, names: &[&str]) -> Vec<usize> {
    let conn = rusqlite::Connection::open(file).unwrap();
    names
        .iter()
        .map(|name| {
            conn.query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
                [name],
                |row| row.get::<_, i64>(0),
            )
            .unwrap() as usize
        })
        .collect()
}

/// The schema's own pages other than page 1 (the leaves of `sqlite_schema` when it spans
/// several pages): page 1's interior cells point at them.
fn schema_leaf_pages(file: &Path) -> Vec<usize> {
    let bytes = std::fs::read(file).unwrap();
    // Page 1: the 100-byte file header, then the b-tree page header of sqlite_schema.
    let header = &bytes[100..112];
    assert_eq!(
        header[0], 0x05,
        "sqlite_schema fits one page: no leaves to damage"
    );
    let cells = u16::from_be_bytes([header[3], header[4]]) as usize;
    let right_most = u32::from_be_bytes([header[8], header[9], header[10], header[11]]);
    let mut pages: Vec<usize> = (0..cells)
        .map(|i| {
            let at = u16::from_be_bytes([bytes[112 + 2 * i], bytes[113 + 2 * i]]) as usize;
            u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize
        })
        .collect();
    pages.push(right_most as usize);
    pages
}

/// Names and contents of the files of `dir`.
fn dir_state(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    files.sort();
    files
}

// ---------------------------------------------------------------------------------------
// A small dated catalogue, for date sorts and --from/--to.
//
// uid              date        lower bound   upper bound   inserted
// y2019            2019        2019-01-01    2019-12-31    1
// m2021-07         2021-07     2021-07-01    2021-07-31    2
// d2021-07-15      2021-07-15  2021-07-15    2021-07-15    3
// i2016-2017       2016/2017   2016-01-01    2017-12-31    4
// a2012            2012~       2012-01-01    2012-12-31    5
// undated          -           -             -             6
// m2019-01         2019-01     2019-01-01    2019-01-31    7   (same lower bound as y2019)

const DATED: &str = r#"{
  "format": "pubcat",
  "version": 1,
  "publications": [
    {"uid": "y2019", "language": "en", "title": "Gold trade in 2019", "kind": "report", "date": "2019"},
    {"uid": "m2021-07", "language": "en", "title": "Gold trade in July 2021", "kind": "report", "date": "2021-07"},
    {"uid": "d2021-07-15", "language": "fr", "title": "Le commerce de l'or le 15 juillet 2021", "kind": "briefing", "date": "2021-07-15"},
    {"uid": "i2016-2017", "language": "en", "title": "Gold trade from 2016 to 2017", "kind": "report", "date": "2016/2017"},
    {"uid": "a2012", "language": "en", "title": "Gold trade around 2012", "kind": "map", "date": "2012~"},
    {"uid": "undated", "language": "en", "title": "Gold trade at some time", "kind": "report"},
    {"uid": "m2019-01", "language": "en", "title": "Gold trade in January 2019", "kind": "report", "date": "2019-01"}
  ]
}"#;

/// A catalogue holding [`DATED`] and nothing else (no vocabularies: its change log starts
/// with the import), imported with `pubcat import`.
fn dated(dir: &TempDir) -> Cat {
    let file = dir.path("dated.json");
    std::fs::write(&file, DATED).unwrap();
    let cat = bare(dir, "dated.db");
    assert_eq!(cat.import(&file), "added 7, updated 0, unchanged 0");
    cat
}

// ---------------------------------------------------------------------------------------
// demo, stats

#[test]
fn demo_builds_the_catalogue_and_tours_it() {
    let dir = TempDir::new("demo");
    let db = dir.path("demo.db");
    let args = [OsStr::new("demo"), "--db".as_ref(), db.as_os_str()];
    let out = run(&dir.0, &args).ok();
    assert!(db.exists());
    let text = &out.stdout;
    assert!(text.starts_with(&format!("Demo catalogue written to {}\n", db.display())));
    for line in [
        "  7 publications in 6 works, 3 agents, 1 projects, 2 series, 232 concepts",
        "  languages: en 6, fr 1",
        "Project Madini (partners: IPIS, Levin Sources)",
        "  [fr] Initiatives en matière de ‘minerais de conflit’ en RD Congo: perceptions des communautés minières locales",
        "  6 works",
    ] {
        assert!(text.lines().any(|l| l == line), "no line {line:?} in\n{text}");
    }
    assert!(text.contains("[cobalt]"), "{text}");

    // Running it again replaces the demo.
    run(&dir.0, &args).ok();
    let cat = Cat {
        dir: dir.0.clone(),
        db: db.clone(),
    };
    assert_eq!(set(&cat.uids(&[])), set(&ALL));

    // Without --db it writes pubcat-demo.db in the current folder.
    run(&dir.0, &["demo"]).ok();
    assert!(dir.path("pubcat-demo.db").exists());

    // It never replaces a file that is not a catalogue.
    let other = dir.path("notes.txt");
    std::fs::write(&other, "my notes\n").unwrap();
    let out = run(
        &dir.0,
        &[OsStr::new("demo"), "--db".as_ref(), other.as_os_str()],
    )
    .fails(1);
    assert_eq!(out.kind(), "not_a_catalog");
    assert_eq!(std::fs::read(&other).unwrap(), b"my notes\n");
}

#[test]
fn stats_counts_the_demo() {
    let dir = TempDir::new("stats");
    let cat = demo(&dir);
    let stats = cat.run(&["stats", "--json"]).ok().json();
    for (field, n) in [
        ("publications", 7),
        ("works", 6),
        ("multilingual_works", 1),
        ("agents", 3),
        ("projects", 1),
        ("series", 2),
        ("concepts", 232),
        ("relations", 0),
    ] {
        assert_eq!(stats[field].as_u64(), Some(n), "{field}: {stats}");
    }
    assert_eq!(stats["by_language"], serde_json::json!({"en": 6, "fr": 1}));
    assert_eq!(
        stats["by_kind"],
        serde_json::json!({"report": 6, "review_paper": 1})
    );
    assert_eq!(stats["by_year"], serde_json::json!({"2012": 1}));

    let text = cat.run(&["stats"]).ok().stdout;
    for line in [
        "publications       7   (6 works, 1 in several languages)",
        "concepts         232",
        "by language   en 6, fr 1",
        "by kind       report 6, review_paper 1",
        "by year       2012 1",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "no line {line:?} in\n{text}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// search

#[test]
fn search_text_finds_words_phrases_prefixes_and_exclusions() {
    let dir = TempDir::new("search-text");
    let cat = demo(&dir);

    let out = cat.run(&["search", "cobalt"]).ok();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], "1 match(es)");
    assert_eq!(
        lines[1],
        "  1. [en] Comparative analysis between cobalt and 3T sourcing from the DRC (report, n.d.)"
    );
    assert_eq!(lines[2], format!("     uid {COBALT} · IPIS"));
    assert!(lines[3].contains("[cobalt]"), "{}", out.stdout);

    let page = cat.search(&["cobalt"]);
    assert_eq!(hit_uids(&page), [COBALT]);
    assert_eq!(page["total"], 1);
    assert!(page["hits"][0]["score"].as_f64().unwrap() > 0.0);
    let snippet = page["hits"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<mark>cobalt</mark>"), "{snippet}");

    // "gold": the enabling-environment review (summary and concept).
    assert_eq!(cat.uids(&["gold"]), [ENABLING]);
    assert_eq!(
        set(&cat.uids(&["gold OR cobalt"])),
        set(&[ENABLING, COBALT])
    );
    assert_eq!(cat.uids(&["gold cobalt"]), Vec::<String>::new());
    assert_eq!(cat.uids(&["cobal*"]), [COBALT]);
    // The phrase "conflict minerals": the two perceptions versions (title, concept) and the
    // EU review; the Madini analysis has "so-called ‘conflict minerals’" in its summary.
    assert_eq!(
        set(&cat.uids(&["\"conflict minerals\""])),
        set(&[PERC_FR, PERC_EN, EU, KIVU])
    );
    // An exclusion alone: everything but (after `--`, or clap takes it for a flag).
    let out = cat.run(&["search", "--json", "--limit", "1000", "--", "-cobalt"]);
    let uids = hit_uids(&out.ok().json());
    assert_eq!(
        set(&uids),
        set(&[ENABLING, KIVU, EU, PERC_FR, PERC_EN, M23])
    );
    // "Sud-Kivu" is the French label of the Madini analysis' place concept.
    assert_eq!(cat.uids(&["Sud-Kivu"]), [KIVU]);
}

#[test]
fn search_prefer_collapses_works_and_counts_facets() {
    let dir = TempDir::new("search-prefer");
    let cat = demo(&dir);
    let page = cat.search(&["--prefer", "fr,en", "--facets", "language,kind,place"]);
    assert_eq!(page["total"], 6);
    assert_eq!(
        hit_uids(&page),
        [M23, PERC_FR, EU, COBALT, KIVU, ENABLING],
        "one per work, the French version of the perceptions"
    );
    let fr = &page["hits"][1];
    assert_eq!(fr["language"], "fr");
    assert_eq!(fr["other_languages"][0]["uid"], PERC_EN);

    let counts = |facet: &str| -> BTreeSet<(String, u64)> {
        page["facets"][facet]
            .as_array()
            .unwrap_or_else(|| panic!("no facet {facet}: {page}"))
            .iter()
            .map(|c| {
                (
                    c["value"].as_str().unwrap().to_owned(),
                    c["count"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let expect = |pairs: &[(&str, u64)]| -> BTreeSet<(String, u64)> {
        pairs.iter().map(|(v, n)| ((*v).to_owned(), *n)).collect()
    };
    assert_eq!(counts("language"), expect(&[("en", 5), ("fr", 1)]));
    assert_eq!(
        counts("kind"),
        expect(&[("report", 5), ("review_paper", 1)])
    );
    // Places attached directly (not their broader ones), over the collapsed works.
    assert_eq!(
        counts("place"),
        expect(&[
            ("eastern-drc", 2),
            ("dr-congo", 1),
            ("eu", 1),
            ("goma", 1),
            ("ituri", 1),
            ("south-kivu", 1),
        ])
    );
    assert_eq!(page["facets"]["place"][0]["value"], "eastern-drc");
    assert_eq!(page["facets"]["place"][0]["label"], "Est de la RDC");
    assert_eq!(page["facets"].as_object().unwrap().len(), 3);

    let text = cat
        .run(&[
            "search",
            "--prefer",
            "fr,en",
            "--facets",
            "language,kind,place",
        ])
        .ok()
        .stdout;
    assert!(text.starts_with("6 match(es)\n"), "{text}");
    for line in [
        "language: en (5), fr (1)",
        "kind: report (5), review_paper (1)",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "no line {line:?} in\n{text}"
        );
    }
    assert!(
        text.contains(&format!("uid {PERC_FR} · IPIS · also in en")),
        "{text}"
    );
}

#[test]
fn search_concept_sorted_newest_first_as_json() {
    let dir = TempDir::new("search-concept");
    let cat = demo(&dir);
    let page = cat.search(&["--concept", "eastern-drc", "--sort", "date_desc"]);
    // eastern-drc itself, or South Kivu / Ituri / Goma (North Kivu) below it.
    assert_eq!(hit_uids(&page), [M23, PERC_EN, PERC_FR, KIVU, ENABLING]);
    assert_eq!(page["total"], 5);
    assert!(page["next_cursor"].is_null());
    let m23 = &page["hits"][0];
    assert_eq!(m23["date"], "2012");
    assert_eq!(m23["year"], 2012);
    assert_eq!(m23["kind"], "report");
    assert_eq!(m23["authors"], serde_json::json!(["IPIS"]));
    assert!(m23["snippet"].is_null());
    assert_eq!(page["hits"][3]["projects"][0]["uid"], "madini");
}

#[test]
fn search_pages_follow_cursors_without_gaps_or_duplicates() {
    let dir = TempDir::new("search-cursor");
    let cat = demo(&dir);

    // README: "Sud-Kivu" --lang en --limit 5: one page.
    let page = cat.search(&["Sud-Kivu", "--lang", "en", "--limit", "5"]);
    assert_eq!(hit_uids(&page), [KIVU]);
    assert!(page["next_cursor"].is_null());

    // The demo's six English publications, two per page.
    let first = cat.search(&["--lang", "en", "--limit", "2"]);
    assert_eq!(hit_uids(&first), [M23, PERC_EN]);
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = cat.search(&["--lang", "en", "--limit", "2", "--cursor", cursor]);
    assert_eq!(hit_uids(&second), [EU, COBALT]);
    let cursor2 = second["next_cursor"].as_str().unwrap();
    let third = cat.search(&["--lang", "en", "--limit", "2", "--cursor", cursor2]);
    assert_eq!(hit_uids(&third), [KIVU, ENABLING]);
    assert!(third["next_cursor"].is_null());
    // The text output prints the cursor to continue with.
    let text = cat
        .run(&["search", "--lang", "en", "--limit", "2"])
        .ok()
        .stdout;
    assert!(
        text.ends_with(&format!("more: --cursor {cursor}\n")),
        "{text}"
    );
    // A cursor belongs to its query.
    let out = cat
        .run(&["search", "--lang", "fr", "--limit", "2", "--cursor", cursor])
        .fails(4);
    assert_eq!(out.kind(), "invalid_query");
    cat.run(&["search", "--cursor", "garbage"]).fails(4);

    // A generated corpus: many pages, several orders, each equal to one big page.
    let big = corpus(&dir);
    let orders: [(&[&str], usize); 5] = [
        (&["--lang", "en"], 5),
        (&["mine*", "--sort", "date_asc"], 9),
        (&["mine*", "--sort", "date_desc"], 9),
        (&["--prefer", "fr,en", "--sort", "title"], 11),
        (
            &[
                "gold OR conflict",
                "--prefer",
                "sw,fr",
                "--sort",
                "date_desc",
            ],
            6,
        ),
    ];
    for (args, limit) in orders {
        assert_pages_equal_one_page(&big, args, limit);
    }
}

#[test]
fn search_relevance_pages_follow_cursors_without_gaps_or_duplicates() {
    // Each `pubcat` run is a new process, so the ranking snapshot of the first page is gone
    // and later pages rely on the keyset (score, id) in the cursor, which must be exact. The
    // cursor's score is JSON parsed by serde_json without `float_roundtrip`: here
    // 1.8390122472089454e-6 comes back as 1.8390122472089456e-6, so the last hit of a page
    // is repeated on the next one (or, when the error goes the other way, ties are skipped).
    let dir = TempDir::new("search-relevance-cursor");
    let big = corpus(&dir);
    let orders: [(&[&str], usize); 3] = [
        (&["mine*"], 7),
        (&["mining OR gold", "--sort", "relevance"], 5),
        (&["gold OR conflict", "--prefer", "sw,fr"], 6),
    ];
    for (args, limit) in orders {
        assert_pages_equal_one_page(&big, args, limit);
    }
}

#[test]
fn hostile_search_text_is_text_never_a_crash() {
    let dir = TempDir::new("search-hostile");
    let cat = demo(&dir);
    // Words are searched as words, operators and punctuation as nothing: exit 0 each time.
    let all_but_fr: Vec<&str> = ALL.iter().copied().filter(|u| *u != PERC_FR).collect();
    let cases: [(&str, &[&str]); 12] = [
        ("\"abc", &[]),       // an unterminated phrase runs to the end: "abc"
        ("AND", &all_but_fr), // the word "and", in every English publication
        ("NOT", &[]),         // the word "not"
        ("NEAR(", &[]),       // the word "near"
        ("title:x", &[]),     // the phrase "title x"
        ("OR", &ALL),         // a lone OR is ignored: no text
        ("(", &ALL),          // no token: no text
        ("\"", &ALL),         // an empty phrase
        ("*", &ALL),          // a bare prefix
        ("'; DROP TABLE publication; --", &[]),
        ("", &ALL),
        ("\\ % _ {} ^", &ALL),
    ];
    for (text, expected) in cases {
        let uids = cat.uids(&[text]);
        assert_eq!(set(&uids), set(expected), "search {text:?}");
    }
    // A leading `-` is a flag to clap: a usage error, not a search.
    let out = cat.run(&["search", "-cobalt"]).fails(2);
    assert!(out.stderr.contains("Usage"), "{out:#?}");
    // The catalogue is intact.
    assert_eq!(cat.uids(&[]).len(), 7);
}

// ---------------------------------------------------------------------------------------
// Filters, on the demo (and the dated catalogue for dates). Each filter alone, then with
// others: values of one filter are alternatives, filters together must all hold.

#[test]
fn filter_lang() {
    let dir = TempDir::new("filter-lang");
    let cat = demo(&dir);
    assert_eq!(cat.uids(&["--lang", "fr"]), [PERC_FR]);
    let en: Vec<&str> = NEWEST_FIRST
        .iter()
        .copied()
        .filter(|u| *u != PERC_FR)
        .collect();
    assert_eq!(cat.uids(&["--lang", "en"]), en);
    assert_eq!(set(&cat.uids(&["--lang", "en", "--lang", "fr"])), set(&ALL));
    assert_eq!(cat.uids(&["--lang", "sw"]), Vec::<String>::new());
    assert_eq!(cat.uids(&["minerais", "--lang", "fr"]), [PERC_FR]);
    let out = cat.run(&["search", "--lang", "xx!"]).fails(4);
    assert_eq!(out.kind(), "invalid_query");
}

#[test]
fn filter_kind() {
    let dir = TempDir::new("filter-kind");
    let cat = demo(&dir);
    assert_eq!(cat.uids(&["--kind", "review_paper"]), [EU]);
    assert_eq!(
        set(&cat.uids(&["--kind", "report"])),
        set(&[ENABLING, KIVU, COBALT, PERC_FR, PERC_EN, M23])
    );
    assert_eq!(
        set(&cat.uids(&["--kind", "report", "--kind", "review_paper"])),
        set(&ALL)
    );
    assert_eq!(cat.uids(&["--kind", "map"]), Vec::<String>::new());
    assert_eq!(cat.uids(&["conflict", "--kind", "review_paper"]), [EU]);
    // A kind pubcat does not know: a usage error naming it and the kinds it knows.
    let out = cat.run(&["search", "--kind", "novel"]).fails(2);
    assert!(
        out.stderr.contains("'novel'") && out.stderr.contains("review_paper"),
        "{out:#?}"
    );
}

#[test]
fn filter_project() {
    let dir = TempDir::new("filter-project");
    let cat = demo(&dir);
    assert_eq!(cat.uids(&["--project", "madini"]), [KIVU, ENABLING]);
    assert_eq!(cat.uids(&["Ituri", "--project", "madini"]), [KIVU]);
    let out = cat.run(&["search", "--project", "nope"]).fails(4);
    assert!(out.stderr.contains("unknown uid `nope`"), "{out:#?}");
}

#[test]
fn filter_series() {
    let dir = TempDir::new("filter-series");
    let cat = demo(&dir);
    assert_eq!(cat.uids(&["--series", "ipis-due-diligence"]), [COBALT]);
    assert_eq!(cat.uids(&["--series", "mapping-conflict-motives"]), [M23]);
    assert_eq!(
        set(&cat.uids(&[
            "--series",
            "ipis-due-diligence",
            "--series",
            "mapping-conflict-motives"
        ])),
        set(&[COBALT, M23])
    );
    cat.run(&["search", "--series", "nope"]).fails(4);
}

#[test]
fn filter_agent_and_role() {
    let dir = TempDir::new("filter-agent");
    let cat = demo(&dir);
    // IPIS: author of three, partner of the EU review, publisher of both perceptions.
    assert_eq!(
        set(&cat.uids(&["--agent", "ipis"])),
        set(&[KIVU, COBALT, EU, PERC_FR, PERC_EN, M23])
    );
    assert_eq!(cat.uids(&["--agent", "levin-sources"]), [ENABLING]);
    assert_eq!(
        set(&cat.uids(&["--agent", "ipis", "--agent", "levin-sources"])),
        set(&ALL)
    );
    assert_eq!(
        set(&cat.uids(&["--agent", "ipis", "--role", "author"])),
        set(&[KIVU, COBALT, M23])
    );
    assert_eq!(
        set(&cat.uids(&["--agent", "ipis", "--role", "publisher"])),
        set(&[PERC_FR, PERC_EN])
    );
    assert_eq!(cat.uids(&["--agent", "ipis", "--role", "partner"]), [EU]);
    assert_eq!(
        set(&cat.uids(&["--agent", "ipis", "--role", "author", "--role", "partner"])),
        set(&[KIVU, COBALT, M23, EU])
    );
    assert_eq!(
        cat.uids(&["--agent", "european-ngo-coalition", "--role", "author"]),
        [EU]
    );
    assert_eq!(
        cat.uids(&["--agent", "ipis", "--role", "editor"]),
        Vec::<String>::new()
    );
    assert_eq!(
        cat.uids(&["--agent", "ipis", "--role", "author", "--lang", "en", "cobalt"]),
        [COBALT]
    );
    let out = cat.run(&["search", "--agent", "nobody"]).fails(4);
    assert!(out.stderr.contains("`nobody`"), "{out:#?}");
    // A role pubcat does not know: a usage error naming it and the roles it knows.
    let out = cat
        .run(&["search", "--agent", "ipis", "--role", "boss"])
        .fails(2);
    assert!(
        out.stderr.contains("'boss'") && out.stderr.contains("translator"),
        "{out:#?}"
    );
}

#[test]
fn filter_role_without_agent_means_any_contributor_in_that_role() {
    let dir = TempDir::new("filter-role-alone");
    let cat = demo(&dir);
    assert_eq!(
        set(&cat.uids(&["--role", "publisher"])),
        set(&[PERC_FR, PERC_EN])
    );
    assert_eq!(cat.uids(&["--role", "partner"]), [EU]);
    assert_eq!(
        set(&cat.uids(&["--role", "partner", "--role", "publisher"])),
        set(&[EU, PERC_FR, PERC_EN])
    );
    assert_eq!(cat.uids(&["--role", "translator"]), Vec::<String>::new());
}

#[test]
fn filter_concept() {
    let dir = TempDir::new("filter-concept");
    let cat = demo(&dir);
    // A concept matches its narrower concepts, at any depth.
    assert_eq!(
        set(&cat.uids(&["--concept", "eastern-drc"])),
        set(&[ENABLING, KIVU, PERC_FR, PERC_EN, M23])
    );
    assert_eq!(cat.uids(&["--concept", "north-kivu"]), [M23]);
    assert_eq!(cat.uids(&["--concept", "south-kivu"]), [KIVU]);
    assert_eq!(
        set(&cat.uids(&["--concept", "dr-congo"])),
        set(&[ENABLING, KIVU, COBALT, PERC_FR, PERC_EN, M23])
    );
    assert_eq!(
        set(&cat.uids(&["--concept", "3t"])),
        set(&[ENABLING, COBALT])
    );
    assert_eq!(cat.uids(&["--concept", "tin"]), Vec::<String>::new());
    assert_eq!(
        set(&cat.uids(&["--concept", "due-diligence"])),
        set(&[ENABLING, COBALT, EU])
    );
    // OR within a scheme (minerals), AND across schemes.
    assert_eq!(
        set(&cat.uids(&["--concept", "gold", "--concept", "cobalt"])),
        set(&[ENABLING, COBALT])
    );
    assert_eq!(
        cat.uids(&["--concept", "3t", "--concept", "eastern-drc"]),
        [ENABLING]
    );
    assert_eq!(
        cat.uids(&["--concept", "conflict-minerals", "--concept", "eu"]),
        [EU]
    );
    assert_eq!(
        cat.uids(&["--concept", "conflict-analysis", "--concept", "m23"]),
        [M23]
    );
    let out = cat.run(&["search", "--concept", "atlantis"]).fails(4);
    assert!(out.stderr.contains("`atlantis`"), "{out:#?}");
}

#[test]
fn filter_prefer() {
    let dir = TempDir::new("filter-prefer");
    let cat = demo(&dir);
    let others = [M23, EU, COBALT, KIVU, ENABLING];
    assert_eq!(set(&cat.uids(&["--prefer", "fr,en"])), {
        let mut s = set(&others);
        s.insert(PERC_FR.into());
        s
    });
    assert_eq!(set(&cat.uids(&["--prefer", "en,fr"])), {
        let mut s = set(&others);
        s.insert(PERC_EN.into());
        s
    });
    assert!(cat.uids(&["--prefer", "fr"]).contains(&PERC_FR.to_owned()));
    // A regional tag falls back to its language.
    assert!(cat
        .uids(&["--prefer", "fr-CD"])
        .contains(&PERC_FR.to_owned()));
    // Language filters come first: only French, so the French version.
    assert_eq!(cat.uids(&["--lang", "fr", "--prefer", "en"]), [PERC_FR]);
    // The total counts works.
    let page = cat.search(&["perceptions", "--prefer", "en,fr"]);
    assert_eq!(hit_uids(&page), [PERC_EN]);
    assert_eq!(page["total"], 1);
    assert_eq!(page["hits"][0]["other_languages"][0]["uid"], PERC_FR);
}

#[test]
fn filter_from_to_on_dated_publications() {
    let dir = TempDir::new("filter-dates");
    let cat = dated(&dir);
    // A publication matches when its span overlaps [lower(from), upper(to)]; undated never.
    let cases: [(&[&str], &[&str]); 11] = [
        (&["--from", "2019", "--to", "2019"], &["y2019", "m2019-01"]),
        (
            &["--from", "2017"],
            &["y2019", "m2021-07", "d2021-07-15", "i2016-2017", "m2019-01"],
        ),
        (&["--to", "2016"], &["i2016-2017", "a2012"]),
        (&["--to", "2015-12-31"], &["a2012"]),
        (
            &["--from", "2021-07-10", "--to", "2021-07-20"],
            &["m2021-07", "d2021-07-15"],
        ),
        (&["--from", "2021-07-16"], &["m2021-07"]),
        (&["--from", "2012", "--to", "2012"], &["a2012"]),
        (&["--from", "2013", "--to", "2015"], &[]),
        (&["--from", "2017-12-31", "--to", "2018"], &["i2016-2017"]),
        (&["--from", "2019-02", "--to", "2019-02"], &["y2019"]),
        (&["--from", "2021", "--lang", "fr"], &["d2021-07-15"]),
    ];
    for (args, expected) in cases {
        assert_eq!(set(&cat.uids(args)), set(expected), "{args:?}");
    }
    let out = cat
        .run(&["search", "--from", "2020", "--to", "2019"])
        .fails(4);
    assert!(out.stderr.contains("after"), "{out:#?}");
    let out = cat.run(&["search", "--from", "never"]).fails(4);
    assert!(out.stderr.contains("`never`"), "{out:#?}");

    // The demo: only M23 (2012) is dated.
    let demo_dir = TempDir::new("filter-dates-demo");
    let demo = demo(&demo_dir);
    assert_eq!(demo.uids(&["--from", "2010", "--to", "2013"]), [M23]);
    assert_eq!(demo.uids(&["--from", "2013"]), Vec::<String>::new());
}

#[test]
fn sort_orders() {
    let dir = TempDir::new("sort");
    let cat = dated(&dir);
    // date_desc: lower bound descending, then insertion id descending; undated last.
    let desc = [
        "d2021-07-15",
        "m2021-07",
        "m2019-01",
        "y2019",
        "i2016-2017",
        "a2012",
        "undated",
    ];
    // date_asc: lower bound ascending, then insertion id ascending; undated last.
    let asc = [
        "a2012",
        "i2016-2017",
        "y2019",
        "m2019-01",
        "m2021-07",
        "d2021-07-15",
        "undated",
    ];
    assert_eq!(cat.uids(&["--sort", "date_desc"]), desc);
    assert_eq!(cat.uids(&["--sort", "date_asc"]), asc);
    // Without text the default is newest first, and so is relevance.
    assert_eq!(cat.uids(&[]), desc);
    assert_eq!(cat.uids(&["--sort", "relevance"]), desc);
    // Also with text, and across pages (the cursor after the last dated row, and inside
    // the tie on 2019-01-01).
    assert_eq!(cat.uids(&["gold", "--sort", "date_desc"]), desc[1..]);
    for limit in [1, 2, 3] {
        assert_eq!(follow_pages(&cat, &["--sort", "date_desc"], limit), desc);
        assert_eq!(follow_pages(&cat, &["--sort", "date_asc"], limit), asc);
    }
    // Years of the lower bound, counted.
    let page = cat.search(&["--facets", "year", "--limit", "0"]);
    let years: BTreeSet<(String, u64)> = page["facets"]["year"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["value"].as_str().unwrap().to_owned(),
                c["count"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected: BTreeSet<(String, u64)> = [("2012", 1), ("2016", 1), ("2019", 2), ("2021", 2)]
        .iter()
        .map(|(y, n)| ((*y).to_owned(), *n))
        .collect();
    assert_eq!(years, expected);

    // Titles, case-insensitively (the curly quote sorts after the letters).
    let demo_dir = TempDir::new("sort-demo");
    let demo = demo(&demo_dir);
    assert_eq!(
        demo.uids(&["--sort", "title"]),
        [ENABLING, COBALT, PERC_FR, KIVU, M23, EU, PERC_EN]
    );
    assert_eq!(demo.uids(&["--sort", "date_desc"]), NEWEST_FIRST);
    assert_eq!(
        demo.uids(&["--sort", "date_asc"]),
        [M23, ENABLING, KIVU, COBALT, EU, PERC_FR, PERC_EN]
    );
    // Relevance with text: the best match first.
    let hits = demo.uids(&["cobalt OR gold", "--sort", "relevance"]);
    assert_eq!(set(&hits), set(&[COBALT, ENABLING]));
    // The names the core also accepts.
    assert_eq!(demo.uids(&["--sort", "newest"]), NEWEST_FIRST);
    let out = demo.run(&["search", "--sort", "colour"]).fails(2);
    assert!(
        out.stderr.contains("'colour'") && out.stderr.contains("date_desc"),
        "{out:#?}"
    );
}

// ---------------------------------------------------------------------------------------
// show

#[test]
fn show_prints_one_publication() {
    let dir = TempDir::new("show");
    let cat = demo(&dir);
    let text = cat.run(&["show", PERC_FR]).ok().stdout;
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Initiatives en matière de ‘minerais de conflit’ en RD Congo: perceptions des communautés minières locales"
    );
    for line in [
        "uid        conflict-minerals-perceptions-fr",
        "work       conflict-minerals-perceptions",
        "language   fr",
        "kind       report",
        "publisher  IPIS",
        "place      Eastern DRC [en] / Est de la RDC [fr] / Oost-Congo [nl]",
        "theme      Conflict minerals [en] / Minerais de conflit [fr] / Conflictmineralen [nl]",
        "also in    en: ‘Conflict Minerals’ initiatives in DR Congo: Perceptions of local mining communities (conflict-minerals-perceptions-en)",
    ] {
        assert!(lines.contains(&line), "no line {line:?} in\n{text}");
    }
    assert!(lines.last().unwrap().ends_with("aux groupes […]"), "{text}");

    let text = cat.run(&["show", M23]).ok().stdout;
    for line in [
        "date       2012 (2012-01-01 to 2012-12-31)",
        "series     Mapping Conflict Motives",
        "author     IPIS",
        "actor      M23 [en, fr, nl, sw]",
        "place      Goma [en, fr, nl, sw]",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "no line {line:?} in\n{text}"
        );
    }

    let p = cat.run(&["show", PERC_FR, "--json"]).ok().json();
    assert_eq!(p["uid"], PERC_FR);
    assert_eq!(p["work"], "conflict-minerals-perceptions");
    assert_eq!(p["language"], "fr");
    assert_eq!(p["kind"], "report");
    assert!(p["date"].is_null());
    assert_eq!(p["summary_is_excerpt"], true);
    assert_eq!(p["contributors"][0]["agent"], "ipis");
    assert_eq!(p["contributors"][0]["role"], "publisher");
    let concepts: Vec<&str> = p["concepts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["uid"].as_str().unwrap())
        .collect();
    assert_eq!(set(&concepts), set(&["eastern-drc", "conflict-minerals"]));
    assert_eq!(p["translations"].as_array().unwrap().len(), 1);
    assert_eq!(p["translations"][0]["uid"], PERC_EN);

    let p = cat.run(&["show", KIVU, "--json"]).ok().json();
    assert_eq!(p["projects"][0]["uid"], "madini");
    let m23 = cat.run(&["show", M23, "--json"]).ok().json();
    assert_eq!(m23["series"]["uid"], "mapping-conflict-motives");
    assert_eq!(
        m23["date"],
        serde_json::json!({"edtf": "2012", "lower": "2012-01-01", "upper": "2012-12-31", "precision": "year"})
    );
}

// ---------------------------------------------------------------------------------------
// export

#[test]
fn export_json_of_a_project_to_a_file() {
    let dir = TempDir::new("export-json");
    let cat = demo(&dir);
    let file = dir.path("madini.json");
    let out = cat
        .run(&[
            "export",
            "--format",
            "json",
            "--project",
            "madini",
            "--out",
            file.to_str().unwrap(),
        ])
        .ok();
    assert!(out.stdout.is_empty(), "{out:#?}");
    let doc: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(doc["format"], "pubcat");
    assert_eq!(set(&doc_uids(&doc)), set(&[ENABLING, KIVU]));
    assert_eq!(doc_uids(&doc).len(), 2);
    let uids = |key: &str| -> BTreeSet<String> {
        doc[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["uid"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(uids("projects"), set(&["madini"]));
    assert_eq!(uids("agents"), set(&["ipis", "levin-sources"]));
    // Every concept the two use, and the broader ones they hang from.
    for concept in [
        "3t",
        "gold",
        "eastern-drc",
        "due-diligence",
        "south-kivu",
        "ituri",
        "conflict-analysis",
        "dr-congo",
    ] {
        assert!(uids("concepts").contains(concept), "{concept}");
    }
    assert!(!uids("concepts").contains("cobalt"));

    // The whole catalogue, to standard output.
    let all = cat.run(&["export"]).ok().json();
    assert_eq!(set(&doc_uids(&all)), set(&ALL));
    // A filter on text.
    let doc = cat
        .run(&["export", "--text", "cobalt", "--format", "json"])
        .ok()
        .json();
    assert_eq!(doc_uids(&doc), [COBALT]);
}

#[test]
fn export_bibtex_in_french_to_stdout() {
    let dir = TempDir::new("export-bibtex");
    let cat = demo(&dir);
    let text = cat
        .run(&["export", "--format", "bibtex", "--lang", "fr"])
        .ok()
        .stdout;
    assert_eq!(bibtex_keys(&text), [PERC_FR]);
    assert!(text.starts_with("@techreport{"), "{text}");
    assert!(text.contains("language = {fr}"), "{text}");
    assert!(text.contains("institution = {IPIS}"), "{text}");
    assert!(!text.contains("language = {en}"), "{text}");
}

#[test]
fn export_every_format_with_filters_and_round_trips() {
    let dir = TempDir::new("export-formats");
    let cat = demo(&dir);
    let export = |format: &str, filters: &[&str]| -> String {
        let mut args = vec!["export", "--format", format];
        args.extend_from_slice(filters);
        cat.run(&args).ok().stdout
    };
    // The uids an export names, for the formats that carry them.
    let uids_of = |format: &str, text: &str| -> Vec<String> {
        match format {
            "json" => doc_uids(&serde_json::from_str(text).unwrap()),
            "jsonl" => text
                .lines()
                .map(|l| serde_json::from_str::<Value>(l).unwrap())
                .filter_map(|v| v["publication"]["uid"].as_str().map(str::to_owned))
                .collect(),
            "csv" => {
                let column = csv_first_column(text);
                assert_eq!(column[0], "uid");
                column[1..].to_vec()
            }
            "csl-json" => serde_json::from_str::<Value>(text)
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["id"].as_str().unwrap().to_owned())
                .collect(),
            "bibtex" => bibtex_keys(text),
            "ris" => {
                assert_eq!(
                    ris_values(text, "TY").len(),
                    text.lines().filter(|l| l.trim_end() == "ER  -").count()
                );
                ris_values(text, "ID")
            }
            other => panic!("{other}"),
        }
    };
    let with_uids = ["json", "jsonl", "csv", "csl-json", "bibtex", "ris"];
    // The demo without its publications: what a CSV refers to.
    let mut doc: Value = serde_json::from_str(&export("json", &[])).unwrap();
    doc["publications"] = serde_json::json!([]);
    let entities = dir.path("entities.json");
    std::fs::write(&entities, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    for format in with_uids {
        let text = export(format, &[]);
        let uids = uids_of(format, &text);
        assert_eq!(uids.len(), 7, "{format}: {uids:?}");
        assert_eq!(set(&uids), set(&ALL), "{format}");
        assert_eq!(
            uids_of(format, &export(format, &["--lang", "fr"])),
            [PERC_FR]
        );
        assert_eq!(
            set(&uids_of(
                format,
                &export(format, &["--agent", "ipis", "--role", "publisher"])
            )),
            set(&[PERC_FR, PERC_EN]),
            "{format}"
        );
        assert_eq!(
            set(&uids_of(
                format,
                &export(format, &["--concept", "3t", "--kind", "report"])
            )),
            set(&[ENABLING, COBALT]),
            "{format}"
        );
        assert_eq!(
            uids_of(
                format,
                &export(
                    format,
                    &[
                        "--series",
                        "mapping-conflict-motives",
                        "--from",
                        "2012",
                        "--to",
                        "2012"
                    ]
                )
            ),
            [M23],
            "{format}"
        );

        // Round trip: the export imported into an empty catalogue gives the same uids (a
        // CSV names agents, projects and concepts by uid: they must be there first).
        let file = dir.path(&format!("all.{format}"));
        std::fs::write(&file, &text).unwrap();
        let copy = empty(&dir, &format!("from-{format}.db"));
        if format == "csv" {
            copy.import(&entities);
        }
        copy.run(&["import", file.to_str().unwrap(), "--format", format])
            .ok();
        assert_eq!(set(&copy.uids(&[])), set(&ALL), "{format} round trip");
        assert_eq!(
            copy.uids(&["--lang", "fr"]),
            [PERC_FR],
            "{format} round trip"
        );
    }

    // The listing: titles (and the year of a dated one), no uids.
    let text = export("listing", &[]);
    for title in [
        "Mapping Conflict Motives: M23",
        "Comparative analysis between cobalt and 3T sourcing from the DRC",
        "Initiatives en matière de ‘minerais de conflit’ en RD Congo: perceptions des communautés minières locales",
    ] {
        assert!(text.lines().any(|l| l.ends_with(title)), "{title} in\n{text}");
    }
    assert!(text.lines().any(|l| l == "- IPIS | 2012"), "{text}");
    let fr = export("listing", &["--lang", "fr"]);
    assert!(
        fr.starts_with("Initiatives en matière de ‘minerais de conflit’"),
        "{fr}"
    );
    assert!(!fr.contains("Mapping Conflict Motives"), "{fr}");
    let file = dir.path("all.txt");
    std::fs::write(&file, &text).unwrap();
    let copy = empty(&dir, "from-listing.db");
    copy.import(&file);
    assert_eq!(copy.uids(&[]).len(), 7);
    assert_eq!(copy.uids(&["--lang", "fr"]).len(), 1);

    // Bad formats.
    let out = cat.run(&["export", "--format", "docx"]).fails(2);
    assert!(
        out.stderr.contains("'docx'") && out.stderr.contains("csl-json"),
        "{out:#?}"
    );
    // `auto` is for imports only.
    let out = cat.run(&["export", "--format", "auto"]).fails(2);
    assert!(out.stderr.contains("'auto'"), "{out:#?}");
}

// ---------------------------------------------------------------------------------------
// import

#[test]
fn import_exported_json_and_a_listing() {
    let dir = TempDir::new("import");
    let cat = demo(&dir);
    let madini = dir.path("madini.json");
    cat.run(&[
        "export",
        "--project",
        "madini",
        "--out",
        madini.to_str().unwrap(),
    ])
    .ok();

    // Without vocabularies: the file's 11 concepts (the 8 its publications carry and their
    // broader ones) are new (the shipped vocabularies have
    // concepts of the same uids; cli_enrich.rs imports into a catalogue that has them).
    let other = bare(&dir, "other.db");
    // 2 agents, 1 project, 11 concepts, 2 publications.
    assert_eq!(other.import(&madini), "added 16, updated 0, unchanged 0");
    assert_eq!(set(&other.uids(&[])), set(&[ENABLING, KIVU]));
    assert_eq!(other.uids(&["--project", "madini"]).len(), 2);
    // Importing again changes nothing.
    assert_eq!(other.import(&madini), "added 0, updated 0, unchanged 16");
    let shown = other.run(&["show", KIVU, "--json"]).ok().json();
    assert_eq!(shown["contributors"][0]["agent"], "ipis");

    // The partner listing: seven entries, two of them the Madini publications already
    // there (matched by title), so five new ones.
    other.import(Path::new(LISTING));
    let all = other.uids(&[]);
    assert_eq!(all.len(), 7, "{all:?}");
    assert!(all.contains(&ENABLING.to_owned()) && all.contains(&KIVU.to_owned()));

    // The listing alone, into a new catalogue (with the shipped vocabularies).
    let listing = empty(&dir, "listing.db");
    listing.import(Path::new(LISTING));
    let page = listing.search(&["--limit", "100"]);
    let titles: BTreeSet<String> = page["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap().to_owned())
        .collect();
    let expected = set(&[
        "Advocating for an improved enabling environment for the production, trade and export of OECD Due Diligence Guidance (DDG)-conformant minerals from eastern DRC",
        "Madini – Conflict analysis and stakeholder mapping in the mining regions of South Kivu and Ituri",
        "Comparative analysis between cobalt and 3T sourcing from the DRC",
        "The EU Conflict Minerals Regulation: Implementation at the EU Member State level",
        "Initiatives en matière de ‘minerais de conflit’ en RD Congo: perceptions des communautés minières locales",
        "‘Conflict Minerals’ initiatives in DR Congo: Perceptions of local mining communities",
        "Mapping Conflict Motives: M23 (2012)",
    ]);
    assert_eq!(titles, expected);
    // The dated entry: uid from its title, date from the year in parentheses.
    assert_eq!(
        listing.uids(&["--from", "2012", "--to", "2012"]),
        ["mapping-conflict-motives-m23-2012"]
    );
    assert_eq!(listing.uids(&["--lang", "fr"]).len(), 1);
    assert_eq!(listing.uids(&["--kind", "review_paper"]).len(), 1);

    // A bad record: a parse error naming it, and nothing imported (all or nothing).
    let bad = dir.path("bad.json");
    let doc = DATED.replace("\"date\": \"2019-01\"", "\"date\": \"January\"");
    std::fs::write(&bad, doc).unwrap();
    let out = listing.run(&["import", bad.to_str().unwrap()]).fails(4);
    assert_eq!(out.kind(), "parse");
    // Records are numbered from 1: the seventh is `publications[7]`.
    assert!(
        out.stderr
            .contains("record 7, field `publications[7].date`"),
        "{out:#?}"
    );
    assert_eq!(listing.uids(&[]).len(), 7);
    let out = listing.run(&["import", "missing.json"]).fails(1);
    assert_eq!(out.kind(), "io");
    assert!(out.stderr.contains("missing.json"), "{out:#?}");
}

#[test]
fn import_into_missing_file_creates_it() {
    let dir = TempDir::new("import-new");
    let cat = demo(&dir);
    let madini = dir.path("madini.json");
    cat.run(&[
        "export",
        "--project",
        "madini",
        "--out",
        madini.to_str().unwrap(),
    ])
    .ok();
    let new = Cat {
        dir: dir.0.clone(),
        db: dir.path("new.db"),
    };
    let counts = "added 16, updated 0, unchanged 0\n\
         \x20 publications  added 2, updated 0, unchanged 0\n\
         \x20 agents        added 2, updated 0, unchanged 0\n\
         \x20 projects      added 1, updated 0, unchanged 0\n\
         \x20 concepts      added 11, updated 0, unchanged 0\n";
    // The totals, then each kind of record apart (the kinds the file holds); with --no-tag,
    // nothing else.
    let out = new
        .run(&["import", madini.to_str().unwrap(), "--no-tag"])
        .ok();
    assert_eq!(out.stdout, counts);
    assert!(
        out.stderr.contains("created") && out.stderr.contains("new.db"),
        "{out:#?}"
    );
    assert!(new.db.exists());
    // Without it, the file's concepts are vocabularies: the publications are tagged with
    // them, and the import says so after the counts.
    let tagged = Cat {
        dir: dir.0.clone(),
        db: dir.path("tagged.db"),
    };
    let out = tagged.run(&["import", madini.to_str().unwrap()]).ok();
    let (head, tail) = out.stdout.split_at(counts.len().min(out.stdout.len()));
    assert_eq!(head, counts, "{out:#?}");
    assert!(
        tail.starts_with("tagged automatically: 2 publication(s) read, ") && tail.ends_with('\n'),
        "{out:#?}"
    );
    assert_eq!(tail.lines().count(), 1, "{out:#?}");
    assert_eq!(set(&new.uids(&[])), set(&[ENABLING, KIVU]));
    // Into an existing catalogue: nothing said about creating it.
    let out = new.run(&["import", madini.to_str().unwrap()]).ok();
    assert_eq!(out.stderr, "");

    // A failed import creates nothing: a missing file, a bad one.
    for (file, code) in [("missing.json", 1), ("bad.json", 4)] {
        std::fs::write(dir.path("bad.json"), "{\"format\": \"pubcat\", oops").unwrap();
        let target = Cat {
            dir: dir.0.clone(),
            db: dir.path("never.db"),
        };
        target.run(&["import", file]).fails(code);
        let left: Vec<_> = dir_state(&dir.0)
            .into_iter()
            .map(|(name, _)| name)
            .filter(|name| name.starts_with("never"))
            .collect();
        assert!(left.is_empty(), "{file}: {left:?} left behind");
    }
}

// ---------------------------------------------------------------------------------------
// --read-only, check

#[test]
fn read_only_search_leaves_the_file_unchanged() {
    let dir = TempDir::new("read-only");
    let source = demo(&dir);
    let sub = TempDir::new("read-only-copy");
    let file = sub.path("downloaded.db");
    std::fs::copy(&source.db, &file).unwrap();
    let before = dir_state(&sub.0);
    let cat = Cat {
        dir: dir.0.clone(),
        db: file.clone(),
    };
    let mut args = vec![
        "--read-only",
        "--db",
        file.to_str().unwrap(),
        "search",
        "gold",
    ];
    let out = run(&dir.0, &args).ok();
    assert!(out.stdout.starts_with("1 match(es)\n"), "{out:#?}");
    assert!(out.stdout.contains(&format!("uid {ENABLING}")), "{out:#?}");
    args.push("--json");
    let page = run(&dir.0, &args).ok().json();
    assert_eq!(hit_uids(&page), [ENABLING]);
    for command in [
        &["stats"][..],
        &["show", M23],
        &["export", "--format", "ris"],
    ] {
        let mut args = vec!["--read-only"];
        args.extend_from_slice(command);
        cat.run(&args).ok();
    }
    assert!(dir_state(&sub.0) == before, "the folder changed");
}

#[test]
fn read_only_import_is_refused() {
    let dir = TempDir::new("read-only-import");
    let source = demo(&dir);
    let sub = TempDir::new("read-only-import-copy");
    let file = sub.path("downloaded.db");
    std::fs::copy(&source.db, &file).unwrap();
    let before = dir_state(&sub.0);
    let out = run(
        &dir.0,
        &[
            "--read-only",
            "--db",
            file.to_str().unwrap(),
            "import",
            LISTING,
        ],
    );
    assert_eq!(out.code, 2, "{out:#?}");
    assert!(
        out.stderr.starts_with("error: ") && out.stderr.contains("--read-only"),
        "{out:#?}"
    );
    assert!(dir_state(&sub.0) == before, "the folder changed");
}

#[test]
fn check_passes_a_good_file_and_fails_a_corrupted_copy() {
    let dir = TempDir::new("check");
    let cat = demo(&dir);
    let expected = "sqlite         ok\nfts            ok\nforeign_keys   ok\nagent_counts   ok\nschema         ok\n";
    assert_eq!(cat.run(&["check"]).ok().stdout, expected);
    assert_eq!(cat.run(&["check", "--full"]).ok().stdout, expected);

    // Damaged tables and indexes: SQLite reads the schema and finds the damage.
    let bad = dir.path("bad.db");
    std::fs::copy(&cat.db, &bad).unwrap();
    corrupt_pages(
        &bad,
        root_pages(&bad, &["contribution", "publication_by_title", "agent"]),
    );
    // Damaged schema pages: SQLite cannot read the schema; still a report, not an error.
    let bad_schema = dir.path("bad-schema.db");
    std::fs::copy(&cat.db, &bad_schema).unwrap();
    corrupt_pages(&bad_schema, schema_leaf_pages(&bad_schema));

    for file in [&bad, &bad_schema] {
        let bytes = std::fs::read(file).unwrap();
        let bad_cat = Cat {
            dir: dir.0.clone(),
            db: file.clone(),
        };
        for args in [&["check"][..], &["check", "--full"]] {
            let out = bad_cat.run(args);
            assert_eq!(out.code, 5, "{out:#?}");
            // Every check is reported, each on its line, even after one failed.
            let names: Vec<&str> = out
                .stdout
                .lines()
                .filter(|l| !l.starts_with(' '))
                .map(|l| l.split_whitespace().next().unwrap())
                .collect();
            assert_eq!(
                names,
                ["sqlite", "fts", "foreign_keys", "agent_counts", "schema"],
                "{out:#?}"
            );
            assert!(
                out.stdout.lines().any(|l| l == "sqlite         FAILED"),
                "{out:#?}"
            );
            assert!(out.stdout.contains("\n    "), "no details: {out:#?}");
            assert_eq!(
                out.stdout.contains("the schema pages are damaged"),
                file == &bad_schema,
                "{out:#?}"
            );
        }
        let out = bad_cat.run(&["--read-only", "search", "gold"]).fails(1);
        assert_eq!(out.kind(), "corrupt");
        assert_eq!(std::fs::read(file).unwrap(), bytes, "check wrote the file");
    }
}

#[test]
fn check_repair_rebuilds_what_another_tool_changed_and_checks() {
    let dir = TempDir::new("check-repair");
    let cat = demo(&dir);
    // Another tool retitles a publication and drops an agent's kept count with plain SQL.
    {
        let conn = rusqlite::Connection::open(&cat.db).unwrap();
        conn.execute_batch(
            "UPDATE publication SET title = 'Convoys of cassiterite'
              WHERE id = (SELECT min(id) FROM publication);
             DELETE FROM agent_publication_count
              WHERE agent_id = (SELECT max(agent_id) FROM agent_publication_count);",
        )
        .unwrap();
    }
    let out = cat.run(&["check"]);
    assert_eq!(out.code, 5, "{out:#?}");
    assert!(out.stdout.contains("fts            FAILED"), "{out:#?}");
    assert!(out.stdout.contains("agent_counts   FAILED"), "{out:#?}");
    assert!(cat
        .run(&["search", "convoys"])
        .ok()
        .stdout
        .starts_with("0 match"));
    // --read-only refuses, and changes nothing.
    let refused = cat.run(&["--read-only", "check", "--repair"]);
    assert_eq!(refused.code, 2, "{refused:#?}");
    assert_eq!(cat.run(&["check"]).code, 5);
    let repaired = cat.run(&["check", "--repair"]).ok().stdout;
    assert!(
        repaired.starts_with(
            "repaired: full-text index rebuilt (7 publications), 1 agent count(s) recounted\n"
        ),
        "{repaired}"
    );
    assert!(
        repaired.ends_with("agent_counts   ok\nschema         ok\n"),
        "{repaired}"
    );
    assert!(cat
        .run(&["search", "convoys"])
        .ok()
        .stdout
        .starts_with("1 match"));
    let json = cat.run(&["check", "--repair", "--json"]).ok().json();
    assert_eq!(json["ok"], true);
    assert_eq!(json["repaired"]["publications_indexed"], 7);
    assert_eq!(json["repaired"]["agent_counts_fixed"], 0);
    // Without --repair, no "repaired" key.
    let json = cat.run(&["check", "--json"]).ok().json();
    assert!(json.get("repaired").is_none(), "{json}");
}

// ---------------------------------------------------------------------------------------
// generate

#[test]
fn generate_is_deterministic_per_seed() {
    let dir = TempDir::new("generate");
    let gen = |name: &str, seed: &str| -> Vec<u8> {
        let out = run(
            &dir.0,
            &["generate", "--count", "200", "--seed", seed, "--out", name],
        )
        .ok();
        assert!(out.stdout.is_empty(), "{out:#?}");
        assert!(
            out.stderr.starts_with("generated 200 publications in "),
            "{out:#?}"
        );
        std::fs::read(dir.path(name)).unwrap()
    };
    let a = gen("a.jsonl", "1");
    let b = gen("b.jsonl", "1");
    let c = gen("c.jsonl", "2");
    assert!(a == b, "the same seed gave different bytes");
    assert!(a != c, "different seeds gave the same bytes");

    let text = String::from_utf8(a.clone()).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines[0],
        serde_json::json!({"format": "pubcat", "version": 1})
    );
    let publications: Vec<&Value> = lines.iter().filter_map(|l| l.get("publication")).collect();
    assert_eq!(publications.len(), 200);
    let uids: BTreeSet<&str> = publications
        .iter()
        .map(|p| p["uid"].as_str().unwrap())
        .collect();
    assert_eq!(uids.len(), 200, "duplicate uids");

    // To standard output: the same bytes.
    let out = run(
        &dir.0,
        &["generate", "--count", "200", "--seed", "1", "--out", "-"],
    )
    .ok();
    assert!(out.stdout.as_bytes() == a, "stdout differs from the file");
    // An existing file is never overwritten.
    let out = run(&dir.0, &["generate", "--count", "5", "--out", "c.jsonl"]).fails(1);
    assert_eq!(out.kind(), "conflict");
    assert!(std::fs::read(dir.path("c.jsonl")).unwrap() == c);
    // --count is required and numeric.
    run(&dir.0, &["generate", "--out", "d.jsonl"]).fails(2);
    run(&dir.0, &["generate", "--count", "many", "--out", "d.jsonl"]).fails(2);
}

// ---------------------------------------------------------------------------------------
// Exit statuses and error messages

#[test]
fn errors_exit_non_zero_with_a_message_on_stderr() {
    let dir = TempDir::new("errors");
    let cat = demo(&dir);

    // An unknown uid: not found, 3, the uid named.
    let out = cat.run(&["show", "no-such-uid"]).fails(3);
    assert!(out.stderr.contains("`no-such-uid`"), "{out:#?}");
    assert_eq!(out.kind(), "not_found");
    cat.run(&["show", "no-such-uid", "--json"]).fails(3);

    // Clap usage errors: 2.
    for args in [
        &["search", "--limit", "abc"][..],
        &["search", "--limit", "-1"],
        &["frobnicate"],
        &["show"],
        &["search", "--colour"],
        &["stats", "extra"],
    ] {
        let out = cat.run(args).fails(2);
        assert!(out.stderr.starts_with("error: "), "{out:#?}");
    }
    let out = cat.run(&["search", "--limit", "abc"]).fails(2);
    assert!(out.stderr.contains("'abc'"), "{out:#?}");
    // Options with fixed values: an unknown value is a usage error, 2, listing the values.
    for (args, says) in [
        (&["search", "--sort", "colour"][..], "relevance, date_desc"),
        (&["search", "--facets", "language,colour"], "language, kind"),
        (&["search", "--kind", "novel"], "report, briefing"),
        (&["search", "--role", "muse"], "author, editor"),
        (&["export", "--format", "docx"], "json, jsonl"),
        (&["import", "x.json", "--format", "docx"], "auto, json"),
        (
            &["list", "concepts", "--scheme", "colour"],
            "mineral, place",
        ),
        (&["completions", "tcsh"], "bash"),
    ] {
        let out = cat.run(args).fails(2);
        assert!(out.stderr.starts_with("error: invalid value"), "{out:#?}");
        assert!(out.stderr.contains(says), "{out:#?}");
    }
    // Values pubcat checks itself: invalid query, 4.
    let out = cat.run(&["search", "--limit", "1001"]).fails(4);
    assert!(out.stderr.contains("1001"), "{out:#?}");
    assert_eq!(out.kind(), "invalid_query");
    // --limit 0: only the total.
    let page = cat.search(&["--limit", "0"]);
    assert_eq!(
        (page["total"].as_u64(), hit_uids(&page).len()),
        (Some(7), 0)
    );

    // No --db: invalid input, 4.
    let out = run(&dir.0, &["stats"]).fails(4);
    assert!(out.stderr.contains("--db"), "{out:#?}");
    // --db from the environment.
    let output = Command::new(env!("CARGO_BIN_EXE_pubcat"))
        .args(["stats", "--json"])
        .current_dir(&dir.0)
        .env("PUBCAT_DB", &cat.db)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        serde_json::from_slice::<Value>(&output.stdout).unwrap()["publications"],
        7
    );

    // A catalogue that does not exist: not found, and not created.
    let out = run(&dir.0, &["--db", "nope.db", "search", "gold"]).fails(3);
    assert!(out.stderr.contains("nope.db"), "{out:#?}");
    assert!(!dir.path("nope.db").exists());
    let out = run(
        &dir.0,
        &["--read-only", "--db", "nope.db", "search", "gold"],
    )
    .fails(1);
    assert!(out.stderr.contains("nope.db"), "{out:#?}");
    assert!(!dir.path("nope.db").exists());

    // A file that is not a catalogue: refused, named, unchanged, for every command.
    let text = dir.path("notes.db");
    std::fs::write(&text, "not a database, just notes\n".repeat(200)).unwrap();
    let before = std::fs::read(&text).unwrap();
    for args in [
        &["stats"][..],
        &["search", "gold"],
        &["show", M23],
        &["export"],
        &["import", LISTING],
        &["--read-only", "search", "gold"],
    ] {
        let mut all = vec!["--db", "notes.db"];
        all.extend_from_slice(args);
        let out = run(&dir.0, &all).fails(1);
        assert_eq!(out.kind(), "not_a_catalog", "{args:?}");
        assert!(out.stderr.contains("notes.db"), "{out:#?}");
    }
    let out = run(&dir.0, &["--db", "notes.db", "check"]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert_eq!(out.kind(), "not_a_catalog");
    assert_eq!(std::fs::read(&text).unwrap(), before);
}

// ---------------------------------------------------------------------------------------
// init, and where catalogues are created

#[test]
fn init_creates_an_empty_catalogue_and_refuses_anything_else() {
    let dir = TempDir::new("init");
    let new = Cat {
        dir: dir.0.clone(),
        db: dir.path("new.db"),
    };
    // A new catalogue: no records but the shipped vocabularies, whose loading is reported.
    let out = new.run(&["init", "--json"]).ok();
    let json = out.json();
    assert_eq!(json["path"], new.db.to_str().unwrap());
    assert_eq!(json["created"], true);
    let loaded = json["vocabularies"]["concepts"]["added"].as_u64().unwrap();
    assert!(loaded > 200, "{json}");
    assert_eq!(json["vocabularies"]["added"].as_u64(), Some(loaded));
    assert_eq!(json["vocabularies"]["publications"]["added"], 0);
    assert!(
        out.stderr.contains("created") && out.stderr.contains("new.db"),
        "{out:#?}"
    );
    assert!(out.stderr.contains("vocabularies"), "{out:#?}");
    let stats = new.run(&["stats", "--json"]).ok().json();
    assert_eq!(
        (
            stats["publications"].as_u64(),
            stats["agents"].as_u64(),
            stats["concepts"].as_u64()
        ),
        (Some(0), Some(0), Some(loaded))
    );
    // Again: a catalogue without records is left as it is, and said so.
    let before = new.files();
    let out = new.run(&["init", "--json"]).ok();
    assert_eq!(
        out.json(),
        serde_json::json!({"path": new.db.to_str().unwrap(), "created": false, "vocabularies": null})
    );
    assert!(out.stderr.contains("already"), "{out:#?}");
    assert!(new.files() == before, "init wrote an existing catalogue");
    // --no-vocabularies: nothing in it at all.
    let out = run(
        &dir.0,
        &["--db", "bare.db", "init", "--no-vocabularies", "--json"],
    )
    .ok();
    assert_eq!(
        out.json(),
        serde_json::json!({"path": "bare.db", "created": true, "vocabularies": null})
    );
    assert!(out.stderr.contains("empty"), "{out:#?}");
    let stats = run(&dir.0, &["--db", "bare.db", "stats", "--json"])
        .ok()
        .json();
    assert_eq!(stats["concepts"], 0);
    let out = run(&dir.0, &["--db", "bare.db", "init", "--json"]).ok();
    assert_eq!(out.json()["created"], false);
    assert!(out.stderr.contains("vocab load --builtin"), "{out:#?}");
    // Without --json: nothing on standard output.
    let out = run(&dir.0, &["--db", "plain.db", "init"]).ok();
    assert_eq!(out.stdout, "");
    assert!(dir.path("plain.db").exists());

    // A catalogue with records, a file that is not one, a folder: refused, untouched.
    let demo = demo(&dir);
    std::fs::write(dir.path("notes.txt"), "my notes\n".repeat(100)).unwrap();
    std::fs::create_dir(dir.path("folder")).unwrap();
    let before = dir_state(&dir.0);
    for (db, kind) in [
        (demo.db.to_str().unwrap(), "conflict"),
        ("notes.txt", "not_a_catalog"),
        ("folder", "conflict"),
    ] {
        let out = run(&dir.0, &["--db", db, "init"]).fails(1);
        assert_eq!(out.kind(), kind, "{out:#?}");
    }
    assert!(
        dir_state(&dir.0) == before,
        "init changed a file it refused"
    );

    // An empty file: not a catalogue for the commands that read, one after init.
    std::fs::write(dir.path("blank.db"), b"").unwrap();
    let out = run(&dir.0, &["--db", "blank.db", "stats"]).fails(1);
    assert_eq!(out.kind(), "not_a_catalog");
    assert!(out.stderr.contains("init"), "{out:#?}");
    assert_eq!(std::fs::read(dir.path("blank.db")).unwrap(), b"");
    let out = run(&dir.0, &["--db", "blank.db", "init", "--json"]).ok();
    assert_eq!(out.json()["created"], true);
    run(&dir.0, &["--db", "blank.db", "stats"]).ok();

    // In a folder that does not exist: an I/O error naming it, and no folder made.
    for args in [&["init"][..], &["import", LISTING]] {
        let mut all = vec!["--db", "nowhere/new.db"];
        all.extend_from_slice(args);
        let out = run(&dir.0, &all).fails(1);
        assert_eq!(out.kind(), "io");
        assert!(out.stderr.contains("no folder nowhere"), "{out:#?}");
        assert!(!dir.path("nowhere").exists());
    }

    // No --db: invalid input.
    let out = run(&dir.0, &["init"]).fails(4);
    assert!(out.stderr.contains("--db"), "{out:#?}");
}

#[test]
fn read_only_refuses_every_write_command_and_leaves_the_bytes() {
    let dir = TempDir::new("read-only-writes");
    let source = demo(&dir);
    let sub = TempDir::new("read-only-writes-copy");
    let file = sub.path("downloaded.db");
    std::fs::copy(&source.db, &file).unwrap();
    let listing = std::fs::read(LISTING).unwrap();
    let before = dir_state(&sub.0);
    let new = sub.path("new.db");
    let vocabulary = dir.path("vocabulary.json");
    source
        .run(&["vocab", "export", "--out", vocabulary.to_str().unwrap()])
        .ok();
    let vocabulary = vocabulary.to_str().unwrap();
    let refusals: [(&Path, &[&str]); 30] = [
        (&file, &["init"]),
        (&file, &["init", "--json"]),
        (&new, &["init"]),
        (&new, &["init", "--no-vocabularies"]),
        (&file, &["import", LISTING]),
        (&new, &["import", LISTING]),
        (&file, &["import", "-"]),
        (&file, &["import", LISTING, "--dry-run"]),
        (&file, &["demo"]),
        (&file, &["link", PERC_EN, M23]),
        (&file, &["unlink", PERC_FR]),
        (&file, &["links", "suggest", "--apply"]),
        (&file, &["import", LISTING, "--link-translations"]),
        (&file, &["tag", M23, "gold"]),
        (&file, &["untag", M23, "m23", "--json"]),
        (&file, &["tag", "--auto"]),
        (&file, &["untag", "--auto", "--json"]),
        (&file, &["set", M23, "pages", "28"]),
        (&file, &["edit", M23]),
        (&file, &["delete", "publication", M23]),
        (&file, &["delete", "concept", "tin"]),
        (&file, &["merge", "agents", "levin-sources", "ipis"]),
        (
            &file,
            &[
                "merge",
                "series",
                "mapping-conflict-motives",
                "ipis-due-diligence",
            ],
        ),
        (&file, &["merge", "publications", M23, EU]),
        (&file, &["vocab", "import", vocabulary]),
        (&file, &["vocab", "import", "-"]),
        (&file, &["vocab", "load", "--builtin"]),
        (&file, &["vocab", "load", vocabulary]),
        (&file, &["vocab", "load", "-", "--json"]),
        (&file, &["import", LISTING, "--no-tag"]),
    ];
    for (db, args) in refusals {
        let mut all = vec!["--read-only", "--db", db.to_str().unwrap()];
        all.extend_from_slice(args);
        // `edit` would run this editor if it were not refused.
        let mut command = pubcat(&sub.0, &all);
        command.env("EDITOR", "touch edited;").env_remove("VISUAL");
        let out = feed(command, &all, &listing).fails(2);
        assert!(
            out.stderr.starts_with("error: ") && out.stderr.contains("--read-only"),
            "{out:#?}"
        );
        assert!(dir_state(&sub.0) == before, "{args:?} changed the folder");
    }
    // `demo` without --db would write pubcat-demo.db in the current folder.
    run(&sub.0, &["--read-only", "demo"]).fails(2);
    // --read-only after the command name too (a global option).
    let args = [
        "--db",
        file.to_str().unwrap(),
        "import",
        LISTING,
        "--read-only",
    ];
    run(&sub.0, &args).fails(2);
    assert!(dir_state(&sub.0) == before, "the folder changed");

    // The commands that read work, and write nothing either.
    let cat = Cat {
        dir: sub.0.clone(),
        db: file.clone(),
    };
    for args in [
        &["--read-only", "list", "agents"][..],
        &["--read-only", "list", "concepts", "--json"],
        &["--read-only", "changes", "--since", "0"],
        &["--read-only", "check", "--json"],
        &["--read-only", "export", "--out", "-"],
        &["--read-only", "search", "--facets", "kind"],
        &["--read-only", "vocab", "export"],
        &["--read-only", "links", "score", PERC_EN, PERC_FR],
        &[
            "--read-only",
            "vocab",
            "export",
            "--scheme",
            "mineral",
            "--out",
            "-",
        ],
    ] {
        let out = cat.run(args).ok();
        assert!(!out.stdout.is_empty(), "{out:#?}");
    }
    assert!(dir_state(&sub.0) == before, "the folder changed");
    assert!(!sub.path("edited").exists());
}

// ---------------------------------------------------------------------------------------
// Closed pipes, exit statuses, --help, completions, man page

#[test]
fn a_closed_stdout_ends_every_command_quietly() {
    let dir = TempDir::new("pipe");
    let cat = corpus(&dir);
    let db = cat.db.to_str().unwrap();
    let uid = hit_uids(&cat.search(&["--limit", "1"])).remove(0);
    // Large outputs (several pipe buffers), read a line of: `| head -1`.
    let large: [&[&str]; 6] = [
        &["search", "--limit", "1000"],
        &["search", "--limit", "1000", "--json"],
        &["export"],
        &["export", "--format", "csv", "--out", "-"],
        &["export", "--format", "ris"],
        &["list", "concepts"],
    ];
    // Every command writing to standard output, its pipe closed before it writes.
    let small: [&[&str]; 14] = [
        &["search", "gold"],
        &["stats"],
        &["stats", "--json"],
        &["show", &uid],
        &["show", &uid, "--json"],
        &["list", "agents"],
        &["list", "projects", "--json"],
        &["changes"],
        &["check"],
        &["check", "--json"],
        &["export", "--format", "bibtex"],
        &["completions", "bash"],
        &["man"],
        &["generate", "--count", "300", "--out", "-"],
    ];
    let exported = cat.run(&["export"]).ok().stdout.len();
    assert!(exported > 4 * 65536, "export of {exported} bytes");
    for (args, lines) in large
        .iter()
        .map(|a| (a, 1))
        .chain(small.iter().map(|a| (a, 0)))
        .chain(large.iter().map(|a| (a, 0)))
    {
        let mut all = vec!["--db", db];
        all.extend_from_slice(args);
        let (code, stderr) = run_closing_stdout(&dir.0, &all, lines);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!((code, stderr.as_str()), (0, ""), "{args:?} | head -{lines}");
    }
    // Through a real shell pipe too, with pipefail: the pipeline succeeds.
    let output = Command::new("bash")
        .arg("-c")
        .arg(r#"set -o pipefail; "$PUBCAT" --db "$DB" export | head -1"#)
        .env("PUBCAT", env!("CARGO_BIN_EXE_pubcat"))
        .env("DB", &cat.db)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(output.stdout, b"{\n");
    assert!(output.stderr.is_empty(), "{output:?}");
}

#[test]
fn help_documents_exit_statuses_and_fixed_values() {
    let dir = TempDir::new("help");
    let help = run(&dir.0, &["--help"]).ok().stdout;
    for line in [
        "0  success",
        "1  error",
        "2  usage",
        "3  not found",
        "4  invalid input",
        "5  check",
        "6  import --on-conflict report",
    ] {
        assert!(help.contains(line), "--help lacks {line:?}: {help}");
    }
    for command in SUBCOMMANDS {
        assert!(
            help.lines().any(|l| l.trim_start().starts_with(command)),
            "--help lacks {command}: {help}"
        );
    }
    let check = run(&dir.0, &["check", "--help"]).ok().stdout;
    assert!(check.contains("5 a check failed"), "{check}");
    // Fixed values are listed.
    let search = run(&dir.0, &["search", "--help"]).ok().stdout;
    for values in [
        "[possible values: relevance, date_desc, date_asc, title, added]",
        "review_paper",
        "translator",
        "language, kind, year",
    ] {
        assert!(
            search.contains(values),
            "search --help lacks {values:?}: {search}"
        );
    }
    let import = run(&dir.0, &["import", "--help"]).ok().stdout;
    assert!(
        import.contains("[default: auto]")
            && import.contains("auto, json, jsonl, csv, listing, csl-json, bibtex, ris"),
        "{import}"
    );
    // The merge policy: its values, the per-format default, the status of `report`.
    for says in [
        "[possible values: keep, replace, report]",
        "`replace` for json and jsonl",
        "`keep` for every other format",
        "--dry-run",
        "--lenient",
        "6 with --on-conflict report",
    ] {
        assert!(
            import.contains(says),
            "import --help lacks {says:?}: {import}"
        );
    }
    // `set` lists the fields (the core's list, but the uid).
    let set_help = run(&dir.0, &["set", "--help"]).ok().stdout;
    assert!(
        set_help.contains("[possible values: body, concepts, contributors, date,")
            && set_help.contains("title, work]"),
        "{set_help}"
    );
    let edit = run(&dir.0, &["edit", "--help"]).ok().stdout;
    for says in ["$VISUAL", "$EDITOR", "vi", "--resume"] {
        assert!(edit.contains(says), "edit --help lacks {says:?}: {edit}");
    }
    let delete = run(&dir.0, &["delete", "--help"]).ok().stdout;
    assert!(
        delete.contains("publication") && delete.contains("concept"),
        "{delete}"
    );
    let export = run(&dir.0, &["export", "--help"]).ok().stdout;
    assert!(
        export.contains("[default: json]")
            && export.contains(
                "[possible values: json, jsonl, csv, listing, csl-json, bibtex, ris, bibliography, parquet]"
            ),
        "{export}"
    );
}

/// The subcommands `--help`, every completion script and the man page must name.
const SUBCOMMANDS: [&str; 25] = [
    "init",
    "demo",
    "import",
    "export",
    "cite",
    "search",
    "type-ahead",
    "show",
    "stats",
    "list",
    "changes",
    "backup",
    "check",
    "link",
    "unlink",
    "tag",
    "untag",
    "set",
    "edit",
    "delete",
    "merge",
    "vocab",
    "generate",
    "completions",
    "man",
];

#[test]
fn completions_and_man_page_name_every_subcommand() {
    let dir = TempDir::new("completions");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(&dir.0, &["completions", shell]).ok();
        assert!(out.stdout.len() > 1000, "{shell}: {out:#?}");
        assert_eq!(out.stderr, "");
        for name in SUBCOMMANDS {
            assert!(out.stdout.contains(name), "{shell} completion lacks {name}");
        }
        // The values of options with fixed values (clap_complete's elvish and PowerShell
        // scripts complete subcommands and options only).
        if ["bash", "zsh", "fish"].contains(&shell) {
            for value in ["csl-json", "date_desc", "review_paper", "mineral"] {
                assert!(
                    out.stdout.contains(value),
                    "{shell} completion lacks {value}"
                );
            }
        }
    }
    let out = run(&dir.0, &["man"]).ok();
    let page = out.stdout;
    assert!(page.contains(".TH pubcat 1"), "{page}");
    for name in SUBCOMMANDS {
        assert!(
            // roff escapes every hyphen: `pubcat\-type\-ahead(1)`.
            page.contains(&format!("pubcat\\-{}(1)", name.replace('-', "\\-"))),
            "the man page lacks {name}: {page}"
        );
    }
    assert!(page.contains("Exit status"), "{page}");
    // Each command's own page, as the main page names them, with the global options.
    for name in SUBCOMMANDS {
        let page = run(&dir.0, &["man", name]).ok().stdout;
        assert!(
            page.contains(&format!(".TH pubcat-{name} 1")),
            "{name}: {page}"
        );
        assert!(page.contains("\\-\\-db"), "{name}: {page}");
    }
    let page = run(&dir.0, &["man", "import"]).ok().stdout;
    assert!(page.contains("csl\\-json"), "{page}");
    let out = run(&dir.0, &["man", "frobnicate"]).fails(4);
    assert!(out.stderr.contains("`frobnicate`"), "{out:#?}");
    // bash accepts its script.
    let script = dir.path("pubcat.bash");
    std::fs::write(&script, run(&dir.0, &["completions", "bash"]).ok().stdout).unwrap();
    let status = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn progress_prints_nothing_when_stderr_is_not_a_terminal() {
    let dir = TempDir::new("progress");
    let file = dir.path("corpus.jsonl");
    run(
        &dir.0,
        &["generate", "--count", "300", "--out", "corpus.jsonl"],
    )
    .ok();
    let cat = empty(&dir, "corpus.db");
    let out = cat.run(&["import", file.to_str().unwrap()]).ok();
    assert_eq!(out.stderr, "");
    assert!(out.stdout.starts_with("added "), "{out:#?}");
    let out = cat
        .run(&["export", "--format", "jsonl", "--out", "again.jsonl"])
        .ok();
    assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("", ""));
    let out = cat.run(&["export", "--format", "csv"]).ok();
    assert_eq!(out.stderr, "");
    assert!(out.stdout.len() > 10_000);
}

// ---------------------------------------------------------------------------------------
// `-`: standard input and output

#[test]
fn import_dash_reads_stdin_and_export_dash_writes_stdout() {
    let dir = TempDir::new("dash");
    let cat = demo(&dir);
    // export --out - and export alone: the same bytes, for every format.
    for format in [
        "json", "jsonl", "csv", "listing", "csl-json", "bibtex", "ris",
    ] {
        let plain = cat.run(&["export", "--format", format]).ok();
        let dash = cat.run(&["export", "--format", format, "--out", "-"]).ok();
        assert!(!plain.stdout.is_empty(), "{format}");
        assert_eq!(plain.stdout, dash.stdout, "{format}");
        assert!(!dir.path("-").exists());
    }

    // import -: the format guessed from the first bytes (native JSON), into a new catalogue.
    let json = cat.run(&["export"]).ok().stdout;
    let out = run_with_stdin(
        &dir.0,
        &["--db", "from-stdin.db", "import", "-"],
        json.as_bytes(),
    )
    .ok();
    assert!(
        out.stdout
            .starts_with("added 245, updated 0, unchanged 0\n  publications  added 7,"),
        "{out:#?}"
    );
    assert!(out.stderr.contains("created"), "{out:#?}");
    let copy = Cat {
        dir: dir.0.clone(),
        db: dir.path("from-stdin.db"),
    };
    assert_eq!(set(&copy.uids(&[])), set(&ALL));
    // RIS, named; JSON Lines from `generate --out -`, guessed.
    let ris = cat
        .run(&["export", "--format", "ris", "--lang", "fr"])
        .ok()
        .stdout;
    let out = run_with_stdin(
        &dir.0,
        &["--db", "ris.db", "import", "-", "--format", "ris"],
        ris.as_bytes(),
    )
    .ok();
    assert!(out.stdout.starts_with("added "), "{out:#?}");
    let generated = run(&dir.0, &["generate", "--count", "50", "--out", "-"])
        .ok()
        .stdout;
    let out = run_with_stdin(
        &dir.0,
        &["--db", "gen.db", "import", "-"],
        generated.as_bytes(),
    )
    .ok();
    assert!(out.stdout.starts_with("added "), "{out:#?}");
    let stats = run(&dir.0, &["--db", "gen.db", "stats", "--json"])
        .ok()
        .json();
    assert_eq!(stats["publications"], 50);

    // Nothing on standard input: nothing to guess from, and nothing created.
    let out = run_with_stdin(&dir.0, &["--db", "nothing.db", "import", "-"], b"").fails(4);
    assert!(out.stderr.contains("cannot guess"), "{out:#?}");
    assert!(!dir.path("nothing.db").exists());
}

// ---------------------------------------------------------------------------------------
// list, changes, backup

/// The first column of every line.
fn first_column(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split_whitespace().next().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn list_shows_the_uids_the_filters_take() {
    let dir = TempDir::new("list");
    let cat = demo(&dir);
    let agents = cat.run(&["list", "agents"]).ok().stdout;
    assert_eq!(
        first_column(&agents),
        ["european-ngo-coalition", "ipis", "levin-sources"]
    );
    assert!(agents.lines().any(|l| l.contains("IPIS")), "{agents}");
    let json = cat.run(&["list", "agents", "--json"]).ok().json();
    let uids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["uid"].as_str().unwrap())
        .collect();
    assert_eq!(uids, first_column(&agents));
    assert_eq!(json[1]["name"], "IPIS");

    let series = cat.run(&["list", "series"]).ok().stdout;
    assert_eq!(
        first_column(&series),
        ["ipis-due-diligence", "mapping-conflict-motives"]
    );
    assert_eq!(cat.uids(&["--series", "mapping-conflict-motives"]), [M23]);
    let projects = cat.run(&["list", "projects"]).ok().stdout;
    assert_eq!(first_column(&projects), ["madini"]);
    let json = cat.run(&["list", "projects", "--json"]).ok().json();
    assert_eq!(json[0]["uid"], "madini");
    assert_eq!(
        set(&cat.uids(&["--project", "madini"])),
        set(&[ENABLING, KIVU])
    );

    // Concepts: a tree, narrower ones indented under their broader one, in label order (the
    // demo holds the shipped vocabularies).
    let places = cat
        .run(&["list", "concepts", "--scheme", "place"])
        .ok()
        .stdout;
    let depth_of = |uid: &str| {
        let line = places
            .lines()
            .position(|l| l.split_whitespace().next() == Some(uid))
            .unwrap_or_else(|| panic!("no {uid} in {places}"));
        let text = places.lines().nth(line).unwrap();
        (line, (text.len() - text.trim_start().len()) / 2)
    };
    let path = [
        ("dr-congo", 0),
        ("eastern-drc", 1),
        ("north-kivu", 2),
        ("goma", 3),
        ("south-kivu", 2),
        ("bukavu", 3),
        ("rwanda", 0),
    ];
    let mut previous = 0;
    for (uid, depth) in path {
        let (line, found) = depth_of(uid);
        assert_eq!(found, depth, "{uid} in\n{places}");
        assert!(line >= previous, "{uid} out of order in\n{places}");
        previous = line;
    }
    assert!(
        places.lines().any(|l| l.starts_with("      goma ")),
        "{places}"
    );
    let all = cat.run(&["list", "concepts"]).ok().stdout;
    assert_eq!(all.lines().count(), 232, "{all}");
    let json = cat
        .run(&["list", "concepts", "--scheme", "mineral", "--json"])
        .ok()
        .json();
    let roots: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["uid"].as_str().unwrap())
        .collect();
    assert!(
        roots.contains(&"3tg") && roots.contains(&"cobalt"),
        "{roots:?}"
    );
    assert!(!roots.contains(&"gold"), "gold is under 3TG: {roots:?}");
    // Every uid listed is one --concept takes.
    for uid in first_column(&all) {
        cat.run(&["search", "--concept", &uid, "--json"]).ok();
    }
    cat.run(&["list"]).fails(2);
    cat.run(&["list", "works"]).fails(2);
}

#[test]
fn changes_lists_what_changed_since_a_version() {
    let dir = TempDir::new("changes");
    let cat = dated(&dir);
    let all = cat.run(&["changes", "--since", "0", "--json"]).ok().json();
    assert_eq!(all["version"], 1);
    let changes = all["changes"].as_array().unwrap();
    let uids: Vec<&str> = changes.iter().map(|c| c["uid"].as_str().unwrap()).collect();
    assert_eq!(
        set(&uids),
        set(&[
            "y2019",
            "m2021-07",
            "d2021-07-15",
            "i2016-2017",
            "a2012",
            "undated",
            "m2019-01"
        ])
    );
    assert!(changes
        .iter()
        .all(|c| c["entity"] == "publication" && c["op"] == "upsert" && c["version"] == 1));
    // --since defaults to 0.
    assert_eq!(cat.run(&["changes", "--json"]).ok().json(), all);
    let none = cat.run(&["changes", "--since", "1", "--json"]).ok().json();
    assert_eq!(none, serde_json::json!({"version": 1, "changes": []}));

    // One more publication: version 2, and only it since 1.
    let file = dir.path("one.json");
    std::fs::write(
        &file,
        r#"{
  "format": "pubcat",
  "version": 1,
  "publications": [{"uid": "extra", "language": "en", "title": "Extra", "kind": "map"}]
}"#,
    )
    .unwrap();
    cat.import(&file);
    let out = cat.run(&["changes", "--since", "1"]).ok();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{out:#?}");
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["2", "upsert", "publication", "extra"]
    );
    assert_eq!(lines[1], "version 2 (1 change(s) since 1)");
    cat.run(&["changes", "--since", "-1"]).fails(2);
    cat.run(&["changes", "--since", "many"]).fails(2);
    let out = cat
        .run(&["changes", "--since", "9223372036854775808"])
        .fails(4);
    assert_eq!(out.kind(), "invalid_input");
}

#[test]
fn backup_writes_a_consistent_copy() {
    let dir = TempDir::new("backup");
    let cat = demo(&dir);
    let out = cat.run(&["backup", "copy.db"]).ok();
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("copy.db"), "{out:#?}");
    let copy = Cat {
        dir: dir.0.clone(),
        db: dir.path("copy.db"),
    };
    assert_eq!(
        copy.run(&["--read-only", "stats", "--json"]).ok().json(),
        cat.run(&["stats", "--json"]).ok().json()
    );
    assert_eq!(copy.uids(&["cobalt"]), cat.uids(&["cobalt"]));
    copy.run(&["check"]).ok();
    // An existing destination is never overwritten.
    let bytes = std::fs::read(dir.path("copy.db")).unwrap();
    let out = cat.run(&["backup", "copy.db"]).fails(1);
    assert_eq!(out.kind(), "conflict");
    assert!(std::fs::read(dir.path("copy.db")).unwrap() == bytes);
    cat.run(&["backup"]).fails(2);

    // With --read-only too (SQLite's online backup): a file from elsewhere, in a folder of
    // its own, is copied and left byte for byte as it was.
    let sub = TempDir::new("backup-read-only");
    let downloaded = Cat {
        dir: dir.0.clone(),
        db: sub.path("downloaded.db"),
    };
    std::fs::copy(&cat.db, &downloaded.db).unwrap();
    let before = dir_state(&sub.0);
    let out = downloaded.run(&["--read-only", "backup", "kept.db"]).ok();
    assert!(out.stderr.contains("kept.db"), "{out:#?}");
    assert!(dir_state(&sub.0) == before, "the source folder changed");
    let kept = Cat {
        dir: dir.0.clone(),
        db: dir.path("kept.db"),
    };
    assert_eq!(
        kept.run(&["--read-only", "stats", "--json"]).ok().json(),
        cat.run(&["stats", "--json"]).ok().json()
    );
    kept.run(&["check"]).ok();
    // An existing destination is refused there too, untouched.
    let bytes = std::fs::read(dir.path("kept.db")).unwrap();
    let out = downloaded
        .run(&["--read-only", "backup", "kept.db"])
        .fails(1);
    assert_eq!(out.kind(), "conflict");
    assert!(std::fs::read(dir.path("kept.db")).unwrap() == bytes);
    assert!(dir_state(&sub.0) == before, "the source folder changed");
}

// ---------------------------------------------------------------------------------------
// Curation: link, unlink, tag, untag, set, edit, delete, merge, vocab

/// The uids of a JSON array of objects with a `uid`.
fn uids_of(items: &Value) -> Vec<String> {
    items
        .as_array()
        .expect("an array")
        .iter()
        .map(|i| i["uid"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn link_and_unlink_language_versions() {
    let dir = TempDir::new("link");
    let cat = demo(&dir);
    // unlink: the French version becomes a work of its own.
    let out = cat.run(&["unlink", PERC_FR, "--json"]).ok().json();
    assert_eq!(out["uid"], PERC_FR);
    assert_eq!(uids_of(&out["translations"]), [PERC_FR]);
    let shown = cat.run(&["show", PERC_EN, "--json"]).ok().json();
    assert_eq!(shown["translations"].as_array().unwrap().len(), 0);
    assert_eq!(cat.run(&["stats", "--json"]).ok().json()["works"], 7);
    // Again: nothing to do, the same answer.
    let text = cat.run(&["unlink", PERC_FR]).ok().stdout;
    assert!(
        text.starts_with(&format!("{PERC_FR}: 1 language version(s) of one work\n")),
        "{text}"
    );

    // link: one work again, the English one's.
    let text = cat.run(&["link", PERC_EN, PERC_FR]).ok().stdout;
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        format!("{PERC_EN}: 2 language version(s) of one work")
    );
    assert!(
        lines[1]
            .trim_start()
            .starts_with("en    conflict-minerals-perceptions-en"),
        "{text}"
    );
    assert!(
        lines[2]
            .trim_start()
            .starts_with("fr    conflict-minerals-perceptions-fr"),
        "{text}"
    );
    let out = cat.run(&["link", PERC_EN, PERC_FR, "--json"]).ok().json();
    assert_eq!(
        set(&uids_of(&out["translations"])),
        set(&[PERC_EN, PERC_FR])
    );
    let shown = cat.run(&["show", PERC_FR, "--json"]).ok().json();
    assert_eq!(
        shown["work"],
        cat.run(&["show", PERC_EN, "--json"]).ok().json()["work"]
    );
    assert_eq!(cat.run(&["stats", "--json"]).ok().json()["works"], 6);
    assert_eq!(
        cat.uids(&["--prefer", "fr", "--project", "madini"]).len(),
        2,
        "prefer still works"
    );

    // Refused, the catalogue unchanged: two English versions (conflict), an unknown uid.
    let out = cat.refused(&["link", M23, PERC_EN], 1, "conflict");
    assert!(
        out.stderr.contains(M23) && out.stderr.contains("`en`"),
        "{out:#?}"
    );
    cat.refused(&["link", M23, "no-such-uid"], 3, "not_found");
    cat.refused(&["unlink", "no-such-uid", "--json"], 3, "not_found");
    cat.run(&["link", M23]).fails(2);
}

#[test]
fn tag_and_untag_concepts() {
    let dir = TempDir::new("tag");
    let cat = demo(&dir);
    assert!(!cat
        .uids(&["--concept", "south-kivu"])
        .contains(&COBALT.to_owned()));
    let out = cat
        .run(&["tag", COBALT, "south-kivu", "gold", "--json"])
        .ok()
        .json();
    assert_eq!(out["uid"], COBALT);
    assert_eq!(out["outcome"], "updated");
    assert_eq!(out["given"], serde_json::json!(["south-kivu", "gold"]));
    let concepts: Vec<&str> = out["concepts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(
        concepts.contains(&"south-kivu") && concepts.contains(&"gold"),
        "{out}"
    );
    // The filters see it, through the broader concepts too.
    assert!(cat
        .uids(&["--concept", "south-kivu"])
        .contains(&COBALT.to_owned()));
    assert!(cat
        .uids(&["--concept", "dr-congo"])
        .contains(&COBALT.to_owned()));
    // Tagging again changes nothing.
    let text = cat.run(&["tag", COBALT, "gold"]).ok().stdout;
    assert!(
        text.starts_with(&format!(
            "{COBALT}: already tagged: nothing changed\nconcepts: "
        )),
        "{text}"
    );
    let version = cat.run(&["stats", "--json"]).ok().json()["version"].clone();
    assert_eq!(
        cat.run(&["tag", COBALT, "gold", "--json"]).ok().json()["outcome"],
        "unchanged"
    );
    assert_eq!(
        cat.run(&["stats", "--json"]).ok().json()["version"],
        version
    );

    // untag.
    let text = cat
        .run(&["untag", COBALT, "gold", "south-kivu"])
        .ok()
        .stdout;
    assert!(text.starts_with(&format!("{COBALT}: untagged\n")), "{text}");
    assert!(
        !text.contains("gold") && !text.contains("south-kivu"),
        "{text}"
    );
    assert!(!cat
        .uids(&["--concept", "south-kivu"])
        .contains(&COBALT.to_owned()));
    let out = cat.run(&["untag", COBALT, "gold", "--json"]).ok().json();
    assert_eq!(out["outcome"], "unchanged");

    // Refused, the catalogue unchanged: an unknown concept (none of the others is added
    // either: one transaction), an unknown publication, no concept at all.
    let out = cat.refused(&["tag", COBALT, "gold", "no-such-concept"], 3, "not_found");
    assert!(out.stderr.contains("no-such-concept"), "{out:#?}");
    assert!(!cat
        .uids(&["--concept", "gold"])
        .contains(&COBALT.to_owned()));
    cat.refused(&["tag", "no-such-uid", "gold"], 3, "not_found");
    cat.refused(&["untag", "no-such-uid", "gold", "--json"], 3, "not_found");
    cat.run(&["tag", COBALT]).fails(2);
    cat.run(&["untag", COBALT]).fails(2);
}

#[test]
fn set_one_field_of_a_publication() {
    let dir = TempDir::new("set");
    let cat = demo(&dir);
    let out = cat.run(&["set", M23, "pages", "28"]).ok();
    assert_eq!(out.stdout, format!("{M23}: pages = 28 (updated)\n"));
    let out = cat.run(&["set", M23, "pages", "28", "--json"]).ok().json();
    assert_eq!(
        out,
        serde_json::json!({"uid": M23, "field": "pages", "outcome": "unchanged", "value": 28})
    );
    cat.run(&["set", M23, "subtitle", "An update of the 2007-2010 series"])
        .ok();
    cat.run(&["set", M23, "date", "2012-12"]).ok();
    cat.run(&["set", M23, "concepts", r#"["m23","goma","gold"]"#])
        .ok();
    let shown = cat.run(&["show", M23, "--json"]).ok().json();
    assert_eq!(shown["pages"], 28);
    assert_eq!(shown["subtitle"], "An update of the 2007-2010 series");
    assert_eq!(shown["date"]["edtf"], "2012-12");
    assert_eq!(
        set(&uids_of(&shown["concepts"])),
        set(&["m23", "goma", "gold"])
    );
    // An empty value clears the field.
    let out = cat.run(&["set", M23, "subtitle", "", "--json"]).ok().json();
    assert!(out["value"].is_null(), "{out}");
    assert!(cat.run(&["show", M23, "--json"]).ok().json()["subtitle"].is_null());
    // A value starting with `-` is a value.
    let out = cat.run(&["set", M23, "summary", "-- a summary"]).ok();
    assert!(out.stdout.contains("-- a summary"), "{out:#?}");

    // Refused, the catalogue unchanged: values the core rejects (4), an unknown publication
    // or concept (3), an unknown field or the uid (usage, 2: the fields are listed).
    let out = cat.refused(&["set", M23, "date", "someday"], 4, "invalid_input");
    assert!(out.stderr.contains("someday"), "{out:#?}");
    cat.refused(&["set", M23, "pages", "many"], 4, "invalid_input");
    cat.refused(&["set", M23, "kind", "novel"], 4, "invalid_input");
    cat.refused(
        &["set", M23, "concepts", r#"["gold","no-such"]"#],
        3,
        "not_found",
    );
    cat.refused(&["set", "no-such-uid", "pages", "3"], 3, "not_found");
    for field in ["titel", "uid"] {
        let before = cat.files();
        let out = cat.run(&["set", M23, field, "x"]).fails(2);
        assert!(
            out.stderr
                .contains("[possible values: body, concepts, contributors, date,"),
            "{out:#?}"
        );
        assert!(cat.files() == before);
    }
    cat.run(&["set", M23, "pages"]).fails(2);
}

/// Writes an executable shell script `name` in `dir` running `body` on the file it is given
/// (`$1`): an editor for `pubcat edit`.
#[cfg(unix)]
fn editor_script(dir: &TempDir, name: &str, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.path(name);
    std::fs::write(&path, format!("#!/bin/sh\nset -e\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// The files the temporary folder `tmp` holds.
#[cfg(unix)]
fn temporary_files(tmp: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(tmp)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[cfg(unix)]
#[test]
fn edit_runs_the_editor_and_writes_a_valid_edit_back() {
    let dir = TempDir::new("edit");
    let cat = demo(&dir);
    let tmp = dir.path("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let edit = |editor: &Path, args: &[&str]| -> Out {
        let mut all = vec!["--db", cat.db.to_str().unwrap(), "edit"];
        all.extend_from_slice(args);
        run_env(
            &dir.0,
            &all,
            &[("EDITOR", editor.as_os_str()), ("TMPDIR", tmp.as_os_str())],
        )
    };
    // The editor sees the publication as written (pretty JSON, references as uids).
    let seen = dir.path("seen.json");
    let retitle = editor_script(
        &dir,
        "retitle.sh",
        &format!(
            "cp \"$1\" {seen}\nsed -i 's/\"title\": \"Mapping Conflict Motives: M23\"/\"title\": \"Mapping Conflict Motives: M23 (2012)\"/' \"$1\"",
            seen = seen.display()
        ),
    );
    let out = edit(&retitle, &[M23]).ok();
    assert_eq!(out.stdout, format!("{M23}: updated\n"));
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&seen).unwrap()).unwrap();
    assert_eq!(written["uid"], M23);
    assert_eq!(written["series"], "mapping-conflict-motives");
    assert!(std::fs::read_to_string(&seen)
        .unwrap()
        .contains("\n  \"title\": "));
    let shown = cat.run(&["show", M23, "--json"]).ok().json();
    assert_eq!(shown["title"], "Mapping Conflict Motives: M23 (2012)");
    assert_eq!(shown["series"]["uid"], "mapping-conflict-motives");
    assert!(
        temporary_files(&tmp).is_empty(),
        "the temporary file is left"
    );
    let original = dir.path("original.json");
    std::fs::copy(&seen, &original).unwrap();
    // The same edit again: the file comes back unchanged, nothing is written.
    let version = cat.run(&["stats", "--json"]).ok().json()["version"].clone();
    let out = edit(&retitle, &[M23, "--json"]).ok().json();
    assert_eq!(out, serde_json::json!({"uid": M23, "outcome": "unchanged"}));
    assert_eq!(
        cat.run(&["stats", "--json"]).ok().json()["version"],
        version
    );
    // $VISUAL comes before $EDITOR, and may hold options (it runs through sh).
    let args = dir.path("args.txt");
    let visual = editor_script(
        &dir,
        "visual.sh",
        &format!("printf '%s\\n' \"$@\" > {}", args.display()),
    );
    let out = run_env(
        &dir.0,
        &["--db", cat.db.to_str().unwrap(), "edit", EU],
        &[
            ("EDITOR", OsStr::new("false")),
            (
                "VISUAL",
                OsStr::new(&format!("{} --wait", visual.display())),
            ),
            ("TMPDIR", tmp.as_os_str()),
        ],
    )
    .ok();
    assert_eq!(out.stdout, format!("{EU}: no change\n"));
    let given = std::fs::read_to_string(&args).unwrap();
    let given: Vec<&str> = given.lines().collect();
    assert_eq!(given[0], "--wait");
    assert!(
        given[1].starts_with(tmp.to_str().unwrap()) && given[1].ends_with(".json"),
        "{given:?}"
    );
    assert!(temporary_files(&tmp).is_empty());

    // Invalid JSON: refused, the catalogue unchanged, the edit kept and named.
    let broken = editor_script(&dir, "broken.sh", "printf '{\"uid\": oops' > \"$1\"");
    let before = cat.files();
    let out = edit(&broken, &[M23]).fails(4);
    assert_eq!(out.kind(), "invalid_input");
    assert!(
        cat.files() == before,
        "an invalid edit changed the catalogue"
    );
    let kept = temporary_files(&tmp);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(out.stderr.contains(kept[0].to_str().unwrap()), "{out:#?}");
    assert!(out.stderr.contains("--resume"), "{out:#?}");
    assert!(out.stderr.contains("line 1 column"), "{out:#?}");
    // Fixed, and resumed: written, and the kept file removed.
    let fix = editor_script(&dir, "fix.sh", &format!("cp {} \"$1\"", original.display()));
    let out = edit(&fix, &[M23, "--resume", kept[0].to_str().unwrap()]).ok();
    assert_eq!(out.stdout, format!("{M23}: updated\n"));
    assert_eq!(
        cat.run(&["show", M23, "--json"]).ok().json()["title"],
        "Mapping Conflict Motives: M23"
    );
    assert!(temporary_files(&tmp).is_empty());

    // Refused the same way, the catalogue unchanged and the edit kept: another uid, a value
    // the core refuses, an unknown field, a reference to nothing.
    for (body, code, kind) in [
        (format!("sed -i 's/\"uid\": \"{M23}\"/\"uid\": \"m23-renamed\"/' \"$1\""), 4, "invalid_input"),
        ("sed -i 's/\"date\": \"2012\"/\"date\": \"someday\"/' \"$1\"".to_owned(), 4, "invalid_input"),
        ("sed -i 's/\"title\":/\"titel\":/' \"$1\"".to_owned(), 4, "invalid_input"),
        ("sed -i 's/\"series\": \"mapping-conflict-motives\"/\"series\": \"no-such-series\"/' \"$1\"".to_owned(), 3, "not_found"),
    ] {
        let script = editor_script(&dir, "bad.sh", &body);
        let before = cat.files();
        let out = edit(&script, &[M23]).fails(code);
        assert_eq!(out.kind(), kind, "{body}: {out:#?}");
        assert!(cat.files() == before, "{body}: the catalogue changed");
        let kept = temporary_files(&tmp);
        assert_eq!(kept.len(), 1, "{body}: {kept:?}");
        assert!(out.stderr.contains(kept[0].to_str().unwrap()), "{out:#?}");
        std::fs::remove_file(&kept[0]).unwrap();
    }
    // Someone else changes the record while it is edited: refused (conflict), their change
    // stays, the edit is kept.
    let meanwhile = editor_script(
        &dir,
        "meanwhile.sh",
        &format!(
            "\"{bin}\" --db \"{db}\" set {M23} pages 99 > /dev/null\nsed -i 's/\"title\": \"Mapping Conflict Motives: M23\"/\"title\": \"Mine\"/' \"$1\"",
            bin = env!("CARGO_BIN_EXE_pubcat"),
            db = cat.db.display()
        ),
    );
    let out = edit(&meanwhile, &[M23]).fails(1);
    assert_eq!(out.kind(), "conflict");
    assert!(out.stderr.contains("while you edited"), "{out:#?}");
    let shown = cat.run(&["show", M23, "--json"]).ok().json();
    assert_eq!(
        (&shown["pages"], &shown["title"]),
        (
            &Value::from(99),
            &Value::from("Mapping Conflict Motives: M23")
        )
    );
    let kept = temporary_files(&tmp);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(std::fs::read_to_string(&kept[0])
        .unwrap()
        .contains("\"title\": \"Mine\""));
    std::fs::remove_file(&kept[0]).unwrap();

    let out = edit(&broken, &["no-such-uid"]).fails(3);
    assert_eq!(out.kind(), "not_found");
    // An editor that fails: nothing changes, nothing is left behind.
    let before = cat.files();
    let out = edit(Path::new("false"), &[M23]).fails(1);
    assert!(out.stderr.contains("editor"), "{out:#?}");
    assert!(cat.files() == before);
    assert!(temporary_files(&tmp).is_empty());
}

#[test]
fn delete_each_kind_of_record() {
    let dir = TempDir::new("delete");
    let cat = demo(&dir);
    // Conflicts as the core words them, the catalogue unchanged.
    let out = cat.refused(&["delete", "agent", "ipis"], 1, "conflict");
    assert!(out.stderr.contains("credited"), "{out:#?}");
    cat.refused(
        &["delete", "series", "mapping-conflict-motives"],
        1,
        "conflict",
    );
    cat.refused(&["delete", "concept", "dr-congo"], 1, "conflict");
    // Unknown uids: not found.
    for entity in ["publication", "agent", "series", "project", "concept"] {
        cat.refused(&["delete", entity, "no-such-uid"], 3, "not_found");
    }
    cat.run(&["delete", "work", M23]).fails(2);
    cat.run(&["delete", "publication"]).fails(2);

    let out = cat.run(&["delete", "publication", M23]).ok();
    assert_eq!(out.stdout, format!("deleted publication {M23}\n"));
    cat.run(&["show", M23]).fails(3);
    // Now its series has no publication left.
    let out = cat
        .run(&["delete", "series", "mapping-conflict-motives", "--json"])
        .ok()
        .json();
    assert_eq!(
        out,
        serde_json::json!({"entity": "series", "uid": "mapping-conflict-motives", "deleted": true})
    );
    cat.run(&["delete", "concept", "tin"]).ok();
    cat.run(&["delete", "project", "madini"]).ok();
    let stats = cat.run(&["stats", "--json"]).ok().json();
    assert_eq!(
        (
            &stats["publications"],
            &stats["series"],
            &stats["projects"],
            &stats["concepts"]
        ),
        (
            &Value::from(6),
            &Value::from(1),
            &Value::from(0),
            &Value::from(231)
        )
    );
    let changes = cat.run(&["changes", "--json"]).ok().json();
    let deleted: Vec<(&str, &str)> = changes["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["op"] == "delete")
        .map(|c| (c["entity"].as_str().unwrap(), c["uid"].as_str().unwrap()))
        .collect();
    assert_eq!(
        set(&deleted
            .iter()
            .map(|(e, u)| format!("{e} {u}"))
            .collect::<Vec<_>>()),
        set(&[
            format!("publication {M23}"),
            "series mapping-conflict-motives".to_owned(),
            "concept tin".to_owned(),
            "project madini".to_owned(),
        ])
    );
}

#[test]
fn merge_agents_series_and_publications() {
    let dir = TempDir::new("merge");
    let cat = demo(&dir);
    // Agents: Levin Sources' contributions move to IPIS; looking it up gives IPIS.
    let out = cat.run(&["merge", "agents", "levin-sources", "ipis"]).ok();
    assert_eq!(
        out.stdout,
        "merged agent levin-sources into ipis (looking up levin-sources now gives ipis)\n"
    );
    let agents = cat.run(&["list", "agents", "--json"]).ok().json();
    assert_eq!(
        set(&uids_of(&agents)),
        set(&["european-ngo-coalition", "ipis"])
    );
    let shown = cat.run(&["show", ENABLING, "--json"]).ok().json();
    let credited: Vec<&str> = shown["contributors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["agent"].as_str().unwrap())
        .collect();
    assert!(
        credited.contains(&"ipis") && !credited.contains(&"levin-sources"),
        "{shown}"
    );
    assert_eq!(
        cat.uids(&["--agent", "levin-sources"]),
        cat.uids(&["--agent", "ipis"])
    );

    // Series.
    let out = cat
        .run(&[
            "merge",
            "series",
            "mapping-conflict-motives",
            "ipis-due-diligence",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(
        out,
        serde_json::json!({"entity": "series", "from": "mapping-conflict-motives", "into": "ipis-due-diligence", "merged": true})
    );
    let shown = cat.run(&["show", M23, "--json"]).ok().json();
    assert_eq!(shown["series"]["uid"], "ipis-due-diligence");
    assert_eq!(
        uids_of(&cat.run(&["list", "series", "--json"]).ok().json()),
        ["ipis-due-diligence"]
    );

    // Publications: `show FROM` gives INTO, which took FROM's values where it had none.
    cat.run(&["merge", "publications", M23, EU]).ok();
    let shown = cat.run(&["show", M23, "--json"]).ok().json();
    assert_eq!(shown["uid"], EU);
    assert_eq!(shown["date"]["edtf"], "2012");
    let text = cat.run(&["show", M23]).ok().stdout;
    assert!(text.contains(&format!("uid        {EU}\n")), "{text}");
    assert_eq!(cat.run(&["stats", "--json"]).ok().json()["publications"], 6);
    assert!(!cat.uids(&[]).contains(&M23.to_owned()));

    // Refused, the catalogue unchanged.
    cat.refused(&["merge", "publications", EU, EU], 4, "invalid_input");
    cat.refused(
        &["merge", "publications", "no-such-uid", EU],
        3,
        "not_found",
    );
    cat.refused(&["merge", "agents", "ipis", "no-such-uid"], 3, "not_found");
    cat.refused(&["merge", "publications", PERC_FR, ENABLING], 1, "conflict");
    cat.run(&["merge", "works", M23, EU]).fails(2);
    cat.run(&["merge", "agents", "ipis"]).fails(2);
}

#[test]
fn vocab_export_and_import() {
    let dir = TempDir::new("vocab");
    let cat = demo(&dir);
    // To standard output: a native document of concepts only.
    let places = cat
        .run(&["vocab", "export", "--scheme", "place"])
        .ok()
        .json();
    assert_eq!(places["format"], "pubcat");
    for other in ["publications", "agents", "series", "projects", "relations"] {
        assert_eq!(places[other], serde_json::json!([]), "{other}");
    }
    let concepts = places["concepts"].as_array().unwrap();
    // The demo holds the shipped place vocabulary.
    assert_eq!(concepts.len(), 124, "{places}");
    assert!(concepts.iter().all(|c| c["scheme"] == "place"));
    assert_eq!(
        cat.run(&["vocab", "export", "--out", "-", "--scheme", "place"])
            .ok()
            .json(),
        places
    );
    // To a file (replaced if it exists), said on standard error.
    let file = dir.path("vocabulary.json");
    std::fs::write(&file, "old").unwrap();
    let out = cat
        .run(&["vocab", "export", "--out", file.to_str().unwrap()])
        .ok();
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("vocabulary.json"), "{out:#?}");
    let all: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    // The demo holds the shipped vocabularies.
    assert_eq!(all["concepts"].as_array().unwrap().len(), 232);

    // Into a catalogue without concepts, with their broader concepts: the same tree.
    let other = bare(&dir, "other.db");
    let out = other.run(&["vocab", "import", file.to_str().unwrap()]).ok();
    assert_eq!(
        out.stdout,
        "added 232, updated 0, unchanged 0\n  concepts  added 232, updated 0, unchanged 0\n"
    );
    let tree = |cat: &Cat| -> Vec<String> {
        let text = cat.run(&["list", "concepts"]).ok().stdout;
        text.lines()
            .map(|l| l.split("  [").next().unwrap().to_owned())
            .collect()
    };
    assert_eq!(tree(&other), tree(&cat));
    assert!(
        tree(&other)
            .iter()
            .any(|l| l.starts_with("    north-kivu ")),
        "{:?}",
        tree(&other)
    );
    // Again, from standard input: unchanged.
    let text = std::fs::read(&file).unwrap();
    let out = run_with_stdin(
        &dir.0,
        &[
            "--db",
            other.db.to_str().unwrap(),
            "vocab",
            "import",
            "-",
            "--json",
        ],
        &text,
    )
    .ok()
    .json();
    assert_eq!(out["unchanged"], 232);
    assert_eq!(out["concepts"]["unchanged"], 232);
    assert_eq!(out["publications"]["added"], 0);

    // A document with other records, or not a document: refused, nothing imported.
    let whole = dir.path("whole.json");
    cat.run(&["export", "--out", whole.to_str().unwrap()]).ok();
    let target = bare(&dir, "target.db");
    let out = target.refused(
        &["vocab", "import", whole.to_str().unwrap()],
        4,
        "invalid_input",
    );
    assert!(out.stderr.contains("concepts only"), "{out:#?}");
    std::fs::write(dir.path("bad.json"), "{\"format\": \"pubcat\", oops").unwrap();
    target.refused(&["vocab", "import", "bad.json"], 4, "parse");
    target.refused(&["vocab", "import", "missing.json"], 1, "io");
    assert_eq!(target.run(&["stats", "--json"]).ok().json()["concepts"], 0);
    cat.run(&["vocab", "export", "--scheme", "colour"]).fails(2);
    cat.run(&["vocab"]).fails(2);
}

// ---------------------------------------------------------------------------------------
// import --dry-run, --on-conflict, --lenient

/// A RIS file: the demo's M23 report with a summary of its own and a page count (a conflict
/// and a new value), and a new publication by a new author.
const RIS: &str = "TY  - RPRT\nTI  - Mapping Conflict Motives: M23\nPY  - 2012\nAB  - A summary of its own\nSP  - 28\nER  - \nTY  - RPRT\nTI  - Gold in Ituri\nPY  - 2020\nAU  - Doe, Jane\nER  - \n";

/// A listing whose second entry has no date while the others have one: it cannot be placed.
const DOUBTFUL_LISTING: &str = "Gold in Ituri\n- | March 1, 2022\n\nA report on gold […]\n\nCobalt in Lualaba\n\nA report on cobalt […]\n\nTin in Maniema\n- | May 3, 2021\n\nA report on tin […]\n";

#[test]
fn import_dry_run_says_what_would_change_and_writes_nothing() {
    let dir = TempDir::new("dry-run");
    let cat = demo(&dir);
    let ris = dir.path("m23.ris");
    std::fs::write(&ris, RIS).unwrap();
    let before = cat.files();
    let out = cat.run(&["import", "m23.ris", "--dry-run"]).ok();
    assert!(cat.files() == before, "a dry run changed the catalogue");
    let text = out.stdout;
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[..4],
        [
            "dry run: nothing was written; the import would give:",
            "added 2, updated 1, unchanged 0",
            "  publications  added 1, updated 1, unchanged 0",
            "  agents        added 1, updated 0, unchanged 0",
        ],
        "{text}"
    );
    // Updated field by field (old → new), added with their fields.
    for line in [
        format!("update publication {M23}"),
        "    pages: (none) → 28".to_owned(),
        "add publication gold-in-ituri-2020".to_owned(),
        "    title: Gold in Ituri".to_owned(),
        "    date: 2020".to_owned(),
        "conflicts: 1".to_owned(),
        format!("  {M23} summary: kept"),
        "    incoming: A summary of its own".to_owned(),
    ] {
        assert!(
            lines.contains(&line.as_str()),
            "no line {line:?} in\n{text}"
        );
    }
    assert!(
        lines.iter().any(
            |l| l.starts_with("    stored:   In light of the recent occupation")
                && l.ends_with('…')
        ),
        "{text}"
    );
    // --json: the whole ImportReport.
    let report = cat
        .run(&["import", "m23.ris", "--dry-run", "--json"])
        .ok()
        .json();
    assert!(cat.files() == before, "a dry run changed the catalogue");
    assert_eq!(report["dry_run"], true);
    assert_eq!(report["written"], false);
    assert_eq!(report["format"], "ris");
    assert_eq!(report["on_conflict"], "keep");
    assert_eq!(report["summary"]["added"], 2);
    assert_eq!(
        report["summary"]["publications"],
        serde_json::json!({"added": 1, "updated": 1, "unchanged": 0})
    );
    assert_eq!(report["summary"]["agents"]["added"], 1);
    let update = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["uid"] == M23)
        .expect("the update of M23");
    assert_eq!(update["entity"], "publication");
    assert_eq!(update["outcome"], "updated");
    assert_eq!(
        update["fields"],
        serde_json::json!([{"field": "pages", "old": "", "new": "28"}])
    );
    assert_eq!(report["conflicts"][0]["field"], "summary");
    assert_eq!(report["conflicts"][0]["incoming"], "A summary of its own");
    assert_eq!(report["conflicts"][0]["resolution"], "kept");
    assert_eq!(report["unplaced"], serde_json::json!([]));
    // With replace, the summary would be replaced.
    let report = cat
        .run(&[
            "import",
            "m23.ris",
            "--dry-run",
            "--on-conflict",
            "replace",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(report["conflicts"][0]["resolution"], "replaced");
    assert!(cat.files() == before);

    // Into a catalogue that does not exist: against an empty one, creating nothing.
    let out = run(
        &dir.0,
        &["--db", "new.db", "import", "m23.ris", "--dry-run"],
    )
    .ok();
    assert!(
        out.stdout.contains("\nadded 3, updated 0, unchanged 0\n"),
        "{out:#?}"
    );
    assert_eq!(out.stderr, "");
    assert!(!dir.path("new.db").exists());
    assert!(dir_state(&dir.0)
        .iter()
        .all(|(name, _)| !name.starts_with("new.db")));
    // A file that does not parse: the error, nothing written.
    std::fs::write(dir.path("bad.ris"), "TY  - RPRT\nPY  - someday\nER  - \n").unwrap();
    cat.refused(&["import", "bad.ris", "--dry-run"], 4, "parse");
}

#[test]
fn import_follows_the_merge_policy() {
    let dir = TempDir::new("on-conflict");
    let cat = demo(&dir);
    std::fs::write(dir.path("m23.ris"), RIS).unwrap();
    let stored = cat.run(&["show", M23, "--json"]).ok().json()["summary"].clone();

    // report: the conflicts printed, nothing written, status 6.
    let before = cat.files();
    let out = cat.run(&["import", "m23.ris", "--on-conflict", "report"]);
    assert_eq!(out.code, 6, "{out:#?}");
    assert!(cat.files() == before, "report wrote despite a conflict");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines[0].starts_with("nothing was written: the file gives 1 stored value(s) differently (--on-conflict report)"), "{out:#?}");
    assert!(lines.contains(&"conflicts: 1"), "{out:#?}");
    assert!(
        lines.contains(&format!("  {M23} summary: kept").as_str()),
        "{out:#?}"
    );
    let out = cat.run(&["import", "m23.ris", "--on-conflict", "report", "--json"]);
    assert_eq!(out.code, 6, "{out:#?}");
    let report = out.json();
    assert_eq!(
        (&report["written"], &report["dry_run"]),
        (&Value::Bool(false), &Value::Bool(false))
    );
    assert_eq!(report["on_conflict"], "report");
    assert_eq!(report["conflicts"].as_array().unwrap().len(), 1);
    assert!(cat.files() == before);
    cat.run(&["show", "gold-in-ituri-2020"]).fails(3);
    // A dry run with report: the same status (a real run would write nothing).
    assert_eq!(
        cat.run(&["import", "m23.ris", "--on-conflict", "report", "--dry-run"])
            .code,
        6
    );

    // keep (RIS's default): the new values written, the stored summary kept; the conflict
    // is printed.
    let out = cat.run(&["import", "m23.ris"]).ok();
    assert!(
        out.stdout.starts_with("added 2, updated 1, unchanged 0\n"),
        "{out:#?}"
    );
    assert!(
        out.stdout
            .contains(&format!("conflicts: 1\n  {M23} summary: kept\n")),
        "{out:#?}"
    );
    let shown = cat.run(&["show", M23, "--json"]).ok().json();
    assert_eq!(
        (&shown["pages"], &shown["summary"]),
        (&Value::from(28), &stored)
    );
    cat.run(&["show", "gold-in-ituri-2020"]).ok();
    // replace: the file's summary.
    let report = cat
        .run(&["import", "m23.ris", "--on-conflict", "replace", "--json"])
        .ok()
        .json();
    assert_eq!(report["written"], true);
    assert_eq!(
        report["summary"]["publications"],
        serde_json::json!({"added": 0, "updated": 1, "unchanged": 1})
    );
    assert_eq!(report["conflicts"][0]["resolution"], "replaced");
    assert_eq!(
        cat.run(&["show", M23, "--json"]).ok().json()["summary"],
        "A summary of its own"
    );
    // report with nothing to disagree about: written, status 0.
    let report = cat
        .run(&["import", "m23.ris", "--on-conflict", "report", "--json"])
        .ok()
        .json();
    assert_eq!(
        (&report["written"], &report["summary"]["unchanged"]),
        (&Value::Bool(true), &Value::from(2))
    );

    // Native JSON replaces by default; keep keeps.
    let doc = dir.path("demo.json");
    cat.run(&["export", "--out", doc.to_str().unwrap()]).ok();
    let edited = std::fs::read_to_string(&doc)
        .unwrap()
        .replace("A summary of its own", "Yet another summary");
    std::fs::write(&doc, edited).unwrap();
    let report = cat
        .run(&["import", "demo.json", "--on-conflict", "keep", "--json"])
        .ok()
        .json();
    assert_eq!(report["on_conflict"], "keep");
    assert_eq!(
        cat.run(&["show", M23, "--json"]).ok().json()["summary"],
        "A summary of its own"
    );
    let report = cat.run(&["import", "demo.json", "--json"]).ok().json();
    assert_eq!(report["on_conflict"], "replace");
    assert_eq!(
        cat.run(&["show", M23, "--json"]).ok().json()["summary"],
        "Yet another summary"
    );

    let out = cat
        .run(&["import", "m23.ris", "--on-conflict", "merge"])
        .fails(2);
    assert!(out.stderr.contains("keep, replace, report"), "{out:#?}");
}

#[test]
fn import_lenient_takes_the_certain_entries_of_a_listing() {
    let dir = TempDir::new("lenient");
    std::fs::write(dir.path("doubtful.txt"), DOUBTFUL_LISTING).unwrap();
    let cat = Cat {
        dir: dir.0.clone(),
        db: dir.path("new.db"),
    };
    // Without --lenient: refused, naming the line; the catalogue not even created.
    let out = cat.run(&["import", "doubtful.txt"]).fails(4);
    assert_eq!(out.kind(), "parse");
    assert!(
        out.stderr.contains("line 6") && out.stderr.contains("Cobalt in Lualaba"),
        "{out:#?}"
    );
    assert!(!cat.db.exists());
    // With it: the two certain entries, and the line listed.
    let out = cat.run(&["import", "doubtful.txt", "--lenient"]).ok();
    assert_eq!(
        out.stdout,
        "added 2, updated 0, unchanged 0\n\
         \x20 publications  added 2, updated 0, unchanged 0\n\
         lines not placed: 1\n\
         \x20 line 6: Cobalt in Lualaba (no date, although the entries around it have one)\n"
    );
    let titles: BTreeSet<String> = cat.search(&[])["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(titles, set(&["Gold in Ituri", "Tin in Maniema"]));
    let report = cat
        .run(&["import", "doubtful.txt", "--lenient", "--json"])
        .ok()
        .json();
    assert_eq!(report["format"], "listing");
    assert_eq!(report["summary"]["publications"]["unchanged"], 2);
    assert_eq!(
        report["unplaced"],
        serde_json::json!([{"line": 6, "text": "Cobalt in Lualaba", "reason": "no date, although the entries around it have one"}])
    );
    // Still refused without it, the catalogue unchanged.
    cat.refused(&["import", "doubtful.txt"], 4, "parse");
}

// ---------------------------------------------------------------------------------------
// README.md's "Command line" section, as written

#[test]
fn readme_command_line_section_runs_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let section = readme
        .split("\n## Command line\n")
        .nth(1)
        .expect("a Command line section")
        .split("\n## ")
        .next()
        .unwrap();
    let block = section
        .split("```sh\n")
        .nth(1)
        .expect("a sh block")
        .split("```")
        .next()
        .unwrap();
    let lines: Vec<&str> = block.lines().filter(|l| !l.trim().is_empty()).collect();
    // The first line builds the binary and names it `pubcat`: the test has both.
    assert!(
        lines[0].starts_with("cargo build -p pubcat-cli") && lines[0].contains("alias pubcat="),
        "{}",
        lines[0]
    );
    assert!(lines.len() > 20, "{lines:?}");

    // A fresh clone: the files of examples/ the section names are there.
    let dir = TempDir::new("readme");
    for word in block
        .split_whitespace()
        .filter(|w| w.starts_with("examples/"))
    {
        let target = dir.0.join(word);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(root.join(word), target).unwrap();
    }
    let mut cursor: Option<String> = None;
    for line in &lines[1..] {
        let line = match &cursor {
            Some(c) => line.replace("<next_cursor>", &format!("'{c}'")),
            None => {
                assert!(
                    !line.contains("<next_cursor>"),
                    "no cursor printed before {line}"
                );
                line.to_string()
            }
        };
        let output = Command::new("bash")
            .arg("-c")
            .arg(format!(
                "set -eo pipefail\npubcat() {{ \"$PUBCAT_BIN\" \"$@\"; }}\n{line}"
            ))
            .env("PUBCAT_BIN", env!("CARGO_BIN_EXE_pubcat"))
            .env_remove("PUBCAT_DB")
            .current_dir(&dir.0)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success() && !stderr.contains("panicked"),
            "{line}: {output:?}"
        );
        if let Ok(page) = serde_json::from_slice::<Value>(&output.stdout) {
            if let Some(next) = page.get("next_cursor").and_then(Value::as_str) {
                cursor = Some(next.to_owned());
            }
        }
    }
    assert!(cursor.is_some(), "no line printed a next_cursor");
}
