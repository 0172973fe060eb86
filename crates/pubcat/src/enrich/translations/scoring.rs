//! The score of a candidate pair: the sum of what each signal says for or against the two
//! publications being versions of one work (a log-odds *weight* per signal, positive for,
//! negative against), turned into a probability-like score between 0 and 1 by the logistic
//! function. Each signal that says something is kept as [`Evidence`], with its weight, so a
//! score can always be explained.
//!
//! Signals (see docs/ENRICHMENT.md, "Link discovery"):
//! - the words of the titles, and of the whole texts, that translate each other (cognates,
//!   the built-in lexicon, vocabulary concepts), weighted by rarity in the catalogue; when one
//!   version has no summary, how much of its title the other's title and summary say;
//! - numbers: shared ones for, a number of one title that the other version never mentions
//!   against, and titles that name different years (the 2023 and the 2024 edition of one
//!   annual report);
//! - names (capitalised words) shared, or named in one title and absent from the other text;
//! - places the vocabularies find in the titles: different places are different reports;
//! - concept tags, authors, series (one series named in two languages counts as the same)
//!   and number, projects, identifiers without their language part, dates, kind and pages.

use super::profile::{Corpus, Profile};
use super::{Evidence, EvidenceKind};

/// Where every pair starts: without evidence, two publications are not versions of one work.
const PRIOR: f64 = -3.0;

/// The title of a version without summary against the other version's title and summary:
/// the share of its words (by rarity) found there at which the evidence is neutral, the
/// weight per unit of share, and the most it adds.
const CONTAINED_EVEN: f64 = 0.5;
const CONTAINED_SLOPE: f64 = 5.0;
const CONTAINED_MAX: f64 = 2.0;

/// Collects the weights, and the evidence when asked to explain.
struct Ledger {
    total: f64,
    explain: bool,
    evidence: Vec<Evidence>,
}

impl Ledger {
    fn add(&mut self, kind: EvidenceKind, weight: f64, detail: impl FnOnce() -> String) {
        if weight == 0.0 {
            return;
        }
        self.total += weight;
        if self.explain {
            self.evidence.push(Evidence {
                kind,
                detail: detail(),
                weight,
            });
        }
    }
}

/// A scored pair.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scored {
    /// Between 0 and 1.
    pub score: f64,
    /// Empty unless explained.
    pub evidence: Vec<Evidence>,
}

/// The elements of two sorted lists found in both.
fn common<T: Ord + Copy>(a: &[T], b: &[T]) -> Vec<T> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// The elements of sorted `a` not in sorted `b`.
fn missing<T: Ord + Copy>(a: &[T], b: &[T]) -> Vec<T> {
    a.iter()
        .filter(|x| b.binary_search(x).is_err())
        .copied()
        .collect()
}

/// Rarity-weighted Dice similarity of two sorted term lists.
fn similarity(corpus: &Corpus, a: &[u32], b: &[u32]) -> f64 {
    let weight = |terms: &[u32]| terms.iter().map(|&t| corpus.terms.idf(t)).sum::<f64>();
    let (total, shared) = (weight(a) + weight(b), common(a, b));
    if total == 0.0 || shared.is_empty() {
        return 0.0;
    }
    2.0 * weight(&shared) / total
}

/// How a term is shown in evidence: a title word as written, a number or concept by its key.
fn shown(corpus: &Corpus, p: &Profile, term: u32) -> String {
    if let Some((_, spelled)) = p.spellings.iter().find(|(t, _)| *t == term) {
        return spelled.clone();
    }
    let key = corpus.terms.key(term);
    key.split_once(':').map_or(key, |(_, k)| k).to_owned()
}

