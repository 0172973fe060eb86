"""Enrichment from Python (issue 14): the shipped vocabularies and vocabularies of one's own,
automatic tagging with provenance (the label found), idempotent re-runs, undo that keeps the
curated tags, imports that tag (``tag=``), read-only refusal. Expected tags are written by
hand from crates/pubcat/data/vocabularies/."""

from __future__ import annotations

import doctest
import io
import json
import pathlib
from typing import Dict, List, Optional, Tuple

import pytest

import pubcat

#: Publications in French, Dutch and English naming places, minerals and actors (and a French
#: text whose "or" is the conjunction, with no other mineral named).
TEXTS = [
    {"uid": "fr-sud-kivu", "language": "fr", "title": "L'or et le coltan du Sud-Kivu", "kind": "report"},
    {"uid": "nl-zuid-kivu", "language": "nl", "title": "Coltan uit Zuid-Kivu", "kind": "report"},
    {"uid": "en-m23", "language": "en", "title": "The Mouvement du 23 mars in North Kivu", "kind": "report"},
    {"uid": "fr-or-word", "language": "fr", "title": "Or, la paix reste fragile", "kind": "article"},
]

#: The automatic tags of TEXTS: publication → {concept: label found}.
EXPECTED: Dict[str, Dict[str, str]] = {
    "fr-sud-kivu": {"gold": "Or", "tantalum": "Coltan", "south-kivu": "Sud-Kivu"},
    "nl-zuid-kivu": {"tantalum": "Coltan", "south-kivu": "Zuid-Kivu"},
    "en-m23": {"m23": "Mouvement du 23 mars", "north-kivu": "North Kivu"},
    "fr-or-word": {},
}
TAGS = sum(len(t) for t in EXPECTED.values())

BEES = {
    "format": "pubcat-vocabulary",
    "version": 1,
    "scheme": "theme",
    "title": "Bees",
    "sources": ["Written for this test."],
    "concepts": [
        {"uid": "beekeeping", "labels": {"en": "beekeeping", "fr": "apiculture"}},
        {"uid": "honey", "labels": {"en": "honey", "fr": "miel"}, "broader": "beekeeping"},
    ],
}


def _tags(cat: pubcat.Catalog, uid: str) -> Dict[str, Optional[str]]:
    return {c.uid: c.matched_label for c in cat.publication(uid).concepts}


def _document() -> dict:
    return {"format": "pubcat", "version": 1, "publications": TEXTS}


@pytest.fixture
def vocabularies() -> pubcat.Catalog:
    """An in-memory catalogue with the shipped vocabularies and TEXTS, not yet tagged."""
    cat = pubcat.Catalog.in_memory()
    cat.load_builtin_vocabularies()
    report = cat.import_file(io.StringIO(json.dumps(_document())), "json", tag=False)
    assert report.tagging is None
    return cat


def test_builtin_vocabularies_load_once(empty: pubcat.Catalog) -> None:
    summary = empty.load_builtin_vocabularies()
    assert isinstance(summary, pubcat.ImportSummary)
    assert summary.concepts.added > 200 and summary.added == summary.concepts.added
    assert summary.publications.added == 0
    assert empty.stats().concepts == summary.concepts.added
    south_kivu = empty.concept("south-kivu")
    assert south_kivu.labels["fr"] == "Sud-Kivu" and south_kivu.labels["nl"] == "Zuid-Kivu"
    assert empty.concept("m23").scheme == "actor" and empty.concept("gold").scheme == "mineral"
    again = empty.load_builtin_vocabularies()
    assert (again.added, again.updated, again.unchanged) == (0, 0, summary.added)


