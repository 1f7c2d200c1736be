"""The storage side of ingestion: whether the stored copy of a document is current.

The pipeline itself (read → structure → extract → store → link → embed) is `sinoscope.app.pipeline`; the
store only writes a document whole (`Store.save_document`, one transaction) and answers what is stored.
"""

from __future__ import annotations

from sinoscope.store.base import DocumentInfo

METADATA_MARK = "title_source"
"""Set on every document whose metadata was read; one stored without it is re-read once (same content)."""


def is_current(info: DocumentInfo) -> bool:
    """The stored copy of an unchanged file needs no rewrite: its metadata was read when it was stored."""
    return METADATA_MARK in info.metadata
