//! A small RFC 4180 CSV reader and writer: comma-separated fields, fields with commas,
//! quotes or line breaks in double quotes, `""` for a quote inside quotes. The reader streams
//! records from a `BufRead` (a quoted field may span lines), accepts LF or CRLF line ends and
//! a UTF-8 byte-order mark, skips blank lines and rejects stray quotes. The writer quotes
//! only when needed and ends records with CRLF.

use std::io::{BufRead, Write};

use super::ingest::parse_error;
use crate::error::Result;

/// One record: its fields and the line it starts on (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    /// The 1-based line the record starts on.
    pub line: u64,
    /// The fields.
    pub fields: Vec<String>,
}

/// Reads CSV records one at a time.
pub(crate) struct CsvReader<R> {
    reader: R,
    buf: Vec<u8>,
    /// Lines consumed so far.
    line: u64,
}

enum State {
    /// At the start of a field.
    FieldStart,
    /// Inside an unquoted field.
    Unquoted,
    /// Inside a quoted field.
    Quoted,
    /// Just after a quote inside a quoted field (end of field, or first half of `""`).
    QuoteInQuoted,
}

impl<R: BufRead> CsvReader<R> {
    /// A reader of `reader`.
    pub fn new(reader: R) -> Self {
        CsvReader {
            reader,
            buf: Vec::new(),
            line: 0,
        }
    }

    /// Reads one physical line (with its line end) as UTF-8; `None` at the end.
    fn physical_line(&mut self) -> Result<Option<String>> {
        self.buf.clear();
        if self.reader.read_until(b'\n', &mut self.buf)? == 0 {
            return Ok(None);
        }
        self.line += 1;
        let mut bytes = self.buf.as_slice();
        if self.line == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Some(text.to_owned())),
            Err(e) => Err(parse_error(
                Some(self.line),
                None,
                None,
                format!("invalid UTF-8 at byte {} of the line", e.valid_up_to() + 1),
            )),
        }
    }

    /// The next record, or `None` at the end. Errors name the line and the column
    /// (`column N`, 1-based).
    pub fn next_row(&mut self) -> Result<Option<Row>> {
        let mut text = loop {
            match self.physical_line()? {
                None => return Ok(None),
                Some(text) if text.trim_end_matches(['\r', '\n']).is_empty() => continue,
                Some(text) => break text,
            }
        };
        let start = self.line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut state = State::FieldStart;
        loop {
            let mut chars = text.chars().peekable();
            while let Some(c) = chars.next() {
                let column = fields.len() as u64 + 1;
                let at_line_end = c == '\n' || (c == '\r' && chars.peek() == Some(&'\n'));
                state = match state {
                    State::FieldStart | State::Unquoted if at_line_end => {
                        fields.push(std::mem::take(&mut field));
                        return Ok(Some(Row {
                            line: start,
                            fields,
                        }));
                    }
                    State::FieldStart if c == '"' => State::Quoted,
                    State::FieldStart | State::Unquoted if c == ',' => {
                        fields.push(std::mem::take(&mut field));
                        State::FieldStart
                    }
                    State::FieldStart | State::Unquoted if c == '"' => {
                        return Err(self.stray_quote(column));
                    }
                    State::FieldStart | State::Unquoted => {
                        field.push(c);
                        State::Unquoted
                    }
                    State::Quoted if c == '"' => State::QuoteInQuoted,
                    State::Quoted => {
                        field.push(c);
                        State::Quoted
                    }
                    State::QuoteInQuoted if c == '"' => {
                        field.push('"');
                        State::Quoted
                    }
                    State::QuoteInQuoted if c == ',' => {
                        fields.push(std::mem::take(&mut field));
                        State::FieldStart
                    }
                    State::QuoteInQuoted if at_line_end => {
                        fields.push(std::mem::take(&mut field));
                        return Ok(Some(Row {
                            line: start,
                            fields,
                        }));
                    }
                    State::QuoteInQuoted => {
                        return Err(parse_error(
                            Some(self.line),
                            None,
                            Some(&format!("column {column}")),
                            "text after the closing quote of a quoted field",
                        ));
                    }
                };
            }
            // The physical line ended without a line end (end of input) or inside quotes.
            match state {
                State::Quoted => match self.physical_line()? {
                    Some(next) => text = next,
                    None => {
                        return Err(parse_error(
                            Some(start),
                            None,
                            Some(&format!("column {}", fields.len() + 1)),
                            "a quoted field is not closed before the end of the file",
                        ))
                    }
                },
                _ => {
                    fields.push(field);
                    return Ok(Some(Row {
                        line: start,
                        fields,
                    }));
                }
            }
        }
    }

    fn stray_quote(&self, column: u64) -> crate::Error {
        parse_error(
            Some(self.line),
            None,
            Some(&format!("column {column}")),
            "a quote inside an unquoted field (quote the whole field and double the quote)",
        )
    }
}

/// Writes one record, quoting fields that contain a comma, quote or line break, and ends
/// it with CRLF.
pub(crate) fn write_row<S: AsRef<str>>(out: &mut dyn Write, fields: &[S]) -> Result<()> {
    let mut line = String::new();
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        let field = field.as_ref();
        if field.contains([',', '"', '\r', '\n']) {
            line.push('"');
            line.push_str(&field.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(field);
        }
    }
    line.push_str("\r\n");
    out.write_all(line.as_bytes())?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Result<Vec<Row>> {
        let mut reader = CsvReader::new(text.as_bytes());
        let mut out = Vec::new();
        while let Some(row) = reader.next_row()? {
            out.push(row);
        }
        Ok(out)
    }

    #[test]
    fn reads_quoted_fields_across_lines() {
        let text =
            "\u{feff}a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\n\n,,\nlast,row,end";
        let rows = rows(text).unwrap();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].fields, ["a", "b", "c"]);
        assert_eq!(rows[1].fields, ["x, y", "say \"hi\"", "two\r\nlines"]);
        assert_eq!(rows[1].line, 2);
        assert_eq!(rows[2].fields, ["", "", ""]);
        assert_eq!(rows[2].line, 5);
        assert_eq!(rows[3].fields, ["last", "row", "end"]);
    }

    #[test]
    fn malformed_quotes_name_line_and_column() {
        let err = rows("a,b\nx,y\"z\n").unwrap_err();
        let pos = err.position().unwrap();
        assert_eq!(
            (pos.line, pos.field.as_deref()),
            (Some(2), Some("column 2"))
        );
        let err = rows("a,b\n\"open,\nstill open\n").unwrap_err();
        assert_eq!(err.position().unwrap().line, Some(2));
        let err = rows("\"a\"b,c\n").unwrap_err();
        assert_eq!(err.position().unwrap().field.as_deref(), Some("column 1"));
        let err = rows("ok\n\u{0}\u{ff}").map(|_| ());
        assert!(err.is_ok(), "NUL is data; only invalid UTF-8 fails");
        let err = CsvReader::new(&b"a\n\xff\n"[..])
            .next_row()
            .and_then(|_| CsvReader::new(&b"\xff\n"[..]).next_row());
        assert_eq!(err.unwrap_err().position().unwrap().line, Some(1));
    }

    #[test]
    fn writes_what_it_reads() {
        let fields = ["plain", "with, comma", "with \"quote\"", "two\nlines", ""];
        let mut out = Vec::new();
        write_row(&mut out, &fields).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.ends_with("\r\n"));
        assert_eq!(rows(&text).unwrap()[0].fields, fields);
    }
}
