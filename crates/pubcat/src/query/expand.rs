//! Search expansion: the parsed query ([`SearchExpr`]) becomes an FTS5 expression in which a
//! word or phrase also matches
//!
//! - the other labels of a concept it names, in every language (`Sud-Kivu` also matches
//!   `South Kivu`, `Zuid-Kivu`, `Kivu Kusini`). A publication tagged with the concept matches
//!   too: an automatic tag's label is in the publication's text, and the labels of the tags
//!   the text does not show (a person's, or found through an ambiguous label) are in its
//!   indexed text (`publication_search_doc` in schema.sql);
//! - its inflections in English, French and Dutch ([`super::inflections`]);
//! - with `Query::fuzzy`, the close words suggested for it ([`super::suggestions`]).
//!
//! The concept's labels are not OR-ed one by one: every occurrence of an unambiguous label
//! carries the concept's token in the index ([`concept_tokens`], schema version 7), so the
//! word or phrase matches `"zzconcept12"`, one list of publications, and the labels are kept
//! only in the expression snippets highlight ([`Expanded::fts_highlight`]). A typed word that
//! is itself such a label is left out of the match (the token finds every text it finds).
//!
//! The user's syntax keeps its meaning: alternatives are OR-ed in place of the word, so
//! `Sud-Kivu gold` is still an AND, `a OR b` still an OR, `-word` excludes the word and its
//! alternatives, and a `prefix*` or a `"quoted phrase"` is searched exactly as typed (quotes
//! are the way to turn expansion off). Words that together form a label (`South Kivu`
//! typed as two words) are replaced by "both words, or any label of the concept".
//!
//! A label the vocabulary marks ambiguous (French `or`, which is also "now") is never added
//! as an alternative, and a query word that is only such a label is expanded only when it is
//! the whole query (`or` alone means gold; `or` in `Sud-Kivu or Ituri` does not).
//!
//! What a word expands to (its inflections and close words) depends only on the word and the
//! catalogue version, so it is worked out once per version and kept ([`WordExpansion`]).

use std::sync::Arc;

use rusqlite::Connection;

use super::inflections::{expandable, inflections, Inflections};
use super::lexicon::{ConceptLabels, Lexicon, Words};
use super::suggestions::{cased_like, close_words, worth_checking};
use super::syntax::{tokenize, SearchExpr, Term};
use crate::db::concept_tokens;
use crate::error::Result;
use crate::model::{fold, fts_words};

/// A concept named by the query.
#[derive(Debug, Clone)]
pub(crate) struct QueryConcept {
    /// The label the query words matched, as the vocabulary writes it.
    pub query: String,
    /// The concept.
    pub concept: ConceptLabels,
}

/// The expanded query.
#[derive(Debug, Clone, Default)]
pub(crate) struct Expanded {
    /// The FTS5 expression to match (`None`: no positive term).
    pub fts: Option<String>,
    /// The same search written with the concepts' labels instead of their tokens, for
    /// snippets (which mark words of the text); `None` when it is `fts`.
    pub fts_highlight: Option<String>,
    /// The excluded terms as one expression, when there is no positive term.
    pub fts_exclude_only: Option<String>,
    /// The concepts the query names, in query order.
    pub concepts: Vec<QueryConcept>,
    /// Close words for query words that found little, best first.
    pub suggestions: Vec<String>,
}

/// What one query word expands to, whatever its place in the query: kept per catalogue
/// version in the lexicon ([`Lexicon::expansion_of`]), so that the same search again (the
/// next page, another filter, sort or language) does not stem the word and look up its
/// inflections and close words again.
#[derive(Debug, Default)]
pub(crate) struct WordExpansion {
    /// Its inflections in the index ([`super::inflections`]), most frequent first.
    pub inflections: Vec<String>,
    /// Publications that contain the word or one of its inflections (a publication with
    /// two counts twice): what decides whether it is rare enough for close words.
    pub documents: u64,
    /// Its close words when it is rare ("did you mean", [`super::suggestions`]), best first,
    /// as the index or the vocabulary writes them (the search cases them as typed); `None`
    /// until a search needs them (the word was only excluded so far).
    pub close_words: Option<Vec<String>>,
}

