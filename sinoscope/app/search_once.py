"""A store that runs each distinct passage search once, for the length of one request.

Hybrid retrieval asks the store for the BM25 candidates to fuse (`retrieval.search.Retriever`), then asks
again, with the same arguments, for the snippets of the passages it chose (`retrieval.passages.as_passages`).
That repeat was about a third of an uncached search request and of the retrieval inside an answer. Handing
the use case this view of the store instead runs the SQL once.

It never forgets and never sees writes: make one per request or per answer, never keep one.
"""

from __future__ import annotations

from typing import Any, cast

from sinoscope.store.base import SearchHit, Store

__all__ = ["searching_once"]


class _SearchOnce:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._found: dict[tuple[str, int, str | None], tuple[bool, list[SearchHit]]] = {}

    def search(
        self, query: str, limit: int = 10, *, doc_id: str | None = None, snippets: bool = True
    ) -> list[SearchHit]:
        """Hits found with snippets also serve a search without them (same blocks, same order)."""
        key = (query, limit, doc_id)
        known = self._found.get(key)
        if known is None or (snippets and not known[0]):
            known = (snippets, self._store.search(query, limit, doc_id=doc_id, snippets=snippets))
            self._found[key] = known
        return list(known[1])

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def searching_once(store: Store) -> Store:
    """`store` with its `search` remembered (SearchHit is frozen, so sharing the hits is safe)."""
    if isinstance(store, _SearchOnce):
        return cast(Store, store)
    return cast(Store, _SearchOnce(store))
