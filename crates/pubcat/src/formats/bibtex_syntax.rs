//! BibTeX syntax, read with the `biblatex` crate: `@type{key, field = value, …}` entries with
//! `{…}`, `"…"`, number and `@string` macro values joined by `#`, LaTeX turned into Unicode,
//! names split into family, given, particle and suffix ([`Name`]), `crossref` resolved.
//!
//! What the crate does not do, done here around it (see the BibTeX section of
//! `docs/FORMATS.md`):
//!
//! - **Line numbers.** The crate gives byte spans; [`parse`] turns them into the line, entry
//!   number and field of [`crate::Error::Parse`].
//! - **What BibTeX accepts and the crate refuses.** A pass over the text ([`prepare`]) that
//!   keeps every byte offset rewrites `@type( … )` entries as `@type{ … }`, blanks
//!   `@comment` and `@preamble` blocks (nested braces, braced preambles) and any `@` in the
//!   text between entries, and lowers the case of field and macro names (BibTeX macros are
//!   case-insensitive, the crate's are not).
//! - **What the crate's LaTeX reading drops.** The same pass marks ties (`~`) and paragraph
//!   breaks (blank lines) inside values with control characters the crate keeps, so they come
//!   back as a no-break space and `\n\n`; after the crate, ``` `` ``` and `''` become curly
//!   quotes, and commands the crate leaves as written (`\emph{x}`, `\textdegree`) are read:
//!   known symbols become their character, others keep the text of their argument.
//! - **Hostile input.** The crate resolves macros and `crossref` recursively and nests a
//!   command's argument parse in its caller: cycles, deep chains, deep nesting and macro
//!   expansions far larger than the file are refused before it runs.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use biblatex::{
    Bibliography, Chunk, Chunks, ChunksExt, ParseError, ParseErrorKind, Person, RawBibliography,
    RawChunk, Spanned,
};

use super::ingest::parse_error;
use crate::error::Result;

/// Deepest brace nesting accepted inside an entry (the crate parses a command's braced
/// argument recursively).
const MAX_NESTING: usize = 32;
/// Most brace groups in one value (the crate merges neighbouring groups in quadratic time).
const MAX_GROUPS_PER_VALUE: usize = 10_000;
/// Longest chain of `@string` macros defined through one another.
const MAX_MACRO_DEPTH: usize = 32;
/// Longest `crossref`/`xdata` chain.
const MAX_CROSSREF_DEPTH: usize = 8;
/// Marks a tie (`~`) inside a value: the crate keeps control characters as they are.
const TIE: u8 = 0x01;
/// Marks a paragraph break (a blank line) inside a value.
const PARAGRAPH: u8 = 0x02;
/// Marks a `"` inside braces inside a `"…"` value (`"a {"} b"`): BibTeX reads it as a
/// character, the crate as the end of the value.
const QUOTE: u8 = 0x03;

/// Fields read verbatim: ties and line breaks stay what they are, no LaTeX is read (the crate
/// reads `doi`, `url` and other link fields verbatim; pubcat adds the date fields, whose EDTF
/// uses `~`).
const VERBATIM_FIELDS: &[&str] = &[
    "doi",
    "url",
    "urlraw",
    "uri",
    "eprint",
    "file",
    "pdf",
    "date",
    "urldate",
    "eventdate",
    "origdate",
    "year",
    "isbn",
    "issn",
];

/// One entry as read: type, key, fields with their lines.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// The entry type in lower case (`techreport`).
    pub kind: String,
    /// The citation key.
    pub key: String,
    /// Fields in the order of the file (inherited `crossref` fields last).
    pub fields: Vec<Field>,
    /// The line of the `@`.
    pub line: u64,
    /// 1-based number of the entry in the file.
    pub record: u64,
    /// Names of the commands written in the file (see [`finish`]).
    commands: Rc<HashSet<String>>,
}

/// One field: lower-case name, value as the crate resolved it, line of its name.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    /// Lower-case name.
    pub name: String,
    /// The value: macros resolved, LaTeX read, braced parts as verbatim chunks.
    pub value: Chunks,
    /// The line of the field's name (of the entry, for fields inherited through `crossref`).
    pub line: u64,
}

/// One name of a name list (`author`, `editor`, `publisher` …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Name {
    /// A name braced whole: `{Law and Development}`, never split.
    Literal(String),
    /// A name read into parts by the crate (`von Neumann, Jr., John`).
    Parts {
        /// Family name with its particle (`von Neumann`).
        family: String,
        /// Given names.
        given: String,
        /// Suffix (`Jr.`).
        suffix: String,
        /// Whether the name was written with a comma (`Family, Given`), which makes it a
        /// person's.
        comma: bool,
        /// The name as written, LaTeX read, spacing collapsed.
        text: String,
    },
}

