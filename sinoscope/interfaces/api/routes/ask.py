"""Questions in plain English: a figure with the passage it is quoted from, all sources when they
disagree, or an honest "not found" with the closest passages."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from sinoscope.interfaces.api.ask import answer, answer_json
from sinoscope.interfaces.api.context import ContextDep, StoreDep
from sinoscope.interfaces.api.schemas import error_responses
from sinoscope.retrieval.search import Mode

router = APIRouter(tags=["ask"])


@router.get("/ask", responses=error_responses(422, 503))
def ask(
    store: StoreDep,
    ctx: ContextDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="A question about a figure in the reports.")],
    mode: Annotated[Mode, Query(description="How passages are retrieved: bm25, dense or hybrid.")] = Mode.HYBRID,
) -> dict[str, Any]:
    """`status` is "found", "disagreement" (every source, with periods) or "not found"; each answer carries
    its value, unit, period, quote, anchor and reader `url`."""
    if not q.strip():
        raise HTTPException(422, "q: ask a question")
    return answer_json(answer(ctx, store, q, mode))
