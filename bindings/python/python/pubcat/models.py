"""Record classes: what pubcat returns, and what you may pass to its writes.

Every record wraps the serde JSON form of the Rust type (a ``dict``): attributes read it,
``to_dict()`` returns a copy of it exactly (the shape the conformance vectors and the native
JSON format use), ``repr()`` is short and readable, and ``_repr_html_()`` renders a table in
Jupyter.

Dates: where a value is a publication date, the attribute ``date`` is a ``datetime.date``
when the date is exact to the day, else the EDTF text (``"2012"``, ``"2021-07"``,
``"2016/2017"``); ``date_edtf`` is always the text, and (on full records) ``date_lower`` /
``date_upper`` are the first and last day it may mean, as ``datetime.date``.

Write forms (:class:`Publication`, :class:`Agent`, :class:`Project`, :class:`Series`,
:class:`Concept`, :class:`Relation`) can be built with keyword arguments, e.g.
``Publication(uid="x", language="en", title="T", kind="report", date="2012")``; plain dicts
of the same shape are accepted everywhere too.
"""

from __future__ import annotations

import copy
import datetime as _dt
import html
import re
from typing import (
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

__all__ = [
    "Record",
    "DateValue",
    "Identifier",
    "Link",
    "Contributor",
    "Publication",
    "Agent",
    "ProjectMember",
    "Project",
    "Series",
    "Label",
    "Concept",
    "Relation",
    "DateInfo",
    "ContributorRecord",
    "ProjectRef",
    "SeriesRef",
    "ConceptRef",
    "TranslationRef",
    "RelatedRecord",
    "PublicationRecord",
    "PublicationRef",
    "ProjectMemberRecord",
    "ProjectRecord",
    "AgentRecord",
    "ConceptNode",
    "Stats",
    "ChangeRecord",
    "Changes",
    "ImportSummary",
    "FacetCount",
    "Hit",
]

T = TypeVar("T")
R = TypeVar("R", bound="Record")

#: A publication date: ``datetime.date`` when exact to the day, else the EDTF text.
DateValue = Union[_dt.date, str]

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _edtf_value(text: str) -> DateValue:
    """``datetime.date`` for a day-precise EDTF date without qualifier, else the text."""
    if _DAY.match(text):
        return _dt.date.fromisoformat(text)
    return text


def _iso_date(text: str) -> _dt.date:
    return _dt.date.fromisoformat(text)


def _timestamp(text: str) -> _dt.datetime:
    # RFC 3339 in UTC; fromisoformat before 3.11 does not read a trailing "Z".
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    return _dt.datetime.fromisoformat(text)


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
            return list(default) if isinstance(default, list) else default
        if self.convert is not None:
            return self.convert(value)
        return value


def _records(cls: Type[R]) -> Callable[[Any], List[R]]:
    return lambda items: [cls._wrap(item) for item in items]


def _record(cls: Type[R]) -> Callable[[Any], R]:
    return cls._wrap


class Record:
    """Base class of pubcat's records: attribute access over the serde JSON form."""

    __slots__ = ("_data",)
    _data: Dict[str, Any]
    #: Attributes shown by ``repr()``.
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid",)

    def __init__(self, data: Optional[Mapping[str, Any]] = None, **fields: Any) -> None:
        """Builds a record from a dict of its serde form and/or keyword arguments (``None``
        values are left out)."""
        merged: Dict[str, Any] = dict(data) if data is not None else {}
        merged.update(fields)
        self._data = {k: _plain(v) for k, v in merged.items() if v is not None}

    @classmethod
    def _wrap(cls: Type[R], data: Dict[str, Any]) -> R:
        obj = cls.__new__(cls)
        obj._data = data
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


class _Dated(Record):
    """A record with a publication date in the EDTF text key ``date``."""

    __slots__ = ()

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


# --- write forms --------------------------------------------------------------------------


class Identifier(Record):
    """An identifier: ``scheme`` (``doi``, ``isbn``, ``url``, ``orcid``, ...) and ``value``."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("scheme", "value")
    scheme: _Field[str] = _Field("scheme", doc="The scheme.")
    value: _Field[str] = _Field("value", doc="The value, normalised on write.")


class Link(Record):
    """A link or file of a publication."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("url", "kind")
    url: _Field[str] = _Field("url", doc="Where it is.")
    kind: _Field[str] = _Field("kind", doc="What it is (landing_page, pdf, ...).")
    media_type: _Field[Optional[str]] = _Field("media_type", doc="Media type.")
    label: _Field[Optional[str]] = _Field("label", doc="Label to show.")


class Contributor(Record):
    """An agent's part in a publication (write form): ``agent`` uid, ``role``, ``affiliation``."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("agent", "role")
    agent: _Field[str] = _Field("agent", doc="The agent's uid.")
    role: _Field[str] = _Field("role", doc="author, editor, translator, funder, ...")
    affiliation: _Field[Optional[str]] = _Field("affiliation", doc="Affiliation as printed.")


class Publication(_Dated):
    """One language version of a work, as written (``upsert_publication``)."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid", "language", "title", "kind", "date_edtf")
    uid: _Field[str] = _Field("uid", doc="Stable key.")
    work: _Field[Optional[str]] = _Field("work", doc="The work's uid.")
    language: _Field[str] = _Field("language", doc="BCP 47 tag.")
    original: _Field[bool] = _Field("original", default=False, doc="Whether it is the original.")
    title: _Field[str] = _Field("title", doc="Title.")
    subtitle: _Field[Optional[str]] = _Field("subtitle", doc="Subtitle.")
    summary: _Field[Optional[str]] = _Field("summary", doc="Summary.")
    summary_is_excerpt: _Field[bool] = _Field("summary_is_excerpt", default=False, doc="Summary cut short.")
    body: _Field[Optional[str]] = _Field("body", doc="Full text.")
    kind: _Field[str] = _Field("kind", doc="report, briefing, map, dataset, ...")
    series: _Field[Optional[str]] = _Field("series", doc="Series uid.")
    series_number: _Field[Optional[str]] = _Field("series_number", doc="Number in the series.")
    contributors: _Field[List[Contributor]] = _Field(
        "contributors", _records(Contributor), [], doc="Contributors in order."
    )
    projects: _Field[List[str]] = _Field("projects", default=[], doc="Project uids.")
    concepts: _Field[List[str]] = _Field("concepts", default=[], doc="Concept uids.")
    identifiers: _Field[List[Identifier]] = _Field("identifiers", _records(Identifier), [], doc="DOI, ISBN, URL.")
    links: _Field[List[Link]] = _Field("links", _records(Link), [], doc="Links and files.")


