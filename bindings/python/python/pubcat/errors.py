"""Exceptions raised by pubcat.

Every error is a :class:`PubcatError`; each error *kind* of the core has its own subclass,
and its stable code is in ``.kind`` (the same codes as the Rust ``ErrorKind`` and the
conformance vectors). Match the class or ``.kind``, never the message text.

Some classes also derive from the builtin that fits, so generic handlers work:
``NotFoundError`` is a ``LookupError``, ``InvalidInputError``, ``InvalidQueryError`` and
``ClosedError`` are ``ValueError``, ``PubcatIOError`` is an ``OSError``.
"""

from __future__ import annotations

from typing import Optional

__all__ = [
    "PubcatError",
    "NotFoundError",
    "InvalidInputError",
    "InvalidQueryError",
    "ParseError",
    "ConflictError",
    "TooNewError",
    "NotACatalogError",
    "CorruptError",
    "PubcatIOError",
    "SqliteError",
    "ClosedError",
    "SyncGapError",
    "WrongSourceError",
    "InvalidDeltaError",
    "InternalError",
]


class PubcatError(Exception):
    """Base class of every pubcat error. ``kind`` is the stable error code."""

    kind: str = "error"

    @property
    def message(self) -> str:
        """The human-readable message (may change between versions: do not match it)."""
        return str(self.args[0]) if self.args else ""


class NotFoundError(PubcatError, LookupError):
    """The publication, agent, project, series or concept does not exist."""

    kind = "not_found"


class InvalidInputError(PubcatError, ValueError):
    """A value given to a write was rejected by validation."""

    kind = "invalid_input"


class InvalidQueryError(PubcatError, ValueError):
    """A search (its filters, sort, limit or cursor) was rejected."""

    kind = "invalid_query"


class ParseError(PubcatError):
    """An input file could not be parsed. ``line``, ``record`` and ``field`` tell where
    (each ``None`` when unknown)."""

    kind = "parse"

    def __init__(
        self,
        message: str,
        line: Optional[int] = None,
        record: Optional[int] = None,
        field: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.line = line
        self.record = record
        self.field = field


class ConflictError(PubcatError):
    """The write contradicts what the catalogue holds (or the target file exists)."""

    kind = "conflict"


class TooNewError(PubcatError):
    """The catalogue file was written by a newer pubcat: upgrade pubcat."""

    kind = "too_new"


class NotACatalogError(PubcatError):
    """The file is not a pubcat catalogue."""

    kind = "not_a_catalog"


class CorruptError(PubcatError):
    """The catalogue is damaged or its schema was altered."""

    kind = "corrupt"


class PubcatIOError(PubcatError, OSError):
    """An operating-system I/O error."""

    kind = "io"


class SqliteError(PubcatError):
    """Any other SQLite error."""

    kind = "sqlite"


class ClosedError(PubcatError, ValueError):
    """The catalogue was closed (like I/O on a closed file)."""

    kind = "closed"


class SyncGapError(PubcatError):
    """A delta file starts after the source version the replica holds: a file in between is
    missing (``apply_changes``)."""

    kind = "sync_gap"


class WrongSourceError(PubcatError):
    """A delta file comes from another catalogue than the one the replica follows."""

    kind = "wrong_source"


class InvalidDeltaError(PubcatError, ValueError):
    """A delta file is truncated, altered or not a delta file; nothing was applied."""

    kind = "invalid_delta"


class InternalError(PubcatError):
    """A bug in pubcat (a Rust panic, caught before it could harm the interpreter). The
    catalogue stays usable; please report it."""

    kind = "internal"
