//! Agents (people and organisations): upsert, merge, delete, read.

use crate::error::Result;
use crate::model::{Agent, AgentRecord};
use crate::store::agents::*;
use crate::store::Upsert;
use crate::Catalog;

impl Catalog {
    /// Adds or replaces an agent (matched by `uid`). Returns [`Upsert::Unchanged`] when the
    /// stored agent already has exactly these values.
    pub fn upsert_agent(&self, agent: &Agent) -> Result<Upsert> {
        self.write(|w| upsert_in(w, agent))
    }

    /// Merges the duplicate record `from` into `into`: contributions, project roles and series
    /// move over, `from`'s names and identifiers become `into`'s variants, and `from` becomes a
    /// redirect (looking it up returns `into`).
    ///
    /// ```
    /// use pubcat::{Catalog, model::{Agent, AgentKind}};
    /// let catalog = Catalog::open_in_memory()?;
    /// catalog.upsert_agent(&Agent::new("ipis", AgentKind::Organization, "IPIS"))?;
    /// catalog.upsert_agent(&Agent::new("ipis-2", AgentKind::Organization, "International Peace Information Service"))?;
    /// catalog.merge_agents("ipis-2", "ipis")?;
    /// assert_eq!(catalog.agent("ipis-2")?.agent.uid, "ipis");
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn merge_agents(&self, from: &str, into: &str) -> Result<()> {
        self.write(|w| merge_in(w, from, into))
    }

    /// Deletes an agent. An agent still credited on a publication is a `conflict`; its
    /// project roles are removed and series it published lose their publisher.
    pub fn delete_agent(&self, uid: &str) -> Result<()> {
        self.write(|w| delete_in(w, uid))
    }

    /// An agent (following merge redirects) with its publications and projects.
    pub fn agent(&self, uid: &str) -> Result<AgentRecord> {
        self.with_conn(|conn| record_in(conn, uid))
    }

    /// Every agent that was not merged into another, by name.
    pub fn agents(&self) -> Result<Vec<Agent>> {
        self.with_conn(current_in)
    }
}
