"""Search as you type from Python: records, filters, orders, refusals, hostile text."""

from __future__ import annotations

import pytest

import pubcat


def test_completions_and_hits_are_records(demo: pubcat.Catalog) -> None:
    typed = demo.type_ahead("cob")
    assert isinstance(typed, pubcat.TypeAhead)
    first = typed.completions[0]
    assert isinstance(first, pubcat.Completion)
    assert (first.word, first.publications) == ("cobalt", 1)
    assert [h.uid for h in typed.hits] == ["ipis-dd-cobalt-3t-comparative-analysis"]
    assert typed.order == "relevance"
    assert "<mark>" in (typed.hits[0].snippet or "")


def test_a_french_place_name_finds_the_english_text(demo: pubcat.Catalog) -> None:
    typed = demo.type_ahead("Sud-Ki")
    assert typed.completions[0].word == "kivu"
    hit = typed.hits[0]
    assert hit.language == "en"
    assert any(m.concept == "south-kivu" for m in hit.matched_concepts)


def test_filters_preference_and_sort(demo: pubcat.Catalog) -> None:
    french = demo.type_ahead("min", languages="fr")
    assert french.hits and all(h.language.startswith("fr") for h in french.hits)
    works = demo.type_ahead("min", prefer_languages=["fr", "en"], limit=50)
    assert len({h.work for h in works.hits}) == len(works.hits)
    perceptions = [h.language for h in works.hits
                   if h.uid.startswith("conflict-minerals-perceptions")]
    assert perceptions == ["fr"]
    by_title = demo.type_ahead("m", sort="title")
    assert by_title.order == "title"
    titles = [h.title.lower() for h in by_title.hits]
    assert titles == sorted(titles)


def test_a_finished_word_has_no_completions(demo: pubcat.Catalog) -> None:
    typed = demo.type_ahead("cobalt ")
    assert typed.completions == []
    assert [h.uid for h in typed.hits] == [h.uid for h in demo.search("cobalt")]


def test_bad_values_raise_invalid_query(demo: pubcat.Catalog) -> None:
    with pytest.raises(pubcat.InvalidQueryError):
        demo.type_ahead("co", limit=-1)
    with pytest.raises(pubcat.InvalidQueryError):
        demo.type_ahead("co", languages="not a tag!")
    with pytest.raises(pubcat.InvalidQueryError):
        demo.type_ahead("co", sort="sideways")  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ['"', "-", "***", "OR", "don't", "multi-ag", '"abc', "😀", "\0",
                                  "x" * 100_000])
def test_hostile_text_never_raises(demo: pubcat.Catalog, text: str) -> None:
    demo.type_ahead(text)


def test_sort_added_pages_through_search(demo: pubcat.Catalog) -> None:
    added = [h.uid for h in demo.iter_hits(sort="added", limit=2)]
    assert len(added) == demo.search(limit=0).total
    assert len(set(added)) == len(added)
