//! Inflections of a query word: the words of the full-text index that the Snowball stemmer of
//! English, French or Dutch reduces to the same stem (`roadblock` → `roadblocks`, `minerai` →
//! `minerais`, `diamond` → `diamonds`).
//!
//! The index keeps exact words (phrases and quoted words still match exactly); a query word is
//! expanded against the index's own vocabulary instead. Only words of [`MIN_LETTERS`] letters
//! or more, made of letters only, are expanded: short words (`or`, `tin`, `M23`) would
//! conflate unrelated words.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use super::lexicon::Words;
use crate::error::Result;

/// Shortest word (in letters) that is expanded to its inflections.
pub const MIN_LETTERS: usize = 4;

/// The most inflections added for one word (the most frequent first).
pub const MAX_INFLECTIONS: usize = 8;

/// The stemmers used, for every query (a catalogue mixes languages).
fn stemmers() -> &'static [Stemmer; 3] {
    static STEMMERS: OnceLock<[Stemmer; 3]> = OnceLock::new();
    STEMMERS.get_or_init(|| {
        [
            Stemmer::create(Algorithm::English),
            Stemmer::create(Algorithm::French),
            Stemmer::create(Algorithm::Dutch),
        ]
    })
}

/// Whether `word` (folded) is expanded: letters only, at least [`MIN_LETTERS`].
pub(crate) fn expandable(word: &str) -> bool {
    word.chars().all(char::is_alphabetic) && word.chars().count() >= MIN_LETTERS
}

/// A query word's inflections found in the index.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Inflections {
    /// The other words of the index that share a stem with the word in English, French or
    /// Dutch, most frequent first, at most [`MAX_INFLECTIONS`].
    pub forms: Vec<String>,
    /// Publications containing the word or one of its forms (a publication with two forms
    /// counts twice).
    pub documents: u64,
}

/// The inflections of `word` (folded) in the index `words`: one prefix lookup (the shortest
/// prefix any stemmer needs), then each candidate is stemmed. Stems are prefixes of the word
/// but for a last letter a stemmer may rewrite (`studies` → `studi`), hence the stem minus
/// one letter.
pub(crate) fn inflections(word: &str, words: &Words<'_>) -> Result<Inflections> {
    if !expandable(word) {
        return Ok(Inflections::default());
    }
    let stems: Vec<(&Stemmer, String)> = stemmers()
        .iter()
        .map(|stemmer| (stemmer, stemmer.stem(word).into_owned()))
        .collect();
    let keep = stems
        .iter()
        .map(|(_, stem)| stem.chars().count().saturating_sub(1).max(MIN_LETTERS - 1))
        .min()
        .unwrap_or(MIN_LETTERS - 1);
    let prefix: String = word.chars().take(keep).collect();
    let mut found: Vec<(String, u32)> = Vec::new();
    let mut documents = 0u64;
    for (candidate, count) in words.with_prefix(&prefix)? {
        if candidate == word {
            documents += u64::from(count);
        } else if expandable(&candidate)
            && stems
                .iter()
                .any(|(stemmer, stem)| stemmer.stem(&candidate) == stem.as_str())
        {
            found.push((candidate, count));
        }
    }
    found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    found.truncate(MAX_INFLECTIONS);
    documents += found.iter().map(|(_, c)| u64::from(*c)).sum::<u64>();
    Ok(Inflections {
        forms: found.into_iter().map(|(w, _)| w).collect(),
        documents,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::sync::Arc;

    use crate::query::lexicon::IndexWords;

    fn words(list: &[(&str, u32)]) -> Words<'static> {
        Words::Loaded(Arc::new(IndexWords::from_words(
            list.iter().map(|(w, d)| ((*w).to_owned(), *d)).collect(),
        )))
    }

    fn inflections(word: &str, words: &Words<'_>) -> Vec<String> {
        super::inflections(word, words).unwrap().forms
    }

    #[test]
    fn plural_and_singular_in_english_french_and_dutch() {
        let index = words(&[
            ("diamond", 18),
            ("diamonds", 7),
            ("diamant", 3),
            ("minerai", 4),
            ("minerais", 9),
            ("roadblock", 3),
            ("roadblocks", 7),
            ("studies", 2),
            ("study", 5),
            ("mijnen", 2),
            ("mijn", 3),
        ]);
        assert_eq!(inflections("roadblock", &index), ["roadblocks"]);
        assert_eq!(inflections("roadblocks", &index), ["roadblock"]);
        assert_eq!(inflections("diamond", &index), ["diamonds"]);
        assert_eq!(inflections("minerai", &index), ["minerais"]);
        assert_eq!(inflections("study", &index), ["studies"]);
        assert_eq!(inflections("mijnen", &index), ["mijn"]);
        let counted = super::inflections("diamond", &index).unwrap();
        assert_eq!(counted.documents, 18 + 7);
    }

    #[test]
    fn short_words_numbers_and_unknown_words_are_not_expanded() {
        let index = words(&[("or", 9), ("ors", 1), ("m23", 4), ("cobalt", 3)]);
        assert!(inflections("or", &index).is_empty());
        assert!(inflections("m23", &index).is_empty());
        assert!(inflections("cobolt", &index).is_empty());
        assert!(inflections("cobalt", &index).is_empty());
    }
}
