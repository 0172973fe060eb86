"""Type stubs of the compiled extension ``pubcat._pubcat`` (use ``pubcat.Catalog``).

The methods take and return the serde JSON form of the Rust types: the ``_...Json`` typed
dicts at the end of this file are generated from them (``bindings/python/tools/generate.py``).
"""

from os import PathLike
from typing import List, Literal, Mapping, Optional, Tuple, TypedDict, final

__all__ = ["NativeCatalog", "ArrowPublications", "__version__", "SCHEMA_VERSION", "TEST_PANIC",
           "PARQUET", "export_parquet", "export_changes", "export_changes_bytes", "apply_changes",
           "replica_status", "catalog_uid"]

__version__: str
SCHEMA_VERSION: int
TEST_PANIC: bool
#: Whether this build has the Parquet export (the package's `parquet` feature).
PARQUET: bool

_Path = str | PathLike[str]
#: The entities ``upsert`` and ``delete`` take.
_Entity = Literal["publication", "agent", "project", "series", "concept"]
#: A JSON object the core reads (it checks the shape: unknown keys are ``invalid_input``).
_JsonObject = Mapping[str, object]

class _ParquetSummaryJson(TypedDict):
    publications: int
    files: List[str]
    bytes: int

def export_parquet(
    catalog: NativeCatalog,
    path: _Path,
    query: _QueryJson,
    compress: bool = True,
    row_group_rows: Optional[int] = None,
) -> _ParquetSummaryJson: ...

@final
class ArrowPublications:
    """Publications as Arrow data (Arrow PyCapsule interface)."""

    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object: ...
    def __arrow_c_schema__(self) -> object: ...
    def __len__(self) -> int: ...
    @property
    def column_names(self) -> Tuple[str, ...]: ...

# Offline sync by delta files (docs/SYNC.md); the dicts are the core's ExportedChanges,
# AppliedChanges and ReplicaStatus.
def export_changes(catalog: NativeCatalog, since: int, path: _Path) -> dict[str, object]: ...
def export_changes_bytes(catalog: NativeCatalog, since: int) -> bytes: ...
def apply_changes(
    catalog: NativeCatalog,
    path: Optional[_Path] = None,
    data: Optional[bytes] = None,
    on_conflict: str = "refuse",
) -> dict[str, object]: ...
def replica_status(catalog: NativeCatalog) -> Optional[dict[str, object]]: ...
def catalog_uid(catalog: NativeCatalog) -> str: ...

