//! pubcat's own search syntax, compiled to a safe SQLite FTS5 `MATCH` expression.
//!
//! Users never write FTS5 syntax. They write a small, forgiving language that [`parse`] turns
//! into a [`SearchExpr`], and [`SearchExpr::to_fts5`] writes an FTS5 expression in which every
//! piece of user text sits inside a double-quoted string (with any `"` doubled). Nothing the
//! user types can become an FTS5 operator, a column filter, a `NEAR` group or a syntax error.
//!
//! # The syntax
//!
//! | You type            | Means                                         | FTS5 written              |
//! |---------------------|-----------------------------------------------|---------------------------|
//! | `cobalt gold`       | both words (AND)                              | `"cobalt" "gold"`         |
//! | `"gold rush"`       | the phrase                                    | `"gold rush"`             |
//! | `cob*`              | a word starting with `cob`                    | `"cob"*`                  |
//! | `"gold ru"*`        | a phrase whose last word starts with `ru`     | `"gold ru"*`              |
//! | `gold -cobalt`      | `gold` but not `cobalt`                       | `"gold" NOT "cobalt"`     |
//! | `-"gold rush"`      | excludes the phrase                           | `... NOT "gold rush"`     |
//! | `gold OR cobalt`    | either word                                   | `("gold" OR "cobalt")`    |
//! | `multi-agent`       | the adjacent tokens `multi` `agent`           | `"multi agent"`           |
//! | `l’exploitation`    | the adjacent tokens `l` `exploitation`        | `"l exploitation"`        |
//! | `NEAR(a b)`         | just text: the words `near`, `a`, `b`         | `"NEAR a" "b"`            |
//!
//! Rules, in detail:
//!
//! - **Words** are separated by whitespace. Each word is split into tokens the way FTS5's
//!   `unicode61` tokenizer splits text (see [`tokenize`]) and becomes one phrase of adjacent
//!   tokens, so `don't` is `"don t"`, `10.0.0.1` is `"10 0 0 1"` and `Sud-Kivu` is
//!   `"Sud Kivu"`: each matches exactly the text it was copied from. Case and, with
//!   `remove_diacritics`, accents are folded by FTS5 itself: `ecole` finds `école`.
//! - **Phrases**: `"..."` searches the tokens in order. A `"` always starts or ends a phrase,
//!   even in the middle of a word; an unterminated quote runs to the end of the input.
//! - **Prefix**: a word ending in `*` (or a phrase directly followed by `*`) matches tokens
//!   that start with its last token. A bare `*` or `**` has no token and is ignored.
//! - **Exclusion**: `-word`, `-cob*` or `-"phrase"` at the start of a word excludes rows
//!   containing it. `--x` excludes `x`; a lone `-` is ignored; `a-b` is the phrase `"a b"`.
//! - **OR** (uppercase only, not quoted) between two positive terms matches either; it binds
//!   tighter than the implicit AND, so `a OR b c` is `(a OR b) AND c`, and `a OR b OR c`
//!   is one group. `or` and `Or` are ordinary words. A leading, trailing or repeated `OR`,
//!   or one next to an exclusion (`a OR -b`), is ignored.
//! - **Everything else is text.** `AND`, `NOT`, `NEAR`, parentheses, `:`, `^`, `+`, `{}`,
//!   punctuation, NUL and control characters are never written raw: `AND` searches the word
//!   "and", `col:x` the phrase `"col x"`, `(` has no token and is ignored.
//! - A word that has no token at all (`(`, `...`, `😀`) is ignored, as if it were not there.
//!
//! # Queries with nothing to match
//!
//! FTS5 cannot answer "every row except ...". A query whose only terms are exclusions (or
//! that is empty, blank, or pure punctuation) has no positive term: [`SearchExpr::is_empty`]
//! is `true` and [`SearchExpr::to_fts5`] returns `None` (and [`compile`] an
//! [`Error::InvalidQuery`]). The exclusions are still in the AST ([`SearchExpr::excluded`])
//! and [`SearchExpr::exclusions_to_fts5`] writes them as one expression, so a caller that wants
//! "everything but" can run `rowid NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)`.
//!
//! # Limits
//!
//! Only the first [`MAX_INPUT_CHARS`] characters of the input are read and only the first
//! [`MAX_TERMS`] terms (positive or excluded, each with at least one token) are kept; the
//! rest is dropped silently. Parsing a 100 KB string is therefore as cheap as a 10 KB one.
//!
//! # Fidelity to `unicode61`
//!
//! Tokens are maximal runs of letters and digits of any script ([`char::is_alphanumeric`])
//! or private-use characters; a combining accent (U+0300..U+036F) continues a token, as in
//! `unicode61` (checked against the real tokenizer in the tests). Its Unicode tables are
//! older than Rust's, so a few rare characters differ, never unsafely: a vowel sign that Rust
//! calls alphabetic (Devanagari `ि`, circled `Ⓐ`) stays in our token and FTS5 splits the
//! quoted string again exactly as it split the indexed text, but a word made only of such
//! signs is an empty FTS5 phrase, which matches no row (next to another plain word, FTS5's
//! implicit AND skips it). Symbols newer than those tables, which `unicode61` keeps as
//! tokens (some recent emoji such as `🦀`), are separators here and cannot be searched.
//!
//! ```
//! use pubcat::query::syntax::parse;
//!
//! let expr = parse(r#"multi-agent "gold rush" cob* -cobalt"#);
//! assert_eq!(
//!     expr.to_fts5().as_deref(),
//!     Some(r#"("multi agent" "gold rush" "cob"*) NOT "cobalt""#)
//! );
//! assert_eq!(parse("-cobalt").to_fts5(), None);
//! ```

