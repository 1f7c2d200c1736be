"""Acceptance: `bench/score_qa.py` on the two reports: no wrong figure (the calibrated abstention's promise,
≤ 3 %), at least half answered right, and the evidence among the first five passages (recall@5 ≥ 0.9).
The issue's bar of 0.9 correct is not met since answers go through the fitted confidence only (see the
closing note of issue 16); the floor here keeps what is met from slipping.

Skips when ../shared (corpus and gold questions) is absent. Ingests and embeds the corpus (~30 s).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from sinoscope.retrieval.search import Mode

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


@pytest.fixture(scope="module")
def outcomes(
    corpus_dir: Path,
    gold_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
    load_bench: Callable[[str], ModuleType],
) -> dict[Mode, list[Any]]:
    qa = gold_dir / "qa_dev.jsonl"
    if not qa.is_file():
        pytest.skip(f"{qa} not found: acceptance test skipped")
    bench = load_bench("score_qa")
    questions = [
        {**q, "lines": q["lines"]}
        for q in (json.loads(line) for line in qa.read_text(encoding="utf-8").splitlines() if line.strip())
    ]
    db = tmp_path_factory.mktemp("qa") / "qa.sqlite"
    bench.build_db(sorted(corpus_dir.glob("*.txt")), db, embed=True)
    return {mode: bench.run(db, questions, mode) for mode in (Mode.HYBRID, Mode.BM25)}


def test_hybrid_meets_the_bars(outcomes: dict[Mode, list[Any]]) -> None:
    out = outcomes[Mode.HYBRID]
    wrong = [(o.question, o.got) for o in out if o.verdict == "wrong"]
    assert len(wrong) / len(out) <= 0.03, wrong
    assert sum(o.verdict == "correct" for o in out) / len(out) >= 0.5
    assert sum(o.recalled for o in out) / len(out) >= 0.9, [o.question for o in out if not o.recalled]


def test_words_alone_never_answer_wrong(outcomes: dict[Mode, list[Any]]) -> None:
    out = outcomes[Mode.BM25]
    assert [(o.question, o.got) for o in out if o.verdict == "wrong"] == []
    assert sum(o.verdict == "correct" for o in out) / len(out) >= 0.5
