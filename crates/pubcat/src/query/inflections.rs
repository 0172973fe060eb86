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

use super::lexicon::IndexWords;

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

/// The other words of the index that share a stem with `word` (folded) in English, French
/// or Dutch, most frequent first, at most [`MAX_INFLECTIONS`].
pub(crate) fn inflections(word: &str, words: &IndexWords) -> Vec<String> {
    if !expandable(word) {
        return Vec::new();
    }
    let mut found: Vec<(&str, u32)> = Vec::new();
    for stemmer in stemmers() {
        let stem = stemmer.stem(word);
        // Snowball stems are prefixes of the word but for a last letter they may rewrite
        // (`studies` → `studi`): look at the words sharing the stem minus one letter.
        let keep = stem.chars().count().saturating_sub(1).max(MIN_LETTERS - 1);
        let prefix: String = word.chars().take(keep).collect();
        for (candidate, documents) in words.with_prefix(&prefix) {
            if candidate != word
                && expandable(candidate)
                && stemmer.stem(candidate) == stem
                && !found.iter().any(|(w, _)| w == candidate)
            {
                found.push((candidate, *documents));
            }
        }
    }
    found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    found
        .into_iter()
        .take(MAX_INFLECTIONS)
        .map(|(w, _)| w.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[(&str, u32)]) -> IndexWords {
        IndexWords::from_words(list.iter().map(|(w, d)| ((*w).to_owned(), *d)).collect())
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
