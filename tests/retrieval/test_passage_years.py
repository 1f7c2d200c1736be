"""A year named in a query matches a passage by the years of its dated figures (retrieval.query_years
`dated_years`, `year_matches`; search `Retriever.figure_years`), on an invented series of yearly reports, each
reviewing the year before under a heading that names it and printing no year in the review itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sinoscope.app.pipeline import ingest_paths
from sinoscope.app.stages import extract
from sinoscope.documents.metadata import MetadataOverrides
from sinoscope.retrieval.flat_index import FlatIndex
from sinoscope.retrieval.query_years import dated_years, year_matches
from sinoscope.retrieval.search import Mode, Retriever
from sinoscope.store import SqliteStore

from .embedders import FlatEmbedder


def test_the_years_of_a_passages_figures() -> None:
    assert dated_years(["2031", "2032-03", "2032-03-05", None]) == {"2031", "2032"}
    assert dated_years(["2027-2031", None]) == {"2031"}  # a five-year review: the levels reached at its end
    assert dated_years(["FY", "", "203"]) == frozenset()


def test_dated_figures_decide_before_the_documents_date() -> None:
    texts = {
        "r32#1": "全省粮食总产量达到610万吨。",  # in the 2032 report, under "2031年工作回顾"
        "r32#2": "推进新型工业化。",  # no figure: the document's date decides
        "r33#1": "全省粮食总产量达到625万吨。",  # in the 2033 report, under "2032年工作回顾"
        "r33#2": "2032年的目标全部完成。",  # prints the year
    }
    dates = {"r32": "2032", "r33": "2033"}
    figures = {"r32#1": frozenset({"2031"}), "r33#1": frozenset({"2032"})}
    got = year_matches(
        frozenset({"2032"}),
        texts,
        text_of=texts.__getitem__,
        doc_year_of=dates.__getitem__,
        figure_years_of=lambda a: figures.get(a, frozenset()),
    )
    assert got == {"r32#2", "r33#1", "r33#2"}


REPORT = """某省政府工作报告

一、{last}年工作回顾

全省粮食总产量达到{grain}万吨，城镇新增就业{jobs}万人，全省生产总值增长{growth}%。

二、{year}年工作任务

推进新型工业化，建设现代化产业体系，粮食生产保持稳定。
"""


@pytest.fixture
def series(tmp_path: Path) -> Iterator[SqliteStore]:
    store = SqliteStore(tmp_path / "x.sqlite")
    store.open()
    for year, grain, jobs, growth in ((2032, 610, 60, 5), (2033, 625, 61, 6), (2034, 640, 62, 4)):
        path = tmp_path / f"report-{year}.txt"
        path.write_text(REPORT.format(last=year - 1, year=year, grain=grain, jobs=jobs, growth=growth), "utf-8")
        report = ingest_paths(store, [path], extract=extract, overrides=MetadataOverrides(date=f"{year}-03-05"))
        assert not report.errors
    yield store
    store.close()


def test_the_review_of_the_year_asked_about_comes_first(series: SqliteStore) -> None:
    """Every report's review holds the question's words; the one of the year asked about is in the next
    year's report, whose date names another year (a heading printing the year may come first: it prints it)."""
    retriever = Retriever(series, FlatEmbedder(), FlatIndex(4))
    try:
        for year, grain in (("2031", "610万吨"), ("2032", "625万吨"), ("2033", "640万吨")):
            hits = retriever.search(f"{year}年全省粮食总产量", Mode.HYBRID, 10)
            reviews = [t for h in hits if "粮食总产量" in (t := series.get_block(h.anchor).text)]
            assert grain in reviews[0], year
    finally:
        retriever.close()


def test_a_reingested_report_is_read_again(series: SqliteStore, tmp_path: Path) -> None:
    """The figures' years are remembered per document version: a report re-ingested with another review
    year is not matched by its old one."""
    retriever = Retriever(series, FlatEmbedder(), FlatIndex(4))
    try:
        doc_id = next(d.doc_id for d in series.list_documents() if d.path.endswith("report-2033.txt"))
        assert "2032" in set().union(*retriever.figure_years(doc_id).values())
        path = tmp_path / "report-2033.txt"
        path.write_text(REPORT.format(last=2030, year=2033, grain=625, jobs=61, growth=6), "utf-8")
        overrides = MetadataOverrides(date="2033-03-05")
        assert not ingest_paths(series, [path], extract=extract, overrides=overrides).errors
        years = set().union(*retriever.figure_years(doc_id).values())
        assert "2030" in years
        assert "2032" not in years
    finally:
        retriever.close()
