"""Pages over the knowledge base: entities, indicator charts, the target list, findings and the policy timeline.

Each page renders the result its JSON twin under /api/v1 returns (the same `sinoscope.app` call), with what
only a page needs (grouping, a chart) added by the same use case.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from sinoscope.app import analyses, knowledge
from sinoscope.app.charts import timeline_spec
from sinoscope.app.knowledge import Indicator
from sinoscope.interfaces.api.context import KnowledgeDep, StoreDep
from sinoscope.interfaces.web.templating import TEMPLATES

router = APIRouter(include_in_schema=False)


def _page(request: Request, template: str, title: str, **context: Any) -> Response:
    return TEMPLATES.TemplateResponse(request, template, {**context, "title": title})


@router.get("/entities", response_class=HTMLResponse)
def entities(
    request: Request,
    kb: KnowledgeDep,
    store: StoreDep,
    q: Annotated[str, Query(max_length=200)] = "",
    type: Annotated[str, Query()] = "",
) -> Response:
    return _page(request, "entities.html", "Knowledge base", **knowledge.entities_page(kb, store, q, type))


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: str, kb: KnowledgeDep, store: StoreDep) -> Response:
    entry = kb.get(entity_id)
    if isinstance(entry, Indicator):
        return indicator(request, entity_id, kb)
    detail = knowledge.entity_detail(kb, entry, store, max_links=100)
    return _page(request, "entity.html", detail["name"], e=detail)


@router.get("/indicators", response_class=HTMLResponse)
def indicators(request: Request, kb: KnowledgeDep) -> Response:
    return _page(request, "indicators.html", "Indicators", indicators=knowledge.indicator_rows(kb))


@router.get("/indicators/{indicator_id}", response_class=HTMLResponse)
def indicator(request: Request, indicator_id: str, kb: KnowledgeDep) -> Response:
    page = analyses.indicator_page(kb, indicator_id)
    return _page(request, "indicator.html", page["ind"]["name"], **page)


@router.get("/targets", response_class=HTMLResponse)
def targets(request: Request, kb: KnowledgeDep, store: StoreDep, status: Annotated[str, Query()] = "") -> Response:
    return _page(request, "targets.html", "Target tracker", **analyses.targets_page(kb, store, status))


@router.get("/findings", response_class=HTMLResponse)
def findings(request: Request, kb: KnowledgeDep, store: StoreDep) -> Response:
    rows = [analyses.finding_json(f) for f in analyses.findings(kb, store)]
    return _page(request, "findings.html", "Consistency findings", findings=rows)


@router.get("/policies", response_class=HTMLResponse)
def policies(request: Request, kb: KnowledgeDep) -> Response:
    rows = knowledge.policies(kb)
    return _page(request, "policies.html", "Policy timeline", years=knowledge.by_year(rows), total=len(rows),
                 spec=timeline_spec(rows))  # fmt: skip
