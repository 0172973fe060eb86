//! What search expansion knows about a catalogue's words: the labels of its concepts (to
//! expand a query word that names a concept to the concept's other labels) and the words of
//! its full-text index with their document counts (to expand a word to its inflections and
//! to suggest close words).
//!
//! Both are kept per catalogue, keyed by `catalog_state.version` (every write transaction
//! increments it): the labels are read with the first search after a change (a few thousand
//! rows). The index words come from the `publication_fts_vocab` table, whose full scan costs
//! in proportion to the index (about 0.2 s at 100,000 publications, docs/BENCHMARKS.md): the
//! first searches after a change look words up in it one prefix at a time ([`Words::Index`]);
//! from the [`LOAD_AFTER`]th search of a version, or as soon as a rare word needs close words,
//! the whole list is read once and kept in memory ([`Words::Loaded`]). Type-ahead, which
//! needs the list on every keystroke, keeps the list it last read and lends it to the next
//! versions while at most 1 % of the catalogue changed ([`LexiconCache::recent_words`]): their
//! document counts may then be a little behind.
//!
//! Two more things are kept per version, as searches need them: the deletion index of the
//! close-word look-up ([`IndexWords::deletions`], built by the first search that needs close
//! words), and what each query word expanded to ([`Lexicon::expansion_of`]), so that the same
//! words searched again (the next page, another filter, sort or language) cost a hash look-up.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use rusqlite::Connection;

use super::deletions::Deletions;
use super::expand::WordExpansion;
use super::suggestions::LabelWord;

use crate::db::concept_tokens;
use crate::error::Result;
use crate::model::fold;

/// One label of a concept.
#[derive(Debug, Clone)]
pub(crate) struct Label {
    /// The label as written in the vocabulary.
    pub text: String,
    /// Its language (BCP 47).
    pub language: String,
    /// Whether it is the concept's preferred label in that language.
    pub preferred: bool,
    /// Whether it is also a common word (French `or`).
    pub ambiguous: bool,
    /// Its folded tokens joined by spaces ([`fold::key`]).
    pub key: String,
}

/// A concept and its labels.
#[derive(Debug, Clone)]
pub(crate) struct ConceptLabels {
    /// Row id.
    pub id: i64,
    /// Uid.
    pub uid: String,
    /// Every label, in every language.
    pub labels: Vec<Label>,
}

impl ConceptLabels {
    /// The label to show a reader of `languages` (best first): the preferred label in the
    /// first of them the concept has (`fr-CD` also tries `fr`), else in English, else any.
    pub fn label_for(&self, languages: &[&str]) -> &str {
        let preferred = |language: &str| {
            self.labels
                .iter()
                .find(|l| l.preferred && l.language.eq_ignore_ascii_case(language))
        };
        languages
            .iter()
            .flat_map(|tag| {
                let base = tag.split('-').next().unwrap_or(tag);
                [*tag, base]
            })
            .chain(["en"])
            .find_map(preferred)
            .or_else(|| self.labels.iter().find(|l| l.preferred))
            .or_else(|| self.labels.first())
            .map_or(self.uid.as_str(), |l| l.text.as_str())
    }
}

/// The words of the full-text index, folded as the index folds them, sorted, with the
/// number of publications that contain each.
#[derive(Debug, Default)]
pub(crate) struct IndexWords {
    words: Vec<(String, u32)>,
    /// What the close-word scan ([`IndexWords::close_to`]) filters on, grouped by length in
    /// characters (capped at [`MAX_LENGTH`]) and, within a length, most documents first: a
    /// scan reads only the lengths it allows and, in each, only the words frequent enough.
    scan: Vec<ScanEntry>,
    /// Where each length starts in `scan`: the words of `l` characters are
    /// `scan[starts[l]..starts[l + 1]]` (`MAX_LENGTH + 2` entries).
    starts: Vec<usize>,
    /// The words of `scan` (by position) filed under their deletion neighbourhoods, built
    /// the first time close words are looked up ([`IndexWords::deletions`]).
    deletions: OnceLock<Deletions>,
}

/// The length (in characters) at which [`IndexWords::close_to`] groups longer words with
/// the words of exactly this length.
pub(crate) const MAX_LENGTH: usize = 255;

