//! Shared body of the import targets: bytes → `Catalog::import_reader(format)` into a
//! catalogue holding the demo data. Invariants: a failed import is a `parse` error (`io` is
//! impossible on a byte slice) and changes nothing (same change version); never a panic.

use std::sync::Mutex;

use pubcat::formats::Format;
use pubcat::{Catalog, ErrorKind};

/// A catalogue holding the demo data, replaced after an import that succeeded.
static CATALOG: Mutex<Option<Catalog>> = Mutex::new(None);

pub fn import(data: &[u8], format: Format) {
    let mut slot = CATALOG.lock().unwrap_or_else(|p| p.into_inner());
    let catalog =
        slot.get_or_insert_with(|| pubcat::Catalog::demo().expect("demo catalogue"));
    let version = catalog.version().expect("version");
    match catalog.import_reader(data, format, &mut |_| {}) {
        Ok(_) => *slot = None,
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::Parse, "{format:?}: {e}");
            assert_eq!(catalog.version().expect("version"), version, "a failed import wrote");
        }
    }
}
