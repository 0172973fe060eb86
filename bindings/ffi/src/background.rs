//! Running a call off the caller's thread, for the `async` exports.
//!
//! UniFFI polls an exported future on the thread of the foreign caller (a Kotlin coroutine's
//! dispatcher, perhaps the main thread; a Swift task's executor). A future that did the work
//! inside `poll` would block that thread, so [`run`] starts the work on a thread of its own
//! and returns a future that only waits for the result. No async runtime is involved (UniFFI
//! needs none: the foreign side drives the polling, the worker wakes it).
//!
//! Cancellation: when the coroutine or task is cancelled, UniFFI drops the future. Dropping
//! an unfinished [`Background`] cancels its [`pubcat::Cancel`] token, under which the worker
//! runs: a write that had not committed yet is rolled back and never commits (a cancelled
//! import writes nothing), one already committed stays (the call had finished). Reads run to
//! their end and their result is dropped.
//!
//! Errors are the call's typed `PubcatError`. A panic of the work is caught on the worker and
//! raised again in `poll`, where UniFFI turns it into the foreign side's internal error
//! (Kotlin `InternalException`), as for the blocking calls.
//!
//! The pattern for a new long call (e.g. applying a sync file, in `sync.rs`):
//!
//! ```ignore
//! #[uniffi::export]
//! impl Catalog {
//!     /// ... (async: Kotlin `suspend fun`, Swift `async throws`).
//!     pub async fn apply_sync_async(self: Arc<Self>, path: String) -> Result<SyncReport> {
//!         background::run(self, move |catalog| catalog.apply_sync(&path)).await
//!     }
//! }
//! ```

use std::future::Future;
use std::panic::{self, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Waker};
use std::thread;

use pubcat::Cancel;

use crate::error::{PubcatError, Result};
use crate::Catalog;

/// What the worker hands over: nothing yet, or its outcome (a caught panic included).
struct Slot<T> {
    outcome: Option<thread::Result<T>>,
    waker: Option<Waker>,
}

/// The future returned by [`run`]: ready when the worker has finished.
pub(crate) struct Background<T> {
    slot: Arc<Mutex<Slot<Result<T>>>>,
    cancel: Cancel,
    done: bool,
}

/// Runs `work` with the core catalogue of `catalog` on a new thread, under a cancellation
/// token (see the module documentation); the returned future resolves to its result.
pub(crate) fn run<T, F>(catalog: Arc<Catalog>, work: F) -> Background<T>
where
    T: Send + 'static,
    F: FnOnce(&pubcat::Catalog) -> pubcat::Result<T> + Send + 'static,
{
    run_with_cancel(catalog, move |c, _| work(c))
}

/// [`run`] for work that also watches the token itself (to stop a wait early).
pub(crate) fn run_with_cancel<T, F>(catalog: Arc<Catalog>, work: F) -> Background<T>
where
    T: Send + 'static,
    F: FnOnce(&pubcat::Catalog, &Cancel) -> pubcat::Result<T> + Send + 'static,
{
    spawn(move |cancel| work(catalog.core(), cancel))
}

/// [`run`] for work that needs no open catalogue (checking a file by its path).
pub(crate) fn run_detached<T, F>(work: F) -> Background<T>
where
    T: Send + 'static,
    F: FnOnce() -> pubcat::Result<T> + Send + 'static,
{
    spawn(move |_| work())
}

/// Starts `work` on a thread of its own, under a new cancellation token.
fn spawn<T, F>(work: F) -> Background<T>
where
    T: Send + 'static,
    F: FnOnce(&Cancel) -> pubcat::Result<T> + Send + 'static,
{
    let slot = Arc::new(Mutex::new(Slot {
        outcome: None,
        waker: None,
    }));
    let cancel = Cancel::new();
    let (worker_slot, worker_cancel) = (Arc::clone(&slot), cancel.clone());
    let spawned = thread::Builder::new()
        .name("pubcat-async".into())
        .spawn(move || {
            let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
                worker_cancel
                    .run(|| work(&worker_cancel))
                    .map_err(PubcatError::from)
            }));
            let waker = {
                let mut slot = worker_slot.lock().unwrap_or_else(PoisonError::into_inner);
                slot.outcome = Some(outcome);
                slot.waker.take()
            };
            if let Some(waker) = waker {
                waker.wake();
            }
        });
    if let Err(err) = spawned {
        let mut locked = slot.lock().unwrap_or_else(PoisonError::into_inner);
        locked.outcome = Some(Ok(Err(PubcatError::Io {
            message: format!("could not start a thread for the call: {err}"),
        })));
    }
    Background {
        slot,
        cancel,
        done: false,
    }
}

impl<T> Future for Background<T> {
    type Output = Result<T>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let outcome = {
            let mut slot = self.slot.lock().unwrap_or_else(PoisonError::into_inner);
            match slot.outcome.take() {
                Some(outcome) => outcome,
                None => {
                    slot.waker = Some(cx.waker().clone());
                    return Poll::Pending;
                }
            }
        };
        self.done = true;
        match outcome {
            Ok(result) => Poll::Ready(result),
            // UniFFI catches this in its poll and reports an internal error.
            Err(payload) => panic::resume_unwind(payload),
        }
    }
}

impl<T> Drop for Background<T> {
    fn drop(&mut self) {
        if !self.done {
            // Cancelled (or abandoned) before the result was taken: no later commit.
            self.cancel.cancel();
        }
    }
}