/// One word of the index as the close-word scan filters it (16 bytes).
#[derive(Debug, Clone, Copy)]
struct ScanEntry {
    /// The word's [`letter_mask`].
    mask: u64,
    /// Publications that contain the word.
    documents: u32,
    /// Its index in [`IndexWords::words`].
    index: u32,
}

/// A word of the index offered to the close-word scan ([`IndexWords::close_to`]), without
/// its text: the scan reads the text ([`IndexWords::word`]) of the few words whose letters
/// pass, which keeps it within the contiguous list instead of jumping to every word.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ScanWord {
    /// Its position in the sorted list of index words (the order of [`IndexWords::word`]).
    pub index: usize,
    /// Publications that contain it.
    pub documents: u32,
    /// Its [`letter_mask`].
    pub mask: u64,
}

/// The letters of `word` as bits: in the low 32 bits, the set of its letters (`a`–`z` one bit
/// each, digits one bit, any other character one bit); in the high 32 bits, the same bit for
/// each of them that occurs at least twice. One edit changes at most two bits (an insertion
/// or a deletion changes one letter's count by one, hence one bit; a substitution two counts;
/// a swap none), so two words within `k` edits differ in at most `2k` bits.
pub(crate) fn letter_mask(word: &str) -> u64 {
    let (once, twice) = word.chars().fold((0u32, 0u32), |(once, twice), c| {
        let bit = match c {
            'a'..='z' => 1 << (c as u32 - 'a' as u32),
            '0'..='9' => 1 << 26,
            _ => 1 << 27,
        };
        (once | bit, twice | (once & bit))
    });
    u64::from(once) | (u64::from(twice) << 32)
}

impl IndexWords {
    /// Reads every word of the index.
    fn read(conn: &Connection) -> Result<IndexWords> {
        let mut stmt = conn.prepare("SELECT term, doc FROM publication_fts_vocab")?;
        let rows = stmt.query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, u32>(1)?))
        })?;
        let mut words = rows.collect::<std::result::Result<Vec<_>, _>>()?;
        // The concept tokens are index words, not words of any text.
        words.retain(|(word, _)| !concept_tokens::is_token(word));
        // fts5vocab returns terms in index order (bytewise); sort to be sure.
        words.sort_unstable();
        Ok(IndexWords::new(words))
    }

    /// The index over `words` (sorted). Besides the words themselves, it keeps 16 bytes per
    /// word for the close-word scan (document count, letter mask and position, grouped by
    /// length: about 0.85 MB for the ~53,000 words of 100,000 publications) and 257 offsets;
    /// building it costs one pass over the words and a sort by (length, count).
    fn new(words: Vec<(String, u32)>) -> IndexWords {
        let mut keyed: Vec<(u8, ScanEntry)> = words
            .iter()
            .enumerate()
            .map(|(i, (w, documents))| {
                let length = w.chars().count().min(MAX_LENGTH) as u8;
                // More than 2^32 distinct words cannot be held in memory as `String`s anyway.
                let index = i as u32;
                let mask = letter_mask(w);
                let documents = *documents;
                (
                    length,
                    ScanEntry {
                        documents,
                        mask,
                        index,
                    },
                )
            })
            .collect();
        keyed.sort_unstable_by(|(la, a), (lb, b)| {
            la.cmp(lb)
                .then(b.documents.cmp(&a.documents))
                .then(a.index.cmp(&b.index))
        });
        let mut starts = vec![0; MAX_LENGTH + 2];
        for (length, _) in &keyed {
            starts[usize::from(*length) + 1] += 1;
        }
        for l in 1..starts.len() {
            starts[l] += starts[l - 1];
        }
        let scan = keyed.into_iter().map(|(_, entry)| entry).collect();
        IndexWords {
            words,
            scan,
            starts,
            deletions: OnceLock::new(),
        }
    }

    /// Words with their document counts (any order).
    pub fn from_words(mut words: Vec<(String, u32)>) -> IndexWords {
        words.sort_unstable();
        IndexWords::new(words)
    }

    /// How many publications contain `word` (folded).
    pub fn documents(&self, word: &str) -> u32 {
        self.words
            .binary_search_by(|(w, _)| w.as_str().cmp(word))
            .map_or(0, |i| self.words[i].1)
    }

    /// The words that start with `prefix`, with their document counts.
    pub fn with_prefix(&self, prefix: &str) -> &[(String, u32)] {
        let start = self.words.partition_point(|(w, _)| w.as_str() < prefix);
        let len = self.words[start..].partition_point(|(w, _)| w.starts_with(prefix));
        &self.words[start..start + len]
    }

    /// The word at `index` in the sorted list (as [`ScanWord::index`] gives it).
    pub fn word(&self, index: usize) -> &str {
        self.words.get(index).map_or("", |(w, _)| w.as_str())
    }

    /// The words of `length` characters (words longer than [`MAX_LENGTH`] count as that
    /// long) in at least `needed` publications, the most frequent first: what the close-word
    /// scan compares a word with.
    pub fn close_to(&self, length: usize, needed: u64) -> impl Iterator<Item = ScanWord> + '_ {
        self.frequent(length, needed)
            .filter_map(|position| self.scan_word(position))
    }

    /// The positions (for [`IndexWords::scan_word`]) of the words of `length` characters in
    /// at least `needed` publications: the words [`IndexWords::close_to`] returns.
    pub fn frequent(&self, length: usize, needed: u64) -> std::ops::Range<usize> {
        let end = length.checked_add(1).and_then(|l| self.starts.get(l));
        match (self.starts.get(length), end) {
            (Some(&start), Some(&end)) => {
                let frequent =
                    self.scan[start..end].partition_point(|e| u64::from(e.documents) >= needed);
                start..start + frequent
            }
            _ => 0..0,
        }
    }

    /// The word at `position` of the scan order (as [`IndexWords::frequent`] and
    /// [`IndexWords::deletions`] number them).
    pub fn scan_word(&self, position: usize) -> Option<ScanWord> {
        self.scan.get(position).map(|e| ScanWord {
            index: e.index as usize,
            documents: e.documents,
            mask: e.mask,
        })
    }

    /// The words filed under their deletion neighbourhoods, numbered by their position in
    /// the scan order ([`IndexWords::scan_word`]); built on first use (about 0.11 s and 13 MB
    /// at 100,000 publications, see [`super::deletions`]).
    pub fn deletions(&self) -> &Deletions {
        self.deletions.get_or_init(|| {
            Deletions::new(
                self.scan
                    .iter()
                    .enumerate()
                    .map(|(position, e)| (position as u32, self.word(e.index as usize))),
            )
        })
    }
}

