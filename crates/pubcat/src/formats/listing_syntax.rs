//! Publication listings: plain text copied from a research institute's website.
//!
//! A listing is a run of entries. Each entry starts with a **title** (one short line), may carry
//! a **byline** (`- Author, Author (Affiliation) | March 1, 2022`) and/or a **date line**
//! (`14 april 2023`), and ends with a **summary** of one or more paragraphs, often an excerpt
//! cut short by `[…]`, `[...]` or `…`. The date may also be glued to the summary
//! (`April 14, 2023This report…`). Dates are read in English, French and Dutch and given as
//! EDTF text (`2022-03-01`, `2022-03`, `2012`).
//!
//! Telling a title from a summary paragraph: the first line of the text is a title; after a
//! summary paragraph that ends in an excerpt marker, the next paragraph starts a new entry;
//! otherwise a paragraph starts a new entry when it is a single short line (at most 200
//! characters) without final punctuation, or when such a line is followed by a byline or date.
//! The first paragraph after a title is always its summary unless it is itself a title-like
//! line followed by a byline or date, so an entry without a summary is only recognised when the
//! next entry has a byline or date (or the entry before ended in an excerpt marker).
//!
//! Entry point: [`parse_listing`]; see it for an example.

use crate::error::{Error, Position, Result};
use chrono::NaiveDate;
use serde::Serialize;

/// One publication as it appears in a listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListingEntry {
    /// 1-based line of the title in the input.
    pub line: u64,
    /// The title, without a series or kind prefix; a year in parentheses is kept.
    pub title: String,
    /// The summary; paragraphs are separated by a blank line, the excerpt marker is removed.
    pub summary: Option<String>,
    /// Whether the summary ended in an excerpt marker (`[…]`, `[...]`, `…`, `...`).
    pub summary_is_excerpt: bool,
    /// The authors from the byline, in order; empty slots are dropped.
    pub authors: Vec<ListedAuthor>,
    /// The date as EDTF text (`2022-03-01`, `2022-03`, `2012`): from the byline, a date line,
    /// the start of the summary or, failing those, a year in parentheses in the title.
    pub date: Option<String>,
    /// A series named by a title prefix (`IPIS Due Diligence series – …`).
    pub series: Option<String>,
    /// A snake_case kind named by a title prefix (`Review paper – …` gives `review_paper`).
    pub kind: Option<String>,
    /// A single capitalised word before a dash (`Madini – …`), which may name a project.
    /// The title keeps it.
    pub project_hint: Option<String>,
    /// `en`, `fr` or `nl`, detected from the title and summary with [`detect_language`].
    pub language: String,
}

/// An author named in a byline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListedAuthor {
    /// The name as written.
    pub name: String,
    /// The affiliation given in parentheses after the name.
    pub affiliation: Option<String>,
}

/// Longest line (in characters) taken as a title when nothing else marks it as one.
/// Longest line (in characters) taken as a title when nothing else marks it as one.
const MAX_TITLE_CHARS: usize = 200;

/// Excerpt markers, longest first.
const EXCERPT_MARKERS: [&str; 6] = ["[…]", "[...]", "(…)", "(...)", "…", "..."];

/// Parses a publication listing into its entries, in order.
///
/// Accepts LF, CRLF or CR line ends, a byte-order mark, tabs, non-breaking spaces, trailing
/// spaces and any number of blank lines. Never panics.
///
/// # Errors
/// [`Error::Parse`] at line 1 when the text holds no entry at all (empty or only
/// whitespace), and at the byline's line with field `date` when a byline's date part
/// cannot be read.
pub fn parse_listing(text: &str) -> Result<Vec<ListingEntry>> {
    let lines = split_lines(text);
    if lines.is_empty() {
        let position = Position {
            line: Some(1),
            ..Position::default()
        };
        return Err(Error::parse_at(
            position,
            "the listing is empty: no entry found",
        ));
    }
    let mut entries = Vec::new();
    let mut start = 0;
    while start < lines.len() {
        let (entry, next) = parse_entry(&lines, start, entries.len() as u64 + 1)?;
        entries.push(entry);
        start = next;
    }
    Ok(entries)
}

