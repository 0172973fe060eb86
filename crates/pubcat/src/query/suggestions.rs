//! "Did you mean": close words for a query word that finds nothing, or far fewer
//! publications than a word one or two letters away (`cobolt` → `cobalt`, `Kivou` → `Kivu`).
//!
//! Candidates are the words of the full-text index and the one-word labels of the concepts,
//! within an edit distance (insertions, deletions, substitutions and swaps of two adjacent
//! letters) of 1 for words of 4 to 7 letters and 2 for longer words; shorter words get none.
//! A candidate is suggested when it is in at least [`RATIO`] times as many publications as
//! the word itself (and in one at least); the closest and then the most frequent first.

use super::lexicon::{letter_mask, IndexWords, Lexicon};

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

/// Close words for `word` (folded; typed as `typed`), found in `documents` publications, best
/// first, cased like `typed`; a concept label's spelling (accents) is kept.
pub(crate) fn suggestions(
    word: &str,
    typed: &str,
    documents: u64,
    words: &IndexWords,
    lexicon: &Lexicon,
) -> Vec<String> {
    let letters: Vec<char> = word.chars().collect();
    let Some(max) = allowed_distance(letters.len()) else {
        return Vec::new();
    };
    let needed = (documents.saturating_mul(RATIO)).max(1);
    let mut scratch = Scratch::default();
    let mut found: Vec<(usize, u64, String)> = Vec::new();
    let mask = letter_mask(word);
    let mut consider = |candidate: &str, length: usize, other: u32, display: &str, count: u64| {
        if count < needed
            || length.abs_diff(letters.len()) > max
            || (mask ^ other).count_ones() as usize > 2 * max
            || candidate == word
        {
            return;
        }
        if let Some(distance) = scratch.distance(&letters, candidate, max) {
            if !found
                .iter()
                .any(|(_, _, d)| d.eq_ignore_ascii_case(display))
            {
                found.push((distance, count, display.to_owned()));
            }
        }
    };
    // One-word concept labels first, so that a label's own spelling (`Étain`) is shown.
    for concept in &lexicon.concepts {
        for label in &concept.labels {
            if !label.key.contains(' ') && !label.ambiguous {
                let count = u64::from(words.documents(&label.key));
                let (length, other) = (label.key.chars().count(), letter_mask(&label.key));
                consider(&label.key, length, other, &label.text, count);
            }
        }
    }
    for (candidate, count, length, other) in words.all() {
        consider(candidate, length, other, candidate, u64::from(count));
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    found
        .into_iter()
        .take(MAX_PER_WORD)
        .map(|(_, _, w)| cased_like(&w, typed))
        .collect()
}

/// `word` in the case the user typed `typed` in: all capitals, a capital first, or lower
/// case (a vocabulary writes `Cobalt`; someone who typed `cobolt` wants `cobalt`).
fn cased_like(word: &str, typed: &str) -> String {
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
/// every word of the index).
#[derive(Default)]
struct Scratch {
    other: Vec<char>,
    rows: [Vec<usize>; 3],
}

impl Scratch {
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

    #[test]
    fn suggestions_take_the_case_the_user_typed() {
        assert_eq!(cased_like("Cobalt", "cobolt"), "cobalt");
        assert_eq!(cased_like("kivu", "Kivou"), "Kivu");
        assert_eq!(cased_like("étain", "ETAIM"), "ÉTAIN");
        assert_eq!(cased_like("Étain", "Etaim"), "Étain");
    }
}
