//! [`Lines`]: numbered UTF-8 lines of a stream, for the line-oriented formats (JSON Lines,
//! RIS).

use std::io::BufRead;

use super::ingest::parse_error;
use crate::error::Result;

/// Reads lines one at a time, numbering them and checking they are UTF-8.
pub(crate) struct Lines<R> {
    reader: R,
    buf: Vec<u8>,
    /// Number of the last line read (1-based).
    pub number: u64,
}

impl<R: BufRead> Lines<R> {
    /// Lines of `reader`.
    pub fn new(reader: R) -> Self {
        Lines {
            reader,
            buf: Vec::new(),
            number: 0,
        }
    }

    /// The next line's number and text without its line end (and without a byte-order mark
    /// on line 1), or `None` at the end.
    pub fn next_line(&mut self) -> Result<Option<(u64, &str)>> {
        self.buf.clear();
        if self.reader.read_until(b'\n', &mut self.buf)? == 0 {
            return Ok(None);
        }
        self.number += 1;
        let mut bytes = self.buf.as_slice();
        if self.number == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        let number = self.number;
        std::str::from_utf8(bytes)
            .map(|text| Some((number, text)))
            .map_err(|e| {
                parse_error(
                    Some(self.number),
                    None,
                    None,
                    format!("invalid UTF-8 at byte {} of the line", e.valid_up_to() + 1),
                )
            })
    }
}