/// Whether expansion keeps what it works out for a word (benchmarks measure a first search
/// of a word with it off; test hook).
#[cfg(feature = "test-hooks")]
static MEMO: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// Turns the memo of word expansions ([`WordExpansion`]) on or off for the whole process, so
/// that a benchmark can measure a word's first search. Test hook: only with the
/// `test-hooks` feature.
#[cfg(feature = "test-hooks")]
pub fn set_expansion_memo_enabled(on: bool) {
    MEMO.store(on, std::sync::atomic::Ordering::Relaxed);
}

fn memo_enabled() -> bool {
    #[cfg(feature = "test-hooks")]
    {
        MEMO.load(std::sync::atomic::Ordering::Relaxed)
    }
    #[cfg(not(feature = "test-hooks"))]
    {
        true
    }
}

/// One alternative of a clause.
enum Alt {
    /// A term, matched and highlighted.
    One(Term),
    /// Terms that must all match.
    All(Vec<Term>),
    /// A label of a concept the query names: highlighted, but matched through the concept's
    /// token (every occurrence of the label carries it).
    Label(Term),
    /// The concept token of a concept the query names ([`concept_tokens`]): matched only.
    Token(i64),
}

/// Which expression [`write_query`] writes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// What search matches: concept tokens instead of labels.
    Match,
    /// What snippets highlight: the labels.
    Highlight,
}

impl Alt {
    fn written_in(&self, mode: Mode) -> bool {
        match self {
            Alt::One(_) | Alt::All(_) => true,
            Alt::Label(_) => mode == Mode::Highlight,
            Alt::Token(_) => mode == Mode::Match,
        }
    }
}

/// Whether search expands queries (benchmarks compare with and without; test hook).
#[cfg(feature = "test-hooks")]
static ENABLED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// Turns expansion on or off for the whole process, so that a benchmark can measure what it
/// costs. Test hook: only with the `test-hooks` feature.
#[cfg(feature = "test-hooks")]
pub fn set_expansion_enabled(on: bool) {
    ENABLED.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// Expands `expr` against `lexicon` (reading the index words on `conn` when needed).
pub(crate) fn expand(
    expr: &SearchExpr,
    conn: &Connection,
    lexicon: &Lexicon,
    fuzzy: bool,
) -> Result<Expanded> {
    #[cfg(feature = "test-hooks")]
    if !ENABLED.load(std::sync::atomic::Ordering::Relaxed) {
        let fts = expr.to_fts5();
        let fts_exclude_only = fts.is_none().then(|| expr.exclusions_to_fts5()).flatten();
        return Ok(Expanded {
            fts,
            fts_exclude_only,
            ..Expanded::default()
        });
    }
    let mut b = Builder {
        conn,
        lexicon,
        words: None,
        concepts: Vec::new(),
        suggestions: Vec::new(),
        fuzzy,
        changed: false,
    };
    let whole = expr.groups().len() == 1 && expr.groups()[0].len() == 1;
    let mut clauses: Vec<Vec<Alt>> = Vec::new();
    let groups = expr.groups();
    let mut i = 0;
    while i < groups.len() {
        if let Some((end, clause)) = b.span_at(groups, i, whole)? {
            clauses.push(clause);
            i = end;
            continue;
        }
        let mut clause = Vec::new();
        for term in &groups[i] {
            clause.extend(b.alternatives(term, true, whole)?);
        }
        clauses.push(clause);
        i += 1;
    }
    let mut excluded: Vec<Vec<Alt>> = Vec::new();
    for term in expr.excluded() {
        excluded.push(b.alternatives(term, false, false)?);
    }
    let (fts, fts_highlight, fts_exclude_only) = if b.changed {
        let write = |mode| (!clauses.is_empty()).then(|| write_query(&clauses, &excluded, mode));
        let fts = write(Mode::Match);
        let highlight = write(Mode::Highlight).filter(|h| Some(h) != fts.as_ref());
        let exclude_only = (clauses.is_empty() && !excluded.is_empty()).then(|| {
            let mut out = String::new();
            let all: Vec<&Alt> = excluded
                .iter()
                .flatten()
                .filter(|a| a.written_in(Mode::Match))
                .collect();
            write_any(&all, &mut out);
            out
        });
        (fts, highlight, exclude_only)
    } else {
        let fts = expr.to_fts5();
        let exclude_only = if fts.is_none() {
            expr.exclusions_to_fts5()
        } else {
            None
        };
        (fts, None, exclude_only)
    };
    Ok(Expanded {
        fts,
        fts_highlight,
        fts_exclude_only,
        concepts: b.concepts,
        suggestions: b.suggestions,
    })
}

/// The concepts a query word or phrase names ([`Builder::concept_labels`]).
#[derive(Default)]
struct Named {
    /// Their labels other than the query's, as terms (for highlighting).
    labels: Vec<Term>,
    /// Their row ids, whose tokens match every publication that holds one of the labels.
    tokens: Vec<i64>,
    /// Whether the query's term is one of these labels, word for word (then the tokens find
    /// every publication it finds).
    covers_typed: bool,
}

struct Builder<'a> {
    conn: &'a Connection,
    lexicon: &'a Lexicon,
    words: Option<Words<'a>>,
    concepts: Vec<QueryConcept>,
    suggestions: Vec<String>,
    fuzzy: bool,
    changed: bool,
}

