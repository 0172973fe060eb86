//! Offline sync by delta files: `Catalog::export_changes` on a source, `Catalog::apply_changes`
//! on a replica. The rules of docs/SYNC.md, one test each.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod sync_support;

use common::TempDir;
use pubcat::model::{Agent, AgentKind, Kind, Publication};
use pubcat::sync::ConflictPolicy;
use pubcat::{Catalog, ErrorKind};
use sync_support::{assert_same, full_state, native};

fn delta(c: &Catalog, since: i64) -> Vec<u8> {
    let mut out = Vec::new();
    c.export_changes(since, &mut out).unwrap();
    out
}

fn apply(
    c: &Catalog,
    file: &[u8],
    on_conflict: ConflictPolicy,
) -> pubcat::Result<pubcat::sync::AppliedChanges> {
    c.apply_changes(&mut &file[..], on_conflict)
}

fn report(uid: &str, title: &str) -> Publication {
    Publication::new(uid, "en", title, Kind::Report)
}

#[test]
fn the_demo_replicates_into_an_empty_catalogue_and_a_second_apply_changes_nothing() {
    let source = Catalog::demo().unwrap();
    source.tag_automatically().unwrap();
    source
        .untag("madini-conflict-analysis-south-kivu-ituri", &["south-kivu"])
        .unwrap();
    let file = delta(&source, 0);
    let replica = Catalog::open_in_memory().unwrap();
    let applied = apply(&replica, &file, ConflictPolicy::Refuse).unwrap();
    assert!(!applied.already_applied);
    assert_eq!(applied.source, source.catalog_uid().unwrap());
    assert_eq!(applied.source_version, source.version().unwrap());
    assert!(applied.conflicts.is_empty());
    assert_same(&source, &replica, "demo");
    let version = replica.version().unwrap();
    let again = apply(&replica, &file, ConflictPolicy::Refuse).unwrap();
    assert!(again.already_applied);
    assert_eq!(replica.version().unwrap(), version, "nothing written");
    assert_same(&source, &replica, "demo applied twice");
    // The replica follows the source; it keeps its own identity.
    let status = replica.replica_status().unwrap().unwrap();
    assert_eq!(status.source, source.catalog_uid().unwrap());
    assert_ne!(
        replica.catalog_uid().unwrap(),
        source.catalog_uid().unwrap()
    );
}

#[test]
fn deltas_apply_in_order_and_a_gap_is_refused() {
    let source = Catalog::open_in_memory().unwrap();
    let replica = Catalog::open_in_memory().unwrap();
    source
        .upsert_publication(&report("r1", "cobalt mining"))
        .unwrap();
    let v1 = source.version().unwrap();
    let d1 = delta(&source, 0);
    source
        .upsert_publication(&report("r2", "gold trade"))
        .unwrap();
    let v2 = source.version().unwrap();
    let d2 = delta(&source, v1);
    source.delete_publication("r1").unwrap();
    let d3 = delta(&source, v2);
    apply(&replica, &d1, ConflictPolicy::Refuse).unwrap();
    let before = native(&replica);
    let err = apply(&replica, &d3, ConflictPolicy::Refuse).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::SyncGap, "{err}");
    assert_eq!(native(&replica), before, "a refused file changes nothing");
    apply(&replica, &d2, ConflictPolicy::Refuse).unwrap();
    apply(&replica, &d3, ConflictPolicy::Refuse).unwrap();
    assert_same(&source, &replica, "three deltas");
    // An overlapping file (it starts before what the replica holds) applies too.
    source.upsert_publication(&report("r3", "water")).unwrap();
    apply(&replica, &delta(&source, v1), ConflictPolicy::Refuse).unwrap();
    assert_same(&source, &replica, "overlap");
}

#[test]
fn a_file_from_another_catalogue_is_refused() {
    let source = Catalog::demo().unwrap();
    let other = Catalog::demo().unwrap();
    let replica = Catalog::open_in_memory().unwrap();
    apply(&replica, &delta(&source, 0), ConflictPolicy::Refuse).unwrap();
    let before = full_state(&replica);
    let err = apply(&replica, &delta(&other, 0), ConflictPolicy::Refuse).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::WrongSource, "{err}");
    assert_eq!(full_state(&replica), before);
    // A catalogue with records of its own that never followed anyone is no replica either.
    let err = apply(&other, &delta(&source, 0), ConflictPolicy::Refuse).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::WrongSource, "{err}");
}

#[test]
fn truncated_or_altered_files_are_refused_and_the_replica_is_untouched() {
    let source = Catalog::demo().unwrap();
    let replica = Catalog::open_in_memory().unwrap();
    let v = source.version().unwrap();
    apply(&replica, &delta(&source, 0), ConflictPolicy::Refuse).unwrap();
    source
        .upsert_publication(&report("new-one", "cobalt"))
        .unwrap();
    source
        .delete_publication("ipis-mapping-conflict-motives-m23-2012")
        .unwrap();
    let file = delta(&source, v);
    let before = (full_state(&replica), replica.version().unwrap());
    let mut bad: Vec<Vec<u8>> = Vec::new();
    for cut in [
        0,
        1,
        file.len() / 3,
        file.len() / 2,
        file.len() - 2,
        file.len() - 1,
    ] {
        bad.push(file[..cut].to_vec());
    }
    for at in [5, file.len() / 2, file.len() - 10] {
        let mut altered = file.clone();
        altered[at] ^= 0x01;
        bad.push(altered);
    }
    // A record dropped (the checksum recomputed would need the hash: dropping a whole line
    // without it is caught by the checksum too).
    let text = String::from_utf8(file.clone()).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.remove(1);
    bad.push(format!("{}\n", lines.join("\n")).into_bytes());
    bad.push(b"not a delta\n".to_vec());
    for (i, b) in bad.iter().enumerate() {
        let err = apply(&replica, b, ConflictPolicy::TakeSource).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidDelta, "case {i}: {err}");
        assert_eq!(
            (full_state(&replica), replica.version().unwrap()),
            before,
            "case {i}"
        );
    }
    apply(&replica, &file, ConflictPolicy::Refuse).unwrap();
    assert_same(&source, &replica, "the intact file");
}

