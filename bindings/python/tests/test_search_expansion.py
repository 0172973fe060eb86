"""Search across languages, inflections and typos from Python (issue 14): a word that names a
concept finds its other labels (``hit.matched_concepts`` says why), inflections match, close
words are suggested (``page.suggestions``) and searched with ``fuzzy=True``; quotes stay
exact. The logic is the core's; this checks that Python passes and returns it faithfully."""

from __future__ import annotations

import io
import json
from typing import List, Set

import pytest

import pubcat

TEXTS = [
    {"uid": "en", "language": "en", "title": "Roadblocks in South Kivu", "kind": "report"},
    {"uid": "fr", "language": "fr", "title": "Les barrages routiers au Sud-Kivu", "kind": "report"},
    {"uid": "nl", "language": "nl", "title": "Wegversperringen in Zuid-Kivu", "kind": "report"},
    {"uid": "co", "language": "en", "title": "Cobalt supply chains from Katanga", "kind": "report"},
    {"uid": "ro", "language": "en", "title": "A roadblock on the road to Walikale", "kind": "briefing"},
]


@pytest.fixture
def catalog() -> pubcat.Catalog:
    """The shipped vocabularies and TEXTS, untagged (so only query expansion is at work)."""
    cat = pubcat.Catalog.in_memory()
    cat.load_builtin_vocabularies()
    document = {"format": "pubcat", "version": 1, "publications": TEXTS}
    cat.import_file(io.StringIO(json.dumps(document)), "json", tag=False)
    return cat


def uids(page: pubcat.SearchPage) -> Set[str]:
    return {hit.uid for hit in page.hits}


@pytest.mark.parametrize("text", ["Sud-Kivu", "South Kivu", "Zuid-Kivu", "Kivu Kusini"])
def test_every_label_finds_the_same_publications(catalog: pubcat.Catalog, text: str) -> None:
    page = catalog.search(text)
    assert uids(page) == {"en", "fr", "nl"}
    assert page.suggestions == []


def test_hits_say_which_concept_they_matched_through(catalog: pubcat.Catalog) -> None:
    page = catalog.search("Sud-Kivu", prefer_languages=["nl"])
    dutch = next(hit for hit in page.hits if hit.uid == "nl")
    why: List[pubcat.ConceptMatch] = list(dutch.matched_concepts)
    assert len(why) == 1
    assert (why[0].query, why[0].concept, why[0].label, why[0].found) == (
        "Sud-Kivu", "south-kivu", "Zuid-Kivu", "Zuid-Kivu")
    assert catalog.search("supply").hits[0].matched_concepts == []


def test_suggestions_and_fuzzy(catalog: pubcat.Catalog) -> None:
    page = catalog.search("cobolt")
    assert page.total == 0 and page.suggestions == ["cobalt"]
    assert uids(catalog.search("cobolt", fuzzy=True)) == {"co"}
    assert catalog.search("cobalt").suggestions == []
    # Every call that takes a query takes fuzzy too.
    assert [h.uid for h in catalog.iter_hits("cobolt", fuzzy=True)] == ["co"]


def test_inflections_and_exact_quotes(catalog: pubcat.Catalog) -> None:
    singular = uids(catalog.search("roadblock"))
    assert {"en", "ro"} <= singular
    assert uids(catalog.search("roadblocks")) == singular
    assert uids(catalog.search('"roadblocks"')) == {"en"}
