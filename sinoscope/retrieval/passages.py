"""Retrieval hits as passages: every hit, whichever leg found it, becomes a `SearchHit` with a snippet.

Dense hits have no matched words to highlight, so a passage found by both legs keeps BM25's snippet and
highlights, and one found only by meaning shows the start of its text. The CLI and the web app render
this one shape.
"""

from __future__ import annotations

from collections.abc import Sequence

from sinoscope.errors import NotFoundError
from sinoscope.retrieval.search import CANDIDATES, Hit, Mode
from sinoscope.store.base import SearchHit, Store

SNIPPET_CHARS = 240


def as_passages(
    store: Store, hits: Sequence[Hit], query: str, mode: Mode, limit: int, doc_id: str | None = None
) -> list[SearchHit]:
    lexical = {h.anchor: h for h in store.search(query, max(limit, CANDIDATES), doc_id=doc_id)}
    out: list[SearchHit] = []
    for hit in hits:
        found = lexical.get(hit.anchor)
        if found is not None:
            out.append(_relabel(found, hit, mode))
            continue
        try:
            out.append(_from_block(store, hit))
        except NotFoundError:
            continue  # the index is older than the store; `sinoscope index` brings it up to date
    return out


def _how(hit: Hit) -> str:
    if hit.bm25_rank is not None and hit.dense_rank is not None:
        return "words+meaning"
    return "meaning" if hit.dense_rank is not None else "words"


def _from_block(store: Store, hit: Hit) -> SearchHit:
    block = store.get_block(hit.anchor)
    text = " ".join(block.text.split())
    snippet = text if len(text) <= SNIPPET_CHARS else text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + "…"
    return SearchHit(
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
