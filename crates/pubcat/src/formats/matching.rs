//! Finding the stored publication an incoming one is: by uid, then by DOI or URL, then by
//! normalised title + language + year.
//!
//! Title matching only considers publications that existed before the import started: two
//! records of one file are distinct unless they share a uid, DOI or URL (so a lossless
//! export always imports back record for record). Its index is built on first use and holds
//! 16 bytes per stored publication.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use rusqlite::Connection;

use super::text::title_key;
use crate::error::Result;
use crate::model::{IdScheme, Identifier, PartialDate};
use crate::store::lookup;

/// What an incoming publication is matched by.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Probe<'a> {
    /// The title.
    pub title: &'a str,
    /// Its language (normalised), when the file gives one.
    pub language: Option<&'a str>,
    /// Its EDTF date, when known.
    pub date: Option<&'a str>,
    /// Its identifiers.
    pub identifiers: &'a [Identifier],
}

/// The uid-independent part of matching, for one import.
#[derive(Debug)]
pub(crate) struct Matcher {
    /// Largest publication row id before the import.
    max_id_before: i64,
    /// `(hash of title key + year, row id)`, sorted; built on first use.
    titles: Option<Vec<(u64, i64)>>,
}

fn year_of(date: Option<&str>) -> Option<i32> {
    date.and_then(|d| PartialDate::parse(d).ok())
        .map(|d| d.year())
}

fn title_hash(title: &str, year: Option<i32>) -> u64 {
    let mut hasher = DefaultHasher::new();
    title_key(title).hash(&mut hasher);
    year.hash(&mut hasher);
    hasher.finish()
}

impl Matcher {
    /// A matcher for an import that starts now.
    pub fn new(conn: &Connection) -> Result<Matcher> {
        let max_id_before = lookup::max_publication_id(conn)?;
        Ok(Matcher {
            max_id_before,
            titles: None,
        })
    }

    /// The uid of the stored publication with one of `probe`'s DOIs or URLs, or else the
    /// same title, year and (when given) language; `None` when there is none.
    pub fn find(&mut self, conn: &Connection, probe: &Probe<'_>) -> Result<Option<String>> {
        for id in probe.identifiers {
            if !matches!(id.scheme, IdScheme::Doi | IdScheme::Url) {
                continue;
            }
            let Ok(id) = id.normalized() else { continue };
            let uid = lookup::publication_with_identifier(conn, id.scheme.as_str(), &id.value)?;
            if uid.is_some() {
                return Ok(uid);
            }
        }
        self.find_by_title(conn, probe)
    }

    fn find_by_title(&mut self, conn: &Connection, probe: &Probe<'_>) -> Result<Option<String>> {
        if self.max_id_before == 0 {
            return Ok(None);
        }
        let titles = match &mut self.titles {
            Some(titles) => titles,
            None => self.titles.insert(Self::index(conn, self.max_id_before)?),
        };
        let year = year_of(probe.date);
        let hash = title_hash(probe.title, year);
        let start = titles.partition_point(|(h, _)| *h < hash);
        let key = title_key(probe.title);
        for (_, id) in titles.iter().skip(start).take_while(|(h, _)| *h == hash) {
            let (uid, title, language, date) = lookup::match_fields(conn, *id)?;
            let same_language = probe.language.is_none_or(|l| l == language);
            if same_language && title_key(&title) == key && year_of(date.as_deref()) == year {
                return Ok(Some(uid));
            }
        }
        Ok(None)
    }

    fn index(conn: &Connection, max_id: i64) -> Result<Vec<(u64, i64)>> {
        let mut out = Vec::new();
        lookup::for_each_title(conn, max_id, |id, title, date| {
            out.push((title_hash(title, year_of(date)), id));
        })?;
        out.sort_unstable();
        Ok(out)
    }
}
