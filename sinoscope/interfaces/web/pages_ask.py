"""The ask page: the answer card of `/api/v1/ask` rendered, with its quoted evidence, or "not found"
and the closest passages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from sinoscope.app.ask import Mode
from sinoscope.interfaces.api.context import ContextDep, StoreDep
from sinoscope.interfaces.api.routes.ask import answer_card
from sinoscope.interfaces.web.templating import TEMPLATES

router = APIRouter(include_in_schema=False)


@router.get("/ask", response_class=HTMLResponse)
def ask(
    request: Request,
    store: StoreDep,
    ctx: ContextDep,
    q: Annotated[str, Query(max_length=500)] = "",
    mode: Mode = Mode.HYBRID,
) -> Response:
    card = answer_card(ctx, store, q, mode) if q.strip() else None
    modes = [m.value for m in Mode]
    context = {"q": q, "mode": mode.value, "modes": modes, "card": card, "title": f"Ask: {q}" if q else "Ask"}
    return TEMPLATES.TemplateResponse(request, "ask.html", context)
