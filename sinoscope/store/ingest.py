"""The storage side of ingestion: whether the stored copy of a document is current.

The pipeline itself (read → structure → extract → store → link → embed) is `sinoscope.app.pipeline`; the
store only writes a document whole (`Store.save_document`, one transaction) and answers what is stored.
"""

from __future__ import annotations

import importlib
from typing import Any

from sinoscope.store.base import DocumentInfo

METADATA_MARK = "title_source"
"""Set on every document whose metadata was read; one stored without it is re-read once (same content)."""


def is_current(info: DocumentInfo) -> bool:
    """The stored copy of an unchanged file needs no rewrite: its metadata was read when it was stored."""
    return METADATA_MARK in info.metadata


_MOVED = {
    "SUPPORTED_SUFFIXES", "Builder", "Extractor", "FileResult", "IngestReport", "Progress", "Reader", "Status",
    "default_builder", "default_reader", "expand_paths", "ingest_paths",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    """Deprecated names, moved to `sinoscope.app.pipeline` (issue 17): kept until their importers
    (tests, bench, CLI renderers) import them from there. Resolved lazily so that the store imports
    nothing above itself."""
    if name in _MOVED:
        return getattr(importlib.import_module("sinoscope.app.pipeline"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
