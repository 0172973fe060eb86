"""DataFrames and Arrow: columns come over the Arrow PyCapsule interface."""

from __future__ import annotations

import builtins
import datetime as dt
import doctest
import sys
from typing import Any, Dict, List

import pandas as pd
import pyarrow as pa
import pytest

import pubcat

LISTS = ["authors", "author_uids", "projects", "places", "place_uids", "minerals", "mineral_uids",
         "actors", "actor_uids", "themes", "theme_uids", "other_languages"]
COLUMNS = ["uid", "work", "language", "title", "kind", "date", "year", "date_lower", "date_upper",
           "series", "series_number", "pages", *LISTS, "summary", "score"]
SCHEMES = {"place": "places", "mineral": "minerals", "actor": "actors", "theme": "themes"}


def record_lists(cat: pubcat.Catalog, uid: str, language: str = "en") -> Dict[str, List[str]]:
    """The list columns of publication ``uid`` as ``cat.publication(uid)`` tells them (concept
    labels in ``language``, else English, else the first language)."""
    record = cat.publication(uid)
    authors = [c for c in record.contributors if c.role == "author"] or list(record.contributors)
    lists = {
        "authors": [c.name for c in authors],
        "author_uids": [c.agent for c in authors],
        "projects": [p.uid for p in record.projects],
        "other_languages": [t.language for t in record.translations],
    }
    for scheme, column in SCHEMES.items():
        concepts = [c for c in record.concepts if c.scheme == scheme]
        labels = [c.labels.get(language) or c.labels.get("en") or next(iter(c.labels.values()), c.uid)
                  for c in concepts]
        lists[column] = labels
        lists[f"{scheme}_uids"] = [c.uid for c in concepts]
    return lists


def test_to_arrow_schema_and_values(demo: pubcat.Catalog) -> None:
    table = demo.to_arrow()
    assert isinstance(table, pa.Table) and table.num_rows == 7
    assert table.column_names == COLUMNS
    assert table.schema.field("year").type == pa.int32()
    assert table.schema.field("date_lower").type == pa.date32()
    assert table.schema.field("score").type == pa.float64()
    assert table.schema.field("pages").type == pa.uint32()
    rows = {r["uid"]: r for r in table.to_pylist()}
    for uid, row in rows.items():
        record = demo.publication(uid)
        assert row["title"] == record.title and row["language"] == record.language
        assert row["date"] == record.date_edtf
        assert row["date_lower"] == record.date_lower and row["date_upper"] == record.date_upper
        assert row["summary"] == record.summary
        assert row["pages"] == record.pages
        assert row["work"] == record.work
        assert (row["series"] or None) == (record.series.uid if record.series else None)
        assert {column: row[column] for column in LISTS} == record_lists(demo, uid)
    for column in LISTS:
        assert table.schema.field(column).type == pa.list_(pa.string()), column
        assert not table.schema.field(column).nullable and table.column(column).null_count == 0


def test_pages_column(empty: pubcat.Catalog) -> None:
    empty.upsert_publication(pubcat.Publication(uid="long", language="en", title="Long", kind="report", pages=312))
    empty.upsert_publication(pubcat.Publication(uid="short", language="en", title="Short", kind="report"))
    rows = {r["uid"]: r for r in empty.to_arrow().to_pylist()}
    assert rows["long"]["pages"] == 312 == empty.publication("long").pages
    assert rows["short"]["pages"] is None and empty.publication("short").pages is None
    df = empty.to_pandas(sort="title")
    assert list(df["uid"]) == ["long", "short"] and df["pages"].iloc[0] == 312
    assert str(df["pages"].dtype) == "UInt32" and df["pages"].isna().iloc[1]


def test_order_and_filters_follow_search(demo: pubcat.Catalog) -> None:
    for query in ({}, {"text": "cobalt OR minerals"}, {"sort": "title"}, {"projects": "madini"},
                  {"languages": ["fr"]}, {"prefer_languages": ["fr", "en"], "sort": "date_asc"}):
        expected = [h.uid for h in demo.search(limit=1000, **query)]
        assert demo.to_arrow(**query).column("uid").to_pylist() == expected, query
    assert len(demo.to_arrow(limit=3)) == 3


