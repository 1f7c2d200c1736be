"""The retriever's three modes over a stand-in store and a flat index with hand-placed vectors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import numpy as np
import pytest

from sinoscope.retrieval.embedding import Matrix, normalize_rows
from sinoscope.retrieval.flat_index import FlatIndex
from sinoscope.retrieval.search import Mode, Retriever
from sinoscope.store.base import SearchHit, Store


class FakeStore:
    """Only `search` is used: returns fixed BM25 hits, honouring limit and doc_id."""

    def __init__(self, anchors: Sequence[str]) -> None:
        self.anchors = list(anchors)
        self.calls: list[tuple[str, int, str | None]] = []

    def search(
        self, query: str, limit: int = 10, *, doc_id: str | None = None, snippets: bool = True
    ) -> list[SearchHit]:
        self.calls.append((query, limit, doc_id))
        picked = [a for a in self.anchors if doc_id is None or a.startswith(doc_id + "#")][:limit]
        return [
            SearchHit(
                anchor=a,
                doc_id=a.split("#")[0],
                kind="paragraph",
                line=1,
                snippet="",
                highlights=(),
                score=10.0 - i,
                match="any",
            )
            for i, a in enumerate(picked)
        ]


class AxisEmbedder:
    """Maps a query word to a basis vector, so dense results are known exactly."""

    name = "axis"
    dim = 4
    words = ("alpha", "beta", "gamma", "delta")

    def encode(self, texts: Sequence[str]) -> Matrix:
        out = np.zeros((len(texts), self.dim), np.float32)
        for i, t in enumerate(texts):
            for j, w in enumerate(self.words):
                if w in t:
                    out[i, j] = 1
        return normalize_rows(out)


@pytest.fixture
def retriever() -> tuple[Retriever, FakeStore]:
    store = FakeStore(["a#1", "a#2", "b#1", "b#2"])
    index = FlatIndex(4)
    index.add(["b#2", "a#2", "c#9"], normalize_rows([[1, 0, 0, 0], [0.9, 0.1, 0, 0], [0, 1, 0, 0]]))
    return Retriever(cast(Store, store), AxisEmbedder(), index), store


def test_bm25_mode_passes_through_the_store(retriever: tuple[Retriever, FakeStore]) -> None:
    r, store = retriever
    hits = r.search("alpha", Mode.BM25, limit=3)
    assert [h.anchor for h in hits] == ["a#1", "a#2", "b#1"]
    assert [h.bm25_rank for h in hits] == [1, 2, 3] and all(h.dense_rank is None for h in hits)
    assert store.calls == [("alpha", 3, None)]


def test_dense_mode_ranks_by_cosine(retriever: tuple[Retriever, FakeStore]) -> None:
    r, _ = retriever
    hits = r.search("alpha", Mode.DENSE, limit=5)
    assert [h.anchor for h in hits] == ["b#2", "a#2", "c#9"]
    assert hits[0].score == pytest.approx(1.0)
    assert r.search("   ", Mode.DENSE) == []


def test_hybrid_lifts_what_both_retrievers_agree_on(retriever: tuple[Retriever, FakeStore]) -> None:
    r, store = retriever
    hits = r.search("alpha", Mode.HYBRID, limit=3)
    # a#2 is 2nd in BM25 and 2nd in dense: it beats a#1 (BM25 only) and b#2 (dense 1st, BM25 4th).
    assert [h.anchor for h in hits] == ["a#2", "b#2", "a#1"]
    assert (hits[0].bm25_rank, hits[0].dense_rank) == (2, 2)
    assert store.calls[-1][1] >= 50  # a deeper candidate list than the caller's limit


def test_hybrid_respects_the_document_filter(retriever: tuple[Retriever, FakeStore]) -> None:
    r, _ = retriever
    hits = r.search("alpha", Mode.HYBRID, limit=10, doc_id="b")
    assert {h.anchor for h in hits} == {"b#1", "b#2"}


def test_without_an_index_hybrid_falls_back_to_bm25() -> None:
    store = FakeStore(["a#1"])
    r = Retriever(cast(Store, store))
    assert [h.anchor for h in r.search("x", Mode.HYBRID)] == ["a#1"]
    assert r.search("x", Mode.DENSE) == []
    assert r.search("x", limit=0) == []


def test_mismatched_embedder_and_index_are_refused() -> None:
    store = cast(Store, FakeStore([]))
    with pytest.raises(ValueError, match="dimensions"):
        Retriever(store, AxisEmbedder(), FlatIndex(8))
    with pytest.raises(ValueError, match="both"):
        Retriever(store, AxisEmbedder(), None)


def test_parallel_and_sequential_hybrid_agree() -> None:
    store = FakeStore(["a#1", "a#2", "b#1", "b#2", "c#9"])
    index = FlatIndex(4)
    index.add(["b#2", "a#2", "c#9"], normalize_rows([[1, 0, 0, 0], [0.9, 0.1, 0, 0], [0, 1, 0, 0]]))
    together = Retriever(cast(Store, store), AxisEmbedder(), index, parallel=True)
    apart = Retriever(cast(Store, store), AxisEmbedder(), index, parallel=False)
    for q in ("alpha", "beta gamma", "delta", ""):
        assert together.search(q, Mode.HYBRID, limit=4) == apart.search(q, Mode.HYBRID, limit=4)
    together.close()
    together.close()
