//! Offline sync by delta files: the catalogue's identity, writing what changed after a version,
//! applying such a file to a replica. The format and the rules: `sync/` and `docs/SYNC.md`.

use std::io::{Read, Write};

use crate::error::{Error, Result};
use crate::store::changes::stored_version;
use crate::sync::format::{Delta, DeltaWriter, Header, FORMAT_NAME, FORMAT_VERSION};
use crate::sync::replica::{self, Followed};
use crate::sync::{
    apply, state, AppliedChanges, ConflictPolicy, ExportedChanges, ReplicaStatus, SyncConflict,
};
use crate::Catalog;

impl Catalog {
    /// The catalogue's identity: 32 hex digits made once when the catalogue was created (or
    /// migrated to schema version 3). Delta files name their source by it. A copy of the file
    /// is the same catalogue and has the same identity.
    ///
    /// ```
    /// let c = pubcat::Catalog::open_in_memory()?;
    /// assert_eq!(c.catalog_uid()?.len(), 32);
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn catalog_uid(&self) -> Result<String> {
        self.with_conn(replica::identity)
    }

    /// Writes every change after `since_version` to `out` as one delta file: a header with
    /// this catalogue's identity and the version range, one line per record changed (its whole
    /// current state, or its deletion), and a trailer with the SHA-256 of the rest. Every
    /// record family is carried: publications (with automatic tags and their matched label,
    /// removed tags, "not a translation" decisions, merged uids), agents (with merges),
    /// series, projects, concepts and relations. Reads one consistent snapshot.
    ///
    /// `since_version` 0 writes everything the catalogue holds (and the deletions it
    /// remembers): a replica can start from an empty catalogue. A version above the
    /// catalogue's is `invalid_input`.
    ///
    /// ```
    /// use pubcat::{Catalog, model::{Agent, AgentKind}};
    /// let source = Catalog::open_in_memory()?;
    /// source.upsert_agent(&Agent::new("ipis", AgentKind::Organization, "IPIS"))?;
    /// let mut file = Vec::new();
    /// let written = source.export_changes(0, &mut file)?;
    /// assert_eq!((written.from, written.to, written.records), (0, 1, 1));
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn export_changes(
        &self,
        since_version: i64,
        out: &mut dyn Write,
    ) -> Result<ExportedChanges> {
        if since_version < 0 {
            return Err(Error::invalid("since_version", "must not be negative"));
        }
        self.with_conn(|conn| {
            let to = stored_version(conn)?;
            if since_version > to {
                return Err(Error::invalid(
                    "since_version",
                    format!("{since_version} is after the catalogue's version {to}"),
                ));
            }
            let header = Header {
                format: FORMAT_NAME.to_owned(),
                version: FORMAT_VERSION,
                source: replica::identity(conn)?,
                from: since_version,
                to,
            };
            let mut writer = DeltaWriter::start(out, &header)?;
            for (entity, uid, version) in state::changed_after(conn, since_version)? {
                writer.change(&state::change_of(conn, &entity, &uid, version)?)?;
            }
            let (records, bytes) = writer.finish()?;
            Ok(ExportedChanges {
                source: header.source,
                from: since_version,
                to,
                records: i64::try_from(records).unwrap_or(i64::MAX),
                bytes: i64::try_from(bytes).unwrap_or(i64::MAX),
            })
        })
    }

    /// [`Catalog::export_changes`] to a file, written atomically (a temporary file beside
    /// `path`, renamed when complete).
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("pubcat-doc-delta-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// let source = pubcat::Catalog::demo()?;
    /// source.export_changes_to_path(0, dir.join("update.delta"))?;
    /// let replica = pubcat::Catalog::open_in_memory()?;
    /// replica.apply_changes_from_path(dir.join("update.delta"), Default::default())?;
    /// assert_eq!(replica.stats()?.publications, source.stats()?.publications);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn export_changes_to_path(
        &self,
        since_version: i64,
        path: impl AsRef<std::path::Path>,
    ) -> Result<ExportedChanges> {
        crate::formats::atomic::write_atomically(path.as_ref(), |out| {
            self.export_changes(since_version, out)
        })
    }