@final
class NativeCatalog:
    """The native catalogue handle."""

    @staticmethod
    def open(path: _Path) -> NativeCatalog: ...
    @staticmethod
    def open_read_only(path: _Path) -> NativeCatalog: ...
    @staticmethod
    def in_memory() -> NativeCatalog: ...
    @staticmethod
    def demo(path: Optional[_Path] = None) -> NativeCatalog: ...
    @staticmethod
    def check_file(path: _Path, full: bool = False) -> _CheckReportJson: ...
    @property
    def path(self) -> Optional[str]: ...
    @property
    def read_only(self) -> bool: ...
    @property
    def closed(self) -> bool: ...
    def close(self) -> None: ...
    def backup(self, path: _Path) -> None: ...
    def search(self, query: _QueryJson) -> _SearchPageJson: ...
    def type_ahead(self, query: _QueryJson) -> _TypeAheadJson: ...
    def publications_arrow(self, query: _QueryJson, batch_rows: int = ...) -> ArrowPublications: ...
    def publication(self, uid: str) -> _PublicationRecordJson: ...
    def publication_as_written(self, uid: str) -> _PublicationJson: ...
    def translations(self, uid: str) -> List[_TranslationRefJson]: ...
    def related(self, uid: str) -> List[_RelatedRecordJson]: ...
    def relations(self) -> List[_RelationJson]: ...
    def project(self, uid: str) -> _ProjectRecordJson: ...
    def projects(self) -> List[_ProjectRecordJson]: ...
    def agent(self, uid: str) -> _AgentRecordJson: ...
    def agents(self) -> List[_AgentJson]: ...
    def series(self, uid: str) -> _SeriesJson: ...
    def series_list(self) -> List[_SeriesJson]: ...
    def concept(self, uid: str) -> _ConceptJson: ...
    def concepts(self, scheme: Optional[Scheme] = None) -> List[_ConceptNodeJson]: ...
    def stats(self) -> _StatsJson: ...
    def version(self) -> int: ...
    def changes_since(self, version: int) -> _ChangesJson: ...
    def upsert(self, entity: _Entity, value: _JsonObject) -> Upsert: ...
    def delete(self, entity: _Entity, uid: str) -> None: ...
    def link_translation(self, a: str, b: str) -> None: ...
    def add_relation(self, relation: _JsonObject) -> None: ...
    def remove_relation(self, relation: _JsonObject) -> None: ...
    def merge_agents(self, source: str, target: str) -> None: ...
    def unlink_translation(self, uid: str) -> None: ...
    def tag(self, uid: str, concepts: List[str]) -> Upsert: ...
    def untag(self, uid: str, concepts: List[str]) -> Upsert: ...
    def set_field(self, uid: str, field: str, value: str) -> Upsert: ...
    @staticmethod
    def publication_fields() -> List[str]: ...
    def merge_series(self, source: str, target: str) -> None: ...
    def merge_publications(self, source: str, target: str) -> None: ...
    def export_vocabulary(self, scheme: Optional[Scheme] = None) -> _CatalogDocumentJson: ...
    def import_vocabulary(self, document: _JsonObject) -> _ImportSummaryJson: ...
    def load_builtin_vocabularies(self) -> _ImportSummaryJson: ...
    def load_vocabulary(self, text: str) -> _ImportSummaryJson: ...
    def load_vocabulary_file(self, path: _Path) -> _ImportSummaryJson: ...
    def tag_automatically(self) -> _TaggingSummaryJson: ...
    def remove_automatic_tags(self) -> _TaggingSummaryJson: ...
    def repair(self) -> _RepairSummaryJson: ...
    def suggest_translations(
        self,
        min_score: Optional[float] = None,
        only: List[str] = ...,
        limit: Optional[int] = None,
    ) -> List[_TranslationSuggestionJson]: ...
    def link_suggested_translations(self, min_score: Optional[float] = None) -> _LinkSummaryJson: ...
    def score_translation(self, a: str, b: str) -> _TranslationSuggestionJson: ...
    def import_document(self, document: _JsonObject) -> _ImportSummaryJson: ...
    def export_document(self, query: _QueryJson) -> _CatalogDocumentJson: ...
    def cite(self, uids: List[str], options: _JsonObject) -> List[Mapping[str, str]]: ...
    def bibliography(self, query: _QueryJson, options: _JsonObject) -> Mapping[str, object]: ...
    def import_file(
        self,
        path: _Path,
        format: Format,
        dry_run: bool = False,
        on_conflict: Optional[OnConflict] = None,
        lenient: bool = False,
        tag: Optional[bool] = None,
        link_translations: bool = False,
    ) -> _ImportReportJson: ...
    def import_bytes(
        self,
        data: bytes,
        format: Format,
        dry_run: bool = False,
        on_conflict: Optional[OnConflict] = None,
        lenient: bool = False,
        tag: Optional[bool] = None,
        link_translations: bool = False,
    ) -> _ImportReportJson: ...
    def export_path(self, path: _Path, format: Format, query: _QueryJson) -> None: ...
    def export_bytes(self, format: Format, query: _QueryJson) -> bytes: ...

# ---- generated by bindings/python/tools/generate.py from the Rust types: do not edit below ----
# Generated by bindings/python/tools/generate.py from bindings/python/schema/pubcat.schema.json
# (the JSON Schema of the Rust types, `pubcat::json_schema()`). Do not edit: change the Rust
# types, or pubcat/_base.py for behaviour, and run `python3 bindings/python/tools/generate.py`.
# The JSON shapes (serde form of the Rust types) the native module takes and returns.

from typing import Any, Dict, List, Optional

from typing_extensions import NotRequired, TypedDict

from ._records import (
    Kind,
    Role,
    IdScheme,
    LinkKind,
    AgentKind,
    ProjectRole,
    Scheme,
    RelationType,
    ChangeOp,
    Sort,
    Facet,
    Upsert,
    Format,
    OnConflict,
    EvidenceKind,
)


class _PublicationJson(TypedDict):
    """The Rust type ``Publication`` in its serde JSON form."""

    uid: str
    work: NotRequired[Optional[str]]
    language: str
    original: NotRequired[bool]
    title: str
    subtitle: NotRequired[Optional[str]]
    summary: NotRequired[Optional[str]]
    summary_is_excerpt: NotRequired[bool]
    body: NotRequired[Optional[str]]
    kind: Kind
    pages: NotRequired[Optional[int]]
    date: NotRequired[Optional[str]]
    series: NotRequired[Optional[str]]
    series_number: NotRequired[Optional[str]]
    contributors: NotRequired[List[_ContributorJson]]
    projects: NotRequired[List[str]]
    concepts: NotRequired[List[str]]
    identifiers: NotRequired[List[_IdentifierJson]]
    links: NotRequired[List[_LinkJson]]