class Agent(Record):
    """A person or an organisation."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid", "kind", "name")
    uid: _Field[str] = _Field("uid", doc="Stable key.")
    kind: _Field[str] = _Field("kind", doc="person or organization.")
    name: _Field[str] = _Field("name", doc="Display name.")
    given: _Field[Optional[str]] = _Field("given", doc="Given name (persons).")
    family: _Field[Optional[str]] = _Field("family", doc="Family name (persons).")
    acronym: _Field[Optional[str]] = _Field("acronym", doc="Acronym (organisations).")
    names: _Field[List[str]] = _Field("names", default=[], doc="Name variants.")
    identifiers: _Field[List[Identifier]] = _Field("identifiers", _records(Identifier), [], doc="ORCID, ROR, ...")


class ProjectMember(Record):
    """A project's partner or funder (write form)."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("agent", "role")
    agent: _Field[str] = _Field("agent", doc="Agent uid.")
    role: _Field[str] = _Field("role", doc="Role in the project.")


class Project(Record):
    """A project, as written."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid", "name", "acronym")
    uid: _Field[str] = _Field("uid", doc="Stable key.")
    name: _Field[str] = _Field("name", doc="Name.")
    acronym: _Field[Optional[str]] = _Field("acronym", doc="Acronym.")
    summary: _Field[Optional[str]] = _Field("summary", doc="Summary.")
    url: _Field[Optional[str]] = _Field("url", doc="Web page.")
    date: _Field[Optional[str]] = _Field("date", doc="Dates as EDTF (often an interval).")
    members: _Field[List[ProjectMember]] = _Field("members", _records(ProjectMember), [], doc="Partners, funders.")


class Series(Record):
    """A series of publications."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid", "name")
    uid: _Field[str] = _Field("uid", doc="Stable key.")
    name: _Field[str] = _Field("name", doc="Name.")
    publisher: _Field[Optional[str]] = _Field("publisher", doc="Publisher.")


