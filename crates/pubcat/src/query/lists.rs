//! The list columns of [`PublicationRow`](super::PublicationRow)s: authors, projects,
//! concepts per scheme and the other language versions of every scanned publication.
//!
//! Read before the wide rows, in a few ordered passes over the link tables (integers only),
//! with the texts they name (agent names, concept labels, ...) read once each into
//! dictionaries. A publication's lists are then slices of dictionary indices (compressed
//! rows), lent to the row callback as [`TextList`]s: nothing is allocated per row.
//!
//! Each pass reads either the whole table (`Slots::All`, lists kept by row id) or only the
//! rows of the selected publications (`Slots::Some`, lists kept by rank), whichever reads
//! less: a whole-table pass costs per row of the catalogue, the other per selected row
//! (an index lookup each), so each pass has its own share of the catalogue from which it
//! reads everything ([`Selection::slots`]).

use std::collections::HashMap;
use std::rc::Rc;

use rusqlite::types::{Value, ValueRef};
use rusqlite::{params_from_iter, Connection};

use crate::error::{Error, Result};

/// A list of texts lent by [`Catalog::scan_publications`](crate::Catalog::scan_publications)
/// (a row's authors, concepts, ...): iterate it, index it, count it. Empty when the
/// publication has none.
///
/// ```
/// use pubcat::query::Query;
/// let catalog = pubcat::Catalog::demo()?;
/// let mut themes = Vec::new();
/// catalog.scan_publications(&Query::text("cobalt"), |row| {
///     themes.push(row.theme_uids.iter().map(str::to_owned).collect::<Vec<_>>())
/// })?;
/// assert!(themes.iter().any(|t| t.contains(&"due-diligence".to_owned())));
/// # Ok::<(), pubcat::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct TextList<'a> {
    items: &'a [u32],
    values: &'a [String],
}

impl<'a> TextList<'a> {
    /// The number of texts.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The `i`-th text.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        let values = self.values;
        self.items
            .get(i)
            .and_then(|&v| values.get(v as usize))
            .map(String::as_str)
    }

    /// The texts, in order.
    pub fn iter(&self) -> TextListIter<'a> {
        TextListIter {
            items: self.items.iter(),
            values: self.values,
        }
    }

    /// The texts as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }
}

impl<'a> IntoIterator for TextList<'a> {
    type Item = &'a str;
    type IntoIter = TextListIter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl PartialEq for TextList<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for TextList<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The iterator of a [`TextList`].
#[derive(Debug, Clone)]
pub struct TextListIter<'a> {
    items: std::slice::Iter<'a, u32>,
    values: &'a [String],
}

impl<'a> Iterator for TextListIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let values = self.values;
        self.items
            .next()
            .map(|&v| values.get(v as usize).map_or("", String::as_str))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.items.size_hint()
    }
}

impl ExactSizeIterator for TextListIter<'_> {}

impl<'a> DoubleEndedIterator for TextListIter<'a> {
    fn next_back(&mut self) -> Option<&'a str> {
        let values = self.values;
        self.items
            .next_back()
            .map(|&v| values.get(v as usize).map_or("", String::as_str))
    }
}

/// The publications a scan reads the lists of.
pub(crate) struct Selection {
    /// Their row ids, sorted.
    ids: Rc<[i64]>,
    /// The same as a JSON array (the `?1` of the passes that read only these).
    json: Rc<str>,
    /// The largest row id of the catalogue.
    max_id: usize,
}

impl Selection {
    /// The selection of row ids `ids` (any order) in a catalogue whose largest row id is
    /// `max_id`.
    pub(crate) fn new(mut ids: Vec<i64>, max_id: i64) -> Result<Self> {
        ids.sort_unstable();
        let json =
            serde_json::to_string(&ids).map_err(|e| Error::invalid("query", e.to_string()))?;
        Ok(Selection {
            ids: ids.into(),
            json: json.into(),
            max_id: usize::try_from(max_id).unwrap_or(0),
        })
    }

