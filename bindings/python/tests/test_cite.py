"""Citations from Python: Catalog.cite and Catalog.bibliography (docs/CITATIONS.md)."""

import pytest

import pubcat

M23 = "ipis-mapping-conflict-motives-m23-2012"


@pytest.fixture(scope="module")
def cat() -> pubcat.Catalog:
    return pubcat.demo()


def test_one_uid_gives_a_str(cat: pubcat.Catalog) -> None:
    assert cat.cite(M23) == "IPIS. (2012). Mapping Conflict Motives: M23 (Mapping Conflict Motives)."
    fr = cat.cite("conflict-minerals-perceptions-en", locale="fr-FR")
    assert isinstance(fr, str) and "(s.\u00a0d.)" in fr


def test_several_uids_give_references_in_order(cat: pubcat.Catalog) -> None:
    refs = cat.cite([M23, "madini-enabling-environment-review"], style="ieee", format="html")
    assert isinstance(refs, pubcat.References) and len(refs) == 2
    assert refs.citations == ["[1]", "[2]"]
    assert refs[0].startswith("[1] IPIS, ") and "<a" not in refs[1]
    html = refs._repr_html_()
    assert html.startswith('<div class="csl-bib-body">') and html.count("csl-entry") == 2
    md = cat.cite([M23], style="chicago-author-date", format="markdown")
    assert "*Mapping Conflict Motives: M23*" in md[0]
    assert md.text.endswith("\n")


def test_preferred_language_and_bibliography(cat: pubcat.Catalog) -> None:
    refs = cat.cite(["conflict-minerals-perceptions-en"], prefer_languages=["fr", "en"])
    assert isinstance(refs, pubcat.References)
    assert refs.uids == ["conflict-minerals-perceptions-fr"]
    bib = cat.bibliography(projects="madini", locale="nl-NL")
    assert len(bib) == 2 and all("z.d." in r for r in bib)
    assert len(cat.bibliography()) == cat.stats().publications
    # Plain text is escaped in the notebook view.
    assert "&lt;" not in cat.bibliography(projects="madini")._repr_html_()


def test_a_csl_text(cat: pubcat.Catalog) -> None:
    csl = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Mine</title><id>http://example.org/mine</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text value="REF: "/><text variable="title"/></layout></bibliography>
</style>"""
    assert cat.cite(M23, csl=csl) == "REF: Mapping Conflict Motives: M23"


def test_typed_errors(cat: pubcat.Catalog) -> None:
    with pytest.raises(pubcat.NotFoundError):
        cat.cite("no-such-uid")
    with pytest.raises(pubcat.InvalidInputError):
        cat.cite(M23, style="no-such-style")
    with pytest.raises(pubcat.InvalidInputError):
        cat.cite(M23, locale="xx-YY")
    with pytest.raises(pubcat.ParseError):
        cat.cite(M23, csl="<style")
    with pytest.raises(pubcat.InvalidInputError):
        cat.cite(M23, format="pdf")
