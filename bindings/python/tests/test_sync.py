"""Offline sync by delta files: Catalog.export_changes / apply_changes (docs/SYNC.md)."""

from __future__ import annotations

import json
import pathlib

import pytest

import pubcat


def _native_export(cat: pubcat.Catalog) -> str:
    """The native JSON export, as text."""
    return json.dumps(cat.export_document())


def test_a_replica_applies_the_files_of_its_source(tmp_path: pathlib.Path) -> None:
    source = pubcat.demo()
    replica = pubcat.Catalog(tmp_path / "replica.db")
    written = source.export_changes(0, tmp_path / "all.delta")
    assert written["from"] == 0 and written["to"] == source.version()
    assert written["source"] == source.catalog_uid()
    applied = replica.apply_changes(tmp_path / "all.delta")
    assert applied["already_applied"] is False
    assert applied["source_version"] == source.version()
    assert _native_export(replica) == _native_export(source)
    # The same file again changes nothing.
    version = replica.version()
    again = replica.apply_changes(tmp_path / "all.delta")
    assert again["already_applied"] is True
    assert replica.version() == version
    status = replica.replica_status()
    assert status is not None and status["source"] == source.catalog_uid()
    assert pubcat.Catalog.in_memory().replica_status() is None
    # Later changes, from bytes.
    v = source.version()
    source.set_field("madini-enabling-environment-review", "title", "Madini, updated")
    data = source.export_changes_bytes(v)
    assert data.endswith(b"\n") and b'"sha256"' in data.splitlines()[-1]
    replica.apply_changes(data)
    assert replica.publication("madini-enabling-environment-review").title == "Madini, updated"


def test_refused_files_raise_typed_errors_and_change_nothing() -> None:
    source = pubcat.demo()
    replica = pubcat.Catalog.in_memory()
    replica.apply_changes(source.export_changes_bytes(0))
    v1 = source.version()
    source.set_field("madini-enabling-environment-review", "pages", 48)
    v2 = source.version()
    d1 = source.export_changes_bytes(v1)
    source.set_field("madini-enabling-environment-review", "pages", 50)
    d2 = source.export_changes_bytes(v2)
    before = replica.version()
    with pytest.raises(pubcat.SyncGapError) as gap:
        replica.apply_changes(d2)
    assert gap.value.kind == "sync_gap"
    with pytest.raises(pubcat.InvalidDeltaError):
        replica.apply_changes(d1[:-3])
    altered = bytearray(d1)
    altered[len(altered) // 2] ^= 1
    with pytest.raises(pubcat.InvalidDeltaError):
        replica.apply_changes(bytes(altered))
    with pytest.raises(pubcat.WrongSourceError):
        replica.apply_changes(pubcat.demo().export_changes_bytes(0))
    assert replica.version() == before
    # A local edit of a record the file changes too.
    replica.set_field("madini-enabling-environment-review", "title", "Local")
    with pytest.raises(pubcat.ConflictError):
        replica.apply_changes(d1)
    kept = replica.apply_changes(d1, on_conflict="keep_local")
    assert kept["conflicts"] == [
        {"entity": "publication", "uid": "madini-enabling-environment-review", "kept": "keep_local"}
    ]
    assert replica.publication("madini-enabling-environment-review").title == "Local"
    taken = replica.apply_changes(d2, on_conflict="take_source")
    assert taken["conflicts"][0]["kept"] == "take_source"
    assert replica.publication("madini-enabling-environment-review").pages == 50
    with pytest.raises(pubcat.InvalidInputError):
        replica.apply_changes(d2, on_conflict="whoever")  # type: ignore[arg-type]
