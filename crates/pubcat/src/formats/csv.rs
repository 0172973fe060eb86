//! The CSV publications table: one row per publication, the columns of [`COLUMNS`],
//! multi-valued cells joined with `; `. See `docs/FORMATS.md` for the column mapping.

use std::cell::RefCell;
use std::io::{BufRead, Read, Write};
use std::rc::Rc;

use super::draft::{AgentName, AgentRef, Draft, DraftContributor};
use super::export::{ExportContext, Exporter};
use super::ingest::{at, locate, parse_error, Importer};
use super::text::{kind_from_label, non_empty, split_list, LIST_SEPARATOR};
use crate::error::{Error, Result};
use crate::model::language::normalize_language;
use crate::model::{IdScheme, Identifier, Link, LinkKind, PartialDate, Publication, Role};

/// The columns, in export order. Import accepts them in any order (names are matched case
/// insensitively); only `title` is required.
pub const COLUMNS: [&str; 21] = [
    "uid",
    "work",
    "language",
    "original",
    "title",
    "subtitle",
    "summary",
    "summary_is_excerpt",
    "kind",
    "date",
    "series",
    "series_number",
    "pages",
    "authors",
    "contributors",
    "projects",
    "concepts",
    "doi",
    "isbn",
    "url",
    "links",
];

/// Writes the table.
#[derive(Debug, Default)]
pub(crate) struct CsvExporter;

impl Exporter for CsvExporter {
    fn begin(&mut self, out: &mut dyn Write) -> Result<()> {
        write_row(out, &COLUMNS)
    }

    fn publication(
        &mut self,
        out: &mut dyn Write,
        p: &Publication,
        ctx: &ExportContext,
    ) -> Result<()> {
        let join = |items: Vec<String>| items.join(LIST_SEPARATOR);
        let ids = |scheme: IdScheme| {
            join(
                p.identifiers
                    .iter()
                    .filter(|i| i.scheme == scheme)
                    .map(|i| i.value.clone())
                    .collect(),
            )
        };
        let authors = ctx
            .with_role(p, Role::Author)
            .map(|(c, _)| {
                let name = ctx.agent_name(&c.agent);
                match &c.affiliation {
                    Some(aff) => format!("{name} ({aff})"),
                    None => name.to_owned(),
                }
            })
            .collect();
        let contributors = p
            .contributors
            .iter()
            .filter(|c| c.role != Role::Author)
            .map(|c| format!("{}:{}", ctx.agent_name(&c.agent), c.role))
            .collect();
        let links = p
            .links
            .iter()
            .map(|l| format!("{}:{}", l.kind, l.url))
            .collect();
        let flag = |b: bool| if b { "true" } else { "false" }.to_owned();
        let text = |o: &Option<String>| o.clone().unwrap_or_default();
        let row = [
            p.uid.clone(),
            text(&p.work),
            p.language.clone(),
            flag(p.original),
            p.title.clone(),
            text(&p.subtitle),
            text(&p.summary),
            flag(p.summary_is_excerpt),
            p.kind.to_string(),
            text(&p.date),
            p.series
                .as_deref()
                .map(|s| ctx.series_name(s).to_owned())
                .unwrap_or_default(),
            text(&p.series_number),
            p.pages.map(|n| n.to_string()).unwrap_or_default(),
            join(authors),
            join(contributors),
            join(
                p.projects
                    .iter()
                    .map(|uid| ctx.project_name(uid).to_owned())
                    .collect(),
            ),
            join(p.concepts.iter().map(|uid| ctx.concept_ref(uid)).collect()),
            ids(IdScheme::Doi),
            ids(IdScheme::Isbn),
            ids(IdScheme::Url),
            join(links),
        ];
        write_row(out, &row)
    }
}