class Label(Record):
    """A label in one language."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("language", "label")
    language: _Field[str] = _Field("language", doc="BCP 47 tag.")
    label: _Field[str] = _Field("label", doc="Text.")


class Concept(Record):
    """A concept of a vocabulary (mineral, place, actor, theme), as written."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid", "scheme", "labels")
    uid: _Field[str] = _Field("uid", doc="Stable key.")
    scheme: _Field[str] = _Field("scheme", doc="mineral, place, actor or theme.")
    broader: _Field[Optional[str]] = _Field("broader", doc="Broader concept's uid.")
    labels: _Field[Dict[str, str]] = _Field("labels", default={}, doc="Preferred label per language.")
    alt_labels: _Field[List[Label]] = _Field("alt_labels", _records(Label), [], doc="Alternative labels.")
    identifiers: _Field[List[Identifier]] = _Field("identifiers", _records(Identifier), [], doc="Wikidata, GeoNames.")

    def label(self, *languages: str) -> Optional[str]:
        """The label in the first of ``languages`` that has one, else English, else any."""
        labels = self.labels
        for language in (*languages, "en"):
            if language in labels:
                return labels[language]
        return next(iter(labels.values()), None)


class Relation(Record):
    """A typed relation between two publications (DataCite vocabulary: ``IsNewVersionOf``,
    ``IsPartOf``, ``References``, ...). Build it with ``Relation(source=..., type=..., target=...)``."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("source", "type", "target")
    source: _Field[str] = _Field("source", doc="Source publication uid.")
    type: _Field[str] = _Field("type", doc="Relation type.")
    target: _Field[str] = _Field("target", doc="Target publication uid.")


# --- read forms ---------------------------------------------------------------------------


class DateInfo(Record):
    """A stored date: EDTF text, first and last day it may mean, precision."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("edtf", "lower", "upper", "precision")
    edtf: _Field[str] = _Field("edtf", doc="EDTF text.")
    lower: _Field[_dt.date] = _Field("lower", _iso_date, doc="First day it may mean.")
    upper: _Field[_dt.date] = _Field("upper", _iso_date, doc="Last day it may mean.")
    precision: _Field[str] = _Field("precision", doc="day, month or year.")

    @property
    def value(self) -> DateValue:
        """``datetime.date`` when exact to the day, else the EDTF text."""
        return _edtf_value(self._data["edtf"])


class _HasDateInfo(Record):
    """A record whose ``date`` key is a DateInfo."""

    __slots__ = ()
    _date_key: ClassVar[str] = "date"

    @property
    def date_info(self) -> Optional[DateInfo]:
        """The stored date with bounds and precision."""
        raw = self._data.get(self._date_key)
        return DateInfo._wrap(raw) if isinstance(raw, dict) else None

    @property
    def date(self) -> Optional[DateValue]:  # type: ignore[override]
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


