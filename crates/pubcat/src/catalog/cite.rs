//! Formatted citations and bibliographies (the `citations` feature): the records are read as
//! CSL-JSON by the export and formatted by `cite/`.

use std::collections::{HashMap, HashSet};

use hayagriva::citationberg::json::Item;
use rusqlite::Connection;

use crate::cite::{render, resolve, Bibliography, CiteOptions, Reference};
use crate::error::{Error, Result};
use crate::formats::export::export_in;
use crate::formats::Format;
use crate::model::language::lookup_chain;
use crate::query::Query;
use crate::store::curation::current_uid;
use crate::store::publications::translations_in;
use crate::store::{require_id, Table};
use crate::Catalog;

/// The CSL-JSON export of `ids` (row ids), as processor items keyed by uid.
fn items_in(conn: &Connection, ids: Option<&HashSet<i64>>) -> Result<Vec<Item>> {
    let mut json = Vec::new();
    export_in(conn, Format::CslJson, ids, &mut json)?;
    csl_items(&json)
}

/// Processor items of a CSL-JSON array, without the `custom` object the processor has no
/// use for (and cannot read). hayagriva 0.10 cannot format a date range read from CSL-JSON
/// (it panics): an interval (`2016/2017-03`) is cited by its start (docs/CITATIONS.md).
fn csl_items(json: &[u8]) -> Result<Vec<Item>> {
    let bad = |e: serde_json::Error| Error::invalid("csl-json", e.to_string());
    let values: Vec<serde_json::Value> = serde_json::from_slice(json).map_err(bad)?;
    values
        .into_iter()
        .map(|mut v| {
            if let Some(map) = v.as_object_mut() {
                map.remove("custom");
                if let Some(parts) = map
                    .get_mut("issued")
                    .and_then(|d| d.get_mut("date-parts"))
                    .and_then(|p| p.as_array_mut())
                {
                    parts.truncate(1);
                }
            }
            serde_json::from_value(v).map_err(bad)
        })
        .collect()
}

/// The version of `uid`'s work in the first language of `chain` it has (tags compared
/// without case), else `uid`.
fn preferred_version(conn: &Connection, uid: &str, chain: &[String]) -> Result<String> {
    if chain.is_empty() {
        return Ok(uid.to_owned());
    }
    let versions = translations_in(conn, uid)?;
    for tag in chain {
        if let Some(v) = versions
            .iter()
            .find(|v| v.language.eq_ignore_ascii_case(tag))
        {
            return Ok(v.uid.clone());
        }
    }
    Ok(uid.to_owned())
}

impl Catalog {
    /// The publications `uids` formatted as references in a CSL style, one per uid in the
    /// order given, each with its in-text citation (numeric styles number them in this
    /// order). A merged uid cites the record it was merged into; with
    /// [`CiteOptions::prefer_languages`], each is cited in the best language version of its
    /// work the reader reads. See [`crate::cite`] for the styles, locales and mapping, and
    /// `docs/CITATIONS.md` for how the output compares with citeproc-js.
    ///
    /// Errors: an unknown style or locale is `invalid_input`, a malformed `.csl` text is
    /// `parse`, an unknown uid is `not_found`.
    ///
    /// ```
    /// use pubcat::cite::{CiteFormat, CiteOptions};
    /// use pubcat::ErrorKind;
    /// let catalog = pubcat::Catalog::demo()?;
    /// let uid = "ipis-mapping-conflict-motives-m23-2012";
    /// let apa = catalog.cite(&[uid], &CiteOptions::default())?;
    /// assert!(apa[0].text.contains("Mapping Conflict Motives: M23"), "{}", apa[0].text);
    ///
    /// let ieee = CiteOptions { style: "ieee".into(), format: CiteFormat::Html, ..CiteOptions::default() };
    /// assert_eq!(catalog.cite(&[uid], &ieee)?[0].citation, "[1]");
    ///
    /// let err = catalog.cite(&["nope"], &CiteOptions::default()).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::NotFound);
    /// let bad = CiteOptions { style: "no-such-style".into(), ..CiteOptions::default() };
    /// assert_eq!(catalog.cite(&[uid], &bad).unwrap_err().kind(), ErrorKind::InvalidInput);
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn cite<S: AsRef<str>>(&self, uids: &[S], options: &CiteOptions) -> Result<Vec<Reference>> {
        let resolved = resolve(options)?;
        let chain = lookup_chain(&options.prefer_languages)?;
        let (cited, items) = self.with_conn(|conn| {
            let mut cited = Vec::with_capacity(uids.len());
            let mut ids = HashSet::new();
            for uid in uids {
                let uid = current_uid(conn, Table::Publication, uid.as_ref())?;
                let uid = preferred_version(conn, &require_uid(conn, &uid)?, &chain)?;
                ids.insert(require_id(conn, Table::Publication, &uid)?);
                cited.push(uid);
            }
            Ok((cited, items_in(conn, Some(&ids))?))
        })?;
        let by_uid: HashMap<String, &Item> = items
            .iter()
            .filter_map(|i| i.id().map(|id| (id.into_owned(), i)))
            .collect();
        let ordered: Vec<Item> = cited
            .iter()
            .map(|uid| {
                by_uid
                    .get(uid)
                    .map(|i| (*i).clone())
                    .ok_or_else(|| Error::not_found("publication", uid.clone()))
            })
            .collect::<Result<_>>()?;
        let output = render(&ordered, &resolved, options.format)?;
        let references: HashMap<&str, &str> = output
            .bibliography
            .iter()
            .map(|(k, t)| (k.as_str(), t.as_str()))
            .collect();
        Ok(cited
            .iter()
            .zip(output.citations)
            .map(|(uid, citation)| Reference {
                uid: uid.clone(),
                text: references
                    .get(uid.as_str())
                    .copied()
                    .unwrap_or_default()
                    .to_owned(),
                citation,
            })
            .collect())
    }

