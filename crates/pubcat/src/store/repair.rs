//! Repair of what pubcat derives from a catalogue's own rows, when another tool changed the
//! rows behind its back (or an index was damaged): the full-text index, rebuilt from the
//! publications (and their concept tokens, computed again), and the agents' publication counts, recounted from the contributions. What
//! `pubcat check` reports as `fts` and `agent_counts` findings; the other findings (damaged
//! pages, dangling references, a foreign schema) are not pubcat's to rebuild: restore a backup.

use serde::{Deserialize, Serialize};

use super::writer::Writer;
use crate::db::check::AGENT_COUNT_DIFFERENCES;
use crate::error::Result;

/// What [`Catalog::repair`](crate::Catalog::repair) did.
///
/// ```
/// let catalog = pubcat::Catalog::open_in_memory()?;
/// let summary = catalog.repair()?;
/// assert_eq!(summary, pubcat::RepairSummary { publications_indexed: 0, agent_counts_fixed: 0 });
/// # Ok::<(), pubcat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RepairSummary {
    /// Publications in the rebuilt full-text index (every publication of the catalogue).
    pub publications_indexed: i64,
    /// Agents whose kept publication count differed from their contributions, now recounted.
    pub agent_counts_fixed: i64,
}

/// Rebuilds the full-text index and recounts the agents' publications, inside `w`'s
/// transaction (which takes a new catalogue version, so that every cache reads afresh).
pub(crate) fn repair_in(w: &mut Writer<'_>) -> Result<RepairSummary> {
    w.version()?;
    let conn = w.conn();
    let agent_counts_fixed: i64 = conn.query_row(
        &format!("{AGENT_COUNT_DIFFERENCES} SELECT count(*) FROM both WHERE kept <> counted"),
        [],
        |row| row.get(0),
    )?;
    if agent_counts_fixed > 0 {
        conn.execute_batch(
            "DELETE FROM agent_publication_count;
             INSERT INTO agent_publication_count (agent_id, publications)
             SELECT agent_id, count(DISTINCT publication_id) FROM contribution GROUP BY agent_id;",
        )?;
    }
    // The concept tokens too are derived from the rows (the labels and the texts).
    crate::db::concept_tokens::store_all(conn)?;
    conn.execute(
        "INSERT INTO publication_fts (publication_fts) VALUES ('rebuild')",
        [],
    )?;
    let publications_indexed: i64 =
        conn.query_row("SELECT count(*) FROM publication", [], |row| row.get(0))?;
    Ok(RepairSummary {
        publications_indexed,
        agent_counts_fixed,
    })
}
