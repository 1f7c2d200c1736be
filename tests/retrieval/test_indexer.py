"""Keeping the vector index in step with documents: replace on re-ingest, delete, save once per batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.documents.model import Block, BlockKind, Document, Span, Table
from sinoscope.retrieval.flat_index import FlatIndex
from sinoscope.retrieval.indexer import MAX_EMBED_CHARS, DenseIndexer, embedding_text

from .test_embedders import tiny_static


def block(doc: str, n: int, text: str, kind: BlockKind = BlockKind.PARAGRAPH, table: Table | None = None) -> Block:
    return Block(kind, f"{doc}#1¶{n}", (Span(0, len(text)),), text, n, "1", None, n, table=table)


def document(doc: str, texts: list[str]) -> Document:
    blocks = tuple(block(doc, i + 1, t) for i, t in enumerate(texts))
    return Document(doc, "A made-up report", "\n".join(texts), (), blocks)


def test_table_blocks_are_embedded_with_caption_rows_and_notes() -> None:
    table = Table("2-1", "Widget output by year", None, "above", (("", "2020"), ("Gears", "7")), (), ("(units)",))
    b = block("d", 1, "\t2020\nGears\t7", BlockKind.TABLE, table)
    assert embedding_text(b) == "Widget output by year\n\t2020\nGears\t7\n(units)"
    long = block("d", 2, "wafer " * 1000)
    assert len(embedding_text(long)) == MAX_EMBED_CHARS


def test_update_replaces_a_documents_vectors(tmp_path: Path) -> None:
    emb = tiny_static()
    indexer = DenseIndexer(emb, FlatIndex(emb.dim), tmp_path / "db.sqlite.vectors.tiny")
    assert indexer.update_document(document("a", ["wafer fab", "subsidy fund", "   "])) == 2
    assert indexer.update_document(document("b", ["robot", "fund"])) == 2
    assert len(indexer.index) == 4
    # Re-ingest "a" with different text: its old vectors are gone, "b" is untouched.
    indexer.update_document(document("a", ["robot robot"]))
    assert len(indexer.index) == 3
    top = indexer.index.query(emb.encode(["robot"]), 3)
    assert {a for a, s in top if s > 0.99} == {"a#1¶1", "b#1¶1"}
    assert indexer.delete_document("b") and not indexer.delete_document("b")
    indexer.flush()
    loaded = FlatIndex.load(tmp_path / "db.sqlite.vectors.tiny")
    assert [a for a, _ in loaded.query(emb.encode(["robot"]), 5)] == ["a#1¶1"]


def test_flush_writes_only_when_something_changed(tmp_path: Path) -> None:
    emb = tiny_static()
    path = tmp_path / "v"
    indexer = DenseIndexer(emb, FlatIndex(emb.dim), path)
    indexer.flush()
    assert not path.exists()
    indexer.update_document(document("a", ["wafer"]))
    indexer.flush()
    stamp = (path / "meta.json").stat().st_mtime_ns
    indexer.flush()
    assert (path / "meta.json").stat().st_mtime_ns == stamp


def test_dimension_mismatch_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="dimensions"):
        DenseIndexer(tiny_static(), FlatIndex(8), tmp_path / "v")
