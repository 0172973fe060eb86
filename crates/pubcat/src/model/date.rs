//! Partial and approximate publication dates, stored as EDTF text plus computed bounds.
//!
//! pubcat accepts the Extended Date/Time Format (ISO 8601-2) level 0/1 subset that real
//! publication lists use: `YYYY`, `YYYY-MM` and `YYYY-MM-DD`, each optionally followed by a
//! qualifier (`?` uncertain, `~` approximate, `%` both), and intervals `A/B` where one side
//! may be open (`..`) or unknown (empty). Seasons, unspecified digits (`201X`), negative
//! years and times of day are not supported. Years must lie in 1000..=9999.
//!
//! Every [`PartialDate`] keeps its canonical EDTF text and the first and last day it covers,
//! so that "2012" sorts, filters and exports as the whole of 2012.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

const FIELD: &str = "date";
const MIN_YEAR: i32 = 1000;
const MAX_YEAR: i32 = 9999;
/// How many characters of a rejected input are quoted back in error messages.
const QUOTE_CHARS: usize = 40;

/// How precisely a [`PartialDate`] is known. Ordered from finest to coarsest.
///
/// ```
/// use pubcat::model::Precision;
/// assert_eq!("month".parse::<Precision>().unwrap(), Precision::Month);
/// assert!(Precision::Day < Precision::Year);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A single calendar day (`2024-02-15`).
    Day,
    /// A calendar month (`2021-07`).
    Month,
    /// A calendar year (`2012`).
    Year,
}

impl Precision {
    /// The stable lowercase name: `"day"`, `"month"` or `"year"`.
    ///
    /// ```
    /// use pubcat::model::Precision;
    /// assert_eq!(Precision::Day.as_str(), "day");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Precision {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "day" => Ok(Precision::Day),
            "month" => Ok(Precision::Month),
            "year" => Ok(Precision::Year),
            _ => Err(Error::invalid(
                "precision",
                format!(
                    "unknown precision `{}`; expected day, month or year",
                    quote(s)
                ),
            )),
        }
    }
}

/// An EDTF date or interval with its computed bounds.
///
/// Equality, hashing and ordering follow the canonical text; ordering is by
/// (lower bound, upper bound, EDTF text). Serde reads and writes the EDTF string.
///
/// ```
/// use pubcat::model::{PartialDate, Precision};
/// use chrono::NaiveDate;
/// let d = PartialDate::parse(" 2021-07~ ").unwrap();
/// assert_eq!(d.edtf(), "2021-07~");
/// assert_eq!(d.lower(), NaiveDate::from_ymd_opt(2021, 7, 1).unwrap());
/// assert_eq!(d.upper(), NaiveDate::from_ymd_opt(2021, 7, 31).unwrap());
/// assert_eq!(d.precision(), Precision::Month);
/// assert!(d.is_approximate());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PartialDate {
    edtf: String,
    lower: NaiveDate,
    upper: NaiveDate,
    precision: Precision,
    year: i32,
    interval: bool,
    approximate: bool,
    uncertain: bool,
}

/// One validated `YYYY[-MM[-DD]][?~%]` value.
#[derive(Debug, Clone, Copy)]
struct Point {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
    uncertain: bool,
    approximate: bool,
    lower: NaiveDate,
    upper: NaiveDate,
}

/// One side of an interval.
#[derive(Debug, Clone, Copy)]
enum Side {
    Known(Point),
    /// `..`: the interval extends indefinitely.
    Open,
    /// Empty: the end exists but is not known.
    Unknown,
}

