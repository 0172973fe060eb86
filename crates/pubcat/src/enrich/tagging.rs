//! Running the tagger over a catalogue's publications and writing the automatic tags.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::tagger::{TagLabel, Tagger};
use crate::error::Result;
use crate::store::tags::{self, AutomaticTags, IndexedLabels, PublicationText, TagWrites};
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

/// What automatic tagging needs of a catalogue's vocabularies: the tagger of every label
/// stored in it, the labels through which a tag's concept is indexed, and each concept's row
/// id by uid.
pub(crate) struct Vocabularies {
    tagger: Tagger,
    indexed: IndexedLabels,
    ids: HashMap<String, i64>,
}

/// Reads the vocabularies of the catalogue `w` writes.
pub(crate) fn vocabularies_in(w: &Writer<'_>) -> Result<Vocabularies> {
    let rows = tags::labels_in(w.conn())?;
    let ids = tags::concept_ids(w.conn())?;
    let indexed = IndexedLabels::of(&rows, &ids);
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
    Ok(Vocabularies {
        tagger: Tagger::new(labels),
        indexed,
        ids,
    })
}

/// The most publications read and tagged between two writes.
const BATCH: usize = 2048;

/// The text a batch aims to hold at most, in bytes: a catalogue with full texts (bodies of
/// 100 KB and more) gets smaller batches, so that the few batches in flight (being read,
/// matched, written) hold tens of megabytes, not gigabytes.
const BATCH_BYTES: usize = 4 * 1024 * 1024;

/// The first batch's size, before the texts' sizes are known.
const FIRST_BATCH: usize = 64;

/// The size of the next batch, after one of `count` publications held `bytes` of text: as
/// many as [`BATCH_BYTES`] holds at that rate, between 1 and [`BATCH`].
fn next_batch(count: usize, bytes: usize) -> usize {
    let per_publication = (bytes / count.max(1)).max(1);
    (BATCH_BYTES / per_publication).clamp(1, BATCH)
}

/// The most threads that match labels at once.
const MAX_THREADS: usize = 4;

/// Tags the publications with row ids `only` (every publication when `None`) inside `w`:
/// their automatic tags become what the tagger finds now (curated tags are left alone).
///
/// Reading the texts and writing the tags happen on the caller's thread (the transaction's);
/// finding the labels, pure computation, happens on other threads, one batch ahead: while
/// the caller's thread writes the tags of a batch, the next batch is being matched (by up to
/// [`MAX_THREADS`] threads). Batches are sized by their texts ([`next_batch`]).
pub(crate) fn tag_in(w: &mut Writer<'_>, only: Option<&[i64]>) -> Result<TaggingSummary> {
    let vocabularies = vocabularies_in(w)?;
    let mut summary = TaggingSummary::default();
    if vocabularies.tagger.is_empty() {
        return Ok(summary);
    }
    let ids: Vec<i64> = match only {
        Some(ids) => ids.to_vec(),
        None => tags::publication_ids(w.conn())?,
    };
    let mut writes = TagWrites::default();
    let (vocabularies, indexed) = (&vocabularies, &vocabularies.indexed);
    std::thread::scope(|scope| {
        // Capacity 1 each way: one batch being matched, one waiting, one being written.
        let (to_match, batches) = std::sync::mpsc::sync_channel::<Vec<PublicationText>>(1);
        let (matched, results) = std::sync::mpsc::sync_channel::<Matched>(1);
        scope.spawn(move || {
            for texts in batches {
                let found = tag_all(vocabularies, &texts);
                if matched.send((texts, found)).is_err() {
                    break; // the caller's thread stopped (an error): nothing more to do
                }
            }
        });
        let mut in_flight = 0;
        let (mut start, mut size) = (0, FIRST_BATCH);
        while start < ids.len() {
            let chunk = &ids[start..(start + size).min(ids.len())];
            start += chunk.len();
            let mut texts: Vec<PublicationText> = Vec::with_capacity(chunk.len());
            let mut bytes = 0;
            tags::for_each_text(w.conn(), chunk, |p| {
                bytes += p.texts.iter().map(String::len).sum::<usize>();
                texts.push(p);
                Ok(())
            })?;
            size = next_batch(chunk.len(), bytes);
            if to_match.send(texts).is_err() {
                break; // the matching thread panicked: the scope re-raises it
            }
            in_flight += 1;
            if in_flight == 2 {
                let Ok(batch) = results.recv() else { break };
                in_flight -= 1;
                write_batch(w, batch, indexed, &mut writes, &mut summary)?;
            }
        }
        drop(to_match);
        for batch in results.iter().take(in_flight) {
            write_batch(w, batch, indexed, &mut writes, &mut summary)?;
        }
        Ok(summary)
    })
}

/// A batch of texts and what the tagger found in each.
type Matched = (Vec<PublicationText>, Vec<BTreeMap<i64, String>>);

/// Writes the automatic tags of a matched batch and counts them in `summary`.
fn write_batch(
    w: &mut Writer<'_>,
    (texts, found): Matched,
    indexed: &IndexedLabels,
    writes: &mut TagWrites,
    summary: &mut TaggingSummary,
) -> Result<()> {
    let ids: Vec<i64> = texts.iter().map(|p| p.id).collect();
    let current = tags::automatic_in(w.conn(), &ids)?;
    let decided = tags::decided_by_people_in(w.conn(), &ids)?;
    let (empty, none) = (BTreeMap::new(), BTreeSet::new());
    for (p, found) in texts.iter().zip(&found) {
        summary.publications += 1;
        let change = AutomaticTags {
            id: p.id,
            uid: &p.uid,
            current: current.get(&p.id).unwrap_or(&empty),
            decided: decided.get(&p.id).unwrap_or(&none),
            found,
        };
        let (added, removed) = tags::set_automatic_in(w, change, indexed, writes)?;
        if added + removed > 0 {
            summary.changed += 1;
        }
        summary.added += added as i64;
        summary.removed += removed as i64;
    }
    writes.apply(w)
}

/// The concepts the tagger of `vocabularies` finds in each of `texts` (concept row id →
/// matched label), in order.
fn tag_all(vocabularies: &Vocabularies, texts: &[PublicationText]) -> Vec<BTreeMap<i64, String>> {
    let tag_one = |p: &PublicationText| -> BTreeMap<i64, String> {
        let texts: Vec<&str> = p.texts.iter().map(String::as_str).collect();
        vocabularies
            .tagger
            .tag_publication(&texts, &p.language, p.headings)
            .into_iter()
            .filter_map(|t| Some((*vocabularies.ids.get(&t.concept)?, t.label)))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_are_sized_by_their_texts() {
        // Short records (a listing, a reference-manager export): the largest batch.
        assert_eq!(next_batch(64, 64 * 1_500), BATCH);
        // Full texts of about 100 KB: about 40 a batch.
        assert_eq!(next_batch(2048, 2048 * 100_000), BATCH_BYTES / 100_000);
        // One huge text: one at a time; nothing read: the largest batch.
        assert_eq!(next_batch(10, 10 * 100_000_000), 1);
        assert_eq!(next_batch(0, 0), BATCH);
    }
}
