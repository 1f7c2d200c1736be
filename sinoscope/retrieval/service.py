"""The dense index of a database: where it lives, keeping it in step with the store, opening a retriever.

The index records which version (content hash) of each document its vectors came from, so bringing it
up to date after an ingest re-embeds only new or changed documents and drops deleted ones: the cost of
an update is the size of the change, not of the corpus.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

from sinoscope.errors import StoreError
from sinoscope.retrieval.bilingual import translate
from sinoscope.retrieval.embedding import Embedder
from sinoscope.retrieval.faiss_index import FaissIndex
from sinoscope.retrieval.indexer import DenseIndexer
from sinoscope.retrieval.search import Mode, Retriever
from sinoscope.retrieval.use_multilingual import load_use_static
from sinoscope.retrieval.vector_index import index_path_for
from sinoscope.store.base import Store

VERSIONS_FILE = "documents.json"
"""doc_id → content hash of the version whose blocks are in the index."""


@dataclass(frozen=True)
class SyncReport:
    embedded_docs: tuple[str, ...]
    removed_docs: tuple[str, ...]
    blocks: int
    vectors: int
    path: Path


def default_embedder() -> Embedder:
    """The static USE-multilingual embedder: Chinese and English in one space, thousands of blocks per
    second (bench/score_search.py, bench/ingest.py). `MiniLMEmbedder` ranks English passages better but
    knows no Chinese and embeds ~36 blocks/s; pass it explicitly where that trade suits."""
    return load_use_static()


def dense_index_path(db_path: str | Path, embedder: Embedder) -> Path:
    return index_path_for(db_path, embedder.name)


def _versions(path: Path) -> dict[str, str]:
    file = path / VERSIONS_FILE
    if not file.is_file():
        return {}
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise StoreError(f"{file}: unreadable index version list ({err})") from err
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _write_versions(path: Path, versions: dict[str, str]) -> None:
    tmp = path / (VERSIONS_FILE + ".tmp")
    tmp.write_text(json.dumps(versions, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path / VERSIONS_FILE)


def _load_index(path: Path, dim: int) -> FaissIndex:
    if (path / "meta.json").is_file():
        return FaissIndex.load(path)
    return FaissIndex(dim)


def sync_dense_index(
    store: Store,
    db_path: str | Path,
    *,
    embedder: Embedder | None = None,
    rebuild: bool = False,
    on_document: Callable[[str, int, int], None] | None = None,
) -> SyncReport:
    """Embed the stored documents whose current version is not in the index; forget deleted ones.

    `on_document(doc_id, i, n)` is called before each document is embedded (for a progress bar).
    """
    embedder = embedder or default_embedder()
    path = dense_index_path(db_path, embedder)
    path.mkdir(parents=True, exist_ok=True)
    # One writer at a time: a second ingest waits, then finds the documents already embedded, instead of
    # embedding everything again and overwriting the first one's save with its own.
    with FileLock(path / ".lock"):
        return _sync_locked(store, path, embedder, rebuild, on_document)


def _sync_locked(
    store: Store,
    path: Path,
    embedder: Embedder,
    rebuild: bool,
    on_document: Callable[[str, int, int], None] | None,
) -> SyncReport:
    versions = {} if rebuild else _versions(path)
    index = FaissIndex(embedder.dim) if rebuild else _load_index(path, embedder.dim)
    indexer = DenseIndexer(embedder, index, path)
    stored = {d.doc_id: d.content_hash for d in store.list_documents()}
    stale = [doc_id for doc_id, digest in sorted(stored.items()) if versions.get(doc_id) != digest]
    gone = sorted(set(versions) - set(stored))
    blocks = 0
    for doc_id in gone:
        indexer.delete_document(doc_id)
        versions.pop(doc_id, None)
    for i, doc_id in enumerate(stale):
        if on_document is not None:
            on_document(doc_id, i, len(stale))
        blocks += indexer.update_blocks(doc_id, store.blocks(doc_id))
        versions[doc_id] = stored[doc_id]
    if rebuild or stale or gone:
        indexer.index.save(path)
        _write_versions(path, versions)
    return SyncReport(tuple(stale), tuple(gone), blocks, len(index), path)


def open_retriever(
    store: Store, db_path: str | Path, mode: Mode, *, embedder: Embedder | None = None, bridge: bool = True
) -> Retriever:
    """A retriever for `mode`; BM25 only when the mode needs no vectors or the index was never built.

    With `bridge`, dense and hybrid queries are also looked up in the other language (CC-CEDICT).
    """
    if mode is Mode.BM25:
        return Retriever(store)
    embedder = embedder or default_embedder()
    path = dense_index_path(db_path, embedder)
    if not (path / VERSIONS_FILE).is_file():
        if mode is Mode.DENSE:
            raise StoreError(f"no dense index for {db_path} yet (run `sinoscope index`)")
        return Retriever(store)
    return Retriever(store, embedder, FaissIndex.load(path), bridge=translate if bridge else None)


def forget_documents(db_path: str | Path, doc_ids: list[str]) -> int:
    """Drop the vectors of `doc_ids` from every dense index beside the database (one per embedding
    space), without embedding anything; returns how many vectors went. For `sinoscope remove`."""
    one = index_path_for(db_path, "-")  # any space's folder, to find where they all live
    removed = 0
    for path in sorted(one.parent.glob(glob.escape(one.name[:-1]) + "*")):
        if not (path / "meta.json").is_file():
            continue
        index = FaissIndex.load(path)
        gone = index.remove(doc_ids)
        versions = _versions(path)
        if gone or any(d in versions for d in doc_ids):
            index.save(path)
            _write_versions(path, {k: v for k, v in versions.items() if k not in doc_ids})
        removed += gone
    return removed