/// Whether a term may be expanded: typed plainly (not quoted, not a prefix).
fn plain(term: &Term) -> bool {
    !term.is_quoted() && !term.is_prefix()
}

fn key_of(terms: &[&Term]) -> String {
    let mut out = String::new();
    for term in terms {
        for token in term.tokens() {
            let folded = fold::key(token);
            if folded.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&folded);
        }
    }
    out
}

impl<'a> Builder<'a> {
    /// Where this search looks index words up (decided once per search).
    fn words(&mut self) -> Result<&Words<'a>> {
        if self.words.is_none() {
            self.words = Some(self.lexicon.words(self.conn)?);
        }
        let conn = self.conn;
        Ok(self.words.get_or_insert(Words::Index(conn)))
    }

    /// Two or more consecutive one-word groups starting at `start` that together are a
    /// concept label (the longest such run): the end of the run and its clause.
    fn span_at(
        &mut self,
        groups: &[Vec<Term>],
        start: usize,
        whole: bool,
    ) -> Result<Option<(usize, Vec<Alt>)>> {
        let mut run: Vec<&Term> = Vec::new();
        for group in &groups[start..] {
            match group.as_slice() {
                [term] if plain(term) => run.push(term),
                _ => break,
            }
            if key_of(&run).split(' ').count() > self.lexicon.longest_label {
                run.pop();
                break;
            }
        }
        while run.len() >= 2 {
            let key = key_of(&run);
            let named = self.concept_labels(&key, whole, true, None);
            if !named.tokens.is_empty() {
                let mut clause = vec![Alt::All(run.iter().map(|t| (*t).clone()).collect())];
                clause.extend(named.labels.into_iter().map(Alt::Label));
                clause.extend(named.tokens.into_iter().map(Alt::Token));
                self.changed = true;
                return Ok(Some((start + run.len(), clause)));
            }
            run.pop();
        }
        Ok(None)
    }

    /// The concepts named by `key`: their labels (as terms) other than `key` itself, and
    /// their tokens; records the concepts when `record`. `typed`: the query's term, to tell
    /// whether one of the labels is that very phrase (then the tokens find all it finds).
    fn concept_labels(
        &mut self,
        key: &str,
        allow_ambiguous: bool,
        record: bool,
        typed: Option<&Term>,
    ) -> Named {
        let mut named = Named::default();
        let typed_words = typed.map(|t| fts_words::words(&t.tokens().join(" ")));
        let mut keys: Vec<&str> = vec![key];
        for &(index, ambiguous) in self.lexicon.concepts_named(key) {
            if ambiguous && !allow_ambiguous {
                continue;
            }
            let concept = &self.lexicon.concepts[index];
            if record && !self.concepts.iter().any(|c| c.concept.id == concept.id) {
                let query = concept
                    .labels
                    .iter()
                    .find(|l| l.key == key)
                    .map_or_else(|| key.to_owned(), |l| l.text.clone());
                self.concepts.push(QueryConcept {
                    query,
                    concept: concept.clone(),
                });
            }
            if !named.tokens.contains(&concept.id) {
                named.tokens.push(concept.id);
            }
            for label in &concept.labels {
                if label.ambiguous {
                    continue;
                }
                if let Some(words) = &typed_words {
                    if !named.covers_typed && *words == fts_words::words(&label.text) {
                        named.covers_typed = true;
                    }
                }
                if keys.contains(&label.key.as_str()) {
                    continue;
                }
                keys.push(&label.key);
                let tokens = tokenize(&label.text);
                if !tokens.is_empty() {
                    named.labels.push(Term::plain(tokens));
                }
            }
        }
        named
    }

    /// A term and its alternatives.
    fn alternatives(&mut self, term: &Term, positive: bool, whole: bool) -> Result<Vec<Alt>> {
        if shadows_token(term) {
            // Written with a column filter ([`write_alt`]).
            self.changed = true;
        }
        if !plain(term) {
            return Ok(vec![Alt::One(term.clone())]);
        }
        let key = key_of(&[term]);
        let named = self.concept_labels(&key, whole, positive, Some(term));
        let mut out = vec![if named.covers_typed {
            Alt::Label(term.clone())
        } else {
            Alt::One(term.clone())
        }];
        if !named.tokens.is_empty() {
            self.changed = true;
        }
        out.extend(named.labels.into_iter().map(Alt::Label));
        out.extend(named.tokens.into_iter().map(Alt::Token));
        let mut added: Vec<Term> = Vec::new();
        if term.tokens().len() == 1 && expandable(&key) {
            let expansion = self.word_expansion(&key, positive)?;
            if let Some(close_words) = expansion.close_words.as_ref().filter(|_| positive) {
                let typed = &term.tokens()[0];
                for close in close_words {
                    let suggestion = cased_like(close, typed);
                    if !self
                        .suggestions
                        .iter()
                        .any(|s| s.eq_ignore_ascii_case(&suggestion))
                    {
                        if self.fuzzy {
                            added.push(Term::plain(tokenize(&suggestion)));
                        }
                        self.suggestions.push(suggestion);
                    }
                }
            }
            added.extend(
                expansion
                    .inflections
                    .iter()
                    .map(|w| Term::plain(vec![w.clone()])),
            );
        }
        if !added.is_empty() {
            self.changed = true;
        }
        out.extend(added.into_iter().map(Alt::One));
        Ok(out)
    }

    /// What the query word `key` (folded, expandable) expands to: from the lexicon's memo
    /// when a search of this catalogue version expanded it already, else worked out and kept
    /// there. Close words are worked out only when `want_close` (a positive term: an excluded
    /// word's suggestions are never shown, and a rare word's first look-up reads the whole
    /// word list), and only for a rare word that names no concept.
    fn word_expansion(&mut self, key: &str, want_close: bool) -> Result<Arc<WordExpansion>> {
        let known = if memo_enabled() {
            self.lexicon.expansion_of(key)
        } else {
            None
        };
        let (inflections, documents) = match known {
            Some(known) if !want_close || known.close_words.is_some() => return Ok(known),
            Some(known) => (known.inflections.clone(), known.documents),
            None => {
                let Inflections { forms, documents } = inflections(key, self.words()?)?;
                (forms, documents)
            }
        };
        let close_words = want_close.then(|| -> Result<Vec<String>> {
            let names_concept = !self.lexicon.concepts_named(key).is_empty();
            if names_concept || !worth_checking(documents, self.lexicon.publications) {
                return Ok(Vec::new());
            }
            // Close words need the whole list of index words.
            let all = self.lexicon.index_words(self.conn)?;
            Ok(close_words(key, documents, &all, self.lexicon))
        });
        let expansion = Arc::new(WordExpansion {
            inflections,
            documents,
            close_words: close_words.transpose()?,
        });
        if memo_enabled() {
            self.lexicon.keep_expansion(key, &expansion);
        }
        Ok(expansion)
    }
}

