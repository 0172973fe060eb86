//! Hostile input never panics: every export cut short at many points, and random bytes, are
//! either imported or refused with a typed error that leaves the catalogue as it was.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod formats_common;

use formats_common::{export, import, references_of, rich_catalog, snapshot};
use pubcat::formats::Format;

#[test]
fn truncated_exports_import_or_fail_cleanly() {
    let source = rich_catalog();
    let doc = source.export_document().unwrap();
    let target = references_of(&source);
    for format in Format::ALL.into_iter().filter(|f| *f != Format::Auto) {
        let bytes = export(&doc, format);
        for cut in (0..bytes.len()).step_by(193) {
            let prefix = &bytes[..cut];
            for as_format in [format, Format::Auto] {
                let before = snapshot(&target);
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    import(&target, prefix, as_format)
                }));
                let outcome = result.unwrap_or_else(|_| panic!("{format} cut at {cut} panicked"));
                match outcome {
                    Err(_) => assert_eq!(snapshot(&target), before, "{format} cut at {cut}"),
                    Ok(_) => {
                        for p in target.export_document().unwrap().publications {
                            target.delete_publication(&p.uid).unwrap();
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    let catalog = pubcat::Catalog::open_in_memory().unwrap();
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet = b"{}[]\"',;:@\\-\r\n \t=#%TYERAU0123456789abc\xc3\xa9\xe2\x80\x99\xff";
    for round in 0..400 {
        let len = (next() % 300) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        for format in Format::ALL {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                import(&catalog, &bytes, format)
            }));
            assert!(
                result.is_ok(),
                "round {round}, {format}: {:?}",
                String::from_utf8_lossy(&bytes)
            );
        }
    }
}
