//! What link discovery knows of each publication (its *profile*), read in a few scans of the
//! catalogue: the analysed words, numbers and names of its title and summary, the concepts the
//! vocabularies find in them and those it is tagged with, its authors, series, projects, date,
//! kind, pages and identifiers; and how rare each word is in the catalogue.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;

use super::hash::FastMap;
use super::reading::{profiles_of, Reader};
use super::text::analyse;
use crate::error::Result;
use crate::store::translations::{self as rows, PublicationFacts};

/// Interned terms (word keys, `n:` numbers, `c:` concepts) and how rare each is.
#[derive(Debug, Default)]
pub(crate) struct Terms {
    ids: FastMap<String, u32>,
    keys: Vec<String>,
    /// `ln(1 + N / df)` of each term, once every profile is read.
    idf: Vec<f64>,
}

impl Terms {
    /// The id of `key`, new if unseen.
    pub(crate) fn intern(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.keys.len() as u32;
        self.ids.insert(key.to_owned(), id);
        self.keys.push(key.to_owned());
        id
    }

    /// Every key, by id.
    pub(crate) fn keys(&self) -> &[String] {
        &self.keys
    }

    /// The key of term `id` (`w:confl`, `n:2012`, `c:south-kivu`, `l:mining`).
    pub(crate) fn key(&self, id: u32) -> &str {
        &self.keys[id as usize]
    }

    /// The inverse document frequency of term `id`: `ln(1 + N / df)`.
    pub(crate) fn idf(&self, id: u32) -> f64 {
        self.idf.get(id as usize).copied().unwrap_or(0.0)
    }
}

/// One publication as link discovery sees it. Term lists are sorted and without repeats.
#[derive(Debug, Clone, Default)]
pub(crate) struct Profile {
    pub id: i64,
    pub uid: String,
    pub work: i64,
    /// Primary language subtag, lower case (`fr` for `fr-CD`).
    pub language: String,
    /// The language tag as stored (`fr-CD`).
    pub full_language: String,
    pub title: String,
    pub kind: String,
    /// Word keys and concepts of the title and subtitle.
    pub title_words: Vec<u32>,
    /// Word keys and concepts of the title, subtitle and summary.
    pub words: Vec<u32>,
    /// Whether the summary had any words.
    pub has_summary: bool,
    /// Numbers of the title and subtitle.
    pub title_numbers: Vec<u32>,
    /// Numbers of the title, subtitle and summary, and the years of the date.
    pub numbers: Vec<u32>,
    /// Names (as word keys) of the title and subtitle.
    pub title_names: Vec<u32>,
    /// Places the vocabularies find in the title and subtitle, and in the whole text with the
    /// place tags.
    pub title_places: Vec<u32>,
    pub places: Vec<u32>,
    /// Concept tags (curated or automatic).
    pub concepts: Vec<u32>,
    /// Authors and editors (agent row ids).
    pub authors: Vec<i64>,
    pub series: Option<i64>,
    pub series_number: Option<String>,
    pub projects: Vec<i64>,
    /// First and last day the date may mean (days from the common era), and whether it is
    /// precise to the month or day.
    pub date: Option<(i32, i32, bool)>,
    pub pages: Option<i64>,
    /// Identifiers and link URLs without their language part (`10.5072/x.en` → `10.5072/x`).
    pub identifiers: Vec<String>,
    /// How each title word was written (term, spelling), for the evidence.
    pub spellings: Vec<(u32, String)>,
}

