//! Reading publications' texts into profiles: the words, numbers and names of each title and
//! summary (`text.rs`), and the concepts the vocabularies find in them. The texts are read
//! on every core (each thread with its own terms, merged after), since reading is most of
//! the work of link discovery.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::Connection;

use super::profile::{set, Profile, Terms};
use super::text::{analyse, analyse_in, Analysed};
use crate::enrich::tagger::{TagLabel, Tagger};
use crate::error::Result;
use crate::formats::{Vocabulary, BUILTIN_VOCABULARIES};
use crate::model::language::primary_subtag;
use crate::store::tags::labels_in;
use crate::store::translations::PublicationFacts;

/// Below this many publications, texts are read on one thread.
const PARALLEL_FROM: usize = 2_000;

/// What reads texts: the tagger of the vocabularies, the scheme of each concept, and the
/// word keys of each label.
pub(crate) struct Reader {
    tagger: Tagger,
    schemes: HashMap<String, String>,
    label_keys: HashMap<String, Vec<String>>,
}

impl Reader {
    /// The reader for a catalogue: with its own vocabularies when it has some, else with
    /// those shipped with pubcat (link discovery uses them to see that `Sud-Kivu` and `South
    /// Kivu`, `or` and `gold` say the same thing, even in a catalogue without vocabularies).
    pub(crate) fn for_catalogue(conn: &Connection) -> Result<Reader> {
        let mut labels: Vec<TagLabel> = labels_in(conn)?
            .into_iter()
            .map(|(concept, scheme, label, language, ambiguous)| TagLabel {
                concept,
                scheme,
                label,
                language,
                ambiguous,
            })
            .collect();
        if labels.is_empty() {
            labels = builtin_labels()?;
        }
        let schemes = labels
            .iter()
            .map(|l| (l.concept.clone(), l.scheme.clone()))
            .collect();
        let label_keys = labels
            .iter()
            .map(|l| {
                let keys = analyse(&l.label)
                    .words
                    .into_iter()
                    .map(|(k, _)| k)
                    .collect();
                (l.label.clone(), keys)
            })
            .collect();
        Ok(Reader {
            tagger: Tagger::new(labels),
            schemes,
            label_keys,
        })
    }

    /// The scheme of each concept (by uid).
    pub(crate) fn schemes(&self) -> &HashMap<String, String> {
        &self.schemes
    }
}

/// Every label of the vocabularies shipped with pubcat.
fn builtin_labels() -> Result<Vec<TagLabel>> {
    let mut labels = Vec::new();
    for (_, text) in BUILTIN_VOCABULARIES {
        let vocabulary = Vocabulary::parse(text)?;
        let scheme = vocabulary.scheme.as_str().to_owned();
        for c in &vocabulary.concepts {
            let all = c
                .labels
                .iter()
                .map(|(language, label)| (language.clone(), label.clone()))
                .chain(
                    c.alt_labels
                        .iter()
                        .map(|l| (l.language.clone(), l.label.clone())),
                );
            for (language, label) in all {
                let ambiguous = c
                    .ambiguous
                    .iter()
                    .any(|a| a.language == language && a.label == label);
                labels.push(TagLabel {
                    concept: c.uid.clone(),
                    scheme: scheme.clone(),
                    label,
                    language,
                    ambiguous,
                });
            }
        }
    }
    Ok(labels)
}

/// Days from the common era of an ISO date.
fn day(text: &str) -> Option<i32> {
    use chrono::Datelike;
    text.parse::<NaiveDate>().ok().map(|d| d.num_days_from_ce())
}

/// What one text (a heading, a summary) gives a profile, as interned terms.
#[derive(Debug, Default)]
struct TextTerms {
    /// Word keys and concepts.
    words: Vec<u32>,
    numbers: Vec<u32>,
    names: Vec<u32>,
    places: Vec<u32>,
    /// (term, as written) of each word.
    spellings: Vec<(u32, String)>,
}

/// Reads `text` (see `text.rs`) and adds the concepts the tagger finds. Places and actors are
/// names (unless their label is made of lexicon words only): the concept replaces the words of the label that matched (`Sud-Kivu` is one name,
/// not the words `south` and `kivu` as well), so that one mention counts once. Minerals and
/// themes are added beside their words (the two versions may not name them with labels that
/// cover the same words: `artisanal mining cooperatives`, `coopératives minières
/// artisanales`).
fn read_text(text: &str, language: &str, reader: &Reader, terms: &mut Terms) -> TextTerms {
    let primary = primary_subtag(language).to_lowercase();
    let analysed: Analysed = analyse_in(text, &primary);
    let mut out = TextTerms::default();
    let mut covered: HashSet<String> = HashSet::new();
    for tag in reader.tagger.tag(&[text], language) {
        let id = terms.intern(&format!("c:{}", tag.concept));
        out.words.push(id);
        out.spellings.push((id, tag.label.clone()));
        let scheme = reader.schemes.get(&tag.concept).map(String::as_str);
        if scheme == Some("place") {
            out.places.push(id);
        }
        if matches!(scheme, Some("place" | "actor")) {
            // Counted once, as the concept; a name unless its label is made of lexicon words
            // only (`négociants`, `armed groups` are common nouns, `Sud-Kivu`, `FARDC` names).
            let keys = reader.label_keys.get(&tag.label);
            if keys.is_none_or(|keys| keys.iter().any(|k| !k.starts_with("l:"))) {
                out.names.push(id);
            }
            if let Some(keys) = keys {
                covered.extend(keys.iter().cloned());
            }
        }
    }
    for (key, original) in &analysed.words {
        if covered.contains(key) {
            continue;
        }
        let id = terms.intern(key);
        out.words.push(id);
        out.spellings.push((id, original.clone()));
    }
    for (key, _) in &analysed.names {
        if !covered.contains(key) {
            out.names.push(terms.intern(key));
        }
    }
    out.numbers = analysed
        .numbers
        .iter()
        .map(|n| terms.intern(&format!("n:{n}")))
        .collect();
    out
}

