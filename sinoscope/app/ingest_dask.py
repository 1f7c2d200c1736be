"""Ingestion on a Dask cluster: workers run the pipeline's read, structure, extract and embed stages
(`app.pipeline`, through `app.ingest_worker`) on files in parallel; this process (the client) runs the store
stage, each document in its own transaction, and keeps the dense index.

`--workers N` starts a local `dask.distributed` cluster of N single-threaded worker processes;
`--scheduler tcp://host:8786` uses an existing cluster (its workers need this sinoscope installed and
the files readable at the same paths). Memory stays bounded on both sides: at most `window` files are
in flight, and a prepared document is dropped as soon as it is written. A task that fails (a worker
killed, a crash outside the pipeline's own error handling) is retried once by the scheduler, then
reported as that file's error; the other files go on. Nothing a worker does touches the database.
"""

from __future__ import annotations

import functools
import importlib
import json
import logging
import os
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock

from sinoscope.app.ingest_worker import EmbedderFactory, WorkerResult, prepare_on_worker
from sinoscope.app.pipeline import (
    FileResult,
    IngestReport,
    Progress,
    Status,
    expand_paths,
    ingest_paths,
    store_document,
)
from sinoscope.app.stages import extract
from sinoscope.errors import SinoscopeError
from sinoscope.retrieval.embedding import EmbedderUnavailableError
from sinoscope.retrieval.faiss_index import FaissIndex
from sinoscope.retrieval.service import VERSIONS_FILE
from sinoscope.retrieval.vector_index import index_path_for
from sinoscope.store.base import Store
from sinoscope.store.fts_text import prepared

WINDOW_PER_WORKER = 2
"""Files in flight per worker: one running, one queued, so no worker waits on the client."""


class ClusterError(SinoscopeError):
    """The Dask cluster could not be started or reached."""


@dataclass(frozen=True)
class EmbedPlan:
    """Embed on the workers with `factory()`; `key` names the embedder (one instance per worker)."""

    key: str
    factory: EmbedderFactory
    name: str
    dim: int


@dataclass
class ClusterStats:
    """What the run cost on the workers, for benchmarks and the summary line."""

    workers: int = 0
    peak_rss_bytes: dict[str, int] = field(default_factory=dict)
    """Per worker address: the largest resident set a task saw."""
    embed_seconds: float = 0.0
    prepare_seconds: float = 0.0
    """Worker time in the pipeline (read, structure, extract), embedding excluded."""
    write_seconds: float = 0.0
    """Client time storing documents and adding their vectors to the dense index (`index_seconds` of it)."""
    index_seconds: float = 0.0
    write_cpu_seconds: float = 0.0
    """CPU time of the client's writes (the part of `write_seconds` it computed, not waited for)."""
    retried_on_client: int = 0

    @property
    def peak_mb(self) -> float:
        """The largest resident set of any worker, in MB."""
        return max(self.peak_rss_bytes.values(), default=0) / 1e6

    @property
    def embed_percent(self) -> float | None:
        """Embedding's share of the workers' busy time, in percent (None when they were not busy)."""
        busy = self.prepare_seconds + self.embed_seconds
        return 100 * self.embed_seconds / busy if busy else None


@dataclass(frozen=True)
class DistributedReport:
    report: IngestReport
    stats: ClusterStats
    embedded_docs: tuple[str, ...]


@contextmanager
def dask_client(workers: int | None, scheduler: str | None, *, threads: int = 1) -> Iterator[Any]:
    """A client on a new local cluster (`workers`) or on the scheduler at `scheduler`."""
    try:
        dd: Any = importlib.import_module("distributed")
    except ImportError as err:  # pragma: no cover - a pinned dependency
        raise ClusterError(f"dask.distributed is not installed: {err}") from err
    if scheduler is not None:
        try:
            client = dd.Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as err:
            raise ClusterError(f"{scheduler}: cannot reach the Dask scheduler ({err})") from err
        try:
            yield client
        finally:
            client.close()
        return
    n = max(1, workers or 1)
    cluster = dd.LocalCluster(
        n_workers=n,
        threads_per_worker=threads,
        processes=True,
        dashboard_address=":0",
        worker_dashboard_address=":0",
        silence_logs=logging.ERROR,
    )
    client = dd.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


