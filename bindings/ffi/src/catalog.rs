//! The `Catalog` object: one open catalogue, shared safely between threads.
//!
//! Each method hands its arguments to the core and maps the error; the records are the core's
//! own types. Nothing else happens here.

use std::sync::Arc;

use pubcat::cite::{Bibliography, CiteOptions, Reference};
use pubcat::formats::{Format, ImportOptions, ImportReport, ImportSummary};
use pubcat::model::{
    Agent, AgentRecord, Changes, Concept, ConceptNode, Project, ProjectRecord, Publication,
    PublicationRecord, RelatedRecord, Relation, Scheme, Series, Stats, TranslationRef,
};
use pubcat::query::{Query, SearchPage};
use pubcat::{
    LinkSummary, RepairSummary, SuggestOptions, TaggingSummary, TranslationSuggestion, Upsert,
};

use crate::error::Result;
use crate::formats;

/// An open pubcat catalogue (a SQLite file, or in memory).
///
/// Thread-safe: one catalogue may be used from several threads at once (calls are
/// serialised on its one connection). Kotlin: `use {}` or `close()` releases it and closes
/// the connection once in-flight calls have returned; `closeConnection()` closes it at once,
/// after which calls fail with `PubcatException.Closed`.
#[derive(Debug, uniffi::Object)]
pub struct Catalog {
    inner: pubcat::Catalog,
}

impl Catalog {
    fn wrap(inner: pubcat::Catalog) -> Arc<Self> {
        Arc::new(Catalog { inner })
    }

    /// The core catalogue (for Rust callers of this crate, e.g. the benchmark).
    pub fn core(&self) -> &pubcat::Catalog {
        &self.inner
    }
}

#[uniffi::export]
impl Catalog {
    /// Opens (or creates) the catalogue file at `path`, migrating an older schema. Refuses a
    /// file that is not a pubcat catalogue (`NotACatalog`) or comes from a newer pubcat
    /// (`TooNew`) without touching it.
    #[uniffi::constructor]
    pub fn open(path: String) -> Result<Arc<Self>> {
        Ok(Self::wrap(pubcat::Catalog::open(path)?))
    }

    /// Opens a catalogue that came from elsewhere (shipped with the app, downloaded) for
    /// reading only, trusting nothing in it: the file must pass an integrity check and have
    /// exactly pubcat's schema, and is never written.
    #[uniffi::constructor]
    pub fn open_read_only(path: String) -> Result<Arc<Self>> {
        Ok(Self::wrap(pubcat::Catalog::open_read_only(path)?))
    }

    /// A new, empty catalogue in memory.
    #[uniffi::constructor]
    pub fn in_memory() -> Result<Arc<Self>> {
        Ok(Self::wrap(pubcat::Catalog::open_in_memory()?))
    }

    /// The bundled demo catalogue: in memory without `path`, else created at `path` (which
    /// must not exist yet).
    #[uniffi::constructor(default(path = None))]
    pub fn demo(path: Option<String>) -> Result<Arc<Self>> {
        Ok(Self::wrap(match path {
            Some(path) => pubcat::Catalog::create_demo(path)?,
            None => pubcat::Catalog::demo()?,
        }))
    }

    /// Closes the connection now (checkpointing the WAL), reporting any error; later calls
    /// fail with `Closed`. Closing twice is not an error. (Kotlin: `closeConnection()`, since
    /// `close()` is `AutoCloseable`'s.)
    pub fn close(&self) -> Result<()> {
        Ok(self.inner.close()?)
    }

    /// Whether the connection was closed.
    pub fn is_closed(&self) -> bool {
        self.inner.is_closed()
    }

    /// Whether the catalogue was opened with `openReadOnly`.
    pub fn is_read_only(&self) -> bool {
        self.inner.is_read_only()
    }

    /// The file this catalogue was opened from (null in memory).
    pub fn path(&self) -> Option<String> {
        self.inner.path().map(|p| p.to_string_lossy().into_owned())
    }

    /// Searches: one page of hits, with facet counts and the cursor of the next page.
    /// `search()` without a query lists everything, newest first.
    #[uniffi::method(default(query))]
    pub fn search(&self, query: Query) -> Result<SearchPage> {
        Ok(self.inner.search(&query)?)
    }

    /// One publication with every reference resolved.
    pub fn publication(&self, uid: String) -> Result<PublicationRecord> {
        Ok(self.inner.publication(&uid)?)
    }