/// Guesses the language of `text` by scoring English, French and Dutch stop words.
///
/// A stop word of one language scores 2, one shared by two languages 1 each, and a word
/// with a French accent adds 1 to French. Returns `"en"`, `"fr"` or `"nl"`; `"en"` on a tie.
pub fn detect_language(text: &str) -> &'static str {
    let mut score = [0usize; 3];
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.contains(['é', 'è', 'ê', 'à', 'ç', 'ù', 'û', 'ô', 'î']) {
            score[1] += 1;
        }
        let mut buf = [0u8; 8];
        let Some(key) = buf.get_mut(..word.len()).filter(|_| word.is_ascii()) else {
            continue; // no stop word is longer, or has a non-ASCII letter
        };
        key.copy_from_slice(word.as_bytes());
        key.make_ascii_lowercase();
        let key = std::str::from_utf8(key).unwrap_or_default();
        let hits = STOP_WORDS.map(|words| words.binary_search(&key).is_ok());
        let shared = hits.iter().filter(|&&hit| hit).count() > 1;
        for (points, _) in score.iter_mut().zip(hits).filter(|(_, hit)| *hit) {
            *points += if shared { 1 } else { 2 };
        }
    }
    let best = (1..3).fold(0, |best, i| if score[i] > score[best] { i } else { best });
    ["en", "fr", "nl"][best]
}

/// English, French and Dutch stop words, each list sorted for binary search.
const STOP_WORDS: [&[&str]; 3] = [
    &[
        "an", "and", "are", "as", "at", "be", "between", "by", "for", "from", "has", "have", "how",
        "in", "is", "it", "its", "of", "on", "or", "that", "the", "their", "these", "this", "to",
        "was", "were", "what", "which", "with",
    ],
    &[
        "au", "aussi", "aux", "avec", "ce", "ces", "cette", "d", "dans", "de", "des", "du", "en",
        "entre", "est", "et", "l", "la", "le", "les", "leur", "leurs", "ne", "par", "pas", "pour",
        "qu", "que", "qui", "sa", "ses", "son", "sont", "sur", "un", "une",
    ],
    &[
        "aan", "als", "bij", "dat", "de", "deze", "die", "dit", "door", "een", "en", "er", "het",
        "hoe", "in", "is", "met", "naar", "niet", "om", "ook", "op", "over", "te", "tussen", "van",
        "voor", "worden", "wordt", "zijn",
    ],
];

/// A non-blank input line, cleaned of invisible characters and runs of whitespace.
struct Line {
    no: u64,
    text: String,
    /// Whether it starts a paragraph: a blank line (or the start of the text) comes before it.
    para: bool,
}

fn split_lines(text: &str) -> Vec<Line> {
    const INVISIBLE: [char; 6] = [
        '\u{FEFF}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{AD}',
    ];
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines = Vec::new();
    let mut para = true;
    for (i, raw) in text.split('\n').enumerate() {
        let visible = raw.replace(INVISIBLE, "").replace(char::is_control, " ");
        let text = visible.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            para = true;
            continue;
        }
        let no = i as u64 + 1;
        lines.push(Line { no, text, para });
        para = false;
    }
    lines
}

