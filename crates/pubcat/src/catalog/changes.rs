//! The change log: what changed since a version.

use crate::error::{Error, Result};
use crate::model::Changes;
use crate::store::changes::{changes_since_in, stored_version};
use crate::Catalog;

impl Catalog {
    /// The catalogue's current change version (0 for a new catalogue). Every write
    /// transaction that changes something increments it by one.
    pub fn version(&self) -> Result<i64> {
        self.with_conn(stored_version)
    }

    /// What was added, changed or deleted after `version`: one entry per entity (its latest
    /// change), oldest first, and the current version to pass next time.
    ///
    /// ```
    /// use pubcat::{Catalog, model::{Agent, AgentKind}};
    /// let catalog = Catalog::open_in_memory()?;
    /// let v0 = catalog.version()?;
    /// catalog.upsert_agent(&Agent::new("ipis", AgentKind::Organization, "IPIS"))?;
    /// let changes = catalog.changes_since(v0)?;
    /// assert_eq!(changes.changes[0].uid, "ipis");
    /// assert_eq!(changes.version, v0 + 1);
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn changes_since(&self, version: i64) -> Result<Changes> {
        if version < 0 {
            return Err(Error::invalid("version", "must not be negative"));
        }
        self.with_conn(|conn| changes_since_in(conn, version))
    }
}
