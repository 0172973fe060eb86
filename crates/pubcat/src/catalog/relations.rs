//! Typed relations between publications.

use crate::error::Result;
use crate::model::Relation;
use crate::store::relations::*;
use crate::Catalog;

impl Catalog {
    /// Relates two publications with a DataCite relation type. The inverse is implied:
    /// adding `a IsPreviousVersionOf b` stores `b IsNewVersionOf a`, and adding it twice
    /// changes nothing.
    ///
    /// ```
    /// use pubcat::{Catalog, model::{Kind, Publication, Relation, RelationType}};
    /// let catalog = Catalog::open_in_memory()?;
    /// catalog.upsert_publication(&Publication::new("m23-2012", "en", "M23", Kind::Report))?;
    /// catalog.upsert_publication(&Publication::new("m23-2013", "en", "M23: 2013 update", Kind::Report))?;
    /// catalog.add_relation(&Relation::new("m23-2013", RelationType::IsNewVersionOf, "m23-2012"))?;
    /// assert_eq!(catalog.related("m23-2012")?[0].relation_type, RelationType::IsPreviousVersionOf);
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn add_relation(&self, relation: &Relation) -> Result<()> {
        self.write(|w| add_in(w, relation).map(|_| ()))
    }

    /// Removes a relation (given in either direction); `not_found` if absent.
    pub fn remove_relation(&self, relation: &Relation) -> Result<()> {
        self.write(|w| remove_in(w, relation))
    }

    /// Every relation, in stored direction.
    pub fn relations(&self) -> Result<Vec<Relation>> {
        self.with_conn(all_in)
    }
}