// Parts of the parser are used only by its tests and (feature `test-hooks`) the fuzzer.
#![cfg_attr(not(any(test, feature = "test-hooks")), allow(dead_code))]

use crate::error::{Error, Result};

/// The number of characters of a query that are read; the rest is ignored.
pub const MAX_INPUT_CHARS: usize = 10_000;

/// The number of terms (positive or excluded) that are kept; later ones are ignored.
pub const MAX_TERMS: usize = 64;

/// One searchable unit: a phrase of adjacent tokens, possibly a prefix.
///
/// ```
/// use pubcat::query::syntax::parse;
///
/// let expr = parse("multi-ag*");
/// let term = &expr.groups()[0][0];
/// assert_eq!(term.tokens(), ["multi", "ag"]);
/// assert!(term.is_prefix());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    tokens: Vec<String>,
    prefix: bool,
    quoted: bool,
}

impl Term {
    /// The tokens, in order, exactly as typed (FTS5 folds case and accents). Never empty.
    pub fn tokens(&self) -> &[String] {
        &self.tokens
    }

    /// Whether the last token matches any token that starts with it.
    pub fn is_prefix(&self) -> bool {
        self.prefix
    }

    /// Whether the term was typed in quotes (`"gold rush"`): search matches it exactly,
    /// without expanding it to inflections, other labels of a concept or close words.
    ///
    /// ```
    /// use pubcat::query::syntax::parse;
    /// assert!(parse(r#""roadblocks""#).groups()[0][0].is_quoted());
    /// assert!(!parse("roadblocks").groups()[0][0].is_quoted());
    /// ```
    pub fn is_quoted(&self) -> bool {
        self.quoted
    }

    /// A plain (unquoted, not prefix) term of `tokens`, for alternatives that search adds.
    pub(crate) fn plain(tokens: Vec<String>) -> Term {
        Term {
            tokens,
            prefix: false,
            quoted: false,
        }
    }

    /// The term as the user would read it: tokens joined by a space, `*` for a prefix.
    fn display(&self) -> String {
        let mut text = self.tokens.join(" ");
        if self.prefix {
            text.push('*');
        }
        text
    }

    /// Appends the term as an FTS5 string: quoted, inner `"` doubled, `*` for a prefix.
    pub(crate) fn write_fts5(&self, out: &mut String) {
        out.push('"');
        for (i, token) in self.tokens.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            for c in token.chars() {
                if c == '"' {
                    out.push('"');
                }
                out.push(c);
            }
        }
        out.push('"');
        if self.prefix {
            out.push('*');
        }
    }
}

/// A parsed query: an AND of groups (each an OR of [`Term`]s), minus excluded terms.
///
/// Build one with [`parse`]; it never fails. [`Default`] is the empty query.
///
/// ```
/// use pubcat::query::syntax::parse;
///
/// let expr = parse("gold OR cobalt mining -copper");
/// assert_eq!(expr.groups().len(), 2);
/// assert_eq!(expr.excluded().len(), 1);
/// assert_eq!(expr.terms(), ["gold", "cobalt", "mining"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchExpr {
    groups: Vec<Vec<Term>>,
    excluded: Vec<Term>,
}

impl SearchExpr {
    /// `true` when there is no positive term, so nothing can be matched: the query was
    /// empty, blank, pure punctuation or made only of exclusions.
    ///
    /// ```
    /// use pubcat::query::syntax::parse;
    ///
    /// assert!(parse("  ( ) * -").is_empty());
    /// assert!(parse("-cobalt").is_empty());
    /// assert!(!parse("gold -cobalt").is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The positive part: every group must match; a group matches when any of its terms
    /// does. Groups and terms are never empty.
    pub fn groups(&self) -> &[Vec<Term>] {
        &self.groups
    }

