"""Ingestion on a Dask cluster: each worker runs the whole pipeline for a file (read, structure, extract,
embed) and stores the document itself, one transaction per document (`app.ingest_worker`); this process
(the client) hands out files, keeps the dense index (FAISS, one writer) with the vectors the workers send
back, and reports.

`--workers N` starts a local `dask.distributed` cluster of N single-threaded worker processes;
`--scheduler tcp://host:8786` uses an existing cluster. Its workers need this sinoscope installed, the files
readable at the same paths, and the store reachable: a PostgreSQL URL (the natural choice for a team: it
takes concurrent writers), or for SQLite the same database file at the same path on every machine (a shared
folder). Every worker opens the store before the first file is sent, and the run stops with one line naming
the first worker that cannot.

Why the workers write (until session 8 only the client did): shipping every prepared document to the client
and storing them all there cost it ~80 CPU-s per 100 MB, enough that one worker already kept both cores
busy and two could not be much faster. Identity stays decided as in one process, and a killed worker leaves
no partial document: see `app.ingest_worker`. A task carries a few consecutive small files (`batches`: Dask's
cost per task is the client's, whatever the task holds). Memory stays bounded on both sides: at most
`window` tasks are in flight. A file whose task fails (a worker killed, a crash outside the pipeline's own
error handling) is sent again on its own, as a single-file task the scheduler retries once, then reported as
that file's error; the other files go on.

The dense index's version list stays true to the store: a document is listed with its content hash only
when its vectors arrived here. One a worker stored but whose vectors never arrived (its task died after the
commit, twice) is dropped from the index when the run ends, so a later `sinoscope index` embeds it.
"""

from __future__ import annotations

import functools
import importlib
import json
import logging
import os
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from filelock import FileLock

from sinoscope.app.ingest_worker import (
    EmbedderFactory,
    WorkerResult,
    check_store,
    ingest_batch_on_worker,
    ingest_on_worker,
    one_line,
)
from sinoscope.app.pipeline import FileResult, IngestReport, Progress, Status, expand_paths
from sinoscope.errors import SinoscopeError
from sinoscope.retrieval.embedding import EmbedderUnavailableError
from sinoscope.retrieval.faiss_index import FaissIndex
from sinoscope.retrieval.service import VERSIONS_FILE
from sinoscope.retrieval.vector_index import index_path_for
from sinoscope.store.base import DocumentInfo, Store
from sinoscope.store.postgres_url import is_postgres_url, redact

WINDOW_PER_WORKER = 2
"""Tasks in flight per worker: one running, one queued, so no worker waits on the client."""
ADD_GROUP = 2048
"""Vectors the client gathers before adding them to the dense index in one call (see `_DenseSidecar.flush`)."""
BATCH_BYTES = 300_000
"""A task carries consecutive files up to about this much input (a larger file goes alone): about four
documents of a typical backlog, which cuts the client's per-task cost (see `ingest_batch_on_worker`) to a
third without making the run's tail (the last tasks, when one worker may already be idle) longer than a
second or two."""
MAX_BATCH = 8
BATCHES_PER_WORKER = 8
"""A run of few files keeps at least this many tasks per worker (down to one file per task): two files on
two workers must not become one task."""


