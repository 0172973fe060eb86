//! The one error type of the bindings: one variant per [`pubcat::ErrorKind`], each with the
//! human-readable `message` (Kotlin: `PubcatException.NotFound` ..., Swift:
//! `PubcatError.notFound(message:)` ...). Callers branch on the variant, never on the text.

/// Everything that can go wrong in pubcat, by kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum PubcatError {
    /// The requested entity (publication, agent, ...) does not exist.
    #[error("{message}")]
    NotFound {
        /// What was not found.
        message: String,
    },
    /// A value given to a write was rejected by validation.
    #[error("{message}")]
    InvalidInput {
        /// What is wrong.
        message: String,
    },
    /// A search query (or its cursor) was rejected.
    #[error("{message}")]
    InvalidQuery {
        /// What is wrong.
        message: String,
    },
    /// An input file could not be parsed.
    #[error("{message}")]
    Parse {
        /// What is wrong, and where.
        message: String,
        /// 1-based line number, when the format is line-oriented (signed: `Long` in Kotlin).
        line: Option<i64>,
        /// 1-based record number, when known.
        record: Option<i64>,
        /// The field that was wrong, when known.
        field: Option<String>,
    },
    /// The write contradicts what the catalogue holds.
    #[error("{message}")]
    Conflict {
        /// What contradicts what.
        message: String,
    },
    /// The file was written by a newer pubcat.
    #[error("{message}")]
    TooNew {
        /// The versions involved.
        message: String,
    },
    /// The file is not a pubcat catalogue.
    #[error("{message}")]
    NotACatalog {
        /// Why.
        message: String,
    },
    /// The catalogue is damaged or its schema was altered.
    #[error("{message}")]
    Corrupt {
        /// What is damaged.
        message: String,
    },
    /// An operating-system I/O error.
    #[error("{message}")]
    Io {
        /// The I/O error.
        message: String,
    },
    /// Any other SQLite error.
    #[error("{message}")]
    Sqlite {
        /// The SQLite error.
        message: String,
    },
    /// The catalogue was closed.
    #[error("{message}")]
    Closed {
        /// Always "the catalogue is closed".
        message: String,
    },
    /// A delta file starts after the source version the replica holds: a file is missing.
    #[error("{message}")]
    SyncGap {
        /// The versions involved.
        message: String,
    },
    /// A delta file comes from another catalogue than the one the replica follows.
    #[error("{message}")]
    WrongSource {
        /// The catalogues involved.
        message: String,
    },
    /// A delta file is truncated, altered or not a delta file; nothing was applied.
    #[error("{message}")]
    InvalidDelta {
        /// What is wrong.
        message: String,
    },
}

impl PubcatError {
    /// The stable snake_case code of this error's kind (`not_found`, ...), as in the core.
    pub fn code(&self) -> &'static str {
        self.kind().code()
    }

    /// The core kind of this error.
    pub fn kind(&self) -> pubcat::ErrorKind {
        use pubcat::ErrorKind as K;
        match self {
            PubcatError::NotFound { .. } => K::NotFound,
            PubcatError::InvalidInput { .. } => K::InvalidInput,
            PubcatError::InvalidQuery { .. } => K::InvalidQuery,
            PubcatError::Parse { .. } => K::Parse,
            PubcatError::Conflict { .. } => K::Conflict,
            PubcatError::TooNew { .. } => K::TooNew,
            PubcatError::NotACatalog { .. } => K::NotACatalog,
            PubcatError::Corrupt { .. } => K::Corrupt,
            PubcatError::Io { .. } => K::Io,
            PubcatError::Sqlite { .. } => K::Sqlite,
            PubcatError::Closed { .. } => K::Closed,
            PubcatError::SyncGap { .. } => K::SyncGap,
            PubcatError::WrongSource { .. } => K::WrongSource,
            PubcatError::InvalidDelta { .. } => K::InvalidDelta,
        }
    }
}

impl From<pubcat::Error> for PubcatError {
    fn from(err: pubcat::Error) -> Self {
        use pubcat::ErrorKind as K;
        let message = err.to_string();
        match err.kind() {
            K::NotFound => PubcatError::NotFound { message },
            K::InvalidInput => PubcatError::InvalidInput { message },
            K::InvalidQuery => PubcatError::InvalidQuery { message },
            K::Parse => {
                let position = err.position().cloned().unwrap_or_default();
                PubcatError::Parse {
                    message,
                    line: position.line.map(|n| i64::try_from(n).unwrap_or(i64::MAX)),
                    record: position
                        .record
                        .map(|n| i64::try_from(n).unwrap_or(i64::MAX)),
                    field: position.field,
                }
            }
            K::Conflict => PubcatError::Conflict { message },
            K::TooNew => PubcatError::TooNew { message },
            K::NotACatalog => PubcatError::NotACatalog { message },
            K::Corrupt => PubcatError::Corrupt { message },
            K::Io => PubcatError::Io { message },
            K::Closed => PubcatError::Closed { message },
            K::SyncGap => PubcatError::SyncGap { message },
            K::WrongSource => PubcatError::WrongSource { message },
            K::InvalidDelta => PubcatError::InvalidDelta { message },
            // `Sqlite`, and any kind a newer core adds before this mirror learns it.
            _ => PubcatError::Sqlite { message },
        }
    }
}

/// The result type of every fallible binding call.
pub type Result<T, E = PubcatError> = std::result::Result<T, E>;