    /// Every language version of the publication's work (itself included).
    pub fn translations(&self, uid: String) -> Result<Vec<TranslationRef>> {
        Ok(self.inner.translations(&uid)?)
    }

    /// The publications related to this one, with the relation seen from it.
    pub fn related(&self, uid: String) -> Result<Vec<RelatedRecord>> {
        Ok(self.inner.related(&uid)?)
    }

    /// Every project.
    pub fn projects(&self) -> Result<Vec<ProjectRecord>> {
        Ok(self.inner.projects()?)
    }

    /// One project with its members and publications.
    pub fn project(&self, uid: String) -> Result<ProjectRecord> {
        Ok(self.inner.project(&uid)?)
    }

    /// Every agent (merged agents excluded).
    pub fn agents(&self) -> Result<Vec<Agent>> {
        Ok(self.inner.agents()?)
    }

    /// One agent with its publications and projects (a merged uid gives the surviving agent).
    pub fn agent(&self, uid: String) -> Result<AgentRecord> {
        Ok(self.inner.agent(&uid)?)
    }

    /// One series (a merged uid gives the series it was merged into).
    pub fn series(&self, uid: String) -> Result<Series> {
        Ok(self.inner.series(&uid)?)
    }

    /// Every series, by name.
    pub fn series_list(&self) -> Result<Vec<Series>> {
        Ok(self.inner.series_list()?)
    }

    /// One concept as written.
    pub fn concept(&self, uid: String) -> Result<Concept> {
        Ok(self.inner.concept(&uid)?)
    }

    /// The concept trees of one scheme, or of all schemes.
    #[uniffi::method(default(scheme = None))]
    pub fn concepts(&self, scheme: Option<Scheme>) -> Result<Vec<ConceptNode>> {
        Ok(self.inner.concepts(scheme)?)
    }

    /// The publications `uids` as references in a citation style (APA, Chicago author-date,
    /// Harvard, IEEE, or a .csl text), one per uid in the order given, each with its in-text
    /// citation (docs/CITATIONS.md). Unknown uid: `NotFound`; unknown style or locale:
    /// `InvalidInput`; malformed .csl: `Parse`.
    pub fn cite(&self, uids: Vec<String>, options: CiteOptions) -> Result<Vec<Reference>> {
        Ok(self.inner.cite(&uids, &options)?)
    }

    /// The bibliography of the publications matching `query`, in the style's order.
    pub fn bibliography(&self, query: Query, options: CiteOptions) -> Result<Bibliography> {
        Ok(self.inner.bibliography(&query, &options)?)
    }

    /// Counts over the whole catalogue.
    pub fn stats(&self) -> Result<Stats> {
        Ok(self.inner.stats()?)
    }

    /// The change-log version (bumped by every write).
    pub fn version(&self) -> Result<i64> {
        Ok(self.inner.version()?)
    }

    /// What changed after `version`, and the current version.
    pub fn changes_since(&self, version: i64) -> Result<Changes> {
        Ok(self.inner.changes_since(version)?)
    }

    /// Adds or updates a publication.
    pub fn upsert_publication(&self, publication: Publication) -> Result<Upsert> {
        Ok(self.inner.upsert_publication(&publication)?)
    }

    /// Adds or updates an agent.
    pub fn upsert_agent(&self, agent: Agent) -> Result<Upsert> {
        Ok(self.inner.upsert_agent(&agent)?)
    }

    /// Adds or updates a project.
    pub fn upsert_project(&self, project: Project) -> Result<Upsert> {
        Ok(self.inner.upsert_project(&project)?)
    }

    /// Adds or updates a series.
    pub fn upsert_series(&self, series: Series) -> Result<Upsert> {
        Ok(self.inner.upsert_series(&series)?)
    }

    /// Adds or updates a concept.
    pub fn upsert_concept(&self, concept: Concept) -> Result<Upsert> {
        Ok(self.inner.upsert_concept(&concept)?)
    }

    /// Deletes a publication.
    pub fn delete_publication(&self, uid: String) -> Result<()> {
        Ok(self.inner.delete_publication(&uid)?)
    }

    /// Deletes an agent that nothing refers to.
    pub fn delete_agent(&self, uid: String) -> Result<()> {
        Ok(self.inner.delete_agent(&uid)?)
    }

    /// Deletes a project.
    pub fn delete_project(&self, uid: String) -> Result<()> {
        Ok(self.inner.delete_project(&uid)?)
    }

    /// Deletes a series.
    pub fn delete_series(&self, uid: String) -> Result<()> {
        Ok(self.inner.delete_series(&uid)?)
    }

