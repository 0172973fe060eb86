//! The deletion neighbourhoods of the index words: where the "did you mean" look-up
//! ([`super::suggestions`]) finds the words within one or two edits of a query word without
//! comparing it with every word of that length.
//!
//! Two words within `k` edits (insertions, deletions, substitutions, swaps of two adjacent
//! letters) become the same string after at most `k` letters are deleted from each: an
//! insertion is a deletion from the other word, a substitution or a swap one deletion from
//! each at the same place. So every word is filed under each string its deletions of up to
//! two letters make (up to one for words of 3 to 5 letters, the most a query word's distance
//! ever needs), and a query word looks up the strings its own deletions make: about 37
//! look-ups for a word of 8 letters, instead of reading 45,000 words at 100,000 publications.
//! The look-up is a necessary condition only: what it returns is still filtered (length,
//! document count, letters) and measured ([`super::suggestions`]), so the suggestions are
//! exactly those of a full scan.
//!
//! Strings are filed by a 64-bit hash into buckets (two to four words a bucket): a bucket
//! holds the words of every string that hashes to it, which the filters then drop. At 100,000
//! publications (52,961 words) the index holds 2.27 million entries in 13.3 MB and is built
//! in about 0.11 s, once per catalogue version, by the first search that needs close words
//! (docs/BENCHMARKS.md, "Search expansion").
//! Words longer than [`LONGEST`] letters are not filed (two deletions from a word of 40 letters
//! are 781 strings); a query word whose candidates could be that long is compared with the
//! words of those lengths one by one, as before this index.

/// The longest word (in characters) filed in the index: a query word whose candidates may
/// be longer is compared with every word of the lengths in range instead.
pub(crate) const LONGEST: usize = 20;

/// The most deletions filed for a word of `length` characters: what a query word within
/// the allowed distance of it ([`super::suggestions`]: 1 for 4 to 7 letters, 2 from 8) may
/// need. A word of 3 to 5 letters is only ever within one edit of a query word of 4 to 6
/// letters; from 6 letters, a query word of 8 letters or more may be two edits away.
fn deletions_for(length: usize) -> usize {
    match length {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

/// The deletion neighbourhoods of a list of words (see the module documentation).
#[derive(Debug, Default)]
pub(crate) struct Deletions {
    /// Where each bucket's entries start in `entries` (one more than the buckets).
    starts: Vec<u32>,
    /// The words of every bucket, as the numbers the caller gave them.
    entries: Vec<u32>,
    /// Buckets - 1 (a power of two minus one).
    bucket_mask: u64,
}

impl Deletions {
    /// Files `words` (each with the number it is to be returned as) under the strings their
    /// deletions make; words longer than [`LONGEST`] characters or shorter than 3 are left out.
    pub fn new<'a>(words: impl Iterator<Item = (u32, &'a str)>) -> Deletions {
        let mut filed: Vec<(u64, u32)> = Vec::new();
        let mut chars: Vec<char> = Vec::new();
        let mut hashes: Vec<u64> = Vec::new();
        for (number, word) in words {
            chars.clear();
            chars.extend(word.chars());
            if chars.len() > LONGEST || chars.len() < 3 {
                continue;
            }
            hashes.clear();
            neighbourhood(&chars, deletions_for(chars.len()), &mut hashes);
            filed.extend(hashes.iter().map(|&h| (h, number)));
        }
        let buckets = (filed.len() / 4).max(1).next_power_of_two();
        let bucket_mask = buckets as u64 - 1;
        // A counting sort by bucket: counts, then offsets, then entries in place.
        let mut starts = vec![0u32; buckets + 1];
        for (hash, _) in &filed {
            starts[(hash & bucket_mask) as usize + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        let mut next: Vec<u32> = starts[..buckets].to_vec();
        let mut entries = vec![0u32; filed.len()];
        for (hash, number) in filed {
            let bucket = (hash & bucket_mask) as usize;
            entries[next[bucket] as usize] = number;
            next[bucket] += 1;
        }
        Deletions {
            starts,
            entries,
            bucket_mask,
        }
    }

    /// Every word filed under a string that `word` makes with at most `max` deletions (with
    /// repeats, and with words of other strings that share a bucket): a superset of the
    /// filed words within `max` edits of `word`. The caller supplies `hashes` to reuse.
    pub fn candidates<'s>(
        &'s self,
        word: &[char],
        max: usize,
        hashes: &'s mut Vec<u64>,
    ) -> impl Iterator<Item = u32> + 's {
        hashes.clear();
        neighbourhood(word, max, hashes);
        hashes.iter().flat_map(move |hash| {
            let bucket = (hash & self.bucket_mask) as usize;
            let (start, end) = match (self.starts.get(bucket), self.starts.get(bucket + 1)) {
                (Some(&s), Some(&e)) => (s as usize, e as usize),
                _ => (0, 0),
            };
            self.entries[start..end].iter().copied()
        })
    }

    /// How many entries the index holds (for benchmarks and tests).
    #[cfg(any(test, feature = "test-hooks"))]
    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    /// The memory the index holds, in bytes.
    #[cfg(any(test, feature = "test-hooks"))]
    pub fn bytes(&self) -> usize {
        (self.starts.capacity() + self.entries.capacity()) * std::mem::size_of::<u32>()
    }
}

