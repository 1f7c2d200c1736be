"""Store: where ingested documents, their blocks and extracted data live.

Callers depend on the `Store` protocol and get one from `open_store`, which picks the backend from the
location, so adding a PostgreSQL backend later changes this module only.
"""

from __future__ import annotations

from pathlib import Path

from sinoscope.errors import StoreError
from sinoscope.store.base import DocumentInfo, EntityRef, IngestExtras, OutlineEntry, SearchHit, Store
from sinoscope.store.sqlite import SqliteStore

__all__ = [
    "DocumentInfo",
    "EntityRef",
    "IngestExtras",
    "OutlineEntry",
    "SearchHit",
    "SqliteStore",
    "Store",
    "open_store",
]


def open_store(location: str | Path, *, create: bool = True) -> Store:
    """An opened store for a file path (SQLite) or a URL; `create=False` refuses to make a new database."""
    loc = str(location)
    if loc.startswith(("postgresql://", "postgres://")):
        raise StoreError(f"{loc.split('@')[-1]}: PostgreSQL backend is not available yet")
    store = SqliteStore(loc, create=create)
    store.open()
    return store
