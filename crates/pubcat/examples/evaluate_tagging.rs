//! Measures automatic concept tagging against tags a person chose (docs/ENRICHMENT.md).
//!
//! ```text
//! cargo run --release -p pubcat --example evaluate_tagging [-- --mistakes] [--set tagging-dev]
//! ```
//!
//! The hand-made evaluation set (`tests/data/evaluation/`: 197 publications and the concepts
//! a careful indexer gave each, from the shipped vocabularies) is imported into a new
//! catalogue with the shipped vocabularies, tagged automatically, and every automatic tag is
//! compared with the indexer's: precision is the share of automatic tags the indexer also
//! gave, recall the share of the indexer's tags that tagging found. The set is for measuring
//! only: nothing in the tagger was tuned on it (see its README). `--mistakes` lists the
//! differences, for reading, not for tuning.
//!
//! `--set NAME` measures another set of the same shape under `tests/data/` instead, such as
//! the development set `tagging-dev` (written to tune the tagger on, see its README).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use pubcat::formats::{Format, ImportOptions};
use pubcat::Catalog;

/// Tag counts of one comparison.
#[derive(Default)]
struct Counts {
    agreed: u64,
    automatic: u64,
    gold: u64,
}

impl Counts {
    fn precision(&self) -> f64 {
        ratio(self.agreed, self.automatic)
    }
    fn recall(&self) -> f64 {
        ratio(self.agreed, self.gold)
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mistakes = std::env::args().any(|a| a == "--mistakes");
    let args: Vec<String> = std::env::args().collect();
    let set = args
        .iter()
        .position(|a| a == "--set")
        .and_then(|i| args.get(i + 1))
        .map_or("evaluation", String::as_str);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(set);
    let gold: BTreeMap<String, BTreeSet<String>> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("tags.json"))?)?;

    let catalog = Catalog::open_in_memory()?;
    catalog.load_builtin_vocabularies()?;
    let options = ImportOptions {
        format: Format::CslJson,
        tag: Some(true),
        ..ImportOptions::default()
    };
    catalog.import_file_with(dir.join("publications.json"), &options, &mut |_| {})?;
    let mut schemes: BTreeMap<String, String> = BTreeMap::new();

    let mut all = Counts::default();
    let mut by_scheme: BTreeMap<String, Counts> = BTreeMap::new();
    let mut publications = 0;
    for (uid, wanted) in &gold {
        let record = catalog.publication(uid)?;
        publications += 1;
        let found: BTreeSet<String> = record
            .concepts
            .iter()
            .filter(|c| c.matched_label.is_some())
            .map(|c| c.uid.clone())
            .collect();
        for concept in found.union(wanted) {
            if !schemes.contains_key(concept) {
                let scheme = catalog.concept(concept)?.scheme.as_str().to_owned();
                schemes.insert(concept.clone(), scheme);
            }
            let scheme = schemes[concept].clone();
            let counts = by_scheme.entry(scheme).or_default();
            let (is_found, is_wanted) = (found.contains(concept), wanted.contains(concept));
            for c in [&mut all, counts] {
                c.automatic += u64::from(is_found);
                c.gold += u64::from(is_wanted);
                c.agreed += u64::from(is_found && is_wanted);
            }
        }
        if mistakes {
            let extra: Vec<_> = found.difference(wanted).collect();
            let missed: Vec<_> = wanted.difference(&found).collect();
            if !extra.is_empty() || !missed.is_empty() {
                println!("{uid}: extra {extra:?} missed {missed:?}");
            }
        }
    }
    println!(
        "automatic tagging against the indexer of tests/data/{set} ({publications} publications)"
    );
    println!(
        "{:<10} {:>9} {:>9} {:>9} {:>10} {:>8}",
        "scheme", "automatic", "indexer", "agreed", "precision", "recall"
    );
    let line = |name: &str, c: &Counts| {
        println!(
            "{:<10} {:>9} {:>9} {:>9} {:>10.3} {:>8.3}",
            name,
            c.automatic,
            c.gold,
            c.agreed,
            c.precision(),
            c.recall()
        );
    };
    for (scheme, counts) in &by_scheme {
        line(scheme, counts);
    }
    line("all", &all);
    Ok(())
}
