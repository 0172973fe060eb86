//! Malformed input: every case fails with a parse error naming its position (line and/or
//! record, and field), and leaves the catalogue exactly as it was (valid records before the
//! bad one are rolled back).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod formats_common;

use formats_common::{parse_failure, rich_catalog};
use pubcat::formats::Format;
use pubcat::Catalog;

fn some(field: &str) -> Option<String> {
    Some(field.to_owned())
}

const GOOD_JSONL: &str = concat!(
    "{\"format\":\"pubcat\",\"version\":1}\n",
    "{\"agent\":{\"uid\":\"new-agent\",\"kind\":\"person\",\"name\":\"New Agent\"}}\n",
    "{\"publication\":{\"uid\":\"new-pub\",\"language\":\"en\",\"title\":\"New\",\"kind\":\"report\"}}\n",
);

#[test]
fn jsonl_errors_name_line_record_and_field() {
    let catalog = rich_catalog();
    let case = |tail: &str| {
        parse_failure(
            &catalog,
            format!("{GOOD_JSONL}{tail}").as_bytes(),
            Format::Jsonl,
        )
    };
    assert_eq!(
        case("{\"publication\":{\"uid\":\"x\",\"language\":\"xx\",\"title\":\"T\",\"kind\":\"report\"}}\n"),
        (Some(4), Some(3), some("publication.language"))
    );
    assert_eq!(
        case("\n{\"publication\":{\"uid\":\"x\",\"language\":\"en\",\"title\":\"T\",\"kind\":\"report\",\"contributors\":[{\"agent\":\"ghost\",\"role\":\"author\"}]}}\n"),
        (Some(5), Some(3), some("publication.contributors"))
    );
    assert_eq!(
        case("{\"publication\":{\"uid\":\"x\",\"colour\":\"red\"}}\n"),
        (Some(4), Some(3), some("publication"))
    );
    assert_eq!(
        case("{\"agent\":{\"uid\":\"a\",\"kind\":\"robot\",\"name\":\"A\"}}\n").0,
        Some(4)
    );
    assert_eq!(case("{\"agent\": {\"uid\": \"a\",\n").0, Some(4));
    assert_eq!(case("[1, 2]\n").0, Some(4));
    assert_eq!(
        case("{\"concept\":{\"uid\":\"c\",\"scheme\":\"place\",\"broader\":\"nowhere\",\"labels\":{\"en\":\"C\"}}}\n"),
        (Some(4), Some(3), some("concept.broader"))
    );
    assert_eq!(
        case("{\"relation\":{\"source\":\"new-pub\",\"type\":\"Cites\",\"target\":\"ghost\"}}\n"),
        (Some(4), Some(3), some("relation.target"))
    );
    assert_eq!(
        case("{\"series\":{\"uid\":\"s\",\"name\":\"S\",\"publisher\":\"ghost\"}}\n"),
        (Some(4), Some(3), some("series.publisher"))
    );
    let mut bytes = GOOD_JSONL.as_bytes().to_vec();
    bytes.extend_from_slice(b"{\"agent\":{\"uid\":\"\xff\"}}\n");
    assert_eq!(parse_failure(&catalog, &bytes, Format::Jsonl).0, Some(4));
}

#[test]
fn jsonl_header_is_checked() {
    let catalog = rich_catalog();
    let body = GOOD_JSONL.split_once('\n').unwrap().1;
    let with_header = |h: &str| format!("{h}\n{body}");
    assert_eq!(
        parse_failure(
            &catalog,
            with_header("{\"format\":\"zotero\",\"version\":1}").as_bytes(),
            Format::Jsonl
        ),
        (Some(1), None, some("format"))
    );
    assert_eq!(
        parse_failure(
            &catalog,
            with_header("{\"format\":\"pubcat\",\"version\":2}").as_bytes(),
            Format::Jsonl
        ),
        (Some(1), None, some("version"))
    );
    assert_eq!(
        parse_failure(&catalog, body.as_bytes(), Format::Jsonl),
        (Some(1), None, some("format"))
    );
    assert_eq!(
        parse_failure(&catalog, b"\n\n", Format::Jsonl),
        (Some(1), None, some("format"))
    );
}

