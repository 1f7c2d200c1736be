"""The passage both of a question's own retrievers rank first keeps a place among the first three
(retrieval.search `AGREED_PLACE`, `_agreed_first`), on invented documents: a Chinese question whose
translation's lists (terms, structured ranking) all vote for English passages, in a store holding more
English passages than Chinese ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.app.pipeline import ingest_paths
from sinoscope.retrieval import search
from sinoscope.retrieval.bilingual import BilingualLexicon, expand
from sinoscope.retrieval.fusion import Fused
from sinoscope.retrieval.lexicon import Lexicon
from sinoscope.retrieval.search import Mode, _agreed_first
from sinoscope.store import SqliteStore
from sinoscope.store.base import SearchHit

from .embedders import keyword_retriever

NOTICE = """某港关于服务的通报

一、航道

航道维护工作按计划推进。

二、时限

进港船只靠泊后六小时内放行，夜间照常办理。

三、服务

港口服务平稳运行，引航员按时登轮。
"""
REVIEW = "# Harbour review\n" + "".join(
    f"\n## Part {i}\n\nThe port authority reviewed its berth clearance times for vessels in part {i}.\n"
    for i in range(8)
)
KEYS = ("放行", "berth clearance")
"""The keyword embedder's words: the question's 放行 puts the notice's paragraph first in its dense ranking;
the English passages sit on another axis (a static encoder whose two languages are poorly aligned)."""
QUESTION = "港务局规定船舶靠泊后放行时间"
"""Its translated units (port authority, vessels, berth, clearance) are all in every English passage, which
each translation list votes for and which hold the translation whole (a strong match); the notice's
paragraph holds two of its six own words (靠泊, 放行), so its own language is not confident: only BM25 and
the dense ranking, both putting it first, vouch for it."""


def _lexicon() -> BilingualLexicon:
    lex = BilingualLexicon()
    lex.add(["港务局"], ["port authority"])
    lex.add(["靠泊"], ["berth"])
    lex.add(["放行"], ["clearance"])
    lex.add(["船舶"], ["vessels"])
    return lex


def _top(tmp_path: Path, k: int = 3) -> list[str]:
    (tmp_path / "notice.txt").write_text(NOTICE, encoding="utf-8")
    (tmp_path / "review.md").write_text(REVIEW, encoding="utf-8")
    lex = _lexicon()
    with SqliteStore(tmp_path / "x.sqlite") as store:
        assert not ingest_paths(store, [tmp_path / "notice.txt", tmp_path / "review.md"]).errors
        retriever = keyword_retriever(store, KEYS, lambda q: expand(q, lex, Lexicon({}, {})))
        try:
            return [store.get_block(h.anchor).text for h in retriever.search(QUESTION, Mode.HYBRID, k)]
        finally:
            retriever.close()


def test_the_passage_both_own_retrievers_put_first_keeps_a_place_among_the_first_three(tmp_path: Path) -> None:
    top = _top(tmp_path)
    assert top[2].startswith("进港船只靠泊后"), top
    assert all(t.startswith("The port authority") for t in top[:2])  # the fusion's first two keep their places


def test_without_the_rule_the_translations_votes_push_it_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "AGREED_PLACE", 1000)
    assert all(t.startswith("The port authority") for t in _top(tmp_path, 5))


class _Languages:
    """Stands in for the per-search text cache: anchors starting with "zh" are Chinese passages."""

    def chinese(self, anchor: str) -> bool:
        return anchor.startswith("zh")


def _fused(*ids: str) -> list[Fused]:
    return [Fused(i, 1.0 / (n + 1), (n + 1,)) for n, i in enumerate(ids)]


def _hits(*ids: str) -> list[SearchHit]:
    return [SearchHit(i, i.partition("#")[0], "paragraph", 1, "", (), 1.0, "any") for i in ids]


def test_only_agreement_between_the_two_lists_moves_a_passage() -> None:
    fused = _fused("en#1", "en#2", "en#3", "zh#9", "zh#1")
    texts = _Languages()
    # BM25 and dense agree on zh#1 (each list's first Chinese passage; English ones in between do not count)
    moved = _agreed_first(fused, _hits("en#7", "zh#1", "zh#9"), [("en#8", 0.9), ("zh#1", 0.8)], texts, chinese=True)  # type: ignore[arg-type]
    assert [f.id for f in moved] == ["en#1", "en#2", "zh#1", "en#3", "zh#9"]
    # they disagree: nothing moves
    kept = _agreed_first(fused, _hits("zh#1"), [("zh#9", 0.8), ("zh#1", 0.7)], texts, chinese=True)  # type: ignore[arg-type]
    assert kept == fused
    # already among the first three: nothing moves
    early = _fused("en#1", "zh#1", "en#2", "en#3")
    assert _agreed_first(early, _hits("zh#1"), [("zh#1", 0.8)], texts, chinese=True) == early  # type: ignore[arg-type]
    # an English question: its own language's first passages are the English ones
    moved = _agreed_first(fused, _hits("zh#1", "en#3"), [("en#3", 0.9)], texts, chinese=False)  # type: ignore[arg-type]
    assert moved == fused  # en#3 is third already
