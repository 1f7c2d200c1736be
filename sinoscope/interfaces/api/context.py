"""What every request shares: where the store is, the cached knowledge base, and the dense search index.

A store is opened per request (cheap: ~1 ms for SQLite) rather than shared, so a request never sees a
connection another thread is in the middle of using. The knowledge base is cached by its digest, since
it only changes when `sinoscope kb load` (or a new sinoscope) replaces it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from sinoscope.errors import NotFoundError
from sinoscope.interfaces.api.search import DenseSearch
from sinoscope.knowledge import KnowledgeBase
from sinoscope.retrieval.embedding import Embedder
from sinoscope.store import Store, open_store


@dataclass
class AppContext:
    store_path: str
    embedder: Embedder | None = None
    """None: the packaged MiniLM, created (not loaded) on the first dense query."""
    dense: DenseSearch = field(init=False, repr=False)
    _kb: tuple[str, KnowledgeBase] | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def __post_init__(self) -> None:
        self.dense = DenseSearch(self.store_path, self.embedder)

    def open_store(self) -> Store:
        return open_store(self.store_path, create=False)

    def knowledge(self, store: Store) -> KnowledgeBase:
        """The store's knowledge base; raises NotFoundError when none is loaded."""
        digest = store.knowledge_digest()
        if digest is None:
            raise NotFoundError(f"{self.store_path}: no knowledge base loaded (run `sinoscope kb load`)")
        with self._lock:
            if self._kb is not None and self._kb[0] == digest:
                return self._kb[1]
        kb = store.knowledge()
        with self._lock:
            self._kb = (digest, kb)
        return kb


def app_context(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.sinoscope
    return ctx


def request_store(request: Request) -> Iterator[Store]:
    store = app_context(request).open_store()
    try:
        yield store
    finally:
        store.close()


def request_knowledge(request: Request, store: Annotated[Store, Depends(request_store)]) -> KnowledgeBase:
    return app_context(request).knowledge(store)


ContextDep = Annotated[AppContext, Depends(app_context)]
StoreDep = Annotated[Store, Depends(request_store)]
KnowledgeDep = Annotated[KnowledgeBase, Depends(request_knowledge)]
