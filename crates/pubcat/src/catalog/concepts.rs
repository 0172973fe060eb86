//! Concepts of the vocabularies (minerals, places, actors, themes).

use crate::error::{Error, Result};
use crate::model::{Concept, ConceptNode, Scheme};
use crate::store::concepts::*;
use crate::store::Upsert;
use crate::Catalog;

impl Catalog {
    /// Adds or replaces a concept (matched by `uid`). Its broader concept must exist, be in
    /// the same scheme and not be one of its descendants.
    pub fn upsert_concept(&self, concept: &Concept) -> Result<Upsert> {
        self.write(|w| upsert_in(w, concept))
    }

    /// Deletes a concept and untags its publications; a concept with narrower concepts is a
    /// `conflict`.
    pub fn delete_concept(&self, uid: &str) -> Result<()> {
        self.write(|w| delete_in(w, uid))
    }

    /// One concept.
    pub fn concept(&self, uid: &str) -> Result<Concept> {
        self.with_conn(|conn| load_in(conn, uid)?.ok_or_else(|| Error::not_found("concept", uid)))
    }

    /// The concepts of a scheme (or of all schemes) as trees: top concepts with their narrower
    /// concepts nested, ordered by uid.
    ///
    /// ```
    /// use pubcat::model::Scheme;
    /// let catalog = pubcat::Catalog::demo()?;
    /// let places = catalog.concepts(Some(Scheme::Place))?;
    /// assert_eq!(places[0].concept.uid, "angola"); // the demo holds the shipped vocabularies
    /// let congo = places.iter().find(|p| p.concept.uid == "dr-congo").expect("a top concept");
    /// assert!(congo.narrower.iter().any(|n| n.concept.uid == "eastern-drc"));
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn concepts(&self, scheme: Option<Scheme>) -> Result<Vec<ConceptNode>> {
        self.with_conn(|conn| tree_in(conn, scheme))
    }
}