    /// Whole-table slots when the selection holds at least `1 / share` of the catalogue,
    /// else the selection's.
    fn slots(&self, share: usize) -> Slots {
        if self.ids.len().saturating_mul(share) > self.max_id {
            Slots::All {
                max_id: self.max_id,
            }
        } else {
            Slots::Some {
                ids: self.ids.clone(),
                json: self.json.clone(),
            }
        }
    }
}

/// Where one pass keeps each publication's lists.
pub(crate) enum Slots {
    /// Every publication; slot = row id.
    All { max_id: usize },
    /// The selected row ids, sorted; slot = rank.
    Some { ids: Rc<[i64]>, json: Rc<str> },
}

impl Slots {
    fn slot(&self, id: i64) -> Option<usize> {
        match self {
            Slots::All { max_id } => usize::try_from(id).ok().filter(|s| s <= max_id),
            Slots::Some { ids, .. } => ids.binary_search(&id).ok(),
        }
    }

    fn len(&self) -> usize {
        match self {
            Slots::All { max_id } => max_id + 1,
            Slots::Some { ids, .. } => ids.len(),
        }
    }

    /// `all` for whole-table slots, else `some` (whose `?1` is the selection's JSON array).
    fn sql<'s>(&self, all: &'s str, some: &'s str) -> &'s str {
        match self {
            Slots::All { .. } => all,
            Slots::Some { .. } => some,
        }
    }

    fn params(&self) -> Vec<Value> {
        match self {
            Slots::All { .. } => Vec::new(),
            Slots::Some { json, .. } => vec![Value::Text(json.to_string())],
        }
    }
}

/// From which share of the catalogue each pass reads whole tables (measured at 100k
/// publications: a whole-table pass over contributions or tags costs about 0.45 µs per
/// publication of the catalogue, over the versions index 0.13 µs; reading the selection's
/// rows about 1 µs per selected publication, 3.4 µs for the other versions).
const AUTHORS_SHARE: usize = 3;
const PROJECTS_SHARE: usize = 8;
const CONCEPTS_SHARE: usize = 3;
const VERSIONS_SHARE: usize = 25;

/// Lists of dictionary indices per slot (compressed rows). Filled in slot order.
#[derive(Default)]
struct Csr {
    starts: Vec<u32>,
    items: Vec<u32>,
}

impl Csr {
    /// Opens `slot` (at or after every slot opened before), closing the ones in between.
    fn open(&mut self, slot: usize) {
        let end = offset(self.items.len());
        while self.starts.len() <= slot {
            self.starts.push(end);
        }
    }

    fn push(&mut self, item: u32) {
        self.items.push(item);
    }

    fn finish(&mut self, slots: usize) {
        self.open(slots);
    }

    fn get(&self, slot: usize) -> &[u32] {
        match (self.starts.get(slot), self.starts.get(slot + 1)) {
            (Some(&start), Some(&end)) => self
                .items
                .get(start as usize..end as usize)
                .unwrap_or_default(),
            _ => &[],
        }
    }

    /// From `(slot, item)` pairs in any slot order (items of one slot in order).
    fn from_pairs(mut pairs: Vec<(usize, u32)>, slots: usize) -> Self {
        pairs.sort_by_key(|&(slot, _)| slot); // stable: keeps each slot's items in order
        let mut csr = Csr::default();
        for (slot, item) in pairs {
            csr.open(slot);
            csr.push(item);
        }
        csr.finish(slots);
        csr
    }
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Row id → dictionary index.
enum IdIndex {
    Dense(Vec<u32>),
    Sparse(HashMap<i64, u32>),
}

impl IdIndex {
    fn new(ids: &[i64]) -> Self {
        let max = ids.iter().copied().max().unwrap_or(0);
        match usize::try_from(max) {
            Ok(max) if ids.iter().all(|&id| id >= 0) && max <= 4 * ids.len() + 4096 => {
                let mut dense = vec![u32::MAX; max + 1];
                for (i, &id) in ids.iter().enumerate() {
                    if let Some(entry) = usize::try_from(id).ok().and_then(|id| dense.get_mut(id)) {
                        *entry = offset(i);
                    }
                }
                IdIndex::Dense(dense)
            }
            _ => IdIndex::Sparse(
                ids.iter()
                    .enumerate()
                    .map(|(i, &id)| (id, offset(i)))
                    .collect(),
            ),
        }
    }

