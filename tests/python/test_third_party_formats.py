"""pubcat's BibTeX, RIS and CSL-JSON exports read by widely used third-party parsers.

Runs the Rust example `export_samples` (the demo catalogue plus one publication with persons,
accents and identifiers, written in every format) and checks that:

- bibtexparser (v2, with LaTeX decoding) parses every BibTeX entry;
- rispy parses every RIS record;
- the CSL-JSON validates against the CSL schema (`csl-data.json`, a copy of
  citation-style-language/schema `schemas/input/csl-data.json`);

and that titles, authors and years read by those parsers equal the native JSON export.

Needs cargo on PATH and the packages of bindings/python/requirements-dev.txt (bibtexparser 2,
rispy, jsonschema, pytest). Respects CARGO_TARGET_DIR.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts

REPO = Path(__file__).resolve().parents[2]
SCHEMA = Path(__file__).resolve().parent / "csl-data.json"


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pubcat-samples")
    subprocess.run(
        ["cargo", "run", "-q", "-p", "pubcat", "--example", "export_samples", "--", str(out)],
        cwd=REPO,
        env=dict(os.environ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out


@pytest.fixture(scope="module")
def native(samples: Path) -> dict:
    """The native export: publications by uid, and agents by uid."""
    doc = json.loads((samples / "demo.json").read_text(encoding="utf-8"))
    assert doc["format"] == "pubcat" and doc["version"] == 1
    return {
        "publications": {p["uid"]: p for p in doc["publications"]},
        "agents": {a["uid"]: a for a in doc["agents"]},
    }


def authors_of(native: dict, uid: str) -> list[dict]:
    pub = native["publications"][uid]
    return [native["agents"][c["agent"]] for c in pub.get("contributors", []) if c["role"] == "author"]


def year_of(pub: dict) -> str | None:
    date = pub.get("date")
    return date[:4] if date else None


def test_the_samples_cover_persons_accents_and_identifiers(native: dict) -> None:
    gold = native["publications"]["gold-ituri-2023"]
    assert "ç" in gold["title"] and gold["identifiers"]
    assert [a["family"] for a in authors_of(native, "gold-ituri-2023")] == ["Lonema", "Müller-Brandt"]
    assert len(native["publications"]) == 8


def test_bibtexparser_reads_titles_authors_and_years(samples: Path, native: dict) -> None:
    text = (samples / "demo.bib").read_text(encoding="utf-8")
    library = bibtexparser.parse_string(
        text, append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors(), SplitNameParts()]
    )
    assert library.failed_blocks == []
    entries = {e.key: e for e in library.entries}
    assert set(entries) == set(native["publications"])
    for uid, pub in native["publications"].items():
        fields = entries[uid].fields_dict
        assert fields["title"].value == pub["title"], uid
        year = year_of(pub)
        assert (fields["year"].value if "year" in fields else None) == year, uid
        expected = authors_of(native, uid)
        got = fields["author"].value if "author" in fields else []
        assert len(got) == len(expected), uid
        for name, agent in zip(got, expected):
            if agent["kind"] == "person":
                assert name.last == [agent["family"]], uid
                assert name.first == [agent["given"]], uid
            else:
                assert " ".join(name.first + name.von + name.last) == agent["name"], uid
    gold = entries["gold-ituri-2023"].fields_dict
    assert gold["doi"].value == "10.5281/zenodo.1234567"
    assert entries["gold-ituri-2023"].entry_type == "techreport"


def test_rispy_reads_titles_authors_and_years(samples: Path, native: dict) -> None:
    with (samples / "demo.ris").open(encoding="utf-8") as f:
        records = rispy.load(f)
    by_id = {r["id"]: r for r in records}
    assert set(by_id) == set(native["publications"])
    for uid, pub in native["publications"].items():
        record = by_id[uid]
        assert record["type_of_reference"] == "RPRT", uid
        assert record["title"] == pub["title"], uid
        assert record.get("year") == year_of(pub), uid
        expected = [
            f"{a['family']}, {a['given']}" if a["kind"] == "person" else a["name"]
            for a in authors_of(native, uid)
        ]
        assert record.get("authors", []) == expected, uid
        assert record["language"] == pub["language"], uid
    gold = by_id["gold-ituri-2023"]
    assert gold["doi"] == "10.5281/zenodo.1234567"
    assert gold["date"] == "2023/12/22/"
    assert gold["urls"] == ["https://ipisresearch.be/publication/gold-ituri/"]


def test_csl_json_validates_against_the_schema_and_keeps_the_data(samples: Path, native: dict) -> None:
    items = json.loads((samples / "demo.csl.json").read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(items))
    assert errors == [], [e.message for e in errors]
    by_id = {item["id"]: item for item in items}
    assert set(by_id) == set(native["publications"])
    for uid, pub in native["publications"].items():
        item = by_id[uid]
        assert item["title"] == pub["title"], uid
        year = year_of(pub)
        issued = item.get("issued", {}).get("date-parts", [[None]])[0][0]
        assert (str(issued) if issued else None) == year, uid
        expected = [
            {"family": a["family"], "given": a["given"]} if a["kind"] == "person" else {"literal": a["name"]}
            for a in authors_of(native, uid)
        ]
        assert item.get("author", []) == expected, uid
    gold = by_id["gold-ituri-2023"]
    assert gold["issued"] == {"date-parts": [[2023, 12, 22]]}
    assert (gold["DOI"], gold["collection-title"], gold["collection-number"]) == (
        "10.5281/zenodo.1234567",
        "IPIS Due Diligence series",
        "7",
    )
    assert by_id["eu-conflict-minerals-regulation-review-paper"]["genre"] == "Review paper"


def test_the_schema_rejects_what_pubcat_must_not_write(samples: Path) -> None:
    """The validation above is not vacuous: the schema catches a misspelt or ill-typed field."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    items = json.loads((samples / "demo.csl.json").read_text(encoding="utf-8"))
    bad = [dict(items[0], doi="10.1/x")]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    bad = [dict(items[0], issued={"date-parts": [["2012", "1", "2", "3"]]})]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