impl Entry {
    /// The field `name`.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The text of field `name`, LaTeX read (as [`Entry::verbatim`] for the fields read
    /// verbatim), with its line.
    pub fn text(&self, name: &str) -> Option<(String, u64)> {
        if VERBATIM_FIELDS.contains(&name) {
            return self.verbatim(name);
        }
        let field = self.field(name)?;
        Some((
            finish(&field.value.format_verbatim(), &self.commands),
            field.line,
        ))
    }

    /// The text of field `name` as written (DOI, URL, date): no LaTeX read but `\_`-style
    /// escapes, outer spaces trimmed.
    pub fn verbatim(&self, name: &str) -> Option<(String, u64)> {
        let field = self.field(name)?;
        Some((verbatim(&field.value.format_verbatim()), field.line))
    }

    /// The names of list field `name` (split on `and` outside braces; `others` dropped).
    pub fn names(&self, name: &str) -> Option<Vec<Name>> {
        let field = self.field(name)?;
        Some(
            split_names(&field.value)
                .into_iter()
                .filter_map(|chunks| read_name(&chunks, &self.commands))
                .collect(),
        )
    }
}

/// Parses every entry of `text`.
///
/// # Errors
/// A parse error naming the line, entry number and field for an entry that is not closed, a
/// field without `=`, a value that is not closed, an undefined macro, a repeated key, or input
/// refused as hostile (nesting, macro cycles and expansions, `crossref` cycles).
pub(crate) fn parse(text: &str) -> Result<Vec<Entry>> {
    let lines = Lines::new(text);
    let prepared = prepare(text, &lines)?;
    let commands: Rc<HashSet<String>> = Rc::new(command_names(text));
    let entry_starts: Vec<usize> = prepared
        .blocks
        .iter()
        .filter(|b| b.entry)
        .map(|b| b.start)
        .collect();
    let record_at = |offset: usize| {
        let n = entry_starts.partition_point(|start| *start <= offset) as u64;
        (n > 0).then_some(n)
    };
    let mut raw = RawBibliography::parse(&prepared.text).map_err(|e| {
        let at = e.span.start.min(text.len());
        let mut field = None;
        let line = match &e.kind {
            ParseErrorKind::UnexpectedEof => prepared
                .blocks
                .iter()
                .rev()
                .find(|b| b.start <= at)
                .map_or(lines.line(at), |b| lines.line(b.start)),
            ParseErrorKind::Expected(biblatex::Token::Equals) => {
                field = identifier_before(&prepared.text, at);
                lines.line(at)
            }
            _ => lines.line(at),
        };
        parse_error(Some(line), record_at(at), field.as_deref(), message(&e))
    })?;

    check_macros(&raw, text.len(), &lines)?;
    drop_unsafe_crossrefs(&mut raw, &lines)?;
    // What the entries looked like before the crate consumes them: lines and spans.
    let index: Vec<RawIndex> = raw
        .entries
        .iter()
        .map(|e| RawIndex {
            span: e.span.clone(),
            kind: e.v.kind.v.to_ascii_lowercase(),
            key: e.v.key.v.to_owned(),
            fields: e
                .v
                .fields
                .iter()
                .map(|p| {
                    (
                        p.key.v.to_ascii_lowercase(),
                        lines.line(p.key.span.start),
                        p.value.span.clone(),
                    )
                })
                .collect(),
        })
        .collect();
    let macros: Vec<(String, std::ops::Range<usize>)> = raw
        .abbreviations
        .iter()
        .map(|p| (p.key.v.to_owned(), p.value.span.clone()))
        .collect();
    let bibliography = Bibliography::from_raw(raw).map_err(|e| {
        let at = e.span.start;
        let (record, field) = match index.iter().position(|i| i.span.contains(&at)) {
            Some(n) => (
                Some(n as u64 + 1),
                index.get(n).and_then(|i| {
                    i.fields
                        .iter()
                        .find(|(_, _, span)| span.start <= at && at <= span.end)
                        .map(|(name, _, _)| name.clone())
                }),
            ),
            None => (
                None,
                macros
                    .iter()
                    .find(|(_, span)| span.start <= at && at <= span.end)
                    .map(|(name, _)| name.clone()),
            ),
        };
        let line = match (&e.kind, record) {
            (ParseErrorKind::DuplicateKey(_), _) | (_, None) => lines.line(at),
            (_, Some(n)) => index
                .get(n as usize - 1)
                .and_then(|i| {
                    i.fields
                        .iter()
                        .find(|(name, _, _)| Some(name) == field.as_ref())
                })
                .map_or(lines.line(at), |(_, line, _)| *line),
        };
        parse_error(Some(line), record, field.as_deref(), message(&e))
    })?;

    let mut entries = Vec::with_capacity(index.len());
    for (n, (resolved, raw)) in bibliography.into_iter().zip(index).enumerate() {
        let line = lines.line(raw.span.start);
        let mut values = resolved.fields;
        let mut fields = Vec::with_capacity(values.len());
        for (name, field_line, _) in raw.fields {
            if let Some(value) = values.remove(&name) {
                fields.push(Field {
                    name,
                    value,
                    line: field_line,
                });
            }
        }
        // Fields inherited through `crossref`/`xdata`.
        fields.extend(
            values
                .into_iter()
                .map(|(name, value)| Field { name, value, line }),
        );
        entries.push(Entry {
            kind: raw.kind,
            key: raw.key,
            fields,
            line,
            record: n as u64 + 1,
            commands: Rc::clone(&commands),
        });
    }
    Ok(entries)
}