/// Imports a CSV table through `imp`, one row at a time.
pub(crate) fn import(imp: &mut Importer<'_, '_>, reader: impl BufRead) -> Result<()> {
    let mut table = TableReader::new(reader)?;
    let Some(header) = table.next_row()? else {
        return Err(parse_error(
            Some(1),
            None,
            None,
            "the file is empty: expected a header row",
        ));
    };
    let columns = read_header(&header)?;
    let mut record = 0u64;
    while let Some(row) = table.next_row()? {
        record += 1;
        if row.fields.len() != columns.len() {
            return Err(parse_error(
                Some(row.line),
                Some(record),
                None,
                format!(
                    "the row has {} fields; the header has {}",
                    row.fields.len(),
                    columns.len()
                ),
            ));
        }
        let cells = Cells {
            columns: &columns,
            row: &row,
            record,
        };
        let draft = cells.draft()?;
        imp.draft(draft)
            .map_err(|e| locate(e, &at(Some(row.line), Some(record)), ""))?;
        imp.tick();
    }
    Ok(())
}

/// The delimiters a table may use, as spreadsheets write them: `,` (RFC 4180), `;` (Excel
/// and LibreOffice where the decimal separator is a comma, e.g. French locales) and tab.
const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];

/// The delimiter of a table whose header line is `header`: the one whose cells name the most
/// known columns, else the one the line holds most of; `,` when nothing decides.
fn detect_delimiter(header: &[u8]) -> u8 {
    let header = String::from_utf8_lossy(header);
    let header = header.trim_end_matches(['\r', '\n']);
    let score = |delimiter: u8| {
        let cells = header.split(char::from(delimiter));
        let known = cells
            .map(|cell| cell.trim().trim_matches('"').trim().to_ascii_lowercase())
            .filter(|cell| COLUMNS.contains(&cell.as_str()))
            .count();
        let occurrences = header.bytes().filter(|b| *b == delimiter).count();
        (known, occurrences)
    };
    let mut best = DELIMITERS[0];
    for delimiter in DELIMITERS {
        if score(delimiter) > score(best) {
            best = delimiter;
        }
    }
    best
}

/// One record of a table: its fields and the line it starts on (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    line: u64,
    fields: Vec<String>,
}

/// The bytes the `csv` reader has consumed and no record has claimed yet: the raw text of the
/// record being read, which [`check_quotes`] and the UTF-8 check read.
#[derive(Debug, Default, Clone)]
struct Consumed(Rc<RefCell<Vec<u8>>>);

/// A reader that copies what it reads into a [`Consumed`].
struct Tee<R> {
    inner: R,
    consumed: Consumed,
}

impl<R: Read> Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.consumed
            .0
            .borrow_mut()
            .extend_from_slice(buf.get(..n).unwrap_or_default());
        Ok(n)
    }
}

/// Streams the records of a table with the `csv` crate (RFC 4180 quoting, LF, CRLF or CR line
/// ends, blank lines skipped), after detecting the delimiter from the header line and dropping
/// a UTF-8 byte-order mark. The crate accepts stray quotes as data and reads fields as bytes:
/// each record's raw bytes are checked here too, so that a stray quote or invalid UTF-8 is an
/// error naming its line and column instead of a silently different value.
struct TableReader<R> {
    csv: csv::Reader<Tee<std::io::Chain<std::io::Cursor<Vec<u8>>, R>>>,
    consumed: Consumed,
    /// The byte offset (in the stream the `csv` reader reads) of `consumed`'s first byte.
    base: u64,
    delimiter: u8,
    record: csv::ByteRecord,
}

impl<R: BufRead> TableReader<R> {
    /// Reads up to the first line that is not blank (the header) to detect the delimiter.
    fn new(mut reader: R) -> Result<Self> {
        let mut head = Vec::new();
        loop {
            let start = head.len();
            if reader.read_until(b'\n', &mut head)? == 0 {
                break;
            }
            if start == 0 && head.starts_with(b"\xEF\xBB\xBF") {
                head.drain(..3);
            }
            let line = head.get(start..).unwrap_or_default();
            if line.iter().any(|b| !matches!(b, b'\r' | b'\n')) {
                break;
            }
        }
        let header = head
            .rsplit(|b| *b == b'\n')
            .find(|line| line.iter().any(|b| *b != b'\r'))
            .unwrap_or_default();
        let delimiter = detect_delimiter(header);
        let consumed = Consumed::default();
        let csv = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(Tee {
                inner: std::io::Cursor::new(head).chain(reader),
                consumed: consumed.clone(),
            });
        Ok(TableReader {
            csv,
            consumed,
            base: 0,
            delimiter,
            record: csv::ByteRecord::new(),
        })
    }

