"""A question held whole by a passage of its own language is answered in its language (retrieval.search,
`WHOLE`), on invented documents: the translation's lists (lexicon terms, dictionary words, structured
ranking) give an other-language passage several votes, which must not outrank an own-language passage
holding every word of the question, while the other language keeps a place among the first three."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.app.pipeline import ingest_paths
from sinoscope.retrieval import search
from sinoscope.retrieval.bilingual import BilingualLexicon, expand
from sinoscope.retrieval.flat_index import FlatIndex
from sinoscope.retrieval.lexicon import Lexicon
from sinoscope.retrieval.search import Mode, Retriever
from sinoscope.store import SqliteStore

from .embedders import FlatEmbedder

EN_REPORT = """# Canal report

## Tolls

Tolls rose again at the lock on the northern reach, where barges queued for days before the canal board
finally collected 4.1 million from shippers in 2031.

## Barges

Barges on the canal carried more grain than in any year before.

## Board

The canal board met four times and published its accounts.
"""
"""The Tolls passage holds every word of the question (tolls, lock, canal, collected) but far apart: BM25 finds
it first, yet not as a phrase or near match, so nothing but this rule keeps it ahead of fused passages."""
ZH_NOTICE = """某运河管理处关于船闸通行费的通报

一、征收情况

运河船闸通行费征收平稳，全年征收船闸通行费2.6亿元。

二、减免政策

船闸通行费减免政策延续至年底，运河货运船舶按规定征收。

三、运河养护

运河养护工程按计划推进。
"""


def _retriever(store: SqliteStore) -> Retriever:
    lex = BilingualLexicon()
    lex.add(["船闸通行费"], ["lock tolls"])
    dictionary = Lexicon({"canal": ("运河",), "collected": ("征收",)}, {})
    return Retriever(store, FlatEmbedder(), FlatIndex(4), bridge=lambda q: expand(q, lex, dictionary))


def _top(tmp_path: Path, query: str) -> list[str]:
    (tmp_path / "report.md").write_text(EN_REPORT, encoding="utf-8")
    (tmp_path / "notice.txt").write_text(ZH_NOTICE, encoding="utf-8")
    with SqliteStore(tmp_path / "x.sqlite") as store:
        assert not ingest_paths(store, [tmp_path / "report.md", tmp_path / "notice.txt"]).errors
        retriever = _retriever(store)
        try:
            return [store.get_block(h.anchor).text for h in retriever.search(query, Mode.HYBRID, 3)]
        finally:
            retriever.close()


def test_an_own_language_passage_holding_the_whole_question_stays_first(tmp_path: Path) -> None:
    top = _top(tmp_path, "lock tolls collected on the canal")
    assert top[0].startswith("Tolls rose again"), top
    assert any("船闸通行费" in t for t in top), top  # the translation still earns the other language a place


def test_without_the_rule_the_translations_votes_outrank_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same search with the rule switched off (no share reaches 1.01): a Chinese passage found by the
    term, dictionary and structured lists comes first, which is the regression the rule repairs."""
    monkeypatch.setattr(search, "WHOLE", 1.01)
    top = _top(tmp_path, "lock tolls collected on the canal")
    assert not top[0].startswith("Tolls rose again"), top
