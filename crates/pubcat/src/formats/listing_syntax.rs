//! Publication listings: plain text copied from a research institute's website.
//!
//! A listing is a run of entries. Each entry has a **title** (one line), may carry a **byline**
//! (`- Author, Author (Affiliation) | March 1, 2022`) and/or a **date line** (`14 april 2023`),
//! and usually a **summary** of one or more paragraphs, often an excerpt cut short by `[…]`,
//! `[...]` or `…`. The date may also be glued to the summary (`April 14, 2023This report…`, or
//! `1 March 2022 – This report…` with a separator). Dates are read in English, French and Dutch
//! and given as EDTF text (`2022-03-01`, `2022-03`, `2012`); when digits follow the year without
//! a space (`December 22, 20232023 update…`) the year is its first four digits (1900 to 2099)
//! and the rest starts the summary.
//!
//! [`parse_listing`] never guesses where an entry starts: it returns the entries it placed by
//! the rules below and reports every line it could not place as an [`Unplaced`] (line number,
//! text, reason); the text of an unplaced line is in no entry. So for a listing of N entries,
//! either N entries come back, or `unplaced` names the lines in doubt.
//!
//! # Words used below
//!
//! - A **paragraph** is a run of non-blank lines; blank lines separate paragraphs.
//! - A line is **title-like** when it has at most 200 characters and a letter, does not end in
//!   `.`, `,`, `;`, `:`, `…` or an excerpt marker (closing quotes aside), and is not a byline or
//!   a date. A line **could be a title** when it has a letter, does not start with a lowercase
//!   letter, does not end in `,`, `;`, `:` or an excerpt marker, is not a byline or a date, and
//!   either has at most 200 characters or does not end a sentence (`.`, `!`, `?`): titles may
//!   end in a full stop, summaries end in punctuation or an excerpt marker.
//! - Inside a paragraph, the break after a line is a **title break** when the line is
//!   title-like and the next line does not start with a lowercase letter (a line followed by
//!   a lowercase one is a sentence wrapped over two lines, never a title).
//! - A paragraph's **shape**: *title* (one title-like line), *line* (one other line), *text*
//!   (several lines, no title break: running text), *block* (several lines, a title break after
//!   the first line only: a title and its summary; so are two title-like lines), *list* (three
//!   or more lines, a title break after each and a title-like last line: titles one per line),
//!   *jumble* (anything else).
//!
//! # Dates
//!
//! An **anchor** is a run of consecutive bylines and date lines (blank lines between them
//! allowed), optionally ending with a line that starts with a glued date; or such a glued-date
//! line alone, when it starts a paragraph or follows the first line of a paragraph, and the
//! line before it could be a title. The line just before an anchor is its entry's **title**,
//! whatever its punctuation (a title ending in `.` is a title when a date follows it). An anchor
//! with no line before it, or whose line before it ends in an excerpt marker or belongs to an
//! earlier anchor, is reported ("a date with no title line before it"), with the summary text
//! that follows it. A dated entry's summary starts after its anchor: with the text after a
//! glued date, or with the lines after the anchor in the same paragraph, or else with the next
//! paragraph; the paragraph rules below read the rest up to the next dated title. A year in
//! parentheses at the end of a title (`M23 (2012)`) dates an entry without an anchor, but does
//! not mark where an entry starts.
//!
//! # Layouts, detected from the whole text
//!
//! 1. **Lines** (no anchor; every line could be a title and at least two thirds of the lines
//!    are title-like): titles one per line, with or without blank lines between them. Each
//!    title-like line is an entry without a summary; any other line (`A title with a full
//!    stop.`) is reported ("could be a title or a summary paragraph"): it could be the summary
//!    of the line before it.
//! 2. **Blocks** (no anchor; every paragraph has at least two lines, its first line could be a
//!    title and its second line does not start with a lowercase letter): title-then-summary
//!    blocks without a blank line between title and summary. Each paragraph is an entry: its
//!    first line is the title, whatever its punctuation, the other lines are the summary. A
//!    paragraph with a title break after its second line or later is reported (it could hold
//!    more than one title).
//! 3. **Paragraphs** (no anchor, not the layouts above, and no paragraph shaped as a block,
//!    list or jumble): title and summary paragraphs separated by blank lines, read with the
//!    paragraph rules.
//! 4. **Dated** (anchored entries outnumber the undated entries the paragraph rules find,
//!    e.g. 39 out of 40): the entries are the dated ones. An undated entry the paragraph rules
//!    find between them is reported ("no date, although the entries around it have one"),
//!    together with its summary, rather than placed by a guess.
//! 5. **Mixed** (anything else: dated and undated entries, or title paragraphs and blocks in
//!    one listing): the paragraph rules place undated entries too.
//!
//! The paragraph rules are **strict** when the listing shows titles followed by their summary
//! in the same paragraph: some paragraph other than a dated entry's first summary paragraph is
//! a block, list or jumble, or a dated entry's summary follows its title and date without a
//! blank line.
//!
//! # Paragraph rules (paragraphs, dated and mixed layouts)
//!
//! Paragraphs are read in order; what a paragraph is depends on what came before it:
//!
//! - **At the start of the text**, a paragraph starts an entry: its first line is the title,
//!   the rest of the paragraph the summary (a list gives one entry per line). A text paragraph
//!   whose first line runs on into a lowercase line, or a jumble, is reported.
//! - **Right after a title** (the summary is due): a line or text paragraph is the summary. A
//!   title paragraph or a list is reported: it could be a summary without final punctuation,
//!   or the next title of an entry without a summary. After a dated title any other paragraph
//!   is the summary; after an undated title a block or jumble is reported, and so is, under
//!   strict rules, a text paragraph whose first line ends a sentence and could be a title.
//! - **After a summary paragraph that ends in an excerpt marker**, the summary is over: a
//!   one-line paragraph is a title, whatever its length or punctuation; a block, or a text
//!   paragraph whose first line ends a sentence and could be a title, is a title with its
//!   summary; a list is titles; anything else is reported.
//! - **After any other summary paragraph**: a title paragraph starts an entry, a block is an
//!   entry with its summary, a list is titles, a jumble is reported. A one-line paragraph that
//!   could be a title (`A title with a full stop.`) is reported, unless it is the last
//!   paragraph after a dated title (before the next dated title or the end of the text): as a
//!   title, its entry would have neither date nor summary there. Other one-line paragraphs
//!   (longer than 200 characters with final punctuation, ending in an excerpt marker, `,`, `;`
//!   or `:`, or starting lowercase) continue the summary. A text paragraph continues the
//!   summary, unless its first line ends a sentence and could be a title (a title ending in
//!   `.` with its summary on the next line): reported.
//! - **After a reported paragraph** the same rules apply as after a summary paragraph; a
//!   paragraph that would continue a summary goes with the reported one.
//!
//! Known blind spots, by these rules: an entry without a summary followed by an undated title
//! ending in `.` on a line of its own, or (without strict rules) with its summary on the next line:
//! read as the summary; in a dated listing, an entry with neither date nor summary whose title ends
//! in `.`: read as the end of the summary before it; a title of more than 200 characters ending in
//! `.` after a summary that does not end in an excerpt marker: read as a summary paragraph; a
//! summary hard-wrapped before a capitalised word (`…the trade in\nCongolese gold`) in a second
//! summary paragraph: read as a title and its summary; listings that give the date before the
//! title.
//!
//! Each entry's language is detected from its title, the summary breaking ties
//! ([`detect_language_of_title`]).
//!
//! Entry point: [`parse_listing`]; see it for an example.

