"""Keep a document's vectors in step with the store: what ingestion calls after saving a document.

Replacing a document is remove-then-add on the vector index, costing about the document's size; the
index is saved once per batch (`flush`), not once per document, because a save writes the whole index.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sinoscope.documents.model import Block, BlockKind, Document
from sinoscope.retrieval.embedding import Embedder
from sinoscope.retrieval.vector_index import VectorIndex

MAX_EMBED_CHARS = 2_000
"""MiniLM reads ~256 word pieces; longer text is cut anyway, and cutting here keeps the static embedder's
mean from being swamped by a long table's numbers."""


def embedding_text(block: Block) -> str:
    """What to embed for a block: a table is known by its caption and header, then its rows and notes."""
    if block.kind is BlockKind.TABLE and block.table is not None:
        t = block.table
        parts = [t.caption, *("\t".join(r) for r in t.rows), *t.notes]
        text = "\n".join(p for p in parts if p)
    else:
        text = block.text
    return text[:MAX_EMBED_CHARS]


class DenseIndexer:
    def __init__(self, embedder: Embedder, index: VectorIndex, path: Path) -> None:
        if embedder.dim != index.dim:
            raise ValueError(f"embedder has {embedder.dim} dimensions, the index {index.dim}")
        self.embedder = embedder
        self.index = index
        self.path = path
        self._dirty = False

    def update_document(self, doc: Document) -> int:
        """Replace the document's vectors with fresh ones for its current blocks; returns blocks embedded."""
        return self.update_blocks(doc.doc_id, doc.blocks)

    def update_blocks(self, doc_id: str, blocks: Sequence[Block]) -> int:
        wanted = [b for b in blocks if embedding_text(b).strip()]
        vectors = self.embedder.encode([embedding_text(b) for b in wanted])
        self.index.remove([doc_id])
        self.index.add([b.anchor for b in wanted], vectors)
        self._dirty = True
        return len(wanted)

    def delete_document(self, doc_id: str) -> bool:
        removed = self.index.remove([doc_id]) > 0
        self._dirty = self._dirty or removed
        return removed

    def flush(self) -> None:
        if self._dirty:
            self.index.save(self.path)
            self._dirty = False
