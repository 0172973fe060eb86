"""Curation from Python (issue 13): unlink, tag/untag, set_field, merging series and
publications (redirects), vocabularies, imports with options and their report, and a backup of
a read-only catalogue. Expected values follow examples/data/demo-catalog.json."""

from __future__ import annotations

import datetime as dt
import io
import json
import pathlib

import pytest

import pubcat

M23 = "ipis-mapping-conflict-motives-m23-2012"
EN = "conflict-minerals-perceptions-en"
FR = "conflict-minerals-perceptions-fr"
RIS = "TY  - RPRT\nTI  - Mapping Conflict Motives: M23\nPY  - 2012\nAB  - New summary\nER  - \n"


def _concepts(cat: pubcat.Catalog, uid: str = M23) -> set:
    return {c.uid for c in cat.publication(uid).concepts}


def test_unlink_translation(demo: pubcat.Catalog) -> None:
    demo.unlink_translation(FR)
    assert [t.uid for t in demo.translations(FR)] == [FR]
    assert [t.uid for t in demo.translations(EN)] == [EN]
    assert demo.stats().works == 7
    version = demo.version()
    assert demo.unlink_translation(FR) is None  # a lone version: nothing changes
    assert demo.version() == version
    demo.link_translation(EN, FR)
    assert {t.uid for t in demo.translations(FR)} == {EN, FR}
    with pytest.raises(pubcat.NotFoundError):
        demo.unlink_translation("nope")


def test_tag_and_untag(demo: pubcat.Catalog) -> None:
    assert _concepts(demo) == {"m23", "goma", "conflict-analysis"}
    assert demo.tag(M23, ["gold", "m23"]) == "updated"
    assert demo.tag(M23, "gold") == "unchanged"  # one uid is a list of one
    assert _concepts(demo) == {"m23", "goma", "conflict-analysis", "gold"}
    assert demo.search(concepts="gold").total == 2
    assert demo.untag(M23, ("goma",)) == "updated"
    assert demo.untag(M23, "goma") == "unchanged"
    version = demo.version()
    with pytest.raises(pubcat.NotFoundError) as info:
        demo.tag(M23, ["tin", "atlantis"])
    assert info.value.kind == "not_found" and "atlantis" in str(info.value)
    with pytest.raises(pubcat.NotFoundError):
        demo.untag("nope", "gold")
    assert demo.version() == version
    assert _concepts(demo) == {"m23", "conflict-analysis", "gold"}


def test_set_field_takes_python_values(demo: pubcat.Catalog) -> None:
    fields = pubcat.Catalog.publication_fields()
    assert fields == demo.publication_fields()
    assert {"title", "date", "pages", "concepts", "contributors", "series_number"} <= set(fields)
    assert demo.set_field(M23, "pages", 28) == "updated"
    assert demo.set_field(M23, "pages", "28") == "unchanged"  # text read as JSON, as on the command line
    assert demo.set_field(M23, "date", dt.date(2012, 11, 20)) == "updated"
    assert demo.set_field(M23, "concepts", ["m23", "gold"]) == "updated"
    assert demo.set_field(M23, "original", True) == "updated"
    assert demo.set_field(M23, "subtitle", "An update") == "updated"
    assert demo.set_field(M23, "title", "2012") == "updated"  # not a title as JSON: text
    contributors = [pubcat.Contributor(agent="ipis", role="author"), {"agent": "levin-sources", "role": "partner"}]
    assert demo.set_field(M23, "contributors", contributors) == "updated"
    p = demo.publication(M23)
    assert (p.pages, p.date, p.subtitle, p.title) == (28, dt.date(2012, 11, 20), "An update", "2012")
    assert {c.uid for c in p.concepts} == {"m23", "gold"}
    assert [(c.agent, c.role) for c in p.contributors] == [("ipis", "author"), ("levin-sources", "partner")]
    written = demo.publication_as_written(M23)
    assert written.original is True
    assert demo.set_field(M23, "subtitle", None) == "updated"
    assert demo.set_field(M23, "pages", "") == "updated"
    p = demo.publication(M23)
    assert p.subtitle is None and p.pages is None


