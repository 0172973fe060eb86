//! # pubcat
//!
//! An embedded, SQLite-backed catalogue of research publications: works in several
//! languages, people and organisations, projects, series, multilingual hierarchical
//! vocabularies (minerals, places, actors, themes), typed relations and a change log, in
//! one SQLite file, with full-text search.
//!
//! ```
//! use pubcat::{Catalog, model::{Agent, AgentKind, Contributor, Kind, Publication, Role}};
//!
//! let catalog = Catalog::open_in_memory()?;
//! catalog.upsert_agent(&Agent::new("ipis", AgentKind::Organization, "IPIS"))?;
//! let mut report = Publication::new("m23", "en", "Mapping Conflict Motives: M23", Kind::Report);
//! report.date = Some("2012".into());
//! report.contributors.push(Contributor::new("ipis", Role::Author));
//! catalog.upsert_publication(&report)?;
//!
//! let stored = catalog.publication("m23")?;
//! assert_eq!(stored.contributors[0].name, "IPIS");
//! assert_eq!(stored.date.unwrap().upper.to_string(), "2012-12-31");
//! # Ok::<(), pubcat::Error>(())
//! ```
//!
//! Start at [`Catalog`]: every operation is one of its methods. The data types are in
//! [`model`], searches in [`query`], file formats in [`formats`]. See `docs/ARCHITECTURE.md`
//! for the map of the crate.
//!
//! # Cargo features
//!
//! - `bundled` (default): SQLite is compiled into the crate. Recommended: pubcat needs FTS5
//!   with the `unicode61 remove_diacritics 2` tokenizer (so that `etain` finds `étain`), a
//!   recent query planner, and the same SQLite on every platform (Android and iOS ship
//!   older or differently configured ones); one tested SQLite also keeps files identical
//!   everywhere. Turn it off only when the application must link the system's SQLite
//!   (3.45 or newer, built with FTS5): `default-features = false`.
//! - `citations` (default): formatted citations and bibliographies in CSL styles
//!   ([`Catalog::cite`], [`Catalog::bibliography`], the `cite` module) with the `hayagriva`
//!   crate. It is a feature because it is heavy for what it does: hayagriva brings its archive
//!   of CSL styles and locales and ICU collation data (a few MB in the binary, and a longer
//!   build); an application that never formats references, or a mobile build that must stay
//!   small, turns it off with `default-features = false, features = ["bundled"]`.
//! - `uniffi`: UniFFI derives on the value types, for the Kotlin and Swift bindings.
//! - `json-schema`: a JSON Schema of the value types, from which the Python records are
//!   generated.
//! - `test-hooks`: hooks for this crate's own tests; not part of the API.

mod catalog;
#[cfg(feature = "citations")]
pub mod cite;
mod db;
mod enrich;
mod error;
pub mod formats;
#[cfg(feature = "json-schema")]
mod json_schema;
pub mod model;
pub mod query;
mod store;
pub mod sync;
#[cfg(test)]
mod test_rng;
#[cfg(feature = "uniffi")]
mod uniffi_types;

// Feature `uniffi` (enabled by bindings/ffi): the value types derive `uniffi::Record` and
// `uniffi::Enum`, and this crate is a UniFFI component of its own (namespace `pubcat`; Kotlin
// package and Swift names in crates/pubcat/uniffi.toml). See docs/MOBILE.md.
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!();

pub use catalog::demo::DEMO_JSON;
pub use catalog::Catalog;
pub use db::cancel::Cancel;
pub use db::check::{CheckReport, CheckResult};
pub use db::schema::{APPLICATION_ID, VERSION as SCHEMA_VERSION};
pub use enrich::tagging::TaggingSummary;
pub use enrich::translations::{
    Evidence, EvidenceKind, LinkSummary, SuggestOptions, TranslationSuggestion,
    DEFAULT_MIN_TRANSLATION_SCORE,
};
pub use error::{Error, ErrorKind, Position, Result, SqliteError};
#[cfg(feature = "json-schema")]
pub use json_schema::json_schema;
pub use store::repair::RepairSummary;
pub use store::Upsert;

/// Hooks for this crate's own tests (feature `test-hooks`): not part of the API.
#[cfg(feature = "test-hooks")]
#[doc(hidden)]
pub mod test_hooks {
    pub use crate::db::schema::{expected_fingerprint, schema_fingerprint, SCHEMA_SQL};
}
