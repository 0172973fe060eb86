//! Running the tagger over a catalogue's publications and writing the automatic tags.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::tagger::{TagLabel, Tagger};
use crate::error::Result;
use crate::store::tags::{self, AutomaticTags, IndexedLabels, PublicationText};
use crate::store::writer::Writer;

/// What automatic tagging did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TaggingSummary {
    /// Publications read.
    pub publications: i64,
    /// Publications whose automatic tags changed.
    pub changed: i64,
    /// Automatic tags added.
    pub added: i64,
    /// Automatic tags removed (a label no longer found, a vocabulary changed, an undo).
    pub removed: i64,
}

/// The tagger of every label stored in the catalogue, and the labels through which a tag's
/// concept is indexed.
pub(crate) fn tagger_in(w: &Writer<'_>) -> Result<(Tagger, IndexedLabels)> {
    let rows = tags::labels_in(w.conn())?;
    let indexed = IndexedLabels::of(&rows);
    let labels = rows
        .into_iter()
        .map(|(concept, scheme, label, language, ambiguous)| TagLabel {
            concept,
            scheme,
            label,
            language,
            ambiguous,
        })
        .collect();
    Ok((Tagger::new(labels), indexed))
}

/// How many publications are read and tagged between two writes.
const BATCH: usize = 2048;

/// The most threads that match labels at once.
const MAX_THREADS: usize = 4;

/// Tags the publications with row ids `only` (every publication when `None`) inside `w`:
/// their automatic tags become what the tagger finds now (curated tags are left alone).
///
/// Reading the texts and writing the tags happen on the caller's thread (the transaction's);
/// finding the labels in a batch of texts, pure computation, is shared among up to
/// [`MAX_THREADS`] threads.
pub(crate) fn tag_in(w: &mut Writer<'_>, only: Option<&[i64]>) -> Result<TaggingSummary> {
    let (tagger, indexed) = tagger_in(w)?;
    let mut summary = TaggingSummary::default();
    if tagger.is_empty() {
        return Ok(summary);
    }
    let ids: Vec<i64> = match only {
        Some(ids) => ids.to_vec(),
        None => tags::publication_ids(w.conn())?,
    };
    let none = BTreeSet::new();
    for chunk in ids.chunks(BATCH) {
        let mut texts: Vec<PublicationText> = Vec::with_capacity(chunk.len());
        tags::for_each_text(w.conn(), chunk, |p| {
            texts.push(p);
            Ok(())
        })?;
        let found = tag_all(&tagger, &texts);
        let current = tags::automatic_in(w.conn(), chunk)?;
        let decided = tags::decided_by_people_in(w.conn(), chunk)?;
        let empty = BTreeMap::new();
        for (p, found) in texts.iter().zip(&found) {
            summary.publications += 1;
            let change = AutomaticTags {
                id: p.id,
                uid: &p.uid,
                current: current.get(&p.id).unwrap_or(&empty),
                decided: decided.get(&p.id).unwrap_or(&none),
                found,
            };
            let (added, removed) = tags::set_automatic_in(w, change, &indexed)?;
            if added + removed > 0 {
                summary.changed += 1;
            }
            summary.added += added as i64;
            summary.removed += removed as i64;
        }
    }
    Ok(summary)
}

/// The concepts `tagger` finds in each of `texts` (concept uid → matched label), in order.
fn tag_all(tagger: &Tagger, texts: &[PublicationText]) -> Vec<BTreeMap<String, String>> {
    let tag_one = |p: &PublicationText| -> BTreeMap<String, String> {
        let texts: Vec<&str> = p.texts.iter().map(String::as_str).collect();
        tagger
            .tag_publication(&texts, &p.language, p.headings)
            .into_iter()
            .map(|t| (t.concept, t.label))
            .collect()
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(MAX_THREADS);
    if threads < 2 || texts.len() < 64 {
        return texts.iter().map(tag_one).collect();
    }
    let part = texts.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = texts
            .chunks(part)
            .map(|part| scope.spawn(move || part.iter().map(tag_one).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// Removes every automatic tag inside `w`.
pub(crate) fn untag_in(w: &mut Writer<'_>) -> Result<TaggingSummary> {
    let (publications, removed) = tags::clear_automatic_in(w)?;
    Ok(TaggingSummary {
        publications: publications.len() as i64,
        changed: publications.len() as i64,
        added: 0,
        removed: removed as i64,
    })
}
