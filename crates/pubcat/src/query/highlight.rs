//! Highlighting in Rust: marks, in a title or a summary, the words a search matched, without
//! asking FTS5 to match the expression again row by row (which costs a seek per phrase and
//! per row: most of a type-ahead call for a prefix with several completions).
//!
//! Words are compared folded ([`crate::model::fold`]: lower case, no accents), token by token
//! as the index splits text, so `Fiscalité` in the text is marked for `fiscalite`. A phrase
//! of the query marks each of its words wherever they occur (not only together), which is
//! what a reader scanning a title needs.

use std::collections::{HashSet, VecDeque};

use super::{HIGHLIGHT_END, HIGHLIGHT_START};
use crate::model::fold;
use crate::model::stopwords::is_stopword;

/// What a search marks: folded whole words, and folded prefixes (`"mi"*` marks `mining`).
#[derive(Debug, Default)]
pub(crate) struct Marks {
    words: HashSet<String>,
    prefixes: Vec<String>,
}

impl Marks {
    /// Whether the folded token `folded` is marked.
    fn marks(&self, folded: &str) -> bool {
        self.words.contains(folded) || self.prefixes.iter().any(|p| folded.starts_with(p.as_str()))
    }

    /// Whether any prefix is marked (FTS5 would merge the doclists of every word it starts
    /// again to make a snippet).
    pub(crate) fn has_prefix(&self) -> bool {
        !self.prefixes.is_empty()
    }
}

/// The folded words of every quoted string of an FTS5 expression written by pubcat (every
/// piece of user text in it is a double-quoted string, `""` for a quote inside), except the
/// function words of phrases; a string followed by `*` marks its last word as a prefix.
pub(crate) fn words_of_expression(expr: &str) -> Marks {
    let mut out = Marks::default();
    let mut chars = expr.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut quoted = String::new();
        while let Some(c) = chars.next() {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    quoted.push('"');
                    continue;
                }
                break;
            }
            quoted.push(c);
        }
        let mut tokens: Vec<String> = fold::tokens(&quoted)
            .into_iter()
            .map(|(folded, _)| folded)
            .collect();
        let phrase = tokens.len() > 1;
        if chars.peek() == Some(&'*') {
            if let Some(last) = tokens.pop() {
                out.prefixes.push(last);
            }
        }
        // Inside a phrase (`tin, tantalum and tungsten`), function words would mark every
        // `and` of a title: only the phrase's other words are marked.
        out.words
            .extend(tokens.into_iter().filter(|f| !(phrase && is_stopword(f))));
    }
    out
}

/// The byte ranges of the tokens of `text` (maximal runs of letters, digits and combining
/// marks), each with its folded form, one at a time (a body can hold millions of tokens).
fn tokens(text: &str) -> impl Iterator<Item = (usize, usize, String)> + '_ {
    let is_token_char =
        |c: char| c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c);
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|(_, c)| is_token_char(*c))?;
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !is_token_char(c) {
                end = i;
                break;
            }
            chars.next();
        }
        Some((start, end, fold::key(&text[start..end])))
    })
}

