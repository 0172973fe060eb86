//! "Did you mean": close words for a query word that finds nothing, or far fewer
//! publications than a word one or two letters away (`cobolt` → `cobalt`, `Kivou` → `Kivu`).
//!
//! Candidates are the words of the full-text index and the one-word labels of the concepts,
//! within an edit distance (insertions, deletions, substitutions and swaps of two adjacent
//! letters) of 1 for words of 4 to 7 letters and 2 for longer words; shorter words get none.
//! A candidate is suggested when it is in at least [`RATIO`] times as many publications as
//! the word itself (and in one at least); the closest and then the most frequent first.
//!
//! The index words within reach are found through their deletion neighbourhoods
//! ([`super::deletions`]), not by comparing the word with every index word of the lengths in
//! range: the suggestions are the same (a randomised test compares the two), the look-up
//! costs a few microseconds instead of up to 0.2 ms at 100,000 publications.

use super::deletions;
use super::lexicon::{letter_mask, IndexWords, Lexicon, ScanWord, MAX_LENGTH};

/// How many times more publications a close word must be in to be suggested.
pub const RATIO: u64 = 10;

/// The most suggestions for one word.
pub const MAX_PER_WORD: usize = 3;

/// The edit distance allowed for a word of `letters` letters (`None`: too short).
fn allowed_distance(letters: usize) -> Option<usize> {
    match letters {
        0..=3 => None,
        4..=7 => Some(1),
        _ => Some(2),
    }
}

/// Whether a word found in `documents` publications (with its inflections) of `catalogue` is
/// rare enough to look for close words: cheap words to check are the rare ones, and a word
/// in many publications is seldom a typo.
pub(crate) fn worth_checking(documents: u64, catalogue: u64) -> bool {
    documents <= (catalogue / 200).max(2)
}

/// Close words for `word` (folded), found in `documents` publications, best first, as the
/// index writes them or, for a concept label, as the vocabulary does (accents); the caller
/// cases them as the user typed the word ([`cased_like`]).
pub(crate) fn close_words(
    word: &str,
    documents: u64,
    words: &IndexWords,
    lexicon: &Lexicon,
) -> Vec<String> {
    ranked_close_words(word, documents, words, &lexicon.one_word_labels)
        .into_iter()
        .take(MAX_PER_WORD)
        .map(|(_, _, w)| w)
        .collect()
}

/// A one-word concept label as the close-word look-up compares it (the lexicon keeps them,
/// [`Lexicon::one_word_labels`], so that a search does not count and mask them again).
#[derive(Debug, Clone)]
pub(crate) struct LabelWord {
    /// The folded label.
    key: String,
    /// The label as the vocabulary writes it (what a suggestion shows).
    text: String,
    /// Characters in `key`.
    length: usize,
    /// `key`'s [`letter_mask`].
    mask: u64,
}

impl LabelWord {
    /// The label `text`, folded as `key`.
    pub fn new(key: &str, text: &str) -> LabelWord {
        LabelWord {
            key: key.to_owned(),
            text: text.to_owned(),
            length: key.chars().count(),
            mask: letter_mask(key),
        }
    }
}

