"""The knowledge base: entities, indicators with their observations and targets, policies, funds and chains."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from sinoscope.app import knowledge, portfolio
from sinoscope.app.charts import indicator_spec
from sinoscope.app.knowledge import ENTITY_TYPES, Indicator, Observation, entry_of
from sinoscope.interfaces.api.context import KnowledgeDep, StoreDep
from sinoscope.interfaces.api.downloads import Format, download
from sinoscope.interfaces.api.schemas import error_responses

router = APIRouter(tags=["knowledge"])
NOT_FOUND = error_responses(404, 422)
OBSERVATION_COLUMNS = (*Observation.model_fields, "anchor", "url")
FormatQuery = Annotated[Format | None, Query(description="json or csv: download as a file.")]


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
    return [knowledge.summary_json(kb, e) for e in knowledge.find_entities(kb, store, q, type, limit)[:limit]]


@router.get("/entities/{entity_id}", responses=NOT_FOUND)
def entity(entity_id: str, kb: KnowledgeDep, store: StoreDep) -> dict[str, Any]:
    """One entry with its targets, observations, referrers, cited passages and mentioning passages."""
    return knowledge.entity_detail(kb, kb.get(entity_id), store)


@router.get("/indicators")
def indicators(kb: KnowledgeDep) -> list[dict[str, Any]]:
    """Every indicator with how many observations and targets it has."""
    return [knowledge.indicator_json(kb, i) for i in kb.indicators()]


@router.get("/indicators/{indicator_id}", responses=NOT_FOUND)
def indicator(indicator_id: str, kb: KnowledgeDep, format: FormatQuery = None) -> Any:
    """An indicator with all its observations (every source and date) and the targets set for it;
    `format` downloads the observations as a file."""
    detail = knowledge.indicator_detail(kb, indicator_id)
    if format is not None:
        name = f"{detail['indicator']['id']}-observations"
        return download(detail["observations"], OBSERVATION_COLUMNS, format, name)
    return detail


@router.get("/indicators/{indicator_id}/chart", responses=NOT_FOUND)
def indicator_chart(indicator_id: str, kb: KnowledgeDep) -> dict[str, Any]:
    """A Vega-Lite spec of the indicator over time; each point's `href` opens its source passage."""
    return indicator_spec(kb, entry_of(kb, indicator_id, Indicator, "an indicator"))


@router.get("/observations", responses=NOT_FOUND)
def observations(
    kb: KnowledgeDep,
    indicator: Annotated[str | None, Query()] = None,
    entity: Annotated[str | None, Query()] = None,
    period: Annotated[str | None, Query()] = None,
    format: FormatQuery = None,
) -> Any:
    """Observations filtered by indicator, entity and period."""
    rows = knowledge.observations(kb, indicator, entity, period)
    return rows if format is None else download(rows, OBSERVATION_COLUMNS, format, "observations")


@router.get("/targets", responses=NOT_FOUND)
def targets(
    kb: KnowledgeDep,
    policy: Annotated[str | None, Query(description="Policy id (its roadmaps and revisions included).")] = None,
    indicator: Annotated[str | None, Query(description="Indicator id.")] = None,
) -> list[dict[str, Any]]:
    """Targets the policies set, with their indicator, policy and sources."""
    return knowledge.targets(kb, policy, indicator)


@router.get("/policies")
def policies(kb: KnowledgeDep) -> list[dict[str, Any]]:
    """Policies in date order (undated last), for a timeline."""
    return knowledge.policies(kb)


@router.get("/funds")
def funds(kb: KnowledgeDep) -> list[dict[str, Any]]:
    """Every fund, one row each: kind, phases, snapshots and capital (what the /funds page lists)."""
    return portfolio.fund_rows(kb)


@router.get("/supply-chains")
def supply_chains(kb: KnowledgeDep) -> list[dict[str, Any]]:
    """Every supply chain, one row each with its counts (what the /supply-chains page lists)."""
    return portfolio.chain_rows(kb)


@router.get("/funds/{fund_id}", responses=NOT_FOUND)
def fund(fund_id: str, kb: KnowledgeDep) -> dict[str, Any]:
    """A fund as a portfolio: phases with capital, financial statements, and dated snapshots by sector."""
    return portfolio.fund(kb, fund_id)


@router.get("/supply-chains/{chain_id}", responses=NOT_FOUND)
def supply_chain(chain_id: str, kb: KnowledgeDep) -> dict[str, Any]:
    """A supply chain stage by stage: metrics, components, domestic and foreign firms, market shares."""
    return portfolio.supply_chain(kb, chain_id)
