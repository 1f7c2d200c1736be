"""Wiring an `Answerer` to a database: its retriever (by mode) and its knowledge base, if loaded."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sinoscope.answer.engine import Answerer, Search
from sinoscope.errors import NotFoundError
from sinoscope.knowledge.kb import KnowledgeBase
from sinoscope.retrieval.embedding import Embedder
from sinoscope.retrieval.search import Mode, Retriever
from sinoscope.retrieval.service import default_embedder, open_retriever
from sinoscope.store.base import Store


def stored_knowledge(store: Store) -> KnowledgeBase | None:
    try:
        return store.knowledge()
    except NotFoundError:
        return None


def retriever_search(retriever: Retriever, mode: Mode) -> Search:
    """Passages by `mode`; hybrid results are interleaved with BM25's, since a figure's passage
    (often a table) shares the question's exact words more reliably than its meaning."""

    def search(query: str, limit: int) -> Sequence[str]:
        found = [h.anchor for h in retriever.search(query, mode, limit, snippets=False)]
        if mode is not Mode.HYBRID:
            return found
        words = [anchor for anchor, _ in retriever.bm25(query, limit, snippets=False)]
        merged = [a for pair in itertools.zip_longest(found, words) for a in pair if a is not None]
        return list(dict.fromkeys(merged))[:limit]

    return search


@contextmanager
def open_answerer(
    store: Store, db_path: str | Path, mode: Mode = Mode.HYBRID, *, embedder: Embedder | None = None
) -> Iterator[Answerer]:
    """An answerer over `store`; hybrid/dense fall back to BM25 when no dense index was built yet."""
    if mode is not Mode.BM25:
        embedder = embedder or default_embedder()
    retriever = open_retriever(store, db_path, mode, embedder=embedder)
    meaning = embedder if retriever.has_dense else None  # the ranker's `meaning` feature, where dense search runs
    try:
        yield Answerer(store, retriever_search(retriever, mode), stored_knowledge(store), meaning)
    finally:
        retriever.close()
