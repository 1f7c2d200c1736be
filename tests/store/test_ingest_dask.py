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

from sinoscope.app.ingest_dask import (
    BATCH_BYTES,
    MAX_BATCH,
    ClusterError,
    EmbedPlan,
    batches,
    dask_client,
    ingest_distributed,
)
from sinoscope.app.ingest_worker import close_worker_stores, ingest_batch_on_worker, ingest_on_worker
from sinoscope.app.pipeline import Progress, Status, ingest_paths
from sinoscope.app.stages import extract as extract_document
from sinoscope.retrieval.embedding import Matrix
from sinoscope.retrieval.service import VERSIONS_FILE
from sinoscope.retrieval.vector_index import index_path_for
from sinoscope.store import SqliteStore, Store
from sinoscope.store.base import Expected

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


def test_files_racing_for_one_id_on_the_cluster_get_distinct_ids(
    store: Store, cluster: Any, tmp_path: Path, store_location: str | Path
) -> None:
    """Four files named alike in four folders, written by two workers at once from one snapshot: four
    documents, each bound to its own file (the store checks the id inside each write)."""
    text = _corpus(tmp_path / "seed", 1)[0].read_text(encoding="utf-8")
    files = []
    for n in range(4):
        path = tmp_path / f"in{n}" / "700_report.txt"
        path.parent.mkdir()
        path.write_text(text.replace("Sprocket", f"Sprocket{n}"), encoding="utf-8")
        files.append(path)
    done = ingest_distributed(store, files, cluster, db_location=store_location)
    assert [r.status for r in done.report.results] == [Status.NEW] * 4
    ids = [r.doc_id for r in done.report.results]
    assert len(set(ids)) == 4 and "700" in ids and done.stats.conflicts >= 1
    for r in done.report.results:
        assert store.get_document(r.doc_id or "").origin == str(Path(r.path).resolve())


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


def test_a_document_stored_without_its_vectors_arriving_leaves_the_dense_index(
    store: Store, cluster: Any, tmp_path: Path, store_location: str | Path
) -> None:
    """The dense index lists a document as current only when its vectors reached the client: one stored
    during the run whose vectors never came (here written beside the run, as by a task that died after its
    commit) is dropped, so a later `sinoscope index` embeds it again."""
    import functools
    import time

    files = _corpus(tmp_path / "in", 2)
    attempts = tmp_path / "attempts"
    plan = EmbedPlan(f"hash-{attempts}", functools.partial(_hash_embedder, str(attempts)), "hash-test", 16)
    ingest_distributed(store, files, cluster, db_location=store_location, embed=plan)
    versions = index_path_for(store_location, "hash-test") / VERSIONS_FILE
    assert set(json.loads(versions.read_text())) == {"700", "701"}
    time.sleep(1.1)  # a stored row's time has one-second steps

    def rewrite_701(event: Progress) -> None:
        if event.index == 0 and event.result is None:
            ingest_paths(store, [files[1]], extract=extract_document, force=True)

    done = ingest_distributed(
        store,
        [files[0]],
        cluster,
        db_location=store_location,
        embed=plan,
        options={"force": True},
        on_progress=rewrite_701,
    )
    assert done.stats.dropped_vectors == 1 and done.embedded_docs == ("700",)
    assert set(json.loads(versions.read_text())) == {"700"}


def test_a_file_failing_inside_a_batch_is_tried_alone_and_its_neighbours_are_stored(
    store: Store, cluster: Any, tmp_path: Path, store_location: str | Path
) -> None:
    import functools

    files = _corpus(tmp_path / "in", 40)
    bad = tmp_path / "in" / "719_bad.txt"  # sorts among the others: it shares a task with its neighbours
    bad.write_text("Bad Report\n\nChapter 1 Body\n\nThis paragraph will EXPLODE the embedder.\n", encoding="utf-8")
    assert max(len(b) for b in batches(sorted([*files, bad]), 2)) > 1  # the run is batched
    attempts = tmp_path / "attempts"
    plan = EmbedPlan(f"hash-{attempts}", functools.partial(_hash_embedder, str(attempts)), "hash-test", 16)
    done = ingest_distributed(store, [tmp_path / "in"], cluster, db_location=store_location, embed=plan)
    by_path = {Path(r.path).name: r for r in done.report.results}
    assert len(by_path) == 41 and by_path["719_bad.txt"].status is Status.ERROR
    assert "failed on the cluster twice" in (by_path["719_bad.txt"].error or "")
    assert attempts.read_text() == "xxx"  # in its batch, then alone and retried once
    assert len(store.list_documents()) == 40 == len(done.embedded_docs)  # all but the bad file
    assert all(r.status is Status.NEW for name, r in by_path.items() if name != "719_bad.txt")


