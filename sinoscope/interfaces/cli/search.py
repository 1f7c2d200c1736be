"""Search modes and the dense index for the CLI: the retriever for the chosen mode, hits as passages.

Opening the embedder costs seconds, so BM25 mode (and hybrid before any `sinoscope index`) never loads it.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from sinoscope.interfaces.cli.progress import progress_bar
from sinoscope.retrieval.passages import as_passages
from sinoscope.retrieval.search import Mode
from sinoscope.retrieval.service import SyncReport, open_retriever, sync_dense_index
from sinoscope.store.base import SearchHit, Store


def search_hits(store: Store, db: Path, query: str, mode: Mode, limit: int, doc_id: str | None) -> list[SearchHit]:
    if mode is Mode.BM25:
        return store.search(query, limit, doc_id=doc_id)
    retriever = open_retriever(store, db, mode)
    if not retriever.has_dense:  # hybrid before any `sinoscope index`: words alone
        return store.search(query, limit, doc_id=doc_id)
    try:
        hits = retriever.search(query, mode, limit, doc_id=doc_id)
    finally:
        retriever.close()
    return as_passages(store, hits, query, mode, limit, doc_id)


def build_dense_index(store: Store, db: Path, console: Console, *, rebuild: bool = False) -> SyncReport:
    with progress_bar(console) as bar:
        task = bar.add_task("embedding", total=None)

        def on_document(doc_id: str, i: int, n: int) -> None:
            bar.update(task, total=n, completed=i, description=f"embedding {doc_id}")

        return sync_dense_index(store, db, rebuild=rebuild, on_document=on_document)
