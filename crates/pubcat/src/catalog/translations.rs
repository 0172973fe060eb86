//! Language versions found automatically: suggestions of publications that are probably
//! versions of one work, and linking the confident ones (`docs/ENRICHMENT.md`, "Link
//! discovery").

use crate::enrich::translations::{
    link_in, score_pair_in, suggest_in, LinkSummary, SuggestOptions, TranslationSuggestion,
};
use crate::error::Result;
use crate::Catalog;

impl Catalog {
    /// Publications in different languages that are probably versions of one work, best
    /// first: pairs, or groups of three or more (English, French and Dutch). Each comes with
    /// a score between 0 and 1 and its evidence, for and against (shared names, numbers and
    /// concepts, title words that translate each other, dates, authors, series, projects;
    /// numbers, places or names of one title that the other lacks). Accept one with
    /// [`Catalog::link_translation`], or every one above a score with
    /// [`Catalog::link_suggested_translations`].
    ///
    /// Never suggested: two publications of one language, two of one work, a publication
    /// whose work already has a version in the other's language, or a pair a person
    /// separated ([`Catalog::unlink_translation`] records that decision). The whole
    /// catalogue is read in one snapshot; 100,000 publications take a few seconds.
    ///
    /// ```
    /// use pubcat::model::{Kind, Publication};
    /// use pubcat::SuggestOptions;
    /// let catalog = pubcat::Catalog::open_in_memory()?;
    /// let mut en = Publication::new("gold-2019-en", "en", "Gold mining in Mambasa territory, Ituri (2019)", Kind::Report);
    /// en.summary = Some("A survey of 42 artisanal gold mines around Mambasa and Bunia.".into());
    /// let mut fr = Publication::new("gold-2019-fr", "fr", "L'exploitation de l'or dans le territoire de Mambasa, Ituri (2019)", Kind::Report);
    /// fr.summary = Some("Une enquête sur 42 mines d'or artisanales autour de Mambasa et Bunia.".into());
    /// let mut other = Publication::new("gold-2021-fr", "fr", "L'or du Haut-Uele en 2021", Kind::Report);
    /// other.summary = Some("Les sites aurifères de Watsa.".into());
    /// for p in [&en, &fr, &other] {
    ///     catalog.upsert_publication(p)?;
    /// }
    /// let suggestions = catalog.suggest_translations(&SuggestOptions::default())?;
    /// assert_eq!(suggestions.len(), 1);
    /// assert_eq!(suggestions[0].uids, ["gold-2019-en", "gold-2019-fr"]);
    /// assert!(suggestions[0].score >= pubcat::DEFAULT_MIN_TRANSLATION_SCORE);
    /// assert!(suggestions[0].evidence.iter().any(|e| e.kind == pubcat::EvidenceKind::Numbers));
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn suggest_translations(
        &self,
        options: &SuggestOptions,
    ) -> Result<Vec<TranslationSuggestion>> {
        self.with_conn(|conn| suggest_in(conn, options))
    }

    /// Links every suggestion at or above `min_score` (`None`:
    /// [`DEFAULT_MIN_TRANSLATION_SCORE`](crate::DEFAULT_MIN_TRANSLATION_SCORE)), in one
    /// transaction: each becomes one work. Returns what was linked; running it again links
    /// nothing more.
    ///
    /// ```
    /// let catalog = pubcat::Catalog::demo()?;
    /// assert!(catalog.link_suggested_translations(None)?.linked.is_empty()); // already linked
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn link_suggested_translations(&self, min_score: Option<f64>) -> Result<LinkSummary> {
        self.write(|w| link_in(w, min_score, None))
    }

    /// The score and evidence of two given publications as versions of one work, as
    /// [`Catalog::suggest_translations`] would weigh them, whether or not they would be
    /// suggested (this ignores the rules about languages, works and people's decisions): to
    /// see why a pair is, or is not, suggested.
    ///
    /// ```
    /// let catalog = pubcat::Catalog::demo()?;
    /// let pair = catalog.score_translation("conflict-minerals-perceptions-en", "conflict-minerals-perceptions-fr")?;
    /// assert_eq!(pair.uids, ["conflict-minerals-perceptions-en", "conflict-minerals-perceptions-fr"]);
    /// assert!(pair.score > 0.9);
    /// let unrelated = catalog.score_translation("conflict-minerals-perceptions-fr", "ipis-mapping-conflict-motives-m23-2012")?;
    /// assert!(unrelated.score < 0.5);
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn score_translation(&self, a: &str, b: &str) -> Result<TranslationSuggestion> {
        self.with_conn(|conn| score_pair_in(conn, a, b))
    }
}
