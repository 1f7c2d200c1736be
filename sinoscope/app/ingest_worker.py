"""The worker half of distributed ingestion: one file in, a ready-to-save document (and its vectors) out.

A worker runs the very same pipeline as `sinoscope ingest` (`store.ingest.ingest_paths`: read, identity,
structure, metadata, extraction) against a `CaptureStore`, which answers the pipeline's questions about
stored documents from a snapshot of the real store and keeps the document the pipeline wants to save
instead of writing it. Only the client writes, one transaction per document, so a worker that dies
mid-document can never leave half of it in the database.
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sinoscope.documents.model import Document
from sinoscope.errors import NotFoundError
from sinoscope.retrieval.embedding import Embedder, Matrix
from sinoscope.retrieval.indexer import embedding_text
from sinoscope.store.base import DocumentInfo, IngestExtras, Store
from sinoscope.store.extract import extract_document
from sinoscope.store.ingest import FileResult, ingest_paths

EmbedderFactory = Callable[[], Embedder]


@dataclass(frozen=True)
class Prepared:
    """What a worker sends back for one file."""

    result: FileResult
    doc: Document | None
    """The document to save (None when unchanged or failed)."""
    extras: IngestExtras | None
    anchors: tuple[str, ...]
    vectors: Matrix | None
    """One row per anchor, from the embedder the client asked for (None without embedding)."""
    embed_seconds: float
    worker: str
    peak_rss_bytes: int


class CaptureStore:
    """Stands in for the store on a worker: reads from a snapshot, keeps the one save it is asked for."""

    def __init__(self, known: Sequence[DocumentInfo]) -> None:
        self._known = {d.doc_id: d for d in known}
        self._list = list(known)
        self.saved: tuple[Document, IngestExtras | None] | None = None

    @property
    def location(self) -> str:
        return "worker snapshot"

    def list_documents(self) -> list[DocumentInfo]:
        return list(self._list)

    def document_state(self, doc_id: str) -> str | None:
        info = self._known.get(doc_id)
        return None if info is None else info.content_hash

    def get_document(self, doc_id: str) -> DocumentInfo:
        info = self._known.get(doc_id)
        if info is None:
            raise NotFoundError(f"{doc_id}: no such document")
        return info

    def save_document(self, doc: Document, extras: IngestExtras | None = None) -> None:
        self.saved = (doc, extras)


_EMBEDDERS: dict[str, Embedder] = {}
"""One embedder per worker process and kind (loading MiniLM takes seconds and ~300 MB)."""


def _embedder(key: str, factory: EmbedderFactory) -> Embedder:
    if key not in _EMBEDDERS:
        _EMBEDDERS[key] = factory()
    return _EMBEDDERS[key]


def _peak_rss_bytes() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024  # Linux reports KiB


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):
        return f"pid {os.getpid()}"


def prepare_file(
    path: str,
    known: Sequence[DocumentInfo],
    options: Mapping[str, Any],
    embed: tuple[str, EmbedderFactory] | None,
) -> Prepared:
    """Run the ingest pipeline on one file without writing; embed the document's blocks if asked."""
    capture = CaptureStore(known)
    report = ingest_paths(cast(Store, capture), [Path(path)], extract=extract_document, **options)
    result = report.results[0]
    doc, extras = capture.saved if capture.saved is not None else (None, None)
    anchors: tuple[str, ...] = ()
    vectors: Matrix | None = None
    embed_seconds = 0.0
    if doc is not None and embed is not None:
        t0 = time.perf_counter()
        embedder = _embedder(*embed)
        wanted = [b for b in doc.blocks if embedding_text(b).strip()]
        anchors = tuple(b.anchor for b in wanted)
        vectors = embedder.encode([embedding_text(b) for b in wanted])
        embed_seconds = time.perf_counter() - t0
    return Prepared(result, doc, extras, anchors, vectors, embed_seconds, _worker_name(), _peak_rss_bytes())