def test_files_are_grouped_into_tasks_in_order_and_few_files_stay_alone(tmp_path: Path) -> None:
    small = _corpus(tmp_path / "small", 200)
    groups = list(batches(small, 2))
    assert [i for g in groups for i, _ in g] == list(range(200))  # every file once, in order
    assert max(len(g) for g in groups) == MAX_BATCH
    assert [len(g) for g in batches(small[:2], 2)] == [1, 1]  # two files on two workers: two tasks
    assert [len(g) for g in batches(small[:40], 2)] == [2] * 20
    big = tmp_path / "big.txt"
    big.write_text("x" * (BATCH_BYTES + 1), encoding="utf-8")
    mixed = [*small[:5], big, *small[5:100]]
    assert [p for g in batches(mixed, 2) for _, p in g if len(g) == 1] == [big]  # a large file goes alone
    unreadable = next(batches([tmp_path / "missing.txt", *small[:40]], 2))
    assert len(unreadable) == 2  # grouped all the same: its worker reports it


def test_a_batch_returns_each_files_result_or_its_failure_in_one_line(
    store: Store, store_location: str | Path, tmp_path: Path, worker_stores: None
) -> None:
    files = _corpus(tmp_path / "in", 2)
    out = ingest_batch_on_worker(
        [str(files[0]), str(tmp_path / "missing.txt"), str(files[1])], [], {}, None, str(store_location)
    )
    first, missing, second = out
    assert not isinstance(first, str) and first.result.status is Status.NEW
    assert not isinstance(missing, str) and missing.result.status is Status.ERROR  # a bad file is a result
    assert not isinstance(second, str) and second.result.doc_id == "701"
    broken = ingest_batch_on_worker([str(files[0])], [], {}, ("x", _no_embedder), str(store_location))
    assert isinstance(broken[0], str) and "\n" not in broken[0] and "no embedder here" in broken[0]


def _no_embedder() -> Any:
    raise RuntimeError("no embedder here")


def test_workers_that_cannot_open_the_store_stop_the_run_in_one_line(
    store: Store, cluster: Any, tmp_path: Path
) -> None:
    files = _corpus(tmp_path / "in", 1)
    with pytest.raises(ClusterError, match=r"^worker .* cannot open the store .*nowhere\.sqlite: StoreError"):
        ingest_distributed(store, files, cluster, db_location=tmp_path / "nowhere.sqlite")
    assert store.list_documents() == []


@pytest.mark.parametrize("count", [16, 48])  # one file per task; batches of three
def test_worker_killed_mid_run_leaves_no_partial_document(
    store: Store, cluster: Any, tmp_path: Path, store_location: str | Path, count: int
) -> None:
    files = _corpus(tmp_path / "in", count)
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
    assert stored == ok and len(ok) >= count - 2  # a task on the dead worker is rescheduled, at worst reported
    with SqliteStore(tmp_path / "one.sqlite") as one:
        ingest_paths(one, files, extract=extract_document)
        for doc_id in stored:
            assert store.blocks(doc_id) == one.blocks(doc_id)  # every stored document is whole
    cluster.wait_for_workers(2, timeout=60)


@pytest.fixture
def worker_stores() -> Iterator[None]:
    """`ingest_on_worker` called in this process keeps its store connections: closed after the test."""
    yield
    close_worker_stores()


def test_a_worker_decides_from_its_snapshot_and_writes_the_document(
    store: Store, store_location: str | Path, tmp_path: Path, worker_stores: None
) -> None:
    path = _corpus(tmp_path / "in", 1)[0]
    loc = str(store_location)
    fresh = ingest_on_worker(str(path), [], {}, None, loc)
    assert fresh.result.status is Status.NEW and fresh.content_hash is not None and fresh.conflicts == 0
    assert store.document_state("700") == fresh.content_hash  # stored by the worker, whole
    with SqliteStore(tmp_path / "one.sqlite") as one:
        ingest_paths(one, [path], extract=extract_document)
        assert store.blocks("700") == one.blocks("700") and store.facts("700") == one.facts("700")
    again = ingest_on_worker(str(path), store.list_documents(), {}, None, loc)
    assert again.result.status is Status.UNCHANGED and again.content_hash is None  # on the snapshot's word