    /// The next record, or `None` at the end. Errors name the line and the column
    /// (`column N`, 1-based).
    fn next_row(&mut self) -> Result<Option<Row>> {
        let before = self.csv.position().clone();
        let more =
            self.csv
                .read_byte_record(&mut self.record)
                .map_err(|e| match e.into_kind() {
                    csv::ErrorKind::Io(e) => Error::Io(e),
                    other => parse_error(
                        Some(before.line()),
                        None,
                        None,
                        format!("unreadable CSV: {other:?}"),
                    ),
                })?;
        let end = self.csv.position().byte();
        let mut consumed = self.consumed.0.borrow_mut();
        let from = usize::try_from(before.byte().saturating_sub(self.base)).unwrap_or(0);
        let to = usize::try_from(end.saturating_sub(self.base)).unwrap_or(0);
        let raw = consumed.get(from..to).unwrap_or_default();
        // The record's own bytes start after the blank lines the reader skipped.
        let blank = raw
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        let line_of = |offset: usize| {
            let newlines = raw.get(..offset).unwrap_or_default();
            before.line() + newlines.iter().filter(|b| **b == b'\n').count() as u64
        };
        let result = if more {
            let bytes = raw.get(blank..).unwrap_or_default();
            match check_quotes(bytes, self.delimiter) {
                Err((offset, column, message)) => Err(parse_error(
                    Some(line_of(blank + offset)),
                    None,
                    Some(&format!("column {column}")),
                    message,
                )),
                Ok(()) => match std::str::from_utf8(bytes) {
                    Err(e) => Err(parse_error(
                        Some(line_of(blank + e.valid_up_to())),
                        None,
                        None,
                        "the file is not valid UTF-8",
                    )),
                    Ok(_) => Ok(Some(Row {
                        line: line_of(blank),
                        fields: self
                            .record
                            .iter()
                            .map(|field| String::from_utf8_lossy(field).into_owned())
                            .collect(),
                    })),
                },
            }
        } else {
            Ok(None)
        };
        let claimed = to.min(consumed.len());
        consumed.drain(..claimed);
        self.base = end;
        result
    }
}

/// Checks the quoting of one record's raw bytes (strict RFC 4180: a field is either quoted
/// whole, with `""` for a quote, or holds no quote). Returns the byte offset of the fault,
/// its 1-based column and what is wrong.
fn check_quotes(
    raw: &[u8],
    delimiter: u8,
) -> std::result::Result<(), (usize, usize, &'static str)> {
    enum State {
        FieldStart,
        Unquoted,
        /// Inside quotes opened at this offset.
        Quoted(usize),
        /// Just after a quote inside quotes: the closing quote, or the first of `""`.
        QuoteInQuoted(usize),
    }
    let mut state = State::FieldStart;
    let mut column = 1;
    for (i, &b) in raw.iter().enumerate() {
        state = match state {
            State::FieldStart | State::Unquoted | State::QuoteInQuoted(_) if b == delimiter => {
                column += 1;
                State::FieldStart
            }
            State::FieldStart | State::Unquoted | State::QuoteInQuoted(_)
                if matches!(b, b'\r' | b'\n') =>
            {
                return Ok(());
            }
            State::FieldStart if b == b'"' => State::Quoted(i),
            State::FieldStart | State::Unquoted if b == b'"' => {
                return Err((
                    i,
                    column,
                    "a quote inside an unquoted field (quote the whole field and double the quote)",
                ));
            }
            State::FieldStart | State::Unquoted => State::Unquoted,
            State::Quoted(open) if b == b'"' => State::QuoteInQuoted(open),
            State::Quoted(open) => State::Quoted(open),
            State::QuoteInQuoted(open) if b == b'"' => State::Quoted(open),
            State::QuoteInQuoted(_) => {
                return Err((i, column, "text after the closing quote of a quoted field"));
            }
        };
    }
    match state {
        State::Quoted(open) => Err((
            open,
            column,
            "a quoted field is not closed before the end of the file",
        )),
        _ => Ok(()),
    }
}

