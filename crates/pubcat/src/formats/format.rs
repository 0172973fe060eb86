//! [`Format`]: the file formats pubcat reads and writes, their codes, and guessing a file's
//! format from its name and first bytes.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::error::{Error, Result};

/// A file format for import and export.
///
/// Codes (`FromStr`/`Display`, case-insensitive): `auto`, `json`, `jsonl`, `csv`,
/// `listing`, `csl-json` (also `csl_json`), `bibtex`, `ris`.
///
/// ```
/// use pubcat::formats::Format;
/// assert_eq!("csl-json".parse::<Format>()?, Format::CslJson);
/// assert_eq!("CSL_JSON".parse::<Format>()?, Format::CslJson);
/// assert_eq!(Format::Bibtex.to_string(), "bibtex");
/// assert!("docx".parse::<Format>().is_err());
/// # Ok::<(), pubcat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Format {
    /// Guess from the file name and content ([`Format::detect`]); import only.
    Auto,
    /// pubcat's native JSON document (the whole catalogue, lossless).
    Json,
    /// pubcat's JSON Lines: a header line, then one entity per line (lossless, streamed).
    Jsonl,
    /// A flat table of publications (RFC 4180).
    Csv,
    /// Plain text copied from a publications web page.
    Listing,
    /// CSL-JSON (citation-style-language input data).
    CslJson,
    /// BibTeX / BibLaTeX.
    Bibtex,
    /// RIS (Research Information Systems tagged format).
    Ris,
}

impl Format {
    /// Every format, `Auto` first.
    pub const ALL: [Format; 8] = [
        Format::Auto,
        Format::Json,
        Format::Jsonl,
        Format::Csv,
        Format::Listing,
        Format::CslJson,
        Format::Bibtex,
        Format::Ris,
    ];

    /// The stable code of this format (as accepted by the CLI's `--format`).
    ///
    /// ```
    /// assert_eq!(pubcat::formats::Format::CslJson.code(), "csl-json");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Format::Auto => "auto",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Listing => "listing",
            Format::CslJson => "csl-json",
            Format::Bibtex => "bibtex",
            Format::Ris => "ris",
        }
    }

    /// The usual file extension (without dot) of files in this format.
    ///
    /// ```
    /// assert_eq!(pubcat::formats::Format::Bibtex.extension(), "bib");
    /// ```
    pub fn extension(self) -> &'static str {
        match self {
            Format::Auto | Format::Listing => "txt",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::CslJson => "csl.json",
            Format::Bibtex => "bib",
            Format::Ris => "ris",
        }
    }

    /// Guesses the format of a file from its content (the first few kilobytes are enough)
    /// and, when the content is not conclusive, its name.
    ///
    /// Content signatures: a JSON object whose first line is complete (`{"format":"pubcat",…}`)
    /// is JSON Lines, any other object native JSON, an array CSL-JSON; `@type{` is BibTeX;
    /// a first tag `TY  - ` is RIS; a first line naming a `title` column among commas is CSV.
    /// Then extensions: `.json`, `.jsonl`/`.ndjson`, `.csv`, `.bib`, `.ris`, `.txt`. Other
    /// text is read as a listing. Never returns [`Format::Auto`].
    ///
    /// # Errors
    /// [`ErrorKind::Parse`](crate::ErrorKind::Parse) when the content is empty or not text.
    ///
    /// ```
    /// use pubcat::formats::Format;
    /// use std::path::Path;
    /// assert_eq!(Format::detect(None, b"{\"format\":\"pubcat\",\"version\":1}\n")?, Format::Jsonl);
    /// // A native document written on one line is not JSON Lines:
    /// let compact = br#"{"format":"pubcat","version":1,"publications":[]}"#;
    /// assert_eq!(Format::detect(None, compact)?, Format::Json);
    /// assert_eq!(Format::detect(None, b"@techreport{m23,\n")?, Format::Bibtex);
    /// assert_eq!(Format::detect(Some(Path::new("x.csv")), b"a;b\n")?, Format::Csv);
    /// assert!(Format::detect(None, b"").is_err());
    /// # Ok::<(), pubcat::Error>(())
    /// ```
    pub fn detect(path: Option<&Path>, first_bytes: &[u8]) -> Result<Format> {
        let head = first_bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(first_bytes);
        let text = match std::str::from_utf8(head) {
            Ok(text) => text,
            // The sample may end inside a multi-byte character.
            Err(e) if e.error_len().is_none() => {
                std::str::from_utf8(head.get(..e.valid_up_to()).unwrap_or_default())
                    .unwrap_or_default()
            }
            Err(_) => return Err(undetectable("the file is not UTF-8 text")),
        };
        if text.trim().is_empty() {
            return Err(undetectable("the file is empty"));
        }
        if let Some(format) = from_content(text) {
            return Ok(format);
        }
        if let Some(format) = path.and_then(from_extension) {
            return Ok(format);
        }
        if text.contains('\0') {
            return Err(undetectable("the file is not text"));
        }
        Ok(Format::Listing)
    }
}

fn undetectable(reason: &str) -> Error {
    Error::parse_at(
        crate::Position {
            line: Some(1),
            ..Default::default()
        },
        format!("cannot guess the format: {reason}; name it explicitly"),
    )
}