use crate::error::{Error, Position, Result};
use chrono::NaiveDate;
use serde::Serialize;

/// A parsed listing: the entries placed by the rules, and the lines that could not be placed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Listing {
    /// The entries placed with certainty, in order.
    pub entries: Vec<ListingEntry>,
    /// The lines and paragraphs that could not be placed, in order; their text is in no entry.
    pub unplaced: Vec<Unplaced>,
}

/// A line (with the paragraphs that go with it) the parser could not place in an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unplaced {
    /// 1-based line in the input.
    pub line: u64,
    /// The line, cleaned of invisible characters and runs of whitespace, cut to 80 characters.
    pub text: String,
    /// Why it could not be placed, e.g. [`NO_DATE`] or [`TITLE_OR_SUMMARY`].
    pub reason: String,
}

/// Reason of an undated entry in a dated listing.
pub const NO_DATE: &str = "no date, although the entries around it have one";
/// Reason of a paragraph that could start an entry or belong to a summary.
pub const TITLE_OR_SUMMARY: &str = "could be a title or a summary paragraph";
/// Reason of a byline, date line or glued date with no title before it.
pub const NO_TITLE: &str = "a date with no title line before it";

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
    /// `en`, `fr` or `nl`, detected from the title, the summary breaking ties, with
    /// [`detect_language_of_title`].
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

/// Longest title-like line, in characters.
const MAX_TITLE_CHARS: usize = 200;

/// Longest [`Unplaced::text`], in characters.
const MAX_UNPLACED_CHARS: usize = 80;

/// Excerpt markers, longest first.
const EXCERPT_MARKERS: [&str; 6] = ["[…]", "[...]", "(…)", "(...)", "…", "..."];

/// The layout of a listing, detected from the whole text (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Lines,
    Blocks,
    Paragraphs,
    Dated,
    Mixed,
}

