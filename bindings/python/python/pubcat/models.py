"""Record classes: what pubcat returns, and what you may pass to its writes.

The classes are generated from the Rust types of the core (``pubcat._records``, written by
``bindings/python/tools/generate.py`` from the core's JSON Schema), so a field added in Rust
is a field here; the hand-written behaviour is in ``pubcat._base``. See ``docs/PYTHON.md``.

Every record wraps the serde JSON form of the Rust type (a ``dict``): attributes read it,
``to_dict()`` returns a copy of it exactly (the shape the conformance vectors and the native
JSON format use), ``repr()`` is short and readable, and ``_repr_html_()`` renders a table in
Jupyter.

Dates: where a value is a publication date, the attribute ``date`` is a ``datetime.date``
when the date is exact to the day, else the EDTF text (``"2012"``, ``"2021-07"``,
``"2016/2017"``); ``date_edtf`` is always the text, and (on full records) ``date_lower`` /
``date_upper`` are the first and last day it may mean, as ``datetime.date``.

Write forms (:class:`Publication`, :class:`Agent`, :class:`Project`, :class:`Series`,
:class:`Concept`, :class:`Relation`) are built with keyword arguments, like dataclasses, e.g.
``Publication(uid="x", language="en", title="T", kind="report", date="2012")``, or from a
dict of their JSON form; an unknown or missing required name raises ``TypeError``. Plain
dicts of the same shape are accepted by every write too. Closed vocabularies (``Kind``,
``Role``, ``Scheme``, ...) are ``Literal`` types of their codes.
"""

# No `__all__` here: the public names are Record, DateValue, DateLike and every name of
# `_records.__all__` (type checkers follow a star import, not `__all__ += _records.__all__`).
from . import _records as _records
from ._base import DateLike as DateLike
from ._base import DateValue as DateValue
from ._base import Record as Record
from ._records import *  # noqa: F403