class ContributorRecord(Record):
    """A contributor with the agent's name resolved."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("name", "role")
    agent: _Field[str] = _Field("agent", doc="Agent uid.")
    name: _Field[str] = _Field("name", doc="Agent name.")
    agent_kind: _Field[str] = _Field("agent_kind", doc="person or organization.")
    role: _Field[str] = _Field("role", doc="Role.")
    affiliation: _Field[Optional[str]] = _Field("affiliation", doc="Affiliation as printed.")


class ProjectRef(Record):
    """A short reference to a project."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid", "name")
    uid: _Field[str] = _Field("uid", doc="Project uid.")
    name: _Field[str] = _Field("name", doc="Name.")
    acronym: _Field[Optional[str]] = _Field("acronym", doc="Acronym.")


class SeriesRef(Record):
    """A publication's series and number."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid", "name", "number")
    uid: _Field[str] = _Field("uid", doc="Series uid.")
    name: _Field[str] = _Field("name", doc="Name.")
    number: _Field[Optional[str]] = _Field("number", doc="Number in the series.")


class ConceptRef(Record):
    """A concept attached to a publication, with its labels."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid", "scheme")
    uid: _Field[str] = _Field("uid", doc="Concept uid.")
    scheme: _Field[str] = _Field("scheme", doc="Scheme.")
    labels: _Field[Dict[str, str]] = _Field("labels", default={}, doc="Preferred label per language.")


class TranslationRef(Record):
    """Another language version of the same work."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid", "language", "title")
    uid: _Field[str] = _Field("uid", doc="Publication uid.")
    language: _Field[str] = _Field("language", doc="Language.")
    title: _Field[str] = _Field("title", doc="Title.")
    original: _Field[bool] = _Field("original", default=False, doc="Whether it is the original.")


class RelatedRecord(Record):
    """A relation seen from one publication."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("type", "uid", "language")
    type: _Field[str] = _Field("type", doc="Relation type, read from the publication asked about.")
    uid: _Field[str] = _Field("uid", doc="The other publication's uid.")
    title: _Field[str] = _Field("title", doc="Its title.")
    language: _Field[str] = _Field("language", doc="Its language.")


class PublicationRecord(_HasDateInfo):
    """A publication with everything attached (``Catalog.publication``)."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid", "language", "title", "kind", "date_edtf")
    uid: _Field[str] = _Field("uid", doc="Uid.")
    work: _Field[str] = _Field("work", doc="The work's uid.")
    language: _Field[str] = _Field("language", doc="BCP 47 tag.")
    original: _Field[bool] = _Field("original", default=False, doc="Whether it is the original.")
    title: _Field[str] = _Field("title", doc="Title.")
    subtitle: _Field[Optional[str]] = _Field("subtitle", doc="Subtitle.")
    summary: _Field[Optional[str]] = _Field("summary", doc="Summary.")
    summary_is_excerpt: _Field[bool] = _Field("summary_is_excerpt", default=False, doc="Summary cut short.")
    body: _Field[Optional[str]] = _Field("body", doc="Full text.")
    kind: _Field[str] = _Field("kind", doc="Kind.")
    series: _Field[Optional[SeriesRef]] = _Field("series", _record(SeriesRef), doc="Series and number.")
    contributors: _Field[List[ContributorRecord]] = _Field(
        "contributors", _records(ContributorRecord), [], doc="Contributors in order."
    )
    projects: _Field[List[ProjectRef]] = _Field("projects", _records(ProjectRef), [], doc="Projects.")
    concepts: _Field[List[ConceptRef]] = _Field("concepts", _records(ConceptRef), [], doc="Concepts.")
    identifiers: _Field[List[Identifier]] = _Field("identifiers", _records(Identifier), [], doc="Identifiers.")
    links: _Field[List[Link]] = _Field("links", _records(Link), [], doc="Links.")
    translations: _Field[List[TranslationRef]] = _Field(
        "translations", _records(TranslationRef), [], doc="Other language versions."
    )
    relations: _Field[List[RelatedRecord]] = _Field("relations", _records(RelatedRecord), [], doc="Relations.")
    created_at: _Field[_dt.datetime] = _Field("created_at", _timestamp, doc="First written (UTC).")
    updated_at: _Field[_dt.datetime] = _Field("updated_at", _timestamp, doc="Last changed (UTC).")

    @property
    def authors(self) -> List[str]:
        """Names of the contributors with the role ``author``, in order."""
        return [c["name"] for c in self._data.get("contributors", []) if c.get("role") == "author"]


class PublicationRef(_Dated):
    """A short reference to a publication (in project and agent records)."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid", "language", "title", "date_edtf")
    uid: _Field[str] = _Field("uid", doc="Uid.")
    title: _Field[str] = _Field("title", doc="Title.")
    language: _Field[str] = _Field("language", doc="Language.")
    kind: _Field[str] = _Field("kind", doc="Kind.")
    role: _Field[Optional[str]] = _Field("role", doc="The agent's role (in an agent's list).")


