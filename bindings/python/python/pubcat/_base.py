"""Hand-written part of pubcat's record classes: the machinery and the behaviour.

The record classes themselves are generated from the Rust types (``_records.py``, written by
``bindings/python/tools/generate.py`` from the core's JSON Schema). This module holds what
they share (:class:`Record`, the :class:`_Field` descriptor, converters) and the behaviour
that is not in the schema. The generator reads this file:

- a class named ``_<Type>Behaviour`` is a base class of the generated record ``<Type>``;
- the names it defines (and its bases in this file define) replace the generated attributes
  of the same name (``date`` of :class:`_Dated`, for instance);
- ``_repr_fields`` there replaces the generated choice of the fields ``repr()`` shows;
- ``_param_types`` there gives the keyword-argument type of a field in the constructor
  (``{"date": "Optional[DateLike]"}``).

After editing this file, regenerate: ``python3 bindings/python/tools/generate.py``.
"""

from __future__ import annotations

import copy
import datetime as _dt
import html
import re
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    ClassVar,
    Dict,
    Generic,
    Iterator,
    List,
    Mapping,
    Optional,
    Tuple,
    Type,
    TypeVar,
    Union,
    overload,
)

if TYPE_CHECKING:
    from ._records import ChangeRecord, ConceptNode, Counts, DateInfo, Hit, ImportSummary

__all__ = ["Record", "DateValue", "DateLike"]

T = TypeVar("T")
R = TypeVar("R", bound="Record")

#: A publication date: ``datetime.date`` when exact to the day, else the EDTF text.
DateValue = Union[_dt.date, str]
#: A date given to pubcat: EDTF text (``"2012"``, ``"2021-07"``) or a ``datetime.date``.
DateLike = Union[str, _dt.date]

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: Every generated record class, by name (nested records are resolved through it).
_REGISTRY: Dict[str, Type["Record"]] = {}


def _edtf_value(text: str) -> DateValue:
    """``datetime.date`` for a day-precise EDTF date without qualifier, else the text."""
    if _DAY.match(text):
        return _dt.date.fromisoformat(text)
    return text


# --- converters (serde JSON value -> Python value), used by the generated fields ----------


def _iso_date(text: str) -> _dt.date:
    return _dt.date.fromisoformat(text)


def _timestamp(text: str) -> _dt.datetime:
    # RFC 3339 in UTC; fromisoformat before 3.11 does not read a trailing "Z".
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    return _dt.datetime.fromisoformat(text)


def _record(name: str) -> Callable[[Any], Any]:
    """The record class ``name`` (resolved on first use) wrapping a dict."""
    def convert(value: Any) -> Any:
        return _REGISTRY[name]._wrap(value)
    return convert


def _records(name: str) -> Callable[[Any], Any]:
    """A list of records of class ``name``."""
    def convert(items: Any) -> Any:
        cls = _REGISTRY[name]
        return [cls._wrap(item) for item in items]
    return convert


