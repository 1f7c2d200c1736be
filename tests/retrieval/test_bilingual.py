"""Cross-lingual query expansion through a bilingual lexicon (retrieval.bilingual) and how hybrid search
uses it, on invented documents and invented lexicon entries: an English query reaches a Chinese passage and
the reverse, and a language with more documents in the store does not crowd the other out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sinoscope.app.pipeline import ingest_paths
from sinoscope.documents.zh_variants import has_han
from sinoscope.knowledge.base import Named
from sinoscope.knowledge.loader import load_bundled
from sinoscope.retrieval.bilingual import BilingualLexicon, expand, load_bilingual
from sinoscope.retrieval.flat_index import FlatIndex
from sinoscope.retrieval.lexicon import Lexicon
from sinoscope.retrieval.search import Mode, Retriever
from sinoscope.store import SqliteStore

from .embedders import FlatEmbedder

NO_DICTIONARY = Lexicon({}, {})


def _lexicon() -> BilingualLexicon:
    lex = BilingualLexicon()
    lex.add(["数字乡村"], ["digital villages", "digital countryside"])
    lex.add(["冷链物流"], ["cold-chain logistics"])
    lex.add(["县域"], ["county"])
    lex.add(["县域冷链物流"], ["county cold-chain logistics"])
    lex.add(["国内生产总值"], ["GDP"])
    lex.add(["美国"], ["US"])
    return lex


def test_english_terms_longest_first_and_the_rest_to_the_dictionary() -> None:
    dictionary = Lexicon({"road": ("道路",)}, {})
    e = expand("county cold-chain logistics and roads in 2031", _lexicon(), dictionary)
    assert e.groups == (("县域冷链物流",),)  # the longer term, not 县域 + 冷链物流
    assert e.words == ("道路",)
    assert e.coverage == pytest.approx(4 / 5)  # county cold chain logistics / + road; "and", "in", 2031 not counted
    assert expand("Digital Villages", _lexicon(), NO_DICTIONARY).groups == (("数字乡村",),)  # case and plural


def test_chinese_terms_are_translated_with_their_usual_renderings() -> None:
    e = expand("推进數字鄉村建设", _lexicon(), NO_DICTIONARY)  # Traditional folded to Simplified
    assert e.groups == (("digital villages", "digital countryside"),)
    assert e.coverage == pytest.approx(4 / 8)
    assert e.text() == "digital villages digital countryside"


def test_acronyms_match_only_in_capitals() -> None:
    assert expand("tell us about roads", _lexicon(), NO_DICTIONARY).groups == ()
    assert expand("US county roads", _lexicon(), NO_DICTIONARY).groups == (("美国",), ("县域",))


def test_packaged_lexicon_pairs_the_knowledge_bases_names() -> None:
    """Every curated entry with a Chinese name is found under it, with its English name among the renderings."""
    lex = load_bilingual()
    checked = 0
    for entry in load_bundled().all():
        if isinstance(entry, Named) and entry.name_zh and not has_han(entry.name) and len(entry.name_zh) >= 2:
            zh = expand(entry.name_zh, lex, NO_DICTIONARY)
            assert zh.groups and zh.coverage > 0, entry.id
            assert any(entry.name in group for group in zh.groups), entry.id
            checked += 1
    assert checked > 20


# -- hybrid search over an invented bilingual store --------------------------------------------------

ZH_PLAN = """某县{n}号农业工作方案

一、数字乡村

推进数字乡村建设，数字乡村试点覆盖{n}0个行政村，数字乡村服务站实现全覆盖。

二、冷链物流

完善县域冷链物流网络，新建冷库{n}座。

三、经济

全县国内生产总值（GDP）增长{n}%。
"""
EN_BRIEF = """# Rural notes

## Villages

Digital villages programmes connected 1,200 settlements to broadband last year.

## Roads