#[test]
fn native_json_errors_name_line_or_record_and_field() {
    let catalog = rich_catalog();
    let doc = |publications: &str| {
        format!("{{\"format\":\"pubcat\",\"version\":1,\"agents\":[{{\"uid\":\"a\",\"kind\":\"person\",\"name\":\"A\"}}],\n\"publications\":[{publications}]}}")
    };
    let good = r#"{"uid":"p1","language":"en","title":"One","kind":"report"}"#;
    let bad_date = r#"{"uid":"p2","language":"en","title":"Two","kind":"report","date":"someday"}"#;
    assert_eq!(
        parse_failure(
            &catalog,
            doc(&format!("{good},{bad_date}")).as_bytes(),
            Format::Json
        ),
        (None, Some(2), some("publications[2].date"))
    );
    assert_eq!(
        parse_failure(&catalog, doc("{\"uid\": }").as_bytes(), Format::Json).0,
        Some(2)
    );
    let wrong = r#"{"format":"endnote","version":1}"#;
    assert_eq!(
        parse_failure(&catalog, wrong.as_bytes(), Format::Json).2,
        some("format")
    );
}

const CSV_HEADER: &str = "uid,title,language,date,kind,authors,contributors,concepts,doi\r\n";
const CSV_GOOD: &str = "csv-1,First,en,2020,report,New Person,,gold,\r\n";

#[test]
fn csv_errors_name_line_record_and_column() {
    let catalog = rich_catalog();
    let case = |row: &str| {
        parse_failure(
            &catalog,
            format!("{CSV_HEADER}{CSV_GOOD}{row}").as_bytes(),
            Format::Csv,
        )
    };
    assert_eq!(
        case("csv-2,Second,en,someday,report,,,,\r\n"),
        (Some(3), Some(2), some("date"))
    );
    assert_eq!(
        case("csv-2,Second,en,2020,poem,,,,\r\n"),
        (Some(3), Some(2), some("kind"))
    );
    assert_eq!(
        case("csv-2,Second,xx,2020,report,,,,\r\n"),
        (Some(3), Some(2), some("language"))
    );
    assert_eq!(
        case("csv-2,,en,2020,report,,,,\r\n"),
        (Some(3), Some(2), some("title"))
    );
    // (`ghost:author` is no longer an error: an unknown contributor is a name, and the agent
    // is created, so that a CSV export imports into an empty catalogue.)
    assert_eq!(
        case("csv-2,Second,en,2020,report,,ipis:reader,,\r\n"),
        (Some(3), Some(2), some("contributors"))
    );
    assert_eq!(
        case("csv-2,Second,en,2020,report,,ipis,,\r\n"),
        (Some(3), Some(2), some("contributors"))
    );
    assert_eq!(
        case("csv-2,Second,en,2020,report,,,nowhere,\r\n"),
        (Some(3), Some(2), some("concepts"))
    );
    assert_eq!(
        case("csv-2,Second,en,2020,report,,,,not-a-doi\r\n"),
        (Some(3), Some(2), some("doi"))
    );
    assert_eq!(case("csv-2,Second,en,2020\r\n"), (Some(3), Some(2), None));
    assert_eq!(
        case("csv-2,\"Sec\"ond\",en,2020,report,,,,\r\n"),
        (Some(3), None, some("column 2"))
    );
    assert_eq!(
        case("csv-2,Sec\"ond,en,2020,report,,,,\r\n"),
        (Some(3), None, some("column 2"))
    );
    assert_eq!(
        case("\r\n\r\ncsv-2,\"Second\r\nline,en,2020,report,,,,\r\n").0,
        Some(5)
    );
    let mut bytes = format!("{CSV_HEADER}{CSV_GOOD}").into_bytes();
    bytes.extend_from_slice(b"csv-2,Sec\xffond,en,2020,report,,,,\r\n");
    assert_eq!(parse_failure(&catalog, &bytes, Format::Csv).0, Some(3));
}