/// Writes one record with the `csv` crate: fields quoted when they hold a comma, quote or line
/// break (`""` for a quote), CRLF at the end.
fn write_row<S: AsRef<[u8]>>(out: &mut dyn Write, fields: &[S]) -> Result<()> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .buffer_capacity(4096)
        .from_writer(out);
    let io = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(e) => Error::Io(e),
        other => Error::Io(std::io::Error::other(format!("{other:?}"))),
    };
    writer.write_record(fields).map_err(io)?;
    writer.flush()?;
    Ok(())
}

/// The column name of each field of the header, checked.
fn read_header(header: &Row) -> Result<Vec<&'static str>> {
    let mut columns = Vec::with_capacity(header.fields.len());
    for (i, name) in header.fields.iter().enumerate() {
        let wanted = name.trim().to_ascii_lowercase();
        let field = format!("column {}", i + 1);
        let Some(column) = COLUMNS.iter().find(|c| **c == wanted) else {
            return Err(parse_error(
                Some(header.line),
                None,
                Some(&field),
                format!(
                    "unknown column `{}`; the columns are: {}",
                    name.trim(),
                    COLUMNS.join(", ")
                ),
            ));
        };
        if columns.contains(column) {
            return Err(parse_error(
                Some(header.line),
                None,
                Some(&field),
                format!("column `{column}` appears twice"),
            ));
        }
        columns.push(*column);
    }
    if !columns.contains(&"title") {
        return Err(parse_error(
            Some(header.line),
            None,
            Some("title"),
            "the header has no `title` column",
        ));
    }
    Ok(columns)
}

/// One data row with its column names.
struct Cells<'a> {
    columns: &'a [&'static str],
    row: &'a Row,
    record: u64,
}

