"""Search modes over one store: BM25 (the store's FTS5), dense (embedder + vector index) and hybrid (RRF).

Each retriever fetches a deeper candidate list than the caller asked for (`CANDIDATES`), because fusion
can lift a block that neither list had in its top few. In hybrid mode the dense leg runs on a worker
thread while BM25 runs on the caller's (the store's SQLite connection belongs to that thread): both
release the GIL in C, so hybrid costs about the slower leg rather than the sum on a multi-core machine.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum

from sinoscope.retrieval.embedding import Embedder
from sinoscope.retrieval.fusion import reciprocal_rank_fusion
from sinoscope.retrieval.vector_index import VectorIndex
from sinoscope.store.base import Store

CANDIDATES = 50
STRONG_TIERS = ("phrase", "near")
"""BM25 tiers whose hits stay ahead of fused ones in hybrid search (see `Retriever.search`)."""
FUSION_WEIGHTS = (1.0, 0.75, 0.75)
"""RRF weights of the BM25, dense and translated-BM25 lists. Chosen on the tuning half of
bench/score_search.py (grid 0.25–1.0 for the last two; best total recall@3 there, ties to the setting
that keeps monolingual recall nearest BM25's): the static dense ranking is weaker than a phrase match."""


class Mode(StrEnum):
    BM25 = "bm25"
    DENSE = "dense"
    HYBRID = "hybrid"


@dataclass(frozen=True)
class Hit:
    anchor: str
    score: float
    """Higher is better; comparable within one result list only (BM25, cosine or RRF score)."""
    bm25_rank: int | None = None
    dense_rank: int | None = None


class Retriever:
    def __init__(
        self,
        store: Store,
        embedder: Embedder | None = None,
        index: VectorIndex | None = None,
        *,
        parallel: bool = True,
        bridge: Callable[[str], str] | None = None,
    ) -> None:
        """`bridge` translates a query into the other language (`lexicon.translate`): the dense query
        carries the translation too, and hybrid search adds a BM25 list for it, so an English question
        can reach a Chinese passage and vice versa. Without it search is monolingual."""
        if (embedder is None) != (index is None):
            raise ValueError("dense search needs both an embedder and a vector index")
        if embedder is not None and index is not None and embedder.dim != index.dim:
            raise ValueError(f"embedder has {embedder.dim} dimensions, the index {index.dim}")
        self._store = store
        self._embedder = embedder
        self._index = index
        self._parallel = parallel
        self._bridge = bridge
        self._pool: ThreadPoolExecutor | None = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    @property
    def has_dense(self) -> bool:
        return self._index is not None

    def bm25(self, query: str, limit: int, *, doc_id: str | None = None) -> list[tuple[str, float]]:
        return [(h.anchor, h.score) for h in self._store.search(query, limit, doc_id=doc_id)]

    def dense(self, query: str, limit: int, *, doc_id: str | None = None) -> list[tuple[str, float]]:
        if self._embedder is None or self._index is None or not query.strip():
            return []
        other = self.translate(query)
        text = f"{query} {other}" if other else query
        return self._index.query(self._embedder.encode([text]), limit, doc_id=doc_id)

    def translate(self, query: str) -> str:
        return self._bridge(query).strip() if self._bridge is not None else ""

    def search(self, query: str, mode: Mode = Mode.HYBRID, limit: int = 10, *, doc_id: str | None = None) -> list[Hit]:
        if limit <= 0:
            return []
        if mode is Mode.BM25 or (mode is Mode.HYBRID and not self.has_dense):
            return [Hit(a, s, bm25_rank=i + 1) for i, (a, s) in enumerate(self.bm25(query, limit, doc_id=doc_id))]
        if mode is Mode.DENSE:
            return [Hit(a, s, dense_rank=i + 1) for i, (a, s) in enumerate(self.dense(query, limit, doc_id=doc_id))]
        depth = max(limit, CANDIDATES)
        if self._parallel:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sinoscope-dense")
            pending = self._pool.submit(self.dense, query, depth, doc_id=doc_id)
            lexical_hits = self._store.search(query, depth, doc_id=doc_id)
            semantic = pending.result()
        else:
            lexical_hits = self._store.search(query, depth, doc_id=doc_id)
            semantic = self.dense(query, depth, doc_id=doc_id)
        lists = [[(h.anchor, h.score) for h in lexical_hits], semantic]
        other = self.translate(query)
        if other:
            lists.append(self.bm25(other, depth, doc_id=doc_id))
        fused = reciprocal_rank_fusion(lists, weights=FUSION_WEIGHTS[: len(lists)])
        # Passages holding the query's words as a phrase or close together keep the lead they have in
        # BM25: fusion ranks the rest (on the tuning half this lifted Chinese hybrid recall@3 0.83 → 1.00
        # and changed no other language).
        strong = {h.anchor for h in lexical_hits if h.match in STRONG_TIERS}
        fused.sort(key=lambda f: f.id not in strong)  # stable: RRF order within each group
        return [
            Hit(f.id, f.score, bm25_rank=_first(f.ranks[0], *f.ranks[2:]), dense_rank=f.ranks[1]) for f in fused[:limit]
        ]


def _first(*ranks: int | None) -> int | None:
    """The best rank among the BM25 lists (the query's own and its translation's)."""
    known = [r for r in ranks if r is not None]
    return min(known) if known else None