    /// Deletes a concept.
    pub fn delete_concept(&self, uid: String) -> Result<()> {
        Ok(self.inner.delete_concept(&uid)?)
    }

    /// Makes `a` and `b` language versions of the same work.
    pub fn link_translation(&self, a: String, b: String) -> Result<()> {
        Ok(self.inner.link_translation(&a, &b)?)
    }

    /// Adds a typed relation (its inverse is implied).
    pub fn add_relation(&self, relation: Relation) -> Result<()> {
        Ok(self.inner.add_relation(&relation)?)
    }

    /// Removes a relation (given in either direction).
    pub fn remove_relation(&self, relation: Relation) -> Result<()> {
        Ok(self.inner.remove_relation(&relation)?)
    }

    /// Merges agent `from` into `into`: its contributions move, and `from` redirects.
    pub fn merge_agents(&self, from: String, into: String) -> Result<()> {
        Ok(self.inner.merge_agents(&from, &into)?)
    }

    /// Makes publication `uid` a work of its own, out of the work it shared with its other
    /// language versions (the opposite of `linkTranslation`). Nothing changes when it is the
    /// only version.
    pub fn unlink_translation(&self, uid: String) -> Result<()> {
        Ok(self.inner.unlink_translation(&uid)?)
    }

    /// Tags publication `uid` with the concepts `concepts` (uids; `NotFound` for an unknown
    /// one, and nothing changes). Tags it already has stay as they are.
    pub fn tag(&self, uid: String, concepts: Vec<String>) -> Result<Upsert> {
        Ok(self.inner.tag(&uid, &strs(&concepts))?)
    }

    /// Removes the concepts `concepts` from publication `uid`.
    pub fn untag(&self, uid: String, concepts: Vec<String>) -> Result<Upsert> {
        Ok(self.inner.untag(&uid, &strs(&concepts))?)
    }

    /// Sets one field of publication `uid`, by its JSON name (`title`, `date`, `pages`,
    /// `concepts`, ...: `publicationFields()`). `value` is read as the field's JSON value
    /// when it is one (`48`, `true`, `["gold", "ituri"]`), else as text; an empty value
    /// clears the field. A bad value is `InvalidInput` and nothing changes.
    pub fn set_field(&self, uid: String, field: String, value: String) -> Result<Upsert> {
        Ok(self.inner.set_field(&uid, &field, &value)?)
    }

    /// The field names `setField` knows (those of `Publication`; `uid` cannot be set). The
    /// same for every catalogue.
    pub fn publication_fields(&self) -> Vec<String> {
        pubcat::Catalog::publication_fields()
    }

    /// Merges the duplicate series `from` into `into`: its publications move over, and
    /// `from` becomes a redirect (`series(from)` returns `into`).
    pub fn merge_series(&self, from: String, into: String) -> Result<()> {
        Ok(self.inner.merge_series(&from, &into)?)
    }

    /// Merges the duplicate publication `from` into `into`: `into` keeps its values and takes
    /// `from`'s where it has none, with the union of their contributors, projects, concepts,
    /// identifiers and links; `from`'s language versions and relations move to `into`, and
    /// `from` becomes a redirect (`publication(from)` returns `into`).
    pub fn merge_publications(&self, from: String, into: String) -> Result<()> {
        Ok(self.inner.merge_publications(&from, &into)?)
    }

    /// Imports a file in one transaction (all or nothing): native JSON, JSON Lines, CSV, a
    /// publications listing, CSL-JSON, BibTeX or RIS. Without `format`, it is detected from
    /// the file name and content. Parse errors name the line and record.
    #[uniffi::method(default(format = None))]
    pub fn import_file(&self, path: String, format: Option<Format>) -> Result<ImportSummary> {
        Ok(formats::import_file(&self.inner, &path, format)?)
    }

    /// Imports a file as `options` say (format, dry run, merge policy for stored values the
    /// file gives differently, lenient listings, automatic tagging, linking the imported
    /// publications to their language versions), in one transaction, and reports what was
    /// (or, for a dry run, would be) added and changed, field by field, and every conflict.
    pub fn import_file_with(&self, path: String, options: ImportOptions) -> Result<ImportReport> {
        Ok(self.inner.import_file_with(path, &options, &mut |_| {})?)
    }

    /// Like `importFileWith`, from text (a listing copied from a web page, a RIS or BibTeX
    /// record shared by another app, ...): `Format.AUTO` guesses the format from the text.
    pub fn import_text(&self, text: String, options: ImportOptions) -> Result<ImportReport> {
        Ok(self
            .inner
            .import_reader_with(text.as_bytes(), &options, &mut |_| {})?)
    }

