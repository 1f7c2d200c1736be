"""Passage search: words (BM25), meaning (dense) or both fused (hybrid)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel

from sinoscope.app import search as app_search
from sinoscope.app.search import Mode
from sinoscope.interfaces.api.context import ContextDep, StoreDep
from sinoscope.interfaces.api.schemas import SearchOut, error_responses, search_out

router = APIRouter(tags=["search"])

MAX_LIMIT = 100


@router.get("/search", response_model=SearchOut, responses=error_responses(404, 422, 503))
def search(
    store: StoreDep,
    ctx: ContextDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words or a phrase.")],
    mode: Annotated[Mode, Query(description="bm25 (words), dense (meaning) or hybrid (both).")] = Mode.HYBRID,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10,
    doc: Annotated[str | None, Query(description="Only this document id.")] = None,
) -> BaseModel:
    """Passages best first, each with a snippet, its anchor and a link into the reader."""
    if not q.strip():
        raise HTTPException(422, "q: give some words to search for")
    return search_out(app_search.search(store, ctx.dense, q, mode, limit, doc))
