"""Pages for funds as portfolios and supply chains as stages (the data as curated; analyses beside it)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from sinoscope.analysis.portfolio import analyse_fund
from sinoscope.analysis.supply_chain import analyse_chain
from sinoscope.errors import NotFoundError
from sinoscope.interfaces.api.analysis_view import chain_analysis_json, fund_analysis_json
from sinoscope.interfaces.api.context import KnowledgeDep
from sinoscope.interfaces.api.portfolio_view import chain_view, fund_view
from sinoscope.interfaces.charts import snapshot_spec
from sinoscope.interfaces.web.templating import TEMPLATES
from sinoscope.knowledge import Fund, SupplyChain, display_name, type_name

router = APIRouter(include_in_schema=False)


@router.get("/funds", response_class=HTMLResponse)
def funds(request: Request, kb: KnowledgeDep) -> Response:
    rows = [fund_view(kb, f) for f in kb.funds()]
    return TEMPLATES.TemplateResponse(request, "funds.html", {"funds": rows, "title": "Funds"})


@router.get("/funds/{fund_id}", response_class=HTMLResponse)
def fund(request: Request, fund_id: str, kb: KnowledgeDep) -> Response:
    entry = kb.get(fund_id)
    if not isinstance(entry, Fund):
        raise NotFoundError(f"{fund_id}: not a fund (it is a {type_name(entry)})")
    view = fund_view(kb, entry)
    by_phase: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for snap in view["snapshots"]:
        by_phase[snap["phase"]].append(snap)
    charts = []
    for i, (phase, snaps) in enumerate(by_phase.items()):
        if any(h["amount"] is not None for s in snaps for h in s["sectors"]):
            name = snaps[0]["phase_name"]
            charts.append(
                {
                    "id": f"chart-{i}",
                    "phase": phase,
                    "name": name,
                    "spec": snapshot_spec(name, snaps, snaps[0]["currency"]),
                }
            )
    analysis = fund_analysis_json(analyse_fund(entry, lambda i: display_name(kb.get(i)) if i in kb else i))
    return TEMPLATES.TemplateResponse(
        request, "fund.html", {"f": view, "charts": charts, "analysis": analysis, "title": view["name"]}
    )


@router.get("/supply-chains", response_class=HTMLResponse)
def chains(request: Request, kb: KnowledgeDep) -> Response:
    rows = [chain_view(kb, c) for c in kb.supply_chains()]
    return TEMPLATES.TemplateResponse(request, "chains.html", {"chains": rows, "title": "Supply chains"})


@router.get("/supply-chains/{chain_id}", response_class=HTMLResponse)
def chain(request: Request, chain_id: str, kb: KnowledgeDep) -> Response:
    entry = kb.get(chain_id)
    if not isinstance(entry, SupplyChain):
        raise NotFoundError(f"{chain_id}: not a supply chain (it is a {type_name(entry)})")
    view = chain_view(kb, entry)
    analysis = chain_analysis_json(analyse_chain(entry))
    names = {c["id"]: c["name"] for s in view["stages"] for c in s["components"]}
    return TEMPLATES.TemplateResponse(
        request, "chain.html", {"c": view, "analysis": analysis, "names": names, "title": view["name"]}
    )