QUIET_CLUSTER = {
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
}
"""A local cluster's housekeeping at a slower pace: its event-loop tick (20 ms) and system monitor (0.5 s),
which feed only warnings and the dashboard, cost an idle 2-worker cluster ~9 % of a core (1.6 CPU-s per 30 s
in the client, which hosts the scheduler, and 2.4 in the workers); at this pace ~4.5 %. Each worker's
statistical profiler (a thread walking the task's stack every 10 ms, for the dashboard's profile page) is
off: on a busy worker it cost 4.4 % on top of the CPU its tasks used (the worker process used 6.0 % more CPU
than the task's thread with it, 1.6 % more without). Worker memory is checked every second instead of every
100 ms (by each worker and by its nanny in the client): an idle 2-worker cluster then costs 0.45 CPU-s per
30 s instead of 1.0 (measured with psutil over the client and its worker processes)."""


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
    """Worker time in the pipeline (read, structure, extract), embedding and storing excluded."""
    store_seconds: float = 0.0
    """Worker time storing documents (one transaction each, waits for the database's write lock included)."""
    write_seconds: float = 0.0
    """Client time adding vectors to the dense index (the only writing the client does)."""
    index_seconds: float = 0.0
    """The same as `write_seconds` (kept for the benchmark's columns)."""
    write_cpu_seconds: float = 0.0
    """CPU time of the client's writes (the part of `write_seconds` it computed, not waited for)."""
    conflicts: int = 0
    """Files decided again on a worker because the id chosen from the snapshot was taken meanwhile."""
    dropped_vectors: int = 0
    """Documents stored by a worker whose vectors never arrived: dropped from the dense index at the end."""

    @property
    def peak_mb(self) -> float:
        """The largest resident set of any worker, in MB."""
        return max(self.peak_rss_bytes.values(), default=0) / 1e6

    @property
    def embed_percent(self) -> float | None:
        """Embedding's share of the workers' busy time, in percent (None when they were not busy)."""
        busy = self.prepare_seconds + self.embed_seconds + self.store_seconds
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
    dask: Any = importlib.import_module("dask")
    with dask.config.set(QUIET_CLUSTER):
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
        self.dirty = False
        self._pending: dict[str, tuple[tuple[str, ...], Any]] = {}
        self._pending_rows = 0
        # One thread: faiss's OpenMP threads spin after every add (one document's at a time, before adds were
        # grouped), which cost the client ~2.5x the CPU of one thread and took it from the workers' cores.
        self._faiss: Any = importlib.import_module("faiss")
        self._threads = int(self._faiss.omp_get_max_threads())
        self._faiss.omp_set_num_threads(1)

    def put(self, doc_id: str, content_hash: str, anchors: Sequence[str], vectors: Any) -> None:
        """Take one document's vectors; they reach the index in groups (`flush`)."""
        if doc_id in self._pending:
            self.flush()  # the same document again (a retried task): its later vectors win
        self._pending[doc_id] = (tuple(anchors), vectors)
        self._pending_rows += len(anchors)
        if self._pending_rows >= ADD_GROUP:
            self.flush()
        self.versions[doc_id] = content_hash
        self.embedded.append(doc_id)

    def flush(self) -> None:
        """Add the documents taken so far in one call: an inverted-file index assigns every added vector to
        its nearest list with one matrix product, which costs 4x less per vector for 660 vectors at a time
        than for one document's ~170 (faiss, 512-d, 1,024 lists, one thread: 5.5 against 1.4 CPU-s per
        100,000 vectors); at a 1 GB backlog that was ~100 CPU-s of the client's, taken from the workers."""
        if not self._pending:
            return
        docs = list(self._pending)
        anchors = [a for doc in docs for a in self._pending[doc][0]]
        blocks = [self._pending[doc][1] for doc in docs if self._pending[doc][0]]
        self._pending.clear()
        self._pending_rows = 0
        self.index.remove(docs)
        if anchors:
            self.index.add(anchors, np.concatenate(blocks))

    def drop(self, doc_ids: Sequence[str]) -> None:
        """Forget these documents' vectors and versions: a later `sinoscope index` embeds them."""
        self.flush()
        self.index.remove(list(doc_ids))
        for doc_id in doc_ids:
            self.versions.pop(doc_id, None)
        self.embedded = [d for d in self.embedded if d not in set(doc_ids)]
        self.dirty = True

    def close(self) -> None:
        """Save what was added (the whole index, once per run) and let other writers in."""
        try:
            self.flush()
            if self.embedded or self.dirty:
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
    """Ingest `paths` with the cluster behind `client` into the store at `db_location` (`store` is this
    process's connection to it: the snapshot the workers decide ids from, and the check at the end).
    Raises ClusterError when a worker cannot open the store; a store failure on a worker is that file's
    error (the documents written before stay, and a re-run skips them as unchanged)."""
    dd: Any = importlib.import_module("distributed")
    opts = dict(options or {})
    files = expand_paths(paths)
    started = time.perf_counter()
    stats = ClusterStats(workers=len(client.scheduler_info().get("workers", {})))
    limit = window or max(2, WINDOW_PER_WORKER * max(1, stats.workers))
    location = _worker_location(db_location)
    _check_workers(client, location)
    snapshot = store.list_documents()
    # one object for every task, sent to each worker once (a list would be scattered item by item)
    key = f"sinoscope-known-{uuid.uuid4().hex}"
    known = client.scatter({key: snapshot}, broadcast=True)[key]
    embed_arg = (embed.key, embed.factory) if embed is not None else None
    sidecar = _DenseSidecar(db_location, embed) if embed is not None else None
    pending = deque(batches(files, stats.workers))
    owner: dict[Any, list[tuple[int, Path]]] = {}
    results: list[FileResult | None] = [None] * len(files)
    arrived: set[str] = set()  # documents a worker said it stored, with their vectors when embedding

    def submit() -> Any | None:
        if not pending:
            return None
        batch = pending.popleft()
        if on_progress is not None:
            for i, path in batch:
                on_progress(Progress(i, len(files), path))
        if len(batch) == 1:  # retried once by the scheduler if its worker dies
            name = str(batch[0][1])
            fut = client.submit(ingest_on_worker, name, known, opts, embed_arg, location, retries=1, pure=False)
        else:  # not retried as a whole: its failed files are sent again one by one (below)
            names = [str(p) for _, p in batch]
            fut = client.submit(ingest_batch_on_worker, names, known, opts, embed_arg, location, pure=False)
        owner[fut] = batch
        return fut

    running = dd.as_completed([f for f in (submit() for _ in range(limit)) if f is not None])
    try:
        for fut in running:
            batch = owner.pop(fut)
            outcomes = _outcomes(fut, len(batch))
            fut.release()
            for (i, path), outcome in zip(batch, outcomes, strict=True):
                if isinstance(outcome, str) and len(batch) > 1:
                    pending.appendleft([(i, path)])
                    continue
                results[i] = result = _collect(outcome, path, stats, sidecar, arrived)
                if on_progress is not None:
                    on_progress(Progress(i, len(files), path, result))
            while len(owner) < limit and (nxt := submit()) is not None:
                running.add(nxt)
    finally:
        if sidecar is not None:
            try:
                stats.dropped_vectors = _drop_unarrived(store, snapshot, arrived, sidecar)
            finally:
                sidecar.close()
    done = tuple(r for r in results if r is not None)
    embedded = tuple(sidecar.embedded) if sidecar is not None else ()
    return DistributedReport(IngestReport(done, time.perf_counter() - started), stats, embedded)


