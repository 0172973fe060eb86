//! Opaque keyset cursors.
//!
//! A cursor records the sort, a fingerprint of the query it belongs to, and the sort key and
//! row id of the last hit returned. The next page starts strictly after that position, so
//! following cursors visits every hit once even when rows are inserted between pages. For
//! relevance order, whose scores depend on the whole corpus, the cursor also names a ranking
//! snapshot taken with the first page (see [`super::snapshot`]). The text form is hex-encoded
//! JSON: opaque to callers, checked on decode.

use serde::{Deserialize, Serialize};

use super::{Query, Sort};
use crate::error::{Error, Result};

/// The sort key of the last hit of a page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Key {
    /// Relevance score.
    Score(f64),
    /// Date or title text.
    Text(String),
    /// An undated publication (date sorts).
    Null,
}

/// A decoded cursor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cursor {
    /// Sort code.
    pub s: String,
    /// Query fingerprint.
    pub q: String,
    /// Last sort key.
    pub k: Key,
    /// Last row id.
    pub i: i64,
    /// Relevance snapshot token and the offset of the next hit in it (see
    /// [`super::snapshot`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub t: Option<(u64, usize)>,
}

/// FNV-1a over the query's JSON without cursor and limit: a cursor is only valid for the
/// query that produced it.
pub fn fingerprint(query: &Query) -> String {
    let mut q = query.clone();
    q.cursor = None;
    q.limit = None;
    let text = serde_json::to_string(&q).unwrap_or_default();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

impl Cursor {
    /// Encodes the cursor as opaque text.
    pub fn encode(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_default();
        json.bytes().map(|b| format!("{b:02x}")).collect()
    }

    /// Decodes and checks a cursor for `query` sorted by `sort`; anything else is an
    /// `invalid_query` error.
    pub fn decode(text: &str, query: &Query, sort: Sort) -> Result<Cursor> {
        let bad = || {
            Error::InvalidQuery(
                "malformed or foreign cursor: pass a `next_cursor` from the same query".into(),
            )
        };
        if text.len() > 16_384 || text.len() % 2 != 0 || !text.is_ascii() {
            return Err(bad());
        }
        let bytes = (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16))
            .collect::<std::result::Result<Vec<u8>, _>>()
            .map_err(|_| bad())?;
        let cursor: Cursor = serde_json::from_slice(&bytes).map_err(|_| bad())?;
        let key_fits = match (&cursor.k, sort) {
            (Key::Score(s), Sort::Relevance) => s.is_finite(),
            (Key::Text(_), Sort::DateDesc | Sort::DateAsc | Sort::Title) => true,
            (Key::Null, Sort::DateDesc | Sort::DateAsc) => true,
            _ => false,
        };
        if cursor.s != sort.as_str() || cursor.q != fingerprint(query) || !key_fits {
            return Err(bad());
        }
        Ok(cursor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_tampering() {
        let q = Query::text("gold");
        let c = Cursor {
            s: "relevance".into(),
            q: fingerprint(&q),
            k: Key::Score(1.5),
            i: 7,
            t: Some((3, 20)),
        };
        let text = c.encode();
        assert_eq!(Cursor::decode(&text, &q, Sort::Relevance).unwrap(), c);
        for bad in [
            "",
            "zz",
            "abc",
            &text[..text.len() - 2],
            "7b7d",
            &"0".repeat(20_000),
        ] {
            assert_eq!(
                Cursor::decode(bad, &q, Sort::Relevance).unwrap_err().kind(),
                crate::ErrorKind::InvalidQuery,
                "{bad}"
            );
        }
        assert!(Cursor::decode(&text, &Query::text("cobalt"), Sort::Relevance).is_err());
        assert!(Cursor::decode(&text, &q, Sort::Title).is_err());
        let mut limited = q.clone();
        limited.limit = Some(5);
        assert!(Cursor::decode(&text, &limited, Sort::Relevance).is_ok());
    }
}
