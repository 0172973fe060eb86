//! BibTeX syntax: `@type{key, field = value, …}` entries with `{…}`, `"…"`, number and
//! `@string` macro values joined by `#`; `@comment` and `@preamble` are skipped, as is any
//! text between entries. Values are returned raw (LaTeX not decoded), without their outer
//! delimiters.

use std::collections::HashMap;

use super::ingest::parse_error;
use crate::error::{Error, Result};
use crate::model::ENGLISH_MONTHS as MONTHS;

/// One entry as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The entry type in lower case (`techreport`).
    pub kind: String,
    /// The citation key.
    pub key: String,
    /// Fields in order: lower-case name, raw value, line of the field.
    pub fields: Vec<(String, String, u64)>,
    /// The line of the `@`.
    pub line: u64,
    /// 1-based number of the entry in the file.
    pub record: u64,
}

impl Entry {
    /// The raw value of field `name` with its line.
    pub fn get(&self, name: &str) -> Option<(&str, u64)> {
        self.fields
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, v, line)| (v.as_str(), *line))
    }
}

/// Parses every entry of `text`.
///
/// # Errors
/// A parse error naming the line, entry number and field for an entry that is not closed,
/// a field without `=`, a value that is not closed or an undefined macro.
pub(crate) fn parse(text: &str) -> Result<Vec<Entry>> {
    let mut parser = Parser {
        text,
        pos: 0,
        line_starts: std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect(),
        macros: HashMap::new(),
        record: 0,
    };
    let mut entries = Vec::new();
    while let Some(at) = parser.rest().find('@') {
        parser.pos += at + 1;
        if let Some(entry) = parser.block(parser.pos - 1)? {
            entries.push(entry);
        }
    }
    Ok(entries)
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    line_starts: Vec<usize>,
    macros: HashMap<String, String>,
    record: u64,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn line_at(&self, pos: usize) -> u64 {
        self.line_starts.partition_point(|start| *start <= pos) as u64
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    fn ident(&mut self) -> String {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_alphanumeric() || "_-:.+/'".contains(c))
        {
            self.bump();
        }
        self.text
            .get(start..self.pos)
            .unwrap_or_default()
            .to_owned()
    }

    fn error(&self, field: Option<&str>, message: impl Into<String>) -> Error {
        let record = (self.record > 0).then_some(self.record);
        parse_error(Some(self.line_at(self.pos)), record, field, message)
    }

    /// Reads the block after an `@` at `at`; `None` for comments, preambles and macros.
    fn block(&mut self, at: usize) -> Result<Option<Entry>> {
        let kind = self.ident().to_ascii_lowercase();
        self.skip_ws();
        let (open, close) = match self.peek() {
            Some('{') => ('{', '}'),
            Some('(') => ('(', ')'),
            _ => return Ok(None), // an `@` in the text between entries
        };
        match kind.as_str() {
            "comment" | "preamble" => {
                self.balanced(at, open, close)?;
                Ok(None)
            }
            "string" => {
                self.bump();
                self.skip_ws();
                let name = self.ident().to_ascii_lowercase();
                self.skip_ws();
                if self.bump() != Some('=') {
                    return Err(self.error(Some(&name), "expected `=` in @string"));
                }
                let value = self.value(&name, at)?;
                self.macros.insert(name, value);
                self.skip_ws();
                if self.bump() != Some(close) {
                    return Err(self.error(None, format!("expected `{close}` after @string")));
                }
                Ok(None)
            }
            _ => {
                self.bump();
                self.entry(kind, close, at).map(Some)
            }
        }
    }

    fn entry(&mut self, kind: String, close: char, at: usize) -> Result<Entry> {
        self.record += 1;
        self.skip_ws();
        let key_start = self.pos;
        while self.peek().is_some_and(|c| c != ',' && c != close) {
            self.bump();
        }
        let key = self
            .text
            .get(key_start..self.pos)
            .unwrap_or_default()
            .trim()
            .to_owned();
        let mut entry = Entry {
            kind,
            key,
            fields: Vec::new(),
            line: self.line_at(at),
            record: self.record,
        };
        loop {
            self.skip_ws();
            match self.bump() {
                Some(c) if c == close => return Ok(entry),
                Some(',') => {}
                None => {
                    return Err(parse_error(
                        Some(entry.line),
                        Some(entry.record),
                        None,
                        format!("the entry starting on line {} is not closed", entry.line),
                    ))
                }
                Some(c) => {
                    return Err(self.error(None, format!("expected `,` or `{close}`, found `{c}`")))
                }
            }
            self.skip_ws();
            if self.peek() == Some(close) || self.peek().is_none() {
                continue;
            }
            let line = self.line_at(self.pos);
            let name = self.ident().to_ascii_lowercase();
            if name.is_empty() {
                return Err(self.error(None, "expected a field name"));
            }
            self.skip_ws();
            if self.bump() != Some('=') {
                return Err(self.error(Some(&name), format!("expected `=` after `{name}`")));
            }
            let value = self.value(&name, at)?;
            entry.fields.push((name, value, line));
        }
    }

    /// Reads `part # part # …`.
    fn value(&mut self, field: &str, at: usize) -> Result<String> {
        let mut out = String::new();
        loop {
            self.skip_ws();
            match self.peek() {
                Some('{') => {
                    let start = self.pos + 1;
                    let end = self.balanced(at, '{', '}')?;
                    out.push_str(self.text.get(start..end).unwrap_or_default());
                }
                Some('"') => {
                    self.bump();
                    let start = self.pos;
                    let mut depth = 0u32;
                    loop {
                        match self.bump() {
                            None => {
                                return Err(self.error(Some(field), "a quoted value is not closed"))
                            }
                            Some('\\') => {
                                self.bump();
                            }
                            Some('{') => depth += 1,
                            Some('}') => depth = depth.saturating_sub(1),
                            Some('"') if depth == 0 => break,
                            Some(_) => {}
                        }
                    }
                    out.push_str(self.text.get(start..self.pos - 1).unwrap_or_default());
                }
                Some(c) if c.is_ascii_digit() => {
                    while let Some(d) = self.peek().filter(char::is_ascii_digit) {
                        out.push(d);
                        self.bump();
                    }
                }
                Some(c) if c.is_alphabetic() => {
                    let name = self.ident().to_ascii_lowercase();
                    let month = MONTHS.iter().find(|m| {
                        m.get(..3)
                            .is_some_and(|abbr| abbr.eq_ignore_ascii_case(&name))
                    });
                    match (self.macros.get(&name), month) {
                        (Some(text), _) => out.push_str(&text.clone()),
                        (None, Some(month)) => out.push_str(month),
                        (None, None) => {
                            return Err(
                                self.error(Some(field), format!("undefined @string `{name}`"))
                            )
                        }
                    }
                }
                _ => return Err(self.error(Some(field), "expected a value")),
            }
            self.skip_ws();
            if self.peek() == Some('#') {
                self.bump();
            } else {
                return Ok(out);
            }
        }
    }

    /// Skips a group starting at the current `open`; returns the byte offset of its `close`.
    fn balanced(&mut self, at: usize, open: char, close: char) -> Result<usize> {
        let mut depth = 0u32;
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    self.bump();
                }
                c if c == open => depth += 1,
                c if c == close => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Ok(self.pos - 1);
                    }
                }
                _ => {}
            }
        }
        Err(parse_error(
            Some(self.line_at(at)),
            (self.record > 0).then_some(self.record),
            None,
            format!(
                "the braces opened on line {} are not closed",
                self.line_at(at)
            ),
        ))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_macros_and_concatenation() {
        let text = r#"Some text, ignored.
@string{ipis = "IPIS"}
@comment{anything {nested}}
@TechReport{m23,
  title = {Mapping {Conflict} Motives: \{M23\}},
  author = ipis # " and " # {Levin Sources},
  year = 2012, month = jul,
}
@misc(second, note = "a {"} b")
"#;
        let entries = parse(text).unwrap();
        assert_eq!(entries.len(), 2);
        let m23 = &entries[0];
        assert_eq!(
            (m23.kind.as_str(), m23.key.as_str(), m23.line),
            ("techreport", "m23", 4)
        );
        assert_eq!(
            m23.get("title").unwrap(),
            (r"Mapping {Conflict} Motives: \{M23\}", 5)
        );
        assert_eq!(m23.get("author").unwrap().0, "IPIS and Levin Sources");
        assert_eq!(m23.get("year").unwrap().0, "2012");
        assert_eq!(m23.get("month").unwrap().0, "July");
        assert_eq!(entries[1].get("note").unwrap().0, "a {\"} b");
        assert_eq!(entries[1].record, 2);
    }

    #[test]
    fn errors_name_line_record_and_field() {
        let err = parse("@misc{a, title = {x}}\n@misc{b,\n  title {x}\n}").unwrap_err();
        let pos = err.position().unwrap();
        assert_eq!(
            (pos.line, pos.record, pos.field.as_deref()),
            (Some(3), Some(2), Some("title"))
        );
        let err = parse("@misc{a,\n title = {open\n").unwrap_err();
        assert_eq!(err.position().unwrap().line, Some(1));
        let err = parse("@misc{a,\n  year = nomacro}").unwrap_err();
        assert_eq!(err.position().unwrap().field.as_deref(), Some("year"));
        let err = parse("@misc{a, title = {x}").unwrap_err();
        assert_eq!(err.position().unwrap().record, Some(1));
        assert!(parse("email me @ home").unwrap().is_empty());
    }
}
