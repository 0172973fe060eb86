//! Bytes → pubcat's native JSON document → import. Invariants: a failed import is a `parse`
//! error and changes nothing (same change version, same export); never a panic.
#![no_main]

use std::sync::Mutex;

use libfuzzer_sys::fuzz_target;
use pubcat::formats::native::CatalogDocument;
use pubcat::{Catalog, ErrorKind};

/// A catalogue holding the demo data, replaced after an import that succeeded.
static CATALOG: Mutex<Option<Catalog>> = Mutex::new(None);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut slot = CATALOG.lock().unwrap_or_else(|p| p.into_inner());
    let catalog = slot.get_or_insert_with(|| {
        pubcat::demo::open_demo_in_memory().expect("demo catalogue")
    });
    let version = catalog.version().expect("version");
    let result = CatalogDocument::parse(text).and_then(|doc| catalog.import_document(&doc));
    match result {
        Ok(_) => *slot = None,
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::Parse, "{e}");
            assert_eq!(catalog.version().expect("version"), version, "a failed import wrote");
        }
    }
});
