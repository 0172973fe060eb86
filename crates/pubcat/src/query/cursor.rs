//! Opaque keyset cursors.
//!
//! A cursor records the sort, a fingerprint of the query it belongs to, and the sort key and
//! row id of the last hit returned. The next page starts strictly after that position, so
//! following cursors visits every hit once even when rows are inserted between pages. For
//! relevance order, whose scores depend on the whole corpus, the cursor also names a ranking
//! snapshot taken with the first page (see [`super::snapshot`]). The text form is hex-encoded
//! JSON: opaque to callers, checked on decode.
//!
//! A relevance score is kept as the bits of its `f64`, not as a JSON number: a decimal
//! round trip may land one ulp away, and the keyset `score < k OR (score = k AND id > i)`
//! then repeats or skips hits on the next page (seen when a page is asked for by another
//! process, which has no ranking snapshot: `pubcat search … --cursor`).

use serde::{Deserialize, Serialize};

use super::{Query, Sort};
use crate::error::{Error, Result};

/// The sort key of the last hit of a page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Key {
    /// Relevance score (stored as its exact bits).
    #[serde(with = "score_bits")]
    Score(f64),
    /// Date or title text.
    Text(String),
    /// An undated publication (date sorts).
    Null,
}

/// A decoded cursor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cursor {
    /// Sort code.
    pub sort: String,
    /// Query fingerprint.
    pub query: String,
    /// Sort key of the last hit.
    pub key: Key,
    /// Row id of the last hit.
    pub id: i64,
    /// Relevance snapshot token and the offset of the next hit in it (see
    /// [`super::snapshot`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<(u64, usize)>,
}

/// Serde for a score as the `u64` bits of its `f64` (exact, unlike a decimal number).
mod score_bits {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(score: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(score.to_bits())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        u64::deserialize(deserializer).map(f64::from_bits)
    }
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
        let key_fits = match (&cursor.key, sort) {
            (Key::Score(s), Sort::Relevance | Sort::Added) => s.is_finite(),
            (Key::Text(_), Sort::DateDesc | Sort::DateAsc | Sort::Title) => true,
            (Key::Null, Sort::DateDesc | Sort::DateAsc) => true,
            _ => false,
        };
        if cursor.sort != sort.as_str() || cursor.query != fingerprint(query) || !key_fits {
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
            sort: "relevance".into(),
            query: fingerprint(&q),
            key: Key::Score(1.5),
            id: 7,
            snapshot: Some((3, 20)),
        };
        let text = c.encode();
        assert_eq!(Cursor::decode(&text, &q, Sort::Relevance).unwrap(), c);
        // Scores come back bit for bit, even where a decimal round trip would not.
        for score in [
            1.839_012_247_208_945_4e-6,
            -0.1 - 0.2,
            f64::MIN_POSITIVE,
            -7.0e300,
        ] {
            let c = Cursor {
                key: Key::Score(score),
                snapshot: None,
                ..c.clone()
            };
            let back = Cursor::decode(&c.encode(), &q, Sort::Relevance).unwrap();
            assert_eq!(back.key, Key::Score(score));
            let Key::Score(b) = back.key else {
                unreachable!()
            };
            assert_eq!(b.to_bits(), score.to_bits());
        }
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
