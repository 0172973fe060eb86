//! Search: pages with facets, every matching uid, and flat rows for columnar consumers.

use crate::error::Result;
use crate::query::search::search_in;
use crate::query::table::{scan_in, PublicationRow};
use crate::query::typeahead::{type_ahead_in, TypeAhead};
use crate::query::{Query, SearchPage, MAX_LIMIT};
use crate::Catalog;

impl Catalog {
    /// Searches the catalogue.
    ///
    /// ```
    /// use pubcat::query::Query;
    /// let catalog = pubcat::Catalog::demo()?;
    /// let page = catalog.search(&Query::text("cobalt"))?;
    /// assert_eq!(page.hits[0].uid, "ipis-dd-cobalt-3t-comparative-analysis");
    ///
    /// let mut q = Query { prefer_languages: vec!["fr".into(), "en".into()], ..Query::default() };
    /// q.limit = Some(50);
    /// let page = catalog.search(&q)?;
    /// assert_eq!(page.total, 6); // works, each once
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn search(&self, query: &Query) -> Result<SearchPage> {
        self.with_conn(|conn| search_in(conn, query, self.snapshots(), self.lexicons()))
    }

    /// Search as you type: completions of the word being typed (the last word of
    /// `query.text`, unless the text ends in a space) and a first page of hits for the text
    /// with that word completed, fast enough for every keystroke on a large catalogue. See
    /// [`TypeAhead`] for the rules in full: the completions are the most frequent index
    /// words with that prefix; hits are ranked when the estimated matches are few, else most
    /// recently added first ([`TypeAhead::order`]); filters and the language preference
    /// hold; `cursor` and `facets` are refused ([`crate::Error::InvalidQuery`]).
    ///
    /// ```
    /// use pubcat::query::Query;
    /// let catalog = pubcat::Catalog::demo()?;
    /// let typed = catalog.type_ahead(&Query::text("Madini min"))?;
    /// assert!(typed.completions.iter().any(|c| c.word == "minerals"));
    /// assert!(!typed.hits.is_empty());
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn type_ahead(&self, query: &Query) -> Result<TypeAhead> {
        self.with_conn(|conn| type_ahead_in(conn, query, self.lexicons()))
    }

    /// The uids of every publication matching `query` (all pages, in the query's order), e.g.
    /// to export a selection.
    pub fn search_uids(&self, query: &Query) -> Result<Vec<String>> {
        let mut q = query.clone();
        q.limit = Some(MAX_LIMIT);
        q.facets.clear();
        let mut out = Vec::new();
        loop {
            let page = self.search(&q)?;
            out.extend(page.hits.into_iter().map(|h| h.uid));
            match page.next_cursor {
                Some(c) => q.cursor = Some(c),
                None => return Ok(out),
            }
        }
    }

    /// Calls `row` for every publication matching `query`, in the query's order.
    ///
    /// Unlike [`Catalog::search`], `limit` is not capped (`None`: every match) and facets are
    /// ignored; `cursor` and `prefer_languages` work as in a search.
    ///
    /// ```
    /// use pubcat::query::Query;
    /// let catalog = pubcat::Catalog::demo()?;
    /// let mut titles = Vec::new();
    /// catalog.scan_publications(&Query::text("cobalt"), |row| titles.push(row.title.to_owned()))?;
    /// assert!(!titles.is_empty());
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn scan_publications(
        &self,
        query: &Query,
        mut row: impl FnMut(&PublicationRow<'_>),
    ) -> Result<()> {
        self.with_conn(|conn| scan_in(conn, query, self.lexicons(), &mut row))
    }

    /// The FTS5 expression `query`'s text is matched with, after expansion (`None`: no
    /// text). Test hook: only with the `test-hooks` feature.
    #[cfg(feature = "test-hooks")]
    #[doc(hidden)]
    pub fn fts_expression(&self, query: &Query) -> Result<Option<String>> {
        self.with_conn(|conn| {
            Ok(crate::query::search::resolve(conn, query, self.lexicons())?
                .0
                .fts)
        })
    }

    /// The FTS5 expression [`Catalog::type_ahead`] matches for `query` (the words before
    /// the one being typed AND one of its completions). Test hook: only with the
    /// `test-hooks` feature.
    #[cfg(feature = "test-hooks")]
    #[doc(hidden)]
    pub fn type_ahead_expression(&self, query: &Query) -> Result<Option<String>> {
        self.with_conn(|conn| crate::query::typeahead::expression_in(conn, query, self.lexicons()))
    }

    /// The deletion index of the close-word look-up ("did you mean"), built now if no search
    /// built it yet: its entries, the bytes it holds and the milliseconds this call took to
    /// build it (0 when it was built; reading the index words first is not counted). Test
    /// hook for the benchmarks: only with the `test-hooks` feature.
    #[cfg(feature = "test-hooks")]
    #[doc(hidden)]
    pub fn close_word_index_size(&self) -> Result<(usize, usize, f64)> {
        self.with_conn(|conn| {
            let lexicon = self.lexicons().get(conn)?;
            let words = lexicon.index_words(conn)?;
            let started = std::time::Instant::now();
            let deletions = words.deletions();
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            Ok((deletions.entry_count(), deletions.bytes(), ms))
        })
    }

    /// The SQL of the page query `query` runs as (parameters inlined as literals), for
    /// `EXPLAIN QUERY PLAN` in tests and benchmarks. Test hook: only with the `test-hooks`
    /// feature.
    #[cfg(feature = "test-hooks")]
    #[doc(hidden)]
    pub fn sql_for_explain(&self, query: &Query) -> Result<String> {
        self.with_conn(|conn| {
            crate::query::search::sql_for_explain_in(conn, query, self.lexicons())
        })
    }
}
