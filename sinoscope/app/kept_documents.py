"""A document's text, outline and facts read once per process while the database stays as it is.

Every answer reads, for each document its passages come from, the whole text (hundreds of kilobytes), the
outline and every fact (hundreds, each parsed from JSON), to place the candidate figures in their
sentences and sections. That was a third of an answer's time, for data that only changes when the
database does. So they are kept, per process, under the stamp the response cache uses (`StoreStamp`:
the SQLite file, its log, the dense index), and all dropped as soon as it moves. PostgreSQL databases
have no such stamp and are read as before.

The values are immutable (`Fact` and the outline are frozen), so threads share them safely.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar, cast

from sinoscope.app.response_cache import stamp_for
from sinoscope.documents.model import Chapter
from sinoscope.extraction.model import Fact
from sinoscope.store.base import Store

__all__ = ["keeping_documents"]

KEPT = 24
"""Entries kept (text, outline and facts of 8 documents): an answer draws on a handful of documents."""
T = TypeVar("T")

_STAMPS: dict[str, Callable[[], str | None]] = {}
_KEPT: OrderedDict[tuple[str, str, str, str], Any] = OrderedDict()
_LOCK = threading.Lock()


class _KeptDocuments:
    def __init__(self, store: Store, stamp: str) -> None:
        self._store = store
        self._stamp = stamp

    def _kept(self, what: str, doc_id: str, read: Callable[[], T]) -> T:
        key = (str(self._store.location), self._stamp, what, doc_id)
        with _LOCK:
            if key in _KEPT:
                _KEPT.move_to_end(key)
                return cast(T, _KEPT[key])
        value = read()
        with _LOCK:
            _KEPT[key] = value
            while len(_KEPT) > KEPT:
                _KEPT.popitem(last=False)
        return value

    def document_text(self, doc_id: str) -> str:
        return self._kept("text", doc_id, lambda: self._store.document_text(doc_id))

    def outline(self, doc_id: str) -> tuple[Chapter, ...]:
        return self._kept("outline", doc_id, lambda: self._store.outline(doc_id))

    def facts(self, doc_id: str | None = None, **filters: Any) -> list[Fact]:
        if doc_id is None or any(v is not None for v in filters.values()):
            return self._store.facts(doc_id, **filters)
        return list(self._kept("facts", doc_id, lambda: tuple(self._store.facts(doc_id))))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def keeping_documents(store: Store) -> Store:
    """`store` with its per-document reads kept while its stamp holds (the store itself when it has none)."""
    location = str(store.location)
    with _LOCK:
        if location not in _STAMPS:
            _STAMPS[location] = stamp_for(location)
        stamp_of = _STAMPS[location]
    stamp = stamp_of()
    if stamp is None:
        return store
    return cast(Store, _KeptDocuments(store, stamp))