/// `text` with the marked tokens between the highlight marks, or `None` when none is; when
/// `window` is given, only a passage of that many tokens around the first mark (a quarter of
/// it before, unless the text ends sooner), with `…` where text was cut. Reads the text up to
/// the end of the passage and keeps only the passage's tokens.
pub(crate) fn highlight(text: &str, words: &Marks, window: Option<usize>) -> Option<String> {
    let mut all = tokens(text);
    let keep_before = window.unwrap_or(usize::MAX);
    // The tokens before the first mark that the passage may still start at, and whether
    // earlier ones were dropped.
    let mut before: VecDeque<(usize, usize, String)> = VecDeque::new();
    let mut dropped = false;
    let first = loop {
        let token = all.next()?;
        if words.marks(&token.2) {
            break token;
        }
        if before.len() == keep_before {
            before.pop_front();
            dropped = true;
        }
        before.push_back(token);
    };
    let mut passage: Vec<(usize, usize, String)> = before.into();
    let first_at = passage.len();
    passage.push(first);
    let (from, to, more_after) = match window {
        Some(n) => {
            // Up to `n` tokens from the first mark on, and one more to know if there is more.
            passage.extend(all.by_ref().take(n.saturating_sub(1)));
            let more_after = all.next().is_some();
            let from = first_at
                .saturating_sub(n / 4)
                .min(passage.len().saturating_sub(n));
            let to = (from + n).min(passage.len());
            (from, to, more_after || to < passage.len())
        }
        None => {
            passage.extend(all);
            (0, passage.len(), false)
        }
    };
    let tokens = passage.get(from..to)?;
    let (first_token, last_token) = (tokens.first()?, tokens.last()?);
    let cut_before = dropped || from > 0;
    let start_byte = if cut_before { first_token.0 } else { 0 };
    let end_byte = if more_after { last_token.1 } else { text.len() };
    let mut out = String::new();
    if cut_before {
        out.push('…');
    }
    let mut at = start_byte;
    for (s, e, folded) in tokens {
        if words.marks(folded) {
            out.push_str(text.get(at..*s)?);
            out.push_str(HIGHLIGHT_START);
            out.push_str(text.get(*s..*e)?);
            out.push_str(HIGHLIGHT_END);
            at = *e;
        }
    }
    out.push_str(text.get(at..end_byte)?);
    if more_after {
        out.push('…');
    }
    Some(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn set(words: &[&str]) -> Marks {
        Marks {
            words: words.iter().map(|w| (*w).to_owned()).collect(),
            prefixes: Vec::new(),
        }
    }

    #[test]
    fn quoted_words_of_an_expression_are_folded() {
        let words = words_of_expression(
            r#"(("taxation" OR "Fiscalité")) AND ("sud kivu" OR "say ""hi""") NOT "x" OR "tin and gold" OR "the""#,
        );
        assert!(words.marks("tin") && words.marks("gold") && words.marks("the"));
        assert!(!words.marks("and"), "a phrase's function word");
        for w in ["taxation", "fiscalite", "sud", "kivu", "say", "hi", "x"] {
            assert!(words.marks(w), "{w}: {words:?}");
        }
        assert!(!words.marks("or") && !words.marks("and"));
        assert!(!words.has_prefix());
    }

    #[test]
    fn a_starred_string_marks_its_last_word_as_a_prefix() {
        let marks = words_of_expression(r#""Mi"* OR "sud ki"* AND "gold""#);
        assert!(marks.has_prefix());
        let got = highlight(
            "Mining in Sud-Kivu: gold, minerals, kilos and Mbuji-Mayi",
            &marks,
            None,
        );
        assert_eq!(
            got.as_deref(),
            Some(
                "<mark>Mining</mark> in <mark>Sud</mark>-<mark>Kivu</mark>: <mark>gold</mark>, \
                 <mark>minerals</mark>, <mark>kilos</mark> and Mbuji-Mayi"
            )
        );
        assert_eq!(highlight("Aucun mot", &marks, None), None);
    }

    #[test]
    fn marks_whole_tokens_folded() {
        let words = set(&["fiscalite", "kivu"]);
        assert_eq!(
            highlight("La Fiscalité au Sud-Kivu (Kivus)", &words, None).as_deref(),
            Some("La <mark>Fiscalité</mark> au Sud-<mark>Kivu</mark> (Kivus)")
        );
        assert_eq!(highlight("Nothing here", &words, None), None);
    }

    #[test]
    fn a_long_text_is_read_only_up_to_its_passage() {
        let text = format!(
            "{}gold {}",
            "word ".repeat(100_000),
            "tail ".repeat(100_000)
        );
        let got = highlight(&text, &set(&["gold"]), Some(8)).unwrap();
        assert_eq!(
            got,
            "…word word <mark>gold</mark> tail tail tail tail tail…"
        );
        assert_eq!(highlight(&text, &set(&["absent"]), Some(8)), None);
        let whole = highlight("a gold b", &set(&["gold"]), Some(8)).unwrap();
        assert_eq!(whole, "a <mark>gold</mark> b");
    }

    #[test]
    fn a_window_cuts_around_the_first_mark() {
        let text = "one two three four five six seven eight nine ten gold eleven twelve";
        let got = highlight(text, &set(&["gold"]), Some(4)).unwrap();
        assert_eq!(got, "…ten <mark>gold</mark> eleven twelve");
        let got = highlight(text, &set(&["one"]), Some(3)).unwrap();
        assert_eq!(got, "<mark>one</mark> two three…");
        let got = highlight(text, &set(&["ten"]), Some(8)).unwrap();
        assert_eq!(
            got,
            "…six seven eight nine <mark>ten</mark> gold eleven twelve"
        );
    }
}