impl PartialDate {
    /// Parses an EDTF date or interval (EDTF level 0/1 as publication lists use it: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, each with `?`, `~` or `%`, and intervals `A/B` with an open `..` or unknown end).
    ///
    /// Surrounding whitespace is ignored. Fails with an `invalid_input` error on field `date`
    /// for anything else, including impossible days, years outside 1000..=9999, intervals
    /// whose start is after their end, and intervals open at both ends.
    ///
    /// ```
    /// use pubcat::model::PartialDate;
    /// assert_eq!(PartialDate::parse("2016/2017").unwrap().upper().to_string(), "2017-12-31");
    /// assert!(PartialDate::parse("2023-02-29").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<PartialDate> {
        let text = text.trim();
        Self::parse_trimmed(text).map_err(|reason| {
            Error::invalid(
                FIELD,
                format!("`{}` is not a valid EDTF date: {reason}", quote(text)),
            )
        })
    }

    fn parse_trimmed(text: &str) -> std::result::Result<PartialDate, String> {
        if text.is_empty() {
            return Err("it is empty".into());
        }
        let Some((start, end)) = text.split_once('/') else {
            return Ok(Self::from_point(parse_point(text)?));
        };
        if end.contains('/') {
            return Err("an interval has exactly one `/`".into());
        }
        Self::from_sides(parse_side(start.trim())?, parse_side(end.trim())?)
    }

    /// Builds a date from its parts: a year, or a year and month, or a full day.
    ///
    /// ```
    /// use pubcat::model::PartialDate;
    /// assert_eq!(PartialDate::from_ymd(2021, Some(7), None).unwrap().edtf(), "2021-07");
    /// assert!(PartialDate::from_ymd(2021, None, Some(3)).is_err());
    /// ```
    pub fn from_ymd(year: i32, month: Option<u32>, day: Option<u32>) -> Result<PartialDate> {
        Point::new(year, month, day, false, false)
            .map(Self::from_point)
            .map_err(|reason| Error::invalid(FIELD, reason))
    }

    fn from_point(p: Point) -> PartialDate {
        PartialDate {
            edtf: p.text(),
            lower: p.lower,
            upper: p.upper,
            precision: p.precision(),
            year: p.year,
            interval: false,
            approximate: p.approximate,
            uncertain: p.uncertain,
        }
    }

    fn from_sides(start: Side, end: Side) -> std::result::Result<PartialDate, String> {
        let (lower, upper, precision, year) = match (start, end) {
            (Side::Known(s), Side::Known(e)) => {
                if s.lower > e.upper {
                    return Err(format!(
                        "the interval starts ({}) after it ends ({})",
                        s.text(),
                        e.text()
                    ));
                }
                (s.lower, e.upper, s.precision().max(e.precision()), s.year)
            }
            (Side::Known(s), _) => (s.lower, max_date(), s.precision(), s.year),
            (_, Side::Known(e)) => (min_date(), e.upper, e.precision(), e.year),
            _ => return Err("an interval cannot be open or unknown at both ends".into()),
        };
        let flag =
            |f: fn(&Point) -> bool| [start, end].iter().any(|side| side.point().is_some_and(f));
        Ok(PartialDate {
            edtf: format!("{}/{}", start.text(), end.text()),
            lower,
            upper,
            precision,
            year,
            interval: true,
            approximate: flag(|p| p.approximate),
            uncertain: flag(|p| p.uncertain),
        })
    }

    /// The canonical EDTF text, e.g. `2012`, `2021-07`, `2012~`, `2016/2017`, `2019/..`.
    ///
    /// ```
    /// use pubcat::model::PartialDate;
    /// assert_eq!(PartialDate::parse(" 2012 ").unwrap().edtf(), "2012");
    /// ```
    pub fn edtf(&self) -> &str {
        &self.edtf
    }

    /// The first day covered; `1000-01-01` for an interval with an open or unknown start.
    ///
    /// ```
    /// use pubcat::model::PartialDate;
    /// assert_eq!(PartialDate::parse("2012").unwrap().lower().to_string(), "2012-01-01");
    /// ```
    pub fn lower(&self) -> NaiveDate {
        self.lower
    }

    /// The last day covered; `9999-12-31` for an interval with an open or unknown end.
    ///
    /// ```
    /// use pubcat::model::PartialDate;
    /// assert_eq!(PartialDate::parse("2021-07").unwrap().upper().to_string(), "2021-07-31");
    /// assert_eq!(PartialDate::parse("2019/..").unwrap().upper().to_string(), "9999-12-31");
    /// ```
    pub fn upper(&self) -> NaiveDate {
        self.upper
    }

    /// How precisely the date is known; for intervals, the coarser of the known sides.
    ///
    /// ```
    /// use pubcat::model::{PartialDate, Precision};
    /// assert_eq!(PartialDate::parse("2016/2017-03").unwrap().precision(), Precision::Year);
    /// ```
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// Whether this is an interval (`A/B`).
    ///
    /// ```
    /// use pubcat::model::PartialDate;
    /// assert!(PartialDate::parse("2016/2017").unwrap().is_interval());
    /// ```
    pub fn is_interval(&self) -> bool {
        self.interval
    }

    /// Whether the date (or either side of the interval) is qualified `~` or `%`.
    ///
    /// ```
    /// use pubcat::model::PartialDate;
    /// assert!(PartialDate::parse("2012~").unwrap().is_approximate());
    /// ```
    pub fn is_approximate(&self) -> bool {
        self.approximate
    }

    /// Whether the date (or either side of the interval) is qualified `?` or `%`.
    ///
    /// ```
    /// use pubcat::model::PartialDate;
    /// assert!(PartialDate::parse("2012%").unwrap().is_uncertain());
    /// ```
    pub fn is_uncertain(&self) -> bool {
        self.uncertain
    }

    /// The year of the lower bound; for an interval with an open start, the year of its end.
    ///
    /// ```
    /// use pubcat::model::PartialDate;
    /// assert_eq!(PartialDate::parse("../2015-06").unwrap().year(), 2015);
    /// ```
    pub fn year(&self) -> i32 {
        self.year
    }
}

