"""Passage search over one database: BM25 from the store, plus the dense index when one is built.

The embedder and the vector index are loaded once per app, not per request (loading the model takes
seconds); the index is reloaded only when `sinoscope index` has rewritten its version list. Hits come
back as passages (`retrieval.passages`), the same shape for the CLI, the API and the search page.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sinoscope.app.search_once import searching_once
from sinoscope.errors import StoreError
from sinoscope.retrieval.bilingual import translate
from sinoscope.retrieval.embedding import Embedder, EmbedderUnavailableError
from sinoscope.retrieval.faiss_index import FaissIndex
from sinoscope.retrieval.passages import as_passages
from sinoscope.retrieval.search import Mode, Retriever
from sinoscope.retrieval.service import VERSIONS_FILE, SyncReport, default_embedder, dense_index_path, sync_dense_index
from sinoscope.store.base import SearchHit, Store

__all__ = [
    "DenseSearch",
    "EmbedderUnavailableError",
    "Mode",
    "SearchHit",
    "SearchResult",
    "Store",
    "SyncReport",
    "build_index",
    "passages",
    "retriever",
    "search",
    "shared_embedder",
]


_SHARED: list[Embedder] = []
_SHARED_LOCK = threading.Lock()


def shared_embedder() -> Embedder:
    """The packaged embedder, created once per process: a CLI command builds a new `DenseSearch` each time,
    and a warm worker serving many commands should not load the model again for each."""
    with _SHARED_LOCK:
        if not _SHARED:
            _SHARED.append(default_embedder())
        return _SHARED[0]


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
            self._embedder = shared_embedder()
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


def retriever(store: Store, dense: DenseSearch, mode: Mode, *, bridge: bool = False) -> Retriever:
    """The retriever `mode` can run with: words alone for BM25, and for hybrid before any dense index.

    `bridge` also looks dense queries up in the other language (CC-CEDICT), as the CLI always has; the
    API and pages have not so far, and keep their answers.
    """
    if mode is Mode.BM25:
        return Retriever(store)
    loaded = dense.index()
    if loaded is None:
        if mode is Mode.DENSE:
            raise StoreError(f"no dense index for {store.location} yet (run `sinoscope index`)")
        return Retriever(store)
    embedder, index = loaded
    return Retriever(store, embedder, index, parallel=False, bridge=translate if bridge else None)


def passages(
    store: Store,
    dense: DenseSearch,
    query: str,
    mode: Mode,
    limit: int,
    doc_id: str | None = None,
    *,
    bridge: bool = False,
) -> tuple[list[SearchHit], Mode]:
    """Hits best first, and the mode that actually ran (hybrid runs as BM25 before any dense index)."""
    store = searching_once(store)  # hybrid ranking and its passages' snippets run the same BM25 query
    found = retriever(store, dense, mode, bridge=bridge)
    if not found.has_dense:
        return store.search(query, limit, doc_id=doc_id), Mode.BM25
    hits = found.search(query, mode, limit, doc_id=doc_id)
    return as_passages(store, hits, query, mode, limit, doc_id), mode


@dataclass(frozen=True)
class SearchResult:
    query: str
    mode: Mode
    """The mode asked for."""
    ran: Mode
    """The mode that ran: hybrid runs as BM25 until a dense index is built."""
    hits: list[SearchHit]


def search(
    store: Store, dense: DenseSearch, query: str, mode: Mode, limit: int, doc_id: str | None = None
) -> SearchResult:
    """The search page and its API twin: an unknown document is an error, an empty query finds nothing."""
    if doc_id is not None:
        store.get_document(doc_id)
    if not query.strip():
        return SearchResult(query, mode, mode, [])
    hits, ran = passages(store, dense, query, mode, limit, doc_id)
    return SearchResult(query, mode, ran, hits)


def build_index(
    store: Store, db_path: str | Path, *, rebuild: bool = False, on_document: Callable[[str, int, int], None]
) -> SyncReport:
    """Embed what the dense index lacks (`sinoscope index`, `ingest`); `on_document(doc_id, i, n)` reports progress."""
    return sync_dense_index(store, db_path, rebuild=rebuild, on_document=on_document)
