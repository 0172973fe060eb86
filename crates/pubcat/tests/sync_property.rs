//! Property: random write sequences on a source, cut into delta files at random points, applied
//! in order to a replica, leave the replica identical to the source every time (the native
//! export byte for byte, every record's full state, and what each word finds in the full-text
//! index). A few cases in the default run; many more with `PUBCAT_LONG_TESTS=1`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod sync_support;

use pubcat::sync::ConflictPolicy;
use pubcat::Catalog;
use std::collections::BTreeSet;

use sync_support::{assert_same, full_state, random_write, Rng};

/// The parts of a record's state that only curation and merges make, seen in a catalogue.
fn features(c: &Catalog, seen: &mut BTreeSet<String>) {
    for v in full_state(c) {
        let entity = v["entity"].as_str().unwrap_or_default().to_owned();
        for key in [
            "automatic",
            "rejected",
            "not_translation",
            "merged",
            "redirect",
        ] {
            if v["state"].get(key).is_some() {
                seen.insert(format!("{entity}.{key}"));
            }
        }
        seen.insert(entity);
    }
}

fn long() -> bool {
    std::env::var("PUBCAT_LONG_TESTS").is_ok_and(|v| v == "1")
}

/// One case: `writes` random writes, a delta at random cut points, each applied (some twice,
/// some with an overlapping start) to a replica that starts empty.
fn case(seed: u64, writes: usize, seen: &mut BTreeSet<String>) -> usize {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let source = Catalog::open_in_memory().unwrap();
    let replica = Catalog::open_in_memory().unwrap();
    let mut applied = 0;
    let mut done = 0;
    let mut succeeded = 0;
    let mut failures = std::collections::BTreeMap::<String, usize>::new();
    while done < writes {
        let batch = 1 + rng.below(40) as usize;
        for _ in 0..batch.min(writes - done) {
            match random_write(&source, &mut rng) {
                Ok(()) => succeeded += 1,
                Err(e) => *failures.entry(e).or_default() += 1,
            }
        }
        done += batch;
        let to = source.version().unwrap();
        // Sometimes start earlier than what the replica holds: an overlap applies too.
        let since = if applied > 0 && rng.chance(15) {
            rng.below(applied as u64 + 1) as i64
        } else {
            applied
        };
        let mut file = Vec::new();
        source.export_changes(since, &mut file).unwrap();
        let result = replica
            .apply_changes(&mut file.as_slice(), ConflictPolicy::Refuse)
            .unwrap_or_else(|e| {
                let dump = std::env::temp_dir().join(format!("pubcat-sync-failure-{seed}"));
                let _ = std::fs::create_dir_all(&dump);
                let _ = std::fs::write(dump.join("delta.jsonl"), &file);
                let _ = std::fs::write(dump.join("source.json"), sync_support::native(&source));
                let _ = std::fs::write(dump.join("replica.json"), sync_support::native(&replica));
                panic!(
                    "seed {seed}, delta {since}..{to}: {e} (files in {})",
                    dump.display()
                )
            });
        assert_eq!(result.source_version, to);
        if rng.chance(20) {
            let again = replica
                .apply_changes(&mut file.as_slice(), ConflictPolicy::Refuse)
                .unwrap();
            assert!(again.already_applied);
        }
        applied = to;
        if rng.chance(30) {
            assert_same(&source, &replica, &format!("seed {seed} at version {to}"));
            features(&source, seen);
        }
    }
    assert_same(&source, &replica, &format!("seed {seed}, end"));
    if std::env::var("PUBCAT_SYNC_VERBOSE").is_ok() {
        eprintln!(
            "seed {seed}: {succeeded} writes succeeded, version {}, {} publications; refused: {failures:?}",
            source.version().unwrap(),
            source.stats().unwrap().publications
        );
    }
    // The generator must exercise the catalogue, not only be refused.
    assert!(
        succeeded * 3 >= writes,
        "seed {seed}: only {succeeded} of {writes} writes succeeded"
    );
    succeeded
}

#[test]
fn random_writes_cut_into_deltas_replicate_exactly() {
    let (cases, writes) = if long() { (300, 400) } else { (16, 200) };
    let first = std::env::var("PUBCAT_SYNC_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let mut total = 0;
    let mut seen = BTreeSet::new();
    for seed in first..first + cases {
        total += case(seed, writes, &mut seen);
    }
    eprintln!("{cases} cases, {total} successful writes; state seen: {seen:?}");
    // The generator reached every kind of record and every part of a state a delta carries.
    for feature in [
        "agent",
        "agent.redirect",
        "concept",
        "project",
        "publication",
        "publication.automatic",
        "publication.merged",
        "publication.not_translation",
        "publication.rejected",
        "relation",
        "series",
        "series.merged",
    ] {
        assert!(seen.contains(feature), "no case made {feature}: {seen:?}");
    }
}