class _ContributorJson(TypedDict):
    """The Rust type ``Contributor`` in its serde JSON form."""

    agent: str
    role: Role
    affiliation: NotRequired[Optional[str]]


class _IdentifierJson(TypedDict):
    """The Rust type ``Identifier`` in its serde JSON form."""

    scheme: IdScheme
    value: str


class _LinkJson(TypedDict):
    """The Rust type ``Link`` in its serde JSON form."""

    url: str
    kind: LinkKind
    media_type: NotRequired[Optional[str]]
    label: NotRequired[Optional[str]]


class _AgentJson(TypedDict):
    """The Rust type ``Agent`` in its serde JSON form."""

    uid: str
    kind: AgentKind
    name: str
    given: NotRequired[Optional[str]]
    family: NotRequired[Optional[str]]
    acronym: NotRequired[Optional[str]]
    names: NotRequired[List[str]]
    identifiers: NotRequired[List[_IdentifierJson]]


class _ProjectJson(TypedDict):
    """The Rust type ``Project`` in its serde JSON form."""

    uid: str
    name: str
    acronym: NotRequired[Optional[str]]
    summary: NotRequired[Optional[str]]
    url: NotRequired[Optional[str]]
    date: NotRequired[Optional[str]]
    members: NotRequired[List[_ProjectMemberJson]]


class _ProjectMemberJson(TypedDict):
    """The Rust type ``ProjectMember`` in its serde JSON form."""

    agent: str
    role: ProjectRole


class _SeriesJson(TypedDict):
    """The Rust type ``Series`` in its serde JSON form."""

    uid: str
    name: str
    publisher: NotRequired[Optional[str]]


class _ConceptJson(TypedDict):
    """The Rust type ``Concept`` in its serde JSON form."""

    uid: str
    scheme: Scheme
    broader: NotRequired[Optional[str]]
    labels: Dict[str, str]
    alt_labels: NotRequired[List[_LabelJson]]
    identifiers: NotRequired[List[_IdentifierJson]]
    ambiguous: NotRequired[List[_LabelJson]]


class _LabelJson(TypedDict):
    """The Rust type ``Label`` in its serde JSON form."""

    language: str
    label: str


class _RelationJson(TypedDict):
    """The Rust type ``Relation`` in its serde JSON form."""

    source: str
    type: RelationType
    target: str


class _PublicationRecordJson(TypedDict):
    """The Rust type ``PublicationRecord`` in its serde JSON form."""

    uid: str
    work: str
    language: str
    original: bool
    title: str
    subtitle: Optional[str]
    summary: Optional[str]
    summary_is_excerpt: bool
    body: Optional[str]
    kind: Kind
    pages: Optional[int]
    date: Optional[_DateInfoJson]
    series: Optional[_SeriesRefJson]
    contributors: List[_ContributorRecordJson]
    projects: List[_ProjectRefJson]
    concepts: List[_ConceptRefJson]
    identifiers: List[_IdentifierJson]
    links: List[_LinkJson]
    translations: List[_TranslationRefJson]
    relations: List[_RelatedRecordJson]
    created_at: str
    updated_at: str


class _DateInfoJson(TypedDict):
    """The Rust type ``DateInfo`` in its serde JSON form."""

    edtf: str
    lower: str
    upper: str
    precision: str


class _SeriesRefJson(TypedDict):
    """The Rust type ``SeriesRef`` in its serde JSON form."""

    uid: str
    name: str
    number: Optional[str]


class _ContributorRecordJson(TypedDict):
    """The Rust type ``ContributorRecord`` in its serde JSON form."""

    agent: str
    name: str
    agent_kind: AgentKind
    role: Role
    affiliation: Optional[str]


class _ProjectRefJson(TypedDict):
    """The Rust type ``ProjectRef`` in its serde JSON form."""

    uid: str
    name: str
    acronym: Optional[str]


class _ConceptRefJson(TypedDict):
    """The Rust type ``ConceptRef`` in its serde JSON form."""

    uid: str
    scheme: Scheme
    labels: Dict[str, str]
    matched_label: NotRequired[Optional[str]]


class _TranslationRefJson(TypedDict):
    """The Rust type ``TranslationRef`` in its serde JSON form."""

    uid: str
    language: str
    title: str
    original: bool


