//! The one error type of pubcat, and its stable kinds.
//!
//! Every fallible function returns [`Result<T>`]. Callers (and the Python and UniFFI bindings)
//! branch on [`Error::kind`], whose [`ErrorKind::code`] is a stable snake_case string; the
//! human-readable message may change between versions and must not be matched.

use std::fmt;

/// A specialised `Result` for pubcat operations.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The stable category of an [`Error`].
///
/// ```
/// use pubcat::ErrorKind;
/// assert_eq!(ErrorKind::TooNew.code(), "too_new");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The requested entity (publication, agent, ...) does not exist.
    NotFound,
    /// A value given to a write was rejected by validation.
    InvalidInput,
    /// A search query (or its cursor) was rejected.
    InvalidQuery,
    /// An input file could not be parsed; the error names the position.
    Parse,
    /// The write contradicts what the catalogue holds (e.g. two versions in one language).
    Conflict,
    /// The file was written by a newer pubcat.
    TooNew,
    /// The file is not a pubcat catalogue (not SQLite, or a foreign SQLite database).
    NotACatalog,
    /// The catalogue is damaged or its schema was altered.
    Corrupt,
    /// An operating-system I/O error.
    Io,
    /// Any other SQLite error.
    Sqlite,
    /// The catalogue was closed; open it again to use it.
    Closed,
    /// A delta file starts after the source version the replica holds: a file in between is
    /// missing (apply it first, or ask the source for a file since the replica's version).
    SyncGap,
    /// A delta file comes from another catalogue than the one the replica follows.
    WrongSource,
    /// A delta file is truncated, altered or not a delta file; nothing was applied.
    InvalidDelta,
}

impl ErrorKind {
    /// Every kind, in declaration order.
    pub const ALL: [ErrorKind; 14] = [
        ErrorKind::NotFound,
        ErrorKind::InvalidInput,
        ErrorKind::InvalidQuery,
        ErrorKind::Parse,
        ErrorKind::Conflict,
        ErrorKind::TooNew,
        ErrorKind::NotACatalog,
        ErrorKind::Corrupt,
        ErrorKind::Io,
        ErrorKind::Sqlite,
        ErrorKind::Closed,
        ErrorKind::SyncGap,
        ErrorKind::WrongSource,
        ErrorKind::InvalidDelta,
    ];