fn from_content(text: &str) -> Option<Format> {
    let trimmed = text.trim_start();
    let first_line = trimmed.lines().next().unwrap_or_default().trim();
    if trimmed.starts_with('[') {
        return Some(Format::CslJson);
    }
    if trimmed.starts_with('{') {
        // JSON Lines: a first line that is a whole object, not a native document written on
        // one line (which holds the document's arrays).
        const DOCUMENT_KEYS: [&str; 6] = [
            "agents",
            "series",
            "projects",
            "concepts",
            "publications",
            "relations",
        ];
        let jsonl = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(first_line)
            .is_ok_and(|object| !DOCUMENT_KEYS.iter().any(|key| object.contains_key(*key)));
        return Some(if jsonl { Format::Jsonl } else { Format::Json });
    }
    if first_line.starts_with("TY  -") {
        return Some(Format::Ris);
    }
    if looks_like_bibtex(trimmed) {
        return Some(Format::Bibtex);
    }
    let header_cells: Vec<String> = first_line
        .split([',', ';', '\t'])
        .map(|cell| cell.trim().trim_matches('"').to_ascii_lowercase())
        .collect();
    if header_cells.len() > 1 && header_cells.iter().any(|cell| cell == "title") {
        return Some(Format::Csv);
    }
    None
}

/// Whether a line (after `%` comments and blank lines) starts with `@word{` or `@word(`.
fn looks_like_bibtex(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with('%'))
        .and_then(|line| line.strip_prefix('@'))
        .is_some_and(|rest| {
            let name_len = rest
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(rest.len());
            name_len > 0 && rest[name_len..].trim_start().starts_with(['{', '('])
        })
}

impl Format {
    /// The format a file's name says (`.json`, `.jsonl`/`.ndjson`, `.csl.json`, `.csv`,
    /// `.bib`, `.ris`, `.txt`), if any.
    ///
    /// ```
    /// use pubcat::formats::Format;
    /// assert_eq!(Format::from_path("refs.csl.json".as_ref()), Some(Format::CslJson));
    /// assert_eq!(Format::from_path("notes.docx".as_ref()), None);
    /// ```
    pub fn from_path(path: &Path) -> Option<Format> {
        from_extension(path)
    }
}

fn from_extension(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let ext = name.rsplit('.').next()?;
    Some(match ext {
        "jsonl" | "ndjson" => Format::Jsonl,
        "json" if name.ends_with(".csl.json") => Format::CslJson,
        "json" => Format::Json,
        "csv" => Format::Csv,
        "bib" | "bibtex" => Format::Bibtex,
        "ris" => Format::Ris,
        "txt" => Format::Listing,
        _ => return None,
    })
}

/// In JSON Schema: a string, one of the format codes.
#[cfg(feature = "json-schema")]
impl schemars::JsonSchema for Format {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Format".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let codes: Vec<&str> = Format::ALL.iter().map(|f| f.code()).collect();
        schemars::json_schema!({
            "description": "A file format code (`auto`: guessed from the file's name and content; imports only).",
            "type": "string",
            "enum": codes,
        })
    }
}

impl Default for Format {
    /// [`Format::Auto`].
    fn default() -> Self {
        Format::Auto
    }
}

impl serde::Serialize for Format {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> serde::Deserialize<'de> for Format {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        code.parse().map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Format {
    type Err = Error;

    fn from_str(text: &str) -> Result<Format> {
        let code = text.trim().to_ascii_lowercase().replace('_', "-");
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.code() == code)
            .or(match code.as_str() {
                "csljson" => Some(Format::CslJson),
                "ndjson" => Some(Format::Jsonl),
                "bib" => Some(Format::Bibtex),
                _ => None,
            })
            .ok_or_else(|| {
                let codes: Vec<&str> = Format::ALL.iter().map(|f| f.code()).collect();
                Error::invalid(
                    "format",
                    format!(
                        "unknown format `{}`; expected one of: {}",
                        text.chars().take(40).collect::<String>(),
                        codes.join(", ")
                    ),
                )
            })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn detect(path: Option<&str>, content: &str) -> Format {
        Format::detect(path.map(Path::new), content.as_bytes()).unwrap()
    }

    #[test]
    fn every_code_parses_back() {
        for format in Format::ALL {
            assert_eq!(format.code().parse::<Format>().unwrap(), format);
            assert_eq!(
                format.to_string().to_uppercase().parse::<Format>().unwrap(),
                format
            );
        }
        assert_eq!("csl_json".parse::<Format>().unwrap(), Format::CslJson);
        let err = "xml".parse::<Format>().unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::InvalidInput);
    }

    #[test]
    fn content_wins_over_extension() {
        assert_eq!(
            detect(Some("a.txt"), "{\n  \"format\": \"pubcat\""),
            Format::Json
        );
        assert_eq!(
            detect(
                Some("a.json"),
                "{\"format\":\"pubcat\",\"version\":1}\n{\"agent\":"
            ),
            Format::Jsonl
        );
        assert_eq!(detect(Some("a.json"), "[{\"id\": \"x\"}]"), Format::CslJson);
        assert_eq!(detect(None, "\u{feff}TY  - RPRT\r\nTI  - x"), Format::Ris);
        assert_eq!(detect(None, "% comment\n\n@Misc( key,"), Format::Bibtex);
        assert_eq!(detect(None, "uid,title,language\r\n"), Format::Csv);
        assert_eq!(detect(None, "\"uid\",\"Title\"\n"), Format::Csv);
    }

    #[test]
    fn extension_then_listing() {
        assert_eq!(detect(Some("dir/list.CSV"), "x;y\n"), Format::Csv);
        assert_eq!(detect(Some("refs.bib"), "nothing here"), Format::Bibtex);
        assert_eq!(detect(Some("refs.csl.json"), "x"), Format::CslJson);
        assert_eq!(
            detect(Some("page.html"), "Mapping Conflict Motives\n\nText"),
            Format::Listing
        );
        assert_eq!(
            detect(None, "Mapping Conflict Motives: M23 (2012)\n"),
            Format::Listing
        );
        assert!(Format::detect(None, b"\xff\xfe\x00x").is_err());
        assert!(Format::detect(None, b" \n ").is_err());
    }
}
