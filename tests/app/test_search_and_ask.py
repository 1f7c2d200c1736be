"""app.search and app.ask: the mode that actually ran, hybrid falling back to words before any dense index,
the search page's checks, and answers wired both ways (the API's retrieval and the CLI's)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api.fixtures import WordHashEmbedder, build_store

from sinoscope.app import ask, search
from sinoscope.app.search import DenseSearch, Mode
from sinoscope.errors import NotFoundError, StoreError
from sinoscope.store import open_store
from sinoscope.store.base import Store

QUESTION = "What was the gadget self-sufficiency rate in 2019?"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path | str:
    return build_store(tmp_path_factory.mktemp("search"))  # with a dense index (word-hash embedder)


@pytest.fixture(scope="module")
def store(db: Path | str) -> Iterator[Store]:
    with open_store(db, create=False) as s:
        yield s


@pytest.fixture(scope="module")
def dense(db: Path | str) -> DenseSearch:
    return DenseSearch(str(db), WordHashEmbedder())


@pytest.mark.parametrize("mode", list(Mode))
def test_passages_report_the_mode_that_ran(store: Store, dense: DenseSearch, mode: Mode) -> None:
    hits, ran = search.passages(store, dense, "gadget fund phase", mode, 3)
    assert ran is mode
    assert 0 < len(hits) <= 3
    assert all(h.anchor.startswith("901#") for h in hits)


def test_the_bridge_keeps_hits_as_passages(store: Store, dense: DenseSearch) -> None:
    hits, ran = search.passages(store, dense, "gadget fund phase", Mode.HYBRID, 3, bridge=True)
    assert ran is Mode.HYBRID and hits
    assert all(h.snippet for h in hits)


def test_without_a_dense_index_hybrid_runs_as_words_and_dense_is_refused(
    tmp_path: Path, store: Store, db: Path | str
) -> None:
    elsewhere = DenseSearch(str(tmp_path / "none.sqlite"), WordHashEmbedder())  # no index beside this path
    hits, ran = search.passages(store, elsewhere, "registered capital", Mode.HYBRID, 5)
    assert ran is Mode.BM25
    assert hits and hits[0].anchor == "901#2¶1"
    with pytest.raises(StoreError, match="no dense index"):
        search.passages(store, elsewhere, "registered capital", Mode.DENSE, 5)


def test_search_checks_the_document_and_finds_nothing_for_blanks(store: Store, dense: DenseSearch) -> None:
    with pytest.raises(NotFoundError):
        search.search(store, dense, "gadget", Mode.BM25, 5, "777")
    blank = search.search(store, dense, "   ", Mode.HYBRID, 5)
    assert blank.hits == [] and blank.ran is Mode.HYBRID
    only_902 = search.search(store, dense, "2020", Mode.BM25, 5, "902")
    assert only_902.hits and {h.doc_id for h in only_902.hits} == {"902"}


@pytest.mark.parametrize("cli_retrieval", [False, True])
def test_answers_quote_the_figure_either_way(store: Store, dense: DenseSearch, cli_retrieval: bool) -> None:
    kb = store.knowledge()
    found = ask.answer(store, dense, kb, QUESTION, Mode.HYBRID, cli_retrieval=cli_retrieval)
    assert found.status is ask.Status.FOUND
    assert [(a.value, a.anchor) for a in found.answers] == [(21.5, "901#1.1¶2")]


def test_an_unanswerable_question_is_not_found_with_passages(store: Store, dense: DenseSearch) -> None:
    found = ask.answer(store, dense, None, "What is the population of Mars?", Mode.BM25)
    assert found.status is ask.Status.NOT_FOUND
    assert not found.answers
    assert found.passages
