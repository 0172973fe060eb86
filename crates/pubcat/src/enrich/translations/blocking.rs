//! Candidate pairs: which publications are worth scoring together, without comparing every
//! publication with every other (100,000 publications are five billion pairs).
//!
//! Each publication has *keys*: the word keys, numbers, names and concepts of its title and
//! summary, its authors, its series and number, its projects and its identifier stems. Keys
//! shared by more than [`MAX_BLOCK`] publications say little and are left out (a block is the
//! set of publications sharing a key). For each publication, the publications of other
//! languages that share its keys are ranked by the summed rarity of the shared keys, and the
//! best [`PER_PUBLICATION`] that could be its versions (see [`eligible`]) become candidates.
//! The cost is bounded by the publications times their keys times [`MAX_BLOCK`].

use super::hash::{hash56, FastMap};
use super::profile::{Corpus, Profile};

/// The most publications a key may be shared by to take part in blocking.
pub(crate) const MAX_BLOCK: u32 = 100;
/// The most candidates kept per publication.
pub(crate) const PER_PUBLICATION: usize = 10;

/// Key namespaces (the top byte of a key).
const TERM: u64 = 0;
const AUTHOR: u64 = 1 << 56;
const SERIES: u64 = 2 << 56;
const IDENTIFIER: u64 = 3 << 56;
const PROJECT: u64 = 4 << 56;
const AUTHOR_YEAR: u64 = 5 << 56;
/// The bits of a key below its namespace.
const LOW: u64 = (1 << 56) - 1;

/// The blocking keys of a publication (title words and numbers twice: a title is what a
/// translation keeps closest).
fn keys(p: &Profile) -> Vec<u64> {
    let mut out: Vec<u64> = Vec::with_capacity(p.words.len() + p.numbers.len() + 24);
    let terms = p.words.iter().chain(&p.numbers).chain(&p.concepts);
    out.extend(
        terms
            .chain(&p.title_words)
            .chain(&p.title_numbers)
            .map(|&t| TERM | u64::from(t)),
    );
    out.extend(p.authors.iter().map(|&a| AUTHOR | (a as u64 & LOW)));
    if let Some((lower, _, _)) = p.date {
        // A prolific author is a common key; the same author in the same year is rarer.
        let year = lower / 365;
        out.extend(
            p.authors
                .iter()
                .map(|&a| AUTHOR_YEAR | hash56(&format!("{a}/{year}"))),
        );
    }
    if let (Some(series), Some(number)) = (p.series, &p.series_number) {
        out.push(SERIES | hash56(&format!("{series}/{number}")));
    }
    out.extend(p.identifiers.iter().map(|stem| IDENTIFIER | hash56(stem)));
    out.extend(
        p.projects
            .iter()
            .map(|&project| PROJECT | (project as u64 & LOW)),
    );
    out
}

/// How much sharing a key of this namespace says (before its rarity).
fn weight(key: u64) -> f64 {
    match key & !LOW {
        AUTHOR | AUTHOR_YEAR => 2.0,
        SERIES => 3.0,
        IDENTIFIER => 4.0,
        _ => 1.0,
    }
}

/// Whether `a` and `b` may be versions of one work: different languages, different works
/// whose languages do not overlap (a work has one version per language), and no person said
/// that a publication of one work is not a translation of one of the other.
pub(crate) fn eligible(corpus: &Corpus, a: &Profile, b: &Profile) -> bool {
    if a.language == b.language || a.work == b.work {
        return false;
    }
    let works = (a.work.min(b.work), a.work.max(b.work));
    if corpus.decisions.contains(&works) {
        return false;
    }
    match (
        corpus.work_languages.get(&a.work),
        corpus.work_languages.get(&b.work),
    ) {
        (Some(la), Some(lb)) => !la.iter().any(|l| lb.contains(l)),
        _ => true,
    }
}

/// The candidate pairs (indices into `corpus.profiles`, smaller first, no repeats) for the
/// publications `targets` (every publication when `None`).
pub(crate) fn candidates(corpus: &Corpus, targets: Option<&[usize]>) -> Vec<(usize, usize)> {
    let profiles = &corpus.profiles;
    let n = profiles.len();
    let distinct = |p: &Profile| {
        let mut k = keys(p);
        k.sort_unstable();
        k.dedup();
        k
    };
    let mut df: FastMap<u64, u32> = FastMap::default();
    for p in profiles {
        for k in distinct(p) {
            *df.entry(k).or_insert(0) += 1;
        }
    }
    let mut postings: FastMap<u64, Vec<u32>> = FastMap::default();
    for (i, p) in profiles.iter().enumerate() {
        for k in distinct(p) {
            if (2..=MAX_BLOCK).contains(&df.get(&k).copied().unwrap_or(0)) {
                postings.entry(k).or_default().push(i as u32);
            }
        }
    }
    drop(df);
    let language: Vec<&str> = profiles.iter().map(|p| p.language.as_str()).collect();
    let mut score = vec![0.0f64; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let everyone: Vec<usize>;
    let targets = match targets {
        Some(t) => t,
        None => {
            everyone = (0..n).collect();
            &everyone
        }
    };
    for &i in targets {
        for k in keys(&profiles[i]) {
            let Some(list) = postings.get(&k) else {
                continue;
            };
            // Rarity squared: one name or number shared by three publications says more than
            // many words shared by a hundred.
            let rarity = (n as f64 / list.len() as f64).ln() + 1.0;
            let gain = weight(k) * rarity * rarity;
            for &j in list {
                let j = j as usize;
                if j == i || language[j] == language[i] {
                    continue;
                }
                if score[j] == 0.0 {
                    touched.push(j as u32);
                }
                score[j] += gain;
            }
        }
        touched.sort_unstable_by(|a, b| score[*b as usize].total_cmp(&score[*a as usize]));
        let mut kept = 0;
        for &j in &touched {
            let j = j as usize;
            if kept == PER_PUBLICATION {
                break;
            }
            if eligible(corpus, &profiles[i], &profiles[j]) {
                pairs.push((i.min(j), i.max(j)));
                kept += 1;
            }
        }
        for &j in &touched {
            score[j as usize] = 0.0;
        }
        touched.clear();
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}
