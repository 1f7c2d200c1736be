"""A Chinese question's words the bridge does not translate count against the English share of it
(retrieval.search `Retriever._evidence`), on invented documents: a place name no dictionary holds is part of
the question no English passage can print."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.app.pipeline import ingest_paths
from sinoscope.retrieval import search
from sinoscope.retrieval.bilingual import BilingualLexicon, Expansion, expand
from sinoscope.retrieval.coverage import printed
from sinoscope.retrieval.lexicon import Lexicon
from sinoscope.store import SqliteStore

from .embedders import dictionary_top, keyword_retriever

ZH_NOTICE = """某县交通局关于渡口工作的通报

一、青石渡口

青石渡口全年运送旅客58万人次，比上年有所增加。

二、安全检查

全年开展安全检查120次，未发生事故。
"""
"""The first paragraph answers the question below: it holds the place name and three of the four words the
dictionary translates."""
EN_REVIEW = """# River transport review

## Passengers

Annual passenger totals on the river buses rose again.

## Boats

The annual boat inspection found two boats in poor repair.
"""
"""An English passage holding three of the translation's four units (passengers, annual, total), found by
the dictionary's words, the structured ranking and the dense ranking: the translation looks as sure an
answer as the Chinese passage."""
QUESTION = "青石渡口全年运送旅客总数"


def _top(tmp_path: Path) -> list[str]:
    (tmp_path / "notice.txt").write_text(ZH_NOTICE, encoding="utf-8")
    (tmp_path / "review.md").write_text(EN_REVIEW, encoding="utf-8")
    dictionary = Lexicon({}, {"旅客": ("passengers",), "运送": ("carry",), "全年": ("annual",), "总数": ("total",)})
    with SqliteStore(tmp_path / "x.sqlite") as store:
        assert not ingest_paths(store, [tmp_path / "notice.txt", tmp_path / "review.md"]).errors
        # the dense ranking keys on "annual", which both languages' passages hold
        retriever = keyword_retriever(
            store, ("annual", "passenger"), lambda q: expand(q, BilingualLexicon(), dictionary)
        )
        try:
            return [store.get_block(h.anchor).text for h in retriever.search(QUESTION, search.Mode.HYBRID, 3)]
        finally:
            retriever.close()


def test_a_name_no_english_passage_can_print_keeps_the_chinese_answer_first(tmp_path: Path) -> None:
    top = _top(tmp_path)
    assert top[0].startswith("青石渡口全年运送旅客58万人次"), top


def test_without_it_the_english_passage_looks_as_sure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The contrast: when every word counts as translated, the English passage takes the first place."""
    real = search.Retriever.expand
    monkeypatch.setattr(
        search.Retriever, "expand", lambda self, q: real(self, q) if len(q) > 2 else Expansion((("x",),), ())
    )
    top = _top(tmp_path)
    assert not top[0].startswith("青石渡口"), top


EN_BRIEF = """# Procurement brief

## Contracts

The Halloway analysis put the value of federal contract awards at nine times their level of five years before.

## Staff

Agencies hired more contracting officers over the same period.
"""
"""The first paragraph answers the English question below: it holds the think tank's name and four more of
its six words."""
ZH_BULLETIN = """某市采购通报

一、合同管理

全市政府采购合同价值增长较快，合同备案及时。

二、人员培训

全年培训采购人员300人次。
"""
"""A Chinese passage holding three of the four words the bridge renders (contract, value, growth), and of
course not the name: before the name counted, it held three quarters of the translation, as sure an answer as
the English passage holding five sixths of the question."""
EN_QUESTION = "federal contract value growth Halloway analysis"


def _top_en(tmp_path: Path) -> list[str]:
    dictionary = Lexicon(
        {"federal": ("联邦",), "contract": ("合同",), "value": ("价值",), "growth": ("增长",), "analysis": ("分析",)},
        {},
    )
    files = {"brief.md": EN_BRIEF, "bulletin.txt": ZH_BULLETIN}
    return dictionary_top(tmp_path, files, dictionary, ("合同", "价值"), EN_QUESTION)


def test_an_english_name_no_chinese_passage_prints_keeps_the_english_answer_first(tmp_path: Path) -> None:
    top = _top_en(tmp_path)
    assert top[0].startswith("The Halloway analysis"), top


def test_without_it_the_chinese_passage_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The contrast: when an English name the dictionary misses is not counted, the Chinese passage holding
    three of five translated words looks the surer answer."""
    monkeypatch.setattr(search, "_written_as_name", lambda word, query: search.has_han(word))
    top = _top_en(tmp_path)
    assert not top[0].startswith("The Halloway"), top


@pytest.mark.parametrize(
    ("word", "text", "held"),
    [
        ("RCEP", "结合RCEP实施，扩大贸易。", True),
        ("5G", "Operators built 5G base stations.", True),
        ("NSF", "The NSFC board met.", False),
        ("Halloway", "合同价值增长较快。", False),
    ],
)
def test_a_carried_word_is_held_where_it_is_printed_as_it_is(word: str, text: str, held: bool) -> None:
    assert printed(word, text) is held
