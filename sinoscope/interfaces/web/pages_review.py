"""The tracker page's review form: accept or reject a learned target with the write token (no script needed:
a plain form POST, answered with a redirect back to the row). The checks, CSRF field first, are the app's."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from sinoscope.app import review
from sinoscope.app.csrf import Refused
from sinoscope.interfaces.api.context import ContextDep, StoreDep

router = APIRouter(include_in_schema=False)


@router.post("/targets/review")
async def review_form(request: Request, ctx: ContextDep, store: StoreDep) -> Response:
    try:
        entry = review.decide_form(store, ctx.store_path, await request.body())
    except Refused as err:
        raise HTTPException(err.status, str(err)) from None
    return RedirectResponse(f"/targets#learned-{entry}", status_code=303)
