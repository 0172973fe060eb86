"""The Python API: opening, searching, reading, writing, import/export, records."""

from __future__ import annotations

import datetime as dt
import io
import json
import pathlib

import pytest

import pubcat
from pubcat import models


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
    assert isinstance(hit.authors, list)
    french = demo.search(languages="fr", limit=50)
    assert french.total >= 1 and all(h.language.startswith("fr") for h in french)
    madini = demo.search(projects="madini", limit=50)
    assert madini.total == 2
    assert all(any(p.uid == "madini" for p in h.projects) for h in madini)
    both = demo.search(projects=["madini"], languages=["en"], limit=50)
    assert both.total <= madini.total


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
    assert [h.uid for h in by_text] == [h.uid for h in by_date]
    for hit in by_text:
        assert hit.year is not None and 2012 <= hit.year <= 2016


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
    assert all(isinstance(k, str) for k in stats.to_dict()["by_language"])
    assert all(isinstance(k, int) for k in stats.by_year)


def test_reads_of_every_entity(demo: pubcat.Catalog) -> None:
    projects = demo.projects()
    assert [p.uid for p in projects] == ["madini"]
    madini = demo.project("madini")
    assert madini == projects[0]
    assert len(madini.publications) == 2 and madini.member_records
    agents = demo.agents()
    assert "ipis" in {a.uid for a in agents}
    ipis = demo.agent("ipis")
    assert isinstance(ipis, pubcat.AgentRecord) and ipis.publications
    trees = demo.concepts()
    minerals = demo.concepts("mineral")
    assert minerals and all(n.scheme == "mineral" for n in minerals)
    assert {n.scheme for n in trees} >= {"mineral"}
    assert all(isinstance(n, models.ConceptNode) for root in trees for n in root.walk())
    cobalt = demo.concept("cobalt")
    assert cobalt.label("fr") == "Cobalt"
    multi = [p for p in demo.search(limit=50) if p.other_languages]
    assert multi
    translations = demo.translations(multi[0].uid)
    assert {t.uid for t in translations} == {t.uid for t in multi[0].other_languages} | {multi[0].uid}
    assert isinstance(demo.related(multi[0].uid), list)
    assert demo.series_list() == [demo.series(s.uid) for s in demo.series_list()]
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


def test_import_and_export(tmp_path: pathlib.Path, demo: pubcat.Catalog) -> None:
    doc = demo.export_document()
    assert doc["format"] == "pubcat" and len(doc["publications"]) == 7
    path = tmp_path / "all.json"
    demo.export(path)
    with pubcat.Catalog.in_memory() as cat:
        summary = cat.import_file(path)
        assert isinstance(summary, pubcat.ImportSummary) and summary.added > 0
        assert cat.import_file(path, format="json").unchanged == summary.added
        assert cat.stats().publications == 7
    buf = io.StringIO()
    demo.export(buf, "json", projects="madini")
    assert len(json.loads(buf.getvalue())["publications"]) == 2
    raw = io.BytesIO()
    demo.export(raw, "json", "cobalt")
    assert json.loads(raw.getvalue())["publications"]
    assert len(demo.export_document(projects="madini")["publications"]) == 2
    with pubcat.Catalog.in_memory() as cat:
        assert cat.import_document(doc).added > 0
        assert cat.export_document() == doc
    with pytest.raises(pubcat.InvalidInputError):
        demo.export(tmp_path / "x.xyz", "xyz")
    with pytest.raises(pubcat.InvalidInputError):
        demo.export(tmp_path / "x.txt", "auto")
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
