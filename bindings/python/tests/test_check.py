"""``pubcat.check_file`` and ``Catalog.repair``: a catalogue file checked before it is trusted,
and what another tool's plain SQL left out of date rebuilt.

The "other tool" is Python's own ``sqlite3`` writing the file while no pubcat catalogue has it
open (the only safe way to mix the two SQLite libraries: see docs/PYTHON.md).
"""

from __future__ import annotations

import hashlib
import pathlib
import sqlite3

import pytest

import pubcat

CHECKS = ["sqlite", "fts", "foreign_keys", "agent_counts", "schema"]
RETITLED = "ipis-dd-cobalt-3t-comparative-analysis"
#: What another program's plain SQL leaves out of date: a title the full-text index does not
#: know, an agent's kept publication count gone.
DRIFT = (
    f"UPDATE publication SET title = 'Cassiterite convoys' WHERE uid = '{RETITLED}'",
    "DELETE FROM agent_publication_count"
    " WHERE agent_id = (SELECT id FROM agent WHERE uid = 'levin-sources')",
)


@pytest.fixture()
def demo_file(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "demo.db"
    pubcat.demo(path).close()
    return path


def _other_tool(path: pathlib.Path, *statements: str) -> None:
    """Plain SQL on the (closed) catalogue file, as another program would run it."""
    with sqlite3.connect(path) as other:
        for statement in statements:
            other.execute(statement)
    other.close()


def _digest(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_sound_file_passes_every_check(demo_file: pathlib.Path) -> None:
    for full in (False, True):
        report = pubcat.check_file(demo_file, full=full)
        assert isinstance(report, pubcat.CheckReport)
        assert report.ok and report.failed == []
        assert [check.name for check in report.checks] == CHECKS
        assert all(isinstance(check, pubcat.CheckResult) for check in report.checks)
        assert all(check.details == [] for check in report.checks)
    assert repr(pubcat.check_file(str(demo_file))) == "CheckReport(ok=True, failed=[])"
    assert repr(report.checks[0]) == "CheckResult(name='sqlite', ok=True)"


def test_check_file_reports_what_plain_sql_left_and_writes_nothing(demo_file: pathlib.Path) -> None:
    _other_tool(demo_file, *DRIFT)
    before = _digest(demo_file)
    report = pubcat.check_file(demo_file)
    assert not report.ok
    assert report.failed == ["fts", "agent_counts"]
    counts = report.checks[CHECKS.index("agent_counts")]
    assert len(counts.details) == 1 and "kept 0, counted 1" in counts.details[0]
    assert repr(report) == "CheckReport(ok=False, failed=['fts', 'agent_counts'])"
    assert repr(counts).startswith("CheckResult(name='agent_counts', ok=False, details=['agent ")
    assert _digest(demo_file) == before


def test_repair_rebuilds_the_index_and_the_counts(demo_file: pathlib.Path) -> None:
    _other_tool(demo_file, *DRIFT)
    with pubcat.Catalog(demo_file) as cat:
        assert cat.search("convoys").total == 0
        version = cat.version()
        summary = cat.repair()
        assert isinstance(summary, pubcat.RepairSummary)
        assert summary.to_dict() == {"publications_indexed": 7, "agent_counts_fixed": 1}
        assert [hit.uid for hit in cat.search("convoys")] == [RETITLED]
        assert cat.version() > version
        # Checked while the catalogue is still open (its -wal file beside it).
        assert pubcat.check_file(demo_file).ok
        assert cat.repair().agent_counts_fixed == 0
    assert pubcat.check_file(demo_file).ok


def test_repair_is_refused_on_a_read_only_catalogue(demo_file: pathlib.Path) -> None:
    before = _digest(demo_file)
    with pubcat.Catalog.open_read_only(demo_file) as cat:
        with pytest.raises(pubcat.InvalidInputError, match="read-only"):
            cat.repair()
    assert _digest(demo_file) == before


def test_a_foreign_schema_is_reported_and_the_other_checks_skipped(demo_file: pathlib.Path) -> None:
    _other_tool(demo_file, "CREATE TABLE notes (text TEXT)")
    report = pubcat.check_file(demo_file)
    assert report.failed == CHECKS
    assert all("skipped" in check.details[0] for check in report.checks[:-1])


def test_files_that_cannot_be_checked_raise_typed_errors(tmp_path: pathlib.Path) -> None:
    with pytest.raises(pubcat.NotFoundError):
        pubcat.check_file(tmp_path / "missing.db")
    text = tmp_path / "notes.db"
    text.write_text("not a database\n" * 100)
    with pytest.raises(pubcat.NotACatalogError):
        pubcat.check_file(text)
    foreign = tmp_path / "foreign.db"
    _other_tool(foreign, "CREATE TABLE t (x)")
    with pytest.raises(pubcat.NotACatalogError):
        pubcat.check_file(foreign)
    with pytest.raises(TypeError):
        pubcat.check_file(tmp_path / "missing.db", True)  # type: ignore[misc]
