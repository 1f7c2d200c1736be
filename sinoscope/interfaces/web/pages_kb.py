"""Pages over the knowledge base: entities, indicator charts, the target list and the policy timeline."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from sinoscope.analysis.checks import run_checks
from sinoscope.analysis.derive import DERIVATIONS, derive
from sinoscope.analysis.targets import Status, track_all
from sinoscope.app.targets import learned_findings, learned_targets
from sinoscope.errors import NotFoundError
from sinoscope.interfaces.api.analysis_view import derivation_json, evidence, finding_json, track_json
from sinoscope.interfaces.api.context import KnowledgeDep, StoreDep
from sinoscope.interfaces.api.kb_view import (
    entity_detail,
    indicator_json,
    observation_json,
    policy_json,
    summary_json,
    target_json,
)
from sinoscope.interfaces.charts import indicator_spec, timeline_spec
from sinoscope.interfaces.web.templating import TEMPLATES
from sinoscope.knowledge import NESTED_TYPES, TOP_TYPES, Indicator, type_name

router = APIRouter(include_in_schema=False)
ENTITY_TYPES = tuple(sorted({*TOP_TYPES, *NESTED_TYPES}))


@router.get("/entities", response_class=HTMLResponse)
def entities(
    request: Request,
    kb: KnowledgeDep,
    store: StoreDep,
    q: Annotated[str, Query(max_length=200)] = "",
    type: Annotated[str, Query()] = "",
) -> Response:
    if type and type not in ENTITY_TYPES:
        raise HTTPException(422, f"type: expected one of {', '.join(ENTITY_TYPES)} (got {type!r})")
    found = [kb.get(r.id) for r in store.find_entities(q, limit=200) if r.id in kb] if q.strip() else list(kb.all())
    if type:
        found = [e for e in found if type_name(e) == type]
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in found:
        grouped[type_name(e)].append(summary_json(kb, e))
    return TEMPLATES.TemplateResponse(
        request,
        "entities.html",
        {
            "q": q,
            "type": type,
            "types": ENTITY_TYPES,
            "grouped": dict(sorted(grouped.items())),
            "total": len(found),
            "title": "Knowledge base",
        },
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: str, kb: KnowledgeDep, store: StoreDep) -> Response:
    entry = kb.get(entity_id)
    if isinstance(entry, Indicator):
        return indicator(request, entity_id, kb)
    detail = entity_detail(kb, entry, store, max_links=100)
    return TEMPLATES.TemplateResponse(request, "entity.html", {"e": detail, "title": detail["name"]})


@router.get("/indicators", response_class=HTMLResponse)
def indicators(request: Request, kb: KnowledgeDep) -> Response:
    rows = sorted((indicator_json(kb, i) for i in kb.indicators()), key=lambda r: (-r["observations"], r["name"]))
    return TEMPLATES.TemplateResponse(request, "indicators.html", {"indicators": rows, "title": "Indicators"})


@router.get("/indicators/{indicator_id}", response_class=HTMLResponse)
def indicator(request: Request, indicator_id: str, kb: KnowledgeDep) -> Response:
    entry = kb.get(indicator_id)
    if not isinstance(entry, Indicator):
        raise NotFoundError(f"{indicator_id}: not an indicator (it is a {type_name(entry)})")
    observations = sorted(
        (observation_json(kb, o) for o in kb.observations(indicator=entry.id)),
        key=lambda o: (o["entity_ref"]["name"], o["period"]),
    )
    return TEMPLATES.TemplateResponse(
        request,
        "indicator.html",
        {
            "ind": indicator_json(kb, entry),
            "observations": observations,
            "targets": [target_json(kb, t) for t in kb.targets(indicator=entry.id)],
            "spec": indicator_spec(kb, entry),
            "derivations": [
                derivation_json(d.id, derive(kb, d.id)) for d in DERIVATIONS.values() if d.indicator == entry.id
            ],
            "inputs": [summary_json(kb, kb.get(i)) for i in entry.inputs if i in kb],
            "title": entry.name,
        },
    )


@router.get("/targets", response_class=HTMLResponse)
def targets(request: Request, kb: KnowledgeDep, store: StoreDep, status: Annotated[str, Query()] = "") -> Response:
    statuses = [s.value for s in Status]
    if status and status not in statuses:
        raise HTTPException(422, f"status: expected one of {', '.join(statuses)} (got {status!r})")
    groups: dict[str, dict[str, Any]] = {}
    counts: dict[str, int] = dict.fromkeys(statuses, 0)
    for track in track_all(kb):
        counts[track.status.value] += 1
        if status and track.status.value != status:
            continue
        row = track_json(kb, track)
        owner = row["target"]["policy_ref"] or {"id": "none", "name": "—", "url": None}
        groups.setdefault(owner["id"], {**owner, "rows": []})["rows"].append(row)
    ordered = sorted(groups.values(), key=lambda g: str(g["name"]).casefold())
    learned = [
        {**t, "evidence": evidence(t["evidence"])}
        for t in learned_targets(store)
        if not status or t["status"] == status
    ]
    return TEMPLATES.TemplateResponse(
        request,
        "targets.html",
        {"groups": ordered, "counts": counts, "status": status, "title": "Target tracker", "learned": learned},
    )


@router.get("/findings", response_class=HTMLResponse)
def findings(request: Request, kb: KnowledgeDep, store: StoreDep) -> Response:
    rows = [finding_json(f) for f in run_checks(kb, store.table_records()) + learned_findings(store)]
    return TEMPLATES.TemplateResponse(request, "findings.html", {"findings": rows, "title": "Consistency findings"})


@router.get("/policies", response_class=HTMLResponse)
def policies(request: Request, kb: KnowledgeDep) -> Response:
    ordered = sorted(kb.policies(), key=lambda p: (p.date is None, p.date or "", p.name))
    rows = [policy_json(kb, p) for p in ordered]
    by_year: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_year[row["date"][:4] if row["date"] else "undated"].append(row)
    return TEMPLATES.TemplateResponse(
        request,
        "policies.html",
        {"years": dict(by_year), "total": len(ordered), "spec": timeline_spec(rows), "title": "Policy timeline"},
    )
