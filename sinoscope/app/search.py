"""Passage search over one database: BM25 from the store, plus the dense index when one is built.

The embedder and the vector index are loaded once per app, not per request (loading the model takes
seconds); the index is reloaded only when `sinoscope index` has rewritten its version list. Hits come
back as passages (`retrieval.passages`), the same shape the CLI prints.
"""

from __future__ import annotations

import threading
from pathlib import Path

from sinoscope.errors import StoreError
from sinoscope.retrieval.embedding import Embedder
from sinoscope.retrieval.faiss_index import FaissIndex
from sinoscope.retrieval.passages import as_passages
from sinoscope.retrieval.search import Mode, Retriever
from sinoscope.retrieval.service import VERSIONS_FILE, default_embedder, dense_index_path
from sinoscope.store.base import SearchHit, Store


class DenseSearch:
    """The shared embedder and vector index of one database (absent until `sinoscope index` runs)."""

    def __init__(self, db_path: str, embedder: Embedder | None = None) -> None:
        self._db_path = db_path
        self._embedder = embedder
        self._index: FaissIndex | None = None
        self._stamp: int | None = None
        self._lock = threading.Lock()

    def _embedder_(self) -> Embedder:
        if self._embedder is None:
            self._embedder = default_embedder()
        return self._embedder

    def index(self) -> tuple[Embedder, FaissIndex] | None:
        """The embedder with the current index, or None when no index was built for this database."""
        with self._lock:
            embedder = self._embedder_()
            path = dense_index_path(self._db_path, embedder)
            versions = path / VERSIONS_FILE
            try:
                stamp = versions.stat().st_mtime_ns
            except OSError:
                self._index, self._stamp = None, None
                return None
            if self._index is None or stamp != self._stamp:
                self._index, self._stamp = FaissIndex.load(Path(path)), stamp
            return embedder, self._index


def passages(
    store: Store, dense: DenseSearch, query: str, mode: Mode, limit: int, doc_id: str | None = None
) -> tuple[list[SearchHit], Mode]:
    """Hits best first, and the mode that actually ran (hybrid runs as BM25 before any dense index)."""
    if mode is Mode.BM25:
        return store.search(query, limit, doc_id=doc_id), Mode.BM25
    loaded = dense.index()
    if loaded is None:
        if mode is Mode.DENSE:
            raise StoreError(f"no dense index for {store.location} yet (run `sinoscope index`)")
        return store.search(query, limit, doc_id=doc_id), Mode.BM25
    embedder, index = loaded
    retriever = Retriever(store, embedder, index, parallel=False)
    hits = retriever.search(query, mode, limit, doc_id=doc_id)
    return as_passages(store, hits, query, mode, limit, doc_id), mode