/// Parses a publication listing into its entries, in order, and the lines it could not place.
///
/// Accepts LF, CRLF or CR line ends, a byte-order mark, tabs, non-breaking spaces, trailing
/// spaces and any number of blank lines. Never panics. See the module docs for the rules.
///
/// # Errors
/// [`Error::Parse`] at line 1 when the text holds no entry at all (empty or only
/// whitespace), and at the byline's line with field `date` when a byline's date part
/// cannot be read.
pub fn parse_listing(text: &str) -> Result<Listing> {
    parse_with_layout(text).map(|(listing, _)| listing)
}

fn parse_with_layout(text: &str) -> Result<(Listing, Layout)> {
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
    let groups = find_anchors(&lines);
    if groups.is_empty() && is_lines_layout(&lines) {
        return Ok((lines_listing(&lines), Layout::Lines));
    }
    let segments = segments(&lines, &groups);
    if groups.is_empty() && is_blocks_layout(&lines, &segments) {
        return Ok((blocks_listing(&lines, &segments), Layout::Blocks));
    }
    let strict = strict_rules(&lines, &groups, &segments);
    let mut reader = Reader {
        lines: &lines,
        items: Vec::new(),
        phase: Phase::Start,
        strict,
    };
    for segment in &segments {
        reader.phase = Phase::Start;
        if let Some(group) = segment.group.and_then(|k| groups.get(k)) {
            reader.anchor(group)?;
            reader.phase = Phase::Slot { anchored: true };
            if let Some(para) = &segment.certain {
                reader.apply(Action::Continue, para);
            }
        }
        let dated = segment.group.is_some();
        for (i, para) in segment.paras.iter().enumerate() {
            reader.paragraph(para, dated && i + 1 == segment.paras.len());
        }
    }
    let anchored = groups.iter().filter(|g| g.title.is_some()).count();
    let undated = reader.items.iter().filter(|i| i.is_undated()).count();
    let layout = if anchored > 0 && anchored > undated {
        Layout::Dated
    } else if anchored > 0 || strict {
        Layout::Mixed
    } else {
        Layout::Paragraphs
    };
    let mut listing = Listing::default();
    for item in reader.items {
        match item {
            Item::Entry(draft) if layout == Layout::Dated && draft.anchor.is_none() => {
                listing.unplaced.push(unplaced(&lines, draft.head, NO_DATE));
            }
            Item::Entry(draft) => listing.entries.push(finish(&lines, draft)),
            Item::Unplaced(u) => listing.unplaced.push(u),
        }
    }
    Ok((listing, layout))
}

/// Guesses the language of `text` by scoring English, French and Dutch stop words.
///
/// A stop word of one language scores 2, one shared by two languages 1 each, and a word
/// with a French accent adds 1 to French. Returns `"en"`, `"fr"` or `"nl"`; `"en"` on a tie.
pub fn detect_language(text: &str) -> &'static str {
    let score = language_scores(text);
    let best = (1..3).fold(0, |best, i| if score[i] > score[best] { i } else { best });
    LANGUAGES[best]
}

/// The language of an entry: the one its title scores highest for ([`detect_language`]'s
/// scores); when the title gives no signal or a tie, the summary decides between the tied
/// languages (still `"en"`, then `"fr"`, on a tie). So a French or Dutch title with an English
/// summary is `fr` or `nl`.
pub fn detect_language_of_title(title: &str, summary: &str) -> &'static str {
    let by_title = language_scores(title);
    let top = by_title.iter().copied().max().unwrap_or(0);
    if top == 0 {
        return detect_language(summary);
    }
    let tied: Vec<usize> = (0..3).filter(|&i| by_title[i] == top).collect();
    let by_summary = language_scores(summary);
    let first = tied.first().copied().unwrap_or(0);
    let best = tied.iter().fold(first, |best, &i| {
        if by_summary[i] > by_summary[best] {
            i
        } else {
            best
        }
    });
    LANGUAGES[best]
}

const LANGUAGES: [&str; 3] = ["en", "fr", "nl"];

