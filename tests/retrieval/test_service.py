"""Keeping the dense index in step with the store, with a tiny deterministic embedder."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from sinoscope.app.pipeline import ingest_paths
from sinoscope.errors import StoreError
from sinoscope.retrieval.embedding import Matrix, normalize_rows
from sinoscope.retrieval.search import Mode
from sinoscope.retrieval.service import open_retriever, sync_dense_index
from sinoscope.store import open_store


class WordHashEmbedder:
    """Bag of hashed words: texts sharing words get close vectors, with no model at all."""

    name = "word-hash"
    dim = 64

    def encode(self, texts: list[str] | tuple[str, ...]) -> Matrix:  # type: ignore[override]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                out[i, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        return normalize_rows(out + 1e-6)


def _write(tmp: Path, name: str, body: str) -> Path:
    path = tmp / name
    path.write_text(body, encoding="utf-8")
    return path


def test_sync_embeds_only_new_or_changed_documents_and_drops_deleted(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    a = _write(tmp_path, "001_a.txt", "1 Water\n\nReservoirs store water for farms.\n")
    b = _write(tmp_path, "002_b.txt", "1 Power\n\nTurbines turn water into power.\n")
    emb = WordHashEmbedder()
    with open_store(db, create=True) as store:
        ingest_paths(store, [a, b])
        # Ids come from the file names; which readable form they take is the identity layer's business.
        ids = {d.file_name: d.doc_id for d in store.list_documents()}
        id_a, id_b = ids["001_a.txt"], ids["002_b.txt"]
        first = sync_dense_index(store, db, embedder=emb)
        assert first.embedded_docs == tuple(sorted((id_a, id_b)))
        again = sync_dense_index(store, db, embedder=emb)
        assert again.embedded_docs == () and again.removed_docs == ()
        _write(tmp_path, "002_b.txt", "1 Power\n\nSolar panels and turbines make power.\n")
        ingest_paths(store, [b])
        store.delete_document(id_a)
        third = sync_dense_index(store, db, embedder=emb)
        assert third.embedded_docs == (id_b,) and third.removed_docs == (id_a,)
        retriever = open_retriever(store, db, Mode.DENSE, embedder=emb, bridge=False)
        hits = retriever.search("solar panels", Mode.DENSE, 5)
        retriever.close()
        assert hits and all(h.anchor.startswith(id_b + "#") for h in hits)


def test_dense_mode_without_an_index_is_a_clear_error_and_hybrid_falls_back(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    with open_store(db, create=True) as store:
        with pytest.raises(StoreError, match="sinoscope index"):
            open_retriever(store, db, Mode.DENSE, embedder=WordHashEmbedder())
        assert not open_retriever(store, db, Mode.HYBRID, embedder=WordHashEmbedder()).has_dense


def test_cli_dense_search_without_index_says_how_to_build_it(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from sinoscope.interfaces.cli import app

    doc = _write(tmp_path, "001_a.txt", "1 Water\n\nReservoirs store water for farms.\n")
    db = str(tmp_path / "s.sqlite")
    runner = CliRunner()
    assert runner.invoke(app, ["--db", db, "ingest", "--no-embed", str(doc)]).exit_code == 0
    result = runner.invoke(app, ["--db", db, "search", "--mode", "dense", "water"])
    assert result.exit_code == 2
    assert "sinoscope index" in result.stderr
    result = runner.invoke(app, ["--db", db, "search", "--mode", "bm25", "reservoirs", "--json"])
    assert result.exit_code == 0 and "#1¶1" in result.stdout and "reservoirs" in result.stdout.lower()


class CountingEmbedder(WordHashEmbedder):
    """Counts the texts it embeds and is slow enough for two writers to overlap."""

    def __init__(self) -> None:
        self.texts = 0

    def encode(self, texts: list[str] | tuple[str, ...]) -> Matrix:  # type: ignore[override]
        import time

        self.texts += len(texts)
        time.sleep(0.2)
        return super().encode(texts)


def test_concurrent_syncs_embed_each_document_once_and_keep_every_vector(tmp_path: Path) -> None:
    import threading

    db = tmp_path / "s.sqlite"
    paths = [
        _write(tmp_path, f"doc_{i}.txt", f"1 Topic {i}\n\nParagraph {i} on widgets and gadgets.\n") for i in range(4)
    ]
    emb = CountingEmbedder()
    with open_store(db, create=True) as store:
        ingest_paths(store, paths)
        blocks = sum(len(store.blocks(d.doc_id)) for d in store.list_documents())

    def sync() -> None:
        with open_store(db) as own:
            sync_dense_index(own, db, embedder=emb)

    writers = [threading.Thread(target=sync) for _ in range(2)]
    for w in writers:
        w.start()
    for w in writers:
        w.join(timeout=60)
    assert emb.texts == blocks, "the second writer waited and found everything embedded"
    with open_store(db) as store:
        assert sync_dense_index(store, db, embedder=emb).vectors == blocks