    fn get(&self, id: i64) -> Option<u32> {
        match self {
            IdIndex::Dense(v) => usize::try_from(id)
                .ok()
                .and_then(|id| v.get(id))
                .copied()
                .filter(|&i| i != u32::MAX),
            IdIndex::Sparse(m) => m.get(&id).copied(),
        }
    }
}

fn text(value: ValueRef<'_>, column: &str) -> Result<String> {
    match value {
        ValueRef::Text(bytes) => std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|_| Error::Corrupt(format!("column {column} holds invalid UTF-8"))),
        ValueRef::Null => Ok(String::new()),
        _ => Err(Error::Corrupt(format!("column {column} is not text"))),
    }
}

/// The concept schemes, in the order of [`Lists::concepts`].
pub(crate) const SCHEMES: [&str; 4] = ["place", "mineral", "actor", "theme"];

/// Every list of the scanned publications.
pub(crate) struct Lists {
    /// Where the authors, projects, concepts and other versions are kept.
    slots: [Slots; 4],
    agent_names: Vec<String>,
    agent_uids: Vec<String>,
    authors: Csr,
    project_uids: Vec<String>,
    projects: Csr,
    concept_uids: Vec<String>,
    concept_labels: Vec<String>,
    /// One per scheme of [`SCHEMES`].
    concepts: [Csr; 4],
    languages: Vec<String>,
    other_languages: Csr,
}

/// The lists of one publication.
pub(crate) struct RowLists<'a> {
    pub authors: TextList<'a>,
    pub author_uids: TextList<'a>,
    pub projects: TextList<'a>,
    /// Labels and uids per scheme of [`SCHEMES`].
    pub concepts: [(TextList<'a>, TextList<'a>); 4],
    pub other_languages: TextList<'a>,
}

impl Lists {
    /// Reads the lists of `slots`' publications; concept labels in `label_language` (else
    /// English, else any language), as facets label them.
    pub(crate) fn read(
        conn: &Connection,
        selection: &Selection,
        label_language: &str,
    ) -> Result<Self> {
        let slots = [
            selection.slots(AUTHORS_SHARE),
            selection.slots(PROJECTS_SHARE),
            selection.slots(CONCEPTS_SHARE),
            selection.slots(VERSIONS_SHARE),
        ];
        let [a, p, c, v] = &slots;
        let (agent_names, agent_uids, authors) = authors(conn, a)?;
        let (project_uids, projects) = projects(conn, p)?;
        let (concept_uids, concept_labels, concepts) = concepts(conn, c, label_language)?;
        let (languages, other_languages) = other_languages(conn, v)?;
        Ok(Lists {
            slots,
            agent_names,
            agent_uids,
            authors,
            project_uids,
            projects,
            concept_uids,
            concept_labels,
            concepts,
            languages,
            other_languages,
        })
    }

    /// The lists of publication `id` (empty lists for a publication not scanned).
    pub(crate) fn of(&self, id: i64) -> RowLists<'_> {
        let [a, p, c, v] = &self.slots;
        fn get<'l>(csr: &'l Csr, slots: &Slots, id: i64) -> &'l [u32] {
            slots.slot(id).map_or(&[], |s| csr.get(s))
        }
        let authors = get(&self.authors, a, id);
        let concept_slot = c.slot(id);
        let concept = |i: usize| {
            let items = match (self.concepts.get(i), concept_slot) {
                (Some(csr), Some(slot)) => csr.get(slot),
                _ => &[],
            };
            (
                TextList {
                    items,
                    values: &self.concept_labels,
                },
                TextList {
                    items,
                    values: &self.concept_uids,
                },
            )
        };
        RowLists {
            authors: TextList {
                items: authors,
                values: &self.agent_names,
            },
            author_uids: TextList {
                items: authors,
                values: &self.agent_uids,
            },
            projects: TextList {
                items: get(&self.projects, p, id),
                values: &self.project_uids,
            },
            concepts: [concept(0), concept(1), concept(2), concept(3)],
            other_languages: TextList {
                items: get(&self.other_languages, v, id),
                values: &self.languages,
            },
        }
    }
}

