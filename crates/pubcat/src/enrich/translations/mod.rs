//! Link discovery: publications in different languages that are probably versions of one
//! work ([`Catalog::suggest_translations`](crate::Catalog::suggest_translations)).
//!
//! 1. `profile`: every publication is read once into a profile (words, numbers, names,
//!    concepts of its title and summary; authors, series, projects, dates, identifiers).
//! 2. `blocking`: candidate pairs come from keys that few publications share, never from
//!    comparing every pair.
//! 3. `scoring`: each candidate pair is scored from its evidence, for and against.
//! 4. `grouping`: pairs at or above the threshold join into groups, best first, one version
//!    per language.
//!
//! Never proposed: two publications of one language, two of one work, a pair a person said
//! is not a translation (`not_translation`, recorded by
//! [`Catalog::unlink_translation`](crate::Catalog::unlink_translation)), or a publication
//! whose work already has a version in the other's language.

mod blocking;
mod grouping;
mod hash;
mod profile;
mod reading;
mod scoring;
mod text;

use std::collections::HashSet;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::store::publications::link_translation_in;
use crate::store::translations::ids_of;
use crate::store::writer::Writer;
use grouping::{Edge, Group};
use profile::Corpus;

/// The score at or above which a suggestion is confident enough to be linked without a
/// person looking at it ([`Catalog::link_suggested_translations`](crate::Catalog::link_suggested_translations),
/// imports with `link_translations`), and the default threshold of
/// [`Catalog::suggest_translations`](crate::Catalog::suggest_translations).
///
/// ```
/// assert!(pubcat::DEFAULT_MIN_TRANSLATION_SCORE > 0.5 && pubcat::DEFAULT_MIN_TRANSLATION_SCORE < 1.0);
/// ```
pub const DEFAULT_MIN_TRANSLATION_SCORE: f64 = 0.8;

/// Which suggestions [`Catalog::suggest_translations`](crate::Catalog::suggest_translations)
/// returns. `SuggestOptions::default()`: every suggestion at or above
/// [`DEFAULT_MIN_TRANSLATION_SCORE`].
///
/// ```
/// use pubcat::SuggestOptions;
/// let options: SuggestOptions = serde_json::from_str(r#"{"min_score": 0.6, "limit": 10}"#).unwrap();
/// assert_eq!(options.min_score, Some(0.6));
/// assert!(options.only.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(default, deny_unknown_fields)]
pub struct SuggestOptions {
    /// The lowest score returned, between 0 and 1; `None`: [`DEFAULT_MIN_TRANSLATION_SCORE`].
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub min_score: Option<f64>,
    /// Only the suggestions that involve one of these publications (uids); empty: all.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub only: Vec<String>,
    /// The most suggestions returned (the best ones); `None`: all. Signed so that it is `Int`
    /// in Kotlin and Swift; a negative limit is `InvalidInput`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub limit: Option<i32>,
}

/// Publications that are probably language versions of one work: a pair, or a group when
/// three or more belong together (English, French and Dutch).
///
/// ```
/// let catalog = pubcat::Catalog::demo()?;
/// catalog.unlink_translation("conflict-minerals-perceptions-fr")?;
/// // A person's decision: the pair is not proposed again.
/// assert!(catalog.suggest_translations(&Default::default())?.is_empty());
/// # Ok::<(), pubcat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TranslationSuggestion {
    /// The publications (uids), by language.
    pub uids: Vec<String>,
    /// Their languages, in the same order.
    pub languages: Vec<String>,
    /// Their titles, in the same order.
    pub titles: Vec<String>,
    /// How sure the suggestion is, between 0 and 1 (for a group: its least sure pair).
    pub score: f64,
    /// Why: every signal that counted, for or against.
    pub evidence: Vec<Evidence>,
}

/// One signal behind a suggestion's score.
///
/// ```
/// use pubcat::{Evidence, EvidenceKind};
/// let e = Evidence { kind: EvidenceKind::Numbers, detail: "numbers in both titles: 2012".into(), weight: 1.2 };
/// assert_eq!(serde_json::to_value(&e).unwrap()["kind"], "numbers");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Evidence {
    /// What kind of signal.
    pub kind: EvidenceKind,
    /// What was found, in words (which words, numbers, names, authors …).
    pub detail: String,
    /// What it adds to the score's log-odds: positive for, negative against.
    pub weight: f64,
}

