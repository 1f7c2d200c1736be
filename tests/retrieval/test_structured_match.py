"""Structured translation matching (retrieval.coverage) and the dictionary's per-word translations it counts
(retrieval.lexicon, retrieval.bilingual), on invented passages and an invented dictionary: a query word
counts once however many of its senses a passage holds, rarer words weigh more, English words match as
the store's porter tokenizer matches them, and hybrid search lifts the passage holding most of the query."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sinoscope.app.pipeline import ingest_paths
from sinoscope.retrieval.bilingual import BilingualLexicon, expand
from sinoscope.retrieval.coverage import coverage_ranking, mostly_han, strong_structured_match
from sinoscope.retrieval.flat_index import FlatIndex
from sinoscope.retrieval.lexicon import Lexicon, en_to_zh, en_to_zh_groups, zh_to_en, zh_to_en_groups
from sinoscope.retrieval.search import Mode, Retriever
from sinoscope.store import SqliteStore

from .embedders import FlatEmbedder

DICTIONARY = Lexicon(
    {},
    {
        "海洋": ("ocean", "sea", "marine"),
        "渔业": ("fishery", "fishing industry"),
        "基金": ("fund",),
        "增加": ("increase", "raise", "add"),
        "三倍": ("triple", "threefold"),
    },
)


def test_dictionary_words_keep_their_later_senses_as_alternatives() -> None:
    groups = zh_to_en_groups("海洋渔业基金CPUE", DICTIONARY)
    assert groups == [
        ("海洋", ("ocean", "sea", "marine")),
        ("渔业", ("fishery", "fishing industry")),
        ("基金", ("fund",)),
        ("CPUE", ("CPUE",)),
    ]
    # the flat word list (a BM25 OR-query) keeps two senses per word, so one word cannot swamp the others
    assert zh_to_en("海洋渔业", DICTIONARY) == ["ocean", "sea", "fishery", "fishing industry"]


def test_an_english_phrase_brings_its_own_words_translations_as_alternatives() -> None:
    dictionary = Lexicon({"fish stock": ("鱼类资源",), "fish": ("鱼", "鱼类"), "stock": ("股票", "存量")}, {})
    assert en_to_zh_groups("the fish stocks", dictionary) == [
        ("fish stock", ("鱼类资源", "鱼", "鱼类", "股票", "存量"))
    ]
    assert en_to_zh("the fish stocks", dictionary) == ["鱼类资源", "鱼", "鱼类", "股票", "存量"]


def test_expansion_has_one_unit_per_term_and_per_dictionary_word() -> None:
    lex = BilingualLexicon()
    lex.add(["渔业基金"], ["fisheries fund"])
    e = expand("海洋渔业基金增加三倍", lex, DICTIONARY)
    assert e.groups == (("fisheries fund",),)
    assert e.word_groups == (("ocean", "sea", "marine"), ("increase", "raise", "add"), ("triple", "threefold"))
    assert e.units == e.groups + e.word_groups
    assert e.words == ("ocean", "sea", "increase", "raise", "triple", "threefold")


UNITS = (("ocean", "sea", "marine"), ("fishery", "fishing industry"), ("fund",), ("triple", "threefold"))


def test_a_passage_holding_more_query_words_beats_one_repeating_the_senses_of_one() -> None:
    passages = {
        "senses": "The sea, the ocean and marine life: the ocean and the sea again, marine parks by the sea.",
        "answer": "The fisheries fund will be tripled for ocean fleets.",
        "other": "A fund for schools.",
    }
    ranked = coverage_ranking(UNITS, passages)
    assert [a for a, _ in ranked] == ["answer", "senses", "other"]  # porter: fisheries ~ fishery, tripled ~ triple


def test_a_rarer_word_weighs_more_than_a_common_one() -> None:
    passages = {f"sea-{i}": f"Sea level note {i}." for i in range(5)}
    passages |= {"fund-only": "A fund was set up.", "sea-and-x": "Sea routes."}
    ranked = coverage_ranking(UNITS, passages)
    assert ranked[0][0] == "fund-only"  # one passage says fund, six say sea


def test_a_multiword_rendering_earns_the_share_of_its_words_present() -> None:
    units = (("fishing industry",),)
    ranked = dict(coverage_ranking(units, {"half": "Industry grew.", "whole": "The fishing industry grew."}))
    assert ranked["whole"] > ranked["half"] > 0


def test_chinese_renderings_match_in_either_script() -> None:
    units = (("渔业",), ("基金",))
    ranked = coverage_ranking(units, {"trad": "漁業基金擴大", "simp": "渔业发展", "none": "农业"})
    assert [a for a, _ in ranked] == ["trad", "simp"]


def test_a_strong_structured_match_holds_most_of_the_query() -> None:
    assert strong_structured_match(UNITS, {"a": "The fisheries fund will be tripled.", "b": "A fund."}) == "a"
    assert strong_structured_match(UNITS, {"a": "The fund and the sea.", "b": "A fund."}) is None  # 2 of 4
    assert strong_structured_match(UNITS, {}) is None
    assert strong_structured_match((), {"a": "x"}) is None


# -- hybrid search over an invented store --------------------------------------------------------------

ZH_REPORT = """某市{n}号海洋工作报告

一、海洋经济

海洋经济平稳发展，海洋生产总值增长{n}%。

二、海洋生态

加强海洋生态保护，建设海洋牧场{n}个。
"""
EN_REVIEW = """# Coastal review

## Overview

Ocean and sea trade increased; the sea fund and the ocean fund increased, sea and ocean again.

## Ports

Sea ports and ocean ports increased cargo; the port fund increased by sea and by ocean.

