"""Acceptance on the dev set (../shared/dev, documents sinoscope was not built on), through the bench script.

Recall meets the issue's bar (≥ 0.95). Unit, kind and period do not yet meet theirs (0.97 / 0.95 / 0.95); the
floors below are the measured levels minus a small margin, so a change that loses ground fails here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytestmark = pytest.mark.corpus

DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "dev"


@pytest.fixture(scope="module")
def dev(load_bench: Callable[[str], ModuleType]) -> dict[str, Any]:
    if not (DEV / "gold" / "facts.jsonl").is_file():
        pytest.skip(f"{DEV / 'gold' / 'facts.jsonl'} not found: dev acceptance skipped")
    result: dict[str, Any] | None = load_bench("score_extraction").run_dev()
    assert result is not None
    return result


def test_dev_recall_meets_the_bar(dev: dict[str, Any]) -> None:
    assert dev["overall"]["recall"] >= 0.95, dev["errors"]


def test_dev_attributes_hold_their_ground(dev: dict[str, Any]) -> None:
    o = dev["overall"]
    assert o["unit"] >= 0.90 and o["kind"] >= 0.92 and o["period"] >= 0.84, dev["errors"]
    assert o["comparator"] >= 0.9, dev["errors"]


def test_every_dev_fact_has_a_comparator(load_bench: Callable[[str], ModuleType]) -> None:
    if not (DEV / "docs").is_dir():
        pytest.skip(f"{DEV / 'docs'} not found")
    facts = load_bench("score_extraction").dev_facts(DEV)
    assert facts and all(f["comparator"] in (">=", "<=", "~", "=", ">", "<") for f in facts)