/// Stop-word scores of `text` for English, French and Dutch (see [`detect_language`]).
fn language_scores(text: &str) -> [usize; 3] {
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
    score
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

// ---------------------------------------------------------------------------------------------
// Line and paragraph classes

/// The text without closing quotes and spaces at its end.
fn core(text: &str) -> &str {
    text.trim_end_matches(['"', '\'', '”', '’', '»', ' '])
}

fn ends_in_marker(text: &str) -> bool {
    let core = core(text);
    EXCERPT_MARKERS.iter().any(|m| core.ends_with(m))
}

/// Ends a sentence: `.`, `!`, `?`, `…` or an excerpt marker (closing quotes aside).
fn ends_sentence(text: &str) -> bool {
    core(text).ends_with(['.', '!', '?', '…']) || ends_in_marker(text)
}

fn starts_lowercase(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

fn is_anchor_line(text: &str) -> bool {
    is_byline(text) || parse_date(text).is_some()
}

/// One short line without final punctuation that is not a byline or a date.
fn title_like(text: &str) -> bool {
    text.chars().count() <= MAX_TITLE_CHARS
        && text.chars().any(char::is_alphabetic)
        && !core(text).ends_with(['.', ',', ';', ':', '…'])
        && !ends_in_marker(text)
        && !is_anchor_line(text)
}

/// A line a title could be: see the module docs.
fn could_be_title(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
        && !starts_lowercase(text)
        && !core(text).ends_with([',', ';', ':'])
        && !ends_in_marker(text)
        && (text.chars().count() <= MAX_TITLE_CHARS || !ends_sentence(text))
        && !is_anchor_line(text)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Break {
    /// The next line continues a sentence, or the line cannot be a title.
    Soft,
    /// The line ends a sentence and the next one starts another.
    Sentence,
    /// The line is title-like and the next one does not start lowercase.
    Title,
}

fn line_break(line: &str, next: &str) -> Break {
    if starts_lowercase(next) {
        Break::Soft
    } else if title_like(line) {
        Break::Title
    } else if ends_sentence(line) {
        Break::Sentence
    } else {
        Break::Soft
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// One title-like line.
    Title,
    /// One other line.
    Line,
    /// Several lines without a title break; `soft` when the first line runs on into the next.
    Text { soft: bool },
    /// Several lines, a title break after the first one only.
    Block,
    /// Several lines, a title break after each, the last one title-like.
    List,
    /// Anything else.
    Jumble,
}

fn shape(lines: &[Line]) -> Shape {
    let breaks: Vec<Break> = lines
        .windows(2)
        .map(|pair| line_break(&pair[0].text, &pair[1].text))
        .collect();
    let titles = breaks.iter().filter(|&&b| b == Break::Title).count();
    match (lines, breaks.first()) {
        ([], _) => Shape::Jumble,
        ([one], _) if title_like(&one.text) => Shape::Title,
        ([_], _) => Shape::Line,
        (_, Some(&first)) if titles == 0 => Shape::Text {
            soft: first == Break::Soft,
        },
        (_, Some(Break::Title)) if titles == 1 => Shape::Block,
        ([.., last], _) if titles == breaks.len() && title_like(&last.text) => Shape::List,
        _ => Shape::Jumble,
    }
}

// ---------------------------------------------------------------------------------------------
// Anchors and segments

/// An anchor: lines `first..end` are bylines and date lines, the last one possibly a line
/// starting with a glued date.
struct Anchor {
    first: usize,
    end: usize,
    /// The glued date and the summary text after it, when the last line has one.
    glued: Option<(String, String)>,
    /// The title line: the line before `first`, when there is one that can be a title.
    title: Option<usize>,
}

fn find_anchors(lines: &[Line]) -> Vec<Anchor> {
    let mut anchors: Vec<Anchor> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let first = i;
        while lines.get(i).is_some_and(|line| is_anchor_line(&line.text)) {
            i += 1;
        }
        let free = anchors.last().map_or(0, |a| a.end);
        let glued = glued_anchor(lines, i, i > first, free);
        if glued.is_some() {
            i += 1;
        }
        if i == first {
            i += 1;
            continue;
        }
        let title = first
            .checked_sub(1)
            .filter(|&t| t >= free && lines.get(t).is_some_and(|l| !ends_in_marker(&l.text)));
        anchors.push(Anchor {
            first,
            end: i,
            glued,
            title,
        });
    }
    anchors
}

/// The glued date and rest of `lines[i]` when it is part of an anchor: right after bylines or
/// date lines, or at the start of a paragraph (or after its first line) after a line that
/// could be a title (and is not in an earlier anchor, which ends before `free`).
fn glued_anchor(
    lines: &[Line],
    i: usize,
    after_anchor: bool,
    free: usize,
) -> Option<(String, String)> {
    let line = lines.get(i)?;
    let (date, rest) = glued_date(&line.text)?;
    if rest.is_empty() {
        return None;
    }
    let prev = i
        .checked_sub(1)
        .filter(|&p| p >= free)
        .and_then(|p| lines.get(p));
    let placed = after_anchor
        || prev.is_some_and(|prev| (line.para || prev.para) && could_be_title(&prev.text));
    placed.then(|| (date, rest.to_string()))
}

/// A paragraph: lines `start..end`, the first one's text replaced by `lead` when given (the
/// summary text after a glued date).
struct Para {
    start: usize,
    end: usize,
    lead: Option<String>,
}

impl Para {
    fn lines<'a>(&self, lines: &'a [Line]) -> &'a [Line] {
        lines.get(self.start..self.end).unwrap_or_default()
    }

    fn text(&self, lines: &[Line]) -> String {
        let mut texts: Vec<&str> = self.lines(lines).iter().map(|l| l.text.as_str()).collect();
        if let (Some(first), Some(lead)) = (texts.first_mut(), &self.lead) {
            *first = lead;
        }
        texts.join(" ")
    }
}

/// The paragraphs before the first anchored entry (`group` none) or after an anchor.
struct Segment {
    group: Option<usize>,
    /// The summary text that certainly follows the anchor: after a glued date, or the lines
    /// after the anchor in its paragraph.
    certain: Option<Para>,
    paras: Vec<Para>,
}

fn segments(lines: &[Line], anchors: &[Anchor]) -> Vec<Segment> {
    let starts: Vec<usize> = anchors.iter().map(|a| a.title.unwrap_or(a.first)).collect();
    let run_end = |mut j: usize, end: usize| {
        while j < end && lines.get(j).is_some_and(|l| !l.para) {
            j += 1;
        }
        j
    };
    let mut out = vec![Segment {
        group: None,
        certain: None,
        paras: split_paras(lines, 0, starts.first().copied().unwrap_or(lines.len())),
    }];
    for (k, anchor) in anchors.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let end = end.max(anchor.end);
        let from = run_end(anchor.end, end);
        let certain = match &anchor.glued {
            Some((_, rest)) => Some(Para {
                start: anchor.end - 1,
                end: from,
                lead: Some(rest.clone()),
            }),
            None => (from > anchor.end).then_some(Para {
                start: anchor.end,
                end: from,
                lead: None,
            }),
        };
        out.push(Segment {
            group: Some(k),
            certain,
            paras: split_paras(lines, from, end),
        });
    }
    out
}

