"""Vector indexes against brute force: add, replace, remove by document, filtered queries, persistence."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from sinoscope.errors import StoreError
from sinoscope.retrieval.embedding import Matrix, normalize_rows
from sinoscope.retrieval.faiss_index import FaissIndex
from sinoscope.retrieval.flat_index import FlatIndex
from sinoscope.retrieval.vector_index import VectorIndex, doc_of, index_path_for

DIM = 24
Factory = Callable[[], VectorIndex]

FACTORIES: dict[str, Factory] = {
    "flat": lambda: FlatIndex(DIM),
    "faiss-flat": lambda: FaissIndex(DIM),
    # Small threshold and exhaustive probing: IVF code paths (training, lists, removal), exact answers.
    "faiss-ivf": lambda: FaissIndex(DIM, ivf_threshold=300, nprobe=4096),
}
LOADERS = {"flat": FlatIndex.load, "faiss-flat": FaissIndex.load, "faiss-ivf": FaissIndex.load}


@pytest.fixture(params=list(FACTORIES))
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def corpus(n: int, seed: int = 0, docs: int = 5) -> tuple[list[str], Matrix]:
    rng = np.random.default_rng(seed)
    ids = [f"d{i % docs}#p{i}" for i in range(n)]
    return ids, normalize_rows(rng.standard_normal((n, DIM)))


def stored(kind: str, vecs: Matrix) -> Matrix:
    """The vectors as the index holds them: the IVF variant keeps float16."""
    return vecs.astype(np.float16).astype(np.float32) if kind == "faiss-ivf" else vecs


def brute(ids: list[str], vecs: Matrix, q: Matrix, k: int) -> list[str]:
    scores = vecs @ normalize_rows(q)[0]
    return [ids[i] for i in np.argsort(-scores, kind="stable")[:k]]


def live(ids: list[str], vecs: Matrix, gone_docs: set[str]) -> tuple[list[str], Matrix]:
    keep = [i for i, a in enumerate(ids) if doc_of(a) not in gone_docs]
    return [ids[i] for i in keep], vecs[keep]


def test_queries_match_brute_force_after_batched_adds(kind: str) -> None:
    ids, vecs = corpus(900)
    idx = FACTORIES[kind]()
    for s in range(0, 900, 200):
        idx.add(ids[s : s + 200], vecs[s : s + 200])
    assert len(idx) == 900
    rng = np.random.default_rng(7)
    for q in rng.standard_normal((20, DIM)).astype(np.float32):
        got = idx.query(q, 10)
        assert [a for a, _ in got] == brute(ids, stored(kind, vecs), q, 10)
        assert all(-1.0001 <= s <= 1.0001 for _, s in got)
        assert [s for _, s in got] == sorted((s for _, s in got), reverse=True)


def test_ivf_variant_really_trains() -> None:
    ids, vecs = corpus(400)
    idx = FaissIndex(DIM, ivf_threshold=300)
    idx.add(ids[:299], vecs[:299])
    assert not idx.is_ivf
    idx.add(ids[299:], vecs[299:])
    assert idx.is_ivf


def test_ivf_retrains_as_it_grows_without_losing_vectors() -> None:
    ids, vecs = corpus(1300)
    idx = FaissIndex(DIM, ivf_threshold=300, nprobe=4096)
    idx.add(ids[:300], vecs[:300])
    first = idx._trained_on
    for s in range(300, 1300, 100):
        idx.add(ids[s : s + 100], vecs[s : s + 100])
    assert first == 300 and idx._trained_on == 1200
    assert len(idx) == 1300
    for q in vecs[::130]:
        assert [a for a, _ in idx.query(q, 5)] == brute(ids, stored("faiss-ivf", vecs), q, 5)


def test_remove_documents(kind: str) -> None:
    ids, vecs = corpus(600)
    idx = FACTORIES[kind]()
    idx.add(ids, vecs)
    assert idx.remove(["d1", "d3", "nope"]) == 240
    assert len(idx) == 360
    left_ids, left_vecs = live(ids, vecs, {"d1", "d3"})
    for q in vecs[:10]:
        got = [a for a, _ in idx.query(q, 8)]
        assert got == brute(left_ids, stored(kind, left_vecs), q, 8)
        assert not any(doc_of(a) in {"d1", "d3"} for a in got)
    assert idx.remove(["d1"]) == 0


def test_re_adding_an_anchor_replaces_its_vector(kind: str) -> None:
    ids, vecs = corpus(500)
    idx = FACTORIES[kind]()
    idx.add(ids, vecs)
    target = vecs[0]
    idx.add([ids[1]], target[None, :])  # ids[1] now points where ids[0] points
    assert len(idx) == 500
    top2 = {a for a, _ in idx.query(target, 2)}
    assert top2 == {ids[0], ids[1]}
    # Re-ingesting a document: remove it, add its new blocks; nothing from the old version survives.
    idx.remove(["d0"])
    idx.add(["d0#new"], vecs[5][None, :])
    assert idx.query(vecs[5], 1)[0][0] in {"d0#new", ids[5]}
    assert all(not a.startswith("d0#p") for a, _ in idx.query(vecs[0], 50))


def test_query_filtered_to_one_document(kind: str) -> None:
    ids, vecs = corpus(700)
    idx = FACTORIES[kind]()
    idx.add(ids, vecs)
    d2_ids, d2_vecs = live(ids, vecs, {"d0", "d1", "d3", "d4"})
    q = vecs[3]
    got = idx.query(q, 5, doc_id="d2")
    assert [a for a, _ in got] == brute(d2_ids, stored(kind, d2_vecs), q, 5)
    assert idx.query(q, 5, doc_id="missing") == []


def test_edge_cases(kind: str) -> None:
    idx = FACTORIES[kind]()
    assert idx.query(np.ones(DIM, np.float32), 5) == []
    idx.add([], np.zeros((0, DIM), np.float32))
    ids, vecs = corpus(3)
    idx.add(ids, vecs)
    assert len(idx.query(vecs[0], 50)) == 3
    assert idx.query(vecs[0], 0) == []
    with pytest.raises(ValueError, match="dimensions"):
        idx.add(["x#1"], np.ones((1, DIM + 1), np.float32))
    with pytest.raises(ValueError, match="duplicate"):
        idx.add(["x#1", "x#1"], np.ones((2, DIM), np.float32))
    with pytest.raises(ValueError):
        idx.add(["x#1", "x#2"], np.ones((1, DIM), np.float32))


def test_persistence_round_trip(kind: str, tmp_path: Path) -> None:
    ids, vecs = corpus(800)
    idx = FACTORIES[kind]()
    idx.add(ids, vecs)
    idx.remove(["d4"])
    path = index_path_for(tmp_path / "store.sqlite", "test-emb")
    assert path.parent == tmp_path
    idx.save(path)
    loaded = LOADERS[kind](path)
    assert len(loaded) == len(idx) == 640
    for q in vecs[:15]:
        assert loaded.query(q, 7) == idx.query(q, 7)
    # The loaded index keeps working incrementally, and never reuses a label.
    loaded.add(["d9#x"], vecs[0][None, :])
    assert {a for a, _ in loaded.query(vecs[0], 2)} == {"d9#x", ids[0]}
    loaded.save(path)
    again = LOADERS[kind](path)
    assert len(again) == 641
    assert sorted(p.name for p in path.iterdir() if not p.name.startswith(".")) == sorted(
        ["meta.json", *(f"{stem}-2{suffix}" for stem, suffix in _files(kind))]
    )


def _files(kind: str) -> list[tuple[str, str]]:
    if kind == "flat":
        return [("vectors", ".npy"), ("labels", ".npy"), ("anchors", ".txt")]
    return [("index", ".faiss"), ("labels", ".npy"), ("anchors", ".txt")]


def test_interrupted_save_keeps_the_previous_snapshot(kind: str, tmp_path: Path) -> None:
    ids, vecs = corpus(400)
    idx = FACTORIES[kind]()
    idx.add(ids[:200], vecs[:200])
    idx.save(tmp_path / "v")
    # A save that died after writing new files but before flipping meta.json: leftovers of generation 2.
    for stem, suffix in _files(kind):
        (tmp_path / "v" / f"{stem}-2{suffix}").write_bytes(b"half written")
    loaded = LOADERS[kind](tmp_path / "v")
    assert len(loaded) == 200
    loaded.add(ids[200:], vecs[200:])
    loaded.save(tmp_path / "v")  # overwrites the garbage generation cleanly
    assert len(LOADERS[kind](tmp_path / "v")) == 400


def test_damaged_or_missing_index_is_a_store_error(kind: str, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no vector index"):
        LOADERS[kind](tmp_path / "nothing")
    ids, vecs = corpus(50)
    idx = FACTORIES[kind]()
    idx.add(ids, vecs)
    idx.save(tmp_path / "v")
    meta = json.loads((tmp_path / "v" / "meta.json").read_text())
    (tmp_path / "v" / f"anchors-{meta['generation']}.txt").write_text("only\none", encoding="utf-8")
    with pytest.raises(StoreError, match="damaged"):
        LOADERS[kind](tmp_path / "v")
    (tmp_path / "v" / "meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(StoreError, match="unreadable"):
        LOADERS[kind](tmp_path / "v")


def test_loading_the_wrong_kind_is_refused(tmp_path: Path) -> None:
    ids, vecs = corpus(20)
    flat = FlatIndex(DIM)
    flat.add(ids, vecs)
    flat.save(tmp_path / "v")
    with pytest.raises(StoreError, match="not a faiss"):
        FaissIndex.load(tmp_path / "v")
