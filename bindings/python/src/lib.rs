//! `pubcat._pubcat`: the PyO3 extension module behind the `pubcat` Python package.
//!
//! Thin on purpose: each method converts its arguments (serde JSON shape ↔ Python objects),
//! releases the GIL while the core works (`py.detach`), and maps errors in one place
//! ([`errors`]). The Pythonic surface (keyword arguments, record classes, dates, DataFrames)
//! is `python/pubcat/*.py`.

mod arrow;
mod convert;
mod errors;
#[cfg(feature = "parquet")]
mod parquet;
mod sync;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use pubcat::cite::CiteOptions;
use pubcat::formats::{CatalogDocument, Format, ImportOptions, OnConflict};
use pubcat::model::{Agent, Concept, Project, Publication, Relation, Scheme, Series};
use pubcat::query::Query;
use pubcat::{Catalog, SuggestOptions};
use pyo3::prelude::*;

use crate::convert::{from_py, to_py};
use crate::errors::{panic_message, PyError};

type Res<T> = Result<T, PyError>;

/// Runs `f` without the GIL, turning a panic into `pubcat.InternalError`.
fn run<T, F>(py: Python<'_>, f: F) -> Res<T>
where
    T: Send,
    F: FnOnce() -> pubcat::Result<T> + Send,
{
    py.detach(|| catch_unwind(AssertUnwindSafe(f)))
        .map_err(|payload| PyError::Internal(panic_message(payload)))?
        .map_err(PyError::Core)
}

/// Like [`run`], for constructors that may panic too.
fn open_with(
    py: Python<'_>,
    f: impl FnOnce() -> pubcat::Result<Catalog> + Send,
) -> Res<NativeCatalog> {
    run(py, f).map(|inner| NativeCatalog { inner })
}

/// The native catalogue handle. Use `pubcat.Catalog`, which wraps it.
#[pyclass(module = "pubcat._pubcat", frozen)]
pub struct NativeCatalog {
    inner: Catalog,
}

#[pymethods]
impl NativeCatalog {
    /// Opens (or creates) the catalogue file at `path`.
    #[staticmethod]
    fn open(py: Python<'_>, path: PathBuf) -> Res<Self> {
        open_with(py, move || Catalog::open(path))
    }

    /// Opens a catalogue file that came from elsewhere, read-only and untrusted.
    #[staticmethod]
    fn open_read_only(py: Python<'_>, path: PathBuf) -> Res<Self> {
        open_with(py, move || Catalog::open_read_only(path))
    }

    /// A new, empty catalogue in memory.
    #[staticmethod]
    fn in_memory(py: Python<'_>) -> Res<Self> {
        open_with(py, Catalog::open_in_memory)
    }

    /// The demo catalogue: in memory, or created at `path` (which must not exist).
    #[staticmethod]
    #[pyo3(signature = (path=None))]
    fn demo(py: Python<'_>, path: Option<PathBuf>) -> Res<Self> {
        open_with(py, move || match path {
            Some(path) => pubcat::Catalog::create_demo(path),
            None => pubcat::Catalog::demo(),
        })
    }

    /// The file path, or `None` in memory.
    #[getter]
    fn path(&self) -> Option<PathBuf> {
        self.inner.path().map(PathBuf::from)
    }

    /// Whether the catalogue was opened read-only.
    #[getter]
    fn read_only(&self) -> bool {
        self.inner.is_read_only()
    }

    /// Whether `close()` was called.
    #[getter]
    fn closed(&self) -> bool {
        self.inner.is_closed()
    }

    /// Closes the catalogue (idempotent).
    fn close(&self, py: Python<'_>) -> Res<()> {
        run(py, || self.inner.close())
    }

    /// Copies the catalogue to a new file.
    fn backup(&self, py: Python<'_>, path: PathBuf) -> Res<()> {
        run(py, || self.inner.backup(path))
    }

    /// Runs a search; `query` is a Query in its serde shape. Returns a SearchPage dict.
    fn search<'py>(&self, py: Python<'py>, query: &Bound<'py, PyAny>) -> Res<Bound<'py, PyAny>> {
        let query: Query = from_py(query, "query", true)?;
        let page = run(py, || self.inner.search(&query))?;
        to_py(py, &page)
    }

    /// Search as you type; `query` is a Query in its serde shape. Returns a TypeAhead dict.
    fn type_ahead<'py>(
        &self,
        py: Python<'py>,
        query: &Bound<'py, PyAny>,
    ) -> Res<Bound<'py, PyAny>> {
        let query: Query = from_py(query, "query", true)?;
        let typed = run(py, || self.inner.type_ahead(&query))?;
        to_py(py, &typed)
    }

    /// Every publication matching `query`, as Arrow data (record batches of at most
    /// `batch_rows` rows).
    #[pyo3(signature = (query, batch_rows=arrow::BATCH_ROWS))]
    fn publications_arrow(
        &self,
        py: Python<'_>,
        query: &Bound<'_, PyAny>,
        batch_rows: usize,
    ) -> Res<arrow::ArrowPublications> {
        let query: Query = from_py(query, "query", true)?;
        let batches = py.detach(|| {
            catch_unwind(AssertUnwindSafe(|| {
                arrow::publication_batches(&self.inner, &query, batch_rows)
            }))
        });
        let batches = batches.map_err(|payload| PyError::Internal(panic_message(payload)))??;
        Ok(arrow::ArrowPublications { batches })
    }

    /// A publication with everything attached.
    fn publication<'py>(&self, py: Python<'py>, uid: &str) -> Res<Bound<'py, PyAny>> {
        to_py(py, &run(py, || self.inner.publication(uid))?)
    }

    /// A publication in its write form.
    fn publication_as_written<'py>(&self, py: Python<'py>, uid: &str) -> Res<Bound<'py, PyAny>> {
        to_py(py, &run(py, || self.inner.publication_as_written(uid))?)
    }

    /// The other language versions of a publication's work.
    fn translations<'py>(&self, py: Python<'py>, uid: &str) -> Res<Bound<'py, PyAny>> {
        to_py(py, &run(py, || self.inner.translations(uid))?)
    }

    /// The typed relations of a publication, both directions.
    fn related<'py>(&self, py: Python<'py>, uid: &str) -> Res<Bound<'py, PyAny>> {
        to_py(py, &run(py, || self.inner.related(uid))?)
    }

    /// Every stored relation.
    fn relations<'py>(&self, py: Python<'py>) -> Res<Bound<'py, PyAny>> {
        to_py(py, &run(py, || self.inner.relations())?)
    }

    /// A project with its members and publications.
    fn project<'py>(&self, py: Python<'py>, uid: &str) -> Res<Bound<'py, PyAny>> {
        to_py(py, &run(py, || self.inner.project(uid))?)
    }

    /// Every project.
    fn projects<'py>(&self, py: Python<'py>) -> Res<Bound<'py, PyAny>> {
        to_py(py, &run(py, || self.inner.projects())?)
    }

    /// An agent with its publications and projects.
    fn agent<'py>(&self, py: Python<'py>, uid: &str) -> Res<Bound<'py, PyAny>> {
        to_py(py, &run(py, || self.inner.agent(uid))?)
    }

    /// Every agent.
    fn agents<'py>(&self, py: Python<'py>) -> Res<Bound<'py, PyAny>> {
        to_py(py, &run(py, || self.inner.agents())?)
    }

    /// One series.
    fn series<'py>(&self, py: Python<'py>, uid: &str) -> Res<Bound<'py, PyAny>> {
        to_py(py, &run(py, || self.inner.series(uid))?)
    }

    /// Every series.
    fn series_list<'py>(&self, py: Python<'py>) -> Res<Bound<'py, PyAny>> {
        to_py(py, &run(py, || self.inner.series_list())?)
    }

    /// One concept.
    fn concept<'py>(&self, py: Python<'py>, uid: &str) -> Res<Bound<'py, PyAny>> {
        to_py(py, &run(py, || self.inner.concept(uid))?)
    }

    /// Concept trees, of one scheme or all.
    #[pyo3(signature = (scheme=None))]
    fn concepts<'py>(
        &self,
        py: Python<'py>,
        scheme: Option<&Bound<'py, PyAny>>,
    ) -> Res<Bound<'py, PyAny>> {
        let scheme: Option<Scheme> = scheme.map(|s| from_py(s, "scheme", false)).transpose()?;
        to_py(py, &run(py, || self.inner.concepts(scheme))?)
    }

    /// Counts over the catalogue.
    fn stats<'py>(&self, py: Python<'py>) -> Res<Bound<'py, PyAny>> {
        to_py(py, &run(py, || self.inner.stats())?)
    }

    /// The change-log version.
    fn version(&self, py: Python<'_>) -> Res<i64> {
        run(py, || self.inner.version())
    }

    /// What changed after `version`.
    fn changes_since<'py>(&self, py: Python<'py>, version: i64) -> Res<Bound<'py, PyAny>> {
        to_py(py, &run(py, || self.inner.changes_since(version))?)
    }

    /// Adds or replaces an entity (`publication`, `agent`, `project`, `series`, `concept`).
    /// Returns `"added"`, `"updated"` or `"unchanged"`.
    fn upsert<'py>(
        &self,
        py: Python<'py>,
        entity: &str,
        value: &Bound<'py, PyAny>,
    ) -> Res<Bound<'py, PyAny>> {
        let outcome = match entity {
            "publication" => {
                let v: Publication = from_py(value, "publication", false)?;
                run(py, || self.inner.upsert_publication(&v))?
            }
            "agent" => {
                let v: Agent = from_py(value, "agent", false)?;
                run(py, || self.inner.upsert_agent(&v))?
            }
            "project" => {
                let v: Project = from_py(value, "project", false)?;
                run(py, || self.inner.upsert_project(&v))?
            }
            "series" => {
                let v: Series = from_py(value, "series", false)?;
                run(py, || self.inner.upsert_series(&v))?
            }
            "concept" => {
                let v: Concept = from_py(value, "concept", false)?;
                run(py, || self.inner.upsert_concept(&v))?
            }
            other => {
                return Err(
                    pubcat::Error::invalid("entity", format!("unknown entity `{other}`")).into(),
                )
            }
        };
        to_py(py, &outcome)
    }

    /// Deletes an entity by uid.
    fn delete(&self, py: Python<'_>, entity: &str, uid: &str) -> Res<()> {
        run(py, || match entity {
            "publication" => self.inner.delete_publication(uid),
            "agent" => self.inner.delete_agent(uid),
            "project" => self.inner.delete_project(uid),
            "series" => self.inner.delete_series(uid),
            "concept" => self.inner.delete_concept(uid),
            other => Err(pubcat::Error::invalid(
                "entity",
                format!("unknown entity `{other}`"),
            )),
        })
    }

    /// Makes `a` and `b` language versions of the same work.
    fn link_translation(&self, py: Python<'_>, a: &str, b: &str) -> Res<()> {
        run(py, || self.inner.link_translation(a, b))
    }

    /// Adds a typed relation.
    fn add_relation(&self, py: Python<'_>, relation: &Bound<'_, PyAny>) -> Res<()> {
        let relation: Relation = from_py(relation, "relation", false)?;
        run(py, || self.inner.add_relation(&relation))
    }

    /// Removes a typed relation.
    fn remove_relation(&self, py: Python<'_>, relation: &Bound<'_, PyAny>) -> Res<()> {
        let relation: Relation = from_py(relation, "relation", false)?;
        run(py, || self.inner.remove_relation(&relation))
    }

    /// Merges agent `source` into `target`.
    fn merge_agents(&self, py: Python<'_>, source: &str, target: &str) -> Res<()> {
        run(py, || self.inner.merge_agents(source, target))
    }

    /// Makes publication `uid` a work of its own (the opposite of `link_translation`).
    fn unlink_translation(&self, py: Python<'_>, uid: &str) -> Res<()> {
        run(py, || self.inner.unlink_translation(uid))
    }

    /// Tags publication `uid` with the concepts `concepts` (uids).
    fn tag<'py>(
        &self,
        py: Python<'py>,
        uid: &str,
        concepts: Vec<String>,
    ) -> Res<Bound<'py, PyAny>> {
        let concepts: Vec<&str> = concepts.iter().map(String::as_str).collect();
        to_py(py, &run(py, || self.inner.tag(uid, &concepts))?)
    }

    /// Removes the concepts `concepts` (uids) from publication `uid`.
    fn untag<'py>(
        &self,
        py: Python<'py>,
        uid: &str,
        concepts: Vec<String>,
    ) -> Res<Bound<'py, PyAny>> {
        let concepts: Vec<&str> = concepts.iter().map(String::as_str).collect();
        to_py(py, &run(py, || self.inner.untag(uid, &concepts))?)
    }

    /// Sets one field of publication `uid` (by its JSON name) to `value` (JSON or text).
    fn set_field<'py>(
        &self,
        py: Python<'py>,
        uid: &str,
        field: &str,
        value: &str,
    ) -> Res<Bound<'py, PyAny>> {
        to_py(py, &run(py, || self.inner.set_field(uid, field, value))?)
    }

    /// The fields `set_field` accepts.
    #[staticmethod]
    fn publication_fields() -> Vec<String> {
        Catalog::publication_fields()
    }

    /// Merges series `source` into `target`; `source` becomes a redirect.
    fn merge_series(&self, py: Python<'_>, source: &str, target: &str) -> Res<()> {
        run(py, || self.inner.merge_series(source, target))
    }

    /// Merges publication `source` into `target`; `source` becomes a redirect.
    fn merge_publications(&self, py: Python<'_>, source: &str, target: &str) -> Res<()> {
        run(py, || self.inner.merge_publications(source, target))
    }

    /// The concepts of `scheme` (all schemes when `None`) as a native document dict.
    #[pyo3(signature = (scheme=None))]
    fn export_vocabulary<'py>(
        &self,
        py: Python<'py>,
        scheme: Option<&Bound<'py, PyAny>>,
    ) -> Res<Bound<'py, PyAny>> {
        let scheme: Option<Scheme> = scheme.map(|s| from_py(s, "scheme", false)).transpose()?;
        to_py(py, &run(py, || self.inner.export_vocabulary(scheme))?)
    }

    /// Imports the concepts of a native document dict. Returns an ImportSummary dict.
    fn import_vocabulary<'py>(
        &self,
        py: Python<'py>,
        document: &Bound<'py, PyAny>,
    ) -> Res<Bound<'py, PyAny>> {
        let text = convert::py_to_value(document)?.to_string();
        to_py(
            py,
            &run(py, || {
                self.inner
                    .import_vocabulary(&CatalogDocument::parse(&text)?)
            })?,
        )
    }

    /// Loads the vocabularies shipped with pubcat. Returns an ImportSummary dict.
    fn load_builtin_vocabularies<'py>(&self, py: Python<'py>) -> Res<Bound<'py, PyAny>> {
        to_py(py, &run(py, || self.inner.load_builtin_vocabularies())?)
    }

    /// Loads a vocabulary file's text (format `pubcat-vocabulary`). Returns an ImportSummary
    /// dict.
    fn load_vocabulary<'py>(&self, py: Python<'py>, text: &str) -> Res<Bound<'py, PyAny>> {
        to_py(py, &run(py, || self.inner.load_vocabulary(text))?)
    }

    /// Loads the vocabulary file at `path` (read as UTF-8 text; an unreadable file is an
    /// `io` error naming it). Returns an ImportSummary dict.
    fn load_vocabulary_file<'py>(&self, py: Python<'py>, path: PathBuf) -> Res<Bound<'py, PyAny>> {
        let summary = run(py, || {
            let text = std::fs::read_to_string(&path).map_err(|e| {
                pubcat::Error::Io(std::io::Error::new(
                    e.kind(),
                    format!("{}: {e}", path.display()),
                ))
            })?;
            self.inner.load_vocabulary(&text)
        })?;
        to_py(py, &summary)
    }

    /// Every integrity check of the catalogue file at `path`, without writing it. Returns a
    /// CheckReport dict.
    #[staticmethod]
    #[pyo3(signature = (path, full=false))]
    fn check_file<'py>(py: Python<'py>, path: PathBuf, full: bool) -> Res<Bound<'py, PyAny>> {
        to_py(py, &run(py, move || Catalog::check_file(path, full))?)
    }

    /// Rebuilds the full-text index and the agents' publication counts. Returns a
    /// RepairSummary dict.
    fn repair<'py>(&self, py: Python<'py>) -> Res<Bound<'py, PyAny>> {
        to_py(py, &run(py, || self.inner.repair())?)
    }

    /// Tags every publication automatically from the loaded vocabularies. Returns a
    /// TaggingSummary dict.
    fn tag_automatically<'py>(&self, py: Python<'py>) -> Res<Bound<'py, PyAny>> {
        to_py(py, &run(py, || self.inner.tag_automatically())?)
    }

    /// Removes every automatic tag (curated tags stay). Returns a TaggingSummary dict.
    fn remove_automatic_tags<'py>(&self, py: Python<'py>) -> Res<Bound<'py, PyAny>> {
        to_py(py, &run(py, || self.inner.remove_automatic_tags())?)
    }

    /// Suggestions of language versions of one work, best first (`min_score` between 0 and
    /// 1, `None`: the core's default; `only`: uids, empty for all; `limit`: `None` for all).
    /// Returns a list of TranslationSuggestion dicts.
    #[pyo3(signature = (min_score=None, only=Vec::new(), limit=None))]
    fn suggest_translations<'py>(
        &self,
        py: Python<'py>,
        min_score: Option<f64>,
        only: Vec<String>,
        limit: Option<i64>,
    ) -> Res<Bound<'py, PyAny>> {
        // The core refuses a negative limit (InvalidInput); beyond i32 means "all of them".
        let limit = limit.map(|n| n.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32);
        let options = SuggestOptions {
            min_score,
            only,
            limit,
        };
        to_py(py, &run(py, || self.inner.suggest_translations(&options))?)
    }

    /// Links every suggestion at or above `min_score` (`None`: the core's default), in one
    /// transaction. Returns a LinkSummary dict.
    #[pyo3(signature = (min_score=None))]
    fn link_suggested_translations<'py>(
        &self,
        py: Python<'py>,
        min_score: Option<f64>,
    ) -> Res<Bound<'py, PyAny>> {
        to_py(
            py,
            &run(py, || self.inner.link_suggested_translations(min_score))?,
        )
    }

    /// The score and evidence of publications `a` and `b` as versions of one work. Returns a
    /// TranslationSuggestion dict.
    fn score_translation<'py>(&self, py: Python<'py>, a: &str, b: &str) -> Res<Bound<'py, PyAny>> {
        to_py(py, &run(py, || self.inner.score_translation(a, b))?)
    }

    /// The publications `uids` as references in a citation style; `options` is a CiteOptions
    /// dict (`style`, `csl`, `locale`, `format`, `prefer_languages`, all optional). Returns a
    /// list of Reference dicts (`uid`, `text`, `citation`), in the order given.
    fn cite<'py>(
        &self,
        py: Python<'py>,
        uids: Vec<String>,
        options: &Bound<'py, PyAny>,
    ) -> Res<Bound<'py, PyAny>> {
        let options: CiteOptions = from_py(options, "options", false)?;
        to_py(py, &run(py, || self.inner.cite(&uids, &options))?)
    }

    /// The bibliography of the publications matching `query` (a Query dict), in the style's
    /// order. Returns a Bibliography dict (`format`, `references`).
    fn bibliography<'py>(
        &self,
        py: Python<'py>,
        query: &Bound<'py, PyAny>,
        options: &Bound<'py, PyAny>,
    ) -> Res<Bound<'py, PyAny>> {
        let query: Query = from_py(query, "query", true)?;
        let options: CiteOptions = from_py(options, "options", false)?;
        to_py(py, &run(py, || self.inner.bibliography(&query, &options))?)
    }

    /// Imports a native document (dict) in one transaction. Returns an ImportSummary dict.
    /// The dict goes through the same parser as a file (format and version checked).
    fn import_document<'py>(
        &self,
        py: Python<'py>,
        document: &Bound<'py, PyAny>,
    ) -> Res<Bound<'py, PyAny>> {
        let text = convert::py_to_value(document)?.to_string();
        to_py(
            py,
            &run(py, || {
                self.inner.import_document(&CatalogDocument::parse(&text)?)
            })?,
        )
    }

    /// The publications matching `query` (everything for an empty query) with what they
    /// reference, as a native document dict.
    fn export_document<'py>(
        &self,
        py: Python<'py>,
        query: &Bound<'py, PyAny>,
    ) -> Res<Bound<'py, PyAny>> {
        let query: Query = from_py(query, "query", true)?;
        to_py(py, &run(py, || self.inner.export_selection(&query))?)
    }

    /// Imports the file at `path` in one transaction; `format` is a format code (`auto`,
    /// `json`, `jsonl`, `csv`, `listing`, `csl-json`, `bibtex`, `ris`), `on_conflict` a
    /// policy code (`keep`, `replace`, `report`) or `None` for the format's default; `tag`:
    /// tag the imported publications automatically (`None`: when the catalogue has
    /// vocabularies); `link_translations`: link the imported publications to their confident
    /// language versions. Returns an ImportReport dict.
    #[pyo3(signature = (path, format, dry_run=false, on_conflict=None, lenient=false, tag=None, link_translations=false))]
    #[allow(clippy::too_many_arguments)]
    fn import_file<'py>(
        &self,
        py: Python<'py>,
        path: PathBuf,
        format: &str,
        dry_run: bool,
        on_conflict: Option<&str>,
        lenient: bool,
        tag: Option<bool>,
        link_translations: bool,
    ) -> Res<Bound<'py, PyAny>> {
        let options = import_options(
            format,
            dry_run,
            on_conflict,
            lenient,
            tag,
            link_translations,
        )?;
        to_py(
            py,
            &run(py, || {
                self.inner.import_file_with(path, &options, &mut |_| {})
            })?,
        )
    }

    /// Like `import_file`, from the bytes of a file (`auto` guesses the format from them).
    #[pyo3(signature = (data, format, dry_run=false, on_conflict=None, lenient=false, tag=None, link_translations=false))]
    #[allow(clippy::too_many_arguments)]
    fn import_bytes<'py>(
        &self,
        py: Python<'py>,
        data: &[u8],
        format: &str,
        dry_run: bool,
        on_conflict: Option<&str>,
        lenient: bool,
        tag: Option<bool>,
        link_translations: bool,
    ) -> Res<Bound<'py, PyAny>> {
        let options = import_options(
            format,
            dry_run,
            on_conflict,
            lenient,
            tag,
            link_translations,
        )?;
        to_py(
            py,
            &run(py, || {
                self.inner.import_reader_with(data, &options, &mut |_| {})
            })?,
        )
    }

    /// Writes the publications matching `query` (everything for an empty query) to the file
    /// at `path` in `format`, atomically (see `Catalog::export_to_path`).
    fn export_path(
        &self,
        py: Python<'_>,
        path: PathBuf,
        format: &str,
        query: &Bound<'_, PyAny>,
    ) -> Res<()> {
        let format: Format = format.parse()?;
        let query: Query = from_py(query, "query", true)?;
        run(py, || {
            self.inner.export_to_path(&path, format, &query).map(drop)
        })
    }

    /// The publications matching `query` in `format`, as bytes (UTF-8 text).
    fn export_bytes<'py>(
        &self,
        py: Python<'py>,
        format: &str,
        query: &Bound<'py, PyAny>,
    ) -> Res<Bound<'py, pyo3::types::PyBytes>> {
        let format: Format = format.parse()?;
        let query: Query = from_py(query, "query", true)?;
        let bytes = run(py, || {
            let mut out = Vec::new();
            self.inner.export(format, &query, &mut out)?;
            Ok(out)
        })?;
        Ok(pyo3::types::PyBytes::new(py, &bytes))
    }

    /// Panics inside the core call path: proves that a panic becomes `pubcat.InternalError`.
    #[cfg(feature = "test-panic")]
    fn _panic_for_tests(&self, py: Python<'_>) -> Res<()> {
        run(py, || -> pubcat::Result<()> {
            let _held = self.inner.version();
            panic!("test panic requested by _panic_for_tests")
        })
    }

    fn __repr__(&self) -> String {
        match self.inner.path() {
            Some(path) => format!("<NativeCatalog {}>", path.display()),
            None => "<NativeCatalog in memory>".to_owned(),
        }
    }
}