def test_two_files_that_chose_one_id_from_one_snapshot_never_share_it(
    store: Store, store_location: str | Path, tmp_path: Path, worker_stores: None
) -> None:
    """Same file name in two folders: both ask for the id the name spells, from the same (empty) snapshot.
    The second is decided again inside its write and gets another id, with the note one process gives."""
    first = _corpus(tmp_path / "a", 1)[0]
    second = tmp_path / "b" / first.name
    second.parent.mkdir()
    second.write_text(first.read_text(encoding="utf-8").replace("Sprocket", "Gear"), encoding="utf-8")
    loc = str(store_location)
    a = ingest_on_worker(str(first), [], {}, None, loc)
    b = ingest_on_worker(str(second), [], {}, None, loc)
    assert (a.result.doc_id, a.conflicts) == ("700", 0)
    assert b.result.status is Status.NEW and b.result.doc_id not in (None, "700") and b.conflicts == 1
    assert "id 700 belongs to" in (b.result.note or "")
    assert store.get_document("700").origin == str(first.resolve())  # never taken over
    assert store.get_document(b.result.doc_id or "").origin == str(second.resolve())


def test_the_same_content_twice_in_one_run_is_one_document(
    store: Store, store_location: str | Path, tmp_path: Path, worker_stores: None
) -> None:
    first = _corpus(tmp_path / "in", 1)[0]
    copy = tmp_path / "in" / "copy_of_it.txt"
    copy.write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    loc = str(store_location)
    ingest_on_worker(str(first), [], {}, None, loc)
    dup = ingest_on_worker(str(copy), [], {}, None, loc)  # the snapshot knew neither
    assert dup.result.status is Status.UNCHANGED and dup.result.doc_id == "700" and dup.conflicts == 1
    assert "same content as" in (dup.result.note or "")
    assert [d.doc_id for d in store.list_documents()] == ["700"]


def test_a_retried_task_finds_its_own_document_stored(
    store: Store, store_location: str | Path, tmp_path: Path, worker_stores: None
) -> None:
    """A task killed after its commit is retried with the same snapshot: the file is reported as the first
    attempt would have reported it (new, with its vectors), and the document is not written twice."""
    path = _corpus(tmp_path / "in", 1)[0]
    loc = str(store_location)
    ingest_on_worker(str(path), [], {}, None, loc)
    written = store.get_document("700").ingested_at
    retry = ingest_on_worker(str(path), [], {}, None, loc)
    assert retry.result.status is Status.NEW and retry.content_hash is not None and retry.conflicts == 0
    assert store.get_document("700").ingested_at == written


def test_a_save_that_expected_another_state_stores_nothing(store: Store, tmp_path: Path) -> None:
    """The store's half of the check (`Expected`): the id's current hash, and for a new document its content
    stored under no other id."""
    from sinoscope.app.stages import read, structure

    path = _corpus(tmp_path / "in", 1)[0]
    document = structure(read(path), "700")
    assert store.save_document(document, expect=Expected(None))
    assert not store.save_document(document, expect=Expected(None))  # the id is taken now
    assert not store.save_document(document, expect=Expected("another hash"))
    assert store.save_document(document, expect=Expected(document.content_hash))
    other = dataclasses.replace(document, doc_id="701")
    assert not store.save_document(other, expect=Expected(None))  # its content is stored as 700
    assert [d.doc_id for d in store.list_documents()] == ["700"]


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


def test_the_client_adds_vectors_in_groups_and_the_index_holds_each_documents_last_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sinoscope.app import ingest_dask
    from sinoscope.retrieval.faiss_index import FaissIndex

    monkeypatch.setattr(ingest_dask, "ADD_GROUP", 5)
    plan = EmbedPlan("unit", _no_embedder, "unit-vectors", 4)
    db = tmp_path / "s.sqlite"
    sidecar = ingest_dask._DenseSidecar(db, plan)
    eye = np.eye(4, dtype=np.float32)
    sidecar.put("a", "ha", ["a#p1", "a#p2"], eye[:2])
    assert len(sidecar.index) == 0  # gathered, not added yet
    sidecar.put("b", "hb", ["b#p1", "b#p2", "b#p3"], eye[1:4])
    assert len(sidecar.index) == 5  # five rows: one add for both documents
    sidecar.put("c", "hc", ["c#p1"], eye[:1])
    sidecar.put("c", "hc2", ["c#p1", "c#p2"], eye[2:4])  # the same document again: its later vectors win
    sidecar.drop(["b"])
    sidecar.close()
    index = FaissIndex.load(index_path_for(db, "unit-vectors"))
    assert len(index) == 4
    assert index.query(eye[3], 1)[0][0] == "c#p2" and index.query(eye[0], 1)[0][0] == "a#p1"
    versions = json.loads((index_path_for(db, "unit-vectors") / VERSIONS_FILE).read_text())
    assert versions == {"a": "ha", "c": "hc2"}
