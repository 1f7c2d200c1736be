"""Shared fixtures: where the corpus and gold data live, and skipping clearly when they are absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()


def _need(path: Path, what: str) -> Path:
    if not path.is_dir():
        pytest.skip(f"{what} not found at {path}: acceptance test skipped")
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return _need(SHARED, "../shared")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return _need(SHARED / "corpus", "../shared/corpus")


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    return _need(SHARED / "gold", "../shared/gold")


def pytest_configure(config: pytest.Config) -> None:
    """CLI ingests in tests skip the (slow) dense index unless a test turns it back on (`--embed`)."""
    os.environ["SINOSCOPE_EMBED"] = "0"
