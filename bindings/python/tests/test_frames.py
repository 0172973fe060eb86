"""DataFrames and Arrow: columns come over the Arrow PyCapsule interface."""

from __future__ import annotations

import builtins
import datetime as dt
import sys
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest

import pubcat

COLUMNS = ["uid", "work", "language", "title", "kind", "date", "year", "date_lower", "date_upper",
           "series", "series_number", "pages", "authors", "projects", "summary", "score"]


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
        projects = "; ".join(sorted(p.uid for p in record.projects)) or None
        assert (row["projects"] and "; ".join(sorted(row["projects"].split("; ")))) == projects


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