class ProjectMemberRecord(Record):
    """A project member with the agent's name resolved."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("name", "role")
    agent: _Field[str] = _Field("agent", doc="Agent uid.")
    name: _Field[str] = _Field("name", doc="Agent name.")
    role: _Field[str] = _Field("role", doc="Role.")


class ProjectRecord(_HasDateInfo):
    """A project with its members and publications (``Catalog.project``)."""

    __slots__ = ()
    _date_key = "date_info"
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid", "name", "acronym", "date_edtf")
    uid: _Field[str] = _Field("uid", doc="Stable key.")
    name: _Field[str] = _Field("name", doc="Name.")
    acronym: _Field[Optional[str]] = _Field("acronym", doc="Acronym.")
    summary: _Field[Optional[str]] = _Field("summary", doc="Summary.")
    url: _Field[Optional[str]] = _Field("url", doc="Web page.")
    members: _Field[List[ProjectMember]] = _Field("members", _records(ProjectMember), [], doc="Members as written.")
    member_records: _Field[List[ProjectMemberRecord]] = _Field(
        "member_records", _records(ProjectMemberRecord), [], doc="Members with names."
    )
    publications: _Field[List[PublicationRef]] = _Field(
        "publications", _records(PublicationRef), [], doc="Its publications, newest first."
    )


class AgentRecord(Record):
    """An agent with its publications and projects (``Catalog.agent``)."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid", "kind", "name")
    uid: _Field[str] = _Field("uid", doc="Stable key.")
    kind: _Field[str] = _Field("kind", doc="person or organization.")
    name: _Field[str] = _Field("name", doc="Display name.")
    given: _Field[Optional[str]] = _Field("given", doc="Given name.")
    family: _Field[Optional[str]] = _Field("family", doc="Family name.")
    acronym: _Field[Optional[str]] = _Field("acronym", doc="Acronym.")
    names: _Field[List[str]] = _Field("names", default=[], doc="Name variants.")
    identifiers: _Field[List[Identifier]] = _Field("identifiers", _records(Identifier), [], doc="Identifiers.")
    merged: _Field[List[str]] = _Field("merged", default=[], doc="Uids of agents merged into this one.")
    publications: _Field[List[PublicationRef]] = _Field(
        "publications", _records(PublicationRef), [], doc="Its contributions, newest first."
    )
    projects: _Field[List[ProjectRef]] = _Field("projects", _records(ProjectRef), [], doc="Its projects.")


