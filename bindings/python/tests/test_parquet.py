"""``Catalog.to_parquet`` (issue 16, item 3): the files read back by DuckDB, polars and
pyarrow, compared with pubcat's own facets and with ``to_arrow()`` (the same rows), on the
demo catalogue and on a generated one (``pubcat generate``); the folders it refuses."""

from __future__ import annotations

import math
import os
import pathlib
import subprocess
from typing import Dict, Iterator, List, Tuple

import duckdb
import polars as pl
import pyarrow.parquet as pq
import pytest

import pubcat
from pubcat.models import Facet

REPO = pathlib.Path(__file__).resolve().parents[3]

FILES = ["publications.parquet", "agents.parquet", "concepts.parquet", "projects.parquet"]
LISTS = ["authors", "author_uids", "projects", "places", "place_uids", "minerals",
         "mineral_uids", "actors", "actor_uids", "themes", "theme_uids", "other_languages"]
#: facet name -> the column whose values (or list items) it counts.
FACET_COLUMNS: Dict[Facet, str] = {"language": "language", "kind": "kind", "year": "year",
                 "place": "place_uids", "mineral": "mineral_uids", "actor": "actor_uids",
                 "theme": "theme_uids", "project": "projects"}
GENERATED_COUNT = 3000


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[pubcat.Catalog]:
    """A generated catalogue of 3,000 publications (``pubcat generate``): the JSON Lines file
    scripts/test-python.sh made (``PUBCAT_TEST_GENERATED``), else made here with cargo."""
    path = os.environ.get("PUBCAT_TEST_GENERATED")
    if not path:
        path = str(tmp_path_factory.mktemp("generated") / "generated.jsonl")
        subprocess.run(["cargo", "run", "-q", "-p", "pubcat-cli", "--", "generate", "--count",
                        str(GENERATED_COUNT), "--seed", "16", "--out", path],
                       cwd=REPO, check=True)
    with pubcat.Catalog.in_memory() as cat:
        cat.import_file(path, "jsonl")
        yield cat


def facet_counts(cat: pubcat.Catalog, name: Facet) -> Dict[str, int]:
    """pubcat's own counts: ``search(facets=[name])`` over every publication."""
    page = cat.search(limit=0, facets=[name])
    return {f.value: f.count for f in page.facets[name]}


def duckdb_counts(path: pathlib.Path, column: str) -> Dict[str, int]:
    """Counts per value of ``column`` (per list item for list columns) by DuckDB."""
    con = duckdb.connect()
    table = f"read_parquet('{path / 'publications.parquet'}')"
    if column in LISTS:
        sql = (f"SELECT v, count(*) FROM (SELECT unnest({column}) AS v FROM {table}) "
               "GROUP BY v")
    else:
        sql = f"SELECT {column}, count(*) FROM {table} WHERE {column} IS NOT NULL GROUP BY 1"
    return {str(value): n for value, n in con.execute(sql).fetchall()}


def polars_counts(path: pathlib.Path, column: str) -> Dict[str, int]:
    """The same counts by polars."""
    df = pl.read_parquet(path / "publications.parquet")
    if column in LISTS:
        df = df.explode(column)
    counts = df.drop_nulls(column).group_by(column).len()
    return {str(value): n for value, n in counts.iter_rows()}


def assert_facet_agrees(facet: Dict[str, int], counted: Dict[str, int], label: str) -> None:
    """The facet (at most 100 values, the most frequent first) against full counts."""
    for value, n in facet.items():
        assert counted.get(value) == n, (label, value, n, counted.get(value))
    if len(facet) < 100:
        assert set(counted) == set(facet), label
    else:
        least = min(facet.values())
        assert all(n <= least for v, n in counted.items() if v not in facet), label


def check_against_facets(cat: pubcat.Catalog, path: pathlib.Path) -> None:
    for name, column in FACET_COLUMNS.items():
        facet = facet_counts(cat, name)
        assert facet, name
        assert_facet_agrees(facet, duckdb_counts(path, column), f"duckdb {name}")
        assert_facet_agrees(facet, polars_counts(path, column), f"polars {name}")


def export(cat: pubcat.Catalog, tmp_path: pathlib.Path, name: str = "pq",
           **query: object) -> Tuple[pathlib.Path, pubcat.ParquetExport]:
    out = tmp_path / name
    done = cat.to_parquet(out, **query)  # type: ignore[arg-type]
    return out, done


def test_layout_and_types(demo: pubcat.Catalog, tmp_path: pathlib.Path) -> None:
    out, done = export(demo, tmp_path)
    assert isinstance(done, pubcat.ParquetExport)
    assert sorted(os.listdir(out)) == sorted(FILES)
    assert [pathlib.Path(f).name for f in done.files] == FILES
    assert done.publications == demo.stats().publications
    assert done.bytes == sum((out / f).stat().st_size for f in FILES)
    types = dict(duckdb.connect().execute(
        f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM "
        f"read_parquet('{out / 'publications.parquet'}'))").fetchall())
    assert types["date_lower"] == "DATE" and types["date_upper"] == "DATE"
    assert types["year"] == "INTEGER" and types["date"] == "VARCHAR"
    assert types["language"] == "VARCHAR" and types["kind"] == "VARCHAR"
    for column in LISTS:
        assert types[column] == "VARCHAR[]", column
    schema = pl.read_parquet_schema(out / "publications.parquet")
    assert schema["date_lower"] == pl.Date
    for column in LISTS:
        assert schema[column] == pl.List(pl.String), column
    concepts = pl.read_parquet(out / "concepts.parquet")
    assert concepts.columns == ["uid", "scheme", "label", "broader", "ancestors"]
    assert set(concepts["scheme"]) <= {"place", "mineral", "actor", "theme"}
    assert pl.read_parquet(out / "agents.parquet").columns == ["uid", "kind", "name"]
    assert pl.read_parquet(out / "projects.parquet").columns == ["uid", "name", "acronym"]