/// The search of a catalogue version from which its index words are read into memory.
pub const LOAD_AFTER: u32 = 3;

/// Where the words of the index are looked up: in memory, or in the index itself.
pub(crate) enum Words<'a> {
    /// The whole list, in memory.
    Loaded(Arc<IndexWords>),
    /// The `publication_fts_vocab` table, read one prefix or word at a time.
    Index(&'a Connection),
}

impl Words<'_> {
    /// The words that start with `prefix`, with their document counts.
    pub fn with_prefix(&self, prefix: &str) -> Result<Vec<(String, u32)>> {
        match self {
            Words::Loaded(words) => Ok(words.with_prefix(prefix).to_vec()),
            Words::Index(conn) => {
                let mut stmt = conn.prepare_cached(
                    "SELECT term, doc FROM publication_fts_vocab WHERE term >= ?1 AND term <= ?2",
                )?;
                let upper = format!("{prefix}\u{10FFFF}");
                let rows = stmt.query_map([prefix, upper.as_str()], |row| {
                    Ok((row.get::<_, String>(0)?, row.get::<_, u32>(1)?))
                })?;
                let mut words: Vec<(String, u32)> = rows.collect::<std::result::Result<_, _>>()?;
                words.retain(|(word, _)| !concept_tokens::is_token(word));
                Ok(words)
            }
        }
    }
}

/// The lexicon of one catalogue version.
#[derive(Debug)]
pub(crate) struct Lexicon {
    version: i64,
    /// Number of publications.
    pub publications: u64,
    /// Every concept that has a label.
    pub concepts: Vec<ConceptLabels>,
    /// Label key → (index in `concepts`, ambiguous).
    by_key: HashMap<String, Vec<(usize, bool)>>,
    /// The most tokens in one label key.
    pub longest_label: usize,
    /// The one-word labels that are not ambiguous, in the order of `concepts`: what
    /// "did you mean" suggests besides the index words ([`super::suggestions`]).
    pub one_word_labels: Vec<LabelWord>,
    words: Mutex<Option<Arc<IndexWords>>>,
    /// The catalogue version `words` was read at: this lexicon's own, or an earlier one when
    /// type-ahead lent it a recent list ([`LexiconCache::recent_words`]).
    words_version: std::sync::atomic::AtomicI64,
    /// Searches of this version so far.
    searches: AtomicU32,
    /// What expansion worked out for the query words of this version's searches (at most
    /// [`MEMO_WORDS`]; emptied when full).
    expansions: Mutex<HashMap<String, Arc<WordExpansion>>>,
}