def test_to_pandas_types(demo: pubcat.Catalog) -> None:
    df = demo.to_pandas()
    assert isinstance(df, pd.DataFrame) and list(df.columns) == COLUMNS and len(df) == 7
    assert str(df["year"].dtype) == "Int32"
    assert str(df["date_lower"].dtype).startswith("datetime64")
    per_year = df.groupby(["year", "language"]).size()
    assert per_year.sum() == df["year"].notna().sum()


def test_arrow_capsule_object(demo: pubcat.Catalog) -> None:
    data = demo.arrow(languages="en")
    assert isinstance(data, pubcat.ArrowPublications)
    assert len(data) == data.__len__() and list(data.column_names) == COLUMNS
    first = pa.table(data)
    second = pa.table(data)  # readable many times
    assert first.equals(second)
    schema = pa.schema(data)
    assert schema.names == COLUMNS
    reader = pa.RecordBatchReader.from_stream(data)
    assert reader.read_all().num_rows == len(data)


def test_empty_result_has_the_schema(demo: pubcat.Catalog) -> None:
    table = demo.to_arrow("zzzzzz-no-such-word")
    assert table.num_rows == 0 and table.column_names == COLUMNS
    assert len(demo.to_pandas("zzzzzz-no-such-word")) == 0


def test_search_page_frames(demo: pubcat.Catalog) -> None:
    page = demo.search("cobalt OR minerals", limit=5)
    table = page.to_arrow()
    assert table.num_rows == len(page)
    assert table.column("uid").to_pylist() == [h.uid for h in page]
    df = page.to_pandas()
    assert list(df["uid"]) == [h.uid for h in page]


def test_many_rows_cross_batches() -> None:
    with pubcat.Catalog.in_memory() as cat:
        n = 2_500
        cat.import_document({"format": "pubcat", "version": 1, "publications": [
            {"uid": f"p{i:06d}", "language": "en", "title": f"T{i}", "kind": "report", "date": f"{1990 + i % 30}-0{1 + i % 9}"}
            for i in range(n)
        ]})
        small = pa.table(cat._native.publications_arrow({"sort": "title"}, 1000))
        assert small.num_rows == n and [len(c) for c in small.column("uid").chunks] == [1000, 1000, 500]
        assert small.equals(cat.to_arrow(sort="title").combine_chunks())
        titles = small.column("title").to_pylist()
        assert titles == sorted(titles, key=str.lower)
        df = cat.to_pandas()
        assert len(df) == n and df["date_upper"].notna().all()
        assert df["date_lower"].min() == pd.Timestamp(dt.date(1990, 1, 1))


def test_missing_optional_dependencies_are_explained(demo: pubcat.Catalog, monkeypatch: Any) -> None:
    real_import = builtins.__import__

    def no_pandas(name: str, *args: Any, **kwargs: Any) -> Any:
        if name in ("pandas", "pyarrow"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "pandas")
    monkeypatch.delitem(sys.modules, "pyarrow")
    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ImportError, match="pip install pandas pyarrow"):
        demo.to_pandas()
    with pytest.raises(pubcat.MissingDependencyError, match="pip install pyarrow"):
        demo.to_arrow()
    with pytest.raises(ImportError, match="pyarrow"):
        demo.search("cobalt").to_arrow()
    assert len(demo.arrow()) == 7  # the capsule object itself needs neither


def test_list_columns_hold_what_the_records_say(demo: pubcat.Catalog) -> None:
    seen = {column: False for column in LISTS}
    for query, language in (({}, "en"), ({"prefer_languages": ["fr", "en"]}, "fr"),
                            ({"text": "cobalt OR minerals"}, "en"), ({"languages": "fr"}, "en"),
                            ({"concepts": "eastern-drc", "prefer_languages": "fr"}, "fr")):
        for row in demo.to_arrow(**query).to_pylist():
            lists = {column: row[column] for column in LISTS}
            assert lists == record_lists(demo, row["uid"], language), (query, row["uid"])
            for column in LISTS:
                seen[column] |= bool(row[column])
    assert all(seen.values()), seen  # the demo has something in every list
    # In another language: the French labels of the demo's concepts.
    fr = demo.to_arrow(prefer_languages="fr", concepts="cobalt").to_pylist()
    assert [r["places"] for r in fr] == [["RD Congo"]] and [r["place_uids"] for r in fr] == [["dr-congo"]]


