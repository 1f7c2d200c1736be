"""Passage search: words (BM25), meaning (dense) or both fused (hybrid)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from sinoscope.app.search import passages
from sinoscope.interfaces.api.context import ContextDep, StoreDep
from sinoscope.interfaces.api.schemas import HitOut, SearchOut, error_responses
from sinoscope.retrieval.search import Mode

router = APIRouter(tags=["search"])

MAX_LIMIT = 100


@router.get(
    "/search",
    response_model=SearchOut,
    responses=error_responses(404, 422, 503),
)
def search(
    store: StoreDep,
    ctx: ContextDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words or a phrase.")],
    mode: Annotated[Mode, Query(description="bm25 (words), dense (meaning) or hybrid (both).")] = Mode.HYBRID,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10,
    doc: Annotated[str | None, Query(description="Only this document id.")] = None,
) -> SearchOut:
    """Passages best first, each with a snippet, its anchor and a link into the reader."""
    if not q.strip():
        raise HTTPException(422, "q: give some words to search for")
    if doc is not None:
        store.get_document(doc)
    hits, ran = passages(store, ctx.dense, q, mode, limit, doc)
    return SearchOut(query=q, mode=mode.value, ran=ran.value, hits=[HitOut.of(h) for h in hits])
