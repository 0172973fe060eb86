//! Text is stored in Unicode NFC, and matching and uids fold NFC and NFD alike: the same
//! title typed with a combining accent (`E` + U+0301, as some PDFs and Macs write it) or a
//! precomposed letter (`É`) is one publication with one uid.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pubcat::formats::Format;
use pubcat::model::{Kind, Publication};
use pubcat::query::Query;
use pubcat::Catalog;

const NFC: &str = "\u{c9}tain et coltan au Sud-Kivu";
const NFD: &str = "E\u{301}tain et coltan au Sud-Kivu";

#[test]
fn a_title_in_nfd_is_stored_in_nfc() {
    assert_ne!(NFC, NFD);
    let c = Catalog::open_in_memory().unwrap();
    c.upsert_publication(&Publication::new("p", "fr", NFD, Kind::Report))
        .unwrap();
    assert_eq!(c.publication("p").unwrap().title, NFC);
    // Writing the NFC form again changes nothing: it is the same text.
    assert_eq!(
        c.upsert_publication(&Publication::new("p", "fr", NFC, Kind::Report))
            .unwrap(),
        pubcat::Upsert::Unchanged
    );
}

#[test]
fn nfc_and_nfd_imports_give_one_publication_and_one_uid() {
    for (first, second) in [(NFC, NFD), (NFD, NFC)] {
        let c = Catalog::open_in_memory().unwrap();
        for title in [first, second] {
            let ris = format!("TY  - RPRT\nTI  - {title}\nPY  - 2023\nLA  - fr\nER  - \n");
            c.import_reader(ris.as_bytes(), Format::Ris, &mut |_| {})
                .unwrap();
        }
        let doc = c.export_document().unwrap();
        assert_eq!(doc.publications.len(), 1, "{doc:?}");
        assert_eq!(doc.publications[0].uid, "etain-et-coltan-au-sud-kivu-2023");
        assert_eq!(doc.publications[0].title, NFC);
    }
}

#[test]
fn a_search_in_either_form_finds_it() {
    let c = Catalog::open_in_memory().unwrap();
    c.upsert_publication(&Publication::new("p", "fr", NFC, Kind::Report))
        .unwrap();
    for text in [
        "E\u{301}tain",
        "\u{c9}tain",
        "etain",
        "\"e\u{301}tain et coltan\"",
    ] {
        assert_eq!(c.search(&Query::text(text)).unwrap().total, 1, "{text:?}");
    }
}