    /// The excluded terms (`-word`, `-"phrase"`), in input order.
    pub fn excluded(&self) -> &[Term] {
        &self.excluded
    }

    /// The FTS5 `MATCH` expression, or `None` when [`is_empty`](Self::is_empty).
    ///
    /// Plain terms are joined by FTS5's implicit AND (a space), OR groups are parenthesised
    /// and joined by `AND`, and exclusions follow as `NOT` clauses. Bind the result as a
    /// parameter (`WHERE fts MATCH ?1`); it is safe for any input.
    ///
    /// ```
    /// use pubcat::query::syntax::parse;
    ///
    /// assert_eq!(parse("don't").to_fts5().as_deref(), Some(r#""don t""#));
    /// assert_eq!(
    ///     parse("gold OR cobalt -NEAR(").to_fts5().as_deref(),
    ///     Some(r#"("gold" OR "cobalt") NOT "NEAR""#)
    /// );
    /// assert_eq!(parse("AND").to_fts5().as_deref(), Some(r#""AND""#));
    /// assert_eq!(parse("-x").to_fts5(), None);
    /// ```
    pub fn to_fts5(&self) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let mut out = String::new();
        let wrap = !self.excluded.is_empty() && self.groups.len() > 1;
        if wrap {
            out.push('(');
        }
        for (i, group) in self.groups.iter().enumerate() {
            if i > 0 {
                // FTS5's implicit AND only joins phrases; it ignores a phrase that its
                // tokenizer reduces to nothing, where an explicit AND would match no row.
                let joins_phrases = group.len() == 1 && self.groups[i - 1].len() == 1;
                out.push_str(if joins_phrases { " " } else { " AND " });
            }
            write_group(group, &mut out);
        }
        if wrap {
            out.push(')');
        }
        for term in &self.excluded {
            out.push_str(" NOT ");
            term.write_fts5(&mut out);
        }
        Some(out)
    }

    /// The excluded terms as one FTS5 expression (`"a" OR "b"`), or `None` if there are
    /// none. For callers that implement an exclusion-only query as "every row but these".
    ///
    /// ```
    /// use pubcat::query::syntax::parse;
    ///
    /// let expr = parse("-cobalt -\"gold rush\"");
    /// assert_eq!(expr.to_fts5(), None);
    /// assert_eq!(
    ///     expr.exclusions_to_fts5().as_deref(),
    ///     Some(r#""cobalt" OR "gold rush""#)
    /// );
    /// ```
    pub fn exclusions_to_fts5(&self) -> Option<String> {
        let mut out = String::new();
        write_any(&self.excluded, &mut out);
        (!out.is_empty()).then_some(out)
    }

    /// The positive terms, in input order, for highlighting or debugging: each term's
    /// tokens joined by a space, followed by `*` for a prefix. Exclusions are left out.
    ///
    /// ```
    /// use pubcat::query::syntax::parse;
    ///
    /// assert_eq!(
    ///     parse(r#"multi-agent OR "gold rush" cob* -copper"#).terms(),
    ///     ["multi agent", "gold rush", "cob*"]
    /// );
    /// ```
    pub fn terms(&self) -> Vec<String> {
        self.groups.iter().flatten().map(Term::display).collect()
    }
}

/// Appends the terms joined by ` OR `, parenthesised when there are several.
fn write_group(group: &[Term], out: &mut String) {
    if group.len() > 1 {
        out.push('(');
        write_any(group, out);
        out.push(')');
    } else {
        write_any(group, out);
    }
}

/// Appends the terms joined by ` OR `.
fn write_any(terms: &[Term], out: &mut String) {
    for (i, term) in terms.iter().enumerate() {
        if i > 0 {
            out.push_str(" OR ");
        }
        term.write_fts5(out);
    }
}

