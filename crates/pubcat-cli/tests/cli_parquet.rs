//! End-to-end tests of `pubcat export --format parquet --out DIR` (issue 16, item 3): the
//! layout and column types read back with the `parquet` crate's Arrow reader, the rows against
//! `search --json` with facets, and the folders it refuses (a file, a folder of other files,
//! no --out, a missing parent), each leaving everything as it was. Run as a process on the
//! demo catalogue. Only with the CLI's `parquet` feature (on by default).

#![cfg(feature = "parquet")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Int32Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use common::{Out, TempDir};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

/// `pubcat --db DIR/demo.db ARGS` in `dir`.
fn pubcat(dir: &TempDir, args: &[&str]) -> Out {
    let output = Command::new(env!("CARGO_BIN_EXE_pubcat"))
        .arg("--db")
        .arg(dir.path("demo.db"))
        .args(args)
        .current_dir(&dir.0)
        .env_remove("PUBCAT_DB")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Out {
        args: args.iter().map(|a| a.to_string()).collect(),
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn demo(name: &str) -> TempDir {
    let dir = TempDir::new(name);
    pubcat(&dir, &["demo"]).ok();
    dir
}

/// Every row of a Parquet file, as one batch.
fn read(path: &Path) -> RecordBatch {
    let file = std::fs::File::open(path).unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    let batches: Vec<RecordBatch> = reader.map(Result::unwrap).collect();
    arrow_select_concat(&batches)
}

/// The batches as one (the files here are small: one batch each).
fn arrow_select_concat(batches: &[RecordBatch]) -> RecordBatch {
    assert_eq!(batches.len(), 1, "one batch expected for the demo");
    batches[0].clone()
}

fn strings(batch: &RecordBatch, column: &str) -> Vec<Option<String>> {
    let array = batch.column_by_name(column).unwrap().as_string::<i32>();
    (0..array.len())
        .map(|i| (!array.is_null(i)).then(|| array.value(i).to_owned()))
        .collect()
}

fn lists(batch: &RecordBatch, column: &str) -> Vec<Vec<String>> {
    let array = batch.column_by_name(column).unwrap().as_list::<i32>();
    assert_eq!(array.null_count(), 0, "{column}: lists are never null");
    (0..array.len())
        .map(|i| {
            let values = array.value(i);
            let values = values.as_string::<i32>();
            (0..values.len())
                .map(|j| values.value(j).to_owned())
                .collect()
        })
        .collect()
}

/// The facet counts of `search --json --facets FACET` over every publication.
fn facet(dir: &TempDir, name: &str) -> BTreeMap<String, u64> {
    let out = pubcat(dir, &["search", "--json", "--facets", name, "--limit", "0"]).ok();
    let page = out.json();
    page["facets"][name]
        .as_array()
        .unwrap_or_else(|| panic!("no facet {name}: {page}"))
        .iter()
        .map(|c| {
            (
                c["value"].as_str().unwrap().to_owned(),
                c["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn count<I: IntoIterator<Item = String>>(values: I) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_insert(0) += 1;
    }
    counts
}

#[test]
fn layout_types_and_rows() {
    let dir = demo("layout");
    let out = pubcat(&dir, &["export", "--format", "parquet", "--out", "pq"]).ok();
    let names: Vec<String> = std::fs::read_dir(dir.path("pq"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(
        names,
        [
            "agents.parquet",
            "concepts.parquet",
            "projects.parquet",
            "publications.parquet"
        ]
    );
    let publications = read(&dir.path("pq/publications.parquet"));
    let stats = pubcat(&dir, &["stats", "--json"]).ok().json();
    let total = stats["publications"].as_u64().unwrap();
    assert_eq!(publications.num_rows() as u64, total);
    assert!(
        out.stdout
            .starts_with(&format!("{total} publications in pq")),
        "{out:?}"
    );

    // Column types: text, dates as dates, lists of text.
    let schema = publications.schema();
    let ty = |name: &str| schema.field_with_name(name).unwrap().data_type().clone();
    for name in [
        "uid", "work", "language", "title", "kind", "date", "summary",
    ] {
        assert_eq!(ty(name), DataType::Utf8, "{name}");
    }
    assert_eq!(ty("year"), DataType::Int32);
    assert_eq!(ty("date_lower"), DataType::Date32);
    assert_eq!(ty("date_upper"), DataType::Date32);
    assert_eq!(ty("pages"), DataType::UInt32);
    for name in [
        "authors",
        "author_uids",
        "projects",
        "places",
        "place_uids",
        "minerals",
        "mineral_uids",
        "actors",
        "actor_uids",
        "themes",
        "theme_uids",
        "other_languages",
    ] {
        match ty(name) {
            DataType::List(item) => assert_eq!(item.data_type(), &DataType::Utf8, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }

    // Rows against pubcat's own facets.
    let languages = strings(&publications, "language").into_iter().flatten();
    assert_eq!(count(languages), facet(&dir, "language"));
    let kinds = strings(&publications, "kind").into_iter().flatten();
    assert_eq!(count(kinds), facet(&dir, "kind"));
    let years = publications
        .column_by_name("year")
        .unwrap()
        .as_primitive::<Int32Type>()
        .iter()
        .flatten()
        .map(|y| y.to_string());
    assert_eq!(count(years), facet(&dir, "year"));
    for (column, name) in [
        ("place_uids", "place"),
        ("mineral_uids", "mineral"),
        ("actor_uids", "actor"),
        ("theme_uids", "theme"),
        ("projects", "project"),
        ("author_uids", "agent"),
    ] {
        let tagged = lists(&publications, column).into_iter().flatten();
        let expected = facet(&dir, name);
        if name == "agent" {
            // The agent facet counts every contributor; `author_uids` only the authors.
            for (uid, n) in count(tagged) {
                assert!(expected.get(&uid).copied().unwrap_or(0) >= n, "{uid}");
            }
        } else {
            assert_eq!(count(tagged), expected, "{column}");
        }
    }

    // Dates: the EDTF text, its year and span as Parquet dates.
    let dates = strings(&publications, "date");
    let lower = publications
        .column_by_name("date_lower")
        .unwrap()
        .as_primitive::<Date32Type>();
    let upper = publications
        .column_by_name("date_upper")
        .unwrap()
        .as_primitive::<Date32Type>();
    let day = |y, m, d| {
        let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        (chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap() - epoch).num_days() as i32
    };
    let i = dates
        .iter()
        .position(|d| d.as_deref() == Some("2012"))
        .expect("the demo has a publication of 2012");
    assert_eq!(lower.value(i), day(2012, 1, 1));
    assert_eq!(upper.value(i), day(2012, 12, 31));
    for (i, d) in dates.iter().enumerate() {
        assert_eq!(d.is_none(), lower.is_null(i));
    }

    // The vocabularies: every uid the lists name is a row.
    let agents = read(&dir.path("pq/agents.parquet"));
    let agent_uids: Vec<_> = strings(&agents, "uid").into_iter().flatten().collect();
    for uid in lists(&publications, "author_uids").into_iter().flatten() {
        assert!(agent_uids.contains(&uid), "{uid}");
    }
    let concepts = read(&dir.path("pq/concepts.parquet"));
    let concept_uids: Vec<_> = strings(&concepts, "uid").into_iter().flatten().collect();
    for uid in lists(&publications, "place_uids").into_iter().flatten() {
        assert!(concept_uids.contains(&uid), "{uid}");
    }
    let broader = strings(&concepts, "broader");
    let ancestors = lists(&concepts, "ancestors");
    for (b, a) in broader.iter().zip(&ancestors) {
        assert_eq!(b.as_ref(), a.first());
    }
    let projects = read(&dir.path("pq/projects.parquet"));
    assert!(strings(&projects, "uid").contains(&Some("madini".to_owned())));
}

#[test]
fn filters_select_rows_and_an_earlier_export_is_replaced() {
    let dir = demo("filters");
    pubcat(&dir, &["export", "--format", "parquet", "--out", "pq"]).ok();
    let all = read(&dir.path("pq/publications.parquet")).num_rows();
    pubcat(
        &dir,
        &[
            "export",
            "--format",
            "parquet",
            "--out",
            "pq",
            "--project",
            "madini",
        ],
    )
    .ok();
    let madini = read(&dir.path("pq/publications.parquet"));
    assert!(madini.num_rows() > 0 && madini.num_rows() < all);
    for projects in lists(&madini, "projects") {
        assert!(projects.contains(&"madini".to_owned()), "{projects:?}");
    }
    // An empty folder is fine; nothing is left beside the targets.
    std::fs::create_dir(dir.path("empty")).unwrap();
    pubcat(&dir, &["export", "--format", "parquet", "--out", "empty"]).ok();
    assert!(dir.path("empty/publications.parquet").is_file());
    assert_no_temporaries(&dir);
}

fn assert_no_temporaries(dir: &TempDir) {
    for entry in std::fs::read_dir(&dir.0).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!name.contains(".pubcat-"), "left behind: {name}");
    }
}

#[test]
fn bad_output_folders_are_refused_and_left_alone() {
    let dir = demo("bad");
    // A file.
    dir.write("afile", "keep me");
    let out = pubcat(&dir, &["export", "--format", "parquet", "--out", "afile"]).fails(4);
    assert_eq!(out.kind(), "invalid_input");
    assert_eq!(
        std::fs::read_to_string(dir.path("afile")).unwrap(),
        "keep me"
    );
    // A folder holding other files.
    std::fs::create_dir(dir.path("other")).unwrap();
    dir.write("other/notes.txt", "mine");
    let out = pubcat(&dir, &["export", "--format", "parquet", "--out", "other"]).fails(4);
    assert_eq!(out.kind(), "invalid_input");
    assert_eq!(std::fs::read_dir(dir.path("other")).unwrap().count(), 1);
    // No --out, or standard output.
    for args in [
        &["export", "--format", "parquet"][..],
        &["export", "--format", "parquet", "--out", "-"][..],
    ] {
        let out = pubcat(&dir, args).fails(4);
        assert_eq!(out.kind(), "invalid_input");
    }
    // A missing parent folder.
    let out = pubcat(
        &dir,
        &["export", "--format", "parquet", "--out", "missing/pq"],
    )
    .fails(1);
    assert_eq!(out.kind(), "io");
    // A failing query after the checks: nothing written, nothing left behind.
    let out = pubcat(
        &dir,
        &[
            "export",
            "--format",
            "parquet",
            "--out",
            "pq",
            "--project",
            "nope",
        ],
    )
    .fails(4);
    assert_eq!(out.kind(), "invalid_query");
    assert!(!dir.path("pq").exists());
    assert_no_temporaries(&dir);
    // A folder that cannot be written (not for root, who may write anywhere).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path("locked");
        std::fs::create_dir(&locked).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
        if std::fs::write(locked.join("probe"), "").is_err() {
            let out = pubcat(
                &dir,
                &["export", "--format", "parquet", "--out", "locked/pq"],
            )
            .fails(1);
            assert_eq!(out.kind(), "io");
        }
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}