/// Every close word for `word` (folded) found in `documents` publications, as (distance,
/// publications, text to show), closest first, then most frequent, then by text: first the
/// one-word concept labels `labels`, then the words of the index; a candidate shown like one
/// already found (ignoring ASCII case) is left out.
fn ranked_close_words(
    word: &str,
    documents: u64,
    words: &IndexWords,
    labels: &[LabelWord],
) -> Vec<(usize, u64, String)> {
    let letters: Vec<char> = word.chars().collect();
    let Some(max) = allowed_distance(letters.len()) else {
        return Vec::new();
    };
    let needed = (documents.saturating_mul(RATIO)).max(1);
    let mut scratch = Scratch::default();
    let mut found: Vec<(usize, u64, String)> = Vec::new();
    let mask = letter_mask(word);
    let add = |found: &mut Vec<(usize, u64, String)>, distance, count, display: &str| {
        if !found
            .iter()
            .any(|(_, _, d)| d.eq_ignore_ascii_case(display))
        {
            found.push((distance, count, display.to_owned()));
        }
    };
    // One-word concept labels first, so that a label's own spelling (`Étain`) is shown. The
    // cheap filters (length, letters, then the bounded distance) come before the document
    // count, a binary search among the index words.
    for label in labels {
        if label.length.abs_diff(letters.len()) > max
            || (mask ^ label.mask).count_ones() as usize > 2 * max
            || label.key == word
        {
            continue;
        }
        let Some(distance) = scratch.distance(&letters, &label.key, max) else {
            continue;
        };
        let count = u64::from(words.documents(&label.key));
        if count >= needed {
            add(&mut found, distance, count, &label.text);
        }
    }
    // Then the index words: only the lengths within `max` of the word's, and in each only
    // the words in `needed` publications or more. Lengths are capped at `MAX_LENGTH`, so the
    // longest words are all compared as that long.
    let mut hits: Vec<(usize, usize, u64)> = Vec::new();
    let lengths = letters.len().saturating_sub(max)..=(letters.len() + max).min(MAX_LENGTH);
    let mut consider = |candidate: ScanWord| {
        if (mask ^ candidate.mask).count_ones() as usize > 2 * max {
            return;
        }
        let text = words.word(candidate.index);
        if text == word {
            return;
        }
        if let Some(distance) = scratch.distance(&letters, text, max) {
            hits.push((candidate.index, distance, u64::from(candidate.documents)));
        }
    };
    if letters.len() + max <= deletions::LONGEST {
        // The words that share a string of at most `max` deletions with it (every word
        // within `max` edits does), kept when in the frequent part of a length in range.
        let ranges: Vec<std::ops::Range<usize>> = lengths
            .map(|length| words.frequent(length, needed))
            .filter(|range| !range.is_empty())
            .collect();
        let mut hashes = Vec::new();
        let mut positions: Vec<usize> = words
            .deletions()
            .candidates(&letters, max, &mut hashes)
            .map(|position| position as usize)
            .filter(|position| ranges.iter().any(|range| range.contains(position)))
            .collect();
        positions.sort_unstable();
        positions.dedup();
        for candidate in positions.into_iter().filter_map(|p| words.scan_word(p)) {
            consider(candidate);
        }
    } else {
        // Candidates as long as the longest words are not in the deletion index: compare
        // with every frequent word of the lengths in range.
        for length in lengths {
            for candidate in words.close_to(length, needed) {
                consider(candidate);
            }
        }
    }
    // In the index's (sorted) order, so that of two words shown alike the same one is kept
    // whatever order the lengths and counts were visited in.
    hits.sort_unstable_by_key(|(index, _, _)| *index);
    for (index, distance, count) in hits {
        add(&mut found, distance, count, words.word(index));
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    found
}

/// `word` in the case the user typed `typed` in: all capitals, a capital first, or lower
/// case (a vocabulary writes `Cobalt`; someone who typed `cobolt` wants `cobalt`).
pub(crate) fn cased_like(word: &str, typed: &str) -> String {
    let letters = || typed.chars().filter(|c| c.is_alphabetic());
    if letters().count() > 1 && letters().all(char::is_uppercase) {
        word.to_uppercase()
    } else if typed.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = word.chars();
        chars.next().map_or_else(String::new, |first| {
            first
                .to_uppercase()
                .chain(chars.flat_map(char::to_lowercase))
                .collect()
        })
    } else {
        word.to_lowercase()
    }
}

/// Buffers reused across distance computations (a suggestion scan compares a word with
/// many words of the index).
#[derive(Default)]
struct Scratch {
    other: Vec<char>,
    rows: [Vec<usize>; 3],
}

impl Scratch {
    /// [`bounded_distance_in`] between `a` and the word `b`.
    fn distance(&mut self, a: &[char], b: &str, max: usize) -> Option<usize> {
        self.other.clear();
        self.other.extend(b.chars());
        bounded_distance_in(a, &self.other, max, &mut self.rows)
    }
}