## Shipping

Ocean shipping and sea shipping increased; the shipping fund increased too, ocean and sea.

## Money

The marine fisheries fund is to be tripled by 2030, the board said.
"""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    paths = []
    for n in range(1, 4):
        paths.append(tmp_path / f"report-{n}.txt")
        paths[-1].write_text(ZH_REPORT.format(n=n), encoding="utf-8")
    paths.append(tmp_path / "review.md")
    paths[-1].write_text(EN_REVIEW, encoding="utf-8")
    s = SqliteStore(tmp_path / "x.sqlite")
    s.open()
    assert not ingest_paths(s, paths).errors
    yield s
    s.close()


def test_chinese_query_the_lexicon_does_not_know_finds_the_english_passage_holding_most_of_it(
    store: SqliteStore,
) -> None:
    """The dictionary's flat word list (ocean, sea, fishery, fund, increase, raise, triple …) ranks the
    review's passages repeating "ocean", "sea", "fund" and "increased" first; the passage about the fisheries
    fund holds four of the query's five words (marine, fisheries, fund, tripled), once each, and is lifted
    beside the Chinese reports' hits."""
    lex = BilingualLexicon()
    retriever = Retriever(store, FlatEmbedder(), FlatIndex(4), bridge=lambda q: expand(q, lex, DICTIONARY))
    try:
        query = "海洋渔业基金增加三倍"
        top = [store.get_block(h.anchor).text for h in retriever.search(query, Mode.HYBRID, 3)]
        assert any(t.startswith("The marine fisheries fund") for t in top)
    finally:
        retriever.close()


def test_language_of_a_passage_by_its_share_of_han_letters() -> None:
    assert mostly_han("海洋渔业基金 (CPUE) 增加三倍，2030年")
    assert not mostly_han("The fund (海洋渔业基金) is to triple by 2030.")
    assert not mostly_han("2030 — 12.5%")  # no letters at all


# -- the structured ranking as a leg of hybrid search ----------------------------------------------------

FUND_SENSES = Lexicon(
    {
        "ocean": ("海洋",),
        "fund": ("基金", "资金", "经费", "款项"),
        "triple": ("三倍",),
        "fleet": ("船队",),
        "harbour": ("港口",),
    },
    {},
)


def test_an_english_query_finds_the_chinese_passage_holding_more_of_its_words_than_one_word_s_senses(
    tmp_path: Path,
) -> None:
    """Three Chinese notes name every sense of "fund" (基金, 资金, 经费, 款项) and nothing else of the query; the
    answer holds two of its five words (海洋, 三倍): too few for a strong match. The dictionary's flat word
    list (a BM25 OR-query) ranks the notes' four matching words first; the structured ranking counts each
    unit once, the answer's two rare units against the notes' one, and lifts it into the top three."""
    notes = "".join(f"\n\n第{i}条 统筹资金、经费、款项和基金。" for i in range(1, 4))
    filler = "".join(f"\n\n第{i}条 其他事项按有关规定办理。" for i in range(4, 14))
    path = tmp_path / "notes.txt"
    path.write_text(f"某市管理办法{notes}{filler}\n\n第二十条 海洋捕捞规模扩大到三倍。\n", encoding="utf-8")
    s = SqliteStore(tmp_path / "x.sqlite")
    s.open()
    try:
        assert not ingest_paths(s, [path]).errors
        retriever = Retriever(
            s, FlatEmbedder(), FlatIndex(4), bridge=lambda q: expand(q, BilingualLexicon(), FUND_SENSES)
        )
        try:
            query = "ocean fund triple for fleets and harbours"
            pool = [(h.anchor, 0.0) for h in s.search("海洋 三倍 资金", 20)]
            assert not retriever.structured_match(retriever.expand(query), [pool], chinese=True)  # not strong
            top = [s.get_block(h.anchor).text for h in retriever.search(query, Mode.HYBRID, 3)]
            assert any("三倍" in t for t in top), top
        finally:
            retriever.close()
    finally:
        s.close()


def test_an_english_word_brings_the_headword_whose_first_sense_it_is(tmp_path: Path) -> None:
    """ "data" is a later sense of the common headwords 材料 and 资料 and the only sense of 数据: the reverse
    lookup keeps the two most common headwords and adds the one that means just that word."""
    import gzip

    from sinoscope.retrieval.lexicon import parse_cedict

    path = tmp_path / "cedict.txt.gz"
    entries = [
        "材料 材料 [cai2 liao4] /material/data/",
        "資料 资料 [zi1 liao4] /material/resources/data/",
        "數據 数据 [shu4 ju4] /data/",
        "基金 基金 [ji1 jin1] /fund/",
    ]
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("# invented\n" + "\n".join(entries) + "\n")
    lex = parse_cedict(path)
    assert set(lex.en_to_zh["data"]) == {"材料", "资料", "数据"}
    assert lex.en_to_zh["data"][-1] == "数据"
    assert lex.en_to_zh["fund"] == ("基金",)
    assert lex.en_to_zh["material"] == ("材料", "资料")  # first sense of both: nothing to add


def test_a_querys_own_words_and_the_share_a_passage_holds() -> None:
    from sinoscope.retrieval.coverage import own_units, shares

    assert own_units("the harbour levy of 2031 in Q3, harbour again") == (("harbour",), ("levy",), ("Q3",), ("again",))
    zh = own_units("某港疏浚费标准")
    assert zh and all(len(u[0]) >= 2 for u in zh)
    units = own_units("harbour dredging levy")
    assert shares(units, ["The harbour levy rose.", "A harbour."]) == pytest.approx([2 / 3, 1 / 3])
    assert shares(units, []) == []