class ConceptNode(Concept):
    """A concept with its narrower concepts: one node of a scheme's tree."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid", "scheme", "labels", "publication_count")
    publication_count: _Field[int] = _Field("publication_count", default=0, doc="Publications tagged directly.")
    narrower: _Field[List["ConceptNode"]] = _Field("narrower", default=[], doc="Narrower concepts.")

    def walk(self) -> Iterator["ConceptNode"]:
        """This node and all its descendants, depth first."""
        yield self
        for child in self.narrower:
            yield from child.walk()


ConceptNode.narrower.convert = _records(ConceptNode)  # type: ignore[assignment]


def _int_keys(mapping: Dict[str, int]) -> Dict[int, int]:
    return {int(k): v for k, v in mapping.items()}


class Stats(Record):
    """Counts over the catalogue."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("publications", "works", "agents", "projects", "version")
    publications: _Field[int] = _Field("publications", default=0, doc="Publications (language versions).")
    works: _Field[int] = _Field("works", default=0, doc="Works.")
    multilingual_works: _Field[int] = _Field("multilingual_works", default=0, doc="Works in several languages.")
    agents: _Field[int] = _Field("agents", default=0, doc="Agents.")
    projects: _Field[int] = _Field("projects", default=0, doc="Projects.")
    series: _Field[int] = _Field("series", default=0, doc="Series.")
    concepts: _Field[int] = _Field("concepts", default=0, doc="Concepts.")
    relations: _Field[int] = _Field("relations", default=0, doc="Relations.")
    version: _Field[int] = _Field("version", default=0, doc="Change-log version.")
    by_language: _Field[Dict[str, int]] = _Field("by_language", default={}, doc="Publications per language.")
    by_kind: _Field[Dict[str, int]] = _Field("by_kind", default={}, doc="Publications per kind.")
    by_year: _Field[Dict[int, int]] = _Field("by_year", _int_keys, {}, doc="Publications per year.")


class ChangeRecord(Record):
    """One changed entity."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("entity", "uid", "op", "version")
    entity: _Field[str] = _Field("entity", doc="publication, agent, project, series, concept or relation.")
    uid: _Field[str] = _Field("uid", doc="Its uid.")
    op: _Field[str] = _Field("op", doc="upsert or delete.")
    version: _Field[int] = _Field("version", doc="Version of that change.")


class Changes(Record):
    """What changed after a version (``Catalog.changes_since``)."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("version", "changes")
    version: _Field[int] = _Field("version", doc="Current version: pass it next time.")
    changes: _Field[List[ChangeRecord]] = _Field("changes", _records(ChangeRecord), [], doc="Oldest first.")

    def __iter__(self) -> Iterator[ChangeRecord]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self._data.get("changes", []))


class ImportSummary(Record):
    """What an import did."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("added", "updated", "unchanged")
    added: _Field[int] = _Field("added", default=0, doc="New entities.")
    updated: _Field[int] = _Field("updated", default=0, doc="Changed entities.")
    unchanged: _Field[int] = _Field("unchanged", default=0, doc="Entities with the same values.")


class FacetCount(Record):
    """A facet value and how many hits have it."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("value", "label", "count")
    value: _Field[str] = _Field("value", doc="Language tag, kind code, year or uid.")
    label: _Field[str] = _Field("label", doc="Readable label.")
    count: _Field[int] = _Field("count", default=0, doc="Number of hits.")


class Hit(_Dated):
    """One search hit: a publication summary."""

    __slots__ = ()
    _repr_fields: ClassVar[Tuple[str, ...]] = ("uid", "language", "title", "date_edtf")
    uid: _Field[str] = _Field("uid", doc="Publication uid.")
    work: _Field[str] = _Field("work", doc="Work uid.")
    title: _Field[str] = _Field("title", doc="Title.")
    language: _Field[str] = _Field("language", doc="Language.")
    kind: _Field[str] = _Field("kind", doc="Kind.")
    year: _Field[Optional[int]] = _Field("year", doc="Year of the date's lower bound.")
    authors: _Field[List[str]] = _Field("authors", default=[], doc="Author names in order.")
    projects: _Field[List[ProjectRef]] = _Field("projects", _records(ProjectRef), [], doc="Projects.")
    score: _Field[float] = _Field("score", default=0.0, doc="Relevance (0 without search text).")
    snippet: _Field[Optional[str]] = _Field("snippet", doc="Passage with <mark>matches</mark>.")
    other_languages: _Field[List[TranslationRef]] = _Field(
        "other_languages", _records(TranslationRef), [], doc="Other language versions."
    )