/// The optimal string alignment distance between `a` and `b` when it is at most `max`
/// (insertions, deletions, substitutions, swaps of adjacent letters), else `None`.
#[cfg(test)]
fn bounded_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    bounded_distance_in(a, b, max, &mut Default::default())
}

/// [`bounded_distance`] with caller-provided rows.
fn bounded_distance_in(
    a: &[char],
    b: &[char],
    max: usize,
    rows: &mut [Vec<usize>; 3],
) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    if a.is_empty() || b.is_empty() {
        return Some(a.len().max(b.len()));
    }
    let width = b.len() + 1;
    for row in rows.iter_mut() {
        row.clear();
        row.resize(width, 0);
    }
    // rows[0]: row i-2, rows[1]: row i-1, rows[2]: row i; rotated at each step, so row 0
    // starts in rows[2].
    for (j, cell) in rows[2].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows.rotate_left(1);
        rows[2][0] = i;
        let mut best = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[1][j] + 1)
                .min(rows[2][j - 1] + 1)
                .min(rows[1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[0][j - 2] + 1);
            }
            rows[2][j] = d;
            best = best.min(d);
        }
        if best > max {
            return None;
        }
    }
    Some(rows[2][b.len()]).filter(|d| *d <= max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::Rng;

    fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        bounded_distance(&a, &b, max)
    }

    #[test]
    fn distances() {
        assert_eq!(distance("cobolt", "cobalt", 1), Some(1));
        assert_eq!(distance("kivou", "kivu", 1), Some(1));
        assert_eq!(distance("gold", "glod", 1), Some(1)); // a swap
        assert_eq!(distance("roadblcok", "roadblock", 2), Some(1));
        assert_eq!(distance("cobalt", "copper", 2), None);
        assert_eq!(distance("", "ab", 2), Some(2));
        assert_eq!(distance("abc", "abc", 0), Some(0));
        assert_eq!(distance("cobalt", "cobolt", 0), None);
        assert_eq!(distance("ab", "ba", 1), Some(1));
        assert_eq!(distance("abcd", "abdc", 1), Some(1));
        assert_eq!(distance("kitten", "sitting", 3), Some(3));
        assert_eq!(distance("kitten", "sitting", 2), None);
        assert_eq!(distance("abc", "xyz", 3), Some(3));
        assert_eq!(distance("gold", "golden", 2), Some(2));
        assert_eq!(distance("gold", "golden", 1), None);
    }

    #[test]
    fn close_words_differ_in_few_letters() {
        for (a, b, k) in [
            ("cobolt", "cobalt", 1),
            ("kivou", "kivu", 1),
            ("roadblcok", "roadblock", 1),
            ("etaim", "etain", 1),
            ("xyzzyq", "abcdef", 6),
        ] {
            let bits = (letter_mask(a) ^ letter_mask(b)).count_ones() as usize;
            assert!(bits <= 2 * k, "{a} {b}: {bits} bits");
        }
        assert!((letter_mask("cobalt") ^ letter_mask("xyzzy")).count_ones() > 2);
        // The letters that occur twice count too: `vanadium` has two `a`, `medium` two `m`.
        assert_eq!((old_mask("vanadium") ^ old_mask("medium")).count_ones(), 4);
        assert_eq!(
            (letter_mask("vanadium") ^ letter_mask("medium")).count_ones(),
            6
        );
        assert_eq!((letter_mask("aab") ^ letter_mask("aba")).count_ones(), 0);
        assert_eq!((letter_mask("aab") ^ letter_mask("ab")).count_ones(), 1);
    }

    #[test]
    fn thresholds_by_length() {
        assert_eq!(allowed_distance(3), None);
        assert_eq!(allowed_distance(4), Some(1));
        assert_eq!(allowed_distance(7), Some(1));
        assert_eq!(allowed_distance(8), Some(2));
        assert!(worth_checking(0, 10));
        assert!(worth_checking(2, 10));
        assert!(!worth_checking(3, 10));
        assert!(worth_checking(500, 100_000));
        assert!(!worth_checking(501, 100_000));
    }

    /// A few letters, so that many words are close to others; `é` and `1` to test the
    /// character count and the letter mask's other bits.
    const ALPHABET: &[char] = &[
        'a', 'b', 'c', 'd', 'e', 'i', 'k', 'l', 'n', 'o', 'r', 's', 't', 'u', 'é', '1',
    ];

    fn random_word(rng: &mut Rng, length: usize) -> String {
        (0..length).map(|_| *rng.pick(ALPHABET)).collect()
    }

    /// `word` with one or two random edits (insertion, deletion, substitution, swap).
    fn mutated(rng: &mut Rng, word: &str) -> String {
        let mut chars: Vec<char> = word.chars().collect();
        for _ in 0..1 + rng.below(2) {
            let at = rng.below(chars.len() + 1);
            match rng.below(4) {
                0 => chars.insert(at, *rng.pick(ALPHABET)),
                1 if at < chars.len() => {
                    chars.remove(at);
                }
                2 if at < chars.len() => chars[at] = *rng.pick(ALPHABET),
                _ if at + 1 < chars.len() => chars.swap(at, at + 1),
                _ => chars.push(*rng.pick(ALPHABET)),
            }
        }
        chars.into_iter().collect()
    }

    fn random_count(rng: &mut Rng) -> u32 {
        match rng.below(6) {
            0 => rng.below(3) as u32,
            1 => rng.below(50) as u32,
            2 => rng.below(2_000) as u32,
            3 => rng.below(100_000) as u32,
            4 => u32::MAX - rng.below(3) as u32,
            _ => rng.below(20) as u32,
        }
    }

    /// The letter mask the scan used before [`letter_mask`] had the letters that occur twice:
    /// the set of letters only.
    fn old_mask(word: &str) -> u32 {
        word.chars().fold(0, |mask, c| {
            mask | match c {
                'a'..='z' => 1 << (c as u32 - 'a' as u32),
                '0'..='9' => 1 << 26,
                _ => 1 << 27,
            }
        })
    }

    /// The scan as it was before the words were grouped by length and count: every label,
    /// then every index word in sorted order, through the same filters (with the old letter
    /// mask).
    fn reference(
        word: &str,
        documents: u64,
        vocabulary: &[(String, u32)],
        words: &IndexWords,
        labels: &[(String, String)],
    ) -> Vec<(usize, u64, String)> {
        let letters: Vec<char> = word.chars().collect();
        let Some(max) = allowed_distance(letters.len()) else {
            return Vec::new();
        };
        let needed = (documents.saturating_mul(RATIO)).max(1);
        let mut found: Vec<(usize, u64, String)> = Vec::new();
        let mask = old_mask(word);
        let mut consider = |candidate: &str, length: usize, other: u32, display: &str, count| {
            if count < needed
                || length.abs_diff(letters.len()) > max
                || (mask ^ other).count_ones() as usize > 2 * max
                || candidate == word
            {
                return;
            }
            let other_letters: Vec<char> = candidate.chars().collect();
            if let Some(distance) = bounded_distance(&letters, &other_letters, max) {
                if !found
                    .iter()
                    .any(|(_, _, d)| d.eq_ignore_ascii_case(display))
                {
                    found.push((distance, count, display.to_owned()));
                }
            }
        };
        for (key, text) in labels {
            let count = u64::from(words.documents(key));
            consider(key, key.chars().count(), old_mask(key), text, count);
        }
        for (candidate, count) in vocabulary {
            let length = candidate.chars().count().min(255);
            let other = old_mask(candidate);
            consider(candidate, length, other, candidate, u64::from(*count));
        }
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        found
    }

    #[test]
    fn grouped_scan_finds_what_a_full_scan_finds() {
        let mut rng = Rng(20_261_206);
        let mut vocabulary: Vec<(String, u32)> = Vec::new();
        for _ in 0..2_000 {
            let length = 1 + rng.below(12);
            let word = random_word(&mut rng, length);
            vocabulary.push((word, random_count(&mut rng)));
        }
        // Clusters of close words around some seeds, case variants (shown alike ignoring
        // ASCII case), the same word twice with two counts, and words around the 255-letter
        // cap.
        let mut seeds = Vec::new();
        for _ in 0..150 {
            let length = 3 + rng.below(9);
            let seed = random_word(&mut rng, length);
            for _ in 0..12 {
                let word = mutated(&mut rng, &seed);
                vocabulary.push((word, random_count(&mut rng)));
            }
            seeds.push(seed);
        }
        for _ in 0..200 {
            let (word, _) = rng.pick(&vocabulary).clone();
            let variant = match rng.below(3) {
                0 => word.to_ascii_uppercase(),
                1 => cased_like(&word, "Xx"),
                _ => word.clone(),
            };
            vocabulary.push((variant, random_count(&mut rng)));
        }
        let long = random_word(&mut rng, 254);
        for _ in 0..40 {
            let once = mutated(&mut rng, &long);
            let word = mutated(&mut rng, &once);
            vocabulary.push((word, random_count(&mut rng)));
        }
        let mut labels: Vec<(String, String)> = Vec::new();
        for _ in 0..300 {
            let some = rng.pick(&vocabulary).0.clone();
            let length = 4 + rng.below(6);
            let key = match rng.below(3) {
                0 => some,
                1 => mutated(&mut rng, &some),
                _ => random_word(&mut rng, length),
            };
            let text = match rng.below(4) {
                0 => key.clone(),
                1 => cased_like(&key, "Xx"),
                2 => key.to_ascii_uppercase(),
                _ => key.replace('e', "é"),
            };
            labels.push((key, text));
        }
        let words = IndexWords::from_words(vocabulary.clone());
        vocabulary.sort_unstable();
        let label_words: Vec<LabelWord> =
            labels.iter().map(|(k, t)| LabelWord::new(k, t)).collect();

        let (mut compared, mut with_some, mut more_than_shown) = (0, 0, 0);
        for _ in 0..1_500 {
            let some = rng.pick(&vocabulary).0.clone();
            let length = rng.below(14);
            let seed = rng.pick(&seeds).clone();
            let word = match rng.below(7) {
                0 => some,
                1 => mutated(&mut rng, &some),
                2 => random_word(&mut rng, length),
                3 => mutated(&mut rng, &long),
                4 => seed,
                _ => mutated(&mut rng, &seed),
            };
            let own = u64::from(words.documents(&word));
            let documents = match rng.below(10) {
                0 | 1 => 0,
                2 => 1,
                3 => own,
                4 => rng.below(100) as u64,
                5 => rng.below(20_000) as u64,
                6 => u64::from(u32::MAX) / 10 - rng.below(2) as u64,
                7 => u64::MAX / 3,
                8 => u64::MAX,
                _ => rng.below(5) as u64,
            };
            let expected = reference(&word, documents, &vocabulary, &words, &labels);
            let got = ranked_close_words(&word, documents, &words, &label_words);
            assert_eq!(got, expected, "{word:?} in {documents} publications");
            compared += 1;
            with_some += usize::from(!expected.is_empty());
            more_than_shown += usize::from(expected.len() > MAX_PER_WORD);
        }
        // The comparison means something only if many words have close words.
        assert_eq!(compared, 1_500);
        assert!(with_some > 300, "{with_some} words with close words");
        assert!(
            more_than_shown > 100,
            "{more_than_shown} with more than shown"
        );
    }

    #[test]
    fn suggestions_take_the_case_the_user_typed() {
        assert_eq!(cased_like("Cobalt", "cobolt"), "cobalt");
        assert_eq!(cased_like("kivu", "Kivou"), "Kivu");
        assert_eq!(cased_like("étain", "ETAIM"), "ÉTAIN");
        assert_eq!(cased_like("Étain", "Etaim"), "Étain");
    }
}
