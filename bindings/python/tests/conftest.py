"""Shared fixtures of the pubcat Python tests (run against the installed wheel)."""

from __future__ import annotations

import pathlib
from typing import Iterator

import pytest

import pubcat

REPO = pathlib.Path(__file__).resolve().parents[3]


@pytest.fixture
def demo() -> Iterator[pubcat.Catalog]:
    """The demo catalogue, in memory."""
    with pubcat.demo() as cat:
        yield cat


@pytest.fixture
def empty() -> Iterator[pubcat.Catalog]:
    """A new, empty in-memory catalogue."""
    with pubcat.Catalog.in_memory() as cat:
        yield cat
