"""Every error kind reaches Python as its own exception class, with its stable code."""

from __future__ import annotations

import pathlib
import sqlite3
import subprocess
import sys

import pytest

import pubcat
from pubcat import errors

KINDS = {
    "not_found": (errors.NotFoundError, LookupError),
    "invalid_input": (errors.InvalidInputError, ValueError),
    "invalid_query": (errors.InvalidQueryError, ValueError),
    "parse": (errors.ParseError, None),
    "conflict": (errors.ConflictError, None),
    "too_new": (errors.TooNewError, None),
    "not_a_catalog": (errors.NotACatalogError, None),
    "corrupt": (errors.CorruptError, None),
    "io": (errors.PubcatIOError, OSError),
    "sqlite": (errors.SqliteError, None),
    "closed": (errors.ClosedError, ValueError),
    "sync_gap": (errors.SyncGapError, None),
    "wrong_source": (errors.WrongSourceError, None),
    "invalid_delta": (errors.InvalidDeltaError, ValueError),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_hierarchy(kind: str) -> None:
    cls, builtin = KINDS[kind]
    assert cls.kind == kind
    assert issubclass(cls, pubcat.PubcatError) and issubclass(cls, Exception)
    if builtin is not None:
        assert issubclass(cls, builtin)
    assert getattr(pubcat, cls.__name__) is cls


def test_not_found(demo: pubcat.Catalog) -> None:
    for call in (lambda: demo.publication("nope"), lambda: demo.agent("nope"), lambda: demo.project("nope"),
                 lambda: demo.concept("nope"), lambda: demo.series("nope"), lambda: demo.translations("nope"),
                 lambda: demo.delete_publication("nope")):
        with pytest.raises(pubcat.NotFoundError) as info:
            call()
        assert info.value.kind == "not_found"
    with pytest.raises(LookupError) as lookup:
        demo.publication("nope")
    assert type(lookup.value) is pubcat.NotFoundError and lookup.value.kind == "not_found"


def test_invalid_input(empty: pubcat.Catalog) -> None:
    bad = [
        {"uid": "", "kind": "person", "name": "X"},
        {"uid": "x", "kind": "alien", "name": "X"},
        {"uid": "x", "kind": "person", "name": "X", "unknown_field": 1},
        {"uid": "x", "kind": "person"},
    ]
    for value in bad:
        with pytest.raises(pubcat.InvalidInputError) as info:
            empty.upsert_agent(value)
        assert info.value.kind == "invalid_input"
    with pytest.raises(ValueError) as date:
        empty.upsert_publication({"uid": "p", "language": "en", "title": "T", "kind": "report", "date": "2021-13"})
    assert type(date.value) is pubcat.InvalidInputError and date.value.kind == "invalid_input"
    with pytest.raises(TypeError) as wrong_type:
        empty.upsert_agent({"uid": "x", "kind": "person", "name": object()})
    assert type(wrong_type.value) is TypeError and "cannot pass a object" in str(wrong_type.value)
    assert empty.stats().agents == 0 and empty.stats().publications == 0


def test_invalid_query(demo: pubcat.Catalog) -> None:
    for kwargs in ({"limit": 5000}, {"sort": "sideways"}, {"cursor": "garbage"}, {"projects": "no-such-project"},
                   {"date_from": "2020", "date_to": "2010"}, {"facets": ["colour"]}, {"languages": "!!"},
                   {"kinds": "novel"}):
        with pytest.raises(pubcat.InvalidQueryError) as info:
            demo.search(**kwargs)
        assert info.value.kind == "invalid_query", kwargs
    with pytest.raises(TypeError) as unknown:
        demo.search(colour="blue")  # type: ignore[call-arg]
    assert type(unknown.value) is TypeError and "colour" in str(unknown.value)


def test_any_text_is_a_valid_search(demo: pubcat.Catalog) -> None:
    def uids(text: str) -> list:
        page = demo.search(text, limit=50)
        assert page.total == len(page.hits), text
        return [h.uid for h in page]

    everything = uids("")
    assert len(everything) == 7
    # No search term at all: the same as no text (everything, newest first).
    for text in ['"', "*", "-", "((", "\0"]:
        assert uids(text) == everything, repr(text)
    # Everything else is text (query/syntax.rs): AND and NOT are words, OR joins them.
    and_or_not = uids("AND OR NOT")
    assert and_or_not == uids('"and" OR "not"')
    assert set(and_or_not) == set(everything) - {"conflict-minerals-perceptions-fr"}
    assert uids("NEAR(a b)") == uids('"near a" b') == []
    assert uids("col:val") == uids('"col val"') == []
    assert uids("'; DROP TABLE publication; --") == uids("drop table publication") == []
    assert demo.stats().publications == 7


def test_parse_error_has_position(tmp_path: pathlib.Path, empty: pubcat.Catalog) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"format": "pubcat",\n "version": 1,\n "agents": [\n  {"uid": }\n]}\n', encoding="utf-8")
    with pytest.raises(pubcat.ParseError) as info:
        empty.import_file(path)
    assert info.value.kind == "parse" and info.value.line == 4
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"format": "other",\n "version": 1}', encoding="utf-8")
    with pytest.raises(pubcat.ParseError) as info:
        empty.import_file(wrong, format="json")
    assert info.value.field == "format" and info.value.record is None
    csv = tmp_path / "bad.csv"
    csv.write_text("title,date\r\nOne,2012\r\nTwo,someday\r\n", encoding="utf-8")
    with pytest.raises(pubcat.ParseError) as info:
        empty.import_file(csv)
    assert (info.value.line, info.value.field) == (3, "date")
    assert empty.stats().publications == 0, "nothing was written"


