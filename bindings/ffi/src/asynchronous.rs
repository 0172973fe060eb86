//! The `async` exports: the long calls of [`Catalog`] as futures that UniFFI turns into Kotlin
//! `suspend fun` and Swift `async throws` methods. Each one runs its blocking twin's core call
//! on a thread of its own ([`background::run`]): the caller's thread (a UI thread, a
//! coroutine dispatcher) is never blocked. Cancelling the coroutine or task cancels the
//! call's writes that have not committed (a cancelled import writes nothing). The blocking
//! methods stay, for scripts and for callers that manage their own threads.
//!
//! Names: the blocking method's name with `Async` (`search` / `searchAsync`), since Kotlin
//! cannot overload a function on `suspend`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use pubcat::cite::{Bibliography, CiteOptions};
use pubcat::formats::{Format, ImportOptions, ImportReport, ImportSummary};
use pubcat::query::{Query, SearchPage};
use pubcat::{LinkSummary, RepairSummary, SuggestOptions, TaggingSummary, TranslationSuggestion};

use crate::background;
use crate::error::Result;
use crate::formats;
use crate::Catalog;

/// How often [`Catalog::wait_for_change`] reads the version (a one-row read).
const VERSION_POLL: Duration = Duration::from_millis(25);

#[uniffi::export]
impl Catalog {
    /// `search`, off the caller's thread.
    #[uniffi::method(default(query))]
    pub async fn search_async(self: Arc<Self>, query: Query) -> Result<SearchPage> {
        background::run(self, move |c| c.search(&query)).await
    }

    /// `bibliography`, off the caller's thread.
    pub async fn bibliography_async(
        self: Arc<Self>,
        query: Query,
        options: CiteOptions,
    ) -> Result<Bibliography> {
        background::run(self, move |c| c.bibliography(&query, &options)).await
    }

    /// `importFile`, off the caller's thread. Cancelled before it commits, it writes nothing.
    #[uniffi::method(default(format = None))]
    pub async fn import_file_async(
        self: Arc<Self>,
        path: String,
        format: Option<Format>,
    ) -> Result<ImportSummary> {
        background::run(self, move |c| formats::import_file(c, &path, format)).await
    }

    /// `importFileWith`, off the caller's thread. Cancelled before it commits, it writes
    /// nothing.
    pub async fn import_file_with_async(
        self: Arc<Self>,
        path: String,
        options: ImportOptions,
    ) -> Result<ImportReport> {
        background::run(self, move |c| {
            c.import_file_with(path, &options, &mut |_| {})
        })
        .await
    }

    /// `importText`, off the caller's thread. Cancelled before it commits, it writes nothing.
    pub async fn import_text_async(
        self: Arc<Self>,
        text: String,
        options: ImportOptions,
    ) -> Result<ImportReport> {
        background::run(self, move |c| {
            c.import_reader_with(text.as_bytes(), &options, &mut |_| {})
        })
        .await
    }

    /// `importJson`, off the caller's thread. Cancelled before it commits, it writes nothing.
    pub async fn import_json_async(self: Arc<Self>, json: String) -> Result<ImportSummary> {
        background::run(self, move |c| formats::import_json(c, &json)).await
    }

    /// `export`, off the caller's thread. The file is replaced only once complete; a
    /// cancelled export may still complete (the catalogue is only read).
    #[uniffi::method(default(format = None, query = None))]
    pub async fn export_async(
        self: Arc<Self>,
        path: String,
        format: Option<Format>,
        query: Option<Query>,
    ) -> Result<i64> {
        background::run(self, move |c| formats::export(c, &path, format, query)).await
    }

    /// `exportJson`, off the caller's thread.
    #[uniffi::method(default(query = None))]
    pub async fn export_json_async(self: Arc<Self>, query: Option<Query>) -> Result<String> {
        background::run(self, move |c| formats::export_json(c, query)).await
    }