/// The hashes of the distinct strings `word` makes with at most `max` (0 to 2) deletions,
/// itself included, appended to `out` (sorted, without repeats).
fn neighbourhood(word: &[char], max: usize, out: &mut Vec<u64>) {
    let start = out.len();
    let n = word.len();
    out.push(hash_without(word, usize::MAX, usize::MAX));
    if max >= 1 {
        for i in 0..n {
            // Deleting either of two equal neighbours makes the same string.
            if i > 0 && word[i] == word[i - 1] {
                continue;
            }
            out.push(hash_without(word, i, usize::MAX));
            if max >= 2 {
                for j in i + 1..n {
                    if j > i + 1 && word[j] == word[j - 1] {
                        continue;
                    }
                    out.push(hash_without(word, i, j));
                }
            }
        }
    }
    out[start..].sort_unstable();
    let mut kept = start;
    for k in start..out.len() {
        if k == start || out[k] != out[kept - 1] {
            out[kept] = out[k];
            kept += 1;
        }
    }
    out.truncate(kept);
}

/// A hash of `word` without the characters at `skip_a` and `skip_b` (`usize::MAX`: none),
/// computed without building the string (FxHash's step, then a final mix).
fn hash_without(word: &[char], skip_a: usize, skip_b: usize) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h: u64 = 0;
    for (i, &c) in word.iter().enumerate() {
        if i != skip_a && i != skip_b {
            h = (h.rotate_left(5) ^ u64::from(u32::from(c))).wrapping_mul(K);
        }
    }
    // The bucket is taken from the low bits: mix the high ones in (SplitMix64's finaliser).
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(word: &str) -> Vec<char> {
        word.chars().collect()
    }

    fn found(index: &Deletions, word: &str, max: usize) -> Vec<u32> {
        let mut hashes = Vec::new();
        let mut out: Vec<u32> = index.candidates(&chars(word), max, &mut hashes).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn neighbourhoods_are_the_distinct_deletions() {
        let mut out = Vec::new();
        neighbourhood(&chars("abc"), 1, &mut out);
        // abc, bc, ac, ab
        assert_eq!(out.len(), 4);
        out.clear();
        neighbourhood(&chars("aab"), 2, &mut out);
        // aab, ab, aa, a, b
        assert_eq!(out.len(), 5);
        out.clear();
        neighbourhood(&chars("vanadium"), 2, &mut out);
        // The word, 8 single and 28 double deletions, less the strings made twice.
        assert_eq!(out.len(), 1 + 8 + 28 - count_repeats("vanadium"));
        assert_eq!(
            hash_without(&chars("xabc"), 0, usize::MAX),
            hash_without(&chars("abc"), usize::MAX, usize::MAX)
        );
        assert_ne!(
            hash_without(&chars("abc"), usize::MAX, usize::MAX),
            hash_without(&chars("acb"), usize::MAX, usize::MAX)
        );
    }

    /// How many two-deletion strings of `word` repeat others (counted by building them).
    fn count_repeats(word: &str) -> usize {
        let c = chars(word);
        let mut all: Vec<String> = Vec::new();
        all.push(word.to_owned());
        for i in 0..c.len() {
            all.push(
                c.iter()
                    .enumerate()
                    .filter(|(k, _)| *k != i)
                    .map(|(_, ch)| ch)
                    .collect(),
            );
            for j in i + 1..c.len() {
                all.push(
                    c.iter()
                        .enumerate()
                        .filter(|(k, _)| *k != i && *k != j)
                        .map(|(_, ch)| ch)
                        .collect(),
                );
            }
        }
        let total = all.len();
        all.sort();
        all.dedup();
        total - all.len()
    }

    #[test]
    fn words_within_the_distance_are_among_the_candidates() {
        let words = [
            "cobalt",
            "cobolt",
            "kivu",
            "kivou",
            "roadblock",
            "roadblcok",
            "vanadium",
            "vandium",
            "vanadiums",
            "gold",
            "glod",
            "golden",
            "abc",
            "ab",
            "tantalum",
        ];
        let index = Deletions::new(words.iter().enumerate().map(|(i, w)| (i as u32, *w)));
        let number = |w: &str| words.iter().position(|x| *x == w).unwrap() as u32;
        // A substitution, an insertion, a swap, two edits.
        assert!(found(&index, "cobalt", 1).contains(&number("cobolt")));
        assert!(found(&index, "kivu", 1).contains(&number("kivou")));
        assert!(found(&index, "gold", 1).contains(&number("glod")));
        assert!(found(&index, "roadblock", 2).contains(&number("roadblcok")));
        assert!(found(&index, "vanadium", 2).contains(&number("vandium")));
        assert!(found(&index, "vanadium", 2).contains(&number("vanadiums")));
        assert!(found(&index, "vanadiun", 2).contains(&number("vanadium")));
        // Two-letter words are not filed. A word that shares a string with the query is a
        // candidate even if further away (`golden` is `gold` after two deletions): the
        // filters drop it later, as they drop the words of strings that share its bucket.
        assert!(!found(&index, "abcd", 1).contains(&number("ab")));
        assert!(found(&index, "gold", 1).contains(&number("golden")));
        assert!(index.entry_count() > words.len());
        assert!(index.bytes() >= index.entry_count() * 4);
    }

    #[test]
    fn long_words_are_not_filed() {
        let long = "a".repeat(LONGEST) + "b";
        let index = Deletions::new([(7u32, long.as_str())].into_iter());
        assert_eq!(index.entry_count(), 0);
        assert!(found(&index, &long, 2).is_empty());
    }
}
