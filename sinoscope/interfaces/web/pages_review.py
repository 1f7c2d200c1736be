"""The tracker page's review form: accept or reject a learned target with the write token (no script needed:
a plain form POST, answered with a redirect back to the row)."""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from sinoscope.app import review
from sinoscope.app.auth import token_ok
from sinoscope.interfaces.api.context import ContextDep, StoreDep

router = APIRouter(include_in_schema=False)
MAX_FORM = 4096


@router.post("/targets/review")
async def review_form(request: Request, ctx: ContextDep, store: StoreDep) -> Response:
    body = await request.body()
    if len(body) > MAX_FORM:
        raise HTTPException(413, "form too large")
    form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
    if not token_ok(ctx.store_path, form.get("token")):
        raise HTTPException(401, "a valid write token is needed")
    entry, action = form.get("entry", ""), form.get("action", "")
    if action not in ("accept", "reject"):
        raise HTTPException(422, f"action: expected accept or reject (got {action!r})")
    decide = review.accept if action == "accept" else review.reject
    try:
        decide(store, entry, actor="web", reason=form.get("reason", ""))
    except review.ReviewError as err:
        raise HTTPException(409, " ".join(str(err).split())) from None
    return RedirectResponse(f"/targets#learned-{entry}", status_code=303)
