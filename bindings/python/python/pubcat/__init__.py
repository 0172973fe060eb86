"""pubcat: an embedded, SQLite-backed catalogue of research publications.

Works in several languages, people and organisations, projects, series, multilingual
vocabularies and typed relations in one SQLite file, with full-text search, from Python::

    import pubcat

    cat = pubcat.demo()                       # the bundled demo catalogue, in memory
    page = cat.search("cobalt", languages="en", facets=["year"])
    for hit in page:
        print(hit.uid, hit.date, hit.title)
    df = cat.to_pandas(projects="madini")     # columns straight from Arrow

The Rust core does the work (``pubcat._pubcat``); this package adds keyword arguments,
record classes (:mod:`pubcat.models`), exceptions (:mod:`pubcat.errors`) and the pandas /
Arrow glue.
"""

from __future__ import annotations

from . import errors, models
from ._catalog import Catalog, ParquetExport, SearchPage, check_file, demo
from ._cite import References
from ._frames import MissingDependencyError
from ._pubcat import SCHEMA_VERSION, ArrowPublications
from ._pubcat import __version__ as __version__
from .errors import (
    ClosedError,
    ConflictError,
    CorruptError,
    InternalError,
    InvalidDeltaError,
    InvalidInputError,
    InvalidQueryError,
    NotACatalogError,
    NotFoundError,
    ParseError,
    PubcatError,
    PubcatIOError,
    SqliteError,
    SyncGapError,
    TooNewError,
    WrongSourceError,
)
from .models import (
    Agent,
    AgentRecord,
    Changes,
    CheckReport,
    CheckResult,
    Concept,
    ConceptNode,
    Contributor,
    Evidence,
    Hit,
    Identifier,
    ImportReport,
    ImportSummary,
    Link,
    LinkSummary,
    Project,
    ProjectMember,
    ProjectRecord,
    Publication,
    PublicationRecord,
    Relation,
    RepairSummary,
    Series,
    Stats,
    TaggingSummary,
    TranslationSuggestion,
    TypeAhead,
    Completion,
)

__all__ = [
    "Catalog",
    "SearchPage",
    "ParquetExport",
    "References",
    "demo",
    "check_file",
    "ArrowPublications",
    "SCHEMA_VERSION",
    "MissingDependencyError",
    "errors",
    "models",
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
    "InvalidDeltaError",
    "SyncGapError",
    "WrongSourceError",
    "InternalError",
    "Agent",
    "AgentRecord",
    "Changes",
    "Concept",
    "ConceptNode",
    "Contributor",
    "Hit",
    "Identifier",
    "ImportReport",
    "ImportSummary",
    "Link",
    "Project",
    "ProjectMember",
    "ProjectRecord",
    "Publication",
    "PublicationRecord",
    "Relation",
    "Series",
    "Stats",
    "TaggingSummary",
    "TranslationSuggestion",
    "LinkSummary",
    "CheckReport",
    "CheckResult",
    "RepairSummary",
    "Evidence",
    "TypeAhead",
    "Completion",
]
