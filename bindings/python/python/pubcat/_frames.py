"""pandas and pyarrow glue: optional dependencies, imported only when asked for."""

from __future__ import annotations

from typing import Any

__all__ = ["require_pyarrow", "require_pandas", "arrow_to_pandas"]


class MissingDependencyError(ImportError):
    """An optional dependency (pandas, pyarrow) is needed for this call and is missing."""


def require_pyarrow() -> Any:
    """The ``pyarrow`` module, or a clear ``ImportError`` telling what to install."""
    try:
        import pyarrow
    except ImportError as err:
        raise MissingDependencyError(
            "this needs pyarrow: pip install pyarrow (or pip install 'pubcat[pyarrow]')"
        ) from err
    return pyarrow


def require_pandas() -> Any:
    """The ``pandas`` module, or a clear ``ImportError`` telling what to install."""
    try:
        import pandas
    except ImportError as err:
        raise MissingDependencyError(
            "this needs pandas and pyarrow: pip install pandas pyarrow (or pip install 'pubcat[pandas]')"
        ) from err
    return pandas


def arrow_to_pandas(table: Any) -> Any:
    """A pyarrow Table as a pandas DataFrame: dates as ``datetime64``, nullable integers as
    pandas' ``Int32``/``Int64``/``UInt32`` (no float NaN), strings as pandas' default string
    type, and list columns as ``pd.ArrowDtype(pa.list_(pa.string()))``: kept in Arrow memory
    (no Python object per cell until one is read), a cell reads as a Python ``list``,
    ``explode()`` gives strings to group by, and ``.list`` has ``len()``, ``[i]`` and
    ``flatten()`` (pandas >= 2.2; older pandas, which cannot explode them, gets pyarrow's
    default: a NumPy array per cell)."""
    pd = require_pandas()
    pa = require_pyarrow()
    mapping = {pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype(), pa.uint32(): pd.UInt32Dtype()}
    arrow_lists = hasattr(pd.Series, "list")  # the `.list` accessor and exploding: pandas 2.2

    def types(arrow_type: Any) -> Any:
        if arrow_lists and pa.types.is_list(arrow_type):
            return pd.ArrowDtype(arrow_type)
        return mapping.get(arrow_type)

    return table.to_pandas(date_as_object=False, types_mapper=types)