/// The most query words whose expansion a lexicon keeps ([`Lexicon::expansion_of`]): a few
/// hundred kilobytes at most; when full, the memo starts again from empty.
pub const MEMO_WORDS: usize = 4096;

impl Lexicon {
    fn read(conn: &Connection, version: i64) -> Result<Lexicon> {
        let publications: i64 =
            conn.query_row("SELECT count(*) FROM publication", [], |row| row.get(0))?;
        let mut stmt = conn.prepare(
            "SELECT c.id, c.uid, l.label, l.language, l.preferred, l.ambiguous
               FROM concept_label l JOIN concept c ON c.id = l.concept_id
              ORDER BY c.id, l.language, l.preferred DESC, l.label",
        )?;
        let mut rows = stmt.query([])?;
        let mut concepts: Vec<ConceptLabels> = Vec::new();
        let mut by_key: HashMap<String, Vec<(usize, bool)>> = HashMap::new();
        let mut longest_label = 0;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            if concepts.last().is_none_or(|c| c.id != id) {
                concepts.push(ConceptLabels {
                    id,
                    uid: row.get(1)?,
                    labels: Vec::new(),
                });
            }
            let text: String = row.get(2)?;
            let key = fold::key(&text);
            if key.is_empty() {
                continue;
            }
            let ambiguous: bool = row.get(5)?;
            let index = concepts.len() - 1;
            let entry = by_key.entry(key.clone()).or_default();
            match entry.iter_mut().find(|(i, _)| *i == index) {
                // Ambiguous only when every label with this key is.
                Some(found) => found.1 &= ambiguous,
                None => entry.push((index, ambiguous)),
            }
            longest_label = longest_label.max(key.split(' ').count());
            if let Some(concept) = concepts.last_mut() {
                concept.labels.push(Label {
                    text,
                    language: row.get(3)?,
                    preferred: row.get(4)?,
                    ambiguous,
                    key,
                });
            }
        }
        let one_word_labels = concepts
            .iter()
            .flat_map(|concept| &concept.labels)
            .filter(|label| !label.key.contains(' ') && !label.ambiguous)
            .map(|label| LabelWord::new(&label.key, &label.text))
            .collect();
        Ok(Lexicon {
            version,
            publications: publications.max(0) as u64,
            concepts,
            by_key,
            longest_label,
            one_word_labels,
            words: Mutex::new(None),
            words_version: std::sync::atomic::AtomicI64::new(version),
            searches: AtomicU32::new(0),
            expansions: Mutex::new(HashMap::new()),
        })
    }

    /// The concepts one of whose labels has the folded `key`, each with whether every such
    /// label of it is ambiguous.
    pub fn concepts_named(&self, key: &str) -> &[(usize, bool)] {
        self.by_key.get(key).map_or(&[], Vec::as_slice)
    }

    /// Where to look up index words for one search: in memory once the list is loaded or
    /// worth loading (from the [`LOAD_AFTER`]th search of this version), else the index.
    pub fn words<'a>(&self, conn: &'a Connection) -> Result<Words<'a>> {
        let loaded = self
            .words
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .map(Arc::clone);
        match loaded {
            Some(words) => Ok(Words::Loaded(words)),
            None if self.searches.fetch_add(1, Ordering::Relaxed) + 1 >= LOAD_AFTER => {
                Ok(Words::Loaded(self.index_words(conn)?))
            }
            None => Ok(Words::Index(conn)),
        }
    }

    /// What a search of this version worked out for the query word `key` (folded), if one
    /// did ([`Lexicon::keep_expansion`]).
    pub fn expansion_of(&self, key: &str) -> Option<Arc<WordExpansion>> {
        self.expansions
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(key)
            .map(Arc::clone)
    }

    /// Keeps what expansion worked out for `key`, for the next searches of this version.
    pub fn keep_expansion(&self, key: &str, expansion: &Arc<WordExpansion>) {
        let mut memo = self.expansions.lock().unwrap_or_else(|p| p.into_inner());
        if memo.len() >= MEMO_WORDS {
            memo.clear();
        }
        memo.insert(key.to_owned(), Arc::clone(expansion));
    }

    /// The words of the full-text index, read into memory on first use.
    pub fn index_words(&self, conn: &Connection) -> Result<Arc<IndexWords>> {
        let mut guard = self.words.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(words) = guard.as_ref() {
            return Ok(Arc::clone(words));
        }
        let words = Arc::new(IndexWords::read(conn)?);
        *guard = Some(Arc::clone(&words));
        Ok(words)
    }
}