Road building slowed as county budgets tightened.
"""


@pytest.fixture
def bilingual_store(tmp_path: Path) -> Iterator[tuple[SqliteStore, Retriever]]:
    paths = []
    for n in range(1, 5):  # four Chinese plans against one English brief
        paths.append(tmp_path / f"plan-{n}.txt")
        paths[-1].write_text(ZH_PLAN.format(n=n), encoding="utf-8")
    paths.append(tmp_path / "brief.md")
    paths[-1].write_text(EN_BRIEF, encoding="utf-8")
    store = SqliteStore(tmp_path / "x.sqlite")
    store.open()
    assert not ingest_paths(store, paths).errors
    lex = _lexicon()
    retriever = Retriever(store, FlatEmbedder(), FlatIndex(4), bridge=lambda q: expand(q, lex, NO_DICTIONARY))
    yield store, retriever
    retriever.close()
    store.close()


def _texts(store: SqliteStore, retriever: Retriever, query: str, k: int = 3) -> list[str]:
    return [store.get_block(h.anchor).text for h in retriever.search(query, Mode.HYBRID, k)]


def test_english_query_finds_the_chinese_passage_after_its_own(bilingual_store: tuple[SqliteStore, Retriever]) -> None:
    store, retriever = bilingual_store
    top = _texts(store, retriever, "digital villages")
    assert top[0].startswith("Digital villages")  # the query's own words first
    assert any("数字乡村" in t for t in top[1:])  # then the Chinese plans, through the lexicon


def test_chinese_query_finds_the_english_passage_among_many_chinese(
    bilingual_store: tuple[SqliteStore, Retriever],
) -> None:
    """Four Chinese plans hold the phrase; the one English passage holding its translation still makes the
    top three (the two kinds of strong match alternate) instead of rank five."""
    store, retriever = bilingual_store
    top = _texts(store, retriever, "数字乡村")
    assert "数字乡村" in top[0]
    assert any(t.startswith("Digital villages") for t in top)
    assert not any(t.startswith("Digital villages") for t in _texts(store, Retriever(store), "数字乡村", 4))


def test_a_chinese_passage_printing_the_english_term_is_not_a_translation_hit(
    bilingual_store: tuple[SqliteStore, Retriever],
) -> None:
    _, retriever = bilingual_store
    expansion = retriever.expand("国内生产总值")
    assert expansion.groups == (("GDP",),)
    assert retriever.term_matches(expansion, 10) == []  # only the Chinese plans print "GDP"


def test_without_a_bridge_search_stays_monolingual(bilingual_store: tuple[SqliteStore, Retriever]) -> None:
    store, _ = bilingual_store
    plain = Retriever(store, FlatEmbedder(), FlatIndex(4))
    assert all(not has_han(t) for t in _texts(store, plain, "digital villages"))
    assert plain.translate("digital villages") == ""


def test_a_query_the_lexicon_does_not_know_is_bridged_by_the_dictionary(
    bilingual_store: tuple[SqliteStore, Retriever],
) -> None:
    store, _ = bilingual_store
    dictionary = Lexicon({"cold storage": ("冷库",)}, {})
    retriever = Retriever(
        store, FlatEmbedder(), FlatIndex(4), bridge=lambda q: expand(q, BilingualLexicon(), dictionary)
    )
    assert retriever.expand("cold storage").groups == ()
    assert any("冷库" in t for t in _texts(store, retriever, "cold storage"))


def test_a_term_whose_words_the_query_holds_apart_in_another_order_or_form() -> None:
    """Queries rarely print a glossary term as one run: "the size of the county's deficit" holds "deficit
    size", "the economy grew" holds "economic growth", and "local debt ceiling" holds "debt ceiling" beside
    "local debt". Such terms are found with their words up to three apart, in any order and form; a term
    inside a longer one already found is not found again, and words too far apart are not a term."""
    lex = BilingualLexicon()
    lex.add(["赤字规模"], ["deficit size"])
    lex.add(["地方债务"], ["local debt"])
    lex.add(["债务限额"], ["debt ceiling"])
    lex.add(["经济增长"], ["economic growth"])
    lex.add(["县域冷链物流"], ["county cold-chain logistics"])
    lex.add(["冷链物流"], ["cold-chain logistics"])
    lex.add(["冷链"], ["cold chain"])
    assert expand("the size of the county's deficit", lex, NO_DICTIONARY).groups == (("赤字规模",),)
    e = expand("the local debt ceiling", lex, NO_DICTIONARY)
    assert e.groups == (("地方债务",), ("债务限额",))
    assert e.coverage == 1.0
    assert expand("how fast did the economy grow", lex, NO_DICTIONARY).groups == (("经济增长",),)
    assert expand("county cold-chain logistics", lex, NO_DICTIONARY).groups == (("县域冷链物流",),)
    far = "deficit of the five towns and villages of the county in size"
    assert expand(far, lex, NO_DICTIONARY).groups == ()
    # side by side in another order the words are another compound: "size deficit" is no "deficit size"
    region = BilingualLexicon()
    region.add(["中部地区"], ["central region"])
    assert expand("region central budget", region, NO_DICTIONARY).groups == ()
    assert expand("the central budget of the region", region, NO_DICTIONARY).groups == (("中部地区",),)
    # the dictionary translates only the words no term took
    dictionary = Lexicon({"size": ("规模",), "county": ("县",)}, {})
    assert expand("the size of the county's deficit", lex, dictionary).words == ("县",)