class _RelatedRecordJson(TypedDict):
    """The Rust type ``RelatedRecord`` in its serde JSON form."""

    type: RelationType
    uid: str
    title: str
    language: str


class _ProjectRecordJson(TypedDict):
    """The Rust type ``ProjectRecord`` in its serde JSON form."""

    uid: str
    name: str
    acronym: NotRequired[Optional[str]]
    summary: NotRequired[Optional[str]]
    url: NotRequired[Optional[str]]
    date: NotRequired[Optional[str]]
    members: NotRequired[List[_ProjectMemberJson]]
    date_info: Optional[_DateInfoJson]
    member_records: List[_ProjectMemberRecordJson]
    publications: List[_PublicationRefJson]


class _ProjectMemberRecordJson(TypedDict):
    """The Rust type ``ProjectMemberRecord`` in its serde JSON form."""

    agent: str
    name: str
    role: ProjectRole


class _PublicationRefJson(TypedDict):
    """The Rust type ``PublicationRef`` in its serde JSON form."""

    uid: str
    title: str
    language: str
    kind: Kind
    date: Optional[str]
    role: Optional[Role]


class _AgentRecordJson(TypedDict):
    """The Rust type ``AgentRecord`` in its serde JSON form."""

    uid: str
    kind: AgentKind
    name: str
    given: NotRequired[Optional[str]]
    family: NotRequired[Optional[str]]
    acronym: NotRequired[Optional[str]]
    names: NotRequired[List[str]]
    identifiers: NotRequired[List[_IdentifierJson]]
    merged: List[str]
    publications: List[_PublicationRefJson]
    projects: List[_ProjectRefJson]


class _ConceptNodeJson(TypedDict):
    """The Rust type ``ConceptNode`` in its serde JSON form."""

    uid: str
    scheme: Scheme
    broader: NotRequired[Optional[str]]
    labels: Dict[str, str]
    alt_labels: NotRequired[List[_LabelJson]]
    identifiers: NotRequired[List[_IdentifierJson]]
    ambiguous: NotRequired[List[_LabelJson]]
    publication_count: int
    narrower: List[_ConceptNodeJson]


class _StatsJson(TypedDict):
    """The Rust type ``Stats`` in its serde JSON form."""

    publications: int
    works: int
    multilingual_works: int
    agents: int
    projects: int
    series: int
    concepts: int
    relations: int
    version: int
    by_language: Dict[str, int]
    by_kind: Dict[str, int]
    by_year: Dict[str, int]


class _ChangesJson(TypedDict):
    """The Rust type ``Changes`` in its serde JSON form."""

    version: int
    changes: List[_ChangeRecordJson]


class _ChangeRecordJson(TypedDict):
    """The Rust type ``ChangeRecord`` in its serde JSON form."""

    entity: str
    uid: str
    op: ChangeOp
    version: int


class _QueryJson(TypedDict):
    """The Rust type ``Query`` in its serde JSON form."""

    text: NotRequired[Optional[str]]
    languages: NotRequired[List[str]]
    kinds: NotRequired[List[Kind]]
    projects: NotRequired[List[str]]
    agents: NotRequired[List[str]]
    agent_roles: NotRequired[List[Role]]
    series: NotRequired[List[str]]
    concepts: NotRequired[List[str]]
    date_from: NotRequired[Optional[str]]
    date_to: NotRequired[Optional[str]]
    prefer_languages: NotRequired[List[str]]
    sort: NotRequired[Optional[Sort]]
    limit: NotRequired[Optional[int]]
    cursor: NotRequired[Optional[str]]
    facets: NotRequired[List[Facet]]
    fuzzy: NotRequired[bool]


class _SearchPageJson(TypedDict):
    """The Rust type ``SearchPage`` in its serde JSON form."""

    total: int
    hits: List[_HitJson]
    facets: Dict[str, List[_FacetCountJson]]
    next_cursor: Optional[str]
    suggestions: List[str]


class _HitJson(TypedDict):
    """The Rust type ``Hit`` in its serde JSON form."""

    uid: str
    work: str
    title: str
    language: str
    kind: Kind
    date: Optional[str]
    year: Optional[int]
    authors: List[str]
    projects: List[_ProjectRefJson]
    score: float
    snippet: Optional[str]
    other_languages: List[_TranslationRefJson]
    matched_concepts: List[_ConceptMatchJson]


class _ConceptMatchJson(TypedDict):
    """The Rust type ``ConceptMatch`` in its serde JSON form."""

    query: str
    concept: str
    label: str
    found: Optional[str]


