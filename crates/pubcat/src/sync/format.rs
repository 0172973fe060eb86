//! The delta file format: JSON Lines with a header, one line per changed record, and a
//! trailer holding the record count and the SHA-256 of every byte before it.
//!
//! ```text
//! {"format":"pubcat-delta","version":1,"source":"<catalogue uid>","from":12,"to":40}
//! {"entity":"agent","uid":"ipis","version":13,"state":{"record":{...},"created":"…","updated":"…"}}
//! {"entity":"publication","uid":"old-report","version":15}
//! {"end":{"records":2,"sha256":"<64 hex digits>"}}
//! ```
//! A line without `state` is a deletion. See docs/SYNC.md.

use std::collections::BTreeMap;
use std::io::{Read, Write};

use serde::{Deserialize, Serialize};

use super::sha256::Sha256;
use crate::error::{Error, Result};
use crate::model::{Agent, Concept, Project, Publication, Relation, Series};

/// The value of the header's `format` field.
pub(crate) const FORMAT_NAME: &str = "pubcat-delta";
/// The delta format version this build writes and reads.
pub(crate) const FORMAT_VERSION: u32 = 1;
/// The largest delta file read (bytes): a file is read whole and verified before anything is
/// applied.
pub(crate) const MAX_DELTA_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// The first line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Header {
    pub format: String,
    pub version: u32,
    /// The source catalogue's identity (`catalog_identity.uid`).
    pub source: String,
    /// The source version the file starts after.
    pub from: i64,
    /// The source version the file brings a replica to.
    pub to: i64,
}

/// The last line.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Trailer {
    end: End,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct End {
    records: u64,
    sha256: String,
}

/// A publication as the source holds it: its write form and what the write form does not
/// carry (automatic tags with their matched label, the tags people removed, the "not a
/// translation" decisions, the uids merged into it, its timestamps).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PublicationState {
    pub record: Publication,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub automatic: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_translation: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<String>,
    pub created: String,
    pub updated: String,
}

/// An agent's own row (not following a merge), and the agent it was merged into.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AgentState {
    pub record: Agent,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect: Option<String>,
    pub created: String,
    pub updated: String,
}

/// A series, and the uids of series merged into it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SeriesState {
    pub record: Series,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<String>,
    pub created: String,
    pub updated: String,
}

/// A record with its timestamps (projects, concepts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Stamped<T> {
    pub record: T,
    pub created: String,
    pub updated: String,
}

/// One changed record: its state in the source, or `None` when the source deleted it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "entity", rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum Change {
    Agent {
        uid: String,
        version: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        state: Option<AgentState>,
    },
    Series {
        uid: String,
        version: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        state: Option<SeriesState>,
    },
    Project {
        uid: String,
        version: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        state: Option<Stamped<Project>>,
    },
    Concept {
        uid: String,
        version: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        state: Option<Stamped<Concept>>,
    },
    Publication {
        uid: String,
        version: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        state: Option<Box<PublicationState>>,
    },
    Relation {
        uid: String,
        version: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        state: Option<Relation>,
    },
}

impl Change {
    /// `(entity, uid)` as in the change log.
    pub(crate) fn key(&self) -> (&'static str, &str) {
        match self {
            Change::Agent { uid, .. } => ("agent", uid),
            Change::Series { uid, .. } => ("series", uid),
            Change::Project { uid, .. } => ("project", uid),
            Change::Concept { uid, .. } => ("concept", uid),
            Change::Publication { uid, .. } => ("publication", uid),
            Change::Relation { uid, .. } => ("relation", uid),
        }
    }

    /// Whether the source deleted the record.
    pub(crate) fn is_delete(&self) -> bool {
        match self {
            Change::Agent { state, .. } => state.is_none(),
            Change::Series { state, .. } => state.is_none(),
            Change::Project { state, .. } => state.is_none(),
            Change::Concept { state, .. } => state.is_none(),
            Change::Publication { state, .. } => state.is_none(),
            Change::Relation { state, .. } => state.is_none(),
        }
    }
}

/// Writes a delta file line by line, hashing what it writes.
pub(crate) struct DeltaWriter<'w> {
    out: &'w mut dyn Write,
    hash: Sha256,
    records: u64,
    bytes: u64,
}

