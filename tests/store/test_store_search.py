"""Full-text search: ranking, snippets and user queries that would trip FTS5 syntax."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinoscope.store import SqliteStore
from sinoscope.store.fts_query import build_tiers, parse_snippet, parse_terms

from .factory import DocBuilder, sample_document


@pytest.fixture
def filled(store: SqliteStore) -> SqliteStore:
    store.save_document(sample_document("900"))
    b = DocBuilder("901", "Another Made-Up Report")
    b.chapter(1, "Rates")
    b.para("The rate of production was domestic in name; rate rate production production domestic.")
    b.para("Nothing relevant: weather and lunch.")
    store.save_document(b.build())
    return store


def test_phrase_match_ranks_first(filled: SqliteStore) -> None:
    hits = filled.search("domestic production rate")
    assert hits[0].anchor == "900#1.1¶1"
    assert hits[0].match == "phrase"
    assert "domestic production rate" in hits[0].snippet
    order = ["phrase", "near", "all", "any"]
    assert [order.index(h.match) for h in hits] == sorted(order.index(h.match) for h in hits)
    # the block stuffed with the separate words matches, but only below the real phrase
    anchors = [h.anchor for h in hits]
    assert "901#1¶1" in anchors and anchors.index("901#1¶1") > 0
    assert "901#1¶2" not in anchors


def test_highlights_point_at_matched_words(filled: SqliteStore) -> None:
    (hit,) = filled.search("sprockets gears", limit=1) or filled.search("gears", limit=1)
    for start, end in hit.highlights:
        assert hit.snippet[start:end].lower().startswith("gear")


def test_limit_doc_filter_and_stemming(filled: SqliteStore) -> None:
    assert len(filled.search("domestic production rate", limit=2)) == 2
    assert filled.search("domestic", limit=0) == []
    assert {h.doc_id for h in filled.search("domestic", doc_id="901")} == {"901"}
    assert any(h.anchor == "900#1¶1" for h in filled.search("subsidy"))  # porter: subsidies ~ subsidy


def test_table_caption_and_cells_are_searchable(filled: SqliteStore) -> None:
    hits = filled.search("widget output")
    assert hits[0].anchor == "900#table-1-1"
    assert hits[0].kind == "table"
    assert "\t" not in hits[0].snippet and "\n" not in hits[0].snippet


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"domestic production rate"', "900#1.1¶1"),
        ("R&D", "900#1.2¶1"),
        ("C++", "900#1.2¶1"),
        ("RMB 10,000", "900#1.2¶1"),
        ('"unbalanced widget', "900#1¶1"),
        ("widget subsidies AND OR NOT NEAR", "900#1¶1"),
        ("domestic-production", "900#1.1¶1"),
    ],
)
def test_odd_queries_find_their_passage(filled: SqliteStore, query: str, expected: str) -> None:
    assert expected in [h.anchor for h in filled.search(query)]


@pytest.mark.parametrize("query", ["", "   ", '"', '""', "++", "&", "*", "NEAR(", "(", ")", "^", ":", "-"])
def test_queries_without_searchable_terms_return_nothing(filled: SqliteStore, query: str) -> None:
    assert filled.search(query) == []


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_no_query_ever_raises(query: str) -> None:
    with SqliteStore(":memory:") as store:
        store.save_document(sample_document())
        store.search(query)


def test_parse_terms_and_tiers() -> None:
    assert parse_terms('"a b" c "d') == (["a b"], ["c", "d"])
    tiers = build_tiers("domestic production rate")
    assert [t.match for t in tiers] == ["phrase", "near", "all", "any"]
    assert tiers[0].expression == '"domestic production rate"'
    assert build_tiers('say "x"" y"')[-1].expression.count('"') % 2 == 0
    assert [t.match for t in build_tiers("single")] == ["all"]
    assert build_tiers("!!") == []


def test_parse_snippet_collapses_whitespace_and_maps_highlights() -> None:
    text, marks = parse_snippet("Year\t\x022019\x03\n\nOutput \x02domestic production\x03 x")
    assert text == "Year 2019 Output domestic production x"
    assert [text[s:e] for s, e in marks] == ["2019", "domestic production"]


def test_loosest_tier_ignores_words_in_too_many_blocks(store: SqliteStore) -> None:
    b = DocBuilder("930", "Pruning Report")
    b.chapter(1, "Words")
    for i in range(5):
        b.para(f"Common filler sentence number {i} about ordinary matters.")
    b.para("A single block names the quasar once.")
    store.save_document(b.build())
    query = "ordinary quasar"  # no block holds both: only the "any" tier can match
    assert {h.anchor for h in store.search(query, 10)} >= {"930#1¶1", "930#1¶6"}
    store.any_max_df = 3  # "ordinary" is in 5 blocks: too common for the loosest tier
    hits = store.search(query, 10)
    assert [h.anchor for h in hits] == ["930#1¶6"] and hits[0].match == "any"
    assert store.search("ordinary", 10)  # a lone word is an "all" tier: never pruned
    assert store.search("ordinary filler", 10)[0].match in ("phrase", "near", "all")
    assert store.search("ordinary matters quasar zzz", 10)[0].anchor == "930#1¶6"
    store.any_max_df = None
    assert len(store.search(query, 10)) == 6


def test_without_snippets_the_same_blocks_come_back_in_the_same_order(filled: SqliteStore) -> None:
    """The answerer reads the blocks themselves; it asks for no snippet windows and gets the same hits."""
    for query in ("domestic production rate", "rate", "weather lunch"):
        shown, bare = filled.search(query, 10), filled.search(query, 10, snippets=False)
        assert [(h.anchor, h.score, h.match) for h in shown] == [(h.anchor, h.score, h.match) for h in bare]
        assert all(h.snippet == "" and h.highlights == () for h in bare)
        assert any(h.snippet for h in shown)
