//! Dropping a catalogue closes it like `close()`: the WAL is checkpointed and removed even when
//! pooled reader connections are open. The UniFFI bindings rely on this: Kotlin's `close()` /
//! `use {}` and Swift's `deinit` drop the catalogue rather than calling `close()`.

mod common;

use common::TempDir;
use pubcat::model::{Agent, AgentKind};
use pubcat::Catalog;

#[test]
fn dropping_a_catalogue_after_reads_checkpoints_the_wal() {
    let dir = TempDir::new("drop-closes");
    let path = dir.path("catalog.db");
    {
        let catalog = Catalog::open(&path).unwrap();
        catalog
            .upsert_agent(&Agent::new("ipis", AgentKind::Organization, "IPIS"))
            .unwrap();
        assert_eq!(catalog.stats().unwrap().agents, 1); // a read: opens a pooled reader
    } // dropped, not closed
    assert!(
        !dir.path("catalog.db-wal").exists(),
        "the WAL was left behind"
    );
    let again = Catalog::open_read_only(&path).unwrap();
    assert_eq!(again.stats().unwrap().agents, 1);
}