/// The kinds of [`Evidence`].
///
/// ```
/// let kind: pubcat::EvidenceKind = serde_json::from_str("\"proper_nouns\"").unwrap();
/// assert_eq!(kind, pubcat::EvidenceKind::ProperNouns);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// Title words that are alike or translate each other (cognates, the built-in lexicon,
    /// vocabulary labels).
    TitleWords,
    /// The whole texts (titles and summaries) alike.
    SummaryWords,
    /// Numbers and years: shared, or in one title only.
    Numbers,
    /// Names (capitalised words): shared, or in one title only.
    ProperNouns,
    /// Concept tags alike, or different places.
    Concepts,
    /// Authors and editors in common, or none.
    Authors,
    /// Series and number.
    Series,
    /// Projects.
    Projects,
    /// DOIs or URLs that differ only by their language part.
    Identifiers,
    /// Publication dates close or far apart.
    Dates,
    /// The kinds of publication.
    Kind,
    /// Page counts.
    Length,
}

/// What [`Catalog::link_suggested_translations`](crate::Catalog::link_suggested_translations)
/// (or an import with `link_translations`) linked.
///
/// ```
/// let summary = pubcat::LinkSummary::default();
/// assert_eq!(summary.publications, 0);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LinkSummary {
    /// The suggestions linked, each now one work.
    pub linked: Vec<TranslationSuggestion>,
    /// Publications that joined another work.
    pub publications: i64,
}

/// Scores below this are dropped right away: they neither pass a threshold in practice nor
/// make a better pair ambiguous (see `grouping`).
const FLOOR: f64 = 0.05;

/// Checks a threshold and returns it (the default when `None`).
fn threshold(min_score: Option<f64>) -> Result<f64> {
    let min = min_score.unwrap_or(DEFAULT_MIN_TRANSLATION_SCORE);
    if !(0.0..=1.0).contains(&min) {
        return Err(Error::invalid(
            "min_score",
            format!("{min} is not a score between 0 and 1"),
        ));
    }
    Ok(min)
}

/// Scores every candidate pair of `corpus` (for the publications `targets` only, when given)
/// and groups those at or above `min`. Pairs are scored on every core.
fn groups_of(corpus: &Corpus, targets: Option<&[usize]>, min: f64) -> Vec<Group> {
    let pairs = blocking::candidates(corpus, targets);
    let score_all = |pairs: &[(usize, usize)]| -> Vec<Edge> {
        pairs
            .iter()
            .filter_map(|&(a, b)| {
                let s = scoring::score(corpus, &corpus.profiles[a], &corpus.profiles[b], false);
                // Pairs far below any threshold cannot make another ambiguous either.
                (s.score >= min.min(FLOOR)).then_some(Edge {
                    a,
                    b,
                    score: s.score,
                })
            })
            .collect()
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let edges: Vec<Edge> = if threads < 2 || pairs.len() < 10_000 {
        score_all(&pairs)
    } else {
        let size = pairs.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> = pairs
                .chunks(size)
                .map(|chunk| scope.spawn(move || score_all(chunk)))
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        })
    };
    grouping::group(corpus, edges, min)
}

/// A group as a suggestion, explained.
fn suggestion(corpus: &Corpus, group: &Group) -> TranslationSuggestion {
    let mut members: Vec<usize> = group.members.clone();
    members.sort_by(|x, y| {
        let (p, q) = (&corpus.profiles[*x], &corpus.profiles[*y]);
        (&p.language, &p.uid).cmp(&(&q.language, &q.uid))
    });
    let several = group.edges.len() > 1;
    let mut evidence = Vec::new();
    for e in &group.edges {
        let (a, b) = (&corpus.profiles[e.a], &corpus.profiles[e.b]);
        for mut ev in scoring::score(corpus, a, b, true).evidence {
            if several {
                ev.detail = format!("{} ~ {}: {}", a.uid, b.uid, ev.detail);
            }
            evidence.push(ev);
        }
    }
    let field = |f: fn(&profile::Profile) -> &str| {
        members
            .iter()
            .map(|&i| f(&corpus.profiles[i]).to_owned())
            .collect()
    };
    TranslationSuggestion {
        uids: field(|p| &p.uid),
        languages: field(|p| &p.full_language),
        titles: field(|p| &p.title),
        score: group.score(),
        evidence,
    }
}

