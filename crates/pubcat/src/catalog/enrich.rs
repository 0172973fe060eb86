//! Enrichment: shipped and user vocabularies, automatic tagging (marked as such, reversible,
//! never overriding a person's tags).

use crate::enrich::tagging::{tag_in, untag_in, TaggingSummary};
use crate::error::Result;
use crate::formats::{ImportSummary, Vocabulary, BUILTIN_VOCABULARIES};
use crate::Catalog;

impl Catalog {
    /// Loads the vocabularies shipped with pubcat (places of the DR Congo and its neighbours,
    /// minerals, armed and state actors, themes; see `data/vocabularies/`), in one
    /// transaction. Concepts that exist are replaced by the shipped ones; loading twice
    /// changes nothing.
    ///
    /// ```
    /// let catalog = pubcat::Catalog::open_in_memory()?;
    /// let summary = catalog.load_builtin_vocabularies()?;
    /// assert!(summary.concepts.added > 200);
    /// assert_eq!(catalog.concept("south-kivu")?.labels["nl"], "Zuid-Kivu");
    /// assert_eq!(catalog.load_builtin_vocabularies()?.concepts.added, 0);
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn load_builtin_vocabularies(&self) -> Result<ImportSummary> {
        let mut document = crate::formats::CatalogDocument::default();
        for (_, text) in BUILTIN_VOCABULARIES {
            document
                .concepts
                .extend(Vocabulary::parse(text)?.to_document().concepts);
        }
        self.import_vocabulary(&document)
    }

    /// Loads a vocabulary file (`"format": "pubcat-vocabulary"`, the format of the shipped
    /// ones: one scheme, its sources, its concepts), in one transaction.
    pub fn load_vocabulary(&self, text: &str) -> Result<ImportSummary> {
        self.import_vocabulary(&Vocabulary::parse(text)?.to_document())
    }

    /// Tags every publication with the concepts whose labels its title, subtitle, summary
    /// or body names, in any language of the loaded vocabularies (see `docs/ENRICHMENT.md`).
    /// The tags are *automatic*: they carry the label that matched, never remove or replace
    /// a curated tag, and running again after a vocabulary change brings them up to date
    /// (running twice changes nothing). A theme (`mining`, `governance`) is tagged only when
    /// the title or subtitle names it or the texts name it twice, not when a summary uses the
    /// word once in passing. One transaction.
    ///
    /// ```
    /// use pubcat::model::{Kind, Publication};
    /// let catalog = pubcat::Catalog::open_in_memory()?;
    /// catalog.load_builtin_vocabularies()?;
    /// let p = Publication::new("p", "fr", "L'exploitation de l'or et des 3T au Sud-Kivu", Kind::Report);
    /// catalog.upsert_publication(&p)?;
    /// let summary = catalog.tag_automatically()?;
    /// assert_eq!(summary.changed, 1);
    /// let concepts = catalog.publication("p")?.concepts;
    /// let south_kivu = concepts.iter().find(|c| c.uid == "south-kivu").unwrap();
    /// assert_eq!(south_kivu.matched_label.as_deref(), Some("Sud-Kivu"));
    /// assert!(concepts.iter().any(|c| c.uid == "gold")); // French "or", with the 3T as a cue
    /// assert_eq!(catalog.tag_automatically()?.changed, 0);
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn tag_automatically(&self) -> Result<TaggingSummary> {
        self.write(|w| tag_in(w, None))
    }

    /// Removes every automatic tag (curated tags stay). One transaction.
    pub fn remove_automatic_tags(&self) -> Result<TaggingSummary> {
        self.write(untag_in)
    }
}