fn split_paras(lines: &[Line], from: usize, end: usize) -> Vec<Para> {
    let mut paras: Vec<Para> = Vec::new();
    let run = lines.get(from..end.min(lines.len())).unwrap_or_default();
    for (j, line) in (from..).zip(run) {
        match paras.last_mut() {
            Some(para) if !line.para => para.end = j + 1,
            _ => paras.push(Para {
                start: j,
                end: j + 1,
                lead: None,
            }),
        }
    }
    paras
}

// ---------------------------------------------------------------------------------------------
// Layouts

fn is_lines_layout(lines: &[Line]) -> bool {
    let titles = lines.iter().filter(|l| title_like(&l.text)).count();
    lines.iter().all(|l| could_be_title(&l.text)) && 3 * titles >= 2 * lines.len()
}

fn lines_listing(lines: &[Line]) -> Listing {
    let mut listing = Listing::default();
    for (i, line) in lines.iter().enumerate() {
        if title_like(&line.text) {
            listing.entries.push(finish(lines, Draft::new(i)));
        } else {
            listing.unplaced.push(unplaced(lines, i, TITLE_OR_SUMMARY));
        }
    }
    listing
}

fn is_blocks_layout(lines: &[Line], segments: &[Segment]) -> bool {
    let paras = segments.first().map_or(&[][..], |s| &s.paras[..]);
    paras.iter().all(|para| match para.lines(lines) {
        [first, second, ..] => could_be_title(&first.text) && !starts_lowercase(&second.text),
        _ => false,
    })
}

fn blocks_listing(lines: &[Line], segments: &[Segment]) -> Listing {
    let mut listing = Listing::default();
    for para in segments.iter().flat_map(|s| &s.paras) {
        let body = para.lines(lines).get(1..).unwrap_or_default();
        if body
            .windows(2)
            .any(|pair| line_break(&pair[0].text, &pair[1].text) == Break::Title)
        {
            let u = unplaced(lines, para.start, TITLE_OR_SUMMARY);
            listing.unplaced.push(u);
            continue;
        }
        let mut draft = Draft::new(para.start);
        let summary = Para {
            start: para.start + 1,
            end: para.end,
            lead: None,
        };
        draft.paragraphs.push(summary.text(lines));
        listing.entries.push(finish(lines, draft));
    }
    listing
}