/// The positive clauses (AND) and the exclusions as one FTS5 expression, as `mode` writes
/// them.
fn write_query(clauses: &[Vec<Alt>], excluded: &[Vec<Alt>], mode: Mode) -> String {
    fn written(clause: &[Alt], mode: Mode) -> Vec<&Alt> {
        clause.iter().filter(|a| a.written_in(mode)).collect()
    }
    let clauses: Vec<Vec<&Alt>> = clauses.iter().map(|c| written(c, mode)).collect();
    let excluded: Vec<Vec<&Alt>> = excluded.iter().map(|c| written(c, mode)).collect();
    let mut out = String::new();
    let wrap = !excluded.is_empty() && clauses.len() > 1;
    if wrap {
        out.push('(');
    }
    let single = |c: &[&Alt]| matches!(c, [Alt::One(_) | Alt::Label(_) | Alt::Token(_)]);
    for (i, clause) in clauses.iter().enumerate() {
        if i > 0 {
            // As in `SearchExpr::to_fts5`: FTS5's implicit AND between two phrases.
            let joins_phrases = single(clause) && single(&clauses[i - 1]);
            out.push_str(if joins_phrases { " " } else { " AND " });
        }
        write_clause(clause, &mut out);
    }
    if wrap {
        out.push(')');
    }
    for clause in &excluded {
        out.push_str(" NOT ");
        write_clause(clause, &mut out);
    }
    out
}