#[test]
fn local_edits_are_reported_and_the_caller_chooses_who_wins() {
    let source = Catalog::open_in_memory().unwrap();
    source
        .upsert_publication(&report("shared", "cobalt mining"))
        .unwrap();
    source.upsert_publication(&report("other", "gold")).unwrap();
    let replica = Catalog::open_in_memory().unwrap();
    apply(&replica, &delta(&source, 0), ConflictPolicy::Refuse).unwrap();
    let v = source.version().unwrap();
    // Both edit "shared"; the replica also adds a record of its own.
    source
        .upsert_publication(&report("shared", "cobalt mining in Kivu"))
        .unwrap();
    source
        .upsert_publication(&report("other", "gold trade"))
        .unwrap();
    replica
        .upsert_publication(&report("shared", "local title"))
        .unwrap();
    replica
        .upsert_agent(&Agent::new("local-agent", AgentKind::Person, "Lonema"))
        .unwrap();
    let file = delta(&source, v);

    let before = full_state(&replica);
    let err = apply(&replica, &file, ConflictPolicy::Refuse).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict, "{err}");
    assert!(err.to_string().contains("publication shared"), "{err}");
    assert_eq!(full_state(&replica), before, "refused: nothing applied");
    assert_eq!(replica.replica_status().unwrap().unwrap().local_edits, 2);

    // The local edit wins: the file's change of "shared" is skipped, the rest applied.
    let kept = apply(&replica, &file, ConflictPolicy::KeepLocal).unwrap();
    assert_eq!(kept.conflicts.len(), 1);
    assert_eq!(kept.conflicts[0].uid, "shared");
    assert_eq!(kept.conflicts[0].kept, ConflictPolicy::KeepLocal);
    assert_eq!((kept.skipped, kept.local_edits), (1, 1));
    assert_eq!(replica.publication("shared").unwrap().title, "local title");
    assert_eq!(replica.publication("other").unwrap().title, "gold trade");
    assert!(replica.agent("local-agent").is_ok(), "a local record stays");

    // It stays a local edit: the next file that changes it is a conflict again.
    let v = source.version().unwrap();
    source
        .upsert_publication(&report("shared", "cobalt, again"))
        .unwrap();
    let file = delta(&source, v);
    let err = apply(&replica, &file, ConflictPolicy::Refuse).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    // The source wins: the local edit is replaced, and reported.
    let taken = apply(&replica, &file, ConflictPolicy::TakeSource).unwrap();
    assert_eq!(taken.conflicts.len(), 1);
    assert_eq!(taken.conflicts[0].kept, ConflictPolicy::TakeSource);
    assert_eq!(
        replica.publication("shared").unwrap().title,
        "cobalt, again"
    );
    // No longer a local edit.
    assert_eq!(replica.replica_status().unwrap().unwrap().local_edits, 1);
}

#[test]
fn a_copy_of_the_source_file_applies_later_deltas() {
    let dir = TempDir::new("sync-copy");
    let source = Catalog::create_demo(dir.path("source.db")).unwrap();
    source.backup(dir.path("copy.db")).unwrap();
    let v = source.version().unwrap();
    source
        .upsert_publication(&report("after-copy", "water trade"))
        .unwrap();
    source
        .unlink_translation("conflict-minerals-perceptions-fr")
        .unwrap();
    source
        .merge_publications(
            "madini-enabling-environment-review",
            "eu-conflict-minerals-regulation-review-paper",
        )
        .unwrap();
    source
        .export_changes_to_path(v, dir.path("update.delta"))
        .unwrap();
    let copy = Catalog::open(dir.path("copy.db")).unwrap();
    assert_eq!(copy.catalog_uid().unwrap(), source.catalog_uid().unwrap());
    copy.apply_changes_from_path(dir.path("update.delta"), ConflictPolicy::Refuse)
        .unwrap();
    assert_same(&source, &copy, "copy");
    copy.close().unwrap();
    let report = Catalog::check_file(dir.path("copy.db"), true).unwrap();
    assert!(report.ok(), "{report:?}");
}

#[test]
fn a_bad_since_version_is_invalid_input() {
    let c = Catalog::demo().unwrap();
    let v = c.version().unwrap();
    let mut out = Vec::new();
    assert_eq!(
        c.export_changes(v + 1, &mut out).unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
    assert_eq!(
        c.export_changes(-1, &mut out).unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
    let empty = delta(&c, v);
    assert_eq!(String::from_utf8(empty).unwrap().lines().count(), 2);
}