/// An entry's positions, kept before the crate consumes the raw bibliography.
struct RawIndex {
    span: std::ops::Range<usize>,
    kind: String,
    key: String,
    /// Lower-case name, line of the name, span of the value.
    fields: Vec<(String, u64, std::ops::Range<usize>)>,
}

/// Byte offset → 1-based line.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        Lines(
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        )
    }

    fn line(&self, offset: usize) -> u64 {
        self.0.partition_point(|start| *start <= offset) as u64
    }
}

/// A parse error of the crate in words.
fn message(e: &ParseError) -> String {
    match &e.kind {
        ParseErrorKind::UnexpectedEof => "the entry or value is not closed".into(),
        ParseErrorKind::UnknownAbbreviation(name) => format!("undefined @string `{name}`"),
        ParseErrorKind::DuplicateKey(key) => format!("the key `{key}` is used by two entries"),
        ParseErrorKind::Unexpected(biblatex::Token::ClosingBrace) => {
            "a closing brace without its opening brace".into()
        }
        other => other.to_string(),
    }
}

/// The identifier just before `at` (spaces skipped): the field a missing `=` belongs to.
fn identifier_before(text: &str, at: usize) -> Option<String> {
    let before = text.get(..at)?.trim_end();
    let start = before
        .rfind(|c: char| c.is_whitespace() || ",{(".contains(c))
        .map_or(0, |i| i + 1);
    let name = before.get(start..)?;
    (!name.is_empty()).then(|| name.to_ascii_lowercase())
}

/// The names of the commands written in `text` (`\emph` → `emph`).
fn command_names(text: &str) -> HashSet<String> {
    let mut names = HashSet::new();
    let mut rest = text;
    while let Some(i) = rest.find('\\') {
        rest = rest.get(i + 1..).unwrap_or_default();
        let len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        if len > 0 {
            names.insert(rest.get(..len).unwrap_or_default().to_owned());
        }
        rest = rest.get(len.max(1).min(rest.len())..).unwrap_or_default();
    }
    names
}

/// A block of the file: an entry or a `@string` definition.
#[derive(Debug, Clone, Copy)]
struct Block {
    /// Offset of its `@`.
    start: usize,
    /// An entry (not a `@string`).
    entry: bool,
}

/// The text the crate reads: byte for byte as long as the file, every line where it was.
struct Prepared {
    text: String,
    blocks: Vec<Block>,
}

