"""Search modes and the dense index for the CLI: hits with snippets whatever leg found them.

Dense hits have no matched words to highlight, so a passage found by both legs keeps BM25's snippet and
highlights, and one found only by meaning shows the start of its text.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from sinoscope.errors import NotFoundError
from sinoscope.interfaces.cli_progress import progress_bar
from sinoscope.retrieval.search import CANDIDATES, Hit, Mode
from sinoscope.retrieval.service import SyncReport, open_retriever, sync_dense_index
from sinoscope.store.base import SearchHit, Store

SNIPPET_CHARS = 220


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
    lexical = {h.anchor: h for h in store.search(query, max(limit, CANDIDATES), doc_id=doc_id)}
    out: list[SearchHit] = []
    for hit in hits:
        found = lexical.get(hit.anchor)
        if found is not None:
            out.append(_relabel(found, hit, mode))
            continue
        try:
            block = store.get_block(hit.anchor)
        except NotFoundError:
            continue  # the index is older than the store; `sinoscope index` brings it up to date
        text = " ".join(block.text.split())
        snippet = text if len(text) <= SNIPPET_CHARS else text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + "…"
        out.append(
            SearchHit(
                anchor=block.anchor,
                doc_id=hit.anchor.partition("#")[0],
                kind=block.kind.value,
                line=block.line,
                snippet=snippet,
                highlights=(),
                score=hit.score,
                match=_how(hit),
                chapter=block.chapter,
                section=block.section,
            )
        )
    return out


def _how(hit: Hit) -> str:
    if hit.bm25_rank is not None and hit.dense_rank is not None:
        return "words+meaning"
    return "meaning" if hit.dense_rank is not None else "words"


def _relabel(found: SearchHit, hit: Hit, mode: Mode) -> SearchHit:
    both = mode is Mode.HYBRID and hit.dense_rank is not None
    match = "meaning" if mode is Mode.DENSE else found.match + (" + meaning" if both else "")
    return SearchHit(
        anchor=found.anchor,
        doc_id=found.doc_id,
        kind=found.kind,
        line=found.line,
        snippet=found.snippet,
        highlights=found.highlights,
        score=hit.score,
        match=match,
        chapter=found.chapter,
        section=found.section,
    )


def build_dense_index(store: Store, db: Path, console: Console, *, rebuild: bool = False) -> SyncReport:
    with progress_bar(console) as bar:
        task = bar.add_task("embedding", total=None)

        def on_document(doc_id: str, i: int, n: int) -> None:
            bar.update(task, total=n, completed=i, description=f"embedding {doc_id}")

        return sync_dense_index(store, db, rebuild=rebuild, on_document=on_document)
