"""Store: where ingested documents, their blocks and extracted data live.

Callers depend on the `Store` protocol and get one from `open_store`, which picks the backend from the
location: a `postgresql://` URL opens `PostgresStore`, anything else a SQLite file.
"""

from __future__ import annotations

from pathlib import Path

from sinoscope.store.base import DocumentInfo, EntityRef, IngestExtras, OutlineEntry, SearchHit, Store
from sinoscope.store.postgres_url import is_postgres_url
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
    if is_postgres_url(loc):
        from sinoscope.store.postgres import PostgresStore  # the driver loads only for PostgreSQL users

        pg = PostgresStore(loc, create=create)
        pg.open()
        return pg
    store = SqliteStore(loc, create=create)
    store.open()
    return store