impl<'w> DeltaWriter<'w> {
    /// Writes the header.
    pub(crate) fn start(out: &'w mut dyn Write, header: &Header) -> Result<DeltaWriter<'w>> {
        let mut w = DeltaWriter {
            out,
            hash: Sha256::default(),
            records: 0,
            bytes: 0,
        };
        w.line(header)?;
        Ok(w)
    }

    fn line<T: Serialize>(&mut self, value: &T) -> Result<()> {
        let mut text = serde_json::to_vec(value)
            .map_err(|e| Error::invalid("delta", format!("cannot write a record: {e}")))?;
        text.push(b'\n');
        self.hash.update(&text);
        self.out.write_all(&text)?;
        self.bytes += text.len() as u64;
        Ok(())
    }

    /// Writes one change.
    pub(crate) fn change(&mut self, change: &Change) -> Result<()> {
        self.records += 1;
        self.line(change)
    }

    /// Writes the trailer and flushes; returns (records, bytes written).
    pub(crate) fn finish(self) -> Result<(u64, u64)> {
        let DeltaWriter {
            out,
            hash,
            records,
            bytes,
        } = self;
        let mut text = serde_json::to_vec(&Trailer {
            end: End {
                records,
                sha256: hash.hex(),
            },
        })
        .map_err(|e| Error::invalid("delta", e.to_string()))?;
        text.push(b'\n');
        out.write_all(&text)?;
        out.flush()?;
        Ok((records, bytes + text.len() as u64))
    }
}

/// A delta file read whole and verified: its header and its changes.
#[derive(Debug, Clone)]
pub(crate) struct Delta {
    pub header: Header,
    pub changes: Vec<Change>,
}

fn invalid(message: impl Into<String>) -> Error {
    Error::InvalidDelta(message.into())
}

impl Delta {
    /// Reads a whole delta file and verifies it: the trailer must be there, its checksum must
    /// match every byte before it, its count the number of records, and every line must be a
    /// valid record. Any failure is [`Error::InvalidDelta`]; nothing is applied before this.
    pub(crate) fn read(input: &mut dyn Read) -> Result<Delta> {
        let mut bytes = Vec::new();
        input.take(MAX_DELTA_BYTES + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > MAX_DELTA_BYTES {
            return Err(invalid(format!(
                "larger than the {MAX_DELTA_BYTES} bytes a delta file may have"
            )));
        }
        if !bytes.ends_with(b"\n") {
            return Err(invalid(
                "truncated: the file does not end with its trailer line",
            ));
        }
        let body_end = bytes[..bytes.len() - 1]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        let trailer: Trailer = serde_json::from_slice(&bytes[body_end..])
            .map_err(|_| invalid("truncated: the last line is not the trailer"))?;
        let body = &bytes[..body_end];
        let mut hash = Sha256::default();
        hash.update(body);
        if hash.hex() != trailer.end.sha256 {
            return Err(invalid(
                "checksum mismatch: the file was altered or damaged",
            ));
        }
        let text = std::str::from_utf8(body).map_err(|_| invalid("not UTF-8"))?;
        let mut lines = text.lines();
        let header: Header = serde_json::from_str(lines.next().unwrap_or(""))
            .map_err(|e| invalid(format!("line 1 is not a delta header: {e}")))?;
        if header.format != FORMAT_NAME {
            return Err(invalid(format!(
                "format is {:?}, not {FORMAT_NAME:?}",
                header.format
            )));
        }
        if header.version != FORMAT_VERSION {
            return Err(invalid(format!(
                "delta format version {} is not supported (this pubcat reads {FORMAT_VERSION})",
                header.version
            )));
        }
        if header.from < 0 || header.to < header.from {
            return Err(invalid(format!(
                "invalid version range {}..{}",
                header.from, header.to
            )));
        }
        let mut changes = Vec::new();
        for (i, line) in lines.enumerate() {
            let change: Change =
                serde_json::from_str(line).map_err(|e| invalid(format!("line {}: {e}", i + 2)))?;
            changes.push(change);
        }
        if changes.len() as u64 != trailer.end.records {
            return Err(invalid(format!(
                "the trailer counts {} records, the file has {}",
                trailer.end.records,
                changes.len()
            )));
        }
        Ok(Delta { header, changes })
    }
}