/// Every profile of a catalogue, with what pairs are checked against.
#[derive(Debug, Default)]
pub(crate) struct Corpus {
    pub profiles: Vec<Profile>,
    pub terms: Terms,
    /// Primary language subtags of each work's versions.
    pub work_languages: HashMap<i64, Vec<String>>,
    /// Pairs of works (row ids, smaller first) holding two publications a person said are
    /// not translations of each other: they are never joined.
    pub decisions: HashSet<(i64, i64)>,
    /// Row id → index in `profiles`.
    pub index: HashMap<i64, usize>,
    /// Uids of the agents, projects and series the profiles refer to, by row id.
    pub agent_uids: HashMap<i64, String>,
    pub project_uids: HashMap<i64, String>,
    pub series_uids: HashMap<i64, String>,
    /// The word keys of each series' name (sorted), to see that `IPIS Mapping Reports` and
    /// `Rapports de cartographie IPIS` are one series in two languages.
    pub series_keys: HashMap<i64, Vec<u32>>,
    /// In how many publications each author appears.
    pub author_df: HashMap<i64, u32>,
}

impl Corpus {
    /// Whether series `a` and `b` are one series, or one series named in two languages: the
    /// word keys of their names (lexicon meanings, cognates) alike, Dice at least 0.75 over
    /// two words or more (`Conflict Mapping`, `Cartographie des conflits`; not `IPIS Mapping
    /// Reports` and `IPIS Briefing Reports`).
    pub(crate) fn same_series(&self, a: i64, b: i64) -> bool {
        if a == b {
            return true;
        }
        let (Some(x), Some(y)) = (self.series_keys.get(&a), self.series_keys.get(&b)) else {
            return false;
        };
        let both = x.iter().filter(|k| y.binary_search(k).is_ok()).count();
        both >= 2 && 8 * both >= 3 * (x.len() + y.len())
    }

    /// The rarity of author `agent`: `ln(1 + N / publications)`.
    pub(crate) fn author_idf(&self, agent: i64) -> f64 {
        let df = f64::from(self.author_df.get(&agent).copied().unwrap_or(1).max(1));
        (1.0 + self.profiles.len() as f64 / df).ln()
    }
}

/// An identifier or URL without its language part, or `None` when too generic to compare.
pub(crate) fn identifier_stem(scheme: &str, value: &str) -> Option<String> {
    const LANGUAGES: &[&str] = &[
        "en",
        "fr",
        "nl",
        "sw",
        "de",
        "es",
        "pt",
        "eng",
        "fra",
        "fre",
        "nld",
        "dut",
        "english",
        "french",
        "dutch",
        "francais",
        "nederlands",
        "anglais",
    ];
    let lower = value.trim().to_lowercase();
    let body = lower
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.")
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_end_matches('/');
    let mut segments: Vec<String> = Vec::new();
    for segment in body.split('/') {
        if LANGUAGES.contains(&segment) {
            continue;
        }
        // A trailing language in a segment: `report-fr`, `x.en`, `report_nl`, `file-fr-cd`.
        let mut s = segment.to_owned();
        for _ in 0..2 {
            if let Some(at) = s.rfind(['-', '.', '_']) {
                let tail = &s[at + 1..];
                if LANGUAGES.contains(&tail) || (tail.len() == 2 && tail == "cd") {
                    s.truncate(at);
                    continue;
                }
            }
            break;
        }
        segments.push(s);
    }
    let stem = segments.join("/");
    let deep = (scheme != "link" && scheme != "url") || segments.len() >= 3;
    (deep && stem.len() >= 8).then_some(stem)
}

/// Sorts and removes repeats.
pub(crate) fn set<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort_unstable();
    v.dedup();
    v
}