    /// A bibliography of the publications matching `query` (all pages; `limit`, `cursor` and
    /// facets are ignored), in the style's order. The query's `prefer_languages`, or else
    /// the options', collapse each work to one language version as a search does. Errors as
    /// [`Catalog::cite`], and `invalid_query` for a bad query.
    ///
    /// ```
    /// use pubcat::{cite::CiteOptions, query::Query};
    /// let catalog = pubcat::Catalog::demo()?;
    /// let options = CiteOptions { style: "chicago-author-date".into(), ..CiteOptions::default() };
    /// let all = catalog.bibliography(&Query::default(), &options)?;
    /// assert_eq!(all.references.len(), catalog.stats()?.publications as usize);
    /// print!("{all}");
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn bibliography(&self, query: &Query, options: &CiteOptions) -> Result<Bibliography> {
        let resolved = resolve(options)?;
        let mut query = query.clone();
        if query.prefer_languages.is_empty() {
            query.prefer_languages = options.prefer_languages.clone();
        }
        let mut json = Vec::new();
        self.export(Format::CslJson, &query, &mut json)?;
        let items = csl_items(&json)?;
        let output = render(&items, &resolved, options.format)?;
        let citations: HashMap<String, String> = items
            .iter()
            .zip(output.citations)
            .map(|(i, c)| (i.id().unwrap_or_default().into_owned(), c))
            .collect();
        let references = output
            .bibliography
            .into_iter()
            .map(|(uid, text)| Reference {
                citation: citations.get(&uid).cloned().unwrap_or_default(),
                uid,
                text,
            })
            .collect();
        Ok(Bibliography {
            format: options.format,
            references,
        })
    }
}

/// `uid` if a publication has it, else `not_found`.
fn require_uid(conn: &Connection, uid: &str) -> Result<String> {
    require_id(conn, Table::Publication, uid)?;
    Ok(uid.to_owned())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn custom_is_dropped_and_items_read() {
        let items = csl_items(br#"[{"id":"a","type":"report","title":"T","custom":{"pubcat":{"kind":"report"}},"issued":{"date-parts":[[2012]],"circa":true}}]"#).unwrap();
        assert_eq!(items[0].id().unwrap(), "a");
        assert!(!items[0].0.contains_key("custom"));
        let range = csl_items(br#"[{"id":"b","type":"report","title":"T","issued":{"date-parts":[[2016],[2017,3]]}}]"#).unwrap();
        let issued = format!("{:?}", range[0].0["issued"]);
        assert!(
            issued.contains("2016") && !issued.contains("2017"),
            "{issued}"
        );
    }
}