/// The text part of a profile.
fn profile_of(terms: &mut Terms, reader: &Reader, f: PublicationFacts) -> Profile {
    let heading = match &f.subtitle {
        Some(s) => format!("{}. {s}", f.title),
        None => f.title.clone(),
    };
    let title = read_text(&heading, &f.language, reader, terms);
    let summary = match &f.summary {
        Some(s) => read_text(s, &f.language, reader, terms),
        None => TextTerms::default(),
    };
    let language = f
        .language
        .split('-')
        .next()
        .unwrap_or(&f.language)
        .to_lowercase();
    let mut spellings: Vec<(u32, String)> = Vec::new();
    for (id, spelled) in title.spellings {
        if !spellings.iter().any(|(t, _)| *t == id) {
            spellings.push((id, spelled));
        }
    }
    let mut words = summary.words.clone();
    words.extend(&title.words);
    let mut numbers = summary.numbers;
    numbers.extend(&title.numbers);
    if let Some((lower, upper, _)) = &f.date {
        let year = |d: &String| d.get(..4).and_then(|y| y.parse::<i32>().ok());
        if let (Some(a), Some(b)) = (year(lower), year(upper)) {
            for y in a..=b.min(a + 2) {
                numbers.push(terms.intern(&format!("n:{y}")));
            }
        }
    }
    let mut places = summary.places;
    places.extend(&title.places);
    let date = f.date.as_ref().and_then(|(lower, upper, precision)| {
        Some((day(lower)?, day(upper)?, precision != "year"))
    });
    Profile {
        id: f.id,
        uid: f.uid,
        work: f.work_id,
        language,
        full_language: f.language,
        title: f.title,
        kind: f.kind,
        title_words: set(title.words),
        has_summary: !summary.words.is_empty(),
        words: set(words),
        title_numbers: set(title.numbers),
        numbers: set(numbers),
        title_names: set(title.names),
        title_places: set(title.places),
        places: set(places),
        concepts: Vec::new(),
        authors: Vec::new(),
        series: f.series_id,
        series_number: f.series_number,
        projects: Vec::new(),
        date,
        pages: f.pages,
        identifiers: Vec::new(),
        spellings,
    }
}

/// Maps every term of `p` through `map` (a thread's term ids to the merged ones).
fn remap(p: &mut Profile, map: &[u32]) {
    for list in [
        &mut p.title_words,
        &mut p.words,
        &mut p.title_numbers,
        &mut p.numbers,
        &mut p.title_names,
        &mut p.title_places,
        &mut p.places,
    ] {
        *list = set(list.iter().map(|&t| map[t as usize]).collect());
    }
    for (t, _) in &mut p.spellings {
        *t = map[*t as usize];
    }
}

/// The profiles of `facts` (in order), their terms interned in `terms`.
pub(crate) fn profiles_of(
    facts: Vec<PublicationFacts>,
    reader: &Reader,
    terms: &mut Terms,
) -> Vec<Profile> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if threads < 2 || facts.len() < PARALLEL_FROM {
        return facts
            .into_iter()
            .map(|f| profile_of(terms, reader, f))
            .collect();
    }
    let size = facts.len().div_ceil(threads);
    let mut parts: Vec<Vec<PublicationFacts>> = Vec::with_capacity(threads);
    let mut rest = facts;
    while rest.len() > size {
        let tail = rest.split_off(size);
        parts.push(rest);
        rest = tail;
    }
    parts.push(rest);
    let read: Vec<(Vec<Profile>, Terms)> = std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| {
                scope.spawn(move || {
                    let mut local = Terms::default();
                    let profiles: Vec<Profile> = part
                        .into_iter()
                        .map(|f| profile_of(&mut local, reader, f))
                        .collect();
                    (profiles, local)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut out = Vec::new();
    for (profiles, local) in read {
        let map: Vec<u32> = local.keys().iter().map(|k| terms.intern(k)).collect();
        for mut p in profiles {
            remap(&mut p, &map);
            out.push(p);
        }
    }
    out
}