@pytest.mark.parametrize("field,value,error", [
    ("date", "someday", pubcat.InvalidInputError),
    ("pages", 0, pubcat.InvalidInputError),
    ("pages", "many", pubcat.InvalidInputError),
    ("kind", "novel", pubcat.InvalidInputError),
    ("language", "xx", pubcat.InvalidInputError),
    ("title", None, pubcat.InvalidInputError),
    ("titel", "x", pubcat.InvalidInputError),
    ("uid", "m23", pubcat.InvalidInputError),
    ("concepts", ["atlantis"], pubcat.NotFoundError),
    ("series", "no-such-series", pubcat.NotFoundError),
])
def test_set_field_refuses_bad_values(demo: pubcat.Catalog, field: str, value: object, error: type) -> None:
    version = demo.version()
    before = demo.publication_as_written(M23)
    with pytest.raises(error):
        demo.set_field(M23, field, value)  # type: ignore[arg-type]
    assert demo.version() == version
    assert demo.publication_as_written(M23) == before


def test_merge_series_redirects(demo: pubcat.Catalog) -> None:
    assert demo.upsert_series(pubcat.Series(uid="ipis-dd-2", name="IPIS due diligence")) == "added"
    demo.set_field(M23, "series", "ipis-dd-2")
    assert demo.merge_series("ipis-dd-2", "ipis-due-diligence") is None
    assert demo.publication(M23).series.uid == "ipis-due-diligence"
    assert demo.series("ipis-dd-2").uid == "ipis-due-diligence"
    assert sorted(s.uid for s in demo.series_list()) == ["ipis-due-diligence", "mapping-conflict-motives"]
    with pytest.raises(pubcat.InvalidInputError):
        demo.merge_series("ipis-due-diligence", "ipis-due-diligence")
    with pytest.raises(pubcat.NotFoundError):
        demo.merge_series("nope", "ipis-due-diligence")


def test_merge_publications_fills_gaps_and_redirects(demo: pubcat.Catalog) -> None:
    demo.upsert_publication(pubcat.Publication(
        uid="m23-copy", language="en", title="Mapping conflict motives – M23", kind="report", pages=48,
        identifiers=[pubcat.Identifier(scheme="doi", value="10.1234/m23")], concepts=["tin"]))
    demo.upsert_publication(pubcat.Publication(
        uid="m23-copy-fr", work="m23-copy", language="fr", title="Cartographie des motivations : M23", kind="report"))
    demo.add_relation(pubcat.Relation(source="m23-copy", type="IsReferencedBy", target=EN))
    before = demo.publication(M23)
    demo.merge_publications("m23-copy", M23)
    merged = demo.publication("m23-copy")
    assert merged.uid == M23
    assert (merged.title, merged.summary) == (before.title, before.summary)  # the target keeps its values
    assert merged.pages == 48  # and takes the duplicate's where it has none
    assert [(i.scheme, i.value) for i in merged.identifiers] == [("doi", "10.1234/m23")]
    assert "tin" in {c.uid for c in merged.concepts}
    assert {t.uid for t in demo.translations(M23)} == {M23, "m23-copy-fr"}
    assert [(r.uid, r.type) for r in demo.related(M23)] == [(EN, "IsReferencedBy")]
    assert demo.stats().publications == 8
    with pytest.raises(pubcat.InvalidInputError):
        demo.merge_publications(M23, M23)
    with pytest.raises(pubcat.NotFoundError):
        demo.merge_publications("nope", M23)


def test_vocabularies_out_and_in(demo: pubcat.Catalog, tmp_path: pathlib.Path) -> None:
    places = demo.export_vocabulary("place")
    assert places["format"] == "pubcat" and places["publications"] == [] and places["agents"] == []
    assert len(places["concepts"]) == 124 and {c["scheme"] for c in places["concepts"]} == {"place"}
    assert len(demo.export_vocabulary()["concepts"]) == 232
    path = tmp_path / "places.json"
    path.write_text(json.dumps(places), encoding="utf-8")
    with pubcat.Catalog.in_memory() as fresh:
        summary = fresh.import_vocabulary(json.loads(path.read_text(encoding="utf-8")))
        assert isinstance(summary, pubcat.ImportSummary)
        assert summary.concepts.added == 124 and fresh.stats().concepts == 124
        assert fresh.import_vocabulary(places).unchanged == 124
        with pytest.raises(pubcat.InvalidInputError):
            fresh.import_vocabulary(demo.export_document())
        with pytest.raises(pubcat.InvalidInputError):
            demo.export_vocabulary("places")  # type: ignore[arg-type]


