"""Ingestion on a Dask cluster: the same stored result as one process, on SQLite and PostgreSQL; bad files
and failed tasks reported per file; a worker killed mid-run (kill -9) leaves no partial document."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from sinoscope.app.ingest_dask import EmbedPlan, dask_client, ingest_distributed
from sinoscope.app.ingest_worker import prepare_on_worker
from sinoscope.app.pipeline import Progress, Status, ingest_paths
from sinoscope.app.stages import extract as extract_document
from sinoscope.retrieval.embedding import Matrix
from sinoscope.retrieval.service import VERSIONS_FILE
from sinoscope.retrieval.vector_index import index_path_for
from sinoscope.store import SqliteStore, Store

REPORT = """Invented Report {n} on Sprocket Policy

Chapter 1 Sprocket Targets

1.1 Goals

The invented Sprocket Plan {n} asked that sprocket output reach {pct}% of demand by {year}.

In {prev} the sprocket self-sufficiency rate was {low}%, below the path the plan had set.

Chapter 2 Funds

The invented Sprocket Fund {n} raised RMB {money} billion in {prev}.
"""


def _corpus(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for n in range(count):
        path = folder / f"{700 + n}_invented_{n}.txt"
        path.write_text(
            REPORT.format(n=n, pct=30 + n, year=2025 + n % 5, prev=2018 + n % 4, low=10 + n, money=50 + 3 * n),
            encoding="utf-8",
        )
        out.append(path)
    return out


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with dask_client(2, None) as client:
        yield client


def _snapshot(store: Store) -> list[Any]:
    docs = [dataclasses.replace(d, ingested_at="") for d in store.list_documents()]
    return [(d, store.blocks(d.doc_id), store.facts(d.doc_id)) for d in docs]


def test_cluster_result_equals_one_process(
    store: Store, cluster: Any, tmp_path: Path, store_location: str | Path
) -> None:
    files = _corpus(tmp_path / "in", 6)
    events: list[Progress] = []
    done = ingest_distributed(store, [tmp_path / "in"], cluster, db_location=store_location, on_progress=events.append)
    assert [r.status for r in done.report.results] == [Status.NEW] * 6
    assert sum(1 for e in events if e.result is not None) == 6 == sum(1 for e in events if e.result is None)
    assert done.stats.workers == 2 and all(v > 0 for v in done.stats.peak_rss_bytes.values())
    with SqliteStore(tmp_path / "one.sqlite") as one:
        ingest_paths(one, files, extract=extract_document)
        assert _snapshot(store) == _snapshot(one)
    again = ingest_distributed(store, files, cluster, db_location=store_location)
    assert [r.status for r in again.report.results] == [Status.UNCHANGED] * 6


def test_bad_files_are_reported_and_the_rest_stored(
    store: Store, cluster: Any, tmp_path: Path, store_location: str | Path
) -> None:
    good = _corpus(tmp_path / "in", 2)
    empty = tmp_path / "in" / "799_empty.txt"
    empty.write_text("", encoding="utf-8")
    done = ingest_distributed(store, [*good, empty, tmp_path / "missing.txt"], cluster, db_location=store_location)
    statuses = [r.status for r in done.report.results]
    assert statuses == [Status.NEW, Status.NEW, Status.ERROR, Status.ERROR]
    assert all(r.error and "\n" not in r.error for r in done.report.errors)
    assert [d.doc_id for d in store.list_documents()] == ["700", "701"]


class _Hashing:
    """A tiny deterministic embedder (word hashing) that fails on demand and counts its attempts."""

    name = "hash-test"
    dim = 16

    def __init__(self, attempts: str) -> None:
        self.attempts = Path(attempts)

    def encode(self, texts: list[str] | tuple[str, ...]) -> Matrix:
        if any("EXPLODE" in t for t in texts):
            with self.attempts.open("a") as f:
                f.write("x")
            raise RuntimeError("embedder crashed")
        out = np.full((len(texts), self.dim), 1e-3, dtype=np.float32)
        for i, t in enumerate(texts):
            for w in t.lower().split():
                out[i, sum(map(ord, w)) % self.dim] += 1.0
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def _hash_embedder(attempts: str) -> _Hashing:
    return _Hashing(attempts)


def test_failed_task_is_retried_once_then_reported_and_nothing_written(
    store: Store, cluster: Any, tmp_path: Path, store_location: str | Path
) -> None:
    import functools

    files = _corpus(tmp_path / "in", 2)
    bad = tmp_path / "in" / "798_bad.txt"
    bad.write_text("Bad Report\n\nChapter 1 Body\n\nThis paragraph will EXPLODE the embedder.\n", encoding="utf-8")
    attempts = tmp_path / "attempts"
    plan = EmbedPlan(f"hash-{attempts}", functools.partial(_hash_embedder, str(attempts)), "hash-test", 16)
    done = ingest_distributed(store, [*files, bad], cluster, db_location=store_location, embed=plan)
    by_path = {Path(r.path).name: r for r in done.report.results}
    assert by_path["798_bad.txt"].status is Status.ERROR and "failed on the cluster twice" in (
        by_path["798_bad.txt"].error or ""
    )
    assert attempts.read_text() == "xx"  # tried, then retried once
    assert store.document_state("798") is None
    assert sorted(done.embedded_docs) == ["700", "701"]
    index_dir = index_path_for(store_location, "hash-test")
    assert (index_dir / VERSIONS_FILE).is_file()


def test_worker_killed_mid_run_leaves_no_partial_document(
    store: Store, cluster: Any, tmp_path: Path, store_location: str | Path
) -> None:
    files = _corpus(tmp_path / "in", 16)
    pids: dict[str, int] = cluster.run(os.getpid)
    killed: list[int] = []

    def kill_once(event: Progress) -> None:
        if event.result is not None and not killed:
            pid = next(iter(pids.values()))
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    done = ingest_distributed(store, files, cluster, db_location=store_location, on_progress=kill_once)
    assert killed
    stored = {d.doc_id for d in store.list_documents()}
    ok = {r.doc_id for r in done.report.results if r.status is Status.NEW}
    assert stored == ok and len(ok) >= 14  # a task on the dead worker is rescheduled, at worst reported
    with SqliteStore(tmp_path / "one.sqlite") as one:
        ingest_paths(one, files, extract=extract_document)
        for doc_id in stored:
            assert store.blocks(doc_id) == one.blocks(doc_id)  # every stored document is whole
    cluster.wait_for_workers(2, timeout=60)


def test_a_worker_answers_from_its_snapshot_and_writes_nothing(tmp_path: Path) -> None:
    path = _corpus(tmp_path / "in", 1)[0]
    with SqliteStore(tmp_path / "one.sqlite") as one:
        ingest_paths(one, [path], extract=extract_document)
        known = one.list_documents()
    fresh = prepare_on_worker(str(path), [], {}, None)
    assert fresh.result.status is Status.NEW and fresh.doc is not None and fresh.extras is not None
    again = prepare_on_worker(str(path), known, {}, None)
    assert again.result.status is Status.UNCHANGED and again.doc is None  # skipped on the snapshot's word


def test_cli_ingest_with_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from sinoscope.interfaces.cli import app

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    _corpus(tmp_path / "in", 3)
    db = tmp_path / "cli.sqlite"
    runner = CliRunner()
    result = runner.invoke(
        app, ["--db", str(db), "ingest", "--no-embed", "--workers", "2", str(tmp_path / "in")], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    assert "local cluster of 2 worker(s)" in result.stderr and "peak memory" in result.stderr
    docs = runner.invoke(app, ["--db", str(db), "docs", "--json"], catch_exceptions=False)
    assert [d["doc_id"] for d in json.loads(docs.stdout)] == ["700", "701", "702"]
    bad = runner.invoke(app, ["--db", str(db), "ingest", "--scheduler", "tcp://127.0.0.1:1", str(tmp_path / "in")])
    assert bad.exit_code == 2 and bad.stderr.strip().splitlines()[-1].startswith("error: tcp://127.0.0.1:1: cannot")
