"""The ask page: an answer card with its quoted evidence, or "not found" and the closest passages."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from sinoscope.interfaces.api.ask import answer, answer_json
from sinoscope.interfaces.api.context import ContextDep, StoreDep
from sinoscope.interfaces.web.templating import TEMPLATES
from sinoscope.retrieval.search import Mode

router = APIRouter(include_in_schema=False)


@router.get("/ask", response_class=HTMLResponse)
def ask(
    request: Request,
    store: StoreDep,
    ctx: ContextDep,
    q: Annotated[str, Query(max_length=500)] = "",
    mode: Mode = Mode.HYBRID,
) -> Response:
    card: dict[str, Any] | None = answer_json(answer(ctx, store, q, mode)) if q.strip() else None
    return TEMPLATES.TemplateResponse(
        request,
        "ask.html",
        {
            "q": q,
            "mode": mode.value,
            "modes": [m.value for m in Mode],
            "card": card,
            "title": f"Ask: {q}" if q else "Ask",
        },
    )