def test_import_file_returns_a_report_that_reads_like_the_summary(tmp_path: pathlib.Path, demo: pubcat.Catalog) -> None:
    path = tmp_path / "all.json"
    demo.export(path)
    with pubcat.Catalog.in_memory() as cat:
        report = cat.import_file(path)
        assert isinstance(report, pubcat.ImportReport)
        assert isinstance(report.summary, pubcat.ImportSummary)
        assert (report.added, report.updated, report.unchanged) == (
            report.summary.added, report.summary.updated, report.summary.unchanged)
        assert report.publications.added == 7 and report.agents == report.summary.agents
        assert report.format == "json" and report.on_conflict == "replace"
        assert report.written and not report.dry_run and report.changes == [] and report.conflicts == []
        assert "ImportReport(format='json'" in repr(report)
        assert report.to_dict()["summary"] == report.summary.to_dict()
        again = cat.import_file(path, "json")
        assert again.unchanged == report.added and again.added == 0


def test_import_dry_run_and_merge_policies(demo: pubcat.Catalog, tmp_path: pathlib.Path) -> None:
    version = demo.version()
    keep = demo.import_file(io.StringIO(RIS), dry_run=True)  # a text file object, format guessed
    assert (keep.format, keep.on_conflict, keep.dry_run, keep.written) == ("ris", "keep", True, False)
    assert keep.publications.unchanged == 1 and keep.changes == []
    [conflict] = keep.conflicts
    assert (conflict.uid, conflict.field, conflict.incoming, conflict.resolution) == (M23, "summary", "New summary", "kept")
    assert conflict.stored.startswith("In light of the recent occupation of Goma")

    replace = demo.import_file(io.BytesIO(RIS.encode()), "ris", dry_run=True, on_conflict="replace")
    [change] = replace.changes
    assert (change.entity, change.uid, change.outcome) == ("publication", M23, "updated")
    assert [(f.field, f.new) for f in change.fields] == [("summary", "New summary")]
    assert replace.conflicts[0].resolution == "replaced" and replace.updated == 1

    refused = demo.import_file(io.StringIO(RIS), "ris", on_conflict="report")
    assert not refused.dry_run and not refused.written
    assert demo.version() == version, "dry runs and refused reports wrote something"
    assert demo.publication(M23).summary.startswith("In light of")

    path = tmp_path / "m23.ris"
    path.write_text(RIS, encoding="utf-8")
    written = demo.import_file(path, on_conflict="replace")
    assert written.written and written.format == "ris"
    assert demo.publication(M23).summary == "New summary"
    with pytest.raises(pubcat.InvalidInputError):
        demo.import_file(path, on_conflict="overwrite")  # type: ignore[arg-type]
    with pytest.raises(pubcat.ParseError):
        demo.import_file(io.StringIO('{"format": "pubcat", "version": 1, "publications": ['), "json", dry_run=True)


def test_import_listing_lenient(empty: pubcat.Catalog) -> None:
    listing = pathlib.Path(__file__).resolve().parents[3] / "examples" / "data" / "ipis-partner-listing.txt"
    report = empty.import_file(listing, lenient=True)
    assert (report.format, report.written) == ("listing", True)
    assert report.publications.added >= 7
    assert all(isinstance(u, pubcat.models.UnplacedLine) and u.line >= 1 for u in report.unplaced)


def test_backup_of_a_read_only_catalogue(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "demo.db"
    pubcat.demo(path).close()
    with pubcat.Catalog.open_read_only(path) as ro:
        ro.backup(tmp_path / "copy.db")
        with pytest.raises(pubcat.ConflictError):
            ro.backup(tmp_path / "copy.db")
    with pubcat.Catalog.open_read_only(tmp_path / "copy.db") as copy:
        assert copy.stats().publications == 7
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == ["copy.db", "demo.db"]
