"""Language competition in a store holding both languages (retrieval.search), on invented documents: the
best passage of each language is shown among the first two for a bridged query, the translation's own dense
ranking vouches for passages of the translation's language, and a year the query names never pushes a
passage holding the query's translated terms below passages that merely print that year."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sinoscope.app.pipeline import ingest_paths
from sinoscope.retrieval.bilingual import BilingualLexicon, expand
from sinoscope.retrieval.flat_index import FlatIndex
from sinoscope.retrieval.lexicon import Lexicon
from sinoscope.retrieval.search import Mode, Retriever
from sinoscope.store import SqliteStore

from .embedders import FlatEmbedder, keyword_retriever

ZH_NOTICE = """某港务局关于航道工作的通报

一、航道维护

全年征收疏浚费3.2亿元，用于航道维护。

二、港口服务

港口服务平稳运行，船舶进出港秩序良好。
"""
EN_REVIEW = """# Harbour review

## Traffic

Harbour traffic collected in 2031 rose; the harbour board collected fees in 2031.

## Works

Harbour works collected praise in 2031 and the harbour board met twice.

## Staff

The harbour staff collected awards in 2031; harbour pilots were collected by launch.

## Board

The harbour board collected its reports in 2031 and published them.
""" + "".join(f"\n## Note {i}\n\nHarbour note {i} was filed.\n" for i in range(60))
"""Enough English harbour passages that the query's own dense ranking (50 deep) holds no Chinese one, as in
a store of thousands of passages."""


def _lexicon() -> BilingualLexicon:
    lex = BilingualLexicon()
    lex.add(["疏浚费"], ["dredging levy"])
    return lex


KEYS = ("疏浚", "dredging", "harbour")
"""The keyword embedder's words (the Chinese and the English word for dredging, harbour): a static encoder
whose two languages are poorly aligned, so only the query's translation, embedded alone, lands on the Chinese
passage that prints dredging in other words (航道疏浚收费, not the lexicon's 疏浚费), which no lexical list finds
either."""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    (tmp_path / "notice.txt").write_text(ZH_NOTICE, encoding="utf-8")
    (tmp_path / "review.md").write_text(EN_REVIEW, encoding="utf-8")
    s = SqliteStore(tmp_path / "x.sqlite")
    s.open()
    assert not ingest_paths(s, [tmp_path / "notice.txt", tmp_path / "review.md"]).errors
    yield s
    s.close()


def _top(store: SqliteStore, retriever: Retriever, query: str, k: int = 3) -> list[str]:
    return [store.get_block(h.anchor).text for h in retriever.search(query, Mode.HYBRID, k)]


def test_each_languages_best_passage_is_among_the_first_two(store: SqliteStore) -> None:
    """The English review's passages share the query's words (harbour, collected, 2031) and are found by both
    BM25 and the dense ranking; the Chinese notice holds the translated term but not the dictionary's word
    for ferry, so it is no strong match. Its language's best passage still comes second, not behind four
    English ones."""
    lex = _lexicon()
    dictionary = Lexicon({"ferry": ("渡轮",)}, {})  # a word the notice does not hold: no structured match
    retriever = keyword_retriever(store, KEYS, lambda q: expand(q, lex, dictionary))
    try:
        top = _top(store, retriever, "harbour ferry dredging levy collected in 2031", 2)
        assert any("疏浚费" in t for t in top)
        assert any(t.startswith(("Harbour", "The harbour")) for t in top)  # the query's own language keeps a place
    finally:
        retriever.close()


def test_without_a_translation_search_stays_monolingual(store: SqliteStore) -> None:
    retriever = Retriever(store, FlatEmbedder(), FlatIndex(4))  # no bridge: nothing vouches for Chinese text
    try:
        assert all("疏浚费" not in t for t in _top(store, retriever, "harbour dredging levy collected in 2031"))
    finally:
        retriever.close()


def test_a_year_named_in_the_query_does_not_outrank_a_passage_holding_its_terms(store: SqliteStore) -> None:
    """ "dredging levy" carries two of the query's three content words, so the notice's passage holding 疏浚费
    is a strong match; the review's passages print 2031 (the year vote) but not the levy."""
    lex = _lexicon()
    retriever = Retriever(store, FlatEmbedder(), FlatIndex(4), bridge=lambda q: expand(q, lex, Lexicon({}, {})))
    try:
        assert "疏浚费" in _top(store, retriever, "dredging levy collected 2031", 1)[0]
    finally:
        retriever.close()


def test_the_translations_own_dense_ranking_vouches_for_the_other_languages_passage(tmp_path: Path) -> None:
    (tmp_path / "notice.txt").write_text(ZH_NOTICE.replace("疏浚费", "航道疏浚收费"), encoding="utf-8")
    (tmp_path / "review.md").write_text(EN_REVIEW, encoding="utf-8")
    lex = _lexicon()
    with SqliteStore(tmp_path / "x.sqlite") as store:
        assert not ingest_paths(store, [tmp_path / "notice.txt", tmp_path / "review.md"]).errors
        retriever = keyword_retriever(store, KEYS, lambda q: expand(q, lex, Lexicon({}, {})))
        try:
            hits = retriever.search("harbour dredging levy", Mode.HYBRID, 3)
            assert any("航道疏浚收费" in store.get_block(h.anchor).text for h in hits)
        finally:
            retriever.close()


LEVY_NOTICE = """某港务局关于疏浚费的通知

一、征收

全年征收疏浚费3.2亿元，用于航道维护。

二、标准

疏浚费标准按船舶吨位计收。

三、减免

疏浚费减免政策延续至年底。
"""
PORT_NOTES = "# Port notes\n" + "".join(f"\n## Day {i}\n\nThe port was busy on day {i}.\n" for i in range(8))


def test_a_language_holding_little_of_the_query_earns_no_place_of_its_own(tmp_path: Path) -> None:
    """The English notes share one word of five with the question (port), the Chinese notice's passages hold
    its translated term (疏浚费, half of its units): only Chinese passages vouch for an answer, so the first
    three are Chinese instead of an English note taking the second place."""
    (tmp_path / "notice.txt").write_text(LEVY_NOTICE, encoding="utf-8")
    (tmp_path / "notes.md").write_text(PORT_NOTES, encoding="utf-8")
    lex = _lexicon()
    lex.add(["港务局"], ["port authority"])
    with SqliteStore(tmp_path / "x.sqlite") as store:
        assert not ingest_paths(store, [tmp_path / "notice.txt", tmp_path / "notes.md"]).errors
        retriever = Retriever(store, FlatEmbedder(), FlatIndex(4), bridge=lambda q: expand(q, lex, Lexicon({}, {})))
        try:
            top = _top(store, retriever, "dredging levy collected by the port authority")
            assert all("疏浚费" in t for t in top), top
            # a question the notes do answer in most of its words keeps an English place
            top = _top(store, retriever, "was the port busy on day 3 despite the dredging levy")
            assert any(t.startswith("The port was busy") for t in top[:2]), top
        finally:
            retriever.close()