def _list_of(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda items: [convert(item) for item in items]


def _dict_of(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda mapping: {k: convert(v) for k, v in mapping.items()}


def _int_keys(mapping: Dict[str, Any]) -> Dict[int, Any]:
    """JSON object keys that are integers (``"2012"``) as ``int``."""
    return {int(k): v for k, v in mapping.items()}


# --- the field descriptor and the base class ------------------------------------------------


class _Field(Generic[T]):
    """A read-only attribute backed by one key of the record's dict."""

    __slots__ = ("key", "convert", "default", "doc")

    def __init__(
        self,
        key: str,
        convert: Optional[Callable[[Any], T]] = None,
        default: Any = None,
        doc: str = "",
    ) -> None:
        self.key = key
        self.convert = convert
        self.default = default
        self.doc = doc

    @overload
    def __get__(self, obj: None, owner: Any) -> "_Field[T]": ...

    @overload
    def __get__(self, obj: "Record", owner: Any) -> T: ...

    def __get__(self, obj: Optional["Record"], owner: Any) -> Any:
        if obj is None:
            return self
        value = obj._data.get(self.key)
        if value is None:
            default = self.default
            return copy.copy(default) if isinstance(default, (list, dict)) else default
        if self.convert is not None:
            return self.convert(value)
        return value


class _Omit:
    """Marks a key the core leaves out of the JSON when it is empty (``None``, ``False``,
    ``[]``, ``{}``): serde's ``skip_serializing_if``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "OMIT"


class _Must:
    """Marks a key that must be given (no default)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MUST"


OMIT: Any = _Omit()
MUST: Any = _Must()


class Record:
    """Base class of pubcat's records: attribute access over the serde JSON form.

    A record wraps a ``dict`` in the JSON form of the Rust type: attributes read it,
    ``to_dict()`` returns a copy of it exactly, ``repr()`` is short, ``_repr_html_()`` renders
    a table in Jupyter. Records compare equal when their class and dict are equal.
    """

    __slots__ = ("_data",)
    _data: Dict[str, Any]
    #: Attributes shown by ``repr()``.
    _repr_fields: ClassVar[Tuple[str, ...]] = ()
    #: Every key of the JSON form in declaration order, with ``MUST`` (must be given), ``OMIT``
    #: (left out when empty) or the default written when it is not given.
    _spec: ClassVar[Dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.__name__.startswith("_"):
            _REGISTRY[cls.__name__] = cls

    def __init__(self, data: Optional[Mapping[str, Any]] = None, /, **fields: Any) -> None:
        """Builds a record from a dict of its JSON form and/or keyword arguments. ``None``
        means "not given". Unknown names and missing required ones raise ``TypeError``, like
        a dataclass."""
        name = type(self).__name__
        merged: Dict[str, Any] = dict(data) if data is not None else {}
        merged.update(fields)
        spec = self._spec
        for key in merged:
            if key not in spec:
                raise TypeError(f"{name}() got an unexpected keyword argument {key!r}")
        missing = [k for k, how in spec.items() if how is MUST and merged.get(k) is None]
        if missing:
            names = ", ".join(repr(k) for k in missing)
            raise TypeError(f"{name}() missing {len(missing)} required keyword argument(s): {names}")
        out: Dict[str, Any] = {}
        for key, how in spec.items():
            value = _plain(merged.get(key))
            if value is None:
                if how is MUST or how is OMIT:
                    continue
                value = copy.copy(how)
            elif how is OMIT and (value is False or value == [] or value == {}):
                continue
            out[key] = value
        self._data = out

    @classmethod
    def _wrap(cls: Type[R], data: Mapping[str, Any]) -> R:
        """Wraps a dict that came from the core (no copy, no check)."""
        obj = cls.__new__(cls)
        obj._data = data  # type: ignore[assignment]
        return obj

    def to_dict(self) -> Dict[str, Any]:
        """The record in its serde JSON form (a deep copy)."""
        return copy.deepcopy(self._data)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Record):
            return type(self) is type(other) and self._data == other._data
        return NotImplemented

    def __hash__(self) -> int:  # records are mutable dict views: not hashable
        raise TypeError(f"unhashable type: '{type(self).__name__}'")

    def __repr__(self) -> str:
        parts = []
        for name in self._repr_fields:
            value = getattr(self, name)
            if value is None or value == [] or value == {}:
                continue
            if isinstance(value, list):
                value = [getattr(v, "uid", v) for v in value][:5]
            parts.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(parts)})"

    def _repr_html_(self) -> str:
        """An HTML table of the record's fields, for Jupyter."""
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(str(k))}</th>"
            f"<td style='text-align:left'>{_html_value(v)}</td></tr>"
            for k, v in self._data.items()
        )
        return (
            f"<table class='pubcat'><caption style='text-align:left'><b>"
            f"{html.escape(type(self).__name__)}</b></caption>{rows}</table>"
        )


