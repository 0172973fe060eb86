//! Curation by hand: unlinking language versions, tagging, setting one field, merging
//! duplicates, vocabularies in and out. Each method is one transaction.

use crate::error::Result;
use crate::formats::{CatalogDocument, ImportSummary};
use crate::model::Scheme;
use crate::store::curation::{
    merge_publications_in, merge_series_in, publication_fields, set_field_in, tag_in, unlink_in,
};
use crate::{Catalog, Upsert};

impl Catalog {
    /// Makes publication `uid` a work of its own, out of the work it shared with its other
    /// language versions (the opposite of [`Catalog::link_translation`]). Nothing changes
    /// when it is the only version.
    ///
    /// ```
    /// let catalog = pubcat::Catalog::demo()?;
    /// catalog.unlink_translation("conflict-minerals-perceptions-fr")?;
    /// assert_eq!(catalog.translations("conflict-minerals-perceptions-fr")?.len(), 1);
    /// assert_eq!(catalog.stats()?.works, 7);
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn unlink_translation(&self, uid: &str) -> Result<()> {
        self.write(|w| unlink_in(w, uid))
    }

    /// Tags publication `uid` with the concepts `concepts` (uids; `not_found` for an unknown
    /// one), as a person's tags (an automatic tag of one of them becomes a curated one); a
    /// concept a person removed before ([`Catalog::untag`]) is accepted again.
    ///
    /// ```
    /// let catalog = pubcat::Catalog::demo()?;
    /// catalog.tag("ipis-dd-cobalt-3t-comparative-analysis", &["south-kivu"])?;
    /// let concepts = catalog.publication("ipis-dd-cobalt-3t-comparative-analysis")?.concepts;
    /// assert!(concepts.iter().any(|c| c.uid == "south-kivu"));
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn tag(&self, uid: &str, concepts: &[&str]) -> Result<Upsert> {
        let concepts: Vec<String> = concepts.iter().map(|c| (*c).to_owned()).collect();
        self.write(|w| tag_in(w, uid, &concepts, true))
    }

    /// Removes the concepts `concepts` from publication `uid`, whether a person or automatic
    /// tagging gave them, and remembers the decision: [`Catalog::tag_automatically`] (and
    /// imports that tag) never add them back to this publication. [`Catalog::tag`] with the
    /// concept lifts the decision. Returns `Unchanged` when the publication had none of them
    /// (the decision is still recorded).
    ///
    /// ```
    /// use pubcat::model::{Kind, Publication};
    /// let catalog = pubcat::Catalog::open_in_memory()?;
    /// catalog.load_builtin_vocabularies()?;
    /// catalog.upsert_publication(&Publication::new("p", "en", "Gold and tin in Goma", Kind::Report))?;
    /// catalog.tag_automatically()?;
    /// let tags = |c: &pubcat::Catalog| -> pubcat::Result<Vec<String>> {
    ///     Ok(c.publication("p")?.concepts.into_iter().map(|t| t.uid).collect())
    /// };
    /// assert!(tags(&catalog)?.contains(&"tin".to_owned()));
    /// catalog.untag("p", &["tin"])?; // an automatic tag a person rejects
    /// catalog.tag_automatically()?;
    /// assert!(!tags(&catalog)?.contains(&"tin".to_owned()));
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn untag(&self, uid: &str, concepts: &[&str]) -> Result<Upsert> {
        let concepts: Vec<String> = concepts.iter().map(|c| (*c).to_owned()).collect();
        self.write(|w| tag_in(w, uid, &concepts, false))
    }

    /// Sets one field of publication `uid` (a field of [`Publication`](crate::model::Publication),
    /// by its JSON name: `title`, `date`, `pages`, `concepts` …). `value` is read as the
    /// field's JSON value when it is one (`48`, `true`, `["gold", "ituri"]`), else as text; an
    /// empty value clears the field. The value is validated like any write: a bad one is
    /// `invalid_input` and nothing changes.
    ///
    /// ```
    /// let catalog = pubcat::Catalog::demo()?;
    /// let uid = "ipis-mapping-conflict-motives-m23-2012";
    /// catalog.set_field(uid, "pages", "28")?;
    /// catalog.set_field(uid, "subtitle", "An update of the 2007-2010 series")?;
    /// let p = catalog.publication(uid)?;
    /// assert_eq!((p.pages, p.subtitle.as_deref()), (Some(28), Some("An update of the 2007-2010 series")));
    /// assert!(catalog.set_field(uid, "date", "someday").is_err());
    /// assert!(catalog.set_field(uid, "titel", "x").is_err());
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn set_field(&self, uid: &str, field: &str, value: &str) -> Result<Upsert> {
        self.write(|w| set_field_in(w, uid, field, value))
    }

    /// The fields of a publication (sorted); [`Catalog::set_field`] accepts every one but `uid`.
    pub fn publication_fields() -> Vec<String> {
        publication_fields()
    }

    /// Merges the duplicate series `from` into `into`: its publications move over, and `from`
    /// becomes a redirect ([`Catalog::series`] of `from` returns `into`).
    pub fn merge_series(&self, from: &str, into: &str) -> Result<()> {
        self.write(|w| merge_series_in(w, from, into))
    }

    /// Merges the duplicate publication `from` into `into`: `into` keeps its values and takes
    /// `from`'s where it has none, with the union of their contributors, projects, concepts,
    /// identifiers and links; `from`'s other language versions and relations move to `into`;
    /// `from` becomes a redirect ([`Catalog::publication`] of `from` returns `into`).
    ///
    /// ```
    /// use pubcat::model::{Kind, Publication};
    /// let catalog = pubcat::Catalog::open_in_memory()?;
    /// let mut a = Publication::new("m23", "en", "Mapping Conflict Motives: M23", Kind::Report);
    /// a.date = Some("2012".into());
    /// let mut b = Publication::new("m23-dup", "en", "Mapping conflict motives – M23", Kind::Report);
    /// b.pages = Some(28);
    /// catalog.upsert_publication(&a)?;
    /// catalog.upsert_publication(&b)?;
    /// catalog.merge_publications("m23-dup", "m23")?;
    /// let merged = catalog.publication("m23-dup")?;
    /// assert_eq!((merged.uid.as_str(), merged.pages), ("m23", Some(28)));
    /// assert_eq!(catalog.stats()?.publications, 1);
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn merge_publications(&self, from: &str, into: &str) -> Result<()> {
        self.write(|w| merge_publications_in(w, from, into))
    }

    /// The concepts of `scheme` (every scheme when `None`) as a native document holding
    /// only them: a vocabulary to hand to another catalogue ([`Catalog::import_vocabulary`]).
    pub fn export_vocabulary(&self, scheme: Option<Scheme>) -> Result<CatalogDocument> {
        let mut doc = self.export_document()?;
        doc.concepts
            .retain(|c| scheme.is_none_or(|s| c.scheme == s));
        doc.agents.clear();
        doc.series.clear();
        doc.projects.clear();
        doc.publications.clear();
        doc.relations.clear();
        Ok(doc)
    }

    /// Imports the concepts of a native document (any other records in it are refused:
    /// `invalid_input`), in one transaction.
    pub fn import_vocabulary(&self, vocabulary: &CatalogDocument) -> Result<ImportSummary> {
        let others = vocabulary.agents.len()
            + vocabulary.series.len()
            + vocabulary.projects.len()
            + vocabulary.publications.len()
            + vocabulary.relations.len();
        if others > 0 {
            return Err(crate::Error::invalid(
                "vocabulary",
                "a vocabulary holds concepts only; import the other records as a catalogue",
            ));
        }
        self.import_document(vocabulary)
    }
}
