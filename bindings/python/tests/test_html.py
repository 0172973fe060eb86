"""Notebook rendering: readable repr and _repr_html_."""

from __future__ import annotations

import pubcat


def test_reprs(demo: pubcat.Catalog) -> None:
    assert repr(demo) == "<pubcat.Catalog in memory>"
    page = demo.search("cobalt")
    assert repr(page).startswith("SearchPage(total=")
    record = demo.publication(page.hits[0].uid)
    assert repr(record).startswith("PublicationRecord(uid='ipis-dd-cobalt")
    assert "Stats(publications=7" in repr(demo.stats())


def test_html_escapes_and_shows_fields(empty: pubcat.Catalog) -> None:
    empty.upsert_publication({"uid": "x", "language": "en", "title": "<script>alert(1)</script> & more",
                              "kind": "report", "date": "2012"})
    record = empty.publication("x")
    html = record._repr_html_()
    assert "<table" in html and "<script>" not in html and "&lt;script&gt;" in html
    assert "2012" in html
    page_html = empty.search().   _repr_html_()
    assert "1 matches" in page_html and "&lt;script&gt;" in page_html
    assert "<table" in empty._repr_html_()
    for value in (empty.stats(), empty.search().hits[0], empty.changes_since(0)):
        assert value._repr_html_().startswith("<table")
