//! Bytes → search text: `query::syntax::parse` must compile every input to an FTS5
//! expression that FTS5 accepts (run against a real FTS5 table with the catalogue's
//! tokenizer), and `Catalog::search` must return a page. Never a panic, never an error.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use pubcat::query::{syntax, Query};
use pubcat::Catalog;
use rusqlite::Connection;

struct Fixture {
    catalog: Catalog,
    fts: std::sync::Mutex<Connection>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let fts = Connection::open_in_memory().expect("memory");
        fts.execute_batch(
            "CREATE VIRTUAL TABLE t USING fts5 (a, b, tokenize = 'unicode61 remove_diacritics 2');
             INSERT INTO t VALUES ('Gold and cobalt in Sud-Kivu', 'école multi-agent M23 10.0.0.1');",
        )
        .expect("fts table");
        Fixture {
            catalog: pubcat::Catalog::demo().expect("demo"),
            fts: std::sync::Mutex::new(fts),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let f = fixture();
    let expr = syntax::parse(&text);
    let fts = f.fts.lock().unwrap_or_else(|p| p.into_inner());
    for compiled in [expr.to_fts5(), expr.exclusions_to_fts5()].into_iter().flatten() {
        let count: Result<i64, _> =
            fts.query_row("SELECT count(*) FROM t WHERE t MATCH ?1", [&compiled], |r| r.get(0));
        if let Err(e) = count {
            panic!("{text:?} compiled to {compiled:?}, which FTS5 refuses: {e}");
        }
    }
    drop(fts);
    if let Err(e) = f.catalog.search(&Query::text(text.as_ref())) {
        panic!("{text:?}: search failed: {e} [{}]", e.kind());
    }
});
