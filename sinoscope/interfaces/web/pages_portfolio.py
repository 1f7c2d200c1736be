"""Pages for funds as portfolios and supply chains as stages: the JSON of /api/v1/funds/{id} and
/api/v1/supply-chains/{id} rendered, with their analyses beside them."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from sinoscope.app import portfolio
from sinoscope.interfaces.api.context import KnowledgeDep
from sinoscope.interfaces.web.templating import TEMPLATES

router = APIRouter(include_in_schema=False)


@router.get("/funds", response_class=HTMLResponse)
def funds(request: Request, kb: KnowledgeDep) -> Response:
    return TEMPLATES.TemplateResponse(request, "funds.html", {"funds": portfolio.fund_rows(kb), "title": "Funds"})


@router.get("/funds/{fund_id}", response_class=HTMLResponse)
def fund(request: Request, fund_id: str, kb: KnowledgeDep) -> Response:
    return TEMPLATES.TemplateResponse(request, "fund.html", portfolio.fund_page(kb, fund_id))


@router.get("/supply-chains", response_class=HTMLResponse)
def chains(request: Request, kb: KnowledgeDep) -> Response:
    context = {"chains": portfolio.chain_rows(kb), "title": "Supply chains"}
    return TEMPLATES.TemplateResponse(request, "chains.html", context)


@router.get("/supply-chains/{chain_id}", response_class=HTMLResponse)
def chain(request: Request, chain_id: str, kb: KnowledgeDep) -> Response:
    return TEMPLATES.TemplateResponse(request, "chain.html", portfolio.chain_page(kb, chain_id))