/// The rules are strict when the listing shows titles followed by their summary in the same
/// paragraph: a paragraph shaped as a block, list or jumble (other than a dated entry's first
/// summary paragraph), or a dated entry whose summary follows its title without a blank line.
fn strict_rules(lines: &[Line], anchors: &[Anchor], segments: &[Segment]) -> bool {
    let tight_anchor = segments.iter().any(|s| {
        let anchor = s.group.and_then(|k| anchors.get(k));
        match (anchor.and_then(|a| a.title), &s.certain) {
            (Some(title), Some(para)) => lines
                .get(title + 1..=para.start)
                .is_some_and(|run| run.iter().all(|l| !l.para)),
            _ => false,
        }
    });
    let tight_paragraph = segments.iter().any(|s| {
        let slot = usize::from(s.group.is_some() && s.certain.is_none());
        s.paras.iter().skip(slot).any(|para| {
            matches!(
                shape(para.lines(lines)),
                Shape::Block | Shape::List | Shape::Jumble
            )
        })
    });
    tight_anchor || tight_paragraph
}

// ---------------------------------------------------------------------------------------------
// The paragraph rules

/// What came before the paragraph being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// The start of the text.
    Start,
    /// A title (dated when `anchored`): the summary is due.
    Slot { anchored: bool },
    /// A summary paragraph or a reported one; `excerpt` when it ended in an excerpt marker.
    Summary { excerpt: bool },
}

/// What a paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    /// A title, with no summary yet.
    Title,
    /// A title (its first line) and the first paragraph of its summary (the other lines).
    Block,
    /// One title per line.
    Titles,
    /// More of the summary (or of the paragraph reported before it).
    Continue,
    /// Reported.
    Unplaced,
}

/// The paragraph rules of the module docs; `closing` when the paragraph is the last one after
/// a dated title (before the next dated title or the end of the text).
fn decide(phase: Phase, shape: Shape, first: &str, strict: bool, closing: bool) -> Action {
    match (phase, shape) {
        (Phase::Start, Shape::Title | Shape::Line) => Action::Title,
        (Phase::Start, Shape::Block | Shape::Text { soft: false }) => Action::Block,
        (Phase::Start, Shape::List) => Action::Titles,
        (Phase::Start, Shape::Text { soft: true } | Shape::Jumble) => Action::Unplaced,

        (Phase::Slot { .. }, Shape::Title | Shape::List) => Action::Unplaced,
        (Phase::Slot { anchored: false }, Shape::Text { soft: false })
            if strict && could_be_title(first) =>
        {
            Action::Unplaced
        }
        (Phase::Slot { .. }, Shape::Line | Shape::Text { .. }) => Action::Continue,
        (Phase::Slot { anchored: true }, Shape::Block | Shape::Jumble) => Action::Continue,
        (Phase::Slot { anchored: false }, Shape::Block | Shape::Jumble) => Action::Unplaced,

        (Phase::Summary { excerpt: true }, Shape::Title | Shape::Line) => Action::Title,
        (Phase::Summary { excerpt: true }, Shape::Block) => Action::Block,
        (Phase::Summary { excerpt: true }, Shape::Text { soft: false })
            if could_be_title(first) =>
        {
            Action::Block
        }
        (Phase::Summary { excerpt: true }, Shape::Text { .. } | Shape::Jumble) => Action::Unplaced,
        (Phase::Summary { excerpt: true }, Shape::List) => Action::Titles,

        (Phase::Summary { excerpt: false }, Shape::Title) => Action::Title,
        (Phase::Summary { excerpt: false }, Shape::Line) if could_be_title(first) && !closing => {
            Action::Unplaced
        }
        (Phase::Summary { excerpt: false }, Shape::Line) => Action::Continue,
        (Phase::Summary { excerpt: false }, Shape::Text { soft: false })
            if could_be_title(first) =>
        {
            Action::Unplaced
        }
        (Phase::Summary { excerpt: false }, Shape::Text { .. }) => Action::Continue,
        (Phase::Summary { excerpt: false }, Shape::Block) => Action::Block,
        (Phase::Summary { excerpt: false }, Shape::List) => Action::Titles,
        (Phase::Summary { excerpt: false }, Shape::Jumble) => Action::Unplaced,
    }
}

/// An entry being read: its title line, its anchor's authors and date, its summary paragraphs.
struct Draft {
    head: usize,
    anchor: Option<(Vec<ListedAuthor>, Option<String>)>,
    paragraphs: Vec<String>,
}

impl Draft {
    fn new(head: usize) -> Self {
        Draft {
            head,
            anchor: None,
            paragraphs: Vec::new(),
        }
    }
}

enum Item {
    Entry(Draft),
    Unplaced(Unplaced),
}

impl Item {
    fn is_undated(&self) -> bool {
        matches!(self, Item::Entry(draft) if draft.anchor.is_none())
    }
}

/// Reads the paragraphs in order with the paragraph rules.
struct Reader<'a> {
    lines: &'a [Line],
    items: Vec<Item>,
    phase: Phase,
    /// Whether titles may be followed by their summary in the same paragraph.
    strict: bool,
}

