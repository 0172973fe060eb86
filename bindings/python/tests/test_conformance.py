"""Runs every conformance vector of ``tests/conformance/`` through the Python API.

The format is in ``tests/conformance/README.md``; the Rust runner
(``crates/pubcat/tests/conformance.rs``) executes the same files, so the two APIs agree.
Results are compared in their serde JSON form: the records' ``to_dict()``.
"""

from __future__ import annotations

import hashlib
import io
import json
import pathlib
import shutil
import tempfile
from typing import Any, Callable, Dict, List

import pytest

import pubcat

VECTORS = pathlib.Path(__file__).resolve().parents[3] / "tests" / "conformance"
FILES = sorted(VECTORS.glob("*.json"))


def _plain(result: Any) -> Any:
    """A result in its JSON form."""
    if isinstance(result, pubcat.models.Record):
        return result.to_dict()
    if isinstance(result, list):
        return [_plain(r) for r in result]
    return result


def _references(refs: Any) -> List[Dict[str, str]]:
    """pubcat.References as the core's Reference records."""
    return [{"uid": u, "text": t, "citation": c} for u, t, c in zip(refs.uids, refs, refs.citations)]


def _open_read_only(path: str) -> Dict[str, Any]:
    with pubcat.Catalog.open_read_only(VECTORS / path) as other:
        return other.stats().to_dict()


def _check_file(cat: pubcat.Catalog, args: Dict[str, Any]) -> Any:
    """``check_file`` of a file of the vectors folder, or (no ``path``) of the catalogue's own
    file (a ``copy:`` fixture)."""
    path = VECTORS / args["path"] if "path" in args else cat.path
    assert path is not None, "check_file without a path needs a copy: fixture"
    return pubcat.check_file(path, full=args.get("full", False))


def _ops(cat: pubcat.Catalog) -> Dict[str, Callable[[Dict[str, Any]], Any]]:
    """Each operation of the README, called through the public Python API."""
    return {
        "search": lambda a: cat.search(**a.get("query", {})),
        "type_ahead": lambda a: cat.type_ahead(**a.get("query", {})),
        "publication": lambda a: cat.publication(a["uid"]),
        "translations": lambda a: cat.translations(a["uid"]),
        "related": lambda a: cat.related(a["uid"]),
        "project": lambda a: cat.project(a["uid"]),
        "projects": lambda a: cat.projects(),
        "agent": lambda a: cat.agent(a["uid"]),
        "agents": lambda a: cat.agents(),
        "concepts": lambda a: cat.concepts(a.get("scheme")),
        "stats": lambda a: cat.stats(),
        "version": lambda a: cat.version(),
        "changes_since": lambda a: cat.changes_since(a["version"]),
        "upsert_publication": lambda a: cat.upsert_publication(a["value"]),
        "upsert_agent": lambda a: cat.upsert_agent(a["value"]),
        "upsert_project": lambda a: cat.upsert_project(a["value"]),
        "upsert_series": lambda a: cat.upsert_series(a["value"]),
        "upsert_concept": lambda a: cat.upsert_concept(a["value"]),
        "delete_publication": lambda a: cat.delete_publication(a["uid"]),
        "delete_agent": lambda a: cat.delete_agent(a["uid"]),
        "delete_project": lambda a: cat.delete_project(a["uid"]),
        "delete_series": lambda a: cat.delete_series(a["uid"]),
        "delete_concept": lambda a: cat.delete_concept(a["uid"]),
        "link_translation": lambda a: cat.link_translation(a["a"], a["b"]),
        "add_relation": lambda a: cat.add_relation(a["value"]),
        "remove_relation": lambda a: cat.remove_relation(a["value"]),
        "merge_agents": lambda a: cat.merge_agents(a["from"], a["into"]),
        "series": lambda a: cat.series(a["uid"]),
        "unlink_translation": lambda a: cat.unlink_translation(a["uid"]),
        "tag": lambda a: cat.tag(a["uid"], a["concepts"]),
        "untag": lambda a: cat.untag(a["uid"], a["concepts"]),
        "set_field": lambda a: cat.set_field(a["uid"], a["field"], a["value"]),
        "publication_fields": lambda a: cat.publication_fields(),
        "merge_series": lambda a: cat.merge_series(a["from"], a["into"]),
        "merge_publications": lambda a: cat.merge_publications(a["from"], a["into"]),
        "export_vocabulary": lambda a: cat.export_vocabulary(a.get("scheme")),
        "import_vocabulary": lambda a: cat.import_vocabulary(a["document"]),
        "import_text": lambda a: cat.import_file(
            io.StringIO(a["text"]), a.get("format", "auto"), dry_run=a.get("dry_run", False),
            on_conflict=a.get("on_conflict"), lenient=a.get("lenient", False), tag=a.get("tag"),
            link_translations=a.get("link_translations", False)),
        "load_builtin_vocabularies": lambda a: cat.load_builtin_vocabularies(),
        "load_vocabulary": lambda a: cat.load_vocabulary(a["vocabulary"]),
        "tag_automatically": lambda a: cat.tag_automatically(),
        "remove_automatic_tags": lambda a: cat.remove_automatic_tags(),
        "suggest_translations": lambda a: cat.suggest_translations(
            min_score=a.get("min_score"), only=a.get("only"), limit=a.get("limit")),
        "link_suggested_translations": lambda a: cat.link_suggested_translations(a.get("min_score")),
        "score_translation": lambda a: cat.score_translation(a["a"], a["b"]),
        "cite": lambda a: _references(cat.cite(list(a["uids"]), **a.get("options", {}))),
        "bibliography": lambda a: {
            "format": a.get("options", {}).get("format", "text"),
            "references": _references(cat.bibliography(**a.get("query", {}), **a.get("options", {}))),
        },
        "import_document": lambda a: cat.import_document(a["document"]),
        "export_document": lambda a: cat.export_document(),
        "close": lambda a: cat.close(),
        "open_read_only": lambda a: _open_read_only(a["path"]),
        "check_file": lambda a: _check_file(cat, a),
        "repair": lambda a: cat.repair(),
        **_sync_ops(cat),
    }