def test_load_vocabulary_from_a_path_a_file_or_a_dict(empty: pubcat.Catalog, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "bees.json"
    path.write_text(json.dumps(BEES), encoding="utf-8")
    summary = empty.load_vocabulary(path)  # os.PathLike
    assert (summary.concepts.added, summary.concepts.unchanged) == (2, 0)
    assert empty.concept("honey").broader == "beekeeping"
    assert empty.load_vocabulary(str(path)).concepts.unchanged == 2  # a str is a path
    assert empty.load_vocabulary(io.StringIO(json.dumps(BEES))).concepts.unchanged == 2
    assert empty.load_vocabulary(io.BytesIO(json.dumps(BEES).encode())).concepts.unchanged == 2
    changed = dict(BEES, concepts=[{"uid": "honey", "labels": {"en": "honey", "fr": "miel", "nl": "honing"}}])
    assert empty.load_vocabulary(changed).concepts.updated == 1
    assert empty.concept("honey").labels["nl"] == "honing"

    version = empty.version()
    with pytest.raises(pubcat.ParseError) as info:
        empty.load_vocabulary(io.StringIO('{"format": "pubcat-vocabulary", oops'))
    assert info.value.kind == "parse" and info.value.line == 1
    with pytest.raises(pubcat.ParseError):  # a native document is not a vocabulary file
        empty.load_vocabulary({"format": "pubcat", "version": 1, "concepts": []})
    with pytest.raises(pubcat.PubcatIOError) as io_error:
        empty.load_vocabulary(tmp_path / "missing.json")
    assert isinstance(io_error.value, OSError) and "missing.json" in str(io_error.value)
    assert empty.version() == version


def test_tag_automatically_finds_labels_in_every_language(vocabularies: pubcat.Catalog) -> None:
    cat = vocabularies
    assert all(_tags(cat, uid) == {} for uid in EXPECTED)
    summary = cat.tag_automatically()
    assert isinstance(summary, pubcat.TaggingSummary)
    assert summary.to_dict() == {"publications": 4, "changed": 3, "added": TAGS, "removed": 0}
    for uid, expected in EXPECTED.items():
        assert _tags(cat, uid) == expected, uid
    # "Sud-Kivu" and "Zuid-Kivu" are one concept: a concept filter finds both texts.
    assert {h.uid for h in cat.search(concepts="south-kivu")} == {"fr-sud-kivu", "nl-zuid-kivu"}
    # Idempotent: a re-run changes nothing and writes nothing.
    version = cat.version()
    assert cat.tag_automatically().to_dict() == {"publications": 4, "changed": 0, "added": 0, "removed": 0}
    assert cat.version() == version


def test_curated_tags_survive_undo_and_redo(vocabularies: pubcat.Catalog) -> None:
    cat = vocabularies
    cat.tag_automatically()
    cat.tag("fr-or-word", "gold")  # a person's tag
    cat.tag("nl-zuid-kivu", "tantalum")  # a person confirms an automatic tag: now curated
    assert _tags(cat, "nl-zuid-kivu") == {"tantalum": None, "south-kivu": "Zuid-Kivu"}
    version = cat.version()
    assert cat.tag_automatically().changed == 0
    assert cat.version() == version

    undone = cat.remove_automatic_tags()
    assert (undone.changed, undone.removed, undone.added) == (3, TAGS - 1, 0)
    assert _tags(cat, "fr-or-word") == {"gold": None}
    assert _tags(cat, "nl-zuid-kivu") == {"tantalum": None}
    assert _tags(cat, "fr-sud-kivu") == {} and _tags(cat, "en-m23") == {}
    assert cat.remove_automatic_tags().removed == 0

    redone = cat.tag_automatically()
    assert (redone.added, redone.removed) == (TAGS - 1, 0)
    assert _tags(cat, "nl-zuid-kivu") == {"tantalum": None, "south-kivu": "Zuid-Kivu"}
    assert _tags(cat, "fr-or-word") == {"gold": None}
    assert _tags(cat, "fr-sud-kivu") == EXPECTED["fr-sud-kivu"]
    # The write form holds the curated tags only.
    assert cat.publication_as_written("nl-zuid-kivu").concepts == ["tantalum"]


def test_imports_tag_when_the_catalogue_has_vocabularies(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "texts.json"
    path.write_text(json.dumps(_document()), encoding="utf-8")
    with pubcat.Catalog.in_memory() as cat:
        cat.load_builtin_vocabularies()
        report = cat.import_file(path)
        assert isinstance(report.tagging, pubcat.TaggingSummary)
        assert report.tagging.to_dict() == {"publications": 4, "changed": 3, "added": TAGS, "removed": 0}
        assert {uid: _tags(cat, uid) for uid in EXPECTED} == EXPECTED
        again = cat.import_file(path, tag=None)
        assert again.tagging is not None and again.tagging.changed == 0
        # A dry run says what tagging would do, and writes nothing.
        other = {"format": "pubcat", "version": 1, "publications": [
            {"uid": "new", "language": "en", "title": "Gold in Ituri", "kind": "report"}]}
        dry = cat.import_file(io.StringIO(json.dumps(other)), dry_run=True)
        assert dry.tagging is not None and dry.tagging.added == 2 and not dry.written
        with pytest.raises(pubcat.NotFoundError):
            cat.publication("new")
    with pubcat.Catalog.in_memory() as cat:
        cat.load_builtin_vocabularies()
        report = cat.import_file(io.BytesIO(path.read_bytes()), tag=False)
        assert report.tagging is None
        assert all(_tags(cat, uid) == {} for uid in EXPECTED)
    with pubcat.Catalog.in_memory() as cat:  # no vocabularies: nothing to tag with
        assert cat.import_file(path).tagging is None
        assert cat.tag_automatically().added == 0


def test_enrichment_writes_are_refused_read_only(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "cat.db"
    with pubcat.Catalog(path) as cat:
        cat.load_builtin_vocabularies()
        cat.import_file(io.StringIO(json.dumps(_document())), "json")
    before = path.read_bytes()
    with pubcat.Catalog.open_read_only(path) as cat:
        assert _tags(cat, "fr-sud-kivu") == EXPECTED["fr-sud-kivu"]  # reads work
        calls = [
            cat.load_builtin_vocabularies,
            lambda: cat.load_vocabulary(BEES),
            cat.tag_automatically,
            cat.remove_automatic_tags,
        ]
        for call in calls:
            with pytest.raises(pubcat.InvalidInputError):
                call()
    assert path.read_bytes() == before


def test_closed_catalogue_refuses_enrichment() -> None:
    cat = pubcat.Catalog.in_memory()
    cat.close()
    for call in (cat.load_builtin_vocabularies, cat.tag_automatically, cat.remove_automatic_tags):
        with pytest.raises(pubcat.ClosedError):
            call()


@pytest.mark.parametrize(
    "method", ["load_builtin_vocabularies", "load_vocabulary", "tag_automatically"]
)
def test_docstring_examples_run(method: str) -> None:
    finder = doctest.DocTestFinder(recurse=False)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests: List[doctest.DocTest] = finder.find(getattr(pubcat.Catalog, method), method, globs={"pubcat": pubcat})
    assert tests and tests[0].examples, method
    for test in tests:
        runner.run(test)
    results: Tuple[int, int] = runner.summarize(verbose=False)
    assert results[0] == 0, f"{method}: {results}"
