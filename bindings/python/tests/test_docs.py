"""The Python examples of README.md and docs/PYTHON.md run as written."""

from __future__ import annotations

import contextlib
import io
import pathlib
import re

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]


def _examples() -> list:
    found = []
    for doc in ("README.md", "docs/PYTHON.md"):
        path = REPO / doc
        if not path.exists():
            continue
        for i, block in enumerate(re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S)):
            found.append(pytest.param(block, id=f"{doc}#{i + 1}"))
    return found


@pytest.mark.parametrize("code", _examples())
def test_example_runs(code: str, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # examples may create files
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<example>", "exec"), {"__name__": "__example__"})