fn write_clause(clause: &[&Alt], out: &mut String) {
    if clause.len() > 1 {
        out.push('(');
        write_any(clause, out);
        out.push(')');
    } else if let Some(alt) = clause.first() {
        write_alt(alt, out);
    }
}

fn write_any(alts: &[&Alt], out: &mut String) {
    for (i, alt) in alts.iter().enumerate() {
        if i > 0 {
            out.push_str(" OR ");
        }
        write_alt(alt, out);
    }
}

/// Whether `term` is one word that could match the index's concept tokens (`z*`, `zz*`,
/// `zzconcept12`): it is searched in the columns of text only.
fn shadows_token(term: &Term) -> bool {
    match term.tokens() {
        [token] => fts_words::words(token)
            .iter()
            .any(|w| concept_tokens::shadows_token(w)),
        _ => false,
    }
}

fn write_alt(alt: &Alt, out: &mut String) {
    match alt {
        Alt::One(term) | Alt::Label(term) => {
            if shadows_token(term) {
                out.push_str(concept_tokens::TEXT_COLUMNS);
                out.push_str(" : ");
            }
            term.write_fts5(out);
        }
        Alt::Token(concept) => {
            // A token is one index word of letters and digits: nothing to escape.
            out.push('"');
            out.push_str(&concept_tokens::token(*concept));
            out.push('"');
        }
        Alt::All(terms) => {
            out.push('(');
            for (i, term) in terms.iter().enumerate() {
                if i > 0 {
                    out.push_str(" AND ");
                }
                term.write_fts5(out);
            }
            out.push(')');
        }
    }
}
