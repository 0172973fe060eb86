"""The Python API: opening, searching, reading, writing, import/export, records."""

from __future__ import annotations

import datetime as dt
import io
import json
import pathlib

import pytest

import pubcat
from pubcat import models

M23 = "ipis-mapping-conflict-motives-m23-2012"
MADINI = {"madini-enabling-environment-review", "madini-conflict-analysis-south-kivu-ituri"}
PERCEPTIONS = {"conflict-minerals-perceptions-fr", "conflict-minerals-perceptions-en"}
# examples/data/demo-catalog.json: its series, by uid.
DEMO_SERIES = [
    ("ipis-due-diligence", "IPIS Due Diligence series", "ipis"),
    ("mapping-conflict-motives", "Mapping Conflict Motives", "ipis"),
]


def test_open_file_context_manager_and_reopen(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "cat.db"
    with pubcat.Catalog(path) as cat:
        assert cat.path == str(path) and not cat.read_only and not cat.closed
        assert cat.upsert_agent(pubcat.Agent(uid="ipis", kind="organization", name="IPIS")) == "added"
        assert cat.upsert_agent({"uid": "ipis", "kind": "organization", "name": "IPIS"}) == "unchanged"
    assert cat.closed
    cat.close()  # idempotent
    with pubcat.Catalog(str(path)) as again:
        assert [a.uid for a in again.agents()] == ["ipis"]
    with pubcat.Catalog.open_read_only(path) as ro:
        assert ro.read_only
        assert ro.stats().agents == 1
        with pytest.raises(pubcat.InvalidInputError):
            ro.upsert_series({"uid": "s", "name": "S"})
    assert "closed" in repr(ro)


def test_demo_file_and_backup(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "demo.db"
    with pubcat.demo(path) as cat:
        assert cat.stats().publications == 7
        cat.backup(tmp_path / "copy.db")
        with pytest.raises(pubcat.ConflictError):
            cat.backup(tmp_path / "copy.db")
    with pytest.raises(pubcat.ConflictError):
        pubcat.demo(path)
    with pubcat.Catalog(tmp_path / "copy.db") as copy:
        assert copy.stats().publications == 7


def test_search_text_filters_and_iteration(demo: pubcat.Catalog) -> None:
    page = demo.search("cobalt")
    assert isinstance(page, pubcat.SearchPage)
    assert page.total >= 1 and len(page) == len(page.hits)
    assert page.hits[0].uid == "ipis-dd-cobalt-3t-comparative-analysis"
    assert [h.uid for h in page] == [h.uid for h in page.hits]
    hit = page.hits[0]
    assert hit.score > 0 and hit.snippet and "<mark>" in hit.snippet
    assert hit.authors == [demo.agent("ipis").name]
    french = demo.search(languages="fr", limit=50)
    assert french.total >= 1 and all(h.language.startswith("fr") for h in french)
    madini = demo.search(projects="madini", limit=50)
    assert madini.total == 2
    assert all(any(p.uid == "madini" for p in h.projects) for h in madini)
    assert {h.uid for h in madini} == MADINI
    both = demo.search(projects=["madini"], languages=["en"], limit=50)
    assert {h.uid for h in both} == MADINI and both.total == 2
    assert demo.search(projects=["madini"], languages=["fr"]).total == 0


def test_search_pages_cursor_facets_and_sort(demo: pubcat.Catalog) -> None:
    first = demo.search(limit=2, sort="title", facets=["language", "kind", "year"])
    assert first.total == 7 and len(first) == 2 and first.next_cursor
    assert set(first.facets) == {"language", "kind", "year"}
    assert sum(c.count for c in first.facets["language"]) == 7
    uids = [h.uid for h in first]
    cursor = first.next_cursor
    while cursor:
        page = demo.search(limit=2, sort="title", facets=["language", "kind", "year"], cursor=cursor)
        uids += [h.uid for h in page]
        cursor = page.next_cursor
    assert len(uids) == 7 == len(set(uids))
    titles = [demo.publication(u).title.lower() for u in uids]
    assert titles == sorted(titles)
    assert [h.uid for h in demo.iter_hits(sort="title", limit=3)] == uids


def test_prefer_languages_collapses_works(demo: pubcat.Catalog) -> None:
    page = demo.search(prefer_languages=["fr", "en"], limit=50)
    assert page.total == 6
    assert len({h.work for h in page}) == 6


def test_date_filters_accept_dates(demo: pubcat.Catalog) -> None:
    by_text = demo.search(date_from="2012", date_to="2016", limit=50)
    by_date = demo.search(date_from=dt.date(2012, 1, 1), date_to=dt.date(2016, 12, 31), limit=50)
    assert [h.uid for h in by_text] == [h.uid for h in by_date] == [M23]
    assert [h.year for h in by_text] == [2012]
    assert demo.search(date_from=dt.date(2012, 12, 31)).total == 1
    assert demo.search(date_from=dt.date(2013, 1, 1)).total == 0
    assert demo.search(date_to=dt.date(2011, 12, 31)).total == 0


# (uid, EDTF date) in insertion order: two ties on 2019, two undated.
DATED = [("y2019-a", "2019"), ("undated-a", None), ("m2021-07", "2021-07"), ("d2021-07-15", "2021-07-15"),
         ("i2016-2017", "2016/2017"), ("approx-2012", "2012~"), ("y2019-b", "2019"), ("undated-b", None)]
# Hand-written from the rule: by the lower bound of the date; ties by insertion (later first when
# newest first, earlier first when oldest first); undated last in both.
NEWEST_FIRST = ["d2021-07-15", "m2021-07", "y2019-b", "y2019-a", "i2016-2017", "approx-2012", "undated-b", "undated-a"]
OLDEST_FIRST = ["approx-2012", "i2016-2017", "y2019-a", "y2019-b", "m2021-07", "d2021-07-15", "undated-a", "undated-b"]


def _dated(cat: pubcat.Catalog) -> None:
    for uid, date in DATED:
        assert cat.upsert_publication({"uid": uid, "language": "en", "title": f"Report {uid}", "kind": "report",
                                       **({"date": date} if date else {})}) == "added"


def test_date_sorts_exact_order_ties_and_undated(empty: pubcat.Catalog) -> None:
    _dated(empty)
    assert [h.uid for h in empty.search()] == NEWEST_FIRST  # no text: newest first
    assert [h.uid for h in empty.search(sort="date_desc")] == NEWEST_FIRST
    assert [h.uid for h in empty.search(sort="date_asc")] == OLDEST_FIRST
    for limit in (1, 3):  # keyset pages across the ties and the undated ones
        assert [h.uid for h in empty.iter_hits(sort="date_desc", limit=limit)] == NEWEST_FIRST
        assert [h.uid for h in empty.iter_hits(sort="date_asc", limit=limit)] == OLDEST_FIRST


def test_date_filters_select_overlapping_spans(empty: pubcat.Catalog) -> None:
    _dated(empty)

    def uids(**dates: str) -> list:
        return [h.uid for h in empty.search(sort="date_asc", **dates)]

    # [2017-06-01, 2021-07-10]: 2016/2017 ends inside, 2021-07 starts inside, 2021-07-15 is after.
    assert uids(date_from="2017-06", date_to="2021-07-10") == ["i2016-2017", "y2019-a", "y2019-b", "m2021-07"]
    assert uids(date_from="2021-07-15") == ["m2021-07", "d2021-07-15"]
    assert uids(date_to="2012") == ["approx-2012"]
    assert uids(date_from="2022") == []


def test_publication_record_and_dates(empty: pubcat.Catalog) -> None:
    empty.upsert_agent(pubcat.Agent(uid="a", kind="person", name="Ann Author"))
    for uid, date in [("day", "2024-02-15"), ("month", "2021-07"), ("year", "2012~"), ("none", None)]:
        empty.upsert_publication(pubcat.Publication(
            uid=uid, language="en", title=f"Title {uid}", kind="report", date=date,
            contributors=[pubcat.Contributor(agent="a", role="author")],
        ))
    day = empty.publication("day")
    assert day.date == dt.date(2024, 2, 15) and day.date_precision == "day"
    assert day.date_lower == day.date_upper == dt.date(2024, 2, 15)
    month = empty.publication("month")
    assert month.date == "2021-07" and month.date_edtf == "2021-07"
    assert (month.date_lower, month.date_upper) == (dt.date(2021, 7, 1), dt.date(2021, 7, 31))
    year = empty.publication("year")
    assert year.date == "2012~" and year.date_upper == dt.date(2012, 12, 31)
    none = empty.publication("none")
    assert none.date is None and none.date_lower is None and none.date_info is None
    assert day.authors == ["Ann Author"] and day.contributors[0].name == "Ann Author"
    assert isinstance(day.created_at, dt.datetime) and day.created_at.tzinfo is not None
    hits = {h.uid: h for h in empty.search(limit=10)}
    assert hits["day"].date == dt.date(2024, 2, 15) and hits["month"].date == "2021-07"
    written = empty.publication_as_written("day")
    assert isinstance(written, pubcat.Publication) and written.date == dt.date(2024, 2, 15)
    assert written.to_dict()["date"] == "2024-02-15"


def test_to_dict_is_the_serde_shape(demo: pubcat.Catalog) -> None:
    record = demo.publication("ipis-dd-cobalt-3t-comparative-analysis")
    data = record.to_dict()
    assert data["uid"] == record.uid
    assert set(data) >= {"uid", "work", "language", "original", "title", "kind", "date", "series",
                         "contributors", "projects", "concepts", "translations", "relations",
                         "created_at", "updated_at"}
    json.dumps(data)  # plain JSON types only
    data["title"] = "changed"
    assert record.title != "changed", "to_dict returns a copy"
    stats = demo.stats()
    assert stats.to_dict()["by_language"] == {"en": 6, "fr": 1}
    assert stats.by_year == {2012: 1}


def test_reads_of_every_entity(demo: pubcat.Catalog) -> None:
    projects = demo.projects()
    assert [p.uid for p in projects] == ["madini"]
    madini = demo.project("madini")
    assert madini == projects[0]
    assert len(madini.publications) == 2 and madini.member_records
    agents = demo.agents()
    assert {a.uid for a in agents} == {"european-ngo-coalition", "ipis", "levin-sources"}
    ipis = demo.agent("ipis")
    assert isinstance(ipis, pubcat.AgentRecord) and ipis.publications
    trees = demo.concepts()
    minerals = demo.concepts("mineral")
    # The demo holds the shipped vocabularies: 3TG at the top, 3T and gold under it.
    assert {"3tg", "cobalt"} <= {n.uid for n in minerals} and "gold" not in {n.uid for n in minerals}
    assert all(n.scheme == "mineral" for n in minerals)
    three_tg = next(n for n in minerals if n.uid == "3tg")
    assert {n.uid for n in three_tg.narrower} >= {"3t", "gold"}
    three_t = next(n for n in three_tg.narrower if n.uid == "3t")
    assert {n.uid for n in three_t.narrower} == {"tin", "tantalum", "tungsten"}
    assert {n.scheme for n in trees} == {"mineral", "place", "actor", "theme"}
    nodes = [n for root in trees for n in root.walk()]
    assert len(nodes) == demo.stats().concepts == 232
    assert all(isinstance(n, models.ConceptNode) for n in nodes)
    cobalt = demo.concept("cobalt")
    assert cobalt.label("fr") == "Cobalt"
    multi = [p for p in demo.search(limit=50) if p.other_languages]
    assert {p.uid for p in multi} == PERCEPTIONS
    translations = demo.translations(multi[0].uid)
    assert {t.uid for t in translations} == {t.uid for t in multi[0].other_languages} | {multi[0].uid} == PERCEPTIONS
    assert demo.related(multi[0].uid) == []  # the demo has no relations
    series = demo.series_list()
    assert [(s.uid, s.name, s.publisher) for s in series] == DEMO_SERIES
    for uid, name, publisher in DEMO_SERIES:
        one = demo.series(uid)
        assert (one.uid, one.name, one.publisher) == (uid, name, publisher)
    with pytest.raises(pubcat.InvalidInputError):
        demo.concepts("planets")


def test_writes_relations_merge_and_changes(empty: pubcat.Catalog) -> None:
    v0 = empty.version()
    empty.upsert_agent({"uid": "a1", "kind": "person", "name": "A. One"})
    empty.upsert_agent({"uid": "a2", "kind": "person", "name": "Alice One"})
    empty.upsert_series(pubcat.Series(uid="s", name="Series"))
    empty.upsert_project(pubcat.Project(uid="p", name="Project", members=[pubcat.ProjectMember(agent="a1", role="partner")]))
    empty.upsert_concept(pubcat.Concept(uid="gold", scheme="mineral", labels={"en": "Gold", "fr": "Or"}))
    base = dict(kind="report", contributors=[{"agent": "a1", "role": "author"}], projects=["p"], concepts=["gold"])
    assert empty.upsert_publication(pubcat.Publication(uid="en", language="en", title="Gold report", **base)) == "added"
    assert empty.upsert_publication(pubcat.Publication(uid="fr", language="fr", title="Rapport or", **base)) == "added"
    assert empty.upsert_publication(pubcat.Publication(uid="v2", language="en", title="Gold report 2023", **base)) == "added"
    empty.link_translation("en", "fr")
    assert [t.uid for t in empty.translations("en")] == ["en", "fr"]
    empty.add_relation(pubcat.Relation(source="v2", type="IsNewVersionOf", target="en"))
    related = empty.related("en")
    assert [(r.type, r.uid) for r in related] == [("IsPreviousVersionOf", "v2")]
    assert len(empty.relations()) == 1
    empty.remove_relation({"source": "v2", "type": "IsNewVersionOf", "target": "en"})
    assert empty.related("en") == []
    empty.merge_agents("a1", "a2")
    assert empty.agent("a1").uid == "a2"
    assert empty.publication("en").contributors[0].agent == "a2"
    changes = empty.changes_since(v0)
    assert changes.version == empty.version() > v0
    assert {(c.entity, c.uid) for c in changes} >= {("publication", "en"), ("agent", "a1")}
    assert len(changes) == len(changes.changes)
    empty.delete_publication("v2")
    with pytest.raises(pubcat.NotFoundError):
        empty.publication("v2")
    empty.delete_publication("en")
    empty.delete_publication("fr")
    empty.delete_concept("gold")
    empty.delete_project("p")
    empty.delete_series("s")
    empty.delete_agent("a2")
    assert empty.stats().agents == 0


def test_remove_relation(empty: pubcat.Catalog) -> None:
    for uid, title in [("m23-2012", "M23"), ("m23-2013", "M23: 2013 update")]:
        assert empty.upsert_publication({"uid": uid, "language": "en", "title": title, "kind": "report"}) == "added"
    assert empty.related("m23-2012") == []
    newer = pubcat.Relation(source="m23-2013", type="IsNewVersionOf", target="m23-2012")
    empty.add_relation(newer)
    assert [(r.type, r.uid, r.title) for r in empty.related("m23-2012")] == [("IsPreviousVersionOf", "m23-2013", "M23: 2013 update")]
    assert [(r.type, r.uid) for r in empty.related("m23-2013")] == [("IsNewVersionOf", "m23-2012")]
    assert [r.to_dict() for r in empty.relations()] == [newer.to_dict()]
    version = empty.version()
    # Given in the other direction: the same relation.
    assert empty.remove_relation({"source": "m23-2012", "type": "IsPreviousVersionOf", "target": "m23-2013"}) is None
    assert empty.related("m23-2012") == [] and empty.related("m23-2013") == []
    assert empty.relations() == [] and empty.stats().relations == 0
    assert [(c.entity, c.op) for c in empty.changes_since(version)] == [("relation", "delete")]
    # Removing it again: the core's not_found, and nothing is written.
    version = empty.version()
    with pytest.raises(pubcat.NotFoundError) as info:
        empty.remove_relation(newer)
    assert info.value.kind == "not_found" and "relation" in str(info.value)
    with pytest.raises(pubcat.NotFoundError) as info:
        empty.remove_relation({"source": "m23-2013", "type": "IsNewVersionOf", "target": "ghost"})
    assert info.value.kind == "not_found"
    assert empty.version() == version


def test_import_and_export(tmp_path: pathlib.Path, demo: pubcat.Catalog) -> None:
    doc = demo.export_document()
    assert doc["format"] == "pubcat" and len(doc["publications"]) == 7
    path = tmp_path / "all.json"
    demo.export(path)
    with pubcat.Catalog.in_memory() as cat:
        summary = cat.import_file(path)  # an ImportReport, which reads like the ImportSummary
        assert isinstance(summary, pubcat.ImportReport) and summary.added > 0
        assert isinstance(summary.summary, pubcat.ImportSummary) and summary.summary.added == summary.added
        assert cat.import_file(path, format="json").unchanged == summary.added
        assert cat.stats().publications == 7
    buf = io.StringIO()
    demo.export(buf, "json", projects="madini")
    assert len(json.loads(buf.getvalue())["publications"]) == 2
    raw = io.BytesIO()
    demo.export(raw, "json", "cobalt")
    cobalt = {h.uid for h in demo.iter_hits("cobalt")}
    assert "ipis-dd-cobalt-3t-comparative-analysis" in cobalt
    assert {p["uid"] for p in json.loads(raw.getvalue())["publications"]} == cobalt
    assert len(demo.export_document(projects="madini")["publications"]) == 2
    with pubcat.Catalog.in_memory() as cat:
        assert cat.import_document(doc).added > 0
        assert cat.export_document() == doc
    with pytest.raises(pubcat.InvalidInputError):
        demo.export(tmp_path / "x.xyz", "xyz")
    with pytest.raises(pubcat.InvalidInputError):
        demo.export(tmp_path / "x.xyz", "auto")  # `auto` exports follow the path's extension
    demo.export(tmp_path / "x.ris", "auto")
    assert (tmp_path / "x.ris").read_text(encoding="utf-8").startswith("TY  - ")
    with pytest.raises(pubcat.InvalidInputError):
        demo.export(io.BytesIO(), "auto")  # a file object has no name to guess from
    with pytest.raises(pubcat.InvalidInputError):
        demo.import_file(path, format="docx")


@pytest.mark.parametrize("fmt,ext", [("jsonl", "jsonl"), ("csv", "csv"), ("csl-json", "csl.json"),
                                     ("bibtex", "bib"), ("ris", "ris"), ("listing", "txt")])
def test_every_format_round_trips_its_publications(tmp_path: pathlib.Path, demo: pubcat.Catalog,
                                                   fmt: str, ext: str) -> None:
    path = tmp_path / f"out.{ext}"
    demo.export(path, fmt)
    data = path.read_bytes()
    assert data.strip()
    stream = io.StringIO(newline="")
    demo.export(stream, fmt)
    assert stream.getvalue().encode("utf-8") == data
    with pubcat.Catalog.in_memory() as cat:
        # The agents, series, projects and concepts the publications refer to (CSV refers by uid).
        cat.import_document({**demo.export_document(), "publications": [], "relations": []})
        summary = cat.import_file(path)  # auto: guessed from the name and content
        assert summary.added + summary.updated >= 1
        titles = {h.title for h in cat.iter_hits()}
        if fmt == "jsonl":
            assert cat.export_document() == demo.export_document()
        else:
            assert titles <= {h.title for h in demo.iter_hits()} and len(titles) >= 6, titles
    selection = io.BytesIO()
    demo.export(selection, fmt, projects="madini")
    assert 0 < len(selection.getvalue()) < len(data)


def test_record_constructors_repr_and_equality() -> None:
    pub = pubcat.Publication(uid="x", language="en", title="T", kind="report", date=dt.date(2020, 5, 1))
    assert pub.to_dict() == {"uid": "x", "language": "en", "title": "T", "kind": "report", "date": "2020-05-01"}
    assert pub.date == dt.date(2020, 5, 1) and pub.contributors == [] and pub.original is False
    assert repr(pub).startswith("Publication(uid='x'")
    assert pub == pubcat.Publication({"uid": "x", "language": "en", "title": "T", "kind": "report", "date": "2020-05-01"})
    with pytest.raises(TypeError):
        hash(pub)
    assert "<table" in pub._repr_html_()


def test_version_and_module_surface() -> None:
    assert isinstance(pubcat.__version__, str) and pubcat.SCHEMA_VERSION >= 1
    for name in pubcat.__all__:
        assert hasattr(pubcat, name), name