    /// Writes the catalogue (or the publications matching `query`, with what they refer to)
    /// to `path` in `format` (default: native JSON), replacing the file only once it is
    /// complete; returns the number of publications written.
    #[uniffi::method(default(format = None, query = None))]
    pub fn export(
        &self,
        path: String,
        format: Option<Format>,
        query: Option<Query>,
    ) -> Result<i64> {
        Ok(formats::export(&self.inner, &path, format, query)?)
    }

    /// Imports a native JSON document given as text, in one transaction.
    pub fn import_json(&self, json: String) -> Result<ImportSummary> {
        Ok(formats::import_json(&self.inner, &json)?)
    }

    /// The catalogue (or the selection matching `query`) as a native JSON document.
    #[uniffi::method(default(query = None))]
    pub fn export_json(&self, query: Option<Query>) -> Result<String> {
        Ok(formats::export_json(&self.inner, query)?)
    }

    /// The concepts of `scheme` (every scheme when null) as a native JSON document holding
    /// only them: a vocabulary to hand to another catalogue (`importVocabulary`).
    #[uniffi::method(default(scheme = None))]
    pub fn export_vocabulary(&self, scheme: Option<Scheme>) -> Result<String> {
        Ok(formats::export_vocabulary(&self.inner, scheme)?)
    }

    /// Imports the concepts of a native JSON document, in one transaction (a document with
    /// other records is `InvalidInput`).
    pub fn import_vocabulary(&self, json: String) -> Result<ImportSummary> {
        Ok(formats::import_vocabulary(&self.inner, &json)?)
    }

    /// Loads the vocabularies shipped with pubcat (places of the DR Congo and its neighbours,
    /// minerals, armed and state actors, themes; labels in English, French, Dutch and
    /// Swahili), in one transaction. Concepts with the same uid are replaced by the shipped
    /// ones; loading again changes nothing.
    ///
    /// ```kotlin
    /// Catalog.inMemory().use { c ->
    ///     val summary = c.loadBuiltinVocabularies()   // summary.concepts.added > 200
    ///     check(c.concept("south-kivu").labels["nl"] == "Zuid-Kivu")
    /// }
    /// ```
    pub fn load_builtin_vocabularies(&self) -> Result<ImportSummary> {
        Ok(self.inner.load_builtin_vocabularies()?)
    }

    /// Loads a vocabulary of your own: the text of a file in the format of the shipped ones
    /// (`"format": "pubcat-vocabulary"`: one scheme, its concepts with labels per language),
    /// in one transaction; concepts are matched by uid. Not a vocabulary: `Parse`.
    pub fn load_vocabulary(&self, text: String) -> Result<ImportSummary> {
        Ok(self.inner.load_vocabulary(&text)?)
    }

    /// Tags every publication with the concepts whose labels its title, subtitle, summary or
    /// body names, in any language of the loaded vocabularies. The tags are automatic: each
    /// keeps the label found (`ConceptRef.matchedLabel`; null for a tag a person gave), they
    /// never remove or replace a curated tag, and running again brings them up to date
    /// (running twice changes nothing). One transaction.
    ///
    /// ```kotlin
    /// c.loadBuiltinVocabularies()
    /// c.upsertPublication(Publication(uid = "p", language = "fr",
    ///     title = "L'or et le coltan du Sud-Kivu", kind = Kind.REPORT))
    /// c.tagAutomatically()                       // TaggingSummary(publications = 1, changed = 1, added = 3, ...)
    /// c.publication("p").concepts.map { it.uid to it.matchedLabel }
    ///                                            // [(gold, Or), (tantalum, Coltan), (south-kivu, Sud-Kivu)]
    /// ```
    pub fn tag_automatically(&self) -> Result<TaggingSummary> {
        Ok(self.inner.tag_automatically()?)
    }

    /// Removes every automatic tag (those `tagAutomatically` and imports added); the curated
    /// tags stay. One transaction.
    pub fn remove_automatic_tags(&self) -> Result<TaggingSummary> {
        Ok(self.inner.remove_automatic_tags()?)
    }

