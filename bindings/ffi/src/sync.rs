//! Offline sync by delta files (docs/SYNC.md) for Kotlin and Swift: an app keeps a replica of
//! a source catalogue and applies the update files it receives (by message, USB, a download).
//! Each call is the core's; the records (`ExportedChanges`, `AppliedChanges`, `SyncConflict`,
//! `ReplicaStatus`) and the `ConflictPolicy` enum are the core's own types. Versions and counts
//! are signed 64-bit integers (Kotlin `Long`). The calls block: run them off the main thread.

use crate::catalog::Catalog;
use crate::error::Result;
use pubcat::sync::{AppliedChanges, ConflictPolicy, ExportedChanges, ReplicaStatus};

#[uniffi::export]
impl Catalog {
    /// The catalogue's identity (32 hex digits, made when it was created): delta files name
    /// their source by it. A copy of the file has the same identity.
    pub fn catalog_uid(&self) -> Result<String> {
        Ok(self.core().catalog_uid()?)
    }

    /// Writes every change after `since_version` (0: everything) to the delta file at `path`,
    /// atomically: the catalogue's identity, the version range, each changed record's whole
    /// state or its deletion, a SHA-256 trailer.
    pub fn export_changes(&self, since_version: i64, path: String) -> Result<ExportedChanges> {
        Ok(self.core().export_changes_to_path(since_version, path)?)
    }

    /// [`Catalog::export_changes`] into memory: the bytes of the delta file.
    pub fn export_changes_bytes(&self, since_version: i64) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        self.core().export_changes(since_version, &mut out)?;
        Ok(out)
    }

    /// Applies the delta file at `path` in one transaction. The file is verified whole first
    /// (`InvalidDelta` when truncated or altered); a file that starts after the source version
    /// this replica holds is `SyncGap`, one of another catalogue `WrongSource`; nothing is
    /// written then. A file already applied changes nothing (`alreadyApplied`). Records edited
    /// here that the file changes too: `on_conflict` `REFUSE` (a `Conflict` naming them),
    /// `TAKE_SOURCE` or `KEEP_LOCAL`; each is reported in `conflicts`.
    pub fn apply_changes(
        &self,
        path: String,
        on_conflict: ConflictPolicy,
    ) -> Result<AppliedChanges> {
        Ok(self.core().apply_changes_from_path(path, on_conflict)?)
    }

    /// [`Catalog::apply_changes`] from the bytes of a delta file.
    pub fn apply_changes_bytes(
        &self,
        data: Vec<u8>,
        on_conflict: ConflictPolicy,
    ) -> Result<AppliedChanges> {
        Ok(self
            .core()
            .apply_changes(&mut data.as_slice(), on_conflict)?)
    }

    /// The source this catalogue follows by delta files and the version of it it holds (the
    /// `sinceVersion` of the next file it needs), or null when it never applied one.
    pub fn replica_status(&self) -> Result<Option<ReplicaStatus>> {
        Ok(self.core().replica_status()?)
    }
}
