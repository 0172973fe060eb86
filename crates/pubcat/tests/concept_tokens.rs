//! The concept tokens of the full-text index (schema version 7): a search for a concept's
//! label matches one index word per concept instead of the OR of all its labels. These tests
//! hold the write path to it: after publications are added, edited and deleted, and after a
//! concept's labels are added, removed or marked ambiguous and the concept deleted, a search
//! for a label finds exactly the publications that hold one of the concept's unambiguous
//! labels (each label searched as a quoted phrase, which turns expansion off), and the file
//! passes the full check (FTS5's integrity check of the index against its content) throughout.
//! The tokens never show: not as words typed (`zzconcept1`, `z*`), nor in suggestions,
//! completions or snippets.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::TempDir;
use pubcat::model::*;
use pubcat::query::Query;
use pubcat::Catalog;

fn publication(uid: &str, language: &str, title: &str) -> Publication {
    Publication::new(uid, language, title, Kind::Report)
}

fn south_kivu(
    labels: &[(&str, &str)],
    alt: &[(&str, &str)],
    ambiguous: &[(&str, &str)],
) -> Concept {
    let mut c = Concept::new("south-kivu", Scheme::Place);
    for (language, label) in labels {
        c.labels.insert((*language).to_owned(), (*label).to_owned());
    }
    c.alt_labels = alt.iter().map(|(l, t)| Label::new(*l, *t)).collect();
    c.ambiguous = ambiguous.iter().map(|(l, t)| Label::new(*l, *t)).collect();
    c
}

fn found(c: &Catalog, text: &str) -> BTreeSet<String> {
    let page = c
        .search(&Query {
            text: Some(text.to_owned()),
            limit: Some(1000),
            ..Default::default()
        })
        .unwrap();
    page.hits.into_iter().map(|h| h.uid).collect()
}

/// What the OR of `labels` finds: each searched as a quoted phrase (no expansion).
fn found_by_phrases(c: &Catalog, labels: &[&str]) -> BTreeSet<String> {
    labels
        .iter()
        .flat_map(|l| found(c, &format!("\"{l}\"")))
        .collect()
}

fn set(uids: &[&str]) -> BTreeSet<String> {
    uids.iter().map(|u| (*u).to_owned()).collect()
}

fn assert_sound(path: &Path) {
    let report = Catalog::check_file(path, true).unwrap();
    assert!(report.ok(), "{report:?}");
}

fn stored_tokens(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT coalesce(in_title, '') || ' ' || coalesce(in_summary, '')
               FROM publication_concept_token ORDER BY publication_id",
        )
        .unwrap();
    let rows = stmt.query_map([], |r| r.get(0)).unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

/// The row id of the concept `south-kivu` in the file at `path`.
fn south_kivu_id(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("SELECT id FROM concept WHERE uid = 'south-kivu'", [], |r| {
            r.get(0)
        })
        .unwrap()
}

/// [`catalogue`] with the concept South Kivu, labelled in English and French.
fn with_south_kivu(dir: &TempDir) -> (Catalog, PathBuf) {
    let (c, path) = catalogue(dir);
    c.upsert_concept(&south_kivu(
        &[("en", "South Kivu"), ("fr", "Sud-Kivu")],
        &[],
        &[],
    ))
    .unwrap();
    (c, path)
}

fn catalogue(dir: &TempDir) -> (Catalog, PathBuf) {
    let path = dir.0.join("catalog.db");
    let c = Catalog::open(&path).unwrap();
    for p in [
        publication("p-en", "en", "Gold in South Kivu"),
        publication("p-fr", "fr", "L'or du Sud-Kivu"),
        publication("p-nl", "nl", "Goud in Zuid-Kivu"),
        publication("p-sw", "sw", "Dhahabu ya Kivu Kusini"),
        publication("p-other", "en", "Cobalt in Lualaba"),
    ] {
        c.upsert_publication(&p).unwrap();
    }
    (c, path)
}