def _html_value(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{html.escape(str(k))}: {_html_value(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "<br>".join(_html_value(v) for v in value)
    return html.escape(str(value))


def _plain(value: Any) -> Any:
    """Records and dates inside keyword arguments → their serde form."""
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


# --- behaviour mixed into the generated records ----------------------------------------------


class _Dated(Record):
    """A record with a publication date in the EDTF text key ``date``."""

    __slots__ = ()
    _param_types: ClassVar[Dict[str, str]] = {"date": "Optional[DateLike]"}

    @property
    def date(self) -> Optional[DateValue]:
        """``datetime.date`` when exact to the day, else the EDTF text; ``None`` if undated."""
        text = self.date_edtf
        return None if text is None else _edtf_value(text)

    @property
    def date_edtf(self) -> Optional[str]:
        """The date as EDTF text (``2012``, ``2021-07``, ``2012~``, ``2016/2017``)."""
        value = self._data.get("date")
        return value if isinstance(value, str) else None


class _HasDateInfo(Record):
    """A record whose date is a DateInfo (under ``_date_key``)."""

    __slots__ = ()
    _date_key: ClassVar[str] = "date"

    @property
    def date_info(self) -> Optional["DateInfo"]:
        """The stored date with bounds and precision."""
        raw = self._data.get(self._date_key)
        return _REGISTRY["DateInfo"]._wrap(raw) if isinstance(raw, dict) else None  # type: ignore[return-value]

    @property
    def date(self) -> Optional[DateValue]:
        """``datetime.date`` when exact to the day, else the EDTF text; ``None`` if undated."""
        info = self.date_info
        return None if info is None else info.value

    @property
    def date_edtf(self) -> Optional[str]:
        """The date as EDTF text."""
        info = self.date_info
        return None if info is None else info.edtf

    @property
    def date_lower(self) -> Optional[_dt.date]:
        """First day the date may mean."""
        info = self.date_info
        return None if info is None else info.lower

    @property
    def date_upper(self) -> Optional[_dt.date]:
        """Last day the date may mean."""
        info = self.date_info
        return None if info is None else info.upper

    @property
    def date_precision(self) -> Optional[str]:
        """``day``, ``month`` or ``year``."""
        info = self.date_info
        return None if info is None else info.precision


class _PublicationBehaviour(_Dated):
    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid", "language", "title", "kind", "date_edtf")


class _HitBehaviour(_Dated):
    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid", "language", "title", "date_edtf")


class _PublicationRefBehaviour(_Dated):
    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid", "language", "title", "date_edtf")


class _DateInfoBehaviour(Record):
    __slots__ = ()

    @property
    def value(self) -> DateValue:
        """``datetime.date`` when exact to the day, else the EDTF text."""
        return _edtf_value(self._data["edtf"])


class _PublicationRecordBehaviour(_HasDateInfo):
    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid", "language", "title", "kind", "date_edtf")

    @property
    def authors(self) -> List[str]:
        """Names of the contributors with the role ``author``, in order."""
        return [c["name"] for c in self._data.get("contributors", []) if c.get("role") == "author"]


class _ProjectRecordBehaviour(_HasDateInfo):
    __slots__ = ()
    _date_key: ClassVar[str] = "date_info"
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid", "name", "acronym", "date_edtf")


class _CheckResultBehaviour(Record):
    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("name", "ok", "details")


class _CheckReportBehaviour(Record):
    __slots__ = ()

    @property
    def ok(self) -> bool:
        """Whether every check passed."""
        return all(check["ok"] for check in self._data.get("checks", []))

    @property
    def failed(self) -> List[str]:
        """The names of the checks that did not pass, in order."""
        return [check["name"] for check in self._data.get("checks", []) if not check["ok"]]

    def __repr__(self) -> str:
        return f"CheckReport(ok={self.ok!r}, failed={self.failed!r})"


class _Labelled(Record):
    """A concept with ``labels`` (language → label)."""

    __slots__ = ()

    def label(self, *languages: str) -> Optional[str]:
        """The label in the first of ``languages`` that has one, else English, else any."""
        labels: Dict[str, str] = self._data.get("labels") or {}
        for language in (*languages, "en"):
            if language in labels:
                return labels[language]
        return next(iter(labels.values()), None)


class _ConceptBehaviour(_Labelled):
    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid", "scheme", "labels")


class _ConceptRefBehaviour(_Labelled):
    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid", "scheme", "labels")


class _ConceptNodeBehaviour(_Labelled):
    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid", "scheme", "labels", "publication_count")

    def walk(self) -> Iterator["ConceptNode"]:
        """This node and all its descendants, depth first."""
        yield self  # type: ignore[misc]
        for child in self._data.get("narrower", []):
            yield from _REGISTRY["ConceptNode"]._wrap(child).walk()  # type: ignore[attr-defined]


class _StatsBehaviour(Record):
    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("publications", "works", "agents", "projects", "version")


class _ChangesBehaviour(Record):
    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("version", "changes")

    def __iter__(self) -> Iterator["ChangeRecord"]:
        cls = _REGISTRY["ChangeRecord"]
        return (cls._wrap(c) for c in self._data.get("changes", []))  # type: ignore[misc]

    def __len__(self) -> int:
        return len(self._data.get("changes", []))


class _ImportReportBehaviour(Record):
    """What an import did (or, for a dry run, would do).

    ``summary`` holds the counts; they are also read directly, as on the
    :class:`ImportSummary` that ``import_file`` returned before it returned a report:
    ``report.added``, ``report.updated``, ``report.unchanged`` and the per-kind ``Counts``
    (``report.publications.added``, ``report.agents``, ...).
    """

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = (
        "format", "on_conflict", "dry_run", "written", "added", "updated", "unchanged",
        "changes", "conflicts",
    )

    def _summary(self) -> "ImportSummary":
        return _REGISTRY["ImportSummary"]._wrap(self._data["summary"])  # type: ignore[return-value]

    @property
    def added(self) -> int:
        """Records of every kind that were (dry run: would be) new: ``summary.added``."""
        return self._summary().added

    @property
    def updated(self) -> int:
        """Records of every kind that existed and changed: ``summary.updated``."""
        return self._summary().updated

    @property
    def unchanged(self) -> int:
        """Records of every kind that existed with the same values: ``summary.unchanged``."""
        return self._summary().unchanged

    @property
    def publications(self) -> "Counts":
        """``summary.publications``."""
        return self._summary().publications

    @property
    def agents(self) -> "Counts":
        """``summary.agents``."""
        return self._summary().agents

    @property
    def series(self) -> "Counts":
        """``summary.series``."""
        return self._summary().series

    @property
    def projects(self) -> "Counts":
        """``summary.projects``."""
        return self._summary().projects

    @property
    def concepts(self) -> "Counts":
        """``summary.concepts``."""
        return self._summary().concepts

    @property
    def relations(self) -> "Counts":
        """``summary.relations``."""
        return self._summary().relations


class _SearchPageBehaviour(Record):
    """One page of search results.

    Iterating yields the :class:`Hit` objects; ``len()`` is the number of hits on this page
    (``total`` counts every match). Pass ``next_cursor`` as ``cursor=`` for the next page.
    """

    __slots__ = ()

    def __iter__(self) -> Iterator["Hit"]:
        cls = _REGISTRY["Hit"]
        return (cls._wrap(h) for h in self._data.get("hits", []))  # type: ignore[misc]

    def __len__(self) -> int:
        return len(self._data.get("hits", []))

    def __repr__(self) -> str:
        return (f"SearchPage(total={self._data.get('total', 0)}, hits={len(self)}, "
                f"next_cursor={self._data.get('next_cursor')!r})")

    def _rows(self) -> List[Dict[str, Any]]:
        rows = []
        for hit in self._data.get("hits", []):
            rows.append({
                "uid": hit["uid"],
                "work": hit["work"],
                "language": hit["language"],
                "title": hit["title"],
                "kind": hit["kind"],
                "date": hit.get("date"),
                "year": hit.get("year"),
                "authors": list(hit.get("authors", [])),
                "projects": [p["uid"] for p in hit.get("projects", [])],
                "other_languages": [t["language"] for t in hit.get("other_languages", [])],
                "score": hit.get("score", 0.0),
                "snippet": hit.get("snippet"),
            })
        return rows

    def to_arrow(self) -> Any:
        """This page's hits as a ``pyarrow.Table`` (needs pyarrow). For every match at once,
        use ``Catalog.to_arrow(**query)``."""
        from . import _frames

        pa = _frames.require_pyarrow()
        schema = pa.schema([
            ("uid", pa.string()), ("work", pa.string()), ("language", pa.string()),
            ("title", pa.string()), ("kind", pa.string()), ("date", pa.string()),
            ("year", pa.int32()),
            pa.field("authors", pa.list_(pa.string()), nullable=False),
            pa.field("projects", pa.list_(pa.string()), nullable=False),
            pa.field("other_languages", pa.list_(pa.string()), nullable=False),
            ("score", pa.float64()), ("snippet", pa.string()),
        ])
        return pa.Table.from_pylist(self._rows(), schema=schema)

    def to_pandas(self) -> Any:
        """This page's hits as a pandas DataFrame (needs pandas and pyarrow)."""
        from . import _frames

        return _frames.arrow_to_pandas(self.to_arrow())

    def _repr_html_(self) -> str:
        hits = list(self)
        rows = "".join(
            f"<tr><td>{html.escape(h.uid)}</td><td>{html.escape(h.language)}</td>"
            f"<td>{html.escape(h.title)}</td><td>{html.escape(h.date_edtf or '')}</td>"
            f"<td>{html.escape('; '.join(h.authors))}</td></tr>"
            for h in hits
        )
        cursor = self._data.get("next_cursor")
        more = f", next page: cursor={html.escape(repr(cursor))}" if cursor else ""
        return (
            f"<table class='pubcat'><caption style='text-align:left'><b>SearchPage</b>: "
            f"{self._data.get('total', 0)} matches, {len(hits)} shown{more}</caption>"
            "<tr><th>uid</th><th>language</th><th>title</th><th>date</th><th>authors</th></tr>"
            f"{rows}</table>"
        )
