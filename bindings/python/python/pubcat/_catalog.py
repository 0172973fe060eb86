"""The :class:`Catalog` class and :class:`SearchPage`."""

from __future__ import annotations

import datetime as _dt
import io
import json
import os
from typing import (
    IO,
    TYPE_CHECKING,
    Any,
    Dict,
    Iterator,
    List,
    Literal,
    Mapping,
    NamedTuple,
    Optional,
    Sequence,
    TypedDict,
    TypeVar,
    Union,
    cast,
)

from . import _frames
from ._cite import References
from ._base import _plain as _json_form
from . import _pubcat
from ._pubcat import ArrowPublications, NativeCatalog
from .models import (
    Agent,
    AgentRecord,
    Changes,
    Concept,
    ConceptNode,
    Facet,
    Format,
    CheckReport,
    Hit,
    ImportReport,
    ImportSummary,
    Kind,
    LinkSummary,
    OnConflict,
    Project,
    ProjectRecord,
    Publication,
    PublicationRecord,
    Record,
    RelatedRecord,
    Relation,
    RepairSummary,
    Role,
    Scheme,
    SearchPage,
    Series,
    Sort,
    Stats,
    TaggingSummary,
    TranslationRef,
    TranslationSuggestion,
    TypeAhead,
    Upsert,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ._pubcat import _CatalogDocumentJson, _QueryJson

__all__ = ["Catalog", "SearchPage", "SearchArgs", "ParquetExport", "demo", "PathLike",
           "Strings", "DateLike", "FieldValue"]

T = TypeVar("T")

#: A file-system path.
PathLike = Union[str, "os.PathLike[str]"]
#: One value or several (``"fr"`` or ``["fr", "en"]``).
OneOrMany = Union[T, Sequence[T]]
#: One string or several.
Strings = Union[str, Sequence[str]]
#: A date bound: EDTF text (``"2012"``, ``"2021-07"``) or a ``datetime.date``.
DateLike = Union[str, _dt.date]
#: A JSON object (the core checks its shape).
JsonObject = Mapping[str, object]
#: A value for :meth:`Catalog.set_field`: text (read as JSON when it is JSON, as on the
#: command line), a number, a flag, a date, a list (of uids or of records), or ``None`` to
#: clear the field.
FieldValue = Union[str, int, bool, _dt.date, Sequence[Any], Record, JsonObject, None]

#: The format codes of ``import_file`` and ``export`` (``auto`` is for imports, and for exports
#: to a path, whose name tells the format). See ``docs/FORMATS.md`` for each format's mapping.
FORMATS = ("auto", "json", "jsonl", "csv", "listing", "csl-json", "bibtex", "ris")


class SearchArgs(TypedDict, total=False):
    """The keyword arguments of :meth:`Catalog.search`, taken by every call with a query
    (``iter_hits``, ``arrow``, ``to_arrow``, ``to_pandas``, ``export``, ``export_document``).
    The keys are the fields of the Rust ``Query`` (the tests check it), ``text`` aside."""

    languages: Strings
    kinds: OneOrMany[Kind]
    projects: Strings
    agents: Strings
    agent_roles: OneOrMany[Role]
    series: Strings
    concepts: Strings
    date_from: DateLike
    date_to: DateLike
    prefer_languages: Strings
    sort: Sort
    limit: int
    cursor: Optional[str]
    facets: OneOrMany[Facet]
    fuzzy: bool


class ParquetExport(NamedTuple):
    """What :meth:`Catalog.to_parquet` wrote."""

    #: Rows of ``publications.parquet``: the publications matching the query.
    publications: int
    #: The files written, in the folder: ``publications.parquet``, ``agents.parquet``,
    #: ``concepts.parquet``, ``projects.parquet``.
    files: List[str]
    #: Their total size in bytes.
    bytes: int


#: The query fields that take a list (one value is a list of one).
_LISTS = ("languages", "kinds", "projects", "agents", "agent_roles", "series", "concepts",
          "prefer_languages", "facets")


def _query(text: Optional[str] = None, **fields: Any) -> "_QueryJson":
    """``text`` and keyword arguments → a Query dict (its serde shape), leaving out what is
    unset."""
    query: Dict[str, Any] = {} if text is None else {"text": text}
    for key, value in fields.items():
        if value is None:
            continue
        if key in _LISTS:
            value = [value] if isinstance(value, str) else list(value)
        elif isinstance(value, _dt.date):
            value = value.isoformat()
        query[key] = value
    return cast("_QueryJson", query)


def _plain(value: Union[Record, JsonObject]) -> JsonObject:
    return value.to_dict() if isinstance(value, Record) else value


def _cite_options(
    style: str,
    locale: Optional[str],
    format: str,
    prefer_languages: Optional[Strings],
    csl: Optional[str],
) -> Dict[str, Any]:
    """The core's CiteOptions as a dict."""
    options: Dict[str, Any] = {"style": style, "format": format}
    if locale is not None:
        options["locale"] = locale
    if prefer_languages is not None:
        options["prefer_languages"] = _strings(prefer_languages)
    if csl is not None:
        options["csl"] = csl
    return options


def _strings(value: Strings) -> List[str]:
    """One string or several → a list."""
    return [value] if isinstance(value, str) else list(value)


def _field_text(value: FieldValue) -> str:
    """A :data:`FieldValue` as the core's ``set_field`` reads it: text as is, ``None`` as
    empty (clears), a date as ISO text, anything else as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, _dt.date):
        return value.isoformat()
    return json.dumps(_json_form(value), ensure_ascii=False)


class Catalog:
    """An open pubcat catalogue: one SQLite file (or an in-memory catalogue).

    ``Catalog(path)`` opens the file, creating it if needed and migrating an older schema.
    Use it as a context manager (``with pubcat.Catalog(path) as cat: ...``) or call
    ``close()``. One ``Catalog`` may be shared by several threads: calls are serialised on
    its connection and release the GIL while SQLite works.
    """

    __slots__ = ("_native", "__weakref__")

    def __init__(self, path: PathLike) -> None:
        """Opens (or creates) the catalogue file at ``path``."""
        self._native = NativeCatalog.open(os.fspath(path))

    @classmethod
    def _from_native(cls, native: NativeCatalog) -> "Catalog":
        obj = cls.__new__(cls)
        obj._native = native
        return obj

    @classmethod
    def in_memory(cls) -> "Catalog":
        """A new, empty catalogue that lives in memory only."""
        return cls._from_native(NativeCatalog.in_memory())

    @classmethod
    def open_read_only(cls, path: PathLike) -> "Catalog":
        """Opens, read-only and trusting nothing in it, a catalogue file that came from
        elsewhere (checked with ``quick_check`` and an exact schema comparison)."""
        return cls._from_native(NativeCatalog.open_read_only(os.fspath(path)))

    # --- lifecycle -----------------------------------------------------------------------

    @property
    def path(self) -> Optional[str]:
        """The file path, or ``None`` in memory."""
        path = self._native.path
        return None if path is None else str(path)

    @property
    def read_only(self) -> bool:
        """Whether the catalogue was opened with ``open_read_only``."""
        return self._native.read_only

    @property
    def closed(self) -> bool:
        """Whether ``close()`` was called."""
        return self._native.closed

    def close(self) -> None:
        """Closes the catalogue; later calls raise :class:`~pubcat.ClosedError`. Idempotent."""
        self._native.close()

    def __enter__(self) -> "Catalog":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        where = self.path or "in memory"
        state = ", closed" if self.closed else (", read-only" if self.read_only else "")
        return f"<pubcat.Catalog {where}{state}>"

    def _repr_html_(self) -> str:
        import html

        if self.closed:
            return f"<p>{html.escape(repr(self))}</p>"
        return f"<p><b>{html.escape(repr(self))}</b></p>" + self.stats()._repr_html_()

    def backup(self, path: PathLike) -> None:
        """Copies the whole catalogue, consistently, to a new file (which must not exist),
        also from a catalogue opened with :meth:`open_read_only`. The safe way to hand a live
        catalogue to another program."""
        self._native.backup(os.fspath(path))

    # --- search --------------------------------------------------------------------------

    def search(
        self,
        text: Optional[str] = None,
        *,
        languages: Optional[Strings] = None,
        kinds: Optional[OneOrMany[Kind]] = None,
        projects: Optional[Strings] = None,
        agents: Optional[Strings] = None,
        agent_roles: Optional[OneOrMany[Role]] = None,
        series: Optional[Strings] = None,
        concepts: Optional[Strings] = None,
        date_from: Optional[DateLike] = None,
        date_to: Optional[DateLike] = None,
        prefer_languages: Optional[Strings] = None,
        sort: Optional[Sort] = None,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        facets: Optional[OneOrMany[Facet]] = None,
        fuzzy: bool = False,
    ) -> SearchPage:
        """Searches the catalogue.

        ``text`` uses pubcat's syntax: words, ``"phrases"``, ``prefix*``, ``-exclusion``,
        ``OR``. Filters take one value or a list (alternatives); different filters must all
        hold. ``concepts`` include their narrower concepts. ``date_from``/``date_to`` are
        EDTF or ``datetime.date``. ``prefer_languages`` shows each work once, in the best
        language. ``sort``: ``relevance``, ``date_desc``, ``date_asc``, ``title`` or ``added``
        (most recently added first).
        ``limit``: 0 to 1000 (default 20). ``facets``: ``language``, ``kind``, ``year``,
        ``project``, ``series``, ``agent``, ``mineral``, ``place``, ``actor``, ``theme``.

        A word or phrase that names a concept also finds its other labels, in every language
        (``Sud-Kivu`` finds "South Kivu"; ``hit.matched_concepts`` says so), and a word its
        inflections (``roadblock`` finds "roadblocks"); quote it to search it exactly.
        ``page.suggestions`` holds close words for words that found little ("did you mean
        ``cobalt``"); ``fuzzy=True`` searches them too.
        """
        query = _query(
            text=text, languages=languages, kinds=kinds, projects=projects, agents=agents,
            agent_roles=agent_roles, series=series, concepts=concepts, date_from=date_from,
            date_to=date_to, prefer_languages=prefer_languages, sort=sort, limit=limit,
            cursor=cursor, facets=facets, fuzzy=fuzzy,
        )
        return SearchPage._wrap(self._native.search(query))

    def type_ahead(
        self,
        text: str,
        *,
        languages: Optional[Strings] = None,
        kinds: Optional[OneOrMany[Kind]] = None,
        projects: Optional[Strings] = None,
        agents: Optional[Strings] = None,
        agent_roles: Optional[OneOrMany[Role]] = None,
        series: Optional[Strings] = None,
        concepts: Optional[Strings] = None,
        date_from: Optional[DateLike] = None,
        date_to: Optional[DateLike] = None,
        prefer_languages: Optional[Strings] = None,
        sort: Optional[Sort] = None,
        limit: Optional[int] = None,
    ) -> TypeAhead:
        """Search as you type: completions of the word being typed (the last word of
        ``text``, unless it ends in a space) and a first page of hits, fast enough for every
        keystroke on a large catalogue.

        ``completions`` are the most frequent words of the catalogue that start with it
        (``Completion.word``, folded: lower case, no accents; ``Completion.publications``);
        ``hits`` match the words before it and one of those completions, ranked when they are
        few and otherwise most recently added first (``order`` says which: ``relevance`` or
        ``added``). Filters and ``prefer_languages`` work as in :meth:`search`; there is no
        total, no facets and no cursor: call :meth:`search` when the user submits.

        >>> import pubcat
        >>> with pubcat.demo() as cat:
        ...     typed = cat.type_ahead("cob")
        ...     typed.completions[0].word, typed.hits[0].uid
        ('cobalt', 'ipis-dd-cobalt-3t-comparative-analysis')
        """
        query = _query(
            text=text, languages=languages, kinds=kinds, projects=projects, agents=agents,
            agent_roles=agent_roles, series=series, concepts=concepts, date_from=date_from,
            date_to=date_to, prefer_languages=prefer_languages, sort=sort, limit=limit,
        )
        return TypeAhead._wrap(self._native.type_ahead(query))

    def iter_hits(self, text: Optional[str] = None, **query: Unpack[SearchArgs]) -> Iterator[Hit]:
        """Every hit of a search, following ``next_cursor`` page after page. Takes the same
        arguments as :meth:`search` (``limit`` is the page size)."""
        query.setdefault("limit", 200)
        query.pop("facets", None)
        while True:
            page = self.search(text, **query)
            yield from page
            if page.next_cursor is None:
                return
            query["cursor"] = page.next_cursor

    def arrow(self, text: Optional[str] = None, **query: Unpack[SearchArgs]) -> ArrowPublications:
        """Every publication matching the query (same arguments as :meth:`search`; without
        ``limit``: all of them) as Arrow data implementing the Arrow PyCapsule interface, for
        any Arrow consumer (``pyarrow.table(obj)``, ``polars.from_arrow``...). Columns:
        uid, work, language, title, kind, date (EDTF), year, date_lower, date_upper, series,
        series_number, pages; the lists (``list<string>``, empty rather than null): authors
        (names in order) and author_uids, projects (uids), places, minerals, actors and
        themes (concept labels, in the first of ``prefer_languages``, else English) with
        place_uids, mineral_uids, actor_uids and theme_uids, other_languages (language tags
        of the work's other versions); then summary and score.

        >>> import pubcat, pyarrow as pa
        >>> with pubcat.demo() as cat:
        ...     table = pa.table(cat.arrow(concepts="cobalt"))
        >>> table.schema.field("minerals").type
        ListType(list<item: string>)
        >>> table.column("mineral_uids").to_pylist()
        [['3t', 'cobalt']]
        """
        return self._native.publications_arrow(_query(text=text, **query))

    def to_arrow(self, text: Optional[str] = None, **query: Unpack[SearchArgs]) -> Any:
        """Every publication matching the query as a ``pyarrow.Table`` (see :meth:`arrow`
        for the columns). Needs pyarrow."""
        pa = _frames.require_pyarrow()
        return pa.table(self.arrow(text, **query))

    def to_pandas(self, text: Optional[str] = None, **query: Unpack[SearchArgs]) -> Any:
        """Every publication matching the query as a pandas DataFrame (see :meth:`arrow` for
        the columns; dates are ``datetime64``, ``year`` is a nullable ``Int32``, the lists
        are ``pd.ArrowDtype(pa.list_(pa.string()))``: a cell reads as a Python list and
        ``explode()`` them to count). Needs pandas and pyarrow.

        >>> import pubcat
        >>> with pubcat.demo() as cat:
        ...     df = cat.to_pandas()
        >>> df.explode("minerals").groupby("minerals").size().to_dict()
        {'3T (tin, tantalum, tungsten)': 2, 'Cobalt': 1, 'Gold': 1}
        >>> df.loc[df.uid == "conflict-minerals-perceptions-en", "other_languages"].item()
        ['fr']
        """
        _frames.require_pandas()
        return _frames.arrow_to_pandas(self.to_arrow(text, **query))

    def to_parquet(
        self,
        path: PathLike,
        text: Optional[str] = None,
        *,
        compression: Optional[Literal["snappy"]] = "snappy",
        row_group_rows: Optional[int] = None,
        **query: Unpack[SearchArgs],
    ) -> ParquetExport:
        """Writes the publications matching the query (same arguments as :meth:`search`;
        without ``limit``: all of them) as Parquet files into the folder ``path``, for DuckDB,
        polars, pandas or Spark: ``publications.parquet`` (the columns of :meth:`arrow`:
        dates as Parquet ``DATE``, the lists as ``list<string>``) and the catalogue's
        ``agents.parquet``, ``concepts.parquet`` and ``projects.parquet`` (see
        ``docs/SCALE.md``). All or nothing: ``path`` must not exist, or be an empty folder, or
        hold an earlier export (replaced); a file or a folder of other files raises
        :class:`~pubcat.InvalidInputError`, an unwritable place
        :class:`~pubcat.PubcatIOError`, and ``path`` is then untouched. ``compression``:
        ``"snappy"`` (default) or ``None``; ``row_group_rows``: rows per row group of
        ``publications.parquet`` (default 131,072). Needs no pyarrow.

        >>> import pubcat, tempfile, os
        >>> with pubcat.demo() as cat, tempfile.TemporaryDirectory() as tmp:
        ...     done = cat.to_parquet(os.path.join(tmp, "pq"), projects="madini")
        ...     print(done.publications, [os.path.basename(f) for f in done.files])
        2 ['publications.parquet', 'agents.parquet', 'concepts.parquet', 'projects.parquet']
        """
        export = getattr(_pubcat, "export_parquet", None)
        if export is None:
            raise _frames.MissingDependencyError(
                "this build of pubcat has no Parquet export: build the wheel with the "
                "`parquet` feature (on by default)"
            )
        if compression not in ("snappy", None):
            raise ValueError(f"compression must be 'snappy' or None, not {compression!r}")
        done = export(
            self._native,
            os.fspath(path),
            _query(text=text, **query),
            compression is not None,
            row_group_rows,
        )
        return ParquetExport(done["publications"], list(done["files"]), done["bytes"])

    # --- reads ---------------------------------------------------------------------------

    def publication(self, uid: str) -> PublicationRecord:
        """A publication with everything attached. Raises :class:`~pubcat.NotFoundError`."""
        return PublicationRecord._wrap(self._native.publication(uid))

    def publication_as_written(self, uid: str) -> Publication:
        """A publication in its write form (what ``upsert_publication`` takes)."""
        return Publication._wrap(self._native.publication_as_written(uid))

    def translations(self, uid: str) -> List[TranslationRef]:
        """The other language versions of a publication's work."""
        return [TranslationRef._wrap(t) for t in self._native.translations(uid)]

    def related(self, uid: str) -> List[RelatedRecord]:
        """The typed relations of a publication, both directions."""
        return [RelatedRecord._wrap(r) for r in self._native.related(uid)]

    def relations(self) -> List[Relation]:
        """Every stored relation."""
        return [Relation._wrap(r) for r in self._native.relations()]

    def projects(self) -> List[ProjectRecord]:
        """Every project, with members and publications."""
        return [ProjectRecord._wrap(p) for p in self._native.projects()]

    def project(self, uid: str) -> ProjectRecord:
        """A project with its members and publications."""
        return ProjectRecord._wrap(self._native.project(uid))

    def agents(self) -> List[Agent]:
        """Every agent (merged agents are not listed)."""
        return [Agent._wrap(a) for a in self._native.agents()]

    def agent(self, uid: str) -> AgentRecord:
        """An agent with its publications and projects (a merged uid finds the survivor)."""
        return AgentRecord._wrap(self._native.agent(uid))

    def series(self, uid: str) -> Series:
        """One series."""
        return Series._wrap(self._native.series(uid))

    def series_list(self) -> List[Series]:
        """Every series."""
        return [Series._wrap(s) for s in self._native.series_list()]

    def concept(self, uid: str) -> Concept:
        """One concept, as written."""
        return Concept._wrap(self._native.concept(uid))

    def concepts(self, scheme: Optional[Scheme] = None) -> List[ConceptNode]:
        """The concept trees of one scheme (``mineral``, ``place``, ``actor``, ``theme``) or
        of all schemes."""
        return [ConceptNode._wrap(c) for c in self._native.concepts(scheme)]

    def stats(self) -> Stats:
        """Counts over the catalogue."""
        return Stats._wrap(self._native.stats())

    def version(self) -> int:
        """The change-log version (grows with every write)."""
        return self._native.version()

    def changes_since(self, version: int) -> Changes:
        """What changed after ``version`` (pass the returned ``version`` next time)."""
        return Changes._wrap(self._native.changes_since(version))

    # --- sync by delta files (docs/SYNC.md) ----------------------------------------------

    def catalog_uid(self) -> str:
        """The catalogue's identity (32 hex digits, made when it was created): delta files
        name their source by it. A copy of the file has the same identity."""
        from . import _pubcat as _sync

        return _sync.catalog_uid(self._native)

    def export_changes(self, since_version: int, path: PathLike) -> "ExportedChanges":
        """Writes every change after ``since_version`` (0: everything) to the delta file
        ``path`` (atomically): the catalogue's identity, the version range, each changed
        record's whole state or its deletion, a SHA-256 trailer. A replica applies it with
        :meth:`apply_changes`.

        >>> import pubcat, tempfile, os
        >>> with pubcat.demo() as source, tempfile.TemporaryDirectory() as tmp:
        ...     written = source.export_changes(0, os.path.join(tmp, "update.delta"))
        ...     replica = pubcat.Catalog.in_memory()
        ...     applied = replica.apply_changes(os.path.join(tmp, "update.delta"))
        ...     (written["to"] == applied["source_version"], replica.stats().publications)
        (True, 7)
        """
        from . import _pubcat as _sync

        return _sync.export_changes(self._native, since_version, os.fspath(path))  # type: ignore[return-value]

    def export_changes_bytes(self, since_version: int) -> bytes:
        """:meth:`export_changes` into memory: the bytes of the delta file."""
        from . import _pubcat as _sync

        return _sync.export_changes_bytes(self._native, since_version)

    def apply_changes(
        self,
        source: Union[PathLike, bytes],
        *,
        on_conflict: Literal["refuse", "take_source", "keep_local"] = "refuse",
    ) -> "AppliedChanges":
        """Applies a delta file of this catalogue's source (a path, or its bytes) in one
        transaction. The file is verified whole first: truncated or altered raises
        :class:`~pubcat.InvalidDeltaError`; a file that starts after the source version this
        replica holds raises :class:`~pubcat.SyncGapError`; a file of another catalogue
        :class:`~pubcat.WrongSourceError`; nothing is written then. A file already applied
        changes nothing (``already_applied``). Records edited here that the file changes too
        are conflicts: ``on_conflict="refuse"`` (default) raises
        :class:`~pubcat.ConflictError` naming them; ``"take_source"`` replaces the local
        edits; ``"keep_local"`` keeps them (they stay local edits). Each is reported in
        ``conflicts``."""
        from . import _pubcat as _sync

        if isinstance(source, (bytes, bytearray, memoryview)):
            done = _sync.apply_changes(self._native, data=bytes(source), on_conflict=on_conflict)
        else:
            done = _sync.apply_changes(self._native, path=os.fspath(source), on_conflict=on_conflict)
        return done  # type: ignore[return-value]

    def replica_status(self) -> Optional["ReplicaStatus"]:
        """The source this catalogue follows by delta files and the version of it it holds
        (the ``since_version`` of the next file it needs), or ``None``."""
        from . import _pubcat as _sync

        return _sync.replica_status(self._native)  # type: ignore[return-value]

    # --- writes --------------------------------------------------------------------------

    def upsert_publication(self, publication: Union[Publication, JsonObject]) -> Upsert:
        """Adds or replaces a publication. Returns ``"added"``, ``"updated"`` or
        ``"unchanged"``."""
        return self._native.upsert("publication", _plain(publication))

    def upsert_agent(self, agent: Union[Agent, JsonObject]) -> Upsert:
        """Adds or replaces an agent."""
        return self._native.upsert("agent", _plain(agent))

    def upsert_project(self, project: Union[Project, JsonObject]) -> Upsert:
        """Adds or replaces a project."""
        return self._native.upsert("project", _plain(project))

    def upsert_series(self, series: Union[Series, JsonObject]) -> Upsert:
        """Adds or replaces a series."""
        return self._native.upsert("series", _plain(series))

    def upsert_concept(self, concept: Union[Concept, JsonObject]) -> Upsert:
        """Adds or replaces a concept."""
        return self._native.upsert("concept", _plain(concept))

    def delete_publication(self, uid: str) -> None:
        """Deletes a publication."""
        self._native.delete("publication", uid)

    def delete_agent(self, uid: str) -> None:
        """Deletes an agent (refused while publications or projects refer to it)."""
        self._native.delete("agent", uid)

    def delete_project(self, uid: str) -> None:
        """Deletes a project."""
        self._native.delete("project", uid)

    def delete_series(self, uid: str) -> None:
        """Deletes a series."""
        self._native.delete("series", uid)

    def delete_concept(self, uid: str) -> None:
        """Deletes a concept."""
        self._native.delete("concept", uid)

    def link_translation(self, a: str, b: str) -> None:
        """Makes publications ``a`` and ``b`` language versions of the same work."""
        self._native.link_translation(a, b)

    def add_relation(self, relation: Union[Relation, JsonObject]) -> None:
        """Adds a typed relation, e.g. ``Relation(source="b", type="IsNewVersionOf", target="a")``."""
        self._native.add_relation(_plain(relation))

    def remove_relation(self, relation: Union[Relation, JsonObject]) -> None:
        """Removes a typed relation (given either way round)."""
        self._native.remove_relation(_plain(relation))

    def merge_agents(self, source: str, into: str) -> None:
        """Merges agent ``source`` into ``into``: its contributions move, and ``source``
        becomes a redirect."""
        self._native.merge_agents(source, into)

    # --- curation ------------------------------------------------------------------------

    def unlink_translation(self, uid: str) -> None:
        """Makes publication ``uid`` a work of its own, out of the work it shared with its
        other language versions (the opposite of :meth:`link_translation`). Nothing changes
        when it is the only version."""
        self._native.unlink_translation(uid)

    def tag(self, uid: str, concepts: Strings) -> Upsert:
        """Tags publication ``uid`` with one concept or several (uids). Tags it already has
        stay; an unknown concept raises :class:`~pubcat.NotFoundError` and nothing changes.
        Returns ``"updated"`` or ``"unchanged"``."""
        return self._native.tag(uid, _strings(concepts))

    def untag(self, uid: str, concepts: Strings) -> Upsert:
        """Removes one concept or several (uids) from publication ``uid``."""
        return self._native.untag(uid, _strings(concepts))

    def set_field(self, uid: str, field: str, value: FieldValue) -> Upsert:
        """Sets one field of publication ``uid``, by its JSON name (``title``, ``date``,
        ``pages``, ``concepts``, ...: :meth:`publication_fields`), validated like any write:
        a bad value raises :class:`~pubcat.InvalidInputError` (an unknown reference
        :class:`~pubcat.NotFoundError`) and nothing changes.

        ``value``: text is read as the field's JSON value when it is one (``"48"``,
        ``"true"``), else as text, as on the command line; numbers, flags, lists (of uids, or
        of records such as :class:`Contributor`) and dates are given as they are; ``None`` or
        ``""`` clears the field. E.g. ``set_field(uid, "pages", 48)``,
        ``set_field(uid, "concepts", ["gold", "ituri"])``, ``set_field(uid, "subtitle", None)``.
        """
        return self._native.set_field(uid, field, _field_text(value))

    @staticmethod
    def publication_fields() -> List[str]:
        """The field names :meth:`set_field` knows (those of :class:`Publication`; ``uid``
        cannot be set)."""
        return NativeCatalog.publication_fields()

    def merge_series(self, source: str, into: str) -> None:
        """Merges the duplicate series ``source`` into ``into``: its publications move over,
        and ``source`` becomes a redirect (``series(source)`` returns ``into``)."""
        self._native.merge_series(source, into)

    def merge_publications(self, source: str, into: str) -> None:
        """Merges the duplicate publication ``source`` into ``into``: ``into`` keeps its
        values and takes ``source``'s where it has none, with the union of their
        contributors, projects, concepts, identifiers and links; ``source``'s other language
        versions and relations move to ``into``, and ``source`` becomes a redirect
        (``publication(source)`` returns ``into``)."""
        self._native.merge_publications(source, into)

    # --- import / export -----------------------------------------------------------------

    def import_document(self, document: JsonObject) -> ImportSummary:
        """Imports a native document (a dict ``{"format": "pubcat", "version": 1, ...}``) in
        one transaction: all or nothing."""
        return ImportSummary._wrap(self._native.import_document(document))

    def cite(
        self,
        uids: Strings,
        *,
        style: str = "apa",
        locale: Optional[str] = None,
        format: str = "text",
        prefer_languages: Optional[Strings] = None,
        csl: Optional[str] = None,
    ) -> Union[str, References]:
        """Publications as references in a citation style: one uid gives its reference (a
        ``str``), a list of uids :class:`References` in the order given.

        ``style``: ``"apa"`` (APA 7th), ``"chicago-author-date"``, ``"harvard"``, ``"ieee"``
        or another style of hayagriva's archive; ``csl``: the text of a ``.csl`` style file,
        used instead. ``locale``: ``"en-US"``, ``"en-GB"``, ``"fr-FR"``, ``"nl-NL"``, ...
        (default: the style's). ``format``: ``"text"``, ``"html"`` or ``"markdown"``.
        ``prefer_languages``: cite the best language version of each work the reader
        reads. An unknown uid raises :class:`~pubcat.NotFoundError`, an unknown style or
        locale :class:`~pubcat.InvalidInputError`, a malformed ``csl``
        :class:`~pubcat.ParseError`. See docs/CITATIONS.md.

        >>> cat = pubcat.demo()
        >>> cat.cite("ipis-mapping-conflict-motives-m23-2012")
        'IPIS. (2012). Mapping Conflict Motives: M23 (Mapping Conflict Motives).'
        >>> refs = cat.cite(["conflict-minerals-perceptions-en"], style="ieee", prefer_languages="fr")
        >>> refs.uids, refs.citations
        (['conflict-minerals-perceptions-fr'], ['[1]'])
        """
        options = _cite_options(style, locale, format, prefer_languages, csl)
        one = isinstance(uids, str)
        references = self._native.cite(_strings(uids), options)
        refs = References(references, format)
        return refs[0] if one else refs

    def bibliography(
        self,
        text: Optional[str] = None,
        *,
        style: str = "apa",
        locale: Optional[str] = None,
        format: str = "text",
        csl: Optional[str] = None,
        **query: Unpack[SearchArgs],
    ) -> References:
        """The bibliography of the publications a search matches (all pages; everything
        without arguments), in the style's order. Style options as :meth:`cite`; the search
        arguments as :meth:`search` (``prefer_languages`` cites each work once).

        >>> bib = pubcat.demo().bibliography(projects="madini", style="chicago-author-date")
        >>> len(bib), bib[0][:9]
        (2, 'IPIS. n.d')
        """
        options = _cite_options(style, locale, format, None, csl)
        result = self._native.bibliography(_query(text=text, **query), options)
        return References(cast(Sequence[Mapping[str, Any]], result["references"]), format)

    def export_document(self, text: Optional[str] = None, **query: Unpack[SearchArgs]) -> _CatalogDocumentJson:
        """The publications matching the query (all without arguments) with everything they
        reference, as a native document dict."""
        return self._native.export_document(_query(text=text, **query))

    def import_file(
        self,
        source: Union[PathLike, IO[str], IO[bytes]],
        format: Format = "auto",
        *,
        dry_run: bool = False,
        on_conflict: Optional[OnConflict] = None,
        lenient: bool = False,
        tag: Optional[bool] = None,
        link_translations: bool = False,
    ) -> ImportReport:
        """Imports a file (a path, or an open text or binary file) in one transaction: all or
        nothing. Returns an :class:`ImportReport`: the counts (``report.added``,
        ``report.publications.updated``, ...; ``report.summary`` is the
        :class:`ImportSummary`), every record added or changed with its changed fields
        (``report.changes``), every stored value the file gave differently
        (``report.conflicts``), and whether anything was ``written``.

        ``format``: ``"auto"`` (guessed from the content, then the path's name), ``"json"``
        (pubcat's native document), ``"jsonl"``, ``"csv"``, ``"listing"`` (text copied from a
        publications page), ``"csl-json"``, ``"bibtex"`` or ``"ris"``.
        ``dry_run=True``: work everything out and write nothing.
        ``on_conflict``: what to do with a stored value the file gives differently:
        ``"keep"`` it (the default for the flat formats), ``"replace"`` it (the default for
        ``json`` and ``jsonl``), or ``"report"`` (keep it, and write nothing at all when the
        file disagrees anywhere). Empty values and degraded copies (``?`` for typographic
        characters, lost accents, excerpts) never replace stored ones.
        ``lenient=True`` (listings): import the entries placed with certainty and list the
        other lines in ``report.unplaced`` instead of failing.
        ``tag``: tag the imported publications automatically with the loaded vocabularies
        (see :meth:`tag_automatically`); ``None`` (the default) does when the catalogue has
        vocabularies, ``False`` never. ``report.tagging`` is what tagging did (a
        :class:`TaggingSummary`), or ``None`` when it did not run.
        ``link_translations=True``: after the import, in the same transaction, link the
        imported publications to their other language versions where link discovery is
        confident (as :meth:`link_suggested_translations` does, for them only);
        ``report.links`` is what was linked (a :class:`LinkSummary`; with ``dry_run``, what
        would be), or ``None`` without it.
        Parse errors raise :class:`~pubcat.ParseError` with ``line``/``record``/``field``.
        """
        if hasattr(source, "read"):
            report = self._native.import_bytes(
                _read_bytes(source), format, dry_run, on_conflict, lenient, tag, link_translations
            )
        else:
            path = os.fspath(cast(PathLike, source))
            report = self._native.import_file(
                path, format, dry_run, on_conflict, lenient, tag, link_translations
            )
        return ImportReport._wrap(report)

    def export_vocabulary(self, scheme: Optional[Scheme] = None) -> _CatalogDocumentJson:
        """The concepts of one scheme (``mineral``, ``place``, ``actor``, ``theme``) or of
        all, as a native document dict holding only them: a vocabulary to hand to another
        catalogue (:meth:`import_vocabulary`; ``json.dump`` it to a file)."""
        return self._native.export_vocabulary(scheme)

    def import_vocabulary(self, document: JsonObject) -> ImportSummary:
        """Imports the concepts of a native document dict (as :meth:`export_vocabulary` gives
        it) in one transaction; a document holding other records raises
        :class:`~pubcat.InvalidInputError`."""
        return ImportSummary._wrap(self._native.import_vocabulary(document))

    # --- enrichment ----------------------------------------------------------------------

    def load_builtin_vocabularies(self) -> ImportSummary:
        """Loads the vocabularies shipped with pubcat (places of the DR Congo and its
        neighbours, minerals, armed and state actors, themes; labels in English, French,
        Dutch and Swahili) in one transaction. Concepts with the same uid are replaced by the
        shipped ones; loading again changes nothing (``summary.concepts.unchanged``).

        >>> cat = pubcat.Catalog.in_memory()
        >>> cat.load_builtin_vocabularies().concepts.added > 200
        True
        >>> cat.concept("south-kivu").labels["nl"]
        'Zuid-Kivu'
        """
        return ImportSummary._wrap(self._native.load_builtin_vocabularies())

    def load_vocabulary(self, source: Union[PathLike, IO[str], IO[bytes], JsonObject]) -> ImportSummary:
        """Loads a vocabulary of your own, in the format of the shipped ones
        (``{"format": "pubcat-vocabulary", "version": 1, "scheme": ..., "concepts": [...]}``:
        one scheme, each concept with its labels per language and its broader concept), in
        one transaction; concepts are matched by uid.

        ``source``: a path (``str`` or ``os.PathLike``: a string is always a path), an open
        text or binary file, or the vocabulary already parsed (a dict). A file that is not a
        vocabulary raises :class:`~pubcat.ParseError`; an unreadable path
        :class:`~pubcat.PubcatIOError`. Text in a string: ``load_vocabulary(io.StringIO(text))``.

        >>> cat = pubcat.Catalog.in_memory()
        >>> bees = {"format": "pubcat-vocabulary", "version": 1, "scheme": "theme",
        ...         "title": "Bees", "concepts": [{"uid": "honey", "labels": {"en": "honey",
        ...         "fr": "miel"}}]}
        >>> cat.load_vocabulary(bees).concepts.added
        1
        """
        if hasattr(source, "read"):
            text = _read_bytes(source).decode("utf-8")
        elif isinstance(source, Mapping):
            text = json.dumps(source, ensure_ascii=False)
        else:
            return ImportSummary._wrap(
                self._native.load_vocabulary_file(os.fspath(cast(PathLike, source)))
            )
        return ImportSummary._wrap(self._native.load_vocabulary(text))

    def tag_automatically(self) -> TaggingSummary:
        """Tags every publication with the concepts whose labels its title, subtitle,
        summary or body names, in any language of the loaded vocabularies (case and accents
        ignored, whole words, the longest label first; labels that are also common words,
        such as French ``or``, only with a cue; a theme such as ``mining`` only when the title
        or subtitle names it or the texts name it twice). The tags are *automatic*: each
        keeps the label found (``ConceptRef.matched_label``), they never remove or replace a
        curated tag, and running again after a vocabulary or a text changed brings them up to
        date (running twice changes nothing). One transaction. Returns a :class:`TaggingSummary`
        (publications read, publications changed, tags added and removed).

        >>> cat = pubcat.Catalog.in_memory()
        >>> _ = cat.load_builtin_vocabularies()
        >>> _ = cat.upsert_publication(pubcat.Publication(uid="p", language="fr",
        ...     title="L'or et le coltan du Sud-Kivu", kind="report"))
        >>> cat.tag_automatically().changed
        1
        >>> [(c.uid, c.matched_label) for c in cat.publication("p").concepts]
        [('gold', 'Or'), ('tantalum', 'Coltan'), ('south-kivu', 'Sud-Kivu')]
        >>> cat.tag_automatically().changed
        0
        """
        return TaggingSummary._wrap(self._native.tag_automatically())

    def remove_automatic_tags(self) -> TaggingSummary:
        """Removes every automatic tag (those :meth:`tag_automatically` and imports added);
        the curated tags stay. One transaction. Returns a :class:`TaggingSummary`
        (``removed``: the tags removed, ``changed``: the publications that had some)."""
        return TaggingSummary._wrap(self._native.remove_automatic_tags())

    def repair(self) -> RepairSummary:
        """Rebuilds what pubcat derives from the catalogue's rows, in one transaction: the
        full-text index (from the publications, their series, projects and tags) and the
        agents' publication counts (from the contributions). This repairs the ``fts`` and
        ``agent_counts`` findings of :func:`pubcat.check_file`, as when another tool changed
        the rows with plain SQL; a damaged page, a dangling reference or a foreign schema is
        not pubcat's to rebuild (restore a backup). Nothing a person wrote changes and the
        change log records nothing. About 4 s at 100,000 publications. Returns a
        :class:`RepairSummary` (``publications_indexed``, ``agent_counts_fixed``); a catalogue
        opened read-only raises :class:`~pubcat.InvalidInputError`.

        >>> cat = pubcat.demo()
        >>> cat.repair()
        RepairSummary(publications_indexed=7, agent_counts_fixed=0)
        """
        return RepairSummary._wrap(self._native.repair())

    def suggest_translations(
        self,
        min_score: Optional[float] = None,
        only: Optional[Strings] = None,
        limit: Optional[int] = None,
    ) -> List[TranslationSuggestion]:
        """Publications in different languages that are probably versions of one work, best
        first: pairs, or groups of three or more. Each :class:`TranslationSuggestion` has the
        ``uids``, ``languages`` and ``titles`` (in the same order, by language), a ``score``
        between 0 and 1 and its ``evidence`` (:class:`Evidence`: ``kind``, ``detail``,
        ``weight``; positive for, negative against). Only reads.

        Never suggested: two publications of one language, two of one work, a publication
        whose work already has a version in the other's language, or a pair a person
        separated (:meth:`unlink_translation` records that decision).

        ``min_score``: the lowest score returned (``None``: 0.8, the confident ones); outside
        0..1 raises :class:`~pubcat.InvalidInputError`. ``only``: one uid or several: only the
        suggestions involving them (an unknown uid raises :class:`~pubcat.NotFoundError`).
        ``limit``: at most this many, the best ones.

        >>> cat = pubcat.Catalog.in_memory()
        >>> _ = cat.upsert_publication(pubcat.Publication(uid="gold-en", language="en",
        ...     kind="report", title="Gold mining in Mambasa territory, Ituri (2019)",
        ...     summary="A survey of 42 artisanal gold mines around Mambasa and Bunia."))
        >>> _ = cat.upsert_publication(pubcat.Publication(uid="gold-fr", language="fr",
        ...     kind="report", title="L'exploitation de l'or dans le territoire de Mambasa, Ituri (2019)",
        ...     summary="Une enquête sur 42 mines d'or artisanales autour de Mambasa et Bunia."))
        >>> [s.uids for s in cat.suggest_translations()]
        [['gold-en', 'gold-fr']]
        >>> cat.suggest_translations()[0].score > 0.8
        True
        """
        found = self._native.suggest_translations(
            min_score, [] if only is None else _strings(only), limit
        )
        return [TranslationSuggestion._wrap(s) for s in found]

    def link_suggested_translations(self, min_score: Optional[float] = None) -> LinkSummary:
        """Links every suggestion at or above ``min_score`` (``None``: 0.8) in one
        transaction: each becomes one work. Returns a :class:`LinkSummary`: ``linked`` (the
        suggestions linked) and ``publications`` (those that joined another work). Running
        it again links nothing more. Undo one link with :meth:`unlink_translation`, which also
        keeps the pair from being suggested again.

        >>> cat = pubcat.demo()
        >>> cat.link_suggested_translations().publications     # the demo's pair is linked already
        0
        """
        return LinkSummary._wrap(self._native.link_suggested_translations(min_score))

    def score_translation(self, a: str, b: str) -> TranslationSuggestion:
        """The score and evidence of publications ``a`` and ``b`` as versions of one work, as
        :meth:`suggest_translations` weighs them, whether or not they would be suggested
        (the rules about languages, works and people's decisions are not applied): to see
        why a pair is, or is not, suggested. An unknown uid raises
        :class:`~pubcat.NotFoundError`, the same uid twice :class:`~pubcat.InvalidInputError`.

        >>> cat = pubcat.demo()
        >>> pair = cat.score_translation("conflict-minerals-perceptions-en",
        ...                              "conflict-minerals-perceptions-fr")
        >>> pair.score > 0.9, pair.languages
        (True, ['en', 'fr'])
        """
        return TranslationSuggestion._wrap(self._native.score_translation(a, b))

    def export(
        self,
        path_or_file: Union[PathLike, IO[str], IO[bytes]],
        format: Format = "json",
        text: Optional[str] = None,
        **query: Unpack[SearchArgs],
    ) -> None:
        """Writes the publications matching the query (all without a query, streamed) to a
        path or an open text or binary file, in ``format``: ``"json"``, ``"jsonl"``,
        ``"csv"``, ``"listing"``, ``"csl-json"``, ``"bibtex"`` or ``"ris"`` (``"auto"``: from
        the path's extension; not for file objects). The query takes the arguments of
        :meth:`search` (every match is written)."""
        q = _query(text=text, **query)
        if hasattr(path_or_file, "write"):
            data = self._native.export_bytes(format, q)
            stream: Any = path_or_file
            if isinstance(stream, io.TextIOBase):
                stream.write(data.decode("utf-8"))
            else:
                try:
                    stream.write(data)
                except TypeError:
                    stream.write(data.decode("utf-8"))
            return
        self._native.export_path(os.fspath(path_or_file), format, q)  # type: ignore[arg-type]

    def _panic_for_tests(self) -> None:
        """Test hook (only in wheels built with the ``test-panic`` feature)."""
        hook = getattr(self._native, "_panic_for_tests", None)
        if hook is None:
            raise NotImplementedError("this build has no test-panic hook")
        hook()


def _read_bytes(source: Any) -> bytes:
    """The whole content of an open text (encoded as UTF-8) or binary file."""
    data: Any = source.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    return bytes(data)


def check_file(path: PathLike, *, full: bool = False) -> CheckReport:
    """Runs every integrity check on the catalogue file at ``path`` without writing it, and
    reports each one, passed or not (``CheckReport.checks``: ``name``, ``ok``, ``details``):
    ``sqlite`` (SQLite's ``quick_check``; ``integrity_check`` with ``full=True``), ``fts``
    (the full-text index against the publications), ``foreign_keys``, ``agent_counts`` and
    ``schema`` (exactly pubcat's; when it is not, the other checks are skipped: they would run
    what the file defines). :meth:`Catalog.repair` rebuilds what the ``fts`` and
    ``agent_counts`` findings report. A file that cannot be checked at all raises:
    :class:`~pubcat.NotFoundError`, :class:`~pubcat.NotACatalogError`,
    :class:`~pubcat.TooNewError`. Safe on a catalogue open elsewhere in this process (the
    check reads through pubcat's own SQLite). Reads the whole file: about 6 s at 100,000
    publications.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "demo.db"
    >>> pubcat.demo(path).close()
    >>> report = pubcat.check_file(path)
    >>> report.ok, [check.name for check in report.checks]
    (True, ['sqlite', 'fts', 'foreign_keys', 'agent_counts', 'schema'])
    """
    return CheckReport._wrap(NativeCatalog.check_file(os.fspath(path), full))


def demo(path: Optional[PathLike] = None) -> Catalog:
    """The demo catalogue (IPIS publications on eastern DRC, in several languages): in
    memory, or created as a new file at ``path`` (which must not exist yet)."""
    return Catalog._from_native(NativeCatalog.demo(None if path is None else os.fspath(path)))



#: What :meth:`Catalog.export_changes` wrote: the source's identity, the version range
#: (``from``, ``to``), the number of records and bytes.
ExportedChanges = TypedDict(
    "ExportedChanges", {"source": str, "from": int, "to": int, "records": int, "bytes": int}
)


class SyncConflict(TypedDict):
    """A record both a delta file and local edits changed, and what was kept
    (``take_source`` or ``keep_local``)."""

    entity: str
    uid: str
    kept: str


#: What :meth:`Catalog.apply_changes` did (see its documentation).
AppliedChanges = TypedDict(
    "AppliedChanges",
    {
        "source": str,
        "from": int,
        "to": int,
        "already_applied": bool,
        "applied": int,
        "skipped": int,
        "conflicts": List[SyncConflict],
        "local_edits": int,
        "source_version": int,
        "version": int,
    },
)


class ReplicaStatus(TypedDict):
    """The source a replica follows, the version of it it holds, its local edits."""

    source: str
    source_version: int
    local_edits: int
