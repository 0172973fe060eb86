//! Series: upsert, delete, list.

use crate::error::{Error, Result};
use crate::model::Series;
use crate::store::curation::current_uid;
use crate::store::series::*;
use crate::store::Table;
use crate::store::Upsert;
use crate::Catalog;

impl Catalog {
    /// Adds or replaces a series (matched by `uid`).
    ///
    /// ```
    /// use pubcat::{Catalog, model::Series};
    /// let catalog = Catalog::open_in_memory()?;
    /// catalog.upsert_series(&Series::new("ipis-dd", "IPIS Due Diligence series"))?;
    /// assert_eq!(catalog.series_list()?.len(), 1);
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn upsert_series(&self, series: &Series) -> Result<Upsert> {
        self.write(|w| upsert_in(w, series))
    }

    /// Deletes a series; a series that still has publications is a `conflict`.
    pub fn delete_series(&self, uid: &str) -> Result<()> {
        self.write(|w| delete_in(w, uid))
    }

    /// One series.
    pub fn series(&self, uid: &str) -> Result<Series> {
        self.with_conn(|conn| {
            load_in(conn, &current_uid(conn, Table::Series, uid)?)?
                .ok_or_else(|| Error::not_found("series", uid))
        })
    }

    /// Every series, by name.
    pub fn series_list(&self) -> Result<Vec<Series>> {
        self.with_conn(all_in)
    }
}