def _worker_location(db_location: str | Path) -> str:
    """Where the workers open the store: the URL as given (with its password: `Store.location` hides it), or
    the SQLite file's absolute path (a worker's working folder need not be this one's)."""
    loc = str(db_location)
    return loc if is_postgres_url(loc) else str(Path(loc).absolute())


def _check_workers(client: Any, location: str) -> None:
    """Every worker opens the store before any file is sent: on a remote cluster that cannot reach it, one
    clear line instead of every file failing twice."""
    problems: dict[str, str] = client.run(check_store, location)
    for worker, why in sorted(problems.items()):
        if why:
            where = redact(location) if is_postgres_url(location) else location
            raise ClusterError(f"worker {worker} cannot open the store {where}: {why}")


def batches(files: Sequence[Path], workers: int) -> Iterator[list[tuple[int, Path]]]:
    """The files, numbered, in consecutive groups of one task each (see BATCH_BYTES, BATCHES_PER_WORKER)."""
    most = max(1, min(MAX_BATCH, len(files) // max(1, workers * BATCHES_PER_WORKER)))
    batch: list[tuple[int, Path]] = []
    size = 0
    for i, path in enumerate(files):
        try:
            nbytes = path.stat().st_size
        except OSError:  # the worker reports it
            nbytes = 0
        if batch and (len(batch) >= most or size + nbytes > BATCH_BYTES):
            yield batch
            batch, size = [], 0
        batch.append((i, path))
        size += nbytes
    if batch:
        yield batch


def _outcomes(fut: Any, files: int) -> list[WorkerResult | str]:
    """Per file of a task: its worker's result, or why the task failed (one line)."""
    try:
        done: WorkerResult | list[WorkerResult | str] = fut.result()
    except Exception as err:  # a worker killed, a crash outside the pipeline
        return [one_line(err)] * files
    return done if isinstance(done, list) else [done]


def _collect(
    outcome: WorkerResult | str,
    path: Path,
    stats: ClusterStats,
    sidecar: _DenseSidecar | None,
    arrived: set[str],
) -> FileResult:
    if isinstance(outcome, str):  # the file's own task failed twice
        return FileResult(
            str(path), Status.ERROR, error=f"{path}: failed on the cluster twice ({outcome})", internal=True
        )
    done = outcome
    stats.peak_rss_bytes[done.worker] = max(stats.peak_rss_bytes.get(done.worker, 0), done.peak_rss_bytes)
    stats.embed_seconds += done.embed_seconds
    stats.store_seconds += done.store_seconds
    stats.prepare_seconds += done.result.seconds  # the pipeline's stages, before the store
    stats.conflicts += done.conflicts
    doc_id = done.result.doc_id
    if done.content_hash is None or doc_id is None:
        return done.result
    arrived.add(doc_id)
    if sidecar is not None and done.vectors is not None:
        t0, c0 = time.perf_counter(), time.thread_time()
        sidecar.put(doc_id, done.content_hash, done.anchors, done.vectors)
        stats.index_seconds += time.perf_counter() - t0
        stats.write_seconds += time.perf_counter() - t0
        stats.write_cpu_seconds += time.thread_time() - c0
    elif sidecar is not None:
        arrived.discard(doc_id)  # stored without vectors (cannot happen with a plan): let the end drop it
    return done.result


def _drop_unarrived(store: Store, snapshot: Sequence[DocumentInfo], arrived: set[str], sidecar: _DenseSidecar) -> int:
    """Documents stored since the snapshot (a changed row: hash, time or version) whose vectors did not
    arrive here, because their task died after its commit or another process wrote them meanwhile: dropped
    from the dense index, whose version list would otherwise call old vectors current (same content derived
    again). Dropping one too many only costs embedding it again."""
    before = {d.doc_id: (d.content_hash, d.ingested_at, d.derived_version) for d in snapshot}
    now = store.list_documents()
    stale = [
        d.doc_id
        for d in now
        if d.doc_id not in arrived and before.get(d.doc_id) != (d.content_hash, d.ingested_at, d.derived_version)
    ]
    if stale:
        sidecar.drop(stale)
    return len(stale)


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
