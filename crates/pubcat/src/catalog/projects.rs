//! Projects: upsert, delete, read.

use crate::error::Result;
use crate::model::{Project, ProjectRecord};
use crate::store::projects::*;
use crate::store::Upsert;
use crate::Catalog;

impl Catalog {
    /// Adds or replaces a project (matched by `uid`) with its members.
    pub fn upsert_project(&self, project: &Project) -> Result<Upsert> {
        self.write(|w| upsert_in(w, project))
    }

    /// Deletes a project; its publications stay, unlinked from it.
    pub fn delete_project(&self, uid: &str) -> Result<()> {
        self.write(|w| delete_in(w, uid))
    }

    /// A project with its members and publications.
    ///
    /// ```
    /// let catalog = pubcat::Catalog::demo()?;
    /// let madini = catalog.project("madini")?;
    /// assert_eq!(madini.publications.len(), 2);
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn project(&self, uid: &str) -> Result<ProjectRecord> {
        self.with_conn(|conn| record_in(conn, uid))
    }

    /// Every project with its members and publications, by name.
    pub fn projects(&self) -> Result<Vec<ProjectRecord>> {
        self.with_conn(records_in)
    }
}
