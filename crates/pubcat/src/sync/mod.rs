//! Offline sync by delta files: a source catalogue writes what changed after a version
//! ([`Catalog::export_changes`](crate::Catalog::export_changes)); a replica of it applies the
//! file in one transaction ([`Catalog::apply_changes`](crate::Catalog::apply_changes)).
//!
//! - `format.rs`: the file (JSON Lines: header, one line per changed record, trailer with the
//!   SHA-256 of everything before it) and its verification;
//! - `sha256.rs`: the hash;
//! - `state.rs`: the source side: the records the change log names, in their current state;
//! - `replica.rs`: the catalogue identity and what a replica knows of its source;
//! - `apply.rs`: the replica side: applying the records in an order that resolves references.
//!
//! The file format, the rules and an app's update flow are in `docs/SYNC.md`.

pub(crate) mod apply;
pub(crate) mod format;
pub(crate) mod replica;
mod sha256;
pub(crate) mod state;

use serde::{Deserialize, Serialize};

/// What to do when the replica edited a record locally that the delta file changes too.
///
/// Local edits are the records the replica wrote itself (its own writes since the last file it
/// applied, and those of earlier edits that no file has replaced since). Records edited locally
/// that the file does not change are always kept, stay local edits, and are counted in
/// [`AppliedChanges::local_edits`].
///
/// ```
/// use pubcat::sync::ConflictPolicy;
/// assert_eq!(ConflictPolicy::default(), ConflictPolicy::Refuse);
/// assert_eq!("take-source".parse::<ConflictPolicy>()?, ConflictPolicy::TakeSource);
/// # Ok::<(), pubcat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ConflictPolicy {
    /// Apply nothing and fail with [`ErrorKind::Conflict`](crate::ErrorKind::Conflict),
    /// naming the records (the default: nothing is lost without a decision).
    #[default]
    Refuse,
    /// The source wins: the replica's local edits of those records are replaced by the
    /// source's state (reported in [`AppliedChanges::conflicts`]).
    TakeSource,
    /// The replica wins: the file's changes of those records are skipped and the records stay
    /// local edits, for later files too (reported in [`AppliedChanges::conflicts`]).
    KeepLocal,
}

impl ConflictPolicy {
    /// The stable code: `refuse`, `take_source`, `keep_local`.
    ///
    /// ```
    /// assert_eq!(pubcat::sync::ConflictPolicy::KeepLocal.code(), "keep_local");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            ConflictPolicy::Refuse => "refuse",
            ConflictPolicy::TakeSource => "take_source",
            ConflictPolicy::KeepLocal => "keep_local",
        }
    }
}

impl std::str::FromStr for ConflictPolicy {
    type Err = crate::Error;

    /// Reads a code (`refuse`, `take_source`, `keep_local`; `-` for `_` is accepted).
    fn from_str(s: &str) -> crate::Result<ConflictPolicy> {
        match s.trim().replace('-', "_").as_str() {
            "refuse" => Ok(ConflictPolicy::Refuse),
            "take_source" | "source" => Ok(ConflictPolicy::TakeSource),
            "keep_local" | "local" => Ok(ConflictPolicy::KeepLocal),
            other => Err(crate::Error::invalid(
                "on_conflict",
                format!("{other:?} is not one of refuse, take_source, keep_local"),
            )),
        }
    }
}

/// What [`Catalog::export_changes`](crate::Catalog::export_changes) wrote.
///
/// ```
/// let source = pubcat::Catalog::demo()?;
/// let mut file = Vec::new();
/// let written = source.export_changes(0, &mut file)?;
/// assert_eq!(written.to, source.version()?);
/// assert_eq!(written.bytes as usize, file.len());
/// # Ok::<(), pubcat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ExportedChanges {
    /// The source catalogue's identity ([`Catalog::catalog_uid`](crate::Catalog::catalog_uid)).
    pub source: String,
    /// The version the file starts after.
    pub from: i64,
    /// The version the file brings a replica to (the source's current version).
    pub to: i64,
    /// Records in the file.
    pub records: i64,
    /// Bytes written.
    pub bytes: i64,
}

/// A record both the file and the replica's local edits changed, and who won.
///
/// ```
/// let c = pubcat::sync::SyncConflict {
///     entity: "publication".into(),
///     uid: "report-2024".into(),
///     kept: pubcat::sync::ConflictPolicy::KeepLocal,
/// };
/// assert_eq!(c.kept.code(), "keep_local");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SyncConflict {
    /// `publication`, `agent`, `series`, `project`, `concept` or `relation`.
    pub entity: String,
    /// The record's uid (relations: `"source type target"`).
    pub uid: String,
    /// What was kept: [`ConflictPolicy::TakeSource`] (the source's state) or
    /// [`ConflictPolicy::KeepLocal`] (the local edit).
    pub kept: ConflictPolicy,
}

/// What [`Catalog::apply_changes`](crate::Catalog::apply_changes) did.
///
/// ```
/// let source = pubcat::Catalog::demo()?;
/// let mut file = Vec::new();
/// source.export_changes(0, &mut file)?;
/// let replica = pubcat::Catalog::open_in_memory()?;
/// let applied = replica.apply_changes(&mut file.as_slice(), pubcat::sync::ConflictPolicy::Refuse)?;
/// assert!(!applied.already_applied);
/// assert_eq!(applied.source_version, source.version()?);
/// # Ok::<(), pubcat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AppliedChanges {
    /// The source catalogue's identity.
    pub source: String,
    /// The file's version range: after `from`, up to `to`.
    pub from: i64,
    /// See `from`.
    pub to: i64,
    /// True when the replica already held every change of the file: nothing was written.
    pub already_applied: bool,
    /// Records of the file applied (written, or found already equal).
    pub applied: i64,
    /// Records of the file skipped because the replica kept its local edit.
    pub skipped: i64,
    /// Records both the file and local edits changed, and who won.
    pub conflicts: Vec<SyncConflict>,
    /// Records edited locally that the file did not change: kept as they are.
    pub local_edits: i64,
    /// The source version the replica now holds.
    pub source_version: i64,
    /// The replica's own change version after the apply.
    pub version: i64,
}

/// Where a replica stands: the source it follows and the version of it it holds.
///
/// ```
/// let c = pubcat::Catalog::open_in_memory()?;
/// assert!(c.replica_status()?.is_none());
/// # Ok::<(), pubcat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReplicaStatus {
    /// The identity of the source catalogue.
    pub source: String,
    /// The source version the replica holds: the `--since` of the next file it needs.
    pub source_version: i64,
    /// Records edited locally since the last apply (they would be conflicts if the next file
    /// changes them too).
    pub local_edits: i64,
}
