//! Size probe of the mobile library (docs/bench/mobile-size-tantivy.md).
//!
//! A `cdylib` holding all of `pubcat-ffi` (re-exported below, so that its UniFFI exports
//! `uniffi_pubcat_*` are kept in the library) and, with the `tantivy` feature,
//! [`pubcat_probe_tantivy`], which exercises what the tantivy spike of issue 15 item 5 uses so
//! that this code is really linked. Built with the `mobile` profile with and without the
//! feature, the difference of the two libraries is what tantivy would add on a phone.
#![cfg_attr(feature = "tantivy", allow(unsafe_code))]

/// The whole UniFFI library: referenced so it is linked and its exports are kept.
pub use pubcat_ffi;

#[cfg(feature = "tantivy")]
mod probe {
    use tantivy::collector::{Count, TopDocs};
    use tantivy::directory::RamDirectory;
    use tantivy::query::{
        BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, RegexQuery, TermQuery,
    };
    use tantivy::schema::{
        Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value,
    };
    use tantivy::tokenizer::{
        AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer, TokenStream,
    };
    use tantivy::{Index, IndexSettings, IndexWriter, TantivyDocument, Term};

    // The analyzer and schema below repeat those of `crates/pubcat-peer-bench/src/tantivy_peer.rs`
    // on purpose: the peer bench is a binary of another workspace, and this probe must link
    // only pubcat-ffi and tantivy, as a phone build would. Change both together.
    const TOKENIZER: &str = "pubcat";
    const COLUMNS: [&str; 7] = [
        "title", "subtitle", "authors", "summary", "body", "keywords", "venue",
    ];
    /// Indexing memory budget of the single indexing thread (tantivy's minimum is 15 MB).
    const MEMORY_BUDGET: usize = 50 << 20;

    fn analyzer() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build()
    }

    fn schema() -> (Schema, Field, [Field; 7]) {
        let mut b = Schema::builder();
        let uid = b.add_text_field("uid", TextOptions::default().set_stored());
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let fields = COLUMNS.map(|c| b.add_text_field(c, text.clone()));
        (b.build(), uid, fields)
    }

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            out.push(token.text.clone());
        }
        out
    }

    /// Indexes each line of `text` as a document (the line in all 7 fields, its number as
    /// the stored uid), then searches for the words of the first line. Returns the number of
    /// matches plus the hits read plus the segment files.
    pub(crate) fn run(text: &str) -> tantivy::Result<i64> {
        let (schema, uid, fields) = schema();
        let index = Index::create(RamDirectory::create(), schema, IndexSettings::default())?;
        index.tokenizers().register(TOKENIZER, analyzer());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, MEMORY_BUDGET)?;
        for (n, line) in text.lines().enumerate() {
            let mut doc = TantivyDocument::default();
            doc.add_text(uid, n.to_string());
            for field in fields {
                doc.add_text(field, line);
            }
            writer.add_document(doc)?;
        }
        writer.commit()?;
        writer.wait_merging_threads()?;

        let reader = index.reader()?;
        let searcher = reader.searcher();
        let words = tokens(&mut analyzer(), text.lines().next().unwrap_or_default());
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (i, field) in fields.into_iter().enumerate() {
            let terms: Vec<Term> = words
                .iter()
                .map(|w| Term::from_field_text(field, w))
                .collect();
            let query: Box<dyn Query> = match terms.len() {
                0 => continue,
                1 => Box::new(TermQuery::new(
                    terms[0].clone(),
                    IndexRecordOption::WithFreqs,
                )),
                _ => Box::new(PhraseQuery::new(terms)),
            };
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(query, 1.0 + i as f32)),
            ));
            if let Some(first) = words.first() {
                let prefix = RegexQuery::from_pattern(&format!("{first}.*"), field)?;
                clauses.push((Occur::Should, Box::new(prefix)));
            }
        }
        let query = BooleanQuery::new(clauses);
        let total = searcher.search(&query, &Count)?;
        let top = searcher.search(&query, &TopDocs::with_limit(20).order_by_score())?;
        let mut read = 0usize;
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            if doc.get_first(uid).and_then(|v| v.as_str()).is_some() {
                read += 1;
            }
        }
        // What a SQLite-backed directory would store: the files of the committed segments
        // (tantivy 0.27 lists them on `IndexMeta`; `SegmentMeta::list_files` is gone).
        let files = index.load_metas()?.list_segment_files().len();
        Ok((total + read + files) as i64)
    }
}

/// Builds a tantivy index in memory from the UTF-8 `text` (one document per line) and searches
/// it; returns a count (matches + hits read + index files), or -1 on any error or panic (a
/// panic never crosses this boundary).
///
/// # Safety
///
/// `text` must point to `len` readable bytes (or be null, read as empty), valid for the call.
#[cfg(feature = "tantivy")]
#[no_mangle]
pub unsafe extern "C" fn pubcat_probe_tantivy(text: *const u8, len: usize) -> i64 {
    let bytes: &[u8] = if text.is_null() || len == 0 {
        &[]
    } else {
        // SAFETY: the caller guarantees `len` readable bytes at `text`.
        unsafe { std::slice::from_raw_parts(text, len) }
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return -1;
    };
    match std::panic::catch_unwind(|| probe::run(text)) {
        Ok(Ok(n)) => n,
        _ => -1,
    }
}