impl Cells<'_> {
    /// The trimmed, non-empty cell of `column`.
    fn get(&self, column: &str) -> Option<String> {
        let i = self.columns.iter().position(|c| *c == column)?;
        self.row.fields.get(i).and_then(|cell| non_empty(cell))
    }

    fn error(&self, column: &str, message: impl Into<String>) -> Error {
        parse_error(
            Some(self.row.line),
            Some(self.record),
            Some(column),
            message,
        )
    }

    /// Runs a validation whose error belongs to `column`.
    fn checked<T>(&self, column: &str, result: Result<T>) -> Result<T> {
        result.map_err(|e| match e {
            Error::InvalidInput { message, .. } => self.error(column, message),
            other => other,
        })
    }

    fn flag(&self, column: &str) -> Result<Option<bool>> {
        match self.get(column).map(|v| v.to_ascii_lowercase()).as_deref() {
            None => Ok(None),
            Some("true" | "yes" | "1") => Ok(Some(true)),
            Some("false" | "no" | "0") => Ok(Some(false)),
            Some(other) => {
                Err(self.error(column, format!("expected true or false, found `{other}`")))
            }
        }
    }

    fn pages(&self) -> Result<Option<i32>> {
        match self.get("pages") {
            None => Ok(None),
            Some(text) => match text.trim().parse::<i32>() {
                Ok(n) if n > 0 => Ok(Some(n)),
                _ => Err(self.error("pages", format!("expected a page count, found `{text}`"))),
            },
        }
    }

    fn identifiers(&self, column: &str, scheme: IdScheme, out: &mut Vec<Identifier>) -> Result<()> {
        for value in split_list(&self.get(column).unwrap_or_default()) {
            out.push(self.checked(column, Identifier::new(scheme, value).normalized())?);
        }
        Ok(())
    }

    fn draft(&self) -> Result<Draft> {
        let title = self
            .get("title")
            .ok_or_else(|| self.error("title", "the title is empty"))?;
        let language = self
            .get("language")
            .map(|l| self.checked("language", normalize_language(&l)))
            .transpose()?;
        let kind = match self.get("kind") {
            Some(text) => Some(
                kind_from_label(&text)
                    .ok_or_else(|| self.error("kind", format!("unknown kind `{text}`")))?,
            ),
            None => None,
        };
        let date = match self.get("date") {
            Some(text) => Some(
                self.checked("date", PartialDate::parse(&text))?
                    .edtf()
                    .to_owned(),
            ),
            None => None,
        };
        let mut contributors = Vec::new();
        for name in split_list(&self.get("authors").unwrap_or_default()) {
            contributors.push(DraftContributor {
                agent: AgentRef::Name(AgentName::display(name)),
                role: Role::Author,
                affiliation: None,
                affiliation_in_name: true,
            });
        }
        for entry in split_list(&self.get("contributors").unwrap_or_default()) {
            let Some((agent, role)) = entry.rsplit_once(':') else {
                return Err(self.error("contributors", format!("`{entry}` is not `agent:role`")));
            };
            contributors.push(DraftContributor {
                agent: AgentRef::UidOrName(agent.trim().to_owned()),
                role: self.checked("contributors", role.parse())?,
                affiliation: None,
                affiliation_in_name: false,
            });
        }
        let mut identifiers = Vec::new();
        self.identifiers("doi", IdScheme::Doi, &mut identifiers)?;
        self.identifiers("isbn", IdScheme::Isbn, &mut identifiers)?;
        self.identifiers("url", IdScheme::Url, &mut identifiers)?;
        let mut links = Vec::new();
        for entry in split_list(&self.get("links").unwrap_or_default()) {
            let (kind, url) = match entry.split_once(':') {
                Some((kind, url)) if kind.parse::<LinkKind>().is_ok() => {
                    (self.checked("links", kind.parse())?, url.trim().to_owned())
                }
                _ if entry.to_ascii_lowercase().ends_with(".pdf") => (LinkKind::Pdf, entry.clone()),
                _ => (LinkKind::LandingPage, entry.clone()),
            };
            let url = self
                .checked("links", Identifier::new(IdScheme::Url, url).normalized())?
                .value;
            links.push(Link::new(url, kind));
        }
        let series = self.get("series");
        let series_number = self.get("series_number");
        if series_number.is_some() && series.is_none() {
            return Err(self.error("series_number", "a series number needs a series"));
        }
        Ok(Draft {
            uid: self.get("uid"),
            work: self.get("work"),
            language,
            language_guessed: false,
            original: self.flag("original")?,
            title,
            subtitle: self.get("subtitle"),
            summary: self.get("summary"),
            summary_is_excerpt: self.flag("summary_is_excerpt")?,
            kind,
            date,
            series,
            series_number,
            pages: self.pages()?,
            contributors,
            projects: split_list(&self.get("projects").unwrap_or_default()),
            concepts: split_list(&self.get("concepts").unwrap_or_default()),
            identifiers,
            links,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn rows(bytes: &[u8]) -> Result<Vec<Row>> {
        let mut reader = TableReader::new(bytes)?;
        let mut out = Vec::new();
        while let Some(row) = reader.next_row()? {
            out.push(row);
        }
        Ok(out)
    }

    fn position(bytes: &[u8]) -> (Option<u64>, Option<String>) {
        let err = rows(bytes).unwrap_err();
        let pos = err.position().unwrap();
        (pos.line, pos.field.clone())
    }

    #[test]
    fn reads_quoted_fields_across_lines() {
        let text =
            "\u{feff}a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\n\n,,\nlast,row,end";
        let rows = rows(text.as_bytes()).unwrap();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].fields, ["a", "b", "c"]);
        assert_eq!(rows[1].fields, ["x, y", "say \"hi\"", "two\r\nlines"]);
        assert_eq!(rows[1].line, 2);
        assert_eq!(rows[2].fields, ["", "", ""]);
        assert_eq!(rows[2].line, 5);
        assert_eq!(rows[3].fields, ["last", "row", "end"]);
        assert_eq!(rows[3].line, 6);
    }

    #[test]
    fn blank_lines_before_the_header_and_between_rows_are_skipped() {
        let rows = rows(b"\r\n\ntitle,uid\r\n\r\n\r\nA,a\r\nB,b").unwrap();
        let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [3, 6, 7]);
        assert_eq!(rows[2].fields, ["B", "b"]);
    }

    #[test]
    fn malformed_quotes_name_line_and_column() {
        assert_eq!(
            position(b"a,b\nx,y\"z\n"),
            (Some(2), Some("column 2".into()))
        );
        assert_eq!(position(b"a,b\n\"open,\nstill open\n").0, Some(2));
        assert_eq!(position(b"a,b\nok,\"open\n\nstill\n").0, Some(2));
        assert_eq!(position(b"\"a\"b,c\n").1.as_deref(), Some("column 1"));
        assert_eq!(
            position(b"a;b;c\n1;2;\"3\"x\n"),
            (Some(2), Some("column 3".into()))
        );
        assert!(
            rows(b"ok\n\0").is_ok(),
            "NUL is data; only invalid UTF-8 fails"
        );
        assert_eq!(position(b"a\n\xff\n").0, Some(2));
        assert_eq!(position(b"\xff\n").0, Some(1));
        assert_eq!(position(b"a\n\"x\ny\xff\"\n").0, Some(3));
    }

    #[test]
    fn the_delimiter_is_detected_from_the_header() {
        // Excel in a French locale: `;`, a byte-order mark, CRLF, commas inside cells.
        let excel = "\u{feff}uid;title;summary\r\nm23;Étain, or;\"a; b\"\r\n";
        let read = rows(excel.as_bytes()).unwrap();
        assert_eq!(read[0].fields, ["uid", "title", "summary"]);
        assert_eq!(read[1].fields, ["m23", "Étain, or", "a; b"]);
        let tabs = rows(b"title\tdate\nA, B; C\t2020\n").unwrap();
        assert_eq!(tabs[1].fields, ["A, B; C", "2020"]);
        assert_eq!(detect_delimiter(b"\"uid\";\"title\"\r\n"), b';');
        assert_eq!(detect_delimiter(b"uid,title;summary"), b',');
        assert_eq!(detect_delimiter(b"a;b;c"), b';');
        assert_eq!(detect_delimiter(b"title"), b',');
        assert_eq!(detect_delimiter(b""), b',');
    }

    #[test]
    fn writes_what_it_reads() {
        let fields = [
            "plain",
            "with, comma",
            "with \"quote\"",
            "two\nlines",
            "semi;colon",
            "",
        ];
        let mut out = Vec::new();
        write_row(&mut out, &fields).unwrap();
        let text = String::from_utf8(out).unwrap();
        // The bytes the hand-written writer wrote before the `csv` crate: unchanged.
        assert_eq!(
            text,
            "plain,\"with, comma\",\"with \"\"quote\"\"\",\"two\nlines\",semi;colon,\r\n"
        );
        assert_eq!(rows(text.as_bytes()).unwrap()[0].fields, fields);
    }
}

/// The examples of this module's items (crate-private, so not doc tests).
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod examples {
    #[test]
    fn example_columns() -> crate::Result<()> {
        use crate::formats::{csv::COLUMNS, write_export, Format};
        let doc = crate::Catalog::demo()?.export_document()?;
        let mut out = Vec::new();
        write_export(&doc, Format::Csv, &mut out)?;
        let header = String::from_utf8(out)
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .to_owned();
        assert_eq!(header, COLUMNS.join(","));
        Ok(())
    }
}
