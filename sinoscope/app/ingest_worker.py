"""The worker half of distributed ingestion: one file in, its document stored, its vectors out.

A worker runs the very same stages as `sinoscope ingest` (`app.pipeline.prepare_file`: read, identity,
structure, metadata, extraction, `embed_blocks`, then `store_document`), deciding a file's id from a snapshot
of the store taken when the run started, and writes the document itself, in one transaction, through its
own connection to the store (kept for the worker's life). Only the file's result and its vectors go back to
the client, which keeps the dense index.

Why the workers write: the client used to receive every prepared document (about 3.4 bytes of pickled
objects per byte of text) and store them all; unpickling and writing took ~80 CPU-s per 100 MB, so with one
worker the client kept a second core busy and two workers could not be much faster than one. Writing where
the document was made removes the transfer and spreads the writes over the workers.

Why it stays correct:
- Identity. The snapshot can be out of date: another file of the same run (or another process) may have
  claimed the id this file chose, or stored the same content, since. The write says what the id was decided
  from (`store.base.Expected`) and the store checks it inside the write transaction; when it no longer
  holds, nothing is stored and the file is decided again from the store as it is now (`Registry` over
  `list_documents`), as a one-process ingest would have. A document this very file already stored (an
  earlier attempt of the task, killed after its commit) counts as done.
- Crashes. A worker killed mid-document (kill -9) leaves the last committed state: SQLite (WAL) and
  PostgreSQL roll an unfinished transaction back. The vectors are computed before the write, so a file whose
  embedding fails stores nothing either.
- Where the store is. Every worker must reach the store: a PostgreSQL URL, or for SQLite the same database
  file (a local cluster always can; a remote cluster needs it on a shared path, and SQLite over a network
  file system is only as safe as that file system's locking).
"""

from __future__ import annotations

import os
import resource
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sinoscope.app.derived import derived_version
from sinoscope.app.pipeline import (
    FileResult,
    Prepared,
    Settings,
    Stages,
    Status,
    embed_blocks,
    file_stages,
    prepare_file,
    store_document,
)
from sinoscope.app.stages import extract
from sinoscope.errors import NotFoundError
from sinoscope.knowledge.sources import curated_documents
from sinoscope.retrieval.embedding import Embedder, Matrix
from sinoscope.store import open_store
from sinoscope.store.base import DocumentInfo, Expected, Store
from sinoscope.store.identity import Registry, origin_of

EmbedderFactory = Callable[[], Embedder]

ATTEMPTS = 5
"""Times a file is decided again when other writers keep taking the id it chose (each time from the store
as it is then, so a second conflict needs yet another writer in between)."""


@dataclass(frozen=True)
class WorkerResult:
    """What a worker sends back for one file: small, whatever the document's size."""

    result: FileResult
    anchors: tuple[str, ...]
    vectors: Matrix | None
    """One row per anchor, from the embedder the client asked for (None without embedding, or when nothing
    was stored)."""
    content_hash: str | None
    """Of the document stored (None when nothing was)."""
    embed_seconds: float
    store_seconds: float
    """Time in `store_document`, conflicts included."""
    worker: str
    peak_rss_bytes: int
    conflicts: int = 0
    """Times the id chosen from the snapshot had been taken meanwhile and the file was decided again."""


_EMBEDDERS: dict[str, Embedder] = {}
"""One embedder per worker process and kind, made on its first document and kept: loading the static
USE table takes ~2 s and ~500 MB, which must not be paid per document."""

_STORES: dict[tuple[str, int], Store] = {}
"""One open store per location and thread: opening runs the migrations check, and a connection must not be
shared by two tasks running at once (a remote worker may run several threads)."""


def _embedder(key: str, factory: EmbedderFactory) -> Embedder:
    if key not in _EMBEDDERS:
        _EMBEDDERS[key] = factory()
    return _EMBEDDERS[key]


def worker_store(location: str) -> Store:
    """This thread's connection to the store at `location` (never creates a database: a worker that does not
    see the client's store must fail, not write into a new empty one)."""
    key = (location, threading.get_ident())
    if key not in _STORES:
        _STORES[key] = open_store(location, create=False)
    return _STORES[key]


def close_worker_stores() -> None:
    """Close this process's store connections (tests; a worker's die with it)."""
    while _STORES:
        _STORES.popitem()[1].close()


def one_line(err: BaseException) -> str:
    """An error as the one line a report shows for its file: its type and message, whitespace folded."""
    return " ".join(f"{type(err).__name__}: {err}".split())[:300]


def check_store(location: str) -> str:
    """Run on every worker before the first file: "" when it can open the store, else why not. (Opened and
    closed here: `Client.run` calls it on the worker's event-loop thread, which never runs a task.)"""
    try:
        open_store(location, create=False).close()
    except Exception as err:  # any reason is reported to the client in one line
        return one_line(err)
    return ""


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


