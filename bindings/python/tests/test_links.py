"""Link discovery from Python (issue 14, item 5): suggest_translations (threshold, only, limit,
evidence), link_suggested_translations (idempotent), score_translation, import_file(...,
link_translations=True) on the bundled sample listing (7 works, 6 with linking; dry runs
report without writing), a person's "not a translation" decision (unlink_translation), the
same language never proposed, errors, read-only and closed refusals."""

from __future__ import annotations

import doctest
import io
import json
import math
import pathlib
from typing import List, Tuple

import pytest

import pubcat

LISTING = pathlib.Path(__file__).resolve().parents[3] / "examples" / "data" / "ipis-partner-listing.txt"
#: The English and French versions of one report in the listing (uids made from the titles).
EN = "conflict-minerals-initiatives-in-dr-congo-perceptions-of-local-mining"
FR = "initiatives-en-matiere-de-minerais-de-conflit-en-rd-congo-perceptions-des"
#: Another publication of the listing, in English.
M23 = "mapping-conflict-motives-m23-2012"


def _listing(cat: pubcat.Catalog, **options: bool) -> pubcat.ImportReport:
    return cat.import_file(LISTING, "listing", **options)  # type: ignore[arg-type]


@pytest.fixture
def listing() -> pubcat.Catalog:
    """An in-memory catalogue holding the sample listing, not linked."""
    cat = pubcat.Catalog.in_memory()
    report = _listing(cat)
    assert report.links is None
    assert cat.stats().works == 7
    return cat


def _versions(cat: pubcat.Catalog, uid: str) -> List[str]:
    return sorted(t.uid for t in cat.translations(uid))


def _together(s: pubcat.TranslationSuggestion, a: str, b: str) -> bool:
    return a in s.uids and b in s.uids


def test_suggestions_of_the_sample_listing(listing: pubcat.Catalog) -> None:
    found = listing.suggest_translations()
    assert len(found) == 1
    s = found[0]
    assert isinstance(s, pubcat.TranslationSuggestion)
    assert s.uids == [EN, FR] and s.languages == ["en", "fr"]
    assert "Conflict Minerals" in s.titles[0] and "minerais de conflit" in s.titles[1]
    assert isinstance(s.score, float) and 0.8 <= s.score <= 1.0
    assert s.evidence and all(isinstance(e, pubcat.Evidence) for e in s.evidence)
    assert {e.kind for e in s.evidence} >= {"title_words"}
    assert all(isinstance(e.detail, str) and isinstance(e.weight, float) for e in s.evidence)
    assert s.to_dict()["uids"] == [EN, FR]
    # Suggesting writes nothing.
    version = listing.version()
    listing.suggest_translations(min_score=0.0)
    assert listing.version() == version


def test_threshold_only_and_limit(listing: pubcat.Catalog) -> None:
    assert listing.suggest_translations(min_score=1.0) == []
    assert len(listing.suggest_translations(0.5)) == 1
    assert listing.suggest_translations(limit=0) == []
    assert len(listing.suggest_translations(limit=1)) == 1
    assert len(listing.suggest_translations(only=FR)) == 1  # one uid, or several
    assert len(listing.suggest_translations(only=[M23, EN])) == 1
    assert listing.suggest_translations(only=M23) == []
    everything = listing.suggest_translations(min_score=0.0)
    scores = [s.score for s in everything]
    assert scores == sorted(scores, reverse=True)


def test_the_same_language_is_never_proposed(listing: pubcat.Catalog) -> None:
    # Six of the seven publications are English: no suggestion holds two of one language.
    for s in listing.suggest_translations(min_score=0.0):
        assert len(set(s.languages)) == len(s.languages), s
    # Two English editions of one report: alike, never suggested.
    listing.upsert_publication(pubcat.Publication(
        uid="gold-2019", language="en", kind="report", date="2019",
        title="Gold mining in Mambasa territory, Ituri (2019)",
        summary="A survey of 42 artisanal gold mines around Mambasa and Bunia."))
    listing.upsert_publication(pubcat.Publication(
        uid="gold-2019-revised", language="en", kind="report", date="2019",
        title="Gold mining in Mambasa territory, Ituri (2019), revised",
        summary="A survey of 42 artisanal gold mines around Mambasa and Bunia, revised."))
    assert listing.score_translation("gold-2019", "gold-2019-revised").score > 0.5
    assert not any(_together(s, "gold-2019", "gold-2019-revised")
                   for s in listing.suggest_translations(min_score=0.0))


def test_linking_is_idempotent(listing: pubcat.Catalog) -> None:
    summary = listing.link_suggested_translations()
    assert isinstance(summary, pubcat.LinkSummary)
    assert summary.publications == 1 and len(summary.linked) == 1
    assert summary.linked[0].uids == [EN, FR]
    assert listing.stats().works == 6
    assert _versions(listing, EN) == [EN, FR]
    # Again: nothing linked, nothing written, nothing suggested.
    version = listing.version()
    again = listing.link_suggested_translations()
    assert again.to_dict() == {"linked": [], "publications": 0}
    assert listing.version() == version
    assert listing.suggest_translations() == []
    # A threshold above every score links nothing.
    with pubcat.Catalog.in_memory() as other:
        _listing(other)
        assert other.link_suggested_translations(min_score=1.0).publications == 0
        assert other.stats().works == 7


