//! Automatic tagging reads and matches publications in batches sized by their texts, on other
//! threads, one batch ahead of the writes (`enrich/tagging.rs`). Whatever the batches, the tags
//! are those of tagging each publication alone: a catalogue where some publications carry
//! full texts of about 300 KB (so batches shrink after the first) is tagged in one import,
//! and again by `tag_automatically`, and compared with the same publications imported, and
//! so tagged, one at a time.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use pubcat::formats::Format;
use pubcat::Catalog;

/// Each publication's tags: (publication uid, concept uid, matched label), sorted.
fn tags_of(catalog: &Catalog, uids: &[String]) -> Vec<(String, String, Option<String>)> {
    let mut out = Vec::new();
    for uid in uids {
        for concept in catalog.publication(uid).unwrap().concepts {
            out.push((uid.clone(), concept.uid, concept.matched_label));
        }
    }
    out.sort();
    out
}

#[test]
fn tags_do_not_depend_on_how_publications_are_batched() {
    let mut jsonl = Vec::new();
    pubcat_generate::write_jsonl(
        &pubcat_generate::GenerateOptions {
            count: 150,
            seed: 11,
        },
        &mut jsonl,
    )
    .unwrap();
    let text = String::from_utf8(jsonl).unwrap();
    let mut header = String::new();
    let mut entities = String::new();
    let mut publications: Vec<String> = Vec::new();
    let mut uids: Vec<String> = Vec::new();
    for line in text.lines() {
        let mut value: serde_json::Value = serde_json::from_str(line).unwrap();
        if let Some(p) = value.get_mut("publication") {
            // Every third publication gets a full text of about 300 KB.
            if publications.len() % 3 == 0 {
                let body = p["summary"].as_str().unwrap_or("Rapport").to_owned();
                let long = std::iter::repeat_n(body.as_str(), 300_000 / (body.len() + 1) + 1)
                    .collect::<Vec<_>>()
                    .join(" ");
                p["body"] = serde_json::Value::String(long);
            }
            uids.push(p["uid"].as_str().unwrap().to_owned());
            publications.push(value.to_string());
        } else if value.get("relation").is_some() {
            // Relations name publications: left out (the reference imports them one by one).
        } else if value.get("format").is_some() {
            header = format!("{line}\n");
        } else {
            entities.push_str(line);
            entities.push('\n');
        }
    }
    assert_eq!(publications.len(), 150);
    let import = |catalog: &Catalog, body: &str| {
        let document = format!("{header}{body}");
        catalog
            .import_reader(document.as_bytes(), Format::Jsonl, &mut |_| {})
            .unwrap()
    };

    // One import: every publication tagged by one run of the batches.
    let dir = common::TempDir::new("tagging-batches");
    let path = dir.path("batched.db");
    let batched = Catalog::open(&path).unwrap();
    batched.load_builtin_vocabularies().unwrap();
    import(
        &batched,
        &format!("{entities}{}\n", publications.join("\n")),
    );
    let tagged = tags_of(&batched, &uids);
    let automatic = tagged.iter().filter(|t| t.2.is_some()).count();
    assert!(automatic > 300, "{automatic} automatic tags");

    // The reference: each publication imported, and tagged, alone.
    let alone = Catalog::open_in_memory().unwrap();
    alone.load_builtin_vocabularies().unwrap();
    import(&alone, &entities);
    for publication in &publications {
        import(&alone, &format!("{publication}\n"));
    }
    assert_eq!(tagged, tags_of(&alone, &uids));

    // Tagging again from scratch, over the whole catalogue, finds the same.
    batched.remove_automatic_tags().unwrap();
    assert!(tags_of(&batched, &uids).iter().all(|t| t.2.is_none()));
    let summary = batched.tag_automatically().unwrap();
    assert_eq!(summary.publications, 150);
    assert_eq!(summary.added as usize, automatic);
    assert_eq!(tagged, tags_of(&batched, &uids));
    batched.close().unwrap();
    // The full-text index agrees with its text (only tags found through an ambiguous label
    // changed it).
    let report = Catalog::check_file(&path, true).unwrap();
    assert!(report.ok(), "{report:?}");
}
