//! A bad record at the end of a 100,000-record file leaves the catalogue exactly as before.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod formats_common;

use formats_common::parse_failure;
use pubcat::formats::Format;

const RECORDS: u64 = 100_000;

#[test]
fn a_bad_last_jsonl_record_rolls_back_100k_records() {
    let catalog = pubcat::Catalog::demo().unwrap();
    let mut text = String::from("{\"format\":\"pubcat\",\"version\":1}\n");
    text.push_str(
        "{\"agent\":{\"uid\":\"bulk\",\"kind\":\"organization\",\"name\":\"Bulk Institute\"}}\n",
    );
    for i in 0..RECORDS {
        text.push_str(&format!(
            "{{\"publication\":{{\"uid\":\"bulk-{i}\",\"language\":\"en\",\"title\":\"Bulk report {i}\",\"kind\":\"report\",\"date\":\"2020\",\"contributors\":[{{\"agent\":\"bulk\",\"role\":\"author\"}}]}}}}\n"
        ));
    }
    text.push_str("{\"publication\":{\"uid\":\"bad\",\"language\":\"en\",\"title\":\"Bad\",\"kind\":\"report\",\"date\":\"2020-13\"}}\n");
    let (line, record, field) = parse_failure(&catalog, text.as_bytes(), Format::Jsonl);
    assert_eq!(line, Some(RECORDS + 3));
    assert_eq!(record, Some(RECORDS + 2));
    assert_eq!(field.as_deref(), Some("publication.date"));
    assert_eq!(catalog.stats().unwrap().publications, 7);
}

#[test]
fn a_bad_last_csv_row_rolls_back_100k_rows() {
    let catalog = pubcat::Catalog::demo().unwrap();
    let mut text = String::from("uid,title,language,date,authors,concepts\r\n");
    for i in 0..RECORDS {
        text.push_str(&format!(
            "bulk-{i},\"Bulk report {i}, part one\",en,2020,Bulk Institute,gold\r\n"
        ));
    }
    text.push_str("bad,Bad,en,2020,Bulk Institute,unobtainium\r\n");
    let mut last = 0;
    let before = formats_common::snapshot(&catalog);
    let err = catalog
        .import_reader(text.as_bytes(), Format::Csv, &mut |n| last = n)
        .unwrap_err();
    assert_eq!(
        last, RECORDS,
        "progress reported every row before the bad one"
    );
    let pos = err.position().unwrap();
    assert_eq!(
        (pos.line, pos.record, pos.field.as_deref()),
        (Some(RECORDS + 2), Some(RECORDS + 1), Some("concepts"))
    );
    assert_eq!(formats_common::snapshot(&catalog), before);
    assert!(catalog
        .agents()
        .unwrap()
        .iter()
        .all(|a| a.name != "Bulk Institute"));
}