/// The suggestions of the catalogue read through `conn`: for the publications with row ids
/// `only` when given (the rest of the catalogue is still searched for their versions), at
/// or above `min_score` (the default when `None`), best first.
pub(crate) fn suggest_ids(
    conn: &Connection,
    only: Option<&[i64]>,
    min_score: Option<f64>,
) -> Result<Vec<TranslationSuggestion>> {
    let min = threshold(min_score)?;
    let corpus = profile::load(conn)?;
    let targets: Option<Vec<usize>> = only.map(|ids| {
        ids.iter()
            .filter_map(|id| corpus.index.get(id).copied())
            .collect()
    });
    let groups = groups_of(&corpus, targets.as_deref(), min);
    let mut out: Vec<TranslationSuggestion> =
        groups.iter().map(|g| suggestion(&corpus, g)).collect();
    out.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| x.uids.cmp(&y.uids))
    });
    Ok(out)
}

/// [`Catalog::score_translation`](crate::Catalog::score_translation) on `conn`.
pub(crate) fn score_pair_in(conn: &Connection, a: &str, b: &str) -> Result<TranslationSuggestion> {
    if a == b {
        return Err(Error::invalid(
            "b",
            "a publication is not a translation of itself",
        ));
    }
    let corpus = profile::load(conn)?;
    let find = |uid: &str| {
        corpus
            .profiles
            .iter()
            .position(|p| p.uid == uid)
            .ok_or_else(|| Error::not_found("publication", uid))
    };
    let (i, j) = (find(a)?, find(b)?);
    let s = scoring::score(&corpus, &corpus.profiles[i], &corpus.profiles[j], false);
    Ok(suggestion(
        &corpus,
        &Group {
            members: vec![i, j],
            edges: vec![Edge {
                a: i,
                b: j,
                score: s.score,
            }],
        },
    ))
}

/// [`Catalog::suggest_translations`](crate::Catalog::suggest_translations) on `conn`.
pub(crate) fn suggest_in(
    conn: &Connection,
    options: &SuggestOptions,
) -> Result<Vec<TranslationSuggestion>> {
    let limit = options
        .limit
        .map(usize::try_from)
        .transpose()
        .map_err(|_| Error::invalid("limit", "the most suggestions returned is at least 0"))?;
    let only = if options.only.is_empty() {
        None
    } else {
        let ids = ids_of(conn, &options.only)?;
        if ids.len() < options.only.iter().collect::<HashSet<_>>().len() {
            let known: HashSet<String> =
                crate::store::rows::uids_all(conn, "SELECT uid FROM publication")?
                    .into_iter()
                    .collect();
            let unknown = options.only.iter().find(|u| !known.contains(*u));
            return Err(Error::not_found(
                "publication",
                unknown.cloned().unwrap_or_default(),
            ));
        }
        Some(ids)
    };
    let mut out = suggest_ids(conn, only.as_deref(), options.min_score)?;
    if let Some(uids) = only.is_some().then_some(&options.only) {
        out.retain(|s| s.uids.iter().any(|u| uids.contains(u)));
    }
    if let Some(limit) = limit {
        out.truncate(limit);
    }
    Ok(out)
}

/// Links every suggestion at or above `min_score` (the default when `None`) inside `w`, for
/// the publications with row ids `only` when given. Each suggestion's publications join the
/// work of the one whose work has the most versions (the first by language on a tie).
pub(crate) fn link_in(
    w: &mut Writer<'_>,
    min_score: Option<f64>,
    only: Option<&[i64]>,
) -> Result<LinkSummary> {
    let suggestions = suggest_ids(w.conn(), only, min_score)?;
    let mut summary = LinkSummary::default();
    for s in suggestions {
        let mut anchor = 0;
        let mut most = 0;
        for (i, uid) in s.uids.iter().enumerate() {
            let versions = crate::store::publications::translations_in(w.conn(), uid)?.len();
            if versions > most {
                (anchor, most) = (i, versions);
            }
        }
        let mut moved = 0;
        let mut refused = false;
        for (i, uid) in s.uids.iter().enumerate() {
            if i == anchor {
                continue;
            }
            match link_translation_in(w, &s.uids[anchor], uid) {
                Ok(()) => moved += 1,
                // Cannot happen for a suggestion (it keeps one version per language); a
                // suggestion that would clash is left out rather than failing the rest.
                Err(e) if e.kind() == ErrorKind::Conflict => refused = true,
                Err(e) => return Err(e),
            }
        }
        if !refused || moved > 0 {
            summary.publications += moved;
            summary.linked.push(s);
        }
    }
    Ok(summary)
}
