//! `pubcat type-ahead`: text and JSON output on the demo catalogue, bad input.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{run, TempDir};

fn demo(dir: &TempDir) -> String {
    let db = dir.0.join("demo.db").display().to_string();
    run(&dir.0, &["--db", &db, "demo"]).ok();
    db
}

#[test]
fn prints_completions_and_marked_hits() {
    let dir = TempDir::new("type-ahead-text");
    let db = demo(&dir);
    let out = run(&dir.0, &["--db", &db, "type-ahead", "cob"]).ok().stdout;
    assert!(out.starts_with("completions: cobalt (1)"), "{out}");
    assert!(out.contains("1 hit(s), best match first"), "{out}");
    assert!(
        out.contains("[cobalt]") && out.contains("ipis-dd-cobalt-3t-comparative-analysis"),
        "{out}"
    );
}

#[test]
fn json_has_completions_hits_and_order() {
    let dir = TempDir::new("type-ahead-json");
    let db = demo(&dir);
    let out = run(
        &dir.0,
        &[
            "--db",
            &db,
            "type-ahead",
            "Sud-Ki",
            "--prefer",
            "fr,en",
            "--json",
        ],
    )
    .ok()
    .stdout;
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["completions"][0]["word"], "kivu");
    assert_eq!(v["order"], "relevance");
    assert!(!v["hits"].as_array().unwrap().is_empty());
}

#[test]
fn bad_values_exit_with_the_invalid_query_status() {
    let dir = TempDir::new("type-ahead-bad");
    let db = demo(&dir);
    let err = run(
        &dir.0,
        &["--db", &db, "type-ahead", "co", "--lang", "not a tag!"],
    )
    .fails(4);
    assert_eq!(err.kind(), "invalid_query");
    // Hostile text is searched, never an error.
    for text in ["\"", "-", "***", "OR", "don't"] {
        run(&dir.0, &["--db", &db, "type-ahead", text]).ok();
    }
}