def test_same_rows_as_to_arrow(demo: pubcat.Catalog, tmp_path: pathlib.Path) -> None:
    for query in [{}, {"prefer_languages": "fr"}, {"text": "cobalt OR gold"}]:
        out = tmp_path / str(len(os.listdir(tmp_path)))
        demo.to_parquet(out, **query)  # type: ignore[arg-type]
        table = pq.read_table(out / "publications.parquet")
        assert table.to_pylist() == demo.to_arrow(**query).to_pylist(), query  # type: ignore[arg-type]


def test_demo_counts_match_the_facets(demo: pubcat.Catalog, tmp_path: pathlib.Path) -> None:
    out, _ = export(demo, tmp_path)
    check_against_facets(demo, out)


def test_generated_counts_match_the_facets(generated: pubcat.Catalog, tmp_path: pathlib.Path) -> None:
    out = tmp_path / "pq"
    done = generated.to_parquet(out, row_group_rows=500)
    assert done.publications == GENERATED_COUNT == generated.stats().publications
    assert pq.ParquetFile(out / "publications.parquet").metadata.num_row_groups == math.ceil(
        GENERATED_COUNT / 500)
    check_against_facets(generated, out)
    table = pq.read_table(out / "publications.parquet")
    assert table.to_pylist() == generated.to_arrow().to_pylist()
    # Every concept uid the lists name is a row of concepts.parquet, with its scheme.
    con = duckdb.connect()
    missing = con.execute(
        f"SELECT count(*) FROM (SELECT unnest(place_uids) AS u FROM "
        f"read_parquet('{out / 'publications.parquet'}')) p ANTI JOIN "
        f"read_parquet('{out / 'concepts.parquet'}') c ON c.uid = p.u AND c.scheme = 'place'"
    ).fetchone()
    assert missing == (0,)


def test_a_query_selects_and_prefer_languages_collapses(
        generated: pubcat.Catalog, tmp_path: pathlib.Path) -> None:
    first, _ = export(generated, tmp_path, "a", languages="fr")
    by_language = duckdb_counts(first, "language")  # "fr" is a language range: fr, fr-CD, ...
    assert by_language and all(lang == "fr" or lang.startswith("fr-") for lang in by_language)
    assert sum(by_language.values()) == generated.search(languages="fr", limit=0).total
    second, done = export(generated, tmp_path, "b", prefer_languages=["fr", "en"])
    works = duckdb.connect().execute(
        f"SELECT count(*), count(DISTINCT work) FROM read_parquet('{second / 'publications.parquet'}')"
    ).fetchone()
    assert works is not None and works[0] == works[1] == done.publications


def test_uncompressed_and_replacing_an_earlier_export(demo: pubcat.Catalog, tmp_path: pathlib.Path) -> None:
    out = tmp_path / "pq"
    small = demo.to_parquet(out)
    big = demo.to_parquet(out, compression=None)  # replaces the earlier export
    assert big.publications == small.publications
    assert big.bytes >= small.bytes
    first_column = pq.ParquetFile(out / "publications.parquet").metadata.row_group(0).column(0)
    assert first_column.compression == "UNCOMPRESSED"
    again = demo.to_parquet(out, projects="madini")
    assert again.publications == 2 == pl.read_parquet(out / "publications.parquet").height
    assert sorted(os.listdir(tmp_path)) == ["pq"]  # nothing left beside it
    with pytest.raises(ValueError):
        demo.to_parquet(out, compression="zstd")  # type: ignore[arg-type]


def test_bad_folders_are_refused_and_left_alone(demo: pubcat.Catalog, tmp_path: pathlib.Path) -> None:
    a_file = tmp_path / "afile"
    a_file.write_text("keep me")
    with pytest.raises(pubcat.InvalidInputError) as err:
        demo.to_parquet(a_file)
    assert err.value.kind == "invalid_input"
    assert a_file.read_text() == "keep me"
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(pubcat.InvalidInputError):
        demo.to_parquet(other)
    assert os.listdir(other) == ["notes.txt"]
    with pytest.raises(pubcat.PubcatIOError):
        demo.to_parquet(tmp_path / "missing" / "pq")
    with pytest.raises(pubcat.InvalidQueryError):
        demo.to_parquet(tmp_path / "pq", projects="nope")
    left: List[str] = sorted(os.listdir(tmp_path))
    assert left == ["afile", "other"], left
    with pytest.raises(pubcat.ClosedError):
        closed = pubcat.demo()
        closed.close()
        closed.to_parquet(tmp_path / "closed")
