"""Embedders for retrieval tests that must see the lexical legs of hybrid search alone."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np

from sinoscope.app.pipeline import ingest_paths
from sinoscope.retrieval.bilingual import BilingualLexicon, Expansion, expand
from sinoscope.retrieval.embedding import Matrix
from sinoscope.retrieval.flat_index import FlatIndex
from sinoscope.retrieval.lexicon import Lexicon
from sinoscope.retrieval.search import Mode, Retriever
from sinoscope.store import SqliteStore


class FlatEmbedder:
    """No semantic signal (every text the same vector): the tests see the lexical legs alone."""

    name = "flat"
    dim = 4

    def encode(self, texts: Sequence[str]) -> Matrix:
        return np.tile(np.array([[1, 0, 0, 0]], dtype=np.float32), (len(texts), 1))


class KeywordEmbedder:
    """One dimension per keyword plus a small constant: a static encoder whose test decides what each
    language's dense ranking puts first (e.g. two languages poorly aligned)."""

    name = "keyword"

    def __init__(self, keys: Sequence[str]) -> None:
        self.keys = tuple(keys)
        self.dim = len(self.keys) + 1

    def encode(self, texts: Sequence[str]) -> Matrix:
        rows = [[*(1.0 if k in t.lower() else 0.0 for k in self.keys), 0.01] for t in texts]
        m = np.array(rows, dtype=np.float32)
        out: Matrix = m / np.linalg.norm(m, axis=1, keepdims=True)
        return out


def keyword_retriever(store: SqliteStore, keys: Sequence[str], bridge: Callable[[str], Expansion]) -> Retriever:
    """A hybrid retriever over every block of `store`, embedded by `KeywordEmbedder(keys)`."""
    emb = KeywordEmbedder(keys)
    index = FlatIndex(emb.dim)
    blocks = [b for d in store.list_documents() for b in store.blocks(d.doc_id)]
    index.add([b.anchor for b in blocks], emb.encode([b.text for b in blocks]))
    return Retriever(store, emb, index, bridge=bridge)


def dictionary_top(
    folder: Path, files: Mapping[str, str], dictionary: Lexicon, keys: Sequence[str], query: str, limit: int = 3
) -> list[str]:
    """The texts of the first `limit` hybrid hits for `query` over `files` (name → text, written to `folder`),
    bridged by `dictionary` alone and embedded by `KeywordEmbedder(keys)`."""
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    with SqliteStore(folder / "x.sqlite") as store:
        assert not ingest_paths(store, [folder / name for name in files]).errors
        retriever = keyword_retriever(store, keys, lambda q: expand(q, BilingualLexicon(), dictionary))
        try:
            return [store.get_block(h.anchor).text for h in retriever.search(query, Mode.HYBRID, limit)]
        finally:
            retriever.close()
