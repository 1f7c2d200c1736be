"""Citations for memos: plain text, BibTeX and CSL-JSON for any passage, table, footnote or document."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse, Response

from sinoscope.app.cite import cite
from sinoscope.app.render import plain
from sinoscope.interfaces.api.context import StoreDep
from sinoscope.interfaces.api.schemas import error_responses

router = APIRouter(tags=["documents"])


@router.get("/cite", responses=error_responses(404, 422), response_model=None)
def citation(
    request: Request,
    store: StoreDep,
    anchor: Annotated[str, Query(min_length=1, max_length=300, description="A passage anchor or a document id.")],
    format: Annotated[
        str, Query(pattern="^(json|text|bibtex|csl)$", description="json (all), text, bibtex, csl.")
    ] = "json",
) -> Any:
    """The citation with a permalink on this server; `format` picks one form as the response body."""
    c = cite(store, anchor, str(request.base_url))
    if format == "text":
        return PlainTextResponse(c.text)
    if format == "bibtex":
        return Response(c.bibtex, media_type="application/x-bibtex; charset=utf-8")
    if format == "csl":
        return [c.csl]
    return plain(c)