#[test]
fn label_searches_follow_every_change_of_texts_and_labels() {
    let dir = TempDir::new("concept-tokens-follow");
    let (c, path) = catalogue(&dir);
    let all = ["South Kivu", "Sud-Kivu", "Zuid-Kivu", "Kivu Kusini"];
    // No concept yet: a label finds its own words only.
    assert_eq!(found(&c, "Sud-Kivu"), set(&["p-fr"]));

    c.upsert_concept(&south_kivu(
        &[("en", "South Kivu"), ("fr", "Sud-Kivu")],
        &[],
        &[],
    ))
    .unwrap();
    assert_sound(&path);
    for label in ["South Kivu", "Sud-Kivu", "sud kivu"] {
        assert_eq!(found(&c, label), set(&["p-en", "p-fr"]), "{label}");
    }
    assert_eq!(found(&c, "South Kivu"), found_by_phrases(&c, &all[..2]));

    // A label added to the concept: the publications that write it are found too.
    let four = south_kivu(
        &[
            ("en", "South Kivu"),
            ("fr", "Sud-Kivu"),
            ("nl", "Zuid-Kivu"),
        ],
        &[("sw", "Kivu Kusini")],
        &[],
    );
    c.upsert_concept(&four).unwrap();
    assert_sound(&path);
    let everywhere = set(&["p-en", "p-fr", "p-nl", "p-sw"]);
    for label in all {
        assert_eq!(found(&c, label), everywhere, "{label}");
    }

    // A publication's text changes: found, then not.
    let mut other = publication("p-other", "en", "Cobalt in Lualaba");
    other.summary = Some("Traders from Sud Kivu.".to_owned());
    c.upsert_publication(&other).unwrap();
    assert_eq!(found(&c, "Kivu Kusini").len(), 5);
    other.summary = None;
    c.upsert_publication(&other).unwrap();
    assert_eq!(found(&c, "Kivu Kusini"), everywhere);
    assert_sound(&path);

    // A label removed, another marked ambiguous: they no longer find the concept.
    let fewer = south_kivu(
        &[("en", "South Kivu"), ("nl", "Zuid-Kivu")],
        &[("sw", "Kivu Kusini")],
        &[("sw", "Kivu Kusini")],
    );
    c.upsert_concept(&fewer).unwrap();
    assert_sound(&path);
    assert_eq!(found(&c, "Zuid-Kivu"), set(&["p-en", "p-nl"]));
    assert_eq!(
        found(&c, "Zuid-Kivu"),
        found_by_phrases(&c, &["South Kivu", "Zuid-Kivu"])
    );
    assert_eq!(found(&c, "Sud-Kivu"), set(&["p-fr"]), "no longer a label");

    // The concept deleted: no token is left, every label finds its own words.
    c.delete_concept("south-kivu").unwrap();
    assert_sound(&path);
    assert!(
        stored_tokens(&path).is_empty(),
        "{:?}",
        stored_tokens(&path)
    );
    assert_eq!(found(&c, "\"Zuid-Kivu\""), set(&["p-nl"]));
    assert_eq!(found(&c, "Zuid-Kivu"), set(&["p-nl"]));

    // Back, then the publications deleted: their tokens go with them.
    c.upsert_concept(&four).unwrap();
    assert_eq!(stored_tokens(&path).len(), 4);
    c.delete_publication("p-en").unwrap();
    assert_eq!(stored_tokens(&path).len(), 3);
    assert_eq!(found(&c, "South Kivu"), set(&["p-fr", "p-nl", "p-sw"]));
    assert_sound(&path);
}

#[test]
fn the_same_labels_loaded_again_touch_nothing() {
    let dir = TempDir::new("concept-tokens-same");
    let (c, path) = catalogue(&dir);
    let concept = south_kivu(&[("en", "South Kivu"), ("fr", "Sud-Kivu")], &[], &[]);
    c.upsert_concept(&concept).unwrap();
    let version = c.version().unwrap();
    let before = stored_tokens(&path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let segments = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row("SELECT count(*) FROM publication_fts_data", [], |r| {
            r.get(0)
        })
        .unwrap()
    };
    let index_before = segments(&conn);
    c.upsert_concept(&concept).unwrap();
    assert!(c.version().unwrap() >= version);
    assert_eq!(stored_tokens(&path), before);
    assert_eq!(segments(&conn), index_before, "nothing was re-indexed");
}

#[test]
fn vocabularies_loaded_after_the_publications_give_them_tokens() {
    let dir = TempDir::new("concept-tokens-builtin");
    let (c, path) = catalogue(&dir);
    assert!(stored_tokens(&path).is_empty());
    c.load_builtin_vocabularies().unwrap();
    assert_sound(&path);
    assert_eq!(
        found(&c, "Zuid-Kivu"),
        set(&["p-en", "p-fr", "p-nl", "p-sw"])
    );
    // A publication added now is found through its label at once.
    c.upsert_publication(&publication("p-new", "fr", "Bukavu, Sud-Kivu"))
        .unwrap();
    assert!(found(&c, "South Kivu").contains("p-new"));
    assert_sound(&path);
}

