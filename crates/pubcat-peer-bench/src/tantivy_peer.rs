//! tantivy as a peer: the searchable text of every publication indexed in a tantivy index
//! (one field per column of pubcat's FTS5 index, positions kept for phrases, only the uid
//! stored), tokenized like FTS5's `unicode61 remove_diacritics 2` (split on what is not a
//! letter or a digit, lower case, diacritics folded), and queried with pubcat's own FTS5
//! expression translated to tantivy queries: each word is searched in every field with the
//! field's bm25 weight as a boost (what tantivy's `QueryParser::set_field_boost` does).
//!
//! Ranking differs by design and is not forced to agree: tantivy sums one BM25 per field
//! (each with its field's length), FTS5 computes one BM25 over the weighted sum of the
//! columns' counts with the document's total length; a prefix (`mi*`) is scored by tantivy
//! as a constant per field (its `RegexQuery`), by FTS5 as one bm25 phrase.

use std::path::Path;
use std::time::Instant;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, EmptyQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query, RegexQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::build::read_document;
use crate::clock::{dir_size, finish, BuildFigures, ProcessClock};
use crate::expr::Expr;
use crate::text::{Resolver, COLUMNS, WEIGHTS};

/// Indexing memory budget of the single indexing thread.
pub const MEMORY_BUDGET: usize = 256 << 20;

const TOKENIZER: &str = "pubcat";

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Reads `jsonl` and builds a tantivy index in `dir` (emptied first) with one indexing
/// thread, timed end to end: parsing, indexing, commit, and the merges it started.
pub fn build(jsonl: &Path, dir: &Path, publications: u64) -> Result<BuildFigures, String> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(err)?;
    }
    std::fs::create_dir_all(dir).map_err(err)?;
    let clock = ProcessClock::start();
    let t = Instant::now();
    let (schema, _, _) = schema();
    let index = Index::create_in_dir(dir, schema).map_err(err)?;
    fill(&index, jsonl)?;
    let segments = index.searchable_segment_ids().map_err(err)?.len() as u64;
    Ok(finish(t, &clock, publications, dir_size(dir), segments))
}