def test_a_persons_decision_is_kept(listing: pubcat.Catalog) -> None:
    listing.link_suggested_translations()
    listing.unlink_translation(FR)  # not one work, says a person
    assert listing.stats().works == 7
    assert not any(_together(s, EN, FR) for s in listing.suggest_translations(min_score=0.0))
    assert listing.suggest_translations(only=FR) == []
    assert listing.link_suggested_translations().publications == 0
    assert _versions(listing, FR) == [FR]
    # score_translation still explains the pair.
    assert listing.score_translation(EN, FR).score >= 0.8
    # An import that links respects the decision too.
    report = _listing(listing, link_translations=True)
    assert report.links is not None and report.links.publications == 0
    assert _versions(listing, FR) == [FR]
    # Linking by hand forgets it.
    listing.link_translation(EN, FR)
    assert _versions(listing, FR) == [EN, FR]


def test_score_translation_explains_a_pair(listing: pubcat.Catalog) -> None:
    pair = listing.score_translation(EN, FR)
    assert isinstance(pair, pubcat.TranslationSuggestion)
    assert pair.uids == [EN, FR] and pair.languages == ["en", "fr"]
    assert pair.score == listing.suggest_translations()[0].score
    assert pair.evidence
    assert listing.score_translation(FR, EN).uids == [EN, FR]  # by language
    assert listing.score_translation(EN, M23).score < 0.5


def test_imports_link_on_request(tmp_path: pathlib.Path) -> None:
    with pubcat.Catalog.in_memory() as cat:
        report = _listing(cat, link_translations=True)
        assert isinstance(report.links, pubcat.LinkSummary)
        assert report.links.publications == 1
        assert report.links.linked[0].uids == [EN, FR]
        assert report.to_dict()["links"]["publications"] == 1
        assert cat.stats().works == 6
        assert _versions(cat, EN) == [EN, FR]
        again = _listing(cat, link_translations=True)
        assert again.links is not None and again.links.linked == []
    # From an open file too (import_bytes).
    with pubcat.Catalog.in_memory() as cat:
        with open(LISTING, "rb") as f:
            report = cat.import_file(f, "listing", link_translations=True)
        assert report.links is not None and report.links.publications == 1
    # A dry run says what it would link, and writes nothing.
    path = tmp_path / "dry.db"
    with pubcat.Catalog(path) as cat:
        version = cat.version()
        dry = _listing(cat, link_translations=True, dry_run=True)
        assert not dry.written
        assert dry.links is not None and dry.links.publications == 1
        assert cat.version() == version and cat.stats().publications == 0
    # The default: no linking.
    with pubcat.Catalog.in_memory() as cat:
        assert _listing(cat).links is None and cat.stats().works == 7


def test_errors(listing: pubcat.Catalog) -> None:
    version = listing.version()
    for bad in (1.5, -0.1, math.nan, math.inf):
        with pytest.raises(pubcat.InvalidInputError) as info:
            listing.suggest_translations(min_score=bad)
        assert info.value.kind == "invalid_input"
        with pytest.raises(pubcat.InvalidInputError):
            listing.link_suggested_translations(min_score=bad)
    with pytest.raises(pubcat.InvalidInputError) as info:
        listing.suggest_translations(min_score=2)
    assert "between 0 and 1" in str(info.value)
    with pytest.raises(pubcat.InvalidInputError):
        listing.suggest_translations(limit=-1)
    with pytest.raises(pubcat.NotFoundError):
        listing.suggest_translations(only=["no-such-uid"])
    with pytest.raises(pubcat.NotFoundError):
        listing.score_translation(EN, "no-such-uid")
    with pytest.raises(pubcat.InvalidInputError):
        listing.score_translation(EN, EN)
    with pytest.raises(TypeError):
        listing.suggest_translations(min_score="high")  # type: ignore[arg-type]
    assert listing.version() == version
    assert listing.stats().works == 7


def test_read_only_and_closed(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "cat.db"
    with pubcat.Catalog(path) as cat:
        _listing(cat)
    before = path.read_bytes()
    with pubcat.Catalog.open_read_only(path) as cat:
        assert len(cat.suggest_translations()) == 1  # reads work
        assert cat.score_translation(EN, FR).score >= 0.8
        with pytest.raises(pubcat.InvalidInputError):
            cat.link_suggested_translations()
        with pytest.raises(pubcat.InvalidInputError):
            cat.import_file(io.StringIO(json.dumps({"format": "pubcat", "version": 1})), "json",
                            link_translations=True)
    assert path.read_bytes() == before
    cat = pubcat.Catalog.in_memory()
    cat.close()
    calls = (cat.suggest_translations, cat.link_suggested_translations,
             lambda: cat.score_translation(EN, FR))
    for call in calls:
        with pytest.raises(pubcat.ClosedError):
            call()


@pytest.mark.parametrize(
    "method", ["suggest_translations", "link_suggested_translations", "score_translation"]
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
