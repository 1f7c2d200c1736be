"""Questions in plain English: a figure with the passage it is quoted from, all sources when they
disagree, or an honest "not found" with the closest passages."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from sinoscope.app.ask import Answer, Mode, answer
from sinoscope.app.knowledge import reader_url
from sinoscope.app.search import Store
from sinoscope.app.workspace import Workspace
from sinoscope.interfaces.api.context import ContextDep, StoreDep
from sinoscope.interfaces.api.schemas import error_responses

router = APIRouter(tags=["ask"])


def answer_json(a: Answer) -> dict[str, Any]:
    """The answer card of `Answer.to_json()`, with a reader link on every figure and passage."""
    data = a.to_json()
    for item in data["answers"]:
        item["url"] = reader_url(item["anchor"])
        item["also_in_urls"] = [reader_url(x) for x in item.get("also_in", [])]
    for p in data["passages"]:
        p["url"] = reader_url(p["anchor"])
    return data


def answer_card(ctx: Workspace, store: Store, q: str, mode: Mode) -> dict[str, Any]:
    """The one answer the API returns and the ask page shows."""
    return answer_json(answer(store, ctx.dense, ctx.optional_knowledge(store), q, mode))


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
    return answer_card(ctx, store, q, mode)