impl Reader<'_> {
    /// Starts the entry of an anchor (or reports an anchor without a title).
    fn anchor(&mut self, anchor: &Anchor) -> Result<()> {
        let Some(title) = anchor.title else {
            let u = unplaced(self.lines, anchor.first, NO_TITLE);
            self.items.push(Item::Unplaced(u));
            return Ok(());
        };
        let record = self
            .items
            .iter()
            .filter(|i| matches!(i, Item::Entry(_)))
            .count() as u64
            + 1;
        let (mut authors, mut date) = (Vec::new(), None);
        for line in self.lines.get(anchor.first..anchor.end).unwrap_or_default() {
            if is_byline(&line.text) {
                let (names, when) = parse_byline(line, record)?;
                authors.extend(names);
                date = date.or(when);
            } else if let Some(when) = parse_date(&line.text) {
                date = date.or(Some(when));
            }
        }
        if let Some((when, _)) = &anchor.glued {
            date = date.or(Some(when.clone()));
        }
        let mut draft = Draft::new(title);
        draft.anchor = Some((authors, date));
        self.items.push(Item::Entry(draft));
        Ok(())
    }

    fn paragraph(&mut self, para: &Para, closing: bool) {
        let lines = para.lines(self.lines);
        let first = lines.first().map_or("", |l| l.text.as_str());
        let action = decide(self.phase, shape(lines), first, self.strict, closing);
        self.apply(action, para);
    }

    fn apply(&mut self, action: Action, para: &Para) {
        let excerpt = ends_in_marker(&para.text(self.lines));
        match action {
            Action::Title => {
                self.items.push(Item::Entry(Draft::new(para.start)));
                self.phase = Phase::Slot { anchored: false };
            }
            Action::Titles => {
                for head in para.start..para.end {
                    self.items.push(Item::Entry(Draft::new(head)));
                }
                self.phase = Phase::Slot { anchored: false };
            }
            Action::Block => {
                let mut draft = Draft::new(para.start);
                let rest = Para {
                    start: para.start + 1,
                    end: para.end,
                    lead: None,
                };
                draft.paragraphs.push(rest.text(self.lines));
                self.items.push(Item::Entry(draft));
                self.phase = Phase::Summary { excerpt };
            }
            Action::Continue => {
                if let Some(Item::Entry(draft)) = self.items.last_mut() {
                    draft.paragraphs.push(para.text(self.lines));
                }
                self.phase = Phase::Summary { excerpt };
            }
            Action::Unplaced => {
                let u = unplaced(self.lines, para.start, TITLE_OR_SUMMARY);
                self.items.push(Item::Unplaced(u));
                self.phase = Phase::Summary { excerpt };
            }
        }
    }
}