    /// Applies a delta file written by [`Catalog::export_changes`] of this catalogue's source,
    /// in one transaction, and re-indexes the full text of what changed.
    ///
    /// - The whole file is read and verified first: a truncated or altered file (its checksum,
    ///   its record count, any line) is [`ErrorKind::InvalidDelta`](crate::ErrorKind::InvalidDelta)
    ///   and nothing is written.
    /// - The source: a catalogue follows the source of the first file it applies when it is
    ///   new and empty, or a copy of that source (same identity); afterwards a file of another
    ///   catalogue is [`ErrorKind::WrongSource`](crate::ErrorKind::WrongSource).
    /// - A file that starts after the source version the replica holds (a file is missing in
    ///   between) is [`ErrorKind::SyncGap`](crate::ErrorKind::SyncGap); a file the replica
    ///   already holds changes nothing (`already_applied`); a file that overlaps it is applied
    ///   (each record carries its whole state).
    /// - Local edits of records the file changes too are handled by `on_conflict`: refused
    ///   (the default; [`ErrorKind::Conflict`](crate::ErrorKind::Conflict) naming them), the
    ///   source's state taken, or the local edit kept; the result reports each.
    ///
    /// ```
    /// use pubcat::{Catalog, sync::ConflictPolicy};
    /// let source = Catalog::demo()?;
    /// let mut file = Vec::new();
    /// source.export_changes(0, &mut file)?;
    /// let replica = Catalog::open_in_memory()?;
    /// replica.apply_changes(&mut file.as_slice(), ConflictPolicy::Refuse)?;
    /// let again = replica.apply_changes(&mut file.as_slice(), ConflictPolicy::Refuse)?;
    /// assert!(again.already_applied);
    /// assert_eq!(replica.export_document()?, source.export_document()?);
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn apply_changes(
        &self,
        input: &mut dyn Read,
        on_conflict: ConflictPolicy,
    ) -> Result<AppliedChanges> {
        let delta = Delta::read(input)?;
        let header = delta.header.clone();
        self.write_or_roll_back(|w| {
            let conn = w.conn();
            let own = replica::identity(conn)?;
            let own_version = stored_version(conn)?;
            let followed = match replica::followed(conn)? {
                Some(f) if f.source_uid == header.source => f,
                Some(f) => {
                    return Err(Error::WrongSource {
                        expected: f.source_uid,
                        found: header.source.clone(),
                    })
                }
                // A copy of the source: it holds the source's changes up to its own version.
                None if own == header.source => Followed {
                    source_uid: own.clone(),
                    source_version: own_version,
                    local_version: own_version,
                },
                None if replica::is_blank(conn)? => Followed {
                    source_uid: header.source.clone(),
                    source_version: 0,
                    local_version: 0,
                },
                None => {
                    return Err(Error::WrongSource {
                        expected: own,
                        found: header.source.clone(),
                    })
                }
            };
            if header.from > followed.source_version {
                return Err(Error::SyncGap {
                    holds: followed.source_version,
                    from: header.from,
                });
            }
            let local = replica::local_edits(conn, followed.local_version)?;
            if header.to <= followed.source_version {
                let summary = AppliedChanges {
                    source: header.source.clone(),
                    from: header.from,
                    to: header.to,
                    already_applied: true,
                    applied: 0,
                    skipped: 0,
                    conflicts: Vec::new(),
                    local_edits: local.len() as i64,
                    source_version: followed.source_version,
                    version: own_version,
                };
                return Ok((summary, false));
            }
            let mut conflicts = Vec::new();
            let mut chosen = Vec::with_capacity(delta.changes.len());
            for change in &delta.changes {
                let (entity, uid) = change.key();
                if local.contains(&(entity.to_owned(), uid.to_owned())) {
                    let kept = on_conflict;
                    conflicts.push(SyncConflict {
                        entity: entity.to_owned(),
                        uid: uid.to_owned(),
                        kept,
                    });
                    if kept == ConflictPolicy::KeepLocal {
                        continue;
                    }
                }
                chosen.push(change);
            }
            if on_conflict == ConflictPolicy::Refuse && !conflicts.is_empty() {
                return Err(Error::SyncConflict {
                    records: conflicts
                        .iter()
                        .map(|c| format!("{} {}", c.entity, c.uid))
                        .collect(),
                });
            }
            apply::apply_in(w, &chosen)?;
            // Local edits stay local edits until the source's state replaces them.
            for (entity, uid) in &local {
                replica::set_kept(w.conn(), entity, uid, true)?;
            }
            for change in &chosen {
                let (entity, uid) = change.key();
                replica::set_kept(w.conn(), entity, uid, false)?;
            }
            let version = stored_version(w.conn())?;
            replica::set_followed(
                w.conn(),
                &Followed {
                    source_uid: header.source.clone(),
                    source_version: header.to,
                    local_version: version,
                },
            )?;
            let skipped = delta.changes.len() - chosen.len();
            let in_file: std::collections::BTreeSet<(&str, &str)> =
                delta.changes.iter().map(|c| c.key()).collect();
            let local_only = local
                .iter()
                .filter(|(e, u)| !in_file.contains(&(e.as_str(), u.as_str())))
                .count();
            Ok((
                AppliedChanges {
                    source: header.source.clone(),
                    from: header.from,
                    to: header.to,
                    already_applied: false,
                    applied: chosen.len() as i64,
                    skipped: skipped as i64,
                    conflicts,
                    local_edits: local_only as i64,
                    source_version: header.to,
                    version,
                },
                true,
            ))
        })
    }

    /// [`Catalog::apply_changes`] from a file.
    ///
    /// ```no_run
    /// let replica = pubcat::Catalog::open("replica.db")?;
    /// let applied = replica.apply_changes_from_path("update.delta", Default::default())?;
    /// println!("now at source version {}", applied.source_version);
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn apply_changes_from_path(
        &self,
        path: impl AsRef<std::path::Path>,
        on_conflict: ConflictPolicy,
    ) -> Result<AppliedChanges> {
        let mut file = std::io::BufReader::new(std::fs::File::open(path.as_ref())?);
        self.apply_changes(&mut file, on_conflict)
    }

    /// The source this catalogue follows by delta files and the version of it it holds, or
    /// `None` when it never applied one.
    ///
    /// ```
    /// let source = pubcat::Catalog::demo()?;
    /// let mut file = Vec::new();
    /// source.export_changes(0, &mut file)?;
    /// let replica = pubcat::Catalog::open_in_memory()?;
    /// replica.apply_changes(&mut file.as_slice(), Default::default())?;
    /// let status = replica.replica_status()?.unwrap();
    /// assert_eq!(status.source, source.catalog_uid()?);
    /// assert_eq!(status.source_version, source.version()?);
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn replica_status(&self) -> Result<Option<ReplicaStatus>> {
        self.with_conn(|conn| {
            let Some(f) = replica::followed(conn)? else {
                return Ok(None);
            };
            let local = replica::local_edits(conn, f.local_version)?;
            Ok(Some(ReplicaStatus {
                source: f.source_uid,
                source_version: f.source_version,
                local_edits: local.len() as i64,
            }))
        })
    }
}