/// Parses the entry whose title is `lines[start]`; returns it and the index after it.
fn parse_entry(lines: &[Line], start: usize, record: u64) -> Result<(ListingEntry, usize)> {
    let head = &lines[start];
    let (mut authors, mut date, mut next) = (Vec::new(), None, start + 1);
    while let Some(line) = lines.get(next) {
        if is_byline(&line.text) {
            let (names, when) = parse_byline(line, record)?;
            authors.extend(names);
            date = date.or(when);
        } else if let Some(when) = parse_date(&line.text) {
            date = date.or(Some(when));
        } else {
            break;
        }
        next += 1;
    }

    let mut paragraphs: Vec<String> = Vec::new();
    while let Some(line) = lines.get(next) {
        if line.para && starts_entry(lines, next, paragraphs.last()) {
            break;
        }
        let mut text = line.text.as_str();
        if let (true, Some((when, rest))) = (paragraphs.is_empty(), glued_date(text)) {
            (date, text) = (date.or(Some(when)), rest);
        }
        match paragraphs.last_mut() {
            Some(last) if !line.para => last.extend([" ", text]),
            _ => paragraphs.push(text.to_string()),
        }
        next += 1;
    }

    let mut summary = paragraphs.join("\n\n");
    let marker = EXCERPT_MARKERS.iter().find(|m| summary.ends_with(*m));
    if let Some(marker) = marker {
        summary.truncate(summary.len() - marker.len());
        summary.truncate(summary.trim_end().len());
    }
    let summary = Some(summary).filter(|s| !s.is_empty());
    let (title, series, kind, project_hint) = split_title(&head.text);
    let date = date.or_else(|| date_in_title(&title));
    let language = detect_language(&format!("{title} {}", summary.as_deref().unwrap_or("")));
    let entry = ListingEntry {
        line: head.no,
        title,
        summary,
        summary_is_excerpt: marker.is_some(),
        authors,
        date,
        series,
        kind,
        project_hint,
        language: language.to_string(),
    };
    Ok((entry, next))
}

/// Whether the paragraph starting at `lines[at]` begins a new entry, given the summary so far.
fn starts_entry(lines: &[Line], at: usize, last_paragraph: Option<&String>) -> bool {
    let Some(last) = last_paragraph else {
        return strong_title(lines, at);
    };
    let single_line = !matches!(lines.get(at + 1), Some(next) if !next.para);
    EXCERPT_MARKERS.iter().any(|m| last.ends_with(m))
        || strong_title(lines, at)
        || (single_line && title_like(&lines[at].text))
}

/// A line followed by a byline, or a title-like line followed by a date line or a summary
/// with a glued date.
fn strong_title(lines: &[Line], at: usize) -> bool {
    let text = lines[at].text.as_str();
    let next = lines.get(at + 1).map_or("", |next| next.text.as_str());
    (is_byline(next) && !is_byline(text))
        || (title_like(text) && (parse_date(next).is_some() || glued_date(next).is_some()))
}

/// One short line without final punctuation that is not a byline or a date.
fn title_like(text: &str) -> bool {
    let core = text.trim_end_matches(['"', '\'', '”', '’', '»', ' ']);
    text.chars().count() <= MAX_TITLE_CHARS
        && text.chars().any(char::is_alphabetic)
        && !core.ends_with(['.', ',', ';', ':', '…'])
        && !EXCERPT_MARKERS.iter().any(|m| core.ends_with(m))
        && !is_byline(text)
        && parse_date(text).is_none()
}

fn is_byline(text: &str) -> bool {
    let rest = text.strip_prefix(['-', '–', '—']).unwrap_or("");
    rest.starts_with([' ', '|']) && rest.contains('|')
}

/// Reads `- Author, Author (Affiliation) | date`.
fn parse_byline(line: &Line, record: u64) -> Result<(Vec<ListedAuthor>, Option<String>)> {
    let body = line.text.trim_start_matches(['-', '–', '—']);
    let (who, when) = body.rsplit_once('|').unwrap_or((body, ""));
    let when = when.trim();
    match parse_date(when) {
        None if !when.is_empty() => {
            let position = Position {
                line: Some(line.no),
                record: Some(record),
                field: Some("date".to_string()),
            };
            let message = format!("cannot read the byline date `{when}`");
            Err(Error::parse_at(position, message))
        }
        date => Ok((split_authors(who), date)),
    }
}