def test_lists_are_empty_not_missing(demo: pubcat.Catalog) -> None:
    df = demo.to_pandas()
    for column in LISTS:
        assert str(df[column].dtype) == "list<item: string>[pyarrow]", column
        assert not df[column].isna().any(), column
        assert all(isinstance(cell, list) for cell in df[column]), column
    no_project = df[df["uid"] == "eu-conflict-minerals-regulation-review-paper"].iloc[0]
    assert no_project["projects"] == [] and no_project["actors"] == [] and no_project["other_languages"] == []
    assert df["projects"].list.len().tolist().count(0) == 5


@pytest.mark.parametrize("query", [{}, {"text": "cobalt OR minerals OR conflict"}, {"languages": "en"},
                                   {"prefer_languages": ["fr", "en"]}])
def test_explode_and_group_by_give_the_facet_counts(demo: pubcat.Catalog, query: Dict[str, Any]) -> None:
    facets = demo.search(**query, limit=0, facets=["place", "mineral", "actor", "theme", "project"]).facets
    df = demo.to_pandas(**query)
    for scheme, column in SCHEMES.items():
        by_uid = df.explode(f"{scheme}_uids").groupby(f"{scheme}_uids").size().to_dict()
        assert by_uid == {f.value: f.count for f in facets[scheme]}, (scheme, query)
        by_label = df.explode(column).groupby(column).size().to_dict()
        assert by_label == {f.label: f.count for f in facets[scheme]}, (scheme, query)
        # Labels and uids explode together (same lengths, same order).
        pairs = df.explode([column, f"{scheme}_uids"]).dropna(subset=[column])
        assert {(f.label, f.value) for f in facets[scheme]} == set(zip(pairs[column], pairs[f"{scheme}_uids"]))
    projects = df.explode("projects").groupby("projects").size().to_dict()
    assert projects == {f.value: f.count for f in facets["project"]}


def test_polars_reads_the_lists(demo: pubcat.Catalog) -> None:
    pl = pytest.importorskip("polars")
    frame = pl.from_arrow(pa.table(demo.arrow()))
    assert frame.columns == COLUMNS and frame.height == 7
    for column in LISTS:
        assert frame.schema[column] == pl.List(pl.String), column
    counts = frame.explode("theme_uids").drop_nulls("theme_uids").group_by("theme_uids").len()
    facets = demo.search(limit=0, facets="theme").facets["theme"]
    assert dict(counts.iter_rows()) == {f.value: f.count for f in facets}
    # The capsule object itself, without pyarrow in between.
    direct = pl.DataFrame(demo.arrow())
    assert direct.equals(frame)


def test_search_page_lists(demo: pubcat.Catalog) -> None:
    page = demo.search(prefer_languages="en", limit=50)
    table = page.to_arrow()
    for column in ("authors", "projects", "other_languages"):
        assert table.schema.field(column).type == pa.list_(pa.string())
    full = {r["uid"]: r for r in demo.to_arrow(prefer_languages="en").to_pylist()}
    for row in table.to_pylist():
        for column in ("authors", "projects", "other_languages"):
            assert row[column] == full[row["uid"]][column], (row["uid"], column)
    df = page.to_pandas()
    assert str(df["authors"].dtype) == "list<item: string>[pyarrow]"


@pytest.mark.parametrize("method", ["arrow", "to_pandas"])
def test_docstring_examples(method: str) -> None:
    finder = doctest.DocTestFinder(recurse=False)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests = finder.find(getattr(pubcat.Catalog, method), method, globs={"pubcat": pubcat})
    assert tests and tests[0].examples
    for test in tests:
        runner.run(test)
    assert runner.failures == 0
