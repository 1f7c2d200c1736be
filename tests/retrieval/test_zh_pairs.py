"""A Chinese query word no document uses as such (科研经费 for 研发经费) still gives partial credit
through its character pairs in the loosest full-text tier (`fts_query.han_pairs`); stricter tiers keep
whole words, and English queries are untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.app.pipeline import ingest_paths
from sinoscope.store import SqliteStore
from sinoscope.store.fts_query import build_tiers, han_pairs

REVIEW = """某省2025年科技工作回顾

一、总体情况

全省研发经费投入达到860亿元，比上年增长9.1%。

新建省级重点实验室12个，已于年内投入使用。
"""


def test_pairs_of_long_han_words_only() -> None:
    assert han_pairs(["科研经费", "投入", "R&D", "5G基站"]) == ["科研", "研经", "经费"]
    assert han_pairs(["经费", "经费投入"]) == ["费投", "投入"]  # a pair already a word is not repeated
    assert han_pairs(["科研经费", "集成电路"], absent=lambda w: w == "科研经费") == ["科研", "研经", "经费"]


def test_pairs_join_only_the_loosest_tier() -> None:
    tiers = {t.match: t.expression for t in build_tiers("科研经费 投入")}
    assert '"经 费"' in tiers["any"] and '"经 费"' not in tiers["all"]
    assert all("OR" not in t.expression for t in build_tiers("research budget") if t.match != "any")


def test_a_paraphrased_compound_finds_the_passage(tmp_path: Path) -> None:
    path = tmp_path / "review.txt"
    path.write_text(REVIEW, encoding="utf-8")
    with SqliteStore(tmp_path / "s.sqlite") as store:
        assert not ingest_paths(store, [path]).errors
        top = store.search("科研经费投入多少", limit=1)[0]
        assert "860亿元" in store.get_block(top.anchor).text


def test_the_index_is_asked_about_words_only_when_the_loosest_tier_is_reached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "review.txt"
    path.write_text(REVIEW, encoding="utf-8")
    with SqliteStore(tmp_path / "s.sqlite") as store:
        assert not ingest_paths(store, [path]).errors
        asked: list[str] = []
        held = store._more_common_than
        monkeypatch.setattr(store, "_more_common_than", lambda w, cap: asked.append(w) or held(w, cap))
        assert store.search("省级重点实验室", limit=1) and asked == []  # the phrase tier fills it
        store.search("科研经费投入多少", limit=5)
        assert "科研经费" in asked  # absent from the index: split into pairs