/// Reads every publication of the catalogue into profiles.
pub(crate) fn load(conn: &Connection) -> Result<Corpus> {
    let reader = Reader::for_catalogue(conn)?;
    let mut corpus = Corpus::default();
    let mut facts: Vec<PublicationFacts> = Vec::new();
    rows::for_each_publication(conn, |f| {
        if let (Some(id), Some(uid)) = (f.series_id, &f.series_uid) {
            corpus.series_uids.entry(id).or_insert_with(|| uid.clone());
            if let (Some(name), false) = (&f.series_name, corpus.series_keys.contains_key(&id)) {
                let keys = analyse(name)
                    .words
                    .iter()
                    .map(|(k, _)| corpus.terms.intern(k))
                    .collect();
                corpus.series_keys.insert(id, set(keys));
            }
        }
        facts.push(f);
        Ok(())
    })?;
    corpus.profiles = profiles_of(facts, &reader, &mut corpus.terms);
    for (i, p) in corpus.profiles.iter().enumerate() {
        corpus
            .work_languages
            .entry(p.work)
            .or_default()
            .push(p.language.clone());
        corpus.index.insert(p.id, i);
    }
    attach_metadata(conn, &mut corpus, reader.schemes())?;
    let mut df = vec![0u32; corpus.terms.keys.len()];
    for p in &corpus.profiles {
        for &t in p.words.iter().chain(&p.numbers).chain(&p.concepts) {
            df[t as usize] += 1;
        }
        for &a in &p.authors {
            *corpus.author_df.entry(a).or_insert(0) += 1;
        }
    }
    let n = corpus.profiles.len() as f64;
    corpus.terms.idf = df
        .into_iter()
        .map(|d| (1.0 + n / f64::from(d.max(1))).ln())
        .collect();
    let work_of = |id: i64| corpus.index.get(&id).map(|&i| corpus.profiles[i].work);
    corpus.decisions = rows::decisions(conn)?
        .into_iter()
        .filter_map(|(a, b)| {
            let (x, y) = (work_of(a)?, work_of(b)?);
            Some((x.min(y), x.max(y)))
        })
        .collect();
    Ok(corpus)
}

/// Adds contributors, projects, concept tags and identifiers to the profiles.
fn attach_metadata(
    conn: &Connection,
    corpus: &mut Corpus,
    schemes: &HashMap<String, String>,
) -> Result<()> {
    let Corpus {
        profiles,
        terms,
        index,
        agent_uids,
        project_uids,
        ..
    } = corpus;
    for (publication, agent, uid, role) in rows::contributions(conn)? {
        if let Some(&i) = index.get(&publication) {
            if role == "author" || role == "editor" {
                profiles[i].authors.push(agent);
                agent_uids.entry(agent).or_insert(uid);
            }
        }
    }
    for (publication, project, uid) in rows::projects(conn)? {
        if let Some(&i) = index.get(&publication) {
            profiles[i].projects.push(project);
            project_uids.entry(project).or_insert(uid);
        }
    }
    for (publication, concept, scheme) in rows::curated_concepts(conn)? {
        if let Some(&i) = index.get(&publication) {
            let id = terms.intern(&format!("c:{concept}"));
            profiles[i].concepts.push(id);
            if scheme == "place" || schemes.get(&concept).is_some_and(|s| s == "place") {
                profiles[i].places.push(id);
            }
        }
    }
    for (publication, scheme, value) in rows::identifiers(conn)? {
        if let Some(&i) = index.get(&publication) {
            if let Some(stem) = identifier_stem(&scheme, &value) {
                profiles[i].identifiers.push(stem);
            }
        }
    }
    for p in profiles.iter_mut() {
        p.authors = set(std::mem::take(&mut p.authors));
        p.projects = set(std::mem::take(&mut p.projects));
        p.concepts = set(std::mem::take(&mut p.concepts));
        p.places = set(std::mem::take(&mut p.places));
        p.identifiers = set(std::mem::take(&mut p.identifiers));
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn identifier_stems_drop_the_language() {
        assert_eq!(
            identifier_stem("doi", "10.5072/pubcat.12.en"),
            identifier_stem("doi", "10.5072/pubcat.12.fr-cd")
        );
        assert_eq!(
            identifier_stem("link", "https://example.org/en/reports/gold-ituri"),
            identifier_stem("link", "https://www.example.org/fr/reports/gold-ituri/")
        );
        assert_eq!(identifier_stem("link", "https://example.org/fr/"), None);
        assert_ne!(
            identifier_stem("doi", "10.5072/pubcat.12.en"),
            identifier_stem("doi", "10.5072/pubcat.13.en")
        );
    }
}