class _FacetCountJson(TypedDict):
    """The Rust type ``FacetCount`` in its serde JSON form."""

    value: str
    label: str
    count: int


class _TypeAheadJson(TypedDict):
    """The Rust type ``TypeAhead`` in its serde JSON form."""

    completions: List[_CompletionJson]
    hits: List[_HitJson]
    order: Sort


class _CompletionJson(TypedDict):
    """The Rust type ``Completion`` in its serde JSON form."""

    word: str
    publications: int


class _ImportSummaryJson(TypedDict):
    """The Rust type ``ImportSummary`` in its serde JSON form."""

    added: int
    updated: int
    unchanged: int
    publications: _CountsJson
    agents: _CountsJson
    series: _CountsJson
    projects: _CountsJson
    concepts: _CountsJson
    relations: _CountsJson


class _CountsJson(TypedDict):
    """The Rust type ``Counts`` in its serde JSON form."""

    added: int
    updated: int
    unchanged: int


class _ImportOptionsJson(TypedDict):
    """The Rust type ``ImportOptions`` in its serde JSON form."""

    format: Format
    dry_run: bool
    on_conflict: Optional[OnConflict]
    lenient: bool
    tag: Optional[bool]
    link_translations: bool


class _ImportReportJson(TypedDict):
    """The Rust type ``ImportReport`` in its serde JSON form."""

    summary: _ImportSummaryJson
    format: Format
    on_conflict: Optional[OnConflict]
    dry_run: bool
    written: bool
    changes: List[_RecordChangeJson]
    conflicts: List[_ConflictJson]
    unplaced: List[_UnplacedLineJson]
    tagging: Optional[_TaggingSummaryJson]
    links: Optional[_LinkSummaryJson]


class _RecordChangeJson(TypedDict):
    """The Rust type ``RecordChange`` in its serde JSON form."""

    entity: str
    uid: str
    outcome: Upsert
    fields: List[_FieldChangeJson]


class _FieldChangeJson(TypedDict):
    """The Rust type ``FieldChange`` in its serde JSON form."""

    field: str
    old: str
    new: str


class _ConflictJson(TypedDict):
    """The Rust type ``Conflict`` in its serde JSON form."""

    uid: str
    field: str
    stored: str
    incoming: str
    resolution: str


class _UnplacedLineJson(TypedDict):
    """The Rust type ``UnplacedLine`` in its serde JSON form."""

    line: int
    text: str
    reason: str


class _TaggingSummaryJson(TypedDict):
    """The Rust type ``TaggingSummary`` in its serde JSON form."""

    publications: int
    changed: int
    added: int
    removed: int


class _LinkSummaryJson(TypedDict):
    """The Rust type ``LinkSummary`` in its serde JSON form."""

    linked: List[_TranslationSuggestionJson]
    publications: int


class _TranslationSuggestionJson(TypedDict):
    """The Rust type ``TranslationSuggestion`` in its serde JSON form."""

    uids: List[str]
    languages: List[str]
    titles: List[str]
    score: float
    evidence: List[_EvidenceJson]


class _EvidenceJson(TypedDict):
    """The Rust type ``Evidence`` in its serde JSON form."""

    kind: EvidenceKind
    detail: str
    weight: float


class _ExportSummaryJson(TypedDict):
    """The Rust type ``ExportSummary`` in its serde JSON form."""

    publications: int
    agents: int
    series: int
    projects: int
    concepts: int
    relations: int


class _CatalogDocumentJson(TypedDict):
    """The Rust type ``CatalogDocument`` in its serde JSON form."""

    format: str
    version: int
    agents: List[_AgentJson]
    series: List[_SeriesJson]
    projects: List[_ProjectJson]
    concepts: List[_ConceptJson]
    publications: List[_PublicationJson]
    relations: List[_RelationJson]


class _CheckReportJson(TypedDict):
    """The Rust type ``CheckReport`` in its serde JSON form."""

    checks: List[_CheckResultJson]


class _CheckResultJson(TypedDict):
    """The Rust type ``CheckResult`` in its serde JSON form."""

    name: str
    ok: bool
    details: List[str]


class _RepairSummaryJson(TypedDict):
    """The Rust type ``RepairSummary`` in its serde JSON form."""

    publications_indexed: int
    agent_counts_fixed: int


class _SuggestOptionsJson(TypedDict):
    """The Rust type ``SuggestOptions`` in its serde JSON form."""

    min_score: NotRequired[Optional[float]]
    only: NotRequired[List[str]]
    limit: NotRequired[Optional[int]]
