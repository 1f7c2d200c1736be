"""Passage search for the API and the pages: BM25 from the store, plus the dense index when one is built.

The embedder and the vector index are loaded once per app, not per request (loading the model takes
seconds); the index is reloaded only when `sinoscope index` has rewritten its version list. Every hit,
whichever leg found it, comes back as a `SearchHit` with a snippet, so callers render one shape.
"""

from __future__ import annotations

import threading
from pathlib import Path

from sinoscope.errors import NotFoundError, StoreError
from sinoscope.retrieval.embedding import Embedder
from sinoscope.retrieval.faiss_index import FaissIndex
from sinoscope.retrieval.search import CANDIDATES, Hit, Mode, Retriever
from sinoscope.retrieval.service import VERSIONS_FILE, default_embedder, dense_index_path
from sinoscope.store.base import SearchHit, Store

SNIPPET_CHARS = 240


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
    lexical = {h.anchor: h for h in store.search(query, max(limit, CANDIDATES), doc_id=doc_id)}
    out: list[SearchHit] = []
    for hit in hits:
        found = lexical.get(hit.anchor)
        if found is not None:
            out.append(_relabel(found, hit, mode))
            continue
        try:
            out.append(_from_block(store, hit))
        except NotFoundError:
            continue  # the index is older than the store; `sinoscope index` brings it up to date
    return out, mode


def _how(hit: Hit) -> str:
    if hit.bm25_rank is not None and hit.dense_rank is not None:
        return "words+meaning"
    return "meaning" if hit.dense_rank is not None else "words"


def _from_block(store: Store, hit: Hit) -> SearchHit:
    block = store.get_block(hit.anchor)
    text = " ".join(block.text.split())
    snippet = text if len(text) <= SNIPPET_CHARS else text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + "…"
    return SearchHit(
        anchor=block.anchor,
        doc_id=hit.anchor.partition("#")[0],
        kind=block.kind.value,
        line=block.line,
        snippet=snippet,
        highlights=(),
        score=hit.score,
        match=_how(hit),
        chapter=block.chapter,
        section=block.section,
    )


def _relabel(found: SearchHit, hit: Hit, mode: Mode) -> SearchHit:
    both = mode is Mode.HYBRID and hit.dense_rank is not None
    match = "meaning" if mode is Mode.DENSE else found.match + (" + meaning" if both else "")
    return SearchHit(
        anchor=found.anchor,
        doc_id=found.doc_id,
        kind=found.kind,
        line=found.line,
        snippet=found.snippet,
        highlights=found.highlights,
        score=hit.score,
        match=match,
        chapter=found.chapter,
        section=found.section,
    )