/// Lists terms for a detail, a few at most.
fn list(items: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = items.into_iter().collect();
    let shown: Vec<&str> = items.iter().take(6).map(String::as_str).collect();
    let more = items.len().saturating_sub(shown.len());
    if more > 0 {
        format!("{} (and {more} more)", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

/// Scores the pair `a`, `b`; with `explain`, keeps the evidence.
pub(crate) fn score(corpus: &Corpus, a: &Profile, b: &Profile, explain: bool) -> Scored {
    let mut l = Ledger {
        total: PRIOR,
        explain,
        evidence: Vec::new(),
    };
    texts(corpus, a, b, &mut l);
    numbers(corpus, a, b, &mut l);
    names(corpus, a, b, &mut l);
    concepts(corpus, a, b, &mut l);
    people_and_series(corpus, a, b, &mut l);
    dates_and_form(a, b, &mut l);
    Scored {
        score: 1.0 / (1.0 + (-l.total).exp()),
        evidence: l.evidence,
    }
}

/// Title and text similarity.
fn texts(corpus: &Corpus, a: &Profile, b: &Profile, l: &mut Ledger) {
    let title = similarity(corpus, &a.title_words, &b.title_words);
    let shared = common(&a.title_words, &b.title_words);
    l.add(
        EvidenceKind::TitleWords,
        (7.0 * (title - 0.2)).clamp(-1.5, 3.5),
        || {
            format!(
                "titles alike ({title:.2}): {}",
                list(shared.iter().map(|&t| {
                    let (x, y) = (shown(corpus, a, t), shown(corpus, b, t));
                    if x == y {
                        x
                    } else {
                        format!("{x} ~ {y}")
                    }
                }))
            )
        },
    );
    if a.has_summary && b.has_summary {
        let text = similarity(corpus, &a.words, &b.words);
        let shared = common(&a.words, &b.words).len();
        l.add(
            EvidenceKind::SummaryWords,
            (9.0 * (text - 0.2)).clamp(-2.0, 3.5),
            || format!("texts alike ({text:.2}): {shared} words in common"),
        );
    } else if a.has_summary != b.has_summary {
        // One version without a summary (as a listing gives it): how much of its title the
        // other version's title and summary say, weighted by rarity.
        let (short, long) = if a.has_summary { (b, a) } else { (a, b) };
        let found = common(&short.title_words, &long.words);
        let weight = |terms: &[u32]| terms.iter().map(|&t| corpus.terms.idf(t)).sum::<f64>();
        let total = weight(&short.title_words);
        if total > 0.0 {
            let part = weight(&found) / total;
            l.add(
                EvidenceKind::SummaryWords,
                (CONTAINED_SLOPE * (part - CONTAINED_EVEN)).clamp(-1.5, CONTAINED_MAX),
                || {
                    format!(
                        "title of the version without summary found in the other's text ({part:.2}): {} of {} words",
                        found.len(),
                        short.title_words.len()
                    )
                },
            );
        }
    }
}

/// Numbers and years.
fn numbers(corpus: &Corpus, a: &Profile, b: &Profile, l: &mut Ledger) {
    let shown = |t: u32| shown(corpus, a, t);
    let shared = common(&a.title_numbers, &b.title_numbers);
    l.add(
        EvidenceKind::Numbers,
        (1.2 * shared.len() as f64).min(3.0),
        || {
            format!(
                "numbers in both titles: {}",
                list(shared.iter().map(|&t| shown(t)))
            )
        },
    );
    let mut only: Vec<u32> = missing(&a.title_numbers, &b.numbers);
    only.extend(missing(&b.title_numbers, &a.numbers));
    l.add(
        EvidenceKind::Numbers,
        -(1.8 * only.len() as f64).min(5.0),
        || {
            format!(
                "numbers of one title that the other never mentions: {}",
                list(only.iter().map(|&t| shown(t)))
            )
        },
    );
    // An annual edition: both titles name a year, and not the same one.
    let year = |t: &u32| {
        corpus
            .terms
            .key(*t)
            .strip_prefix("n:")
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| (1900..=2100).contains(&n))
    };
    let (ya, yb): (Vec<u32>, Vec<u32>) = (
        a.title_numbers.iter().copied().filter(year).collect(),
        b.title_numbers.iter().copied().filter(year).collect(),
    );
    if !ya.is_empty() && !yb.is_empty() && common(&ya, &yb).is_empty() {
        l.add(EvidenceKind::Numbers, -2.5, || {
            format!(
                "the titles name different years: {} / {}",
                list(ya.iter().map(|&t| shown(t))),
                list(yb.iter().map(|&t| shown(t)))
            )
        });
    }
    let (na, nb) = (a.numbers.len(), b.numbers.len());
    if na >= 2 && nb >= 2 {
        let both = common(&a.numbers, &b.numbers).len();
        let jaccard = both as f64 / (na + nb - both) as f64;
        l.add(EvidenceKind::Numbers, 2.5 * jaccard - 0.8, || {
            format!(
                "{both} of {} numbers and years in both texts",
                na + nb - both
            )
        });
    }
}

/// Names (capitalised words) of the titles.
fn names(corpus: &Corpus, a: &Profile, b: &Profile, l: &mut Ledger) {
    let mut shared: Vec<u32> = common(&a.title_names, &b.words);
    shared.extend(common(&b.title_names, &a.words));
    shared.sort_unstable();
    shared.dedup();
    l.add(
        EvidenceKind::ProperNouns,
        (0.6 * shared.len() as f64).min(1.8),
        || {
            format!(
                "names of a title found in the other text: {}",
                list(shared.iter().map(|&t| shown(corpus, a, t)))
            )
        },
    );
    let mut only: Vec<(u32, bool)> = missing(&a.title_names, &b.words)
        .into_iter()
        .map(|t| (t, true))
        .collect();
    only.extend(
        missing(&b.title_names, &a.words)
            .into_iter()
            .map(|t| (t, false)),
    );
    l.add(
        EvidenceKind::ProperNouns,
        -(1.2 * only.len() as f64).min(3.6),
        || {
            format!(
                "names of one title absent from the other text: {}",
                list(
                    only.iter()
                        .map(|&(t, in_a)| shown(corpus, if in_a { a } else { b }, t))
                )
            )
        },
    );
}

/// Concepts: the places of the titles, and the tags.
fn concepts(corpus: &Corpus, a: &Profile, b: &Profile, l: &mut Ledger) {
    let key = |t: u32| {
        let k = corpus.terms.key(t);
        k.strip_prefix("c:").unwrap_or(k).to_owned()
    };
    if !a.title_places.is_empty() && !b.title_places.is_empty() {
        let foreign_a = missing(&a.title_places, &b.places);
        let foreign_b = missing(&b.title_places, &a.places);
        if !foreign_a.is_empty() && !foreign_b.is_empty() {
            l.add(EvidenceKind::Concepts, -2.5, || {
                format!(
                    "different places: {} / {}",
                    list(foreign_a.iter().map(|&t| key(t))),
                    list(foreign_b.iter().map(|&t| key(t)))
                )
            });
        }
    }
    if !a.concepts.is_empty() && !b.concepts.is_empty() {
        let j = similarity(corpus, &a.concepts, &b.concepts);
        let shared = common(&a.concepts, &b.concepts);
        l.add(EvidenceKind::Concepts, 2.0 * j - 0.6, || {
            if shared.is_empty() {
                "no concept tag in common".to_owned()
            } else {
                format!(
                    "concept tags alike ({j:.2}): {}",
                    list(shared.iter().map(|&t| key(t)))
                )
            }
        });
    }
}

/// Authors, series, projects and identifiers.
fn people_and_series(corpus: &Corpus, a: &Profile, b: &Profile, l: &mut Ledger) {
    let uid = |map: &std::collections::HashMap<i64, String>, id: i64| {
        map.get(&id).cloned().unwrap_or_else(|| id.to_string())
    };
    if !a.authors.is_empty() && !b.authors.is_empty() {
        let shared = common(&a.authors, &b.authors);
        if shared.is_empty() {
            l.add(EvidenceKind::Authors, -2.0, || {
                "no author or editor in common".to_owned()
            });
        } else {
            // Rarity-weighted share of the authors: the same prolific author on two reports
            // says less than the same team.
            let weigh = |ids: &[i64]| ids.iter().map(|&x| corpus.author_idf(x)).sum::<f64>();
            let union = weigh(&a.authors) + weigh(&b.authors) - weigh(&shared);
            let part = weigh(&shared) / union.max(f64::MIN_POSITIVE);
            l.add(EvidenceKind::Authors, 0.3 + 1.7 * part, || {
                format!(
                    "authors in common ({part:.2}): {}",
                    list(shared.iter().map(|&x| uid(&corpus.agent_uids, x)))
                )
            });
        }
    }
    if let (Some(sa), Some(sb)) = (a.series, b.series) {
        let name = if sa == sb {
            uid(&corpus.series_uids, sa)
        } else {
            // One series named in two languages.
            format!(
                "{} = {}",
                uid(&corpus.series_uids, sa),
                uid(&corpus.series_uids, sb)
            )
        };
        match (
            corpus.same_series(sa, sb),
            &a.series_number,
            &b.series_number,
        ) {
            (true, Some(x), Some(y)) if x == y => {
                l.add(EvidenceKind::Series, 3.0, || {
                    format!("same series and number: {name} {x}")
                });
            }
            (true, Some(x), Some(y)) => {
                l.add(EvidenceKind::Series, -3.5, || {
                    format!("same series, different numbers: {name} {x} and {y}")
                });
            }
            (true, _, _) => l.add(EvidenceKind::Series, 0.5, || format!("same series: {name}")),
            (false, _, _) => l.add(EvidenceKind::Series, -0.5, || {
                format!(
                    "different series: {name} and {}",
                    uid(&corpus.series_uids, sb)
                )
            }),
        }
    }
    if !a.projects.is_empty() && !b.projects.is_empty() {
        let shared = common(&a.projects, &b.projects);
        if shared.is_empty() {
            l.add(EvidenceKind::Projects, -0.8, || {
                "different projects".to_owned()
            });
        } else {
            l.add(EvidenceKind::Projects, 0.8, || {
                format!(
                    "same project: {}",
                    list(shared.iter().map(|&x| uid(&corpus.project_uids, x)))
                )
            });
        }
    }
    let same: Vec<&String> = a
        .identifiers
        .iter()
        .filter(|s| b.identifiers.binary_search(s).is_ok())
        .collect();
    if !same.is_empty() {
        l.add(EvidenceKind::Identifiers, 4.0, || {
            format!(
                "identifiers alike but for the language: {}",
                list(same.iter().map(|s| (*s).clone()))
            )
        });
    }
}

/// Dates, kind and pages.
fn dates_and_form(a: &Profile, b: &Profile, l: &mut Ledger) {
    if let (Some((la, ua, pa)), Some((lb, ub, pb))) = (a.date, b.date) {
        let gap = (la.max(lb) - ua.min(ub)).max(0);
        let precise = pa && pb;
        let (weight, what) = match (precise, gap) {
            (true, 0..=120) => (1.5, "published within four months"),
            (true, 121..=365) => (0.5, "published within a year"),
            (false, 0) => (0.5, "dates overlap"),
            (false, 1..=366) => (-0.3, "dates in successive years"),
            (_, 0..=730) => (-1.2, "published more than a year apart"),
            _ => (-3.0, "published more than two years apart"),
        };
        l.add(EvidenceKind::Dates, weight, || {
            format!("{what} ({gap} days between the dates)")
        });
    }
    if a.kind == b.kind {
        l.add(EvidenceKind::Kind, 0.3, || format!("both {}", a.kind));
    } else {
        l.add(EvidenceKind::Kind, -1.0, || {
            format!("a {} and a {}", a.kind, b.kind)
        });
    }
    if let (Some(x), Some(y)) = (a.pages, b.pages) {
        let ratio = x.min(y) as f64 / x.max(y).max(1) as f64;
        if ratio >= 0.8 {
            l.add(EvidenceKind::Length, 0.5, || format!("{x} and {y} pages"));
        } else if ratio < 0.5 {
            l.add(EvidenceKind::Length, -1.0, || format!("{x} and {y} pages"));
        }
    }
}
