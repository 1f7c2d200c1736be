"""Shared fixtures: where the corpus and gold data live, and skipping clearly when they are absent."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

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


def _load_bench(name: str) -> ModuleType:
    """A script of bench/ as a module, so acceptance tests score exactly what the bench prints."""
    spec = importlib.util.spec_from_file_location(f"{name}_bench", REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def load_bench() -> Callable[[str], ModuleType]:
    return _load_bench
