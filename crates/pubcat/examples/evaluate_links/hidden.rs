//! Hiding a catalogue's language links to find them again: the truth is which publications
//! share a work, the catalogue imported has every publication in a work of its own (no
//! "not a translation" decision is recorded, unlike unlinking). Shared by the
//! `evaluate_links` example and the tests of link discovery.

use std::collections::{BTreeMap, BTreeSet};

use pubcat::TranslationSuggestion;
use serde_json::Value;

/// Pairs of uids (smaller first).
pub type Pairs = BTreeSet<(String, String)>;

/// Every pair of `uids`, smaller first.
pub fn pairs_of(uids: &[String]) -> Pairs {
    let mut out = Pairs::new();
    for (i, a) in uids.iter().enumerate() {
        for b in &uids[i + 1..] {
            out.insert(if a < b {
                (a.clone(), b.clone())
            } else {
                (b.clone(), a.clone())
            });
        }
    }
    out
}

/// Removes `work` and `original` from a publication object, remembering its work.
fn strip(publication: &mut Value, works: &mut BTreeMap<String, Vec<String>>) {
    let Some(object) = publication.as_object_mut() else {
        return;
    };
    let uid = object
        .get("uid")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    if let Some(Value::String(work)) = object.remove("work") {
        works.entry(work).or_default().push(uid);
    }
    object.remove("original");
}

fn truth(works: BTreeMap<String, Vec<String>>) -> Pairs {
    works.values().flat_map(|uids| pairs_of(uids)).collect()
}

/// A pubcat JSON Lines text without its language links, and the pairs it had.
pub fn hide_in_jsonl(jsonl: &str) -> (String, Pairs) {
    let mut works = BTreeMap::new();
    let mut out = String::with_capacity(jsonl.len());
    for line in jsonl.lines() {
        let mut value: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(_) => {
                out.push_str(line);
                out.push('\n');
                continue;
            }
        };
        if let Some(p) = value.get_mut("publication") {
            strip(p, &mut works);
        }
        out.push_str(&value.to_string());
        out.push('\n');
    }
    (out, truth(works))
}

/// A pubcat native JSON document without its language links, and the pairs it had.
pub fn hide_in_document(json: &str) -> (String, Pairs) {
    let mut works = BTreeMap::new();
    let mut value: Value = serde_json::from_str(json).unwrap_or(Value::Null);
    if let Some(list) = value.get_mut("publications").and_then(Value::as_array_mut) {
        for p in list {
            strip(p, &mut works);
        }
    }
    (value.to_string(), truth(works))
}

/// The pairs the suggestions link (every pair of a group).
pub fn suggested(suggestions: &[TranslationSuggestion]) -> Pairs {
    suggestions.iter().flat_map(|s| pairs_of(&s.uids)).collect()
}

/// Precision and recall of `found` against `truth`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measure {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl Measure {
    pub fn of(found: &Pairs, truth: &Pairs) -> Measure {
        let tp = found.intersection(truth).count();
        Measure {
            true_positives: tp,
            false_positives: found.len() - tp,
            false_negatives: truth.len() - tp,
        }
    }

    /// 1 when nothing was found (nothing wrong was proposed).
    pub fn precision(&self) -> f64 {
        let found = self.true_positives + self.false_positives;
        if found == 0 {
            1.0
        } else {
            self.true_positives as f64 / found as f64
        }
    }

    /// 1 when there was nothing to find.
    pub fn recall(&self) -> f64 {
        let truth = self.true_positives + self.false_negatives;
        if truth == 0 {
            1.0
        } else {
            self.true_positives as f64 / truth as f64
        }
    }
}