/// Whether `b` may be part of an entry type (`@techreport`).
fn is_type_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// Rewrites `text` for the crate without moving any byte (see the [module docs](self)).
fn prepare(text: &str, lines: &Lines) -> Result<Prepared> {
    let src = text.as_bytes();
    let mut out: Vec<u8> = src
        .iter()
        .map(|b| {
            if matches!(*b, TIE | PARAGRAPH) {
                b' '
            } else {
                *b
            }
        })
        .collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while let Some(&b) = src.get(i) {
        match b {
            b'%' => {
                // A comment line between entries (the crate skips these too).
                while src.get(i).is_some_and(|b| *b != b'\n') {
                    i += 1;
                }
            }
            b'@' => {
                let name_end = i
                    + 1
                    + src
                        .get(i + 1..)
                        .map_or(0, |r| r.iter().take_while(|b| is_type_byte(**b)).count());
                let open_at = name_end
                    + src.get(name_end..).map_or(0, |r| {
                        r.iter().take_while(|b| b.is_ascii_whitespace()).count()
                    });
                let name = text
                    .get(i + 1..name_end)
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                let open = src.get(open_at).copied();
                if name.is_empty() || !matches!(open, Some(b'{' | b'(')) {
                    // Text between entries.
                    if let Some(o) = out.get_mut(i) {
                        *o = b' ';
                    }
                    i += 1;
                    continue;
                }
                let Some(close_at) = block_end(src, open_at) else {
                    let entries = blocks.iter().filter(|b: &&Block| b.entry).count() as u64;
                    let is_entry = name != "string" && name != "comment" && name != "preamble";
                    return Err(parse_error(
                        Some(lines.line(i)),
                        is_entry.then_some(entries + 1),
                        None,
                        format!(
                            "the @{name} starting on line {} is not closed",
                            lines.line(i)
                        ),
                    ));
                };
                if name == "comment" || name == "preamble" {
                    for o in out.get_mut(i..=close_at).unwrap_or_default() {
                        if *o != b'\n' {
                            *o = b' ';
                        }
                    }
                } else {
                    let entry = name != "string";
                    blocks.push(Block { start: i, entry });
                    let record = entry.then(|| blocks.iter().filter(|b| b.entry).count() as u64);
                    if open == Some(b'(') {
                        if let Some(o) = out.get_mut(open_at) {
                            *o = b'{';
                        }
                        if let Some(c) = out.get_mut(close_at) {
                            *c = b'}';
                        }
                    }
                    mark_values(src, &mut out, open_at, close_at, entry, lines, record)?;
                }
                i = close_at + 1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    // Only ASCII bytes were replaced by ASCII bytes: still UTF-8.
    let text = String::from_utf8(out)
        .map_err(|_| parse_error(Some(1), None, None, "the file is not valid UTF-8"))?;
    Ok(Prepared { text, blocks })
}

/// The offset of the delimiter closing the block opened at `open_at` (`{` or `(`), as the
/// crate reads it: braces counted, a backslash escapes the next byte, `%` comments between
/// fields skipped; in a `( … )` block a `)` closes outside braces and quotes.
fn block_end(src: &[u8], open_at: usize) -> Option<usize> {
    let paren = src.get(open_at) == Some(&b'(');
    let mut depth = 0usize; // braces inside the block
    let mut quoted = false; // inside a "…" value at depth 0
    let mut i = open_at + 1;
    while let Some(&b) = src.get(i) {
        match b {
            b'\\' => i += 1,
            b'{' => depth += 1,
            b'}' if depth == 0 && !paren => return Some(i),
            b'}' => depth = depth.saturating_sub(1),
            b'"' if depth == 0 => quoted = !quoted,
            b')' if paren && depth == 0 && !quoted => return Some(i),
            b'%' if depth == 0 && !quoted => {
                while src.get(i + 1).is_some_and(|b| *b != b'\n') {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Inside the block between `open_at` and `close_at`: marks ties and paragraph breaks in
/// values, lowers the case of field and macro names (not the entry's key), and refuses
/// nesting deeper than [`MAX_NESTING`] and values of more than [`MAX_GROUPS_PER_VALUE`]
/// groups.
fn mark_values(
    src: &[u8],
    out: &mut [u8],
    open_at: usize,
    close_at: usize,
    entry: bool,
    lines: &Lines,
    record: Option<u64>,
) -> Result<()> {
    let mut depth = 0usize;
    let mut quoted = false;
    let mut in_key = entry;
    let mut groups = 0usize;
    let mut i = open_at + 1;
    while i < close_at {
        let Some(&b) = src.get(i) else { break };
        let in_value = depth > 0 || quoted;
        match b {
            b'\\' if in_value => {
                i += 2;
                continue;
            }
            b'{' => {
                depth += 1;
                groups += 1;
                if depth > MAX_NESTING {
                    return Err(parse_error(
                        Some(lines.line(i)),
                        record,
                        None,
                        format!("braces nested more than {MAX_NESTING} levels deep"),
                    ));
                }
                if groups > MAX_GROUPS_PER_VALUE {
                    return Err(parse_error(
                        Some(lines.line(i)),
                        record,
                        None,
                        format!("a value with more than {MAX_GROUPS_PER_VALUE} brace groups"),
                    ));
                }
            }
            b'}' => depth = depth.saturating_sub(1),
            b'"' if depth == 0 => quoted = !quoted,
            b'"' if quoted => {
                if let Some(o) = out.get_mut(i) {
                    *o = QUOTE;
                }
            }
            b',' if depth == 0 && !quoted => {
                in_key = false;
                groups = 0;
            }
            b'~' if in_value => {
                if let Some(o) = out.get_mut(i) {
                    *o = TIE;
                }
            }
            b'\n' if in_value => {
                let blank_follows = src
                    .get(i + 1..close_at)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
                    .any(|b| *b == b'\n');
                if blank_follows {
                    if let Some(o) = out.get_mut(i) {
                        *o = PARAGRAPH;
                    }
                }
            }
            b'%' if !in_value => {
                while src.get(i + 1).is_some_and(|b| *b != b'\n') && i + 1 < close_at {
                    i += 1;
                }
            }
            b if !in_value && !in_key && b.is_ascii_uppercase() => {
                if let Some(o) = out.get_mut(i) {
                    *o = b.to_ascii_lowercase();
                }
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// Refuses macro definitions the crate would resolve without end or into far more text than
/// the file holds: cycles, chains deeper than [`MAX_MACRO_DEPTH`], and expansions (over all
/// fields) larger than eight times the file plus 1 MiB.
fn check_macros(raw: &RawBibliography<'_>, text_len: usize, lines: &Lines) -> Result<()> {
    // The crate keeps the last definition of a name.
    let defs: HashMap<&str, &biblatex::Pair<'_>> =
        raw.abbreviations.iter().map(|p| (p.key.v, p)).collect();
    let mut sizes: HashMap<&str, usize> = HashMap::new();
    fn size<'a>(
        name: &'a str,
        defs: &HashMap<&'a str, &'a biblatex::Pair<'a>>,
        sizes: &mut HashMap<&'a str, usize>,
        stack: &mut Vec<&'a str>,
        lines: &Lines,
    ) -> Result<usize> {
        if let Some(n) = sizes.get(name) {
            return Ok(*n);
        }
        let Some(def) = defs.get(name) else {
            return Ok(16); // a month, or undefined (the crate says which)
        };
        let line = Some(lines.line(def.key.span.start));
        if stack.contains(&name) {
            return Err(parse_error(
                line,
                None,
                Some(name),
                format!("the @string `{name}` is defined through itself"),
            ));
        }
        if stack.len() >= MAX_MACRO_DEPTH {
            return Err(parse_error(
                line,
                None,
                Some(name),
                format!("@string macros nested more than {MAX_MACRO_DEPTH} levels deep"),
            ));
        }
        stack.push(name);
        let mut total = 0usize;
        for part in &def.value.v {
            total = total.saturating_add(match part.v {
                RawChunk::Normal(s) => s.len(),
                RawChunk::Abbreviation(a) => size(a, defs, sizes, stack, lines)?,
            });
        }
        stack.pop();
        sizes.insert(name, total);
        Ok(total)
    }
    let limit = text_len.saturating_mul(8).saturating_add(1 << 20);
    let mut total = 0usize;
    let mut stack = Vec::new();
    for def in &raw.abbreviations {
        size(def.key.v, &defs, &mut sizes, &mut stack, lines)?;
    }
    for entry in &raw.entries {
        for field in &entry.v.fields {
            for part in &field.value.v {
                total = total.saturating_add(match part.v {
                    RawChunk::Normal(s) => s.len(),
                    RawChunk::Abbreviation(a) => size(a, &defs, &mut sizes, &mut stack, lines)?,
                });
            }
            if total > limit {
                return Err(parse_error(
                    Some(lines.line(field.key.span.start)),
                    None,
                    Some(&field.key.v.to_ascii_lowercase()),
                    "the @string macros expand to far more text than the file holds",
                ));
            }
        }
    }
    Ok(())
}

/// The crate resolves `crossref` and `xdata` recursively: a cycle would never end. Refuses
/// cycles and chains longer than [`MAX_CROSSREF_DEPTH`]; a `crossref` or `xdata` written with
/// a macro (which this check cannot follow) is ignored.
fn drop_unsafe_crossrefs(raw: &mut RawBibliography<'_>, lines: &Lines) -> Result<()> {
    let mut parents: HashMap<String, (Vec<String>, usize)> = HashMap::new();
    for entry in &mut raw.entries {
        let mut targets = Vec::new();
        for field in &mut entry.v.fields {
            let name = field.key.v.to_ascii_lowercase();
            if name != "crossref" && name != "xdata" {
                continue;
            }
            let mut value = String::new();
            for part in &field.value.v {
                match part.v {
                    RawChunk::Normal(s) => value.push_str(s),
                    RawChunk::Abbreviation(_) => {
                        field.key.v = "pubcat-ignored-crossref";
                        value.clear();
                        break;
                    }
                }
            }
            targets.extend(
                value
                    .split(',')
                    .map(|k| k.replace(['{', '}'], "").trim().to_owned())
                    .filter(|k| !k.is_empty()),
            );
        }
        if !targets.is_empty() {
            parents.insert(entry.v.key.v.to_owned(), (targets, entry.span.start));
        }
    }
    for (key, (_, start)) in &parents {
        // Depth-first from each entry: a chain back to a visited key is a cycle.
        let mut stack: Vec<(String, usize)> = vec![(key.clone(), 0)];
        let mut seen = HashSet::new();
        while let Some((current, depth)) = stack.pop() {
            let cyclic = depth > 0 && current == *key;
            if cyclic || depth > MAX_CROSSREF_DEPTH {
                return Err(parse_error(
                    Some(lines.line(*start)),
                    None,
                    Some("crossref"),
                    if cyclic {
                        format!("the entry `{key}` refers to itself through crossref or xdata")
                    } else {
                        format!("crossref or xdata chained more than {MAX_CROSSREF_DEPTH} deep")
                    },
                ));
            }
            if !seen.insert((current.clone(), depth)) {
                continue;
            }
            if let Some((targets, _)) = parents.get(&current) {
                stack.extend(targets.iter().map(|t| (t.clone(), depth + 1)));
            }
        }
    }
    Ok(())
}

/// A verbatim value: the marks undone, `\_`-style escapes (other tools write them in URLs)
/// removed, braces dropped, outer spaces trimmed.
fn verbatim(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1}' => out.push('~'),
            '\u{2}' => out.push('\n'),
            '\u{3}' => out.push('"'),
            '{' | '}' => {}
            '\\' if chars.peek().is_some_and(char::is_ascii_punctuation) => {
                out.extend(chars.next());
            }
            c => out.push(c),
        }
    }
    out.trim().to_owned()
}

/// Commands the crate leaves as written, with the character they stand for.
const SYMBOLS: &[(&str, &str)] = &[
    ("nobreakspace", "\u{a0}"),
    ("par", "\n\n"),
    ("ldots", "…"),
    ("textdegree", "°"),
    ("texteuro", "€"),
    ("euro", "€"),
    ("guillemetleft", "«"),
    ("guillemetright", "»"),
    ("textellipsis", "…"),
    ("j", "ȷ"),
    ("textunderscore", "_"),
    ("slash", "/"),
    ("textslash", "/"),
    ("space", " "),
    ("quad", " "),
    ("qquad", " "),
];

/// Text the crate resolved, finished: marks turned into a no-break space and paragraph
/// breaks, ``` `` ``` and `''` into curly quotes, and commands the crate left as written (if
/// the file wrote them: a `\` the file escaped as `\textbackslash` stays) read: symbols become
/// their character, others keep their argument's text.
fn finish(text: &str, commands: &HashSet<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let after = rest.get(c.len_utf8()..).unwrap_or_default();
        match c {
            '\u{1}' => out.push('\u{a0}'),
            '\u{3}' => out.push('"'),
            '\u{2}' => {
                while out.ends_with([' ', '\u{2}']) {
                    out.pop();
                }
                if !out.ends_with("\n\n") {
                    out.push_str("\n\n");
                }
                rest = after.trim_start_matches([' ', '\u{2}']);
                continue;
            }
            '`' if after.starts_with('`') => {
                out.push('“');
                rest = after.get(1..).unwrap_or_default();
                continue;
            }
            '\'' if after.starts_with('\'') => {
                out.push('”');
                rest = after.get(1..).unwrap_or_default();
                continue;
            }
            '\\' => {
                let len = after
                    .find(|c: char| !c.is_ascii_alphabetic())
                    .unwrap_or(after.len());
                let name = after.get(..len).unwrap_or_default();
                if len > 0 && commands.contains(name) {
                    let mut tail = after.get(len..).unwrap_or_default();
                    let symbol = SYMBOLS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t);
                    // The crate writes `\name{argument}` or `\name ` (one space).
                    let argument = if let Some(inner) = tail.strip_prefix('{') {
                        // The argument ends at its matching brace (it may hold a command the
                        // crate left as written too: `\emph{\textbf{x}}`).
                        let mut depth = 0usize;
                        let end = inner
                            .char_indices()
                            .find(|(_, c)| match c {
                                '{' => {
                                    depth += 1;
                                    false
                                }
                                '}' if depth == 0 => true,
                                '}' => {
                                    depth -= 1;
                                    false
                                }
                                _ => false,
                            })
                            .map_or(inner.len(), |(i, _)| i);
                        tail = inner.get(end + 1..).unwrap_or_default();
                        finish(inner.get(..end).unwrap_or_default(), commands)
                    } else {
                        tail = tail.strip_prefix(' ').unwrap_or(tail);
                        String::new()
                    };
                    match symbol {
                        Some(symbol) => {
                            out.push_str(symbol);
                            out.push_str(&argument);
                        }
                        None => out.push_str(&argument),
                    }
                    rest = tail;
                    continue;
                }
                out.push('\\');
            }
            c => out.push(c),
        }
        rest = after;
    }
    out
}

/// Splits a name list on `and` (any case, between spaces) outside braces; drops `others`.
fn split_names(value: &[Spanned<Chunk>]) -> Vec<Chunks> {
    let mut names: Vec<Chunks> = Vec::new();
    let mut current: Chunks = Vec::new();
    for chunk in value {
        let Chunk::Normal(text) = &chunk.v else {
            current.push(chunk.clone());
            continue;
        };
        let mut part = String::new();
        let mut words = text.split(' ').peekable();
        let mut first = true;
        while let Some(word) = words.next() {
            // `and` is a separator only between spaces: not at a chunk's edge glued to a
            // braced part (`{A}and`), which cannot happen with spaces around it.
            let separator = word.eq_ignore_ascii_case("and")
                && (!first || text.starts_with(' ') || current.is_empty())
                && (words.peek().is_some() || text.ends_with(' '));
            if separator {
                if !part.is_empty() {
                    current.push(Spanned::new(
                        Chunk::Normal(std::mem::take(&mut part)),
                        chunk.span.clone(),
                    ));
                }
                names.push(std::mem::take(&mut current));
            } else {
                if !first {
                    part.push(' ');
                }
                part.push_str(word);
            }
            first = false;
        }
        if !part.is_empty() {
            current.push(Spanned::new(Chunk::Normal(part), chunk.span.clone()));
        }
    }
    names.push(current);
    names
        .into_iter()
        .map(trim_chunks)
        .filter(|n| !n.is_empty())
        .filter(|n| {
            !(n.len() == 1 && matches!(n.first(), Some(c) if c.v == Chunk::Normal("others".into())))
        })
        .collect()
}

/// Drops the spaces around a name (and chunks left empty).
fn trim_chunks(mut chunks: Chunks) -> Chunks {
    if let Some(Chunk::Normal(s)) = chunks.first_mut().map(|c| &mut c.v) {
        *s = s.trim_start().to_owned();
    }
    if let Some(Chunk::Normal(s)) = chunks.last_mut().map(|c| &mut c.v) {
        *s = s.trim_end().to_owned();
    }
    chunks.retain(|c| !c.v.get().is_empty());
    chunks
}

/// Reads one name: braced whole → [`Name::Literal`], else the crate's [`Person`].
fn read_name(chunks: &[Spanned<Chunk>], commands: &HashSet<String>) -> Option<Name> {
    let text = |s: &str| {
        finish(s, commands)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    if let [Spanned {
        v: Chunk::Verbatim(whole),
        ..
    }] = chunks
    {
        let name = text(whole);
        return (!name.is_empty()).then_some(Name::Literal(name));
    }
    let person = Person::parse(chunks);
    let comma = chunks
        .iter()
        .any(|c| matches!(&c.v, Chunk::Normal(s) if s.contains(',')));
    let family = [person.prefix.as_str(), person.name.as_str()]
        .iter()
        .map(|s| text(s))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let name = Name::Parts {
        family,
        given: text(&person.given_name),
        suffix: text(&person.suffix),
        comma,
        text: text(&chunks.format_verbatim()),
    };
    match &name {
        Name::Parts { family, given, .. } if family.is_empty() && given.is_empty() => None,
        _ => Some(name),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn position(text: &str) -> (Option<u64>, Option<u64>, Option<String>) {
        let err = parse(text).unwrap_err();
        let pos = err.position().unwrap();
        (pos.line, pos.record, pos.field.clone())
    }

    #[test]
    fn reads_entries_macros_and_concatenation() {
        let text = r#"Some text, ignored. Write to me @ home.
@string{IPIS = "IPIS"}
@comment{anything {nested} @misc{not, an = entry}}
@TechReport{m23,
  Title = {Mapping {Conflict} Motives: \{M23\}},
  author = ipis # " and " # {{Levin Sources}},
  year = 2012, month = jul,
}
@misc(second, note = "a {"} b (c)")
"#;
        let entries = parse(text).unwrap();
        assert_eq!(entries.len(), 2);
        let m23 = &entries[0];
        assert_eq!(
            (m23.kind.as_str(), m23.key.as_str(), m23.line),
            ("techreport", "m23", 4)
        );
        assert_eq!(
            m23.text("title").unwrap(),
            ("Mapping Conflict Motives: {M23}".into(), 5)
        );
        assert_eq!(
            m23.names("author").unwrap(),
            [
                Name::Parts {
                    family: "IPIS".into(),
                    given: String::new(),
                    suffix: String::new(),
                    comma: false,
                    text: "IPIS".into()
                },
                Name::Literal("Levin Sources".into())
            ]
        );
        assert_eq!(m23.text("year").unwrap().0, "2012");
        assert_eq!(m23.text("month").unwrap().0, "July");
        assert_eq!(entries[1].text("note").unwrap().0, "a \" b (c)");
        assert_eq!(entries[1].record, 2);
    }

    #[test]
    fn errors_name_line_record_and_field() {
        let text = "@misc{a, title = {x}}\n@misc{b,\n  title {x}\n}";
        assert_eq!(position(text), (Some(3), Some(2), Some("title".into())));
        assert_eq!(position("@misc{a,\n title = {open\n").0, Some(1));
        assert_eq!(
            position("@misc{a,\n  year = nomacro}"),
            (Some(2), Some(1), Some("year".into()))
        );
        assert_eq!(position("@misc{a, title = {x}").1, Some(1));
        assert_eq!(
            position("@misc{a, title = {x}}\n\n@misc{a, title = {y}}").0,
            Some(3)
        );
        assert_eq!(
            position("@misc{a,\n  title = {x} }\n@misc{b,\n  title = {$x}}").0,
            Some(4)
        );
        assert!(parse("email me @ home").unwrap().is_empty());
    }

    #[test]
    fn hostile_input_is_refused_not_recursed() {
        let deep = format!(
            "@misc{{a, title = {{{}x{}}}}}",
            "\\emph{".repeat(200),
            "}".repeat(200)
        );
        assert!(parse(&deep).is_err());
        assert!(parse("@string{a = b}\n@string{b = a}\n@misc{x, title = a}").is_err());
        let mut chain = String::new();
        for n in 0..100 {
            chain.push_str(&format!("@string{{m{} = m{n} # m{n}}}\n", n + 1));
        }
        chain.insert_str(0, "@string{m0 = {xxxxxxxx}}\n");
        chain.push_str("@misc{x, title = m100}");
        assert!(parse(&chain).is_err());
        let cycle = "@misc{a, crossref = {b}, title = {A}}\n@misc{b, crossref = {a}, title = {B}}";
        assert_eq!(position(cycle).2.as_deref(), Some("crossref"));
        let groups = format!("@misc{{a, title = {{{}}}}}", "{x}".repeat(20_000));
        assert!(parse(&groups).is_err());
    }

    #[test]
    fn crossref_fields_are_inherited() {
        let text = "@incollection{ch, title = {Chapter}, crossref = {bk}}\n\
                    @book{bk, title = {Book}, publisher = {IPIS}, year = 2020}";
        let entries = parse(text).unwrap();
        assert_eq!(entries[0].text("publisher").unwrap(), ("IPIS".into(), 1));
        assert_eq!(entries[0].text("title").unwrap().0, "Chapter");
    }

    #[test]
    fn latex_becomes_unicode() {
        let text = "@misc{a,\n  title = {{\\'E}tain, na\\\"{\\i}ve \\c{c}a, {\\ss}, {\\o}, \
                    \\emph{x}~y -- z --- ``q'' \\textdegree{} \\LaTeX{} \\emph{\\textbf{b}}},\n\
                    abstract = {One.\n\n   Two.},\n  url = {https://x.org/~a\\_b},\n  date = {2021-07~}}";
        let entry = parse(text).unwrap().remove(0);
        assert_eq!(
            entry.text("title").unwrap().0,
            "Étain, naïve ça, ß, ø, x\u{a0}y – z — “q” ° LaTeX b"
        );
        assert_eq!(entry.text("abstract").unwrap().0, "One.\n\nTwo.");
        assert_eq!(entry.verbatim("url").unwrap().0, "https://x.org/~a_b");
        assert_eq!(entry.verbatim("date").unwrap().0, "2021-07~");
    }

    #[test]
    fn names_keep_particles_suffixes_and_literals() {
        let text = "@misc{a, author = {von Neumann, Jr., John and {Law and Development} \
                    AND Ludwig van Beethoven and Development, {Law and} and others}}";
        let names = parse(text).unwrap()[0].names("author").unwrap();
        let parts = |n: &Name| match n {
            Name::Parts {
                family,
                given,
                suffix,
                comma,
                ..
            } => (family.clone(), given.clone(), suffix.clone(), *comma),
            Name::Literal(l) => (l.clone(), String::new(), String::new(), false),
        };
        assert_eq!(names.len(), 4);
        assert_eq!(
            parts(&names[0]),
            ("von Neumann".into(), "John".into(), "Jr.".into(), true)
        );
        assert_eq!(names[1], Name::Literal("Law and Development".into()));
        assert_eq!(
            parts(&names[2]),
            (
                "van Beethoven".into(),
                "Ludwig".into(),
                String::new(),
                false
            )
        );
        assert_eq!(
            parts(&names[3]),
            ("Development".into(), "Law and".into(), String::new(), true)
        );
    }
}