def _sync_ops(cat: pubcat.Catalog) -> Dict[str, Callable[[Dict[str, Any]], Any]]:
    """The sync operations: ``export_changes`` gives the delta file as text; the ``replica_*``
    operations run on a second catalogue, a new in-memory one made at its first use."""
    replicas: List[pubcat.Catalog] = []

    def replica() -> pubcat.Catalog:
        if not replicas:
            replicas.append(pubcat.Catalog.in_memory())
        return replicas[0]

    def apply(a: Dict[str, Any]) -> Any:
        data = bytearray(a["text"].encode("utf-8"))
        del data[len(data) - a.get("cut", 0):]
        if "flip" in a:
            data[a["flip"]] ^= 1
        return replica().apply_changes(bytes(data), on_conflict=a.get("on_conflict", "refuse"))

    return {
        "export_changes": lambda a: cat.export_changes_bytes(a["since_version"]).decode("utf-8"),
        "replica_apply": apply,
        "replica_set_field": lambda a: replica().set_field(a["uid"], a["field"], a["value"]),
        "replica_publication": lambda a: replica().publication(a["uid"]),
        "replica_matches": lambda a: json.dumps(replica().export_document()) == json.dumps(cat.export_document()),
    }


def matches(expected: Any, actual: Any, path: str = "") -> List[str]:
    """Partial match per the README; returns the differences (empty when it matches)."""
    def fail(why: str) -> List[str]:
        return [f"{path or '/'}: {why}: expected {json.dumps(expected)}, got {json.dumps(actual)[:300]}"]

    if isinstance(expected, dict):
        if "$len" in expected:
            return [] if isinstance(actual, list) and len(actual) == expected["$len"] else fail("length differs")
        if "$contains" in expected:
            ok = isinstance(actual, list) and any(not matches(expected["$contains"], v, path) for v in actual)
            return [] if ok else fail("no element matches")
        if "$none" in expected:
            ok = isinstance(actual, list) and not any(not matches(expected["$none"], v, path) for v in actual)
            return [] if ok else fail("an element matches")
        if "$gte" in expected:
            ok = _number(actual) and actual >= expected["$gte"]
            return [] if ok else fail("not >=")
        if "$contains_text" in expected:
            ok = isinstance(actual, str) and expected["$contains_text"] in actual
            return [] if ok else fail("text not contained")
        if "$absent" in expected:
            return [] if actual is None else fail("present")
        if not isinstance(actual, dict):
            return fail("not an object")
        out: List[str] = []
        for key, value in expected.items():
            out += matches(value, actual.get(key), f"{path}/{key}")
        return out
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(expected) != len(actual):
            return fail("array length differs")
        out = []
        for i, (x, y) in enumerate(zip(expected, actual)):
            out += matches(x, y, f"{path}/{i}")
        return out
    if _number(expected) and _number(actual):
        return [] if abs(expected - actual) <= 1e-9 else fail("numbers differ")
    return [] if expected == actual and type(expected) is type(actual) else fail("values differ")


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _pointer(document: Any, pointer: str) -> Any:
    """RFC 6901 JSON pointer (``""`` is the whole document); missing → None."""
    if pointer == "":
        return document
    for token in pointer.lstrip("/").split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(document, list):
            try:
                document = document[int(token)]
            except (ValueError, IndexError):
                return None
        elif isinstance(document, dict):
            document = document.get(token)
        else:
            return None
    return document