/// Splits on `,`, `;`, `&`, ` and `, ` et `, ` en ` outside parentheses; drops empty slots.
fn split_authors(text: &str) -> Vec<ListedAuthor> {
    let (mut parts, mut start, mut depth) = (Vec::new(), 0, 0u32);
    for (at, c) in text.char_indices() {
        if at < start {
            continue; // inside a conjunction just split on
        }
        let conjunction = [" and ", " et ", " en "]
            .into_iter()
            .find(|k| text[at..].starts_with(k));
        match (c, conjunction) {
            ('(', _) => depth += 1,
            (')', _) => depth = depth.saturating_sub(1),
            (',' | ';' | '&', _) | (_, Some(_)) if depth == 0 => {
                parts.push(&text[start..at]);
                start = at + conjunction.map_or(1, str::len);
            }
            _ => {}
        }
    }
    parts.push(text.get(start..).unwrap_or(""));
    parts.into_iter().filter_map(author).collect()
}

fn author(part: &str) -> Option<ListedAuthor> {
    let part = part.trim();
    let (name, affiliation) = match part.strip_suffix(')').and_then(|p| p.split_once('(')) {
        Some((name, aff)) if !name.trim().is_empty() => (name.trim(), Some(aff.trim())),
        _ => (part, None),
    };
    let affiliation = affiliation.filter(|a| !a.is_empty()).map(str::to_string);
    (!name.is_empty()).then(|| ListedAuthor {
        name: name.to_string(),
        affiliation,
    })
}

/// Removes a series or kind prefix; returns (title, series, kind, project hint).
fn split_title(raw: &str) -> (String, Option<String>, Option<String>, Option<String>) {
    let (mut title, mut series, mut kind, mut hint) = (raw, None, None, None);
    while let Some((head, rest)) = split_prefix(title) {
        let folded = fold(head);
        if series.is_none() && (folded.ends_with(" series") || folded.starts_with("serie ")) {
            series = Some(head.to_string());
        } else if let (None, Some(k)) = (&kind, kind_of(&folded)) {
            kind = Some(k.to_string());
        } else {
            let mut chars = head.chars();
            let capitalised = chars.next().is_some_and(char::is_uppercase)
                && chars.all(|c| c.is_alphanumeric() || c == '-');
            hint = Some(head.to_string()).filter(|_| capitalised && head.chars().count() <= 40);
            break;
        }
        title = rest;
    }
    (title.to_string(), series, kind, hint)
}

/// Splits `Head – rest` at the first spaced dash.
fn split_prefix(title: &str) -> Option<(&str, &str)> {
    let (at, sep) = [" – ", " — ", " - "]
        .into_iter()
        .filter_map(|sep| title.find(sep).map(|at| (at, sep)))
        .min()?;
    let (head, rest) = (title[..at].trim(), title[at + sep.len()..].trim());
    (!head.is_empty() && !rest.is_empty()).then_some((head, rest))
}

fn kind_of(folded: &str) -> Option<&'static str> {
    #[rustfmt::skip]
    const KINDS: [(&str, &str); 14] = [
        ("review paper", "review_paper"), ("report", "report"), ("rapport", "report"),
        ("briefing", "briefing"), ("policy brief", "policy_brief"), ("map", "map"),
        ("carte", "map"), ("story map", "story_map"), ("storymap", "story_map"),
        ("working paper", "working_paper"), ("document de travail", "working_paper"),
        ("factsheet", "factsheet"), ("fact sheet", "factsheet"), ("fact-sheet", "factsheet"),
    ];
    let found = KINDS.iter().find(|(label, _)| *label == folded);
    found.map(|(_, kind)| *kind)
}

/// Lowercases and strips the accents of French and Dutch month names and labels.
fn fold(text: &str) -> String {
    const FROM: &str = "éèêëûùüàâôîïç";
    let to = |i: usize| "eeeeuuuaaoiic".chars().nth(i);
    let lower = text.to_lowercase();
    let fold = |c| FROM.chars().position(|f| f == c).and_then(to).unwrap_or(c);
    lower.chars().map(fold).collect()
}