/// The lexicon of a catalogue, kept between searches until the catalogue changes.
#[derive(Debug, Default)]
pub struct LexiconCache {
    current: Mutex<Option<Arc<Lexicon>>>,
    /// The index words last read into memory, with the catalogue version they were read at:
    /// what type-ahead completes from while a new version's list is not read yet
    /// ([`LexiconCache::recent_words`]).
    last_words: Mutex<Option<(i64, Arc<IndexWords>)>>,
}

/// How many entities may have changed since a word list was read for type-ahead to keep
/// completing from it: 1 % of the publications, and at least this many.
pub const STALE_WORDS_AT_LEAST: i64 = 100;

impl LexiconCache {
    /// The index words for completing a word being typed: `lexicon`'s own list when it is
    /// in memory; else the list read at an earlier version, when few entities changed since
    /// (at most 1 % of the publications, or [`STALE_WORDS_AT_LEAST`]: completions are
    /// suggestions, and reading the list again costs seconds at a million publications);
    /// else read now. Whatever list is read becomes the one kept.
    ///
    /// Returns the list and whether it is the current version's.
    pub(crate) fn recent_words(
        &self,
        conn: &Connection,
        lexicon: &Lexicon,
    ) -> Result<(Arc<IndexWords>, bool)> {
        let loaded = lexicon
            .words
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .map(Arc::clone);
        if let Some(words) = loaded {
            let read_at = lexicon.words_version.load(Ordering::Relaxed);
            self.keep_words(read_at, &words);
            return Ok((words, read_at == lexicon.version));
        }
        let last = self
            .last_words
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        if let Some((version, words)) = last.filter(|(v, _)| *v <= lexicon.version) {
            let changed: i64 = conn
                .prepare_cached("SELECT count(*) FROM change_log WHERE version > ?1")?
                .query_row([version], |row| row.get(0))?;
            let allowed = (lexicon.publications as i64 / 100).max(STALE_WORDS_AT_LEAST);
            if changed <= allowed {
                // Lent to this version's lexicon too, so that the expansion of completed
                // words (and the searches of this version) do not look every word up in the
                // index one by one, which costs more than reading the list.
                let mut guard = lexicon.words.lock().unwrap_or_else(|p| p.into_inner());
                if guard.is_none() {
                    *guard = Some(Arc::clone(&words));
                    lexicon.words_version.store(version, Ordering::Relaxed);
                }
                return Ok((words, version == lexicon.version));
            }
        }
        let words = lexicon.index_words(conn)?;
        self.keep_words(lexicon.version, &words);
        Ok((words, true))
    }

    fn keep_words(&self, version: i64, words: &Arc<IndexWords>) {
        let mut guard = self.last_words.lock().unwrap_or_else(|p| p.into_inner());
        if guard.as_ref().is_none_or(|(v, _)| *v < version) {
            *guard = Some((version, Arc::clone(words)));
        }
    }

    /// The lexicon of the catalogue as `conn` sees it (inside the search's read
    /// transaction), read again when a write changed the catalogue since.
    pub(crate) fn get(&self, conn: &Connection) -> Result<Arc<Lexicon>> {
        let version: i64 = conn.query_row(
            "SELECT version FROM catalog_state WHERE id = 1",
            [],
            |row| row.get(0),
        )?;
        {
            let guard = self.current.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(lexicon) = guard.as_ref().filter(|l| l.version == version) {
                return Ok(Arc::clone(lexicon));
            }
        }
        let lexicon = Arc::new(Lexicon::read(conn, version)?);
        let mut guard = self.current.lock().unwrap_or_else(|p| p.into_inner());
        *guard = Some(Arc::clone(&lexicon));
        Ok(lexicon)
    }
}
