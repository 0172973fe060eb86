//! Running the tagger over a catalogue's publications and writing the automatic tags.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::tagger::{TagLabel, Tagger};
use crate::error::Result;
use crate::store::tags::{self, IndexedLabels, PublicationText};
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
const BATCH: usize = 512;

/// Tags the publications with row ids `only` (every publication when `None`) inside `w`:
/// their automatic tags become what the tagger finds now (curated tags are left alone).
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
    for chunk in ids.chunks(BATCH) {
        let mut found: Vec<(i64, String, BTreeMap<String, String>)> =
            Vec::with_capacity(chunk.len());
        tags::for_each_text(w.conn(), chunk, |p: PublicationText| {
            let texts: Vec<&str> = p.texts.iter().map(String::as_str).collect();
            let tags = tagger
                .tag_publication(&texts, &p.language, p.headings)
                .into_iter()
                .map(|t| (t.concept, t.label))
                .collect();
            found.push((p.id, p.uid, tags));
            Ok(())
        })?;
        for (id, uid, tags) in found {
            summary.publications += 1;
            let (added, removed) = tags::set_automatic_in(w, id, &uid, &tags, &indexed)?;
            if added + removed > 0 {
                summary.changed += 1;
            }
            summary.added += added as i64;
            summary.removed += removed as i64;
        }
    }
    Ok(summary)
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
