"""Formatted references: what :meth:`pubcat.Catalog.cite` and
:meth:`pubcat.Catalog.bibliography` return."""

from __future__ import annotations

import html
from typing import Any, List, Mapping, Sequence


class References(List[str]):
    """Formatted references, one ``str`` per publication (a ``list``), with their uids and
    in-text citations beside them; a notebook shows them as a bibliography
    (``_repr_html_``).

    >>> refs = pubcat.demo().cite(["ipis-mapping-conflict-motives-m23-2012"])
    >>> refs.uids, refs.citations
    (['ipis-mapping-conflict-motives-m23-2012'], ['(IPIS, 2012)'])
    """

    format: str
    """``"text"``, ``"html"`` or ``"markdown"``: the markup of every reference."""
    uids: List[str]
    """The uid of each publication cited (the preferred language version)."""
    citations: List[str]
    """The in-text citation of each (``(IPIS, 2012)``, ``[1]``)."""

    def __init__(self, references: Sequence[Mapping[str, Any]], format: str) -> None:
        super().__init__(str(r["text"]) for r in references)
        self.format = format
        self.uids = [str(r["uid"]) for r in references]
        self.citations = [str(r["citation"]) for r in references]

    @property
    def text(self) -> str:
        """The references as one text: a paragraph each (HTML: a ``csl-bib-body`` ``div``)."""
        if self.format == "html":
            return self._repr_html_()
        return "\n\n".join(self) + ("\n" if self else "")

    def _repr_html_(self) -> str:
        entries = list(self) if self.format == "html" else [html.escape(t) for t in self]
        body = "".join(f'<div class="csl-entry">{e}</div>' for e in entries)
        return f'<div class="csl-bib-body">{body}</div>'