class _DenseSidecar:
    """The FAISS index beside the store, fed with vectors computed on the workers.

    It keeps the same version list as `retrieval.service.sync_dense_index`, so a later `sinoscope index`
    (or the CLI's own embedding step) finds these documents up to date and does not embed them again. Like
    that function it holds the index's lock from load to save: a `sinoscope index` started meanwhile waits
    instead of saving an index this run would then overwrite.
    """

    def __init__(self, db_location: str | Path, plan: EmbedPlan) -> None:
        self.path = index_path_for(db_location, plan.name)
        self.path.mkdir(parents=True, exist_ok=True)
        self.lock = FileLock(self.path / ".lock")
        self.lock.acquire()
        self.index = FaissIndex.load(self.path) if (self.path / "meta.json").is_file() else FaissIndex(plan.dim)
        file = self.path / VERSIONS_FILE
        raw = json.loads(file.read_text(encoding="utf-8")) if file.is_file() else {}
        self.versions: dict[str, str] = {str(k): str(v) for k, v in raw.items()}
        self.embedded: list[str] = []
        # One document's vectors at a time: faiss's OpenMP threads spin after every small add, which cost the
        # client ~2.5x the CPU of one thread (and took it from the workers sharing the cores).
        self._faiss: Any = importlib.import_module("faiss")
        self._threads = int(self._faiss.omp_get_max_threads())
        self._faiss.omp_set_num_threads(1)

    def put(self, doc_id: str, content_hash: str, anchors: Sequence[str], vectors: Any) -> None:
        self.index.remove([doc_id])
        if anchors:
            self.index.add(list(anchors), vectors)
        self.versions[doc_id] = content_hash
        self.embedded.append(doc_id)

    def close(self) -> None:
        """Save what was added (the whole index, once per run) and let other writers in."""
        try:
            if self.embedded:
                self.index.save(self.path)
                tmp = self.path / (VERSIONS_FILE + ".tmp")
                tmp.write_text(json.dumps(self.versions, indent=1, sort_keys=True), encoding="utf-8")
                os.replace(tmp, self.path / VERSIONS_FILE)
        finally:
            self._faiss.omp_set_num_threads(self._threads)
            self.lock.release()


def ingest_distributed(
    store: Store,
    paths: Sequence[Path],
    client: Any,
    *,
    db_location: str | Path,
    options: Mapping[str, Any] | None = None,
    embed: EmbedPlan | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    window: int | None = None,
) -> DistributedReport:
    """Ingest `paths` with the cluster behind `client`; raises StoreError only when the store fails (the
    documents written before stay, and a re-run skips them as unchanged)."""
    dd: Any = importlib.import_module("distributed")
    opts = dict(options or {})
    files = expand_paths(paths)
    started = time.perf_counter()
    stats = ClusterStats(workers=len(client.scheduler_info().get("workers", {})))
    limit = window or max(2, WINDOW_PER_WORKER * max(1, stats.workers))
    # one object for every task, sent to each worker once (a list would be scattered item by item)
    key = f"sinoscope-known-{uuid.uuid4().hex}"
    known = client.scatter({key: store.list_documents()}, broadcast=True)[key]
    embed_arg = (embed.key, embed.factory) if embed is not None else None
    sidecar = _DenseSidecar(db_location, embed) if embed is not None else None
    queue = iter(enumerate(files))
    owner: dict[Any, tuple[int, Path]] = {}
    results: list[FileResult | None] = [None] * len(files)
    written: dict[str, str] = {}  # doc_id → path that wrote it in this run

    def submit() -> Any | None:
        nxt = next(queue, None)
        if nxt is None:
            return None
        i, path = nxt
        if on_progress is not None:
            on_progress(Progress(i, len(files), path))
        fut = client.submit(prepare_on_worker, str(path), known, opts, embed_arg, retries=1, pure=False)
        owner[fut] = (i, path)
        return fut

    running = dd.as_completed([f for f in (submit() for _ in range(limit)) if f is not None])
    try:
        for fut in running:
            i, path = owner.pop(fut)
            result = _collect(store, fut, path, opts, stats, sidecar, written)
            fut.release()
            results[i] = result
            if on_progress is not None:
                on_progress(Progress(i, len(files), path, result))
            nxt = submit()
            if nxt is not None:
                running.add(nxt)
    finally:
        if sidecar is not None:
            sidecar.close()
    done = tuple(r for r in results if r is not None)
    embedded = tuple(sidecar.embedded) if sidecar is not None else ()
    return DistributedReport(IngestReport(done, time.perf_counter() - started), stats, embedded)


