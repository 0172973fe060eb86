//! Cancellation of writes that run on a thread of their own (the bindings' `async` calls).
//!
//! A [`Cancel`] is a flag shared between the code that runs a write (a worker thread) and the
//! code that may give up waiting for it (a Kotlin coroutine or Swift task being cancelled).
//! The worker runs its calls inside [`Cancel::run`]; every write transaction committed on that
//! thread while it runs first takes the token's lock and checks the flag:
//!
//! - cancelled before the commit: the transaction is rolled back (nothing it wrote stays) and
//!   the call fails with an [`Error::Io`] of kind [`std::io::ErrorKind::Interrupted`];
//! - [`Cancel::cancel`] called while a commit is under way waits for that commit to finish and
//!   returns `false`: the write was complete before the cancellation, and stays.
//!
//! So once `cancel()` has returned `true`, no write of that call will ever be committed. The
//! flag does not stop the work early (reading and parsing go on until the commit), except
//! where a caller checks [`Cancel::is_cancelled`] itself. Calls made outside `run`, or on other
//! threads, are not affected.

use std::cell::RefCell;
use std::sync::{Arc, Mutex, PoisonError};

use crate::error::{Error, Result};

/// A cancellation flag for the writes of one call (see the module documentation).
///
/// ```
/// let catalog = pubcat::Catalog::open_in_memory()?;
/// let cancel = pubcat::Cancel::new();
/// assert!(cancel.cancel());
/// let err = cancel.run(|| catalog.load_demo()).unwrap_err();
/// assert_eq!(err.kind(), pubcat::ErrorKind::Io);
/// assert_eq!(catalog.stats()?.publications, 0);
/// # Ok::<(), pubcat::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Cancel {
    state: Arc<Mutex<State>>,
}

#[derive(Debug, Default)]
struct State {
    cancelled: bool,
    committed: bool,
}

thread_local! {
    /// The token of the [`Cancel::run`] under way on this thread, if any.
    static CURRENT: RefCell<Option<Cancel>> = const { RefCell::new(None) };
}

impl Cancel {
    /// A new token, not cancelled.
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// Cancels: no write of the calls run with this token commits after this returns (a
    /// commit under way is waited for). Returns `true` when nothing had been committed,
    /// `false` when a write had already committed (and stays).
    pub fn cancel(&self) -> bool {
        let mut state = self.lock();
        state.cancelled = true;
        !state.committed
    }

    /// Whether [`Cancel::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.lock().cancelled
    }

    /// Runs `f` on this thread with this token: its write transactions commit only while the
    /// token is not cancelled.
    pub fn run<T>(&self, f: impl FnOnce() -> T) -> T {
        let previous = CURRENT.with(|c| c.replace(Some(self.clone())));
        let _restore = Restore(previous);
        f()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Puts back the token that was current before [`Cancel::run`] (also when `f` panics).
struct Restore(Option<Cancel>);

impl Drop for Restore {
    fn drop(&mut self) {
        let previous = self.0.take();
        CURRENT.with(|c| *c.borrow_mut() = previous);
    }
}

/// Runs `commit` (a transaction's commit) unless the current thread's token is cancelled,
/// holding the token's lock meanwhile so that a cancellation waits for it. When cancelled,
/// `commit` is not called: the caller's transaction is rolled back when it is dropped.
pub(crate) fn commit_unless_cancelled(commit: impl FnOnce() -> Result<()>) -> Result<()> {
    let Some(token) = CURRENT.with(|c| c.borrow().clone()) else {
        return commit();
    };
    let mut state = token.lock();
    if state.cancelled {
        return Err(Error::Io(std::io::Error::new(
            std::io::ErrorKind::Interrupted,
            "cancelled: nothing was written",
        )));
    }
    commit()?;
    state.committed = true;
    Ok(())
}