    /// `loadBuiltinVocabularies`, off the caller's thread. Cancelled before it commits, it
    /// writes nothing.
    pub async fn load_builtin_vocabularies_async(self: Arc<Self>) -> Result<ImportSummary> {
        background::run(self, |c| c.load_builtin_vocabularies()).await
    }

    /// `tagAutomatically`, off the caller's thread. Cancelled before it commits, it writes
    /// nothing.
    pub async fn tag_automatically_async(self: Arc<Self>) -> Result<TaggingSummary> {
        background::run(self, |c| c.tag_automatically()).await
    }

    /// `removeAutomaticTags`, off the caller's thread. Cancelled before it commits, it writes
    /// nothing.
    pub async fn remove_automatic_tags_async(self: Arc<Self>) -> Result<TaggingSummary> {
        background::run(self, |c| c.remove_automatic_tags()).await
    }

    /// `repair`, off the caller's thread. Cancelled before it commits, it writes nothing.
    pub async fn repair_async(self: Arc<Self>) -> Result<RepairSummary> {
        background::run(self, |c| c.repair()).await
    }

    /// `suggestTranslations`, off the caller's thread.
    #[uniffi::method(default(options))]
    pub async fn suggest_translations_async(
        self: Arc<Self>,
        options: SuggestOptions,
    ) -> Result<Vec<TranslationSuggestion>> {
        background::run(self, move |c| c.suggest_translations(&options)).await
    }

    /// `linkSuggestedTranslations`, off the caller's thread. Cancelled before it commits, it
    /// writes nothing.
    #[uniffi::method(default(min_score = None))]
    pub async fn link_suggested_translations_async(
        self: Arc<Self>,
        min_score: Option<f64>,
    ) -> Result<LinkSummary> {
        background::run(self, move |c| c.link_suggested_translations(min_score)).await
    }

    /// `backup`, off the caller's thread.
    pub async fn backup_async(self: Arc<Self>, destination: String) -> Result<()> {
        background::run(self, move |c| c.backup(destination)).await
    }

    /// Waits until the catalogue's change-log version differs from `after` and returns it,
    /// or returns `after` when `timeout_ms` passes first (0 or less: check once). Sees every
    /// committed write to the file: through this object, another one, or another process
    /// (it reads the version every 25 ms on a thread of its own; nothing when cancelled).
    /// Kotlin's `Catalog.versions()` flow and Swift's `Catalog.versions()` sequence are
    /// built on it.
    pub async fn wait_for_change(self: Arc<Self>, after: i64, timeout_ms: i64) -> Result<i64> {
        let timeout = Duration::from_millis(u64::try_from(timeout_ms).unwrap_or(0));
        background::run_with_cancel(self, move |c, cancel| {
            let deadline = Instant::now() + timeout;
            loop {
                let version = c.version()?;
                if version != after || cancel.is_cancelled() || Instant::now() >= deadline {
                    return Ok(version);
                }
                let left = deadline.saturating_duration_since(Instant::now());
                std::thread::sleep(VERSION_POLL.min(left));
            }
        })
        .await
    }
}

#[cfg(feature = "test-panic")]
#[uniffi::export]
impl Catalog {
    /// Test builds only: `panicForTest` through the async path (the panic happens on the
    /// worker thread and must still arrive as Kotlin `InternalException`).
    pub async fn panic_for_test_async(self: Arc<Self>, message: String) -> Result<i64> {
        crate::catalog::quiet_test_panics();
        background::run(self, move |_| crate::catalog::test_panic(&message)).await
    }

    /// Test builds only: `importJsonAsync(json)` that first sleeps `millis` on its worker
    /// thread: an import that is surely still running when a test cancels it.
    pub async fn import_json_slowly_for_test(
        self: Arc<Self>,
        json: String,
        millis: i64,
    ) -> Result<ImportSummary> {
        background::run(self, move |c| {
            std::thread::sleep(Duration::from_millis(u64::try_from(millis).unwrap_or(0)));
            formats::import_json(c, &json)
        })
        .await
    }
}