/// The index's schema: the uid (stored) and one text field per column of pubcat's index.
pub fn schema() -> (Schema, Field, [Field; 7]) {
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

/// Indexes every publication of `jsonl` into the new, empty `index` with one indexing thread,
/// then commits and waits for the merges the commit started.
pub fn fill(index: &Index, jsonl: &Path) -> Result<(), String> {
    index.tokenizers().register(TOKENIZER, analyzer());
    let schema = index.schema();
    let field = |name: &str| schema.get_field(name).map_err(err);
    let uid = field("uid")?;
    let mut fields = [uid; 7];
    for (f, name) in fields.iter_mut().zip(COLUMNS) {
        *f = field(name)?;
    }
    let mut writer: IndexWriter = index
        .writer_with_num_threads(1, MEMORY_BUDGET)
        .map_err(err)?;
    let doc = read_document(jsonl)?;
    let resolver = Resolver::new(&doc);
    for p in &doc.publications {
        let d = resolver.doc(p);
        let mut td = TantivyDocument::default();
        td.add_text(uid, &d.uid);
        for (field, column) in fields.iter().zip(&d.columns) {
            if let Some(text) = column {
                td.add_text(*field, text);
            }
        }
        writer.add_document(td).map_err(err)?;
    }
    writer.commit().map_err(err)?;
    writer.wait_merging_threads().map_err(err)?;
    Ok(())
}

/// An opened index.
pub struct Peer {
    reader: IndexReader,
    uid: Field,
    fields: [Field; 7],
    analyzer: TextAnalyzer,
    /// Segments of the index.
    pub segments: usize,
}

impl Peer {
    /// Opens the index in `dir`.
    pub fn open(dir: &Path) -> Result<Peer, String> {
        Peer::of(Index::open_in_dir(dir).map_err(err)?)
    }

    /// Searches `index` (opened from any directory).
    pub fn of(index: Index) -> Result<Peer, String> {
        index.tokenizers().register(TOKENIZER, analyzer());
        let schema = index.schema();
        let field = |name: &str| schema.get_field(name).map_err(err);
        let uid = field("uid")?;
        let mut fields = [uid; 7];
        for (f, name) in fields.iter_mut().zip(COLUMNS) {
            *f = field(name)?;
        }
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(err)?;
        let segments = index.searchable_segment_ids().map_err(err)?.len();
        Ok(Peer {
            reader,
            uid,
            fields,
            analyzer: analyzer(),
            segments,
        })
    }

    fn tokens(&mut self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut stream = self.analyzer.token_stream(text);
        stream.process(&mut |t| out.push(t.text.clone()));
        out
    }

    /// One phrase searched in every field, boosted by the field's weight.
    fn phrase(&mut self, text: &str, prefix: bool) -> Result<Vec<Box<dyn Query>>, String> {
        let tokens = self.tokens(text);
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        if tokens.is_empty() {
            return Ok(out);
        }
        for (field, weight) in self.fields.iter().zip(WEIGHTS) {
            let terms: Vec<Term> = tokens
                .iter()
                .map(|t| Term::from_field_text(*field, t))
                .collect();
            let q: Box<dyn Query> = match (terms.len(), prefix) {
                (1, false) => Box::new(TermQuery::new(
                    terms[0].clone(),
                    IndexRecordOption::WithFreqs,
                )),
                (1, true) => {
                    let mut pattern = String::new();
                    for c in tokens[0].chars() {
                        if !c.is_alphanumeric() {
                            pattern.push('\\');
                        }
                        pattern.push(c);
                    }
                    pattern.push_str(".*");
                    Box::new(RegexQuery::from_pattern(&pattern, *field).map_err(err)?)
                }
                (_, false) => Box::new(PhraseQuery::new(terms)),
                (_, true) => Box::new(PhrasePrefixQuery::new(terms)),
            };
            out.push(Box::new(BoostQuery::new(q, weight)));
        }
        Ok(out)
    }

    /// Alternatives of an OR, flattened so that a union of words stays one union of term
    /// scorers (tantivy's block-max WAND applies to such a union only).
    fn alternatives(&mut self, e: &Expr, out: &mut Vec<Box<dyn Query>>) -> Result<(), String> {
        match e {
            Expr::Phrase { text, prefix } => out.extend(self.phrase(text, *prefix)?),
            Expr::Or(items) => {
                for item in items {
                    self.alternatives(item, out)?;
                }
            }
            other => out.push(self.query(other)?),
        }
        Ok(())
    }

    /// The tantivy query of an FTS5 expression.
    pub fn query(&mut self, e: &Expr) -> Result<Box<dyn Query>, String> {
        Ok(match e {
            Expr::Phrase { .. } | Expr::Or(_) => {
                let mut alts = Vec::new();
                self.alternatives(e, &mut alts)?;
                match alts.len() {
                    0 => Box::new(EmptyQuery),
                    1 => alts.remove(0),
                    _ => Box::new(BooleanQuery::new(
                        alts.into_iter().map(|q| (Occur::Should, q)).collect(),
                    )),
                }
            }
            Expr::And(items) => {
                let mut clauses = Vec::new();
                for item in items {
                    clauses.push((Occur::Must, self.query(item)?));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Expr::Not(a, b) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, self.query(a)?),
                (Occur::MustNot, self.query(b)?),
            ])),
        })
    }

    /// The number of matches of `expr` and the uids of its best `limit` (two searches, as a
    /// tantivy application showing "N results" and a page would run them: `Count` reads the
    /// document frequency where it can, `TopDocs` skips blocks that cannot enter the top).
    /// Without `count`, only the page (the total is then 0).
    pub fn search(
        &mut self,
        expr: &Expr,
        limit: usize,
        count: bool,
    ) -> Result<(u64, Vec<String>), String> {
        let query = self.query(expr)?;
        let searcher = self.reader.searcher();
        let total = if count {
            searcher.search(&*query, &Count).map_err(err)?
        } else {
            0
        };
        let top = searcher
            .search(&*query, &TopDocs::with_limit(limit).order_by_score())
            .map_err(err)?;
        let mut uids = Vec::with_capacity(top.len());
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address).map_err(err)?;
            uids.push(
                doc.get_first(self.uid)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_owned(),
            );
        }
        Ok((total as u64, uids))
    }
}
