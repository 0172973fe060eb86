//! Bytes → a file → `Catalog::open_read_only`, `Catalog::open`, `health::check_file`.
//! Invariants: opening fails only with a file kind (`corrupt`, `not_a_catalog`, `too_new`);
//! a file that opens answers reads with results or `corrupt`/`not_found`/`invalid_query`;
//! opening read-only and checking never change the file; never a panic.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use pubcat::query::{Facet, Query};
use pubcat::{health, Catalog, Error, ErrorKind};

fn dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pubcat-fuzz-open-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn file_kind(what: &str, e: &Error) {
    assert!(
        matches!(e.kind(), ErrorKind::Corrupt | ErrorKind::NotACatalog | ErrorKind::TooNew),
        "{what}: {e} [{}]",
        e.kind()
    );
}

fn reads(c: &Catalog) {
    let mut results: Vec<pubcat::Result<()>> = vec![
        c.stats().map(drop),
        c.search(&Query::text("gold OR cobalt")).map(drop),
        c.search(&Query { facets: Facet::ALL.to_vec(), prefer_languages: vec!["fr".into()], ..Query::default() }).map(drop),
        c.agents().map(drop),
        c.concepts(None).map(drop),
        c.projects().map(drop),
        c.changes_since(0).map(drop),
    ];
    match c.export_document() {
        Ok(doc) => {
            for p in doc.publications.iter().take(20) {
                results.push(c.publication(&p.uid).map(drop));
                results.push(c.related(&p.uid).map(drop));
            }
        }
        Err(e) => results.push(Err(e)),
    }
    for r in results {
        if let Err(e) = r {
            assert!(
                matches!(e.kind(), ErrorKind::Corrupt | ErrorKind::NotFound | ErrorKind::InvalidQuery),
                "read: {e} [{}]",
                e.kind()
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let dir = dir();
    let path = dir.join("fuzz.db");
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    std::fs::write(&path, data).expect("write");
    match Catalog::open_read_only(&path) {
        Ok(c) => {
            reads(&c);
            let _ = c.close();
        }
        Err(e) => file_kind("open_read_only", &e),
    }
    match pubcat::Catalog::check_file(&path, false) {
        Ok(_) => {}
        Err(e) => file_kind("check_file", &e),
    }
    assert!(std::fs::read(&path).expect("read") == data, "the file changed");
    if data.is_empty() {
        return; // `open` would create a catalogue in it
    }
    match Catalog::open(&path) {
        Ok(c) => {
            reads(&c);
            let _ = c.close();
        }
        Err(e) => file_kind("open", &e),
    }
});