    /// The stable snake_case code of this kind, shared by every binding.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::NotFound => "not_found",
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::InvalidQuery => "invalid_query",
            ErrorKind::Parse => "parse",
            ErrorKind::Conflict => "conflict",
            ErrorKind::TooNew => "too_new",
            ErrorKind::NotACatalog => "not_a_catalog",
            ErrorKind::Corrupt => "corrupt",
            ErrorKind::Io => "io",
            ErrorKind::Sqlite => "sqlite",
            ErrorKind::Closed => "closed",
            ErrorKind::SyncGap => "sync_gap",
            ErrorKind::WrongSource => "wrong_source",
            ErrorKind::InvalidDelta => "invalid_delta",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Where in an input file a parse error was found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Position {
    /// 1-based line number, when the format is line-oriented.
    pub line: Option<u64>,
    /// 1-based record number (publication, entry, row), when known.
    pub record: Option<u64>,
    /// The field that was wrong, when known.
    pub field: Option<String>,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(line) = self.line {
            parts.push(format!("line {line}"));
        }
        if let Some(record) = self.record {
            parts.push(format!("record {record}"));
        }
        if let Some(field) = &self.field {
            parts.push(format!("field `{field}`"));
        }
        if parts.is_empty() {
            f.write_str("unknown position")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

/// Everything that can go wrong in pubcat.
///
/// ```
/// use pubcat::{Catalog, ErrorKind};
/// let catalog = Catalog::open_in_memory().unwrap();
/// let err = catalog.publication("nope").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::NotFound);
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// See [`ErrorKind::NotFound`].
    #[error("{entity} `{uid}` not found")]
    NotFound {
        /// The entity family (`publication`, `agent`, ...).
        entity: &'static str,
        /// The uid that was looked up.
        uid: String,
    },
    /// See [`ErrorKind::InvalidInput`].
    #[error("invalid {field}: {message}")]
    InvalidInput {
        /// The field that was rejected.
        field: String,
        /// Why it was rejected.
        message: String,
    },
    /// See [`ErrorKind::InvalidQuery`].
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    /// See [`ErrorKind::Parse`].
    #[error("parse error at {position}: {message}")]
    Parse {
        /// Where the error is.
        position: Position,
        /// What is wrong.
        message: String,
    },
    /// See [`ErrorKind::Conflict`].
    #[error("conflict: {0}")]
    Conflict(String),
    /// See [`ErrorKind::TooNew`].
    #[error("catalogue schema version {found} is newer than this pubcat supports ({supported}); upgrade pubcat")]
    TooNew {
        /// The version found in the file.
        found: i64,
        /// The newest version this build understands.
        supported: i64,
    },
    /// See [`ErrorKind::NotACatalog`].
    #[error("not a pubcat catalogue: {0}")]
    NotACatalog(String),
    /// See [`ErrorKind::Corrupt`].
    #[error("corrupt catalogue: {0}")]
    Corrupt(String),
    /// See [`ErrorKind::Io`].
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// See [`ErrorKind::Sqlite`]. The SQLite error is its [`source`](std::error::Error::source).
    #[error("SQLite error: {0}")]
    Sqlite(#[source] SqliteError),
    /// See [`ErrorKind::Closed`].
    #[error("the catalogue is closed")]
    Closed,
    /// See [`ErrorKind::SyncGap`].
    #[error("the delta file starts after source version {from}, but the replica holds version {holds}: apply the file(s) in between first")]
    SyncGap {
        /// The source version the replica holds.
        holds: i64,
        /// The version the file starts after.
        from: i64,
    },
    /// See [`ErrorKind::WrongSource`].
    #[error("the delta file comes from catalogue {found}, not from {expected}, which this catalogue follows")]
    WrongSource {
        /// The catalogue the replica follows (or, if it follows none yet, its own identity).
        expected: String,
        /// The catalogue the file comes from.
        found: String,
    },
    /// See [`ErrorKind::InvalidDelta`].
    #[error("invalid delta file: {0}")]
    InvalidDelta(String),
    /// Local edits of the replica that a delta file changes too (kind
    /// [`ErrorKind::Conflict`]); nothing was applied. Apply again choosing who wins.
    #[error("the replica edited {} record(s) the delta file changes too ({}); choose whether the source's changes or the local edits win", records.len(), records.iter().take(5).cloned().collect::<Vec<_>>().join(", "))]
    SyncConflict {
        /// The records, as `"entity uid"`.
        records: Vec<String>,
    },
}

/// An unexpected SQLite failure, kept whole as the [`source`](std::error::Error::source) of an
/// [`Error::Sqlite`] without making SQLite's binding types part of pubcat's API.
#[derive(Debug)]
pub struct SqliteError(rusqlite::Error);

impl SqliteError {
    /// SQLite's extended result code, when SQLite itself reported the failure.
    pub fn extended_code(&self) -> Option<i32> {
        match &self.0 {
            rusqlite::Error::SqliteFailure(e, _) => Some(e.extended_code),
            _ => None,
        }
    }
}

impl fmt::Display for SqliteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for SqliteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

// For `?` inside the crate; not part of the supported API (hidden from the docs).
#[doc(hidden)]
impl From<rusqlite::Error> for Error {
    /// Classifies SQLite failures: "file is not a database" becomes
    /// [`ErrorKind::NotACatalog`], corruption becomes [`ErrorKind::Corrupt`], disk I/O and
    /// full-disk errors become [`ErrorKind::Io`]; the rest stays [`ErrorKind::Sqlite`].
    ///
    /// A stored value that does not read back as what pubcat wrote (text that is not UTF-8,
    /// an integer where text belongs, an unknown vocabulary code) can only come from a
    /// damaged or tampered file: [`ErrorKind::Corrupt`]. So can a row that the schema
    /// guarantees but that is missing (a publication's work, the catalogue state): pubcat
    /// reads rows that may legitimately be absent with `optional()`, so "query returned no
    /// rows" reaching here means the file is damaged.
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        if matches!(
            err,
            rusqlite::Error::Utf8Error(..)
                | rusqlite::Error::FromSqlConversionFailure(..)
                | rusqlite::Error::InvalidColumnType(..)
                | rusqlite::Error::IntegralValueOutOfRange(..)
        ) {
            return Error::Corrupt(format!("a stored value cannot be read: {err}"));
        }
        if matches!(err, rusqlite::Error::QueryReturnedNoRows) {
            return Error::Corrupt("a row the catalogue's schema guarantees is missing".into());
        }
        match err.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => Error::NotACatalog(err.to_string()),
            Some(ErrorCode::DatabaseCorrupt) => Error::Corrupt(err.to_string()),
            Some(ErrorCode::SystemIoFailure) | Some(ErrorCode::DiskFull) => {
                Error::Io(std::io::Error::other(err.to_string()))
            }
            _ => Error::Sqlite(SqliteError(err)),
        }
    }
}

impl Error {
    /// The stable category of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::InvalidInput { .. } => ErrorKind::InvalidInput,
            Error::InvalidQuery(_) => ErrorKind::InvalidQuery,
            Error::Parse { .. } => ErrorKind::Parse,
            Error::Conflict(_) => ErrorKind::Conflict,
            Error::TooNew { .. } => ErrorKind::TooNew,
            Error::NotACatalog(_) => ErrorKind::NotACatalog,
            Error::Corrupt(_) => ErrorKind::Corrupt,
            Error::Io(_) => ErrorKind::Io,
            Error::Sqlite(_) => ErrorKind::Sqlite,
            Error::Closed => ErrorKind::Closed,
            Error::SyncGap { .. } => ErrorKind::SyncGap,
            Error::WrongSource { .. } => ErrorKind::WrongSource,
            Error::InvalidDelta(_) => ErrorKind::InvalidDelta,
            Error::SyncConflict { .. } => ErrorKind::Conflict,
        }
    }

    /// Shorthand for an [`Error::InvalidInput`].
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidInput {
            field: field.into(),
            message: message.into(),
        }
    }

    /// Shorthand for an [`Error::NotFound`].
    pub fn not_found(entity: &'static str, uid: impl Into<String>) -> Self {
        Error::NotFound {
            entity,
            uid: uid.into(),
        }
    }

    /// Shorthand for an [`Error::Parse`] at a record number.
    pub fn parse_at(position: Position, message: impl Into<String>) -> Self {
        Error::Parse {
            position,
            message: message.into(),
        }
    }

    /// The position of a parse error, if this is one.
    pub fn position(&self) -> Option<&Position> {
        match self {
            Error::Parse { position, .. } => Some(position),
            _ => None,
        }
    }
}
