"""A year named in a query votes for the passages of that year (retrieval.query_years, fusion.prefer), on an
invented series of yearly reports that say nearly the same thing every year."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sinoscope.app.pipeline import ingest_paths
from sinoscope.documents.metadata import MetadataOverrides
from sinoscope.retrieval.flat_index import FlatIndex
from sinoscope.retrieval.fusion import prefer
from sinoscope.retrieval.query_years import query_years, year_matches
from sinoscope.retrieval.search import Mode, Retriever
from sinoscope.store import SqliteStore

from .embedders import FlatEmbedder


def test_years_in_a_query() -> None:
    assert query_years("2032 targets for urban jobs") == {"2032"}
    assert query_years("2031年拟安排的专项债 与2033年比较") == {"2031", "2033"}
    assert query_years("by 2035.") == {"2035"}  # a sentence's full stop is no decimal point
    assert query_years("FY2034 budget (2030–2031)") == {"2034", "2030", "2031"}
    assert query_years("12030 tonnes, 2030.5 units, 2030% growth, 1.2030") == frozenset()
    assert query_years("1850 or 2150") == frozenset()  # only the last two centuries
    assert query_years("２０３２年目标") == {"2032"}  # full-width digits


def test_a_passage_matches_by_its_text_or_its_documents_date() -> None:
    texts = {
        "a#1": "Output will double by 2032.",
        "b#1": "This year output grows.",
        "c#1": "In 2031, output fell.",
        "d#1": "到２０３２年翻一番。",
    }
    dates = {"a": "2030", "b": "2032", "c": "2031", "d": "2030"}
    got = year_matches(frozenset({"2032"}), texts, text_of=texts.__getitem__, doc_year_of=dates.__getitem__)
    assert got == {"a#1", "b#1", "d#1"}
    assert year_matches(frozenset(), texts, text_of=texts.__getitem__, doc_year_of=dates.__getitem__) == set()


def test_a_report_looking_back_on_last_year_matches_that_year() -> None:
    """A yearly report dated 2033 gives 2032's figures as 去年 / "last year" without printing 2032; its
    plans for 2033 (比上年增加: compared with last year) are not about 2032."""
    texts = {
        "r33#1": "去年全省生产总值增长6%，城镇新增就业61万人。",
        "r33#2": "今年主要预期目标：生产总值增长5%左右，比上年增加1000亿元。",
        "e33#1": "Last year, the province's output grew by 6 percent.",
        "r34#1": "去年全省生产总值增长4%。",
    }
    dates = {"r33": "2033", "e33": "2033", "r34": "2034"}
    got = year_matches(frozenset({"2032"}), texts, text_of=texts.__getitem__, doc_year_of=dates.__getitem__)
    assert got == {"r33#1", "e33#1"}


def test_a_preferred_id_climbs_over_its_neighbours_not_over_much_better_ones() -> None:
    ids = [f"p{i}" for i in range(1, 41)]
    assert prefer(ids, {"p3"})[:3] == ["p3", "p1", "p2"]
    assert prefer(ids, {"p10"})[0] == "p10"
    assert prefer(ids, {"p40"}).index("p40") > 5  # a vote, not a filter
    assert prefer(ids, set()) == ids


# -- hybrid search over an invented series of reports ---------------------------------------------------

REPORT = """某省政府工作报告

一、今年主要预期目标

今年发展的主要预期目标是：全省生产总值增长{g}%左右；城镇新增就业{j}万人以上，城镇调查失业率5.5%左右。

二、重点工作

推进新型工业化，建设现代化产业体系。
"""


@pytest.fixture
def series(tmp_path: Path) -> Iterator[SqliteStore]:
    store = SqliteStore(tmp_path / "x.sqlite")
    store.open()
    for year, g, j in ((2031, 5, 60), (2032, 6, 61), (2033, 4, 62)):
        path = tmp_path / f"report-{year}.txt"
        path.write_text(REPORT.format(g=g, j=j), encoding="utf-8")
        report = ingest_paths(store, [path], overrides=MetadataOverrides(date=f"{year}-02-01"))
        assert not report.errors
    yield store
    store.close()


def test_the_report_of_the_year_asked_about_comes_first(series: SqliteStore) -> None:
    retriever = Retriever(series, FlatEmbedder(), FlatIndex(4))
    try:
        for year, jobs in (("2031", "60万人"), ("2032", "61万人"), ("2033", "62万人")):
            top = retriever.search(f"{year}年 城镇新增就业 预期目标", Mode.HYBRID, 3)
            assert jobs in series.get_block(top[0].anchor).text, year
        # without a year the order is the plain hybrid one
        assert [h.anchor for h in retriever.search("城镇新增就业 预期目标", Mode.HYBRID, 3)]
    finally:
        retriever.close()