fn unplaced(lines: &[Line], at: usize, reason: &str) -> Unplaced {
    let (line, text) = lines.get(at).map_or((0, ""), |l| (l.no, l.text.as_str()));
    let text = if text.chars().count() <= MAX_UNPLACED_CHARS {
        text.to_string()
    } else {
        let cut: String = text.chars().take(MAX_UNPLACED_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    };
    Unplaced {
        line,
        text,
        reason: reason.to_string(),
    }
}

/// The entry of a draft: title prefixes split off, summary joined, date and language found.
fn finish(lines: &[Line], draft: Draft) -> ListingEntry {
    let (line, head) = lines
        .get(draft.head)
        .map_or((0, ""), |l| (l.no, l.text.as_str()));
    let mut summary = draft.paragraphs.join("\n\n");
    let marker = EXCERPT_MARKERS.iter().find(|m| summary.ends_with(*m));
    if let Some(marker) = marker {
        summary.truncate(summary.len() - marker.len());
        summary.truncate(summary.trim_end().len());
    }
    let summary = Some(summary).filter(|s| !s.is_empty());
    let (title, series, kind, project_hint) = split_title(head);
    let (authors, date) = draft.anchor.unwrap_or_default();
    let date = date.or_else(|| date_in_title(&title));
    let language = detect_language_of_title(&title, summary.as_deref().unwrap_or(""));
    ListingEntry {
        line,
        title,
        summary,
        summary_is_excerpt: marker.is_some(),
        authors,
        date,
        series,
        kind,
        project_hint,
        language: language.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Bylines, titles and dates

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
/// date and the rest of the summary (which starts with digits when they followed the year).
fn glued_date(text: &str) -> Option<(String, &str)> {
    let (date, end) = date_prefix(text)?;
    let rest = text.get(end..)?;
    if rest.starts_with(|c: char| c.is_alphanumeric() || "‘“\"'«(".contains(c)) {
        return Some((date, rest));
    }
    let after = rest
        .trim_start()
        .strip_prefix(['–', '—', '-', '|', ':', '·']);
    Some((date, after?.trim_start()))
}

enum Tok<'a> {
    /// A run of ASCII digits.
    Num(&'a str),
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
            tokens.push((Tok::Num(&body[..digits]), at));
        } else if letters(body) > 0 {
            at = start + letters(body);
            tokens.push((Tok::Word(&body[..letters(body)]), at));
        } else {
            break;
        }
    }
    tokens
}

/// A year token and the offset after it: four digits, or the first four of a longer run when
/// they read 1900 to 2099 (`20232023 update`: the summary starts with digits).
fn year_of(digits: &str, end: usize) -> Option<(u32, usize)> {
    let extra = digits.len().checked_sub(4)?;
    let year: u32 = digits.get(..4)?.parse().ok()?;
    (extra == 0 || (1900..=2099).contains(&year)).then_some((year, end - extra))
}

/// Reads a date at the start of `text`; returns the EDTF text and the byte length read.
fn date_prefix(text: &str) -> Option<(String, usize)> {
    use Tok::{Num, Word};
    let iso = text.as_bytes().get(4) == Some(&b'-');
    let value = |digits: &str| digits.parse::<u32>().ok();
    let (year, month, day, end) = match lex(text).as_slice() {
        [(Num(y), _), (Num(m), _), (Num(d), end)]
            if iso && y.len() == 4 && m.len() == 2 && d.len() == 2 =>
        {
            (value(y)?, value(m)?, Some(value(d)?), *end)
        }
        [(Num(y), _), (Num(m), end), ..] if iso && y.len() == 4 && m.len() == 2 => {
            (value(y)?, value(m)?, None, *end)
        }
        [(Word(m), _), (Num(d), _), (Num(y), end)] | [(Num(d), _), (Word(m), _), (Num(y), end)]
            if d.len() <= 2 =>
        {
            let (year, end) = year_of(y, *end)?;
            (year, month_number(m)?, Some(value(d)?), end)
        }
        [(Word(m), _), (Num(y), end), ..] => {
            let (year, end) = year_of(y, *end)?;
            (year, month_number(m)?, None, end)
        }
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
            )?
            .entries[0];
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
            let entry = &parse_listing(text)?.entries[0];
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
            let listing = parse_listing(text)?;
            assert!(listing.unplaced.is_empty());
            let entries = listing.entries;
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
    fn example_listing() -> crate::Result<()> {
        use crate::formats::listing_syntax::{parse_listing, NO_DATE};
        fn main() -> Result<(), Box<dyn std::error::Error>> {
            let text = "Gold in Ituri\n- | March 1, 2022\n\nA report on gold […]\n\n\
                        Cobalt in Lualaba\n\nA report on cobalt […]\n\n\
                        Tin in Maniema\n- | May 3, 2021\n\nA report on tin […]\n";
            let listing = parse_listing(text)?;
            assert_eq!(listing.entries.len(), 2);
            assert_eq!(listing.unplaced.len(), 1);
            assert_eq!(listing.unplaced[0].line, 6);
            assert_eq!(listing.unplaced[0].text, "Cobalt in Lualaba");
            assert_eq!(listing.unplaced[0].reason, NO_DATE);
            Ok(())
        }
        main().map_err(|e| crate::Error::invalid("example", e.to_string()))
    }

    #[test]
    fn example_unplaced() -> crate::Result<()> {
        use crate::formats::listing_syntax::{parse_listing, TITLE_OR_SUMMARY};
        fn main() -> Result<(), Box<dyn std::error::Error>> {
            // The third paragraph could be a title ending in a full stop, or more summary.
            let text = "Gold in Ituri\n\nA report on gold.\n\nCobalt in Lualaba.\n\nA report.\n";
            let listing = parse_listing(text)?;
            assert_eq!(listing.entries.len(), 1);
            let unplaced = &listing.unplaced[0];
            assert_eq!(
                (unplaced.line, unplaced.text.as_str()),
                (5, "Cobalt in Lualaba.")
            );
            assert_eq!(unplaced.reason, TITLE_OR_SUMMARY);
            Ok(())
        }
        main().map_err(|e| crate::Error::invalid("example", e.to_string()))
    }

    #[test]
    fn example_detect_language_of_title() {
        use crate::formats::listing_syntax::detect_language_of_title;
        let summary = "The report maps the gold trade of the region.";
        assert_eq!(
            detect_language_of_title("L’or artisanal dans l’Est de la RDC", summary),
            "fr"
        );
        assert_eq!(
            detect_language_of_title("Goudhandel tussen Oost-Congo en Oeganda", summary),
            "nl"
        );
        // No stop word in the title: the summary decides.
        assert_eq!(
            detect_language_of_title("M23", "Le rapport est publié."),
            "fr"
        );
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