/// The last parenthesised date in a title (`Mapping Conflict Motives: M23 (2012)`).
fn date_in_title(title: &str) -> Option<String> {
    title.match_indices('(').rev().find_map(|(at, _)| {
        let inner = &title[at + 1..];
        parse_date(&inner[..inner.find(')')?])
    })
}

/// Reads a whole string as a date: a full date, a month and year, or a year alone.
fn parse_date(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches('.');
    if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
        return Some(text.to_string()).filter(|_| ("1000"..="2999").contains(&text));
    }
    date_prefix(text).and_then(|(date, end)| (end == text.len()).then_some(date))
}

/// A date at the start of a summary, glued to it or followed by a separator; returns the
/// date and the rest of the summary.
fn glued_date(text: &str) -> Option<(String, &str)> {
    let (date, end) = date_prefix(text)?;
    let rest = &text[end..];
    if rest.starts_with(|c: char| c.is_alphabetic() || "‘“\"'«(".contains(c)) {
        return Some((date, rest));
    }
    let after = rest
        .trim_start()
        .strip_prefix(['–', '—', '-', '|', ':', '·']);
    Some((date, after?.trim_start()))
}

enum Tok<'a> {
    Num(u32, usize),
    Word(&'a str),
}

/// Up to three number or word tokens at the start of `text`, each with the byte offset after
/// it. Spaces, `.`, `,` and `-` may separate them; an ordinal suffix (`1st`, `1er`) is skipped.
fn lex(text: &str) -> Vec<(Tok<'_>, usize)> {
    const ORDINALS: [&str; 8] = ["st", "nd", "rd", "th", "er", "re", "e", "ème"];
    let letters = |s: &str| s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    let mut tokens = Vec::new();
    let mut at = 0;
    while tokens.len() < 3 {
        let rest = &text[at..];
        let body = rest.trim_start_matches(|c| at > 0 && " .,-".contains(c));
        let start = text.len() - body.len();
        let digits = body.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            at = start + digits;
            let suffix = &text[at..at + letters(&text[at..])];
            if digits <= 2 && ORDINALS.contains(&suffix) {
                at += suffix.len();
            }
            let value = body[..digits].parse().unwrap_or(u32::MAX);
            tokens.push((Tok::Num(value, digits), at));
        } else if letters(body) > 0 {
            at = start + letters(body);
            tokens.push((Tok::Word(&body[..letters(body)]), at));
        } else {
            break;
        }
    }
    tokens
}

/// Reads a date at the start of `text`; returns the EDTF text and the byte length read.
fn date_prefix(text: &str) -> Option<(String, usize)> {
    use Tok::{Num, Word};
    let iso = text.as_bytes().get(4) == Some(&b'-');
    let (year, month, day, end) = match lex(text).as_slice() {
        [(Num(y, 4), _), (Num(m, 2), _), (Num(d, 2), end)] if iso => (*y, *m, Some(*d), *end),
        [(Num(y, 4), _), (Num(m, 2), end), ..] if iso => (*y, *m, None, *end),
        [(Word(m), _), (Num(d, 1 | 2), _), (Num(y, 4), end)]
        | [(Num(d, 1 | 2), _), (Word(m), _), (Num(y, 4), end)] => {
            (*y, month_number(m)?, Some(*d), *end)
        }
        [(Word(m), _), (Num(y, 4), end), ..] => (*y, month_number(m)?, None, *end),
        _ => return None,
    };
    let year = Some(year as i32).filter(|y| (1000..=2999).contains(y))?;
    let first = NaiveDate::from_ymd_opt(year, month, day.unwrap_or(1))?;
    let format = if day.is_some() { "%Y-%m-%d" } else { "%Y-%m" };
    Some((first.format(format).to_string(), end))
}

