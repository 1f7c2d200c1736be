"""The worker half of distributed ingestion: one file in, a ready-to-store document (and its vectors) out.

A worker runs the very same stages as `sinoscope ingest` (`app.pipeline.prepare_file`: read, identity,
structure, metadata, extraction, then `embed_blocks`), answering questions about stored documents from a
snapshot of the real store, and stops before the store stage. Only the client writes, one transaction per
document, so a worker that dies mid-document can never leave half of it in the database.
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sinoscope.app.pipeline import (
    FileResult,
    Prepared,
    Settings,
    embed_blocks,
    file_stages,
    prepare_file,
)
from sinoscope.app.stages import extract
from sinoscope.documents.model import Document
from sinoscope.errors import NotFoundError
from sinoscope.knowledge.sources import curated_documents
from sinoscope.retrieval.embedding import Embedder, Matrix
from sinoscope.store.base import DocumentInfo, IngestExtras
from sinoscope.store.fts_text import document_forms
from sinoscope.store.identity import Registry

EmbedderFactory = Callable[[], Embedder]


@dataclass(frozen=True)
class WorkerResult:
    """What a worker sends back for one file."""

    result: FileResult
    doc: Document | None
    """The document to store (None when unchanged or failed)."""
    extras: IngestExtras | None
    anchors: tuple[str, ...]
    vectors: Matrix | None
    """One row per anchor, from the embedder the client asked for (None without embedding)."""
    embed_seconds: float
    worker: str
    peak_rss_bytes: int
    index_forms: dict[str, str] = field(default_factory=dict)
    """The full-text index form of each of the document's Han texts (`store.fts_text.prepared`), made here
    so the client, which writes for every worker, does not spend its share of the CPU on them."""


_EMBEDDERS: dict[str, Embedder] = {}
"""One embedder per worker process and kind, made on its first document and kept: loading the static
USE table takes ~2 s and ~500 MB, which must not be paid per document."""


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


def _snapshot_lookup(known: Sequence[DocumentInfo]) -> Callable[[str], DocumentInfo]:
    by_id = {d.doc_id: d for d in known}

    def lookup(doc_id: str) -> DocumentInfo:
        info = by_id.get(doc_id)
        if info is None:
            raise NotFoundError(f"{doc_id}: no such document")
        return info

    return lookup


def prepare_on_worker(
    path: str,
    known: Sequence[DocumentInfo],
    options: Mapping[str, Any],
    embed: tuple[str, EmbedderFactory] | None,
) -> WorkerResult:
    """The pipeline's stages up to (not including) the store stage for one file, then its embedding if asked.

    `options` are `ingest_paths`'s: force, replace, overrides, max_bytes."""
    stages = file_stages(options.get("max_bytes"), extract=extract)
    settings = Settings.of(bool(options.get("force")), bool(options.get("replace")), options.get("overrides"))
    registry = Registry(known, curated_documents())
    prepared: Prepared = prepare_file(Path(path), stages, settings, registry, _snapshot_lookup(known))
    doc = prepared.doc
    anchors: tuple[str, ...] = ()
    vectors: Matrix | None = None
    embed_seconds = 0.0
    if doc is not None and embed is not None:
        t0 = time.perf_counter()
        anchors, vectors = embed_blocks(doc, _embedder(*embed))
        embed_seconds = time.perf_counter() - t0
    forms = document_forms(doc) if doc is not None else {}
    return WorkerResult(
        prepared.result,
        doc,
        prepared.extras,
        anchors,
        vectors,
        embed_seconds,
        _worker_name(),
        _peak_rss_bytes(),
        forms,
    )
