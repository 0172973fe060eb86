//! What an import does with stored values (issue 13): it never replaces a value with a
//! degraded copy, never erases what a file cannot say, follows `--on-conflict keep|replace|report`
//! for genuine differences (keep by default for flat formats, replace for native ones), and a
//! dry run reports everything field by field and writes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pubcat::formats::{Format, ImportOptions, OnConflict};
use pubcat::model::{Kind, Publication};
use pubcat::{Catalog, Upsert};

const CURATED: &str = "Belgium’s fight against conflict minerals";

fn catalogue() -> Catalog {
    let c = Catalog::open_in_memory().unwrap();
    let mut p = Publication::new("belgium-fight", "en", CURATED, Kind::Report);
    p.date = Some("2023-12-22".into());
    p.summary = Some("The full summary, as curated by hand, with every sentence.".into());
    c.upsert_publication(&p).unwrap();
    c
}

fn ris(title: &str, summary: &str) -> String {
    format!("TY  - RPRT\nTI  - {title}\nDA  - 2023/12/22/\nLA  - en\nAB  - {summary}\nER  - \n")
}

fn options(policy: Option<OnConflict>, dry_run: bool) -> ImportOptions {
    ImportOptions {
        format: Format::Ris,
        on_conflict: policy,
        dry_run,
        ..ImportOptions::default()
    }
}

#[test]
fn a_degraded_title_never_replaces_the_curated_one_whatever_the_policy() {
    for policy in [None, Some(OnConflict::Keep), Some(OnConflict::Replace)] {
        let c = catalogue();
        let file = ris(
            "Belgium?s fight against conflict minerals",
            "The full summary, as curated by hand, with every sentence.",
        );
        let report = c
            .import_reader_with(file.as_bytes(), &options(policy, false), &mut |_| {})
            .unwrap();
        assert_eq!(
            c.publication("belgium-fight").unwrap().title,
            CURATED,
            "{policy:?}"
        );
        let conflict = report
            .conflicts
            .iter()
            .find(|c| c.field == "title")
            .unwrap();
        assert!(conflict.resolution.starts_with("kept: "), "{conflict:?}");
        assert_eq!(
            report.summary.publications.added, 0,
            "{policy:?}: no duplicate"
        );
    }
}

#[test]
fn an_excerpt_never_replaces_the_full_summary() {
    let c = catalogue();
    let file = ris(CURATED, "The full summary, as curated by hand […]");
    let report = c
        .import_reader_with(
            file.as_bytes(),
            &options(Some(OnConflict::Replace), false),
            &mut |_| {},
        )
        .unwrap();
    assert_eq!(
        c.publication("belgium-fight").unwrap().summary.as_deref(),
        Some("The full summary, as curated by hand, with every sentence.")
    );
    assert!(report.conflicts.iter().any(|c| c.field == "summary"));
}

#[test]
fn genuine_differences_follow_the_policy() {
    let file = ris(
        CURATED,
        "A genuinely different summary from another source.",
    );
    let cases = [
        (
            None,
            "The full summary, as curated by hand, with every sentence.",
            true,
        ),
        (
            Some(OnConflict::Keep),
            "The full summary, as curated by hand, with every sentence.",
            true,
        ),
        (
            Some(OnConflict::Replace),
            "A genuinely different summary from another source.",
            true,
        ),
        (
            Some(OnConflict::Report),
            "The full summary, as curated by hand, with every sentence.",
            false,
        ),
    ];
    for (policy, summary, written) in cases {
        let c = catalogue();
        let version = c.version().unwrap();
        let report = c
            .import_reader_with(file.as_bytes(), &options(policy, false), &mut |_| {})
            .unwrap();
        assert_eq!(
            c.publication("belgium-fight").unwrap().summary.as_deref(),
            Some(summary),
            "{policy:?}"
        );
        assert_eq!(report.written, written, "{policy:?}");
        if !written {
            assert_eq!(c.version().unwrap(), version, "report wrote something");
        }
        let conflict = report
            .conflicts
            .iter()
            .find(|c| c.field == "summary")
            .unwrap();
        assert_eq!(
            conflict.stored,
            "The full summary, as curated by hand, with every sentence."
        );
        assert_eq!(
            conflict.incoming,
            "A genuinely different summary from another source."
        );
    }
}

#[test]
fn a_dry_run_reports_every_change_field_by_field_and_writes_nothing() {
    let c = catalogue();
    let version = c.version().unwrap();
    let file = format!(
        "{}{}",
        ris(CURATED, "A genuinely different summary from another source."),
        "TY  - RPRT\nTI  - Cobalt and the energy transition\nPY  - 2024\nLA  - en\nAU  - IPIS\nER  - \n"
    );
    let report = c
        .import_reader_with(
            file.as_bytes(),
            &options(Some(OnConflict::Replace), true),
            &mut |_| {},
        )
        .unwrap();
    assert!(report.dry_run && !report.written);
    assert_eq!(c.version().unwrap(), version, "a dry run wrote something");
    assert_eq!(c.stats().unwrap().publications, 1);
    assert_eq!(report.summary.publications.added, 1);
    assert_eq!(report.summary.publications.updated, 1);
    assert_eq!(report.summary.agents.added, 1);
    let updated = report
        .changes
        .iter()
        .find(|r| r.uid == "belgium-fight")
        .unwrap();
    assert_eq!(updated.outcome, Upsert::Updated);
    let summary = updated
        .fields
        .iter()
        .find(|f| f.field == "summary")
        .unwrap();
    assert_eq!(
        (summary.old.as_str(), summary.new.as_str()),
        (
            "The full summary, as curated by hand, with every sentence.",
            "A genuinely different summary from another source."
        )
    );
    let added = report
        .changes
        .iter()
        .find(|r| r.outcome == Upsert::Added && r.entity == "publication")
        .unwrap();
    assert!(added
        .fields
        .iter()
        .any(|f| f.field == "title" && f.new == "Cobalt and the energy transition"));
    // The agent the file names is created too: it is among the changes.
    let agent = report.changes.iter().find(|r| r.entity == "agent").unwrap();
    assert_eq!(agent.outcome, Upsert::Added);
    assert!(
        agent
            .fields
            .iter()
            .any(|f| f.field == "name" && f.new == "IPIS"),
        "{agent:?}"
    );
    // The same import for real does what the dry run said.
    let real = c
        .import_reader_with(
            file.as_bytes(),
            &options(Some(OnConflict::Replace), false),
            &mut |_| {},
        )
        .unwrap();
    assert!(real.written);
    assert_eq!(real.summary, report.summary);
    assert_eq!(c.stats().unwrap().publications, 2);
}

#[test]
fn what_a_file_cannot_say_is_never_erased() {
    let c = catalogue();
    let file = "TY  - RPRT\nTI  - Belgium’s fight against conflict minerals\nDA  - 2023/12/22/\nLA  - en\nER  - \n";
    for policy in [OnConflict::Keep, OnConflict::Replace] {
        c.import_reader_with(file.as_bytes(), &options(Some(policy), false), &mut |_| {})
            .unwrap();
        assert!(
            c.publication("belgium-fight").unwrap().summary.is_some(),
            "{policy:?}"
        );
    }
}
