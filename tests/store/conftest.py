"""Fixtures for store tests: a fresh store per test, on SQLite and on PostgreSQL (see tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sinoscope.store import Store, open_store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "store.sqlite"


@pytest.fixture
def store(store_location: str | Path) -> Iterator[Store]:
    """Runs each test on both backends; tests reading SQLite internals are marked `sqlite_only`."""
    with open_store(store_location) as s:
        yield s