#[test]
fn csv_header_is_checked() {
    let catalog = rich_catalog();
    assert_eq!(
        parse_failure(&catalog, b"uid,title,colour\r\nx,y,z\r\n", Format::Csv),
        (Some(1), None, some("column 3"))
    );
    assert_eq!(
        parse_failure(&catalog, b"uid,language\r\nx,en\r\n", Format::Csv),
        (Some(1), None, some("title"))
    );
    assert_eq!(
        parse_failure(&catalog, b"title,Title\r\nx,y\r\n", Format::Csv),
        (Some(1), None, some("column 2"))
    );
    assert_eq!(parse_failure(&catalog, b"", Format::Csv).0, Some(1));
}

#[test]
fn csl_json_errors_name_record_and_field() {
    let catalog = rich_catalog();
    let good = r#"{"id": "csl-1", "type": "report", "title": "One", "author": [{"family": "Kiza", "given": "Ana"}]}"#;
    let case = |bad: &str| {
        parse_failure(
            &catalog,
            format!("[{good},\n{bad}]").as_bytes(),
            Format::CslJson,
        )
    };
    assert_eq!(
        case(r#"{"id": "csl-2", "type": "report"}"#),
        (None, Some(2), some("title"))
    );
    assert_eq!(
        case(r#"{"id": "csl-2", "title": "T", "issued": {"date-parts": [["soon"]]}}"#),
        (None, Some(2), some("issued"))
    );
    assert_eq!(
        case(r#"{"id": "csl-2", "title": "T", "issued": {"date-parts": [[2012, 13]]}}"#),
        (None, Some(2), some("issued"))
    );
    assert_eq!(
        case(r#"{"id": "csl-2", "title": "T", "language": "Klingon"}"#),
        (None, Some(2), some("language"))
    );
    assert_eq!(
        case(r#"{"id": "csl-2", "title": "T", "DOI": "doi"}"#),
        (None, Some(2), some("DOI"))
    );
    assert_eq!(
        case(r#"{"id": "csl-2", "title": "T", "author": [{"given": "Only"}]}"#),
        (None, Some(2), some("author"))
    );
    assert_eq!(
        case(r#"{"id": "csl-2", "title": "T", "custom": {"pubcat": {"kind": "poem"}}}"#),
        (None, Some(2), some("custom.pubcat.kind"))
    );
    assert_eq!(case("42"), (None, Some(2), some("item")));
    assert_eq!(case(r#"{"id": "csl-2", "title": "T",}"#).0, Some(2));
    assert_eq!(
        parse_failure(&catalog, b"\"just a string\"", Format::CslJson).0,
        Some(1)
    );
}

#[test]
fn bibtex_errors_name_line_entry_and_field() {
    let catalog = rich_catalog();
    let good =
        "@techreport{bib-1,\n  title = {One},\n  author = {Kiza, Ana},\n  year = {2020},\n}\n\n";
    let case =
        |bad: &str| parse_failure(&catalog, format!("{good}{bad}").as_bytes(), Format::Bibtex);
    assert_eq!(
        case("@misc{bib-2,\n  title = {Two},\n  year = {20x0},\n}\n"),
        (Some(9), Some(2), some("year"))
    );
    assert_eq!(
        case("@misc{bib-2,\n  title = {Two},\n  year = 2020,\n  month = {Brumaire},\n}\n"),
        (Some(10), Some(2), some("month"))
    );
    assert_eq!(
        case("@misc{bib-2,\n  title = {Two},\n  date = {2020-02-30},\n}\n"),
        (Some(9), Some(2), some("date"))
    );
    assert_eq!(
        case("@misc{bib-2,\n  author = {Kiza, Ana},\n}\n"),
        (Some(7), Some(2), some("title"))
    );
    assert_eq!(
        case("@misc{bib-2,\n  title {Two},\n}\n"),
        (Some(8), Some(2), some("title"))
    );
    assert_eq!(
        case("@misc{bib-2,\n  title = {Two},\n  language = {Klingon},\n}\n"),
        (Some(9), Some(2), some("language"))
    );
    assert_eq!(
        case("@misc{bib-2,\n  title = {Two},\n  doi = {nope},\n}\n"),
        (Some(9), Some(2), some("doi"))
    );
    assert_eq!(
        case("@misc{bib-2,\n  title = {Two},\n  publisher = ipis,\n}\n"),
        (Some(9), Some(2), some("publisher"))
    );
    assert_eq!(case("@misc{bib-2,\n  title = {Two\n}\n").0, Some(7));
    assert_eq!(case("@misc{bib-2,\n  title = {Two},\n").1, Some(2));
}

#[test]
fn ris_errors_name_line_record_and_tag() {
    let catalog = rich_catalog();
    let good =
        "TY  - RPRT\r\nID  - ris-1\r\nTI  - One\r\nAU  - Kiza, Ana\r\nPY  - 2020\r\nER  - \r\n\r\n";
    let case = |bad: &str| parse_failure(&catalog, format!("{good}{bad}").as_bytes(), Format::Ris);
    assert_eq!(
        case("TY  - RPRT\r\nTI  - Two\r\nPY  - 20x0\r\nER  - \r\n"),
        (Some(10), Some(2), some("PY"))
    );
    assert_eq!(
        case("TY  - RPRT\r\nTI  - Two\r\nDA  - 2020/02/30/\r\nER  - \r\n"),
        (Some(10), Some(2), some("DA"))
    );
    assert_eq!(
        case("TY  - RPRT\r\nAU  - Kiza, Ana\r\nER  - \r\n"),
        (Some(8), Some(2), some("TI"))
    );
    assert_eq!(
        case("TY  - RPRT\r\nTI  - Two\r\nDO  - nope\r\nER  - \r\n"),
        (Some(10), Some(2), some("DO"))
    );
    assert_eq!(
        case("TY  - RPRT\r\nTI  - Two\r\nLA  - Klingon\r\nER  - \r\n"),
        (Some(10), Some(2), some("LA"))
    );
    assert_eq!(
        case("TY  - RPRT\r\nTI  - Two\r\n"),
        (Some(8), Some(2), some("ER"))
    );
    assert_eq!(
        case("TY  - RPRT\r\nTI  - Two\r\nTY  - RPRT\r\n"),
        (Some(10), Some(2), some("ER"))
    );
    assert_eq!(
        case("TI  - Two\r\nER  - \r\n"),
        (Some(8), Some(2), some("TY"))
    );
    assert_eq!(
        parse_failure(&catalog, b"Not RIS at all\r\n", Format::Ris),
        (Some(1), Some(1), some("TY"))
    );
}

#[test]
fn listing_errors_name_the_line() {
    let catalog = rich_catalog();
    assert_eq!(
        parse_failure(&catalog, b" \n\n", Format::Listing).0,
        Some(1)
    );
    let text = "A first title\n- Ana Kiza | March 1, 2022\n\nSummary.\n\nA second title\n- Ana Kiza | the day after\n\nSummary.\n";
    assert_eq!(
        parse_failure(&catalog, text.as_bytes(), Format::Listing),
        (Some(7), Some(2), some("date"))
    );
}

#[test]
fn undetectable_input_is_a_parse_error() {
    let catalog = Catalog::open_in_memory().unwrap();
    assert_eq!(
        parse_failure(&catalog, b"\xff\xfe\x00\x01", Format::Auto).0,
        Some(1)
    );
    assert_eq!(parse_failure(&catalog, b"   ", Format::Auto).0, Some(1));
    let err = catalog
        .import_file("/nonexistent/pubcat/file.csv", Format::Auto)
        .unwrap_err();
    assert_eq!(err.kind(), pubcat::ErrorKind::Io);
    assert!(err.to_string().contains("/nonexistent/pubcat/file.csv"));
}

#[test]
fn read_only_catalogues_refuse_imports() {
    let dir = std::env::temp_dir().join(format!("pubcat-ro-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("c.db");
    pubcat::Catalog::create_demo(&path)
        .unwrap()
        .close()
        .unwrap();
    let catalog = Catalog::open_read_only(&path).unwrap();
    let err = catalog
        .import_reader(CSV_GOOD.as_bytes(), Format::Csv, &mut |_| {})
        .unwrap_err();
    assert_eq!(err.kind(), pubcat::ErrorKind::InvalidInput);
    catalog.close().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}
