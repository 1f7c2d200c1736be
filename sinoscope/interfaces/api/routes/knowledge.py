"""The knowledge base: entities, indicators with their observations and targets, policies."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from sinoscope.errors import NotFoundError
from sinoscope.interfaces.api.context import KnowledgeDep, StoreDep
from sinoscope.interfaces.api.downloads import Format, download
from sinoscope.interfaces.api.kb_view import (
    entity_detail,
    indicator_json,
    observation_json,
    policy_json,
    summary_json,
    target_json,
)
from sinoscope.interfaces.api.portfolio_view import chain_view, fund_view
from sinoscope.interfaces.api.schemas import error_responses
from sinoscope.interfaces.charts import indicator_spec
from sinoscope.knowledge import (
    NESTED_TYPES,
    TOP_TYPES,
    Fund,
    Indicator,
    Observation,
    Policy,
    SupplyChain,
    Target,
    type_name,
)

router = APIRouter(tags=["knowledge"])
NOT_FOUND = error_responses(404, 422)
ENTITY_TYPES = tuple(sorted({*TOP_TYPES, *NESTED_TYPES}))
OBSERVATION_COLUMNS = (*Observation.model_fields, "anchor", "url")


def _indicator(kb: KnowledgeDep, indicator_id: str) -> Indicator:
    entry = kb.get(indicator_id)
    if not isinstance(entry, Indicator):
        raise NotFoundError(f"{indicator_id}: not an indicator (it is a {type_name(entry)})")
    return entry


@router.get("/entities", responses=NOT_FOUND)
def entities(
    kb: KnowledgeDep,
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=200, description="Id, name or alias (all words must match).")] = None,
    type: Annotated[str | None, Query(description=f"One of: {', '.join(ENTITY_TYPES)}.")] = None,
    limit: Annotated[int, Query(ge=1, le=2000)] = 200,
) -> list[dict[str, Any]]:
    """Entries of the knowledge base, found by name or listed by type."""
    if type is not None and type not in ENTITY_TYPES:
        raise HTTPException(422, f"type: must be one of {', '.join(ENTITY_TYPES)} (got {type!r})")
    if q is not None and q.strip():
        found = [kb.get(ref.id) for ref in store.find_entities(q, limit=limit) if ref.id in kb]
    else:
        found = list(kb.all())
    if type is not None:
        found = [e for e in found if type_name(e) == type]
    return [summary_json(kb, e) for e in found[:limit]]


@router.get("/entities/{entity_id}", responses=NOT_FOUND)
def entity(entity_id: str, kb: KnowledgeDep, store: StoreDep) -> dict[str, Any]:
    """One entry with its targets, observations, referrers, cited passages and mentioning passages."""
    return entity_detail(kb, kb.get(entity_id), store)


@router.get("/indicators")
def indicators(kb: KnowledgeDep) -> list[dict[str, Any]]:
    """Every indicator with how many observations and targets it has."""
    return [indicator_json(kb, i) for i in kb.indicators()]


@router.get("/indicators/{indicator_id}", responses=NOT_FOUND)
def indicator(
    indicator_id: str,
    kb: KnowledgeDep,
    format: Annotated[Format | None, Query(description="json or csv: download the observations as a file.")] = None,
) -> Any:
    """An indicator with all its observations (every source and date) and the targets set for it."""
    ind = _indicator(kb, indicator_id)
    observations = [observation_json(kb, o) for o in kb.observations(indicator=ind.id)]
    if format is not None:
        return download(observations, OBSERVATION_COLUMNS, format, f"{ind.id}-observations")
    return {
        "indicator": indicator_json(kb, ind),
        "observations": observations,
        "targets": [target_json(kb, t) for t in kb.targets(indicator=ind.id)],
    }


@router.get("/indicators/{indicator_id}/chart", responses=NOT_FOUND)
def indicator_chart(indicator_id: str, kb: KnowledgeDep) -> dict[str, Any]:
    """A Vega-Lite spec of the indicator over time; each point's `href` opens its source passage."""
    return indicator_spec(kb, _indicator(kb, indicator_id))


@router.get("/observations", responses=NOT_FOUND)
def observations(
    kb: KnowledgeDep,
    indicator: Annotated[str | None, Query()] = None,
    entity: Annotated[str | None, Query()] = None,
    period: Annotated[str | None, Query()] = None,
    format: Annotated[Format | None, Query(description="json or csv: download as a file.")] = None,
) -> Any:
    """Observations filtered by indicator, entity and period."""
    for ref in (indicator, entity):
        if ref is not None:
            kb.get(ref)
    rows = [observation_json(kb, o) for o in kb.observations(indicator=indicator, entity=entity, period=period)]
    if format is not None:
        return download(rows, OBSERVATION_COLUMNS, format, "observations")
    return rows


@router.get("/targets", responses=NOT_FOUND)
def targets(
    kb: KnowledgeDep,
    policy: Annotated[str | None, Query(description="Policy id (its roadmaps and revisions included).")] = None,
    indicator: Annotated[str | None, Query(description="Indicator id.")] = None,
) -> list[dict[str, Any]]:
    """Targets the policies set, with their indicator, policy and sources."""
    if indicator is not None:
        _indicator(kb, indicator)
    found: list[Target] = list(kb.targets(indicator=indicator))
    if policy is not None:
        entry = kb.get(policy)
        if not isinstance(entry, Policy):
            raise NotFoundError(f"{policy}: not a policy (it is a {type_name(entry)})")
        family = {p.id for p in kb.policy_family(policy)}
        found = [t for t in found if t.policy in family]
    return [target_json(kb, t) for t in found]


@router.get("/policies")
def policies(kb: KnowledgeDep) -> list[dict[str, Any]]:
    """Policies in date order (undated last), for a timeline."""
    ordered = sorted(kb.policies(), key=lambda p: (p.date is None, p.date or "", p.name))
    return [policy_json(kb, p) for p in ordered]


@router.get("/funds/{fund_id}", responses=NOT_FOUND)
def fund(fund_id: str, kb: KnowledgeDep) -> dict[str, Any]:
    """A fund as a portfolio: phases with capital, financial statements, and dated snapshots by sector."""
    entry = kb.get(fund_id)
    if not isinstance(entry, Fund):
        raise NotFoundError(f"{fund_id}: not a fund (it is a {type_name(entry)})")
    return fund_view(kb, entry)


@router.get("/supply-chains/{chain_id}", responses=NOT_FOUND)
def supply_chain(chain_id: str, kb: KnowledgeDep) -> dict[str, Any]:
    """A supply chain stage by stage: metrics, components, domestic and foreign firms, market shares."""
    entry = kb.get(chain_id)
    if not isinstance(entry, SupplyChain):
        raise NotFoundError(f"{chain_id}: not a supply chain (it is a {type_name(entry)})")
    return chain_view(kb, entry)