/// Runs `sql` with the slots' parameters, calling `each` per row.
fn for_rows(
    conn: &Connection,
    slots: &Slots,
    sql: &str,
    mut each: impl FnMut(&rusqlite::Row<'_>) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params_from_iter(slots.params()))?;
    while let Some(r) = rows.next()? {
        each(r)?;
    }
    Ok(())
}

/// Author names and uids in order (all contributors where none is an author).
fn authors(conn: &Connection, slots: &Slots) -> Result<(Vec<String>, Vec<String>, Csr)> {
    let n = slots.len();
    let mut names = Vec::new();
    let mut uids = Vec::new();
    // Agents: every one for a whole-table pass; else those the contributions name, read
    // after them (`wanted`: their row ids, in dictionary order).
    let index = match slots {
        Slots::All { .. } => {
            let mut ids = Vec::new();
            for_rows(conn, slots, "SELECT id, uid, name FROM agent", |r| {
                ids.push(r.get::<_, i64>(0)?);
                uids.push(text(r.get_ref(1)?, "agent uid")?);
                names.push(text(r.get_ref(2)?, "agent name")?);
                Ok(())
            })?;
            Some(IdIndex::new(&ids))
        }
        Slots::Some { .. } => None,
    };
    let mut wanted: Vec<i64> = Vec::new();
    let mut seen: HashMap<i64, u32> = HashMap::new();
    let sql = slots.sql(
        "SELECT publication_id, agent_id, role = 'author' FROM contribution \
         ORDER BY publication_id, position",
        "SELECT c.publication_id, c.agent_id, c.role = 'author' FROM json_each(?1) o \
         CROSS JOIN contribution c ON c.publication_id = o.value",
    );
    let mut csr = Csr::default();
    // The current publication's contributors: (is an author, agent).
    let mut current: Option<usize> = None;
    let mut buffer: Vec<(bool, u32)> = Vec::new();
    let flush = |csr: &mut Csr, slot: Option<usize>, buffer: &mut Vec<(bool, u32)>| {
        if let Some(slot) = slot {
            csr.open(slot);
            let any_author = buffer.iter().any(|(author, _)| *author);
            for &(author, agent) in buffer.iter() {
                if author || !any_author {
                    csr.push(agent);
                }
            }
        }
        buffer.clear();
    };
    for_rows(conn, slots, sql, |r| {
        let slot = slots.slot(r.get(0)?);
        if slot != current {
            flush(&mut csr, current, &mut buffer);
            current = slot;
        }
        let agent: i64 = r.get(1)?;
        let item = match &index {
            Some(index) => index.get(agent),
            None => Some(*seen.entry(agent).or_insert_with(|| {
                wanted.push(agent);
                offset(wanted.len() - 1)
            })),
        };
        if let Some(item) = item {
            buffer.push((r.get(2)?, item));
        }
        Ok(())
    })?;
    flush(&mut csr, current, &mut buffer);
    csr.finish(n);
    if index.is_none() {
        names = vec![String::new(); wanted.len()];
        uids = vec![String::new(); wanted.len()];
        let json =
            serde_json::to_string(&wanted).map_err(|e| Error::invalid("query", e.to_string()))?;
        let mut stmt = conn.prepare_cached(
            "SELECT o.key, a.uid, a.name FROM json_each(?1) o CROSS JOIN agent a ON a.id = o.value",
        )?;
        let mut rows = stmt.query([json])?;
        while let Some(r) = rows.next()? {
            let i = usize::try_from(r.get::<_, i64>(0)?).unwrap_or(usize::MAX);
            if let (Some(uid), Some(name)) = (uids.get_mut(i), names.get_mut(i)) {
                *uid = text(r.get_ref(1)?, "agent uid")?;
                *name = text(r.get_ref(2)?, "agent name")?;
            }
        }
    }
    Ok((names, uids, csr))
}

/// Project uids, ordered by project name.
fn projects(conn: &Connection, slots: &Slots) -> Result<(Vec<String>, Csr)> {
    let mut ids = Vec::new();
    let mut names = Vec::new();
    let mut uids = Vec::new();
    let all = Slots::All { max_id: 0 };
    for_rows(conn, &all, "SELECT id, uid, name FROM project", |r| {
        ids.push(r.get::<_, i64>(0)?);
        uids.push(text(r.get_ref(1)?, "project uid")?);
        names.push(text(r.get_ref(2)?, "project name")?);
        Ok(())
    })?;
    let index = IdIndex::new(&ids);
    let sql = slots.sql(
        "SELECT publication_id, project_id FROM project_publication ORDER BY publication_id",
        "SELECT c.publication_id, c.project_id FROM json_each(?1) o \
         CROSS JOIN project_publication c ON c.publication_id = o.value",
    );
    let by_name = |items: &mut Vec<u32>| {
        let key = |i: u32| (names.get(i as usize), uids.get(i as usize));
        items.sort_by(|&a, &b| key(a).cmp(&key(b)));
    };
    let csr = grouped(conn, slots, sql, &index, by_name)?;
    Ok((uids, csr))
}

/// Reads `(publication id, item id)` rows ordered by publication, maps items through
/// `index`, orders each publication's items with `order` and keeps them in one list.
fn grouped(
    conn: &Connection,
    slots: &Slots,
    sql: &str,
    index: &IdIndex,
    order: impl Fn(&mut Vec<u32>),
) -> Result<Csr> {
    let mut csr = Csr::default();
    let mut current: Option<usize> = None;
    let mut buffer: Vec<u32> = Vec::new();
    let flush = |csr: &mut Csr, slot: Option<usize>, buffer: &mut Vec<u32>| {
        if let Some(slot) = slot {
            order(buffer);
            csr.open(slot);
            for &item in buffer.iter() {
                csr.push(item);
            }
        }
        buffer.clear();
    };
    for_rows(conn, slots, sql, |r| {
        let slot = slots.slot(r.get(0)?);
        if slot != current {
            flush(&mut csr, current, &mut buffer);
            current = slot;
        }
        if let Some(item) = index.get(r.get(1)?) {
            buffer.push(item);
        }
        Ok(())
    })?;
    flush(&mut csr, current, &mut buffer);
    csr.finish(slots.len());
    Ok(csr)
}

/// Concept labels and uids per scheme, each scheme's ordered by uid.
fn concepts(
    conn: &Connection,
    slots: &Slots,
    label_language: &str,
) -> Result<(Vec<String>, Vec<String>, [Csr; 4])> {
    let n = slots.len();
    let mut ids = Vec::new();
    let mut uids = Vec::new();
    let mut labels = Vec::new();
    let mut schemes = Vec::new();
    let mut b = super::sql::SqlBuilder::default();
    b.push("SELECT k.id, k.uid, k.scheme, ");
    super::facets::push_concept_label(&mut b, label_language);
    b.push(" FROM concept k");
    let mut stmt = conn.prepare_cached(&b.sql)?;
    let mut rows = stmt.query(params_from_iter(b.params.iter()))?;
    while let Some(r) = rows.next()? {
        ids.push(r.get::<_, i64>(0)?);
        let uid = text(r.get_ref(1)?, "concept uid")?;
        let scheme = text(r.get_ref(2)?, "concept scheme")?;
        let label = text(r.get_ref(3)?, "concept label")?;
        schemes.push(
            SCHEMES
                .iter()
                .position(|s| *s == scheme)
                .unwrap_or(SCHEMES.len()),
        );
        labels.push(if label.is_empty() { uid.clone() } else { label });
        uids.push(uid);
    }
    let index = IdIndex::new(&ids);
    let sql = slots.sql(
        "SELECT publication_id, concept_id FROM publication_concept ORDER BY publication_id",
        "SELECT c.publication_id, c.concept_id FROM json_each(?1) o \
         CROSS JOIN publication_concept c ON c.publication_id = o.value",
    );
    let by_uid = |items: &mut Vec<u32>| {
        items.sort_by(|&a, &b| uids.get(a as usize).cmp(&uids.get(b as usize)));
    };
    let all = grouped(conn, slots, sql, &index, by_uid)?;
    // Split the publications' concepts by scheme.
    let mut per_scheme: [Csr; 4] = Default::default();
    for slot in 0..n {
        for csr in per_scheme.iter_mut() {
            csr.open(slot);
        }
        for &item in all.get(slot) {
            if let Some(csr) = schemes
                .get(item as usize)
                .and_then(|&s| per_scheme.get_mut(s))
            {
                csr.push(item);
            }
        }
    }
    for csr in per_scheme.iter_mut() {
        csr.finish(n);
    }
    Ok((uids, labels, per_scheme))
}

/// The language tags of the other versions of each publication's work, the original first,
/// then by language.
fn other_languages(conn: &Connection, slots: &Slots) -> Result<(Vec<String>, Csr)> {
    let n = slots.len();
    // Originals, by work (the partial unique index holds exactly these).
    let mut originals: Vec<(i64, i64)> = Vec::new();
    let sql = slots.sql(
        "SELECT work_id, id FROM publication WHERE is_original = 1 ORDER BY work_id",
        "SELECT work_id, id FROM publication WHERE is_original = 1 AND work_id IN \
         (SELECT work_id FROM publication WHERE id IN (SELECT value FROM json_each(?1))) \
         ORDER BY work_id",
    );
    for_rows(conn, slots, sql, |r| {
        originals.push((r.get(0)?, r.get(1)?));
        Ok(())
    })?;
    let original_of = |work: i64| {
        originals
            .binary_search_by_key(&work, |&(w, _)| w)
            .ok()
            .and_then(|i| originals.get(i))
            .map(|&(_, id)| id)
    };
    // Every version, by work then language (the (work_id, language) unique index).
    let sql = slots.sql(
        "SELECT work_id, id, language FROM publication ORDER BY work_id, language",
        "SELECT work_id, id, language FROM publication WHERE work_id IN \
         (SELECT work_id FROM publication WHERE id IN (SELECT value FROM json_each(?1))) \
         ORDER BY work_id, language",
    );
    let mut languages: Vec<String> = Vec::new();
    let mut language_index: HashMap<String, u32> = HashMap::new();
    let mut pairs: Vec<(usize, u32)> = Vec::new();
    let mut work: Option<i64> = None;
    // The current work's versions: (row id, language index).
    let mut versions: Vec<(i64, u32)> = Vec::new();
    let mut flush = |work: Option<i64>, versions: &mut Vec<(i64, u32)>| {
        if versions.len() > 1 {
            if let Some(original) = work.and_then(original_of) {
                if let Some(i) = versions.iter().position(|&(id, _)| id == original) {
                    let first = versions.remove(i);
                    versions.insert(0, first);
                }
            }
            for &(id, _) in versions.iter() {
                if let Some(slot) = slots.slot(id) {
                    for &(other, language) in versions.iter() {
                        if other != id {
                            pairs.push((slot, language));
                        }
                    }
                }
            }
        }
        versions.clear();
    };
    for_rows(conn, slots, sql, |r| {
        let w: i64 = r.get(0)?;
        if Some(w) != work {
            flush(work, &mut versions);
            work = Some(w);
        }
        let language = match r.get_ref(2)? {
            ValueRef::Text(bytes) => std::str::from_utf8(bytes)
                .map_err(|_| Error::Corrupt("column language holds invalid UTF-8".into()))?,
            _ => return Err(Error::Corrupt("column language is not text".into())),
        };
        let index = match language_index.get(language) {
            Some(&i) => i,
            None => {
                let i = offset(languages.len());
                languages.push(language.to_owned());
                language_index.insert(language.to_owned(), i);
                i
            }
        };
        versions.push((r.get(1)?, index));
        Ok(())
    })?;
    flush(work, &mut versions);
    Ok((languages, Csr::from_pairs(pairs, n)))
}
