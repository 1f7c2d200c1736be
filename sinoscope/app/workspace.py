"""One database as the interfaces see it: where the store is, its cached knowledge base, its dense search index.

A store is opened per use (cheap: ~1 ms for SQLite) rather than shared, so a request never sees a
connection another thread is in the middle of using. The knowledge base is cached by its digest, since
it only changes when `sinoscope kb load` (or a new sinoscope) replaces it. The cache is the process's, not
the workspace's: the CLI makes one workspace per command, and a warm worker answering many commands keeps
one parsed knowledge base per digest instead of reading it again for each.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from sinoscope.app.search import DenseSearch, Mode, passages
from sinoscope.errors import NotFoundError, SinoscopeError
from sinoscope.knowledge import KnowledgeBase
from sinoscope.retrieval.embedding import Embedder
from sinoscope.store import Store, open_store
from sinoscope.store.postgres_url import is_postgres_url

__all__ = ["Embedder", "KnowledgeBase", "Store", "Workspace", "open_store", "store_location"]

WARM_QUERY = "science and technology 科技"
"""Words of both languages, so the Chinese word segmenter loads too."""

_KNOWLEDGE: dict[str, KnowledgeBase] = {}
"""Parsed knowledge bases by digest, shared by every workspace of the process (at most a few: one per
bundled version and analyst edit in use)."""
_KNOWLEDGE_LOCK = threading.Lock()
_KNOWLEDGE_KEPT = 4


def store_location(raw: str) -> str | Path:
    """The `--db` value as a location: a PostgreSQL URL stays a string (`Path("postgresql://h/db")` would
    collapse "//" into a local folder name), anything else is a file path."""
    return raw if is_postgres_url(raw) else Path(raw)


@dataclass
class Workspace:
    store_path: str
    embedder: Embedder | None = None
    """None: the packaged MiniLM, created (not loaded) on the first dense query."""
    dense: DenseSearch = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.dense = DenseSearch(self.store_path, self.embedder)

    def open_store(self) -> Store:
        return open_store(self.store_path, create=False)

    def knowledge(self, store: Store) -> KnowledgeBase:
        """The store's knowledge base; raises NotFoundError when none is loaded."""
        digest = store.knowledge_digest()
        if digest is None:
            raise NotFoundError(f"{self.store_path}: no knowledge base loaded (run `sinoscope kb load`)")
        with _KNOWLEDGE_LOCK:
            kb = _KNOWLEDGE.get(digest)
        if kb is None:
            kb = store.knowledge()
            with _KNOWLEDGE_LOCK:
                while len(_KNOWLEDGE) >= _KNOWLEDGE_KEPT:
                    _KNOWLEDGE.pop(next(iter(_KNOWLEDGE)))
                _KNOWLEDGE[digest] = kb
        return kb

    def optional_knowledge(self, store: Store) -> KnowledgeBase | None:
        """The knowledge base, or None where a use case works without one (search, ask, the reader)."""
        try:
            return self.knowledge(store)
        except NotFoundError:
            return None

    def warm(self) -> None:
        """Load now what the first requests would otherwise load while their users wait, a few seconds in
        all: the knowledge base, the embedding model and vector index, the word segmenter. A server worker
        calls it before it takes requests. Best effort: what fails here fails again, and is reported, on
        the request that needs it."""
        try:
            with self.open_store() as store:
                self.optional_knowledge(store)
                passages(store, self.dense, WARM_QUERY, Mode.HYBRID, 1)
        except (SinoscopeError, OSError):
            return
