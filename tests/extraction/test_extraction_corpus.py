"""Acceptance: quantities of the gold lines (precision, recall ≥ 0.95, kind accuracy ≥ 0.9) through the store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def result(corpus_dir: Path, gold_dir: Path, load_bench: Callable[[str], ModuleType]) -> dict[str, Any]:
    for name in ("facts_dev.jsonl", "tables_dev.json"):
        if not (gold_dir / name).is_file():
            pytest.skip(f"{gold_dir / name} not found: acceptance test skipped")
    scores: dict[str, Any] = load_bench("score_extraction").run()
    return scores


def test_facts_meet_the_bars(result: dict[str, Any]) -> None:
    strict = result["sinoscope"]["strict"]
    detail = strict["missed"] + strict["false_positives"] + strict["wrong_attributes"]
    assert strict["recall"] >= 0.95, detail
    assert strict["precision"] >= 0.95, detail
    assert strict["kind_accuracy"] >= 0.9, detail
    assert strict["unit_accuracy"] >= 0.9, detail


def test_tables_meet_the_bar_as_stored(result: dict[str, Any]) -> None:
    assert result["tables"]["cell_accuracy"] >= 0.99


def test_the_peer_is_scored_on_the_same_lines(result: dict[str, Any]) -> None:
    peer = result["quantulum3"]["strict"]
    assert result["quantulum3"]["gold"] == result["sinoscope"]["gold"]
    assert 0.0 <= peer["precision"] <= 1.0 and peer["matched"] >= 0