/// Parses a user query. Never fails and never panics: anything that is not syntax is text,
/// and text without a token is ignored. See the [module docs](self) for the syntax.
///
/// ```
/// use pubcat::query::syntax::parse;
///
/// assert_eq!(parse("sud-kivu M23").to_fts5().as_deref(), Some(r#""sud kivu" "M23""#));
/// assert_eq!(parse("10.0.0.1").to_fts5().as_deref(), Some(r#""10 0 0 1""#));
/// assert_eq!(parse("\0 ( ) NEAR(").terms(), ["NEAR"]);
/// ```
pub fn parse(input: &str) -> SearchExpr {
    let input = match input.char_indices().nth(MAX_INPUT_CHARS) {
        Some((end, _)) => &input[..end],
        None => input,
    };
    let mut expr = SearchExpr::default();
    let mut kept = 0;
    // `after_positive`: the last kept lexeme is a positive term, so an OR may follow it.
    let (mut after_positive, mut pending_or) = (false, false);
    for lexeme in (Lexer { rest: input }) {
        let (text, negated, prefix, quoted) = match lexeme {
            Lexeme::Or => {
                pending_or = after_positive;
                continue;
            }
            Lexeme::Term {
                text,
                negated,
                prefix,
                quoted,
            } => (text, negated, prefix, quoted),
        };
        let tokens = tokenize(text);
        if tokens.is_empty() {
            continue;
        }
        if kept == MAX_TERMS {
            break;
        }
        kept += 1;
        let term = Term {
            tokens,
            prefix,
            quoted,
        };
        if negated {
            expr.excluded.push(term);
        } else {
            match expr.groups.last_mut() {
                Some(group) if pending_or => group.push(term),
                _ => expr.groups.push(vec![term]),
            }
        }
        after_positive = !negated;
        pending_or = false;
    }
    expr
}

/// Parses `input` and compiles it to an FTS5 `MATCH` expression in one step.
///
/// # Errors
///
/// [`Error::InvalidQuery`] when the query has no positive term (see
/// [`SearchExpr::is_empty`]).
///
/// ```
/// use pubcat::query::syntax::compile;
/// use pubcat::ErrorKind;
///
/// assert_eq!(compile("cob*").ok().as_deref(), Some(r#""cob"*"#));
/// assert_eq!(compile("-cobalt").map_err(|e| e.kind()).err(), Some(ErrorKind::InvalidQuery));
/// ```
pub fn compile(input: &str) -> Result<String> {
    parse(input).to_fts5().ok_or_else(|| {
        Error::InvalidQuery(
            "the query has no word to search for (only exclusions or punctuation)".into(),
        )
    })
}

/// Splits text into tokens the way FTS5's `unicode61` tokenizer does, without folding case
/// or accents: maximal runs of letters and digits of any script and private-use characters,
/// where a combining accent (U+0300..U+036F) continues a token but never starts one.
///
/// ```
/// use pubcat::query::syntax::tokenize;
///
/// assert_eq!(tokenize("l’exploitation"), ["l", "exploitation"]);
/// assert_eq!(tokenize("Multi-agent, 10.0.0.1!"), ["Multi", "agent", "10", "0", "0", "1"]);
/// assert_eq!(tokenize("école e\u{301}cole"), ["école", "e\u{301}cole"]);
/// assert!(tokenize("(\0) -- 😀").is_empty());
/// ```
pub fn tokenize(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        if is_token_char(c) || (!current.is_empty() && ('\u{300}'..='\u{36F}').contains(&c)) {
            current.push(c);
        } else if !current.is_empty() {
            tokens.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

fn is_token_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}')
}

/// One lexical item of the user syntax, before tokenisation.
#[derive(Debug, PartialEq)]
enum Lexeme<'a> {
    /// The uppercase `OR` operator.
    Or,
    /// A word or a quoted phrase, its text still raw.
    Term {
        text: &'a str,
        negated: bool,
        prefix: bool,
        quoted: bool,
    },
}

/// Cuts the input into [`Lexeme`]s; every step consumes at least one character.
struct Lexer<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Lexeme<'a>;

    fn next(&mut self) -> Option<Lexeme<'a>> {
        let rest = self.rest.trim_start();
        let mut chars = rest.chars();
        let negated = chars.next() == Some('-') && chars.next().is_some_and(|c| !c.is_whitespace());
        let rest = if negated { &rest[1..] } else { rest };
        if rest.is_empty() {
            return None;
        }
        if let Some(body) = rest.strip_prefix('"') {
            let end = body.find('"').unwrap_or(body.len());
            let after = body.get(end + 1..).unwrap_or("");
            let unstarred = after.trim_start_matches('*');
            self.rest = unstarred;
            let prefix = unstarred.len() < after.len();
            return Some(Lexeme::Term {
                text: &body[..end],
                negated,
                prefix,
                quoted: true,
            });
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '"')
            .unwrap_or(rest.len());
        let (word, after) = rest.split_at(end);
        self.rest = after;
        if word == "OR" && !negated {
            return Some(Lexeme::Or);
        }
        let text = word.trim_end_matches('*');
        Some(Lexeme::Term {
            text,
            negated,
            prefix: text.len() < word.len(),
            quoted: false,
        })
    }
}

#[cfg(test)]
#[path = "syntax_tests.rs"]
mod tests;
