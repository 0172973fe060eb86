//! Search as you type for Kotlin and Swift: [`Catalog::type_ahead`] on every keystroke, and
//! its `async` twin so that the UI thread never waits. The records (`TypeAhead`,
//! `Completion`) are the core's own types.

use std::sync::Arc;

use pubcat::query::{Query, TypeAhead};

use crate::background;
use crate::error::Result;
use crate::Catalog;

#[uniffi::export]
impl Catalog {
    /// Completions of the word being typed (the last word of `query.text`, unless the text
    /// ends in a space) and the first hits for the text with that word completed: ranked
    /// when they are few, else most recently added first (`order` says which). Filters and
    /// `preferLanguages` hold; `cursor` and `facets` are refused (`InvalidQuery`).
    #[uniffi::method(default(query))]
    pub fn type_ahead(&self, query: Query) -> Result<TypeAhead> {
        Ok(self.core().type_ahead(&query)?)
    }

    /// `typeAhead`, off the caller's thread.
    #[uniffi::method(default(query))]
    pub async fn type_ahead_async(self: Arc<Self>, query: Query) -> Result<TypeAhead> {
        background::run(self, move |c| c.type_ahead(&query)).await
    }
}