    /// Rebuilds what pubcat derives from the catalogue's rows, in one transaction: the
    /// full-text index and the agents' publication counts. It repairs the `fts` and
    /// `agent_counts` findings of `checkFile` (another tool changed the rows with plain SQL);
    /// a damaged page or a dangling reference is not rebuilt (restore a backup). Nothing a
    /// person wrote changes and the change log records nothing. About 4 s at 100,000
    /// publications (use `repairAsync` from a UI). Opened read-only: `InvalidInput`.
    ///
    /// ```kotlin
    /// Catalog.open(path).use { it.repair() }  // RepairSummary(publicationsIndexed = 152, ...)
    /// checkFile(path).checks.all { it.ok }    // true
    /// ```
    pub fn repair(&self) -> Result<RepairSummary> {
        Ok(self.inner.repair()?)
    }

    /// Publications in different languages that are probably versions of one work, best
    /// first: pairs, or groups of three or more. Each `TranslationSuggestion` has the `uids`,
    /// `languages` and `titles` (in the same order, by language), a `score` between 0 and 1
    /// and its `evidence` (`Evidence(kind, detail, weight)`: positive for, negative against).
    /// `options`: `minScore` (null: 0.8, the confident ones; outside 0..1 is `InvalidInput`),
    /// `only` (uids: only the suggestions involving them; an unknown one is `NotFound`),
    /// `limit` (the best ones). Never suggested: two publications of one language, two of
    /// one work, a publication whose work already has a version in the other's language, or
    /// a pair a person separated (`unlinkTranslation` records that decision). Only reads.
    ///
    /// ```kotlin
    /// val found = c.suggestTranslations()                       // the confident ones
    /// found.first().uids                                        // [gold-en, gold-fr]
    /// c.suggestTranslations(SuggestOptions(minScore = 0.5, only = listOf("gold-fr"), limit = 10u))
    /// ```
    #[uniffi::method(default(options))]
    pub fn suggest_translations(
        &self,
        options: SuggestOptions,
    ) -> Result<Vec<TranslationSuggestion>> {
        Ok(self.inner.suggest_translations(&options)?)
    }

    /// Links every suggestion at or above `minScore` (null: 0.8), in one transaction: each
    /// becomes one work. Returns what was linked (`LinkSummary`: `linked`, the suggestions,
    /// and `publications`, those that joined another work); running it again links nothing.
    #[uniffi::method(default(min_score = None))]
    pub fn link_suggested_translations(&self, min_score: Option<f64>) -> Result<LinkSummary> {
        Ok(self.inner.link_suggested_translations(min_score)?)
    }

    /// The score and evidence of publications `a` and `b` as versions of one work, as
    /// `suggestTranslations` weighs them, whether or not they would be suggested (the rules
    /// about languages, works and people's decisions are not applied): why a pair is, or is
    /// not, suggested. An unknown uid is `NotFound`, the same uid twice `InvalidInput`.
    pub fn score_translation(&self, a: String, b: String) -> Result<TranslationSuggestion> {
        Ok(self.inner.score_translation(&a, &b)?)
    }

    /// Copies the whole catalogue, consistently, to a new file at `destination` (which must
    /// not exist); works on a catalogue opened read-only too.
    pub fn backup(&self, destination: String) -> Result<()> {
        Ok(self.inner.backup(destination)?)
    }
}

/// The borrowed form of a list of uids, as the core takes it.
fn strs(items: &[String]) -> Vec<&str> {
    items.iter().map(String::as_str).collect()
}

/// Marks the deliberate panics of [`Catalog::panic_for_test`], which the panic hook keeps quiet.
#[cfg(feature = "test-panic")]
const TEST_PANIC_MARK: &str = "[pubcat test panic] ";

#[cfg(feature = "test-panic")]
#[uniffi::export]
impl Catalog {
    /// Test builds only: panics in Rust, to check that the panic arrives as an exception
    /// (Kotlin `InternalException`, Swift `UniffiInternalError.rustPanic`, a fileprivate type) and the
    /// process survives. These deliberate panics are not printed; any other panic still is.
    pub fn panic_for_test(&self, message: String) -> Result<i64> {
        quiet_test_panics();
        test_panic(&message)
    }
}

/// Installs (once) the panic hook that keeps the deliberate test panics quiet.
#[cfg(feature = "test-panic")]
pub(crate) fn quiet_test_panics() {
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let deliberate = info
                .payload()
                .downcast_ref::<String>()
                .is_some_and(|m| m.starts_with(TEST_PANIC_MARK));
            if !deliberate {
                default(info);
            }
        }));
    });
}

/// A deliberate test panic (quiet once [`quiet_test_panics`] ran).
#[cfg(feature = "test-panic")]
pub(crate) fn test_panic(message: &str) -> ! {
    std::panic::panic_any(format!("{TEST_PANIC_MARK}{message}"))
}
