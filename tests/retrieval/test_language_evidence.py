"""Language evidence in hybrid search (retrieval.search `evidence_scales`, coverage `own_units`), on invented
documents: the translation's lists weigh by how much of the question the other language holds against the
query's own language, and a question's interrogative words are not content a passage must hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.app.pipeline import ingest_paths
from sinoscope.retrieval import search
from sinoscope.retrieval.bilingual import BilingualLexicon, Expansion, expand
from sinoscope.retrieval.coverage import own_units
from sinoscope.retrieval.lexicon import Lexicon
from sinoscope.retrieval.search import Mode, Retriever, evidence_scales
from sinoscope.store import SqliteStore

from .embedders import keyword_retriever

ZH_NOTICE = """某县交通局关于渡口工作的通报

一、渡口客运

渡口运送旅客58万人次，比上年有所增加。

二、渡口安全

全年渡口安全检查120次，渡船安全运行。
"""
"""The first paragraph answers the question below (it holds three of its five words); the second holds two,
one of them the word the dense ranking keys on, so it is the best fused Chinese passage either way."""
EN_REVIEW = """# River review

## Crossing

The ferry crossing opened in spring after repairs to the slipway.

## Schedule

A ferry crossing timetable was printed for the summer months.

## Boats

Two boats served the ferry crossing through the flood season.

## Fares

Fares at the ferry crossing were left unchanged.
"""
"""English passages each holding one translated unit of the question (the lexicon's rendering of 渡口), found
by the term list, the structured ranking and the translation's dense ranking: three votes apiece."""
QUESTION = "全年渡口运送旅客总数"


def _top(tmp_path: Path, query: str, limit: int = 3) -> list[str]:
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "notice.txt").write_text(ZH_NOTICE, encoding="utf-8")
    (tmp_path / "review.md").write_text(EN_REVIEW, encoding="utf-8")
    lex = BilingualLexicon()
    lex.add(["渡口"], ["ferry crossing"])
    dictionary = Lexicon({}, {"旅客": ("passengers",), "运送": ("carry",), "全年": ("annual",), "总数": ("total",)})
    with SqliteStore(tmp_path / "x.sqlite") as store:
        assert not ingest_paths(store, [tmp_path / "notice.txt", tmp_path / "review.md"]).errors
        # the query's own dense ranking puts the safety paragraph first, the translation's the English passages
        retriever = keyword_retriever(store, ("全年", "ferry"), lambda q: expand(q, lex, dictionary))
        try:
            return [store.get_block(h.anchor).text for h in retriever.search(query, Mode.HYBRID, limit)]
        finally:
            retriever.close()


def test_a_question_its_own_language_holds_better_keeps_its_answer_among_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "BETTER_HELD", 1.0)  # the weights alone
    top = _top(tmp_path, QUESTION)
    assert any(t.startswith("渡口运送旅客58万人次") for t in top), top


def test_with_the_tuned_weights_alone_the_translations_votes_push_it_down(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same search with both languages weighed equally (the weights tuned on cross-lingual questions):
    English passages holding one translated word take the places after the best Chinese passage (the
    best-held passage's own rule, `BETTER_HELD`, is off here: this is the weights' part)."""
    monkeypatch.setattr(search, "evidence_scales", lambda own, other: (1.0, 1.0))
    monkeypatch.setattr(search, "BETTER_HELD", 1.0)
    monkeypatch.setattr(search.Retriever, "own_coverage_ranking", lambda self, query, rankings, texts: [])
    top = _top(tmp_path, QUESTION)
    assert not any(t.startswith("渡口运送旅客58万人次") for t in top), top


def test_the_own_words_coverage_ranking_alone_keeps_it_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same ablation with the Chinese query's own passages ranked by how many of its words they hold
    (`Retriever.own_coverage_ranking`): that list's vote keeps the passage holding the question among the first
    places even with both languages weighed equally and without the best-held passage's rule."""
    monkeypatch.setattr(search, "evidence_scales", lambda own, other: (1.0, 1.0))
    monkeypatch.setattr(search, "BETTER_HELD", 1.0)
    top = _top(tmp_path, QUESTION)
    assert any(t.startswith("渡口运送旅客58万人次") for t in top), top


def test_equal_evidence_keeps_the_tuned_weights_and_the_better_held_language_gains() -> None:
    assert evidence_scales(0.5, 0.5) == pytest.approx((1.0, 1.0))
    assert evidence_scales(0.0, 0.0) == pytest.approx((1.0, 1.0))
    own, other = evidence_scales(0.8, 0.2)
    assert own > 1.0 > other > 0.0
    assert own + other == pytest.approx(2.0)  # what one language gains the other loses
    other_first = evidence_scales(0.1, 0.9)
    assert other_first[1] > 1.0 > other_first[0]


def test_interrogative_words_are_not_content_a_passage_must_hold() -> None:
    units = {u[0] for u in own_units("去年渡口运送了多少旅客")}
    assert "多少" not in units and {"渡口", "旅客"} <= units
    assert not {u[0] for u in own_units("渡口什么时候开通")} & {"什么", "时候"}
    assert not {u[0] for u in own_units("渡口有哪几种船")} & {"哪几种", "几种"}
    assert "几乎" in {u[0] for u in own_units("渡口几乎全年开放")}  # 几 asks only before a measure word
    english = {u[0] for u in own_units("How many passengers did the ferry carry?")}
    assert "many" not in english and {"passengers", "ferry"} <= english
    assert "many" in {u[0] for u in own_units("many passengers crossed")}  # not a question without "how"


def test_the_bridge_translates_the_question_without_its_interrogatives(tmp_path: Path) -> None:
    """多少 and "how many" are not what the other language's passage prints: the bridge never sees them."""
    seen: list[str] = []

    def bridge(query: str) -> Expansion:
        seen.append(query)
        return Expansion((), ())

    with SqliteStore(tmp_path / "x.sqlite") as store:
        retriever = Retriever(store, bridge=bridge)
        retriever.expand("渡口运送了多少旅客")
        retriever.expand("How many passengers did the ferry carry?")
    assert "多少" not in seen[0] and "渡口" in seen[0] and "旅客" in seen[0]
    assert "many" not in seen[1] and "passengers" in seen[1]


def test_the_passage_holding_most_of_a_question_its_own_language_holds_better_comes_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer holds three of the question's five words, the dense ranking's favourite two, the English
    passages one translated unit of five: the best-held Chinese passage takes the first place
    (`BETTER_HELD`). Without that rule the dense favourite keeps it when the fusion counts agreement more
    than first places (RRF's usual k = 60; at `FUSION_K` the fusion alone puts the answer first here) and
    the own words' coverage ranking is off (with it, that list's vote does the rule's work)."""
    assert _top(tmp_path / "on", QUESTION)[0].startswith("渡口运送旅客58万人次")
    monkeypatch.setattr(search, "FUSION_K", 60)
    assert _top(tmp_path / "k60", QUESTION)[0].startswith("渡口运送旅客58万人次")
    monkeypatch.setattr(search, "BETTER_HELD", 1.0)
    assert _top(tmp_path / "coverage", QUESTION)[0].startswith("渡口运送旅客58万人次")
    monkeypatch.setattr(search.Retriever, "own_coverage_ranking", lambda self, query, rankings, texts: [])
    assert not _top(tmp_path / "off", QUESTION)[0].startswith("渡口运送旅客58万人次")
