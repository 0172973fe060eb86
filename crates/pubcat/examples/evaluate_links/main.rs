//! Measures link discovery (`Catalog::suggest_translations`): precision and recall of the
//! suggested pairs at the default threshold, on catalogues whose language links are known.
//!
//! ```text
//! cargo run --release -p pubcat --example evaluate_links            # everything
//! cargo run --release -p pubcat --example evaluate_links -- --sweep # and other thresholds
//! cargo run --release -p pubcat --example evaluate_links -- --only dev --verbose
//! ```
//! - `demo`: the demo catalogue with its links hidden (every publication imported in a work
//!   of its own);
//! - `generated`: catalogues from `pubcat-generate` (2,000 publications, three seeds, and
//!   20,000), links hidden the same way;
//! - `dev`: the development set of link discovery (`tests/data/links-dev/`: CSL-JSON and the
//!   true groups), the one its weights were chosen on;
//! - `dev2`: the second development set (`tests/data/links-dev2/`, same format), written for
//!   the hard cases (free title translations, versions without a summary, annual editions
//!   beside each other) and also tuned on;
//! - `hand`: the hand-made evaluation set (`tests/data/evaluation/`), written by someone else
//!   for this purpose and never used to choose anything.
//!
//! A pair counts once: a suggested group of three is three pairs. `--verbose` prints every
//! wrong and every missed pair with its evidence.

#[path = "hidden.rs"]
mod hidden;

use std::path::{Path, PathBuf};
use std::time::Instant;

use pubcat::formats::{Format, ImportOptions};
use pubcat::{Catalog, SuggestOptions, TranslationSuggestion, DEFAULT_MIN_TRANSLATION_SCORE};
use pubcat_generate::{write_jsonl, GenerateOptions};

use hidden::{hide_in_document, hide_in_jsonl, suggested, Measure, Pairs};

struct Options {
    only: Option<String>,
    verbose: bool,
    sweep: bool,
    features: bool,
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// Imports `text` (in `format`) into a new catalogue without linking or tagging anything.
fn catalogue(text: &str, format: Format) -> pubcat::Result<Catalog> {
    let catalog = Catalog::open_in_memory()?;
    let options = ImportOptions {
        format,
        ..ImportOptions::default()
    };
    catalog.import_reader_with(text.as_bytes(), &options, &mut |_| {})?;
    Ok(catalog)
}

fn suggest(catalog: &Catalog, min: f64) -> pubcat::Result<Vec<TranslationSuggestion>> {
    catalog.suggest_translations(&SuggestOptions {
        min_score: Some(min),
        ..SuggestOptions::default()
    })
}

/// Prints a wrong or missed pair with what the engine says of it.
fn explain(catalog: &Catalog, a: &str, b: &str, what: &str) -> pubcat::Result<()> {
    let pair = catalog.score_translation(a, b)?;
    println!("    {what}: {a} ~ {b}: score {:.3}", pair.score);
    println!("      {}\n      {}", pair.titles[0], pair.titles[1]);
    for e in &pair.evidence {
        println!("        {:+.2} {:?}: {}", e.weight, e.kind, e.detail);
    }
    Ok(())
}

/// Measures one catalogue and prints a line (and the sweep and the details when asked).
fn measure(name: &str, catalog: &Catalog, truth: &Pairs, o: &Options) -> pubcat::Result<Measure> {
    let start = Instant::now();
    let found = suggested(&suggest(catalog, DEFAULT_MIN_TRANSLATION_SCORE)?);
    let took = start.elapsed().as_secs_f64();
    let m = Measure::of(&found, truth);
    println!(
        "{name:<28} publications {:>6}  true pairs {:>5}  suggested {:>5}  precision {:.3}  recall {:.3}  ({took:.2} s)",
        catalog.stats()?.publications,
        truth.len(),
        found.len(),
        m.precision(),
        m.recall()
    );
    if o.sweep {
        for t in [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95] {
            let m = Measure::of(&suggested(&suggest(catalog, t)?), truth);
            println!(
                "    at {t:.2}: precision {:.3}  recall {:.3}  (wrong {}, missed {})",
                m.precision(),
                m.recall(),
                m.false_positives,
                m.false_negatives
            );
        }
    }
    if o.features {
        features(catalog, truth)?;
    }
    if o.verbose {
        for (a, b) in found.difference(truth) {
            explain(catalog, a, b, "wrong")?;
        }
        for (a, b) in truth.difference(&found) {
            explain(catalog, a, b, "missed")?;
        }
    }
    Ok(m)
}

/// Prints, per kind of evidence, the spread of its weight over the true pairs and over the
/// wrong candidates (pairs suggested at a low threshold that are not true).
fn features(catalog: &Catalog, truth: &Pairs) -> pubcat::Result<()> {
    use std::collections::BTreeMap;
    let mut rows: BTreeMap<(bool, String), Vec<f64>> = BTreeMap::new();
    let mut wrong: Pairs = suggested(&suggest(catalog, 0.05)?);
    wrong.retain(|p| !truth.contains(p));
    let mut add = |pairs: &Pairs, is_true: bool| -> pubcat::Result<()> {
        for (a, b) in pairs {
            let pair = catalog.score_translation(a, b)?;
            let mut by_kind: BTreeMap<String, f64> = BTreeMap::new();
            for e in &pair.evidence {
                *by_kind.entry(format!("{:?}", e.kind)).or_default() += e.weight;
            }
            by_kind.insert("~score".into(), pair.score);
            for kind in [
                "TitleWords",
                "SummaryWords",
                "Numbers",
                "ProperNouns",
                "Concepts",
                "Authors",
                "Series",
                "Dates",
                "Kind",
                "Identifiers",
            ] {
                by_kind.entry(kind.to_owned()).or_default();
            }
            for (k, v) in by_kind {
                rows.entry((is_true, k)).or_default().push(v);
            }
        }
        Ok(())
    };
    add(truth, true)?;
    add(&wrong, false)?;
    for ((is_true, kind), mut values) in rows {
        values.sort_by(f64::total_cmp);
        let q = |f: f64| values[((values.len() - 1) as f64 * f) as usize];
        println!(
            "    {:<6} {kind:<14} n {:>5}  p10 {:+.2}  p50 {:+.2}  p90 {:+.2}",
            if is_true { "true" } else { "wrong" },
            values.len(),
            q(0.1),
            q(0.5),
            q(0.9)
        );
    }
    Ok(())
}

/// A CSL-JSON set (`items.json`, or `publications.json` as the hand-made set names it) with
/// its truth file: `{"groups": [["uid", "uid", ...], ...]}` (or `"works"`).
fn csl_set(name: &str, dir: &Path, o: &Options) -> pubcat::Result<Option<Measure>> {
    let items = ["items.json", "publications.json"]
        .iter()
        .map(|f| dir.join(f))
        .find(|p| p.exists())
        .unwrap_or_else(|| dir.join("items.json"));
    let truth = dir.join("truth.json");
    if !items.exists() || !truth.exists() {
        println!("{name:<28} (no set at {})", dir.display());
        return Ok(None);
    }
    let text = std::fs::read_to_string(&items)?;
    let truth: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&truth)?)
        .map_err(|e| pubcat::Error::invalid("truth", e.to_string()))?;
    let mut pairs = Pairs::new();
    let groups = truth.get("groups").or_else(|| truth.get("works"));
    for group in groups.and_then(|g| g.as_array()).into_iter().flatten() {
        let uids: Vec<String> = group
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|u| u.as_str().map(str::to_owned))
            .collect();
        pairs.extend(hidden::pairs_of(&uids));
    }
    let catalog = catalogue(&text, Format::CslJson)?;
    catalog.load_builtin_vocabularies()?;
    catalog.tag_automatically()?;
    measure(name, &catalog, &pairs, o).map(Some)
}