fn month_number(word: &str) -> Option<u32> {
    #[rustfmt::skip]
    const MONTHS: [&[&str]; 12] = [
        &["january", "jan", "janvier", "janv", "januari"],
        &["february", "feb", "fevrier", "fevr", "fev", "februari"],
        &["march", "mar", "mars", "maart", "mrt"],
        &["april", "apr", "avril", "avr"],
        &["may", "mai", "mei"],
        &["june", "jun", "juin", "juni"],
        &["july", "jul", "juillet", "juil", "juli"],
        &["august", "aug", "aout", "augustus"],
        &["september", "sep", "sept", "septembre"],
        &["october", "oct", "octobre", "oktober", "okt"],
        &["november", "nov", "novembre"],
        &["december", "dec", "decembre"],
    ];
    let word = fold(word);
    (1..=12).find(|&m: &u32| MONTHS[m as usize - 1].contains(&word.as_str()))
}

#[cfg(test)]
#[path = "listing_syntax_tests.rs"]
mod tests;

/// The examples of this module's items (crate-private, so not doc tests).
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod examples {
    #[test]
    fn example_listingentry() -> crate::Result<()> {
        use crate::formats::listing_syntax::parse_listing;
        fn main() -> Result<(), Box<dyn std::error::Error>> {
            let entry = &parse_listing(
                "Mapping Conflict Motives: M23 (2012)\n\nIPIS publishes an update.\n",
            )?[0];
            assert_eq!((entry.line, entry.date.as_deref()), (1, Some("2012")));
            assert_eq!(entry.language, "en");
            Ok(())
        }
        main().map_err(|e| crate::Error::invalid("example", e.to_string()))
    }

    #[test]
    fn example_listedauthor() -> crate::Result<()> {
        use crate::formats::listing_syntax::parse_listing;
        fn main() -> Result<(), Box<dyn std::error::Error>> {
            let text = "Review paper – The EU Conflict Minerals Regulation\n\
                    - Ana Kiza, , Jean-Paul Lonema (IMPACT) | 1er mars 2022\n\
                    \n\
                    A coalition of European NGOs published a review paper […]\n";
            let entry = &parse_listing(text)?[0];
            assert_eq!(
                (entry.title.as_str(), entry.kind.as_deref()),
                ("The EU Conflict Minerals Regulation", Some("review_paper"))
            );
            assert_eq!(
                (entry.authors.len(), entry.authors[0].name.as_str()),
                (2, "Ana Kiza")
            );
            assert_eq!(entry.authors[1].affiliation.as_deref(), Some("IMPACT"));
            assert_eq!(entry.date.as_deref(), Some("2022-03-01"));
            Ok(())
        }
        main().map_err(|e| crate::Error::invalid("example", e.to_string()))
    }

    #[test]
    fn example_parse_listing() -> crate::Result<()> {
        use crate::formats::listing_syntax::parse_listing;
        fn main() -> Result<(), Box<dyn std::error::Error>> {
            let text = "IPIS Due Diligence series – Comparative analysis of cobalt and 3T\n\n\
                    This report compares the supply chains [...]\n\n\
                    Initiatives en matière de minerais de conflit\n\n\
                    April 14, 2023L’exploitation minière est une importante source de revenus.\n";
            let entries = parse_listing(text)?;
            assert_eq!(entries.len(), 2);
            assert_eq!(
                entries[0].series.as_deref(),
                Some("IPIS Due Diligence series")
            );
            assert_eq!(
                entries[0].summary.as_deref(),
                Some("This report compares the supply chains")
            );
            assert_eq!(entries[1].language, "fr");
            assert_eq!(entries[1].date.as_deref(), Some("2023-04-14"));

            let err = parse_listing(" \n\n").unwrap_err();
            assert_eq!(err.kind().code(), "parse");
            Ok(())
        }
        main().map_err(|e| crate::Error::invalid("example", e.to_string()))
    }

    #[test]
    fn example_detect_language() {
        use crate::formats::listing_syntax::detect_language;
        assert_eq!(
            detect_language("L’exploitation minière est une source de revenus"),
            "fr"
        );
        assert_eq!(
            detect_language("Het rapport van de onderzoekers is niet gepubliceerd"),
            "nl"
        );
        assert_eq!(detect_language("The exploitation of minerals"), "en");
        assert_eq!(detect_language("M23"), "en");
    }
}
