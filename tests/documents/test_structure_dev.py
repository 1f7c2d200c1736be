"""Acceptance: headings recovered from the dev documents (../shared/dev), scored by bench/score_structure.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

pytestmark = pytest.mark.corpus


def test_dev_heading_f1_overall_and_per_document(shared_dir: Path, load_bench: Callable[[str], ModuleType]) -> None:
    dev = shared_dir / "dev"
    if not (dev / "gold" / "structure.jsonl").is_file():
        pytest.skip(f"{dev / 'gold' / 'structure.jsonl'} not found: acceptance test skipped")
    bench = load_bench("score_structure")
    scores = bench.score_dev(dev)
    overall = bench._overall(scores)
    assert overall.f1 >= 0.95, [(s.doc, round(s.f1, 3)) for s in scores]
    for s in scores:
        assert s.f1 >= 0.9, (s.doc, s.missed, s.extra)
        assert s.tables_found == s.tables_gold, s.doc
