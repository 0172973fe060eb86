//! Counts of the catalogue.

use crate::error::Result;
use crate::model::Stats;
use crate::store::stats::stats_in;
use crate::Catalog;

impl Catalog {
    /// Counts per entity, per language, per kind and per year.
    ///
    /// ```
    /// let catalog = pubcat::Catalog::demo()?;
    /// let stats = catalog.stats()?;
    /// assert_eq!((stats.publications, stats.works), (7, 6));
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn stats(&self) -> Result<Stats> {
        self.with_conn(stats_in)
    }
}