/// The core's import options from the codes Python passes.
fn import_options(
    format: &str,
    dry_run: bool,
    on_conflict: Option<&str>,
    lenient: bool,
    tag: Option<bool>,
    link_translations: bool,
) -> Res<ImportOptions> {
    let mut options = ImportOptions {
        format: format.parse::<Format>()?,
        dry_run,
        on_conflict: on_conflict.map(str::parse::<OnConflict>).transpose()?,
        lenient,
        link_translations,
        ..ImportOptions::default()
    };
    options.tag = tag;
    Ok(options)
}

/// The `pubcat._pubcat` module.
#[pymodule]
fn _pubcat(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeCatalog>()?;
    m.add_class::<arrow::ArrowPublications>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SCHEMA_VERSION", pubcat::SCHEMA_VERSION)?;
    m.add("TEST_PANIC", cfg!(feature = "test-panic"))?;
    m.add_function(wrap_pyfunction!(sync::export_changes, m)?)?;
    m.add_function(wrap_pyfunction!(sync::export_changes_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(sync::apply_changes, m)?)?;
    m.add_function(wrap_pyfunction!(sync::replica_status, m)?)?;
    m.add_function(wrap_pyfunction!(sync::catalog_uid, m)?)?;
    m.add("PARQUET", cfg!(feature = "parquet"))?;
    #[cfg(feature = "parquet")]
    m.add_function(wrap_pyfunction!(parquet::export_parquet, m)?)?;
    Ok(())
}
