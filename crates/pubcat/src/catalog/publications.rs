//! Publications: upsert, delete, read, translations.

use crate::error::{Error, Result};
use crate::model::{Publication, PublicationRecord, RelatedRecord, TranslationRef};
use crate::store::curation::current_uid;
use crate::store::publications::*;
use crate::store::{require_id, Table, Upsert};
use crate::Catalog;

impl Catalog {
    /// Adds or replaces a publication (matched by `uid`) with its contributions, projects,
    /// series, concepts, identifiers and links, in one transaction.
    ///
    /// Referenced agents, projects, series and concepts must exist (`not_found` otherwise).
    /// Writing the same value again changes nothing and returns [`Upsert::Unchanged`].
    ///
    /// ```
    /// use pubcat::{Catalog, Upsert, model::{Publication, Kind}};
    /// let catalog = Catalog::open_in_memory()?;
    /// let p = Publication::new("m23", "en", "Mapping Conflict Motives: M23", Kind::Report);
    /// assert_eq!(catalog.upsert_publication(&p)?, Upsert::Added);
    /// assert_eq!(catalog.upsert_publication(&p)?, Upsert::Unchanged);
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn upsert_publication(&self, publication: &Publication) -> Result<Upsert> {
        self.write(|w| upsert_in(w, publication))
    }

    /// Deletes a publication with its contributions, links, tags and relations; its work is
    /// deleted when no other language version remains. Agents, projects, series and concepts
    /// stay.
    pub fn delete_publication(&self, uid: &str) -> Result<()> {
        self.write(|w| delete_in(w, uid))
    }

    /// A publication with everything attached.
    ///
    /// ```
    /// # let catalog = pubcat::Catalog::demo()?;
    /// let m23 = catalog.publication("ipis-mapping-conflict-motives-m23-2012")?;
    /// assert_eq!(m23.date.unwrap().edtf, "2012");
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn publication(&self, uid: &str) -> Result<PublicationRecord> {
        self.with_conn(|conn| record_in(conn, &current_uid(conn, Table::Publication, uid)?))
    }

    /// A publication in the form it is written in (references as uids), e.g. to edit it and
    /// upsert it again.
    pub fn publication_as_written(&self, uid: &str) -> Result<Publication> {
        self.with_conn(|conn| {
            load_in(conn, &current_uid(conn, Table::Publication, uid)?)?
                .ok_or_else(|| Error::not_found("publication", uid))
        })
    }

    /// Every language version of the work `uid` belongs to, `uid` included; the original
    /// first, then by language.
    pub fn translations(&self, uid: &str) -> Result<Vec<TranslationRef>> {
        self.with_conn(|conn| translations_in(conn, &current_uid(conn, Table::Publication, uid)?))
    }

    /// Makes `a` and `b` language versions of one work (`a`'s). Every version of `b`'s work
    /// moves along; a language present on both sides is a `conflict`. If `a`'s work already
    /// has an original, `b`'s side loses its original mark.
    pub fn link_translation(&self, a: &str, b: &str) -> Result<()> {
        self.write(|w| link_translation_in(w, a, b))
    }

    /// Typed relations of a publication, both stored and derived directions.
    pub fn related(&self, uid: &str) -> Result<Vec<RelatedRecord>> {
        self.with_conn(|conn| {
            let uid = current_uid(conn, Table::Publication, uid)?;
            let id = require_id(conn, Table::Publication, &uid)?;
            crate::store::relations::related_in(conn, id)
        })
    }
}
