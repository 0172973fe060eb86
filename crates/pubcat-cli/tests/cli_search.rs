//! End-to-end tests of `pubcat search` across languages, inflections and typos (issue 14):
//! `search --json` carries `"suggestions"` and, per hit, `"matched_concepts"`; `--fuzzy`
//! searches the suggestions; the text output says "did you mean" and which label a hit was
//! found through. Run as a process on a real catalogue built by `init` (which loads the
//! shipped vocabularies) and `import`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

const TEXTS: &str = r#"{"format": "pubcat", "version": 1, "publications": [
  {"uid": "en", "language": "en", "title": "Roadblocks in South Kivu", "kind": "report"},
  {"uid": "fr", "language": "fr", "title": "Les barrages routiers au Sud-Kivu", "kind": "report"},
  {"uid": "nl", "language": "nl", "title": "Wegversperringen in Zuid-Kivu", "kind": "report"},
  {"uid": "co", "language": "en", "title": "Cobalt supply chains from Katanga", "kind": "report"},
  {"uid": "ro", "language": "en", "title": "A roadblock on the road to Walikale", "kind": "briefing"}
]}"#;

struct Dir(PathBuf);

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn pubcat(dir: &Dir, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pubcat"))
        .current_dir(&dir.0)
        .arg("--db")
        .arg(dir.0.join("c.db"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A catalogue with the shipped vocabularies and [`TEXTS`], tagged on import unless `tag` is
/// false.
fn catalogue(name: &str, tag: bool) -> Dir {
    let dir =
        Dir(std::env::temp_dir().join(format!("pubcat-cli-search-{name}-{}", std::process::id())));
    let _ = std::fs::remove_dir_all(&dir.0);
    std::fs::create_dir_all(&dir.0).unwrap();
    std::fs::write(dir.0.join("texts.json"), TEXTS).unwrap();
    assert_eq!(pubcat(&dir, &["init"]).0, 0);
    let mut import = vec!["import", "texts.json"];
    if !tag {
        import.push("--no-tag");
    }
    let (code, _, err) = pubcat(&dir, &import);
    assert_eq!(code, 0, "{err}");
    dir
}

fn json_search(dir: &Dir, args: &[&str]) -> Value {
    let mut all = vec!["search", "--json"];
    all.extend_from_slice(args);
    let (code, out, err) = pubcat(dir, &all);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

fn uids(page: &Value) -> BTreeSet<String> {
    page["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["uid"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn every_label_finds_the_same_publications_and_says_why() {
    let dir = catalogue("labels", true);
    let expected: BTreeSet<String> = ["en", "fr", "nl"].map(String::from).into();
    for query in ["Sud-Kivu", "South Kivu", "Zuid-Kivu", "Kivu Kusini"] {
        let page = json_search(&dir, &[query]);
        assert_eq!(uids(&page), expected, "{query}");
        assert_eq!(page["suggestions"], Value::Array(vec![]), "{query}");
    }
    let page = json_search(&dir, &["Kivu Kusini"]);
    let english = page["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["uid"] == "en")
        .unwrap();
    assert_eq!(english["matched_concepts"][0]["concept"], "south-kivu");
    assert_eq!(english["matched_concepts"][0]["found"], "South Kivu");
    let (_, text, _) = pubcat(&dir, &["search", "Zuid-Kivu"]);
    assert!(
        text.contains("via Zuid-Kivu: \"Sud-Kivu\" (concept south-kivu)"),
        "{text}"
    );
}

#[test]
fn typos_get_suggestions_and_fuzzy_searches_them() {
    // Untagged: a tagged publication also carries every label of its concepts in the
    // index, so a quoted word would find it through its tags.
    let dir = catalogue("typos", false);
    let page = json_search(&dir, &["cobolt"]);
    assert_eq!(page["total"], 0);
    assert_eq!(page["suggestions"], serde_json::json!(["cobalt"]));
    let (_, text, _) = pubcat(&dir, &["search", "cobolt"]);
    assert!(text.contains("did you mean: cobalt"), "{text}");
    let page = json_search(&dir, &["cobolt", "--fuzzy"]);
    assert_eq!(uids(&page), ["co".to_owned()].into());
    // Inflections: one set for both forms; quotes keep the exact word.
    let singular = uids(&json_search(&dir, &["roadblock"]));
    assert!(singular.contains("ro") && singular.contains("en"));
    assert_eq!(uids(&json_search(&dir, &["roadblocks"])), singular);
    assert_eq!(
        uids(&json_search(&dir, &["\"roadblocks\""])),
        ["en".to_owned()].into()
    );
}