def _substitute(value: Any, saved: Dict[str, Any]) -> Any:
    if isinstance(value, str) and value.startswith("$") and value[1:] in saved:
        return saved[value[1:]]
    if isinstance(value, list):
        return [_substitute(v, saved) for v in value]
    if isinstance(value, dict):
        return {k: _substitute(v, saved) for k, v in value.items()}
    return value


def _fixture(spec: Any, folder: pathlib.Path) -> pubcat.Catalog:
    if isinstance(spec, str) and spec.startswith("copy:"):
        copy = folder / "catalog.db"
        shutil.copyfile(VECTORS / spec[len("copy:"):], copy)
        return pubcat.Catalog(copy)
    if spec == "demo":
        return pubcat.demo()
    cat = pubcat.Catalog.in_memory()
    if spec == "empty":
        return cat
    if isinstance(spec, dict):
        cat.import_document(spec)
        return cat
    raise AssertionError(f"unknown fixture {spec!r}")


def run_case(case: Dict[str, Any], label: str) -> List[str]:
    """Runs one vector; returns its failures."""
    with tempfile.TemporaryDirectory(prefix="pubcat-conformance-") as folder:
        return _run_case(case, label, pathlib.Path(folder))


def _run_case(case: Dict[str, Any], label: str, folder: pathlib.Path) -> List[str]:
    cat = _fixture(case["fixture"], folder)
    ops = _ops(cat)
    saved: Dict[str, Any] = {}
    failures: List[str] = []
    for i, step in enumerate(case["steps"], 1):
        op = step["op"]
        where = f"{label} step {i} ({op})"
        assert op in ops, f"{where}: unknown op"
        args = _substitute(step.get("args", {}), saved)
        try:
            result = _plain(ops[op](args))
        except pubcat.PubcatError as err:
            if "expect_error" not in step:
                failures.append(f"{where}: unexpected error {err.kind} ({err})")
            elif err.kind != step["expect_error"]:
                failures.append(f"{where}: expected error {step['expect_error']}, got {err.kind} ({err})")
            continue
        if "expect_error" in step:
            failures.append(f"{where}: expected error {step['expect_error']}, got {json.dumps(result)[:300]}")
            continue
        if "expect" in step:
            failures += [f"{where}: {d}" for d in matches(step["expect"], result)]
        for name, pointer in step.get("save", {}).items():
            saved[name] = _pointer(result, pointer)
    cat.close()
    return failures


def _checksums() -> Dict[str, str]:
    sums = {}
    for line in (VECTORS / "files" / "SHA256SUMS").read_text().splitlines():
        if not line.strip():
            continue
        digest, name = line.split()
        sums[name] = digest
    return sums


def test_vectors_are_present() -> None:
    assert len(FILES) >= 7, f"expected the conformance vectors in {VECTORS}, found {len(FILES)}"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_vector(path: pathlib.Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    failures = run_case(case, path.name)
    assert not failures, "\n".join(failures)


def test_fixture_files_are_never_modified() -> None:
    files = VECTORS / "files"
    assert (files / "SHA256SUMS").is_file(), f"{files / 'SHA256SUMS'} is missing: the fixture files cannot be checked"
    assert _checksums(), "SHA256SUMS lists no file"
    for path in FILES:
        run_case(json.loads(path.read_text(encoding="utf-8")), path.name)
    for name, digest in _checksums().items():
        assert hashlib.sha256((files / name).read_bytes()).hexdigest() == digest, name


def test_matcher_rules() -> None:
    assert not matches({"a": 1}, {"a": 1.0, "b": 2})
    assert matches([1], [1, 2]) and not matches({"$len": 2}, [1, 2])
    assert not matches({"$contains": {"x": 1}}, [{"x": 2}, {"x": 1, "y": 0}])
    assert matches({"$none": 1}, [1]) and not matches({"$gte": 3}, 3)
    assert not matches({"$contains_text": "ob"}, "cobalt") and not matches({"k": {"$absent": True}}, {})
    assert matches(True, 1) and matches("1", 1)
    assert _pointer({"a": [{"b": 5}]}, "/a/0/b") == 5 and _pointer([1], "") == [1]
