"""Acceptance: the gold tables of the corpus are read cell for cell (bar: cell accuracy ≥ 0.99)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def result(corpus_dir: Path, gold_dir: Path, load_bench: Callable[[str], ModuleType]) -> dict[str, Any]:
    gold = gold_dir / "tables_dev.json"
    if not gold.is_file():
        pytest.skip(f"{gold} not found: acceptance test skipped")
    scores: dict[str, Any] = load_bench("score_tables").score_tables(gold, corpus_dir)
    return scores


def test_gold_tables_cell_accuracy(result: dict[str, Any]) -> None:
    missing = [t["id"] for t in result["tables"] if t["anchor"] is None]
    assert not missing, f"gold tables not found in the structured documents: {missing}"
    errors = [e for t in result["tables"] for e in t["errors"]]
    assert result["cell_accuracy"] >= 0.99, errors


def test_gold_tables_units_and_scales(result: dict[str, Any]) -> None:
    assert result["unit_accuracy"] >= 0.99


def test_gold_tables_are_understood_with_high_confidence(result: dict[str, Any]) -> None:
    for t in result["tables"]:
        assert t["understood"], t
        assert t["confidence"] >= 0.9, t