def test_conflict(empty: pubcat.Catalog) -> None:
    empty.upsert_publication({"uid": "a", "language": "en", "title": "A", "kind": "report"})
    empty.upsert_publication({"uid": "b", "language": "en", "title": "B", "kind": "report"})
    with pytest.raises(pubcat.ConflictError) as info:
        empty.link_translation("a", "b")  # two English versions of one work
    assert info.value.kind == "conflict"


def _sqlite_file(path: pathlib.Path, statements: str) -> None:
    """Writes a SQLite file with Python's sqlite3: only ever on files pubcat does not hold open."""
    conn = sqlite3.connect(path)
    conn.executescript(statements)
    conn.close()


def test_too_new(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "new.db"
    pubcat.demo(path).close()
    app_id = subprocess.run(
        [sys.executable, "-c", f"import sqlite3; print(sqlite3.connect({str(path)!r}).execute('PRAGMA application_id').fetchone()[0])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    _sqlite_file(path, f"PRAGMA user_version = 999; PRAGMA application_id = {app_id};")
    with pytest.raises(pubcat.TooNewError) as info:
        pubcat.Catalog(path)
    assert info.value.kind == "too_new"


def test_not_a_catalog(tmp_path: pathlib.Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("this is not a database at all, just some text\n" * 10)
    with pytest.raises(pubcat.NotACatalogError) as info:
        pubcat.Catalog(text)
    assert info.value.kind == "not_a_catalog"
    foreign = tmp_path / "foreign.db"
    _sqlite_file(foreign, "CREATE TABLE t (x); INSERT INTO t VALUES (1);")
    with pytest.raises(pubcat.NotACatalogError) as info:
        pubcat.Catalog(foreign)
    assert info.value.kind == "not_a_catalog"


def test_corrupt(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "altered.db"
    pubcat.demo(path).close()
    _sqlite_file(path, "CREATE VIEW extra AS SELECT 1;")
    with pytest.raises(pubcat.CorruptError) as info:
        pubcat.Catalog.open_read_only(path)
    assert info.value.kind == "corrupt"


def test_io(tmp_path: pathlib.Path, demo: pubcat.Catalog) -> None:
    with pytest.raises(pubcat.PubcatIOError) as info:
        pubcat.Catalog.open_read_only(tmp_path / "missing.db")
    assert info.value.kind == "io"
    with pytest.raises(OSError) as missing:
        demo.import_file(tmp_path / "missing.json")
    assert type(missing.value) is pubcat.PubcatIOError and missing.value.kind == "io"
    with pytest.raises(pubcat.PubcatIOError) as info:
        demo.export(tmp_path / "no" / "such" / "dir.json")
    assert info.value.kind == "io"


def test_sqlite(tmp_path: pathlib.Path) -> None:
    with pubcat.demo() as cat:
        with pytest.raises(pubcat.SqliteError) as info:
            cat.backup(tmp_path / "no" / "such" / "dir" / "copy.db")  # VACUUM INTO cannot open it
        assert type(info.value) is pubcat.SqliteError and info.value.kind == "sqlite"
        assert not (tmp_path / "no").exists()


def test_closed(demo: pubcat.Catalog) -> None:
    demo.close()
    for call in (lambda: demo.search("x"), lambda: demo.stats(), lambda: demo.to_pandas(),
                 lambda: demo.upsert_series({"uid": "s", "name": "S"})):
        with pytest.raises(pubcat.ClosedError) as info:
            call()
        assert info.value.kind == "closed"


def test_panic_becomes_an_exception_and_the_catalog_survives(demo: pubcat.Catalog) -> None:
    assert pubcat._pubcat.TEST_PANIC, "the wheel under test lacks the test-panic feature (scripts/test-python.sh builds it with --features test-panic)"
    for _ in range(3):
        with pytest.raises(pubcat.InternalError) as info:
            demo._panic_for_tests()
        assert isinstance(info.value, Exception) and info.value.kind == "internal"
    assert demo.search("cobalt").total >= 1
    demo.upsert_series({"uid": "after-panic", "name": "Still writable"})
    assert demo.series("after-panic").name == "Still writable"