/// [`PartialDate::year`] from a stored date's EDTF text and bounds, without parsing the text:
/// the year of the lower bound, or of the upper bound when the interval's start is open (`..`)
/// or unknown (empty), whose lower bound is only the `1000-01-01` placeholder. Tables,
/// DataFrames and Parquet files use it, so they agree with [`PartialDate::year`]; the SQL form is
/// `store::rows::PUBLICATION_YEAR_SQL`.
pub(crate) fn stored_year(edtf: &str, lower: NaiveDate, upper: NaiveDate) -> i32 {
    use chrono::Datelike;
    if edtf.starts_with("..") || edtf.starts_with('/') {
        upper.year()
    } else {
        lower.year()
    }
}

impl Point {
    fn new(
        year: i32,
        month: Option<u32>,
        day: Option<u32>,
        uncertain: bool,
        approximate: bool,
    ) -> std::result::Result<Point, String> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(format!("year {year} is outside 1000..=9999"));
        }
        let (lower, upper) = match (month, day) {
            (None, Some(_)) => return Err("a day needs a month".into()),
            (None, None) => (ymd(year, 1, 1)?, ymd(year, 12, 31)?),
            (Some(m), _) if !(1..=12).contains(&m) => {
                return Err(format!("month {m:02} does not exist"));
            }
            (Some(m), None) => (ymd(year, m, 1)?, ymd(year, m, last_day(year, m))?),
            (Some(m), Some(d)) => {
                let date = ymd(year, m, d)?;
                (date, date)
            }
        };
        Ok(Point {
            year,
            month,
            day,
            uncertain,
            approximate,
            lower,
            upper,
        })
    }

    fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (_, Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            (None, None) => Precision::Year,
        }
    }

    fn text(&self) -> String {
        let mut out = format!("{:04}", self.year);
        if let Some(m) = self.month {
            out.push_str(&format!("-{m:02}"));
        }
        if let Some(d) = self.day {
            out.push_str(&format!("-{d:02}"));
        }
        match (self.uncertain, self.approximate) {
            (true, true) => out.push('%'),
            (true, false) => out.push('?'),
            (false, true) => out.push('~'),
            (false, false) => {}
        }
        out
    }
}

impl Side {
    fn point(&self) -> Option<&Point> {
        match self {
            Side::Known(p) => Some(p),
            Side::Open | Side::Unknown => None,
        }
    }

    fn text(&self) -> String {
        match self {
            Side::Known(p) => p.text(),
            Side::Open => "..".into(),
            Side::Unknown => String::new(),
        }
    }
}

fn parse_side(text: &str) -> std::result::Result<Side, String> {
    match text {
        "" => Ok(Side::Unknown),
        ".." => Ok(Side::Open),
        _ => parse_point(text).map(Side::Known),
    }
}

fn parse_point(text: &str) -> std::result::Result<Point, String> {
    let (body, uncertain, approximate) = if let Some(b) = text.strip_suffix('%') {
        (b, true, true)
    } else if let Some(b) = text.strip_suffix('?') {
        (b, true, false)
    } else if let Some(b) = text.strip_suffix('~') {
        (b, false, true)
    } else {
        (text, false, false)
    };
    let mut parts = body.split('-');
    let year = digits(parts.next().unwrap_or_default(), 4, "year")?;
    let month = parts.next().map(|m| digits(m, 2, "month")).transpose()?;
    let day = parts.next().map(|d| digits(d, 2, "day")).transpose()?;
    if parts.next().is_some() {
        return Err("expected YYYY, YYYY-MM or YYYY-MM-DD".into());
    }
    // At most four digits, so the value fits in an i32.
    Point::new(year as i32, month, day, uncertain, approximate)
}