@dataclass
class _Decision:
    """What a file's id is decided from: the snapshot first, then (after a conflict) the store as it is."""

    registry: Registry
    lookup: Callable[[str], DocumentInfo]
    states: dict[str, str]

    @classmethod
    def of(cls, documents: Sequence[DocumentInfo], lookup: Callable[[str], DocumentInfo]) -> _Decision:
        return cls(Registry(documents, curated_documents()), lookup, {d.doc_id: d.content_hash for d in documents})

    def expected(self, prepared: Prepared) -> Expected:
        """What the chosen id held when it was decided: the stored hash an update replaces, None for a new one."""
        doc_id = prepared.result.doc_id or ""
        return Expected(self.states.get(doc_id) if prepared.result.status is Status.UPDATED else None)


def ingest_on_worker(
    path: str,
    known: Sequence[DocumentInfo],
    options: Mapping[str, Any],
    embed: tuple[str, EmbedderFactory] | None,
    location: str,
) -> WorkerResult:
    """One file through every stage up to the store, written by this worker (see the module docstring).

    `known` is the store's snapshot taken at the start of the run; `options` are `ingest_paths`'s: force,
    replace, overrides, max_bytes."""
    stages = file_stages(options.get("max_bytes"), extract=extract)
    settings = Settings.of(bool(options.get("force")), bool(options.get("replace")), options.get("overrides"))
    decision = _Decision.of(known, _snapshot_lookup(known))
    store = worker_store(location)
    embed_seconds = store_seconds = 0.0
    for attempt in range(ATTEMPTS):
        prepared, anchors, vectors, seconds = _prepare(Path(path), stages, settings, decision, embed)
        embed_seconds += seconds
        doc = prepared.doc
        if doc is None:  # unchanged, or failed
            return _result(prepared.result, (), None, None, embed_seconds, store_seconds, attempt)
        t0 = time.perf_counter()
        stored = store_document(store, doc, prepared.extras, expect=decision.expected(prepared))
        done = stored or _stored_by_this_file(store, doc.doc_id, doc.content_hash, path, prepared.extras is not None)
        if not done:
            decision = _Decision.of(store.list_documents(), store.get_document)
        store_seconds += time.perf_counter() - t0
        if done:
            return _result(prepared.result, anchors, vectors, doc.content_hash, embed_seconds, store_seconds, attempt)
    failed = FileResult(
        path, Status.ERROR, error=f"{path}: other writers kept taking the id chosen for it ({ATTEMPTS} tries)"
    )
    return _result(failed, (), None, None, embed_seconds, store_seconds, ATTEMPTS)


def ingest_batch_on_worker(
    paths: Sequence[str],
    known: Sequence[DocumentInfo],
    options: Mapping[str, Any],
    embed: tuple[str, EmbedderFactory] | None,
    location: str,
) -> list[WorkerResult | str]:
    """Several files in one task, each exactly as `ingest_on_worker` handles it (its own transaction).

    Why batches: Dask costs the client about 9 ms of CPU per task whatever the task carries (scheduling,
    messages, the result's round trip), which at a 1 GB backlog of ~70 KB files was ~130 CPU-s taken from
    the workers' two cores. Four files per task cut that to a third (`bench/scale.py`).

    One file's failure must not become its neighbours': an exception for one file is returned in its place
    as one line (the client sends that file again on its own, as a single-file task with its retry), and
    the other files' results still come back."""
    out: list[WorkerResult | str] = []
    for path in paths:
        try:
            out.append(ingest_on_worker(path, known, options, embed, location))
        except Exception as err:  # reported per file; the client retries it alone
            out.append(one_line(err))
    return out


def _prepare(
    path: Path, stages: Stages, settings: Settings, decision: _Decision, embed: tuple[str, EmbedderFactory] | None
) -> tuple[Prepared, tuple[str, ...], Matrix | None, float]:
    """The pipeline up to the store stage, then the embedding (before the write: a file whose embedding
    fails stores nothing, and the task's retry starts from a clean slate)."""
    prepared = prepare_file(path, stages, settings, decision.registry, decision.lookup)
    if prepared.doc is None or embed is None:
        return prepared, (), None, 0.0
    t0 = time.perf_counter()
    anchors, vectors = embed_blocks(prepared.doc, _embedder(*embed))
    return prepared, anchors, vectors, time.perf_counter() - t0


def _stored_by_this_file(store: Store, doc_id: str, content_hash: str, path: str, extracted: bool) -> bool:
    """The id holds this file's content, bound to this file and derived by this code: an earlier attempt of
    this task stored it (and was killed before it could say so), so the document is there, whole."""
    try:
        info = store.get_document(doc_id)
    except NotFoundError:
        return False
    return (
        info.content_hash == content_hash
        and info.origin == origin_of(path)
        and info.derived_version == derived_version(extracted=extracted)
    )


def _result(
    result: FileResult,
    anchors: tuple[str, ...],
    vectors: Matrix | None,
    content_hash: str | None,
    embed_seconds: float,
    store_seconds: float,
    conflicts: int,
) -> WorkerResult:
    return WorkerResult(
        result,
        anchors,
        vectors,
        content_hash,
        embed_seconds,
        store_seconds,
        _worker_name(),
        _peak_rss_bytes(),
        conflicts,
    )