fn main() -> pubcat::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let o = Options {
        only: args
            .iter()
            .position(|a| a == "--only")
            .and_then(|i| args.get(i + 1).cloned()),
        verbose: args.iter().any(|a| a == "--verbose"),
        sweep: args.iter().any(|a| a == "--sweep"),
        features: args.iter().any(|a| a == "--features"),
    };
    let wanted = |set: &str| o.only.as_deref().is_none_or(|only| only == set);
    println!("link discovery at the default threshold {DEFAULT_MIN_TRANSLATION_SCORE}");
    if wanted("demo") {
        let (json, truth) = hide_in_document(pubcat::DEMO_JSON);
        let catalog = Catalog::open_in_memory()?;
        catalog.load_builtin_vocabularies()?; // the demo's concepts
        let options = ImportOptions {
            format: Format::Json,
            ..ImportOptions::default()
        };
        catalog.import_reader_with(json.as_bytes(), &options, &mut |_| {})?;
        measure("demo, links hidden", &catalog, &truth, &o)?;
    }
    if wanted("generated") {
        for (count, seed) in [(2_000, 1), (2_000, 2), (2_000, 3), (20_000, 4)] {
            let mut jsonl = Vec::new();
            write_jsonl(&GenerateOptions { count, seed }, &mut jsonl)?;
            let (jsonl, truth) = hide_in_jsonl(&String::from_utf8_lossy(&jsonl));
            let catalog = catalogue(&jsonl, Format::Jsonl)?;
            let name = format!("generated {count}, seed {seed}");
            measure(&name, &catalog, &truth, &o)?;
        }
    }
    if wanted("dev") {
        csl_set("dev set (tuned on)", &data_dir().join("links-dev"), &o)?;
    }
    if wanted("dev2") {
        csl_set("dev set 2 (tuned on)", &data_dir().join("links-dev2"), &o)?;
    }
    if wanted("hand") {
        csl_set(
            "hand-made set (never tuned on)",
            &data_dir().join("evaluation"),
            &o,
        )?;
    }
    Ok(())
}