def _collect(
    store: Store,
    fut: Any,
    path: Path,
    opts: Mapping[str, Any],
    stats: ClusterStats,
    sidecar: _DenseSidecar | None,
    written: dict[str, str],
) -> FileResult:
    try:
        prep: WorkerResult = fut.result()
    except Exception as err:  # the task failed twice (worker killed, crash outside the pipeline)
        reason = " ".join(f"{type(err).__name__}: {err}".split())[:300]
        return FileResult(
            str(path), Status.ERROR, error=f"{path}: failed on the cluster twice ({reason})", internal=True
        )
    stats.peak_rss_bytes[prep.worker] = max(stats.peak_rss_bytes.get(prep.worker, 0), prep.peak_rss_bytes)
    stats.embed_seconds += prep.embed_seconds
    stats.prepare_seconds += prep.result.seconds
    if prep.doc is None:
        return prep.result
    t0, c0 = time.perf_counter(), time.thread_time()
    claimed = written.get(prep.doc.doc_id)
    if claimed is not None and claimed != str(path):
        # Two new files of this run chose the same id from the same snapshot: decide this one here, with
        # the store as it is now, exactly as a one-process ingest would.
        stats.retried_on_client += 1
        report = ingest_paths(store, [path], extract=extract, **opts)
        stats.write_seconds += time.perf_counter() - t0
        stats.write_cpu_seconds += time.thread_time() - c0
        return report.results[0]
    with prepared(prep.index_forms):
        store_document(store, prep.doc, prep.extras)
    written[prep.doc.doc_id] = str(path)
    if sidecar is not None and prep.vectors is not None:
        t1 = time.perf_counter()
        sidecar.put(prep.doc.doc_id, prep.doc.content_hash, prep.anchors, prep.vectors)
        stats.index_seconds += time.perf_counter() - t1
    stats.write_seconds += time.perf_counter() - t0
    stats.write_cpu_seconds += time.thread_time() - c0
    return prep.result


def default_plan(*, local: bool = True) -> EmbedPlan:
    """Embed on the workers with the embedder every search uses (`retrieval.service.default_embedder`, the
    static USE-multilingual model), so the vectors land in the index that dense and hybrid queries open and
    the CLI's embed step after the ingest finds nothing left to do.

    The static table is derived here, once, when this user has no cached copy (about a minute): otherwise
    every worker would derive it at the same time. Each worker then loads the cached file once (~2 s) and
    keeps it for all its documents. On a local cluster the workers read this process's cache folder; on a
    remote one (`local=False`) each machine uses its own, deriving it there on first use.
    """
    from sinoscope.retrieval.distill import default_cache_dir
    from sinoscope.retrieval.use_multilingual import DIM, load_use_static, resources_dir, static_name

    name = static_name(resources_dir())
    cache_dir = default_cache_dir() if local else None
    if local and not (default_cache_dir() / f"{name}.npy").is_file():
        load_use_static(cache_dir)  # derive and cache it before any worker starts
    factory = functools.partial(load_use_static, cache_dir)  # picklable: a module function and a path
    return EmbedPlan(f"{name}@{cache_dir}", factory, name, DIM)


@dataclass(frozen=True)
class ClusterRun:
    """Where `ingest_on_cluster` runs, decided before it starts (the CLI names it first)."""

    workers: int | None
    scheduler: str | None
    plan: EmbedPlan | None

    @property
    def where(self) -> str:
        return self.scheduler or f"a local cluster of {self.workers or 1} worker(s)"


def cluster_run(workers: int | None, scheduler: str | None, *, embed: bool) -> ClusterRun:
    """Where to ingest, and with which embedder on the workers (the default one, see `default_plan`). Without
    the model the workers only parse: the embed step after the ingest then warns, as in one process."""
    plan = None
    if embed:
        try:
            plan = default_plan(local=scheduler is None)
        except EmbedderUnavailableError:
            plan = None
    return ClusterRun(workers, scheduler, plan)


def ingest_on_cluster(
    store: Store,
    paths: Sequence[Path],
    db_location: str | Path,
    run: ClusterRun,
    *,
    options: Mapping[str, Any],
    on_progress: Callable[[Progress], None] | None = None,
) -> DistributedReport:
    """`ingest_distributed` on a new local cluster or the scheduler of `run`; embeds on the workers when
    `run.plan` says so."""
    with dask_client(run.workers, run.scheduler) as client:
        return ingest_distributed(
            store, paths, client, db_location=db_location, options=options, embed=run.plan, on_progress=on_progress
        )