#[test]
fn tokens_never_show_as_words() {
    let dir = TempDir::new("concept-tokens-hidden");
    let (c, _path) = with_south_kivu(&dir);
    let id = south_kivu_id(&dir.0.join("catalog.db"));
    // Typed, a token is a word no text holds.
    assert!(found(&c, &format!("zzconcept{id}")).is_empty());
    assert!(found(&c, "zzconcept*").is_empty());
    // A prefix that tokens start with finds words of the texts only.
    assert_eq!(found(&c, "z*"), set(&["p-nl"]));
    assert_eq!(found(&c, "zu* OR zz*"), set(&["p-nl"]));
    assert!(found(&c, "-z*").contains("p-en"));
    // Neither suggested nor completed.
    let page = c
        .search(&Query {
            text: Some(format!("zzconcep{id}")),
            ..Default::default()
        })
        .unwrap();
    assert!(
        page.suggestions.iter().all(|s| !s.contains("zzconcept")),
        "{:?}",
        page.suggestions
    );
    let ahead = c
        .type_ahead(&Query {
            text: Some("zz".to_owned()),
            ..Default::default()
        })
        .unwrap();
    assert!(ahead.completions.is_empty(), "{:?}", ahead.completions);
    // Snippets mark the labels of the text, not tokens.
    let page = c
        .search(&Query {
            text: Some("Sud-Kivu".to_owned()),
            ..Default::default()
        })
        .unwrap();
    let english = page.hits.iter().find(|h| h.uid == "p-en").unwrap();
    let snippet = english.snippet.as_deref().unwrap_or_default();
    assert!(snippet.contains("<mark>South"), "{snippet}");
    assert!(!snippet.contains("zzconcept"), "{snippet}");
    let ahead = c
        .type_ahead(&Query {
            text: Some("sud-kiv".to_owned()),
            ..Default::default()
        })
        .unwrap();
    let english = ahead.hits.iter().find(|h| h.uid == "p-en").unwrap();
    let snippet = english.snippet.as_deref().unwrap_or_default();
    assert!(snippet.contains("<mark>South"), "{snippet}");
}

#[test]
fn check_reports_tokens_another_tool_left_stale_and_repair_mends_them() {
    let dir = TempDir::new("concept-tokens-stale");
    let (c, path) = with_south_kivu(&dir);
    c.close().unwrap();
    // Another tool adds a label with plain SQL: the index does not know.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "INSERT INTO concept_label (concept_id, language, label, preferred, ambiguous)
             SELECT id, 'nl', 'Zuid-Kivu', 0, 0 FROM concept WHERE uid = 'south-kivu'",
            [],
        )
        .unwrap();
    let report = Catalog::check_file(&path, false).unwrap();
    let fts = report.checks.iter().find(|c| c.name == "fts").unwrap();
    assert!(!fts.ok, "{report:?}");
    assert!(
        fts.details[0].starts_with("1 publication(s) with concept tokens out of date")
            && fts.details[0].ends_with("p-nl"),
        "{:?}",
        fts.details
    );
    let c = Catalog::open(&path).unwrap();
    assert!(!found(&c, "South Kivu").contains("p-nl"));
    c.repair().unwrap();
    assert!(found(&c, "South Kivu").contains("p-nl"));
    assert_sound(&path);
}

#[test]
fn a_concept_label_is_matched_through_the_one_token() {
    let dir = TempDir::new("concept-tokens-expression");
    let (c, path) = with_south_kivu(&dir);
    let id = south_kivu_id(&path);
    let expression = |text: &str| {
        c.fts_expression(&Query {
            text: Some(text.to_owned()),
            ..Default::default()
        })
        .unwrap()
        .unwrap()
    };
    // The label typed, alone: its token only (the token finds every text the label finds).
    assert_eq!(expression("Sud-Kivu"), format!("\"zzconcept{id}\""));
    // Typed as two words: both words anywhere, or the token.
    assert_eq!(
        expression("South Kivu"),
        format!("((\"South\" AND \"Kivu\") OR \"zzconcept{id}\")")
    );
    // Quoted: exactly as typed.
    assert_eq!(expression("\"Sud-Kivu\""), "\"Sud Kivu\"");
}