/// Reads exactly `len` ASCII digits.
fn digits(text: &str, len: usize, what: &str) -> std::result::Result<u32, String> {
    if text.len() != len || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "the {what} must be {len} ASCII digits, found `{}`",
            quote(text)
        ));
    }
    Ok(text
        .bytes()
        .fold(0, |acc, b| acc * 10 + u32::from(b - b'0')))
}

fn ymd(year: i32, month: u32, day: u32) -> std::result::Result<NaiveDate, String> {
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| format!("day {day:02} does not exist in {year:04}-{month:02}"))
}

fn last_day(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
        .unwrap_or(28)
}

fn min_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(MIN_YEAR, 1, 1).unwrap_or(NaiveDate::MIN)
}

fn max_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(MAX_YEAR, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// The first [`QUOTE_CHARS`] characters of `text`, for error messages.
fn quote(text: &str) -> String {
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or(text)),
        None => text.to_owned(),
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.lower, self.upper, &self.edtf).cmp(&(other.lower, other.upper, &other.edtf))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.edtf)
    }
}

impl FromStr for PartialDate {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        PartialDate::parse(s)
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.edtf)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PartialDate::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use chrono::Datelike;

    #[test]
    fn stored_year_agrees_with_year_for_every_shape_of_date() {
        for text in [
            "2012",
            "2021-07",
            "2012~",
            "2016/2017",
            "2019/..",
            "../2015-06",
            "/2015",
            "1000",
        ] {
            let d = PartialDate::parse(text).unwrap();
            assert_eq!(
                stored_year(d.edtf(), d.lower(), d.upper()),
                d.year(),
                "{text}"
            );
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn ok(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap_or_else(|e| panic!("{text:?} rejected: {e}"))
    }

    fn rejected(text: &str) -> String {
        match PartialDate::parse(text) {
            Ok(p) => panic!("{text:?} accepted as {p:?}"),
            Err(Error::InvalidInput { field, message }) => {
                assert_eq!(field, "date");
                message
            }
            Err(e) => panic!("{text:?}: wrong error {e:?}"),
        }
    }

    #[test]
    #[rustfmt::skip]
    fn accepted_forms() {
        use Precision::*;
        // input, canonical edtf, lower, upper, precision, year, flags (i interval, ~ approx, ? uncertain)
        let cases = [
            ("2012", "2012", "2012-01-01", "2012-12-31", Year, 2012, ""),
            (" 2012 ", "2012", "2012-01-01", "2012-12-31", Year, 2012, ""),
            ("1000", "1000", "1000-01-01", "1000-12-31", Year, 1000, ""),
            ("2021-07", "2021-07", "2021-07-01", "2021-07-31", Month, 2021, ""),
            ("2024-02", "2024-02", "2024-02-01", "2024-02-29", Month, 2024, ""),
            ("2023-02", "2023-02", "2023-02-01", "2023-02-28", Month, 2023, ""),
            ("2024-02-15", "2024-02-15", "2024-02-15", "2024-02-15", Day, 2024, ""),
            ("2024-02-29", "2024-02-29", "2024-02-29", "2024-02-29", Day, 2024, ""),
            ("2012~", "2012~", "2012-01-01", "2012-12-31", Year, 2012, "~"),
            ("2012?", "2012?", "2012-01-01", "2012-12-31", Year, 2012, "?"),
            ("2012-05%", "2012-05%", "2012-05-01", "2012-05-31", Month, 2012, "~?"),
            ("2016/2017", "2016/2017", "2016-01-01", "2017-12-31", Year, 2016, "i"),
            ("2016 / 2017-03", "2016/2017-03", "2016-01-01", "2017-03-31", Year, 2016, "i"),
            ("2016-01-05/2016-02", "2016-01-05/2016-02", "2016-01-05", "2016-02-29", Month, 2016, "i"),
            ("2004-06-01/2004-06-01", "2004-06-01/2004-06-01", "2004-06-01", "2004-06-01", Day, 2004, "i"),
            ("2016~/2017?", "2016~/2017?", "2016-01-01", "2017-12-31", Year, 2016, "i~?"),
            ("2019/..", "2019/..", "2019-01-01", "9999-12-31", Year, 2019, "i"),
            ("2019-03/", "2019-03/", "2019-03-01", "9999-12-31", Month, 2019, "i"),
            ("../2015-06", "../2015-06", "1000-01-01", "2015-06-30", Month, 2015, "i"),
            ("/2015~", "/2015~", "1000-01-01", "2015-12-31", Year, 2015, "i~"),
            ("9999-12-31/..", "9999-12-31/..", "9999-12-31", "9999-12-31", Day, 9999, "i"),
        ];
        for (input, edtf, lower, upper, precision, year, flags) in cases {
            let p = ok(input);
            assert_eq!(p.edtf(), edtf, "{input}");
            assert_eq!((p.lower().to_string(), p.upper().to_string()), (lower.into(), upper.into()), "{input}");
            assert_eq!((p.precision(), p.year()), (precision, year), "{input}");
            assert_eq!(p.is_interval(), flags.contains('i'), "{input}");
            assert_eq!(p.is_approximate(), flags.contains('~'), "{input}");
            assert_eq!(p.is_uncertain(), flags.contains('?'), "{input}");
            assert_eq!(p.to_string(), edtf);
            assert_eq!(ok(edtf), p, "canonical text re-parses to the same value");
        }
    }

    #[test]
    #[rustfmt::skip]
    fn rejections_are_typed_and_explained() {
        let cases = [
            ("", "empty"), ("   ", "empty"),
            ("2021-00", "month 00"), ("2021-13", "month 13"), ("2020-21", "month 21"),
            ("2021-04-31", "day 31 does not exist in 2021-04"),
            ("2023-02-29", "day 29 does not exist in 2023-02"), ("2023-01-00", "day 00"),
            ("0999", "year 999 is outside"), ("10000", "year must be 4"),
            ("2017/2016", "starts (2017) after it ends (2016)"), ("2016-12/2016-01", "after it ends"),
            ("../..", "both ends"), ("/", "both ends"), ("../", "both ends"), ("/..", "both ends"),
            ("2016/2017/2018", "exactly one `/`"),
            ("2024-", "month must be 2"), ("-2024", "year must be 4"), ("2024--01", "month must be 2"),
            ("2024-01-01-01", "expected YYYY"), ("2024-1-5", "month must be 2"),
            ("２０２４", "year must be 4 ASCII digits"), ("hello", "year must be 4 ASCII digits"),
            ("2012~?", "year must be 4"), ("2012??", "year must be 4"), ("201X", "year must be 4"),
            ("2024-02-15T10:00", "day must be 2"), ("Spring 2020", "year must be 4"),
            ("2020 2021", "year must be 4"),
        ];
        for (input, expected) in cases {
            let message = rejected(input);
            assert!(message.contains(expected), "{input:?}: {message}");
        }
        let err = PartialDate::parse("2021-13").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
        assert!(err.to_string().starts_with("invalid date: `2021-13`"), "{err}");
    }

    #[test]
    fn adversarial_inputs_never_panic() {
        let long = [
            "9".repeat(10 * 1024),
            "2024-".repeat(2048),
            "é".repeat(5000) + "/2012",
        ];
        let short = ["\0", "🎉", "2024-é", "é/..", "..", "...", "2012\u{301}"];
        for input in long.iter().map(String::as_str).chain(short) {
            let message = rejected(input);
            assert!(
                message.chars().count() < 200,
                "message quotes the whole input"
            );
        }
        // Deterministic fuzz over an EDTF-like alphabet: no panics, and whatever is
        // accepted has ordered bounds and a canonical text that re-parses to itself.
        let alphabet: Vec<char> = "0123456789-/.?~% X２é".chars().collect();
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 33) as usize
        };
        for _ in 0..20_000 {
            let len = next() % 24;
            let text: String = (0..len)
                .map(|_| alphabet[next() % alphabet.len()])
                .collect();
            if let Ok(p) = PartialDate::parse(&text) {
                assert!(p.lower() <= p.upper(), "{text:?}");
                assert_eq!(ok(p.edtf()), p, "{text:?}");
            }
        }
    }

    #[test]
    fn every_day_2000_to_2030_round_trips() {
        let mut day = d(2000, 1, 1);
        while day <= d(2030, 12, 31) {
            let text = day.format("%Y-%m-%d").to_string();
            let p = ok(&text);
            assert_eq!(p.edtf(), text);
            assert_eq!(
                (p.lower(), p.upper(), p.precision()),
                (day, day, Precision::Day)
            );
            let parts = PartialDate::from_ymd(day.year(), Some(day.month()), Some(day.day()));
            assert_eq!(parts.unwrap(), p);
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn every_year_and_month_has_consistent_bounds() {
        for year in MIN_YEAR..=MAX_YEAR {
            let y = ok(&year.to_string());
            assert_eq!((y.lower(), y.upper()), (d(year, 1, 1), d(year, 12, 31)));
            if year % 50 != 0 && !(1990..=2030).contains(&year) {
                continue;
            }
            for month in 1..=12 {
                let m = ok(&format!("{year}-{month:02}"));
                assert_eq!(m.upper().month(), month);
                assert_eq!(
                    m.upper().succ_opt().unwrap().day(),
                    1,
                    "upper is the last day"
                );
                assert!(y.lower() <= m.lower() && m.lower() <= m.upper() && m.upper() <= y.upper());
            }
        }
    }

    #[test]
    fn intervals_accept_iff_start_not_after_end() {
        let points = [
            "2015",
            "2016",
            "2016-03",
            "2016-03-15",
            "2016-12-31",
            "2017-01",
            "2017~",
        ];
        for a in points {
            for b in points {
                let (pa, pb) = (ok(a), ok(b));
                let result = PartialDate::parse(&format!("{a}/{b}"));
                assert_eq!(result.is_ok(), pa.lower() <= pb.upper(), "{a}/{b}");
                if let Ok(i) = result {
                    assert_eq!(
                        (i.lower(), i.upper(), i.year()),
                        (pa.lower(), pb.upper(), pa.year())
                    );
                }
            }
        }
    }

    #[test]
    #[rustfmt::skip]
    fn from_ymd_validates() {
        assert_eq!(PartialDate::from_ymd(2012, None, None).unwrap().edtf(), "2012");
        assert_eq!(PartialDate::from_ymd(2024, Some(2), Some(29)).unwrap().edtf(), "2024-02-29");
        let bad = [
            (999, None, None), (10_000, None, None), (-5, None, None), (2020, Some(0), None),
            (2020, Some(13), None), (2020, None, Some(1)), (2020, Some(4), Some(31)),
            (2020, Some(1), Some(0)), (2020, Some(u32::MAX), Some(u32::MAX)),
        ];
        for (y, m, day) in bad {
            let err = PartialDate::from_ymd(y, m, day).unwrap_err();
            assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "date"), "{err}");
        }
    }

    #[test]
    fn ordering_is_by_bounds_then_text() {
        let texts = [
            "2013",
            "2012-06",
            "2012~",
            "2012",
            "2012/2013",
            "../2011",
            "2012-01-01",
        ];
        let mut dates: Vec<PartialDate> = texts.iter().map(|t| ok(t)).collect();
        dates.sort();
        let sorted: Vec<&str> = dates.iter().map(PartialDate::edtf).collect();
        let expected = [
            "../2011",
            "2012-01-01",
            "2012",
            "2012~",
            "2012/2013",
            "2012-06",
            "2013",
        ];
        assert_eq!(sorted, expected);
        assert_eq!(ok("2012").cmp(&ok(" 2012")), Ordering::Equal);
    }

    #[test]
    fn serde_uses_the_edtf_string() {
        let p = ok("2016~/2017-03");
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, r#""2016~/2017-03""#);
        assert_eq!(serde_json::from_str::<PartialDate>(&json).unwrap(), p);
        let padded: PartialDate = serde_json::from_str(r#"" 2012 ""#).unwrap();
        assert_eq!(padded.edtf(), "2012");
        assert!(serde_json::from_str::<PartialDate>(r#""2023-02-29""#).is_err());
        assert!(
            serde_json::from_str::<PartialDate>("2012").is_err(),
            "numbers are not dates"
        );
        assert_eq!(
            serde_json::to_string(&Precision::Month).unwrap(),
            r#""month""#
        );
    }

    #[test]
    fn precision_names_round_trip() {
        for p in [Precision::Day, Precision::Month, Precision::Year] {
            assert_eq!(p.as_str().parse::<Precision>().unwrap(), p);
            assert_eq!(p.to_string(), p.as_str());
        }
        let err = "decade".parse::<Precision>().unwrap_err();
        assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "precision"));
    }
}
