"""Analyses over the knowledge base and stored tables: target tracking, derived indicators, fund portfolios,
supply-chain dependence, and consistency findings; every result cites the passages it rests on."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from sinoscope.app import analyses
from sinoscope.app.analyses import Severity, Status
from sinoscope.interfaces.api.context import KnowledgeDep, StoreDep
from sinoscope.interfaces.api.schemas import error_responses

router = APIRouter(tags=["analyses"])
ERRORS = error_responses(404, 422)


@router.get("/analyses/targets", responses=ERRORS)
def targets(
    kb: KnowledgeDep,
    status: Annotated[Status | None, Query(description="met, on track, off track, no data or not evaluable.")] = None,
    policy: Annotated[str | None, Query(description="Policy id (its roadmaps and revisions included).")] = None,
) -> list[dict[str, Any]]:
    """Every target with its status, the observation it is assessed on, the gap, and a stated projection."""
    return analyses.target_tracks(kb, status, policy)


@router.get("/analyses/tracker", responses=ERRORS)
def tracker(
    kb: KnowledgeDep, store: StoreDep, status: Annotated[Status | None, Query(description="Only this status.")] = None
) -> dict[str, Any]:
    """The target tracker as its page shows it: curated targets grouped by policy, a count per status, and
    the learned targets (the JSON twin of `/targets`)."""
    return analyses.targets_page(kb, store, status.value if status else "")


@router.get("/analyses/derived")
def derivations() -> list[dict[str, Any]]:
    """The derived indicators that can be recomputed from stored inputs."""
    return [
        {"id": d.id, "name": d.name, "unit": d.unit, "method": d.method, "inputs": list(d.inputs)}
        for d in analyses.derivations()
    ]


@router.get("/analyses/derived/{derivation_id}", responses=ERRORS)
def derived(
    derivation_id: str,
    kb: KnowledgeDep,
    entity: Annotated[str, Query(description="Whose inputs (a country id).")] = "cn",
) -> dict[str, Any]:
    """The indicator recomputed per period from its inputs, beside the report's own printed figure."""
    return analyses.derived(kb, derivation_id, entity)


@router.get("/findings", responses=ERRORS)
def findings(
    kb: KnowledgeDep,
    store: StoreDep,
    severity: Annotated[Severity | None, Query(description="warning or info.")] = None,
    check: Annotated[str | None, Query(description="Only one check (e.g. table-total, balance-sheet).")] = None,
) -> list[dict[str, Any]]:
    """Consistency findings: table totals, balance sheets, a table against its own text, sources and dated
    snapshots that differ. Warnings first."""
    return [analyses.finding_json(f) for f in analyses.findings(kb, store, severity, check)]


@router.get("/analyses/funds/{fund_id}", responses=ERRORS)
def fund(fund_id: str, kb: KnowledgeDep) -> dict[str, Any]:
    """Allocation by sector, top recipients, averages per investee, and changes between dated snapshots."""
    return analyses.fund_analysis(kb, fund_id)


@router.get("/analyses/supply-chains/{chain_id}", responses=ERRORS)
def supply_chain(chain_id: str, kb: KnowledgeDep) -> dict[str, Any]:
    """Per component: domestic vs foreign share, supplier concentration (HHI), chokepoint rank; per stage:
    R&D, subsidy and profit intensity, and whether profits make a smile curve."""
    return analyses.chain_analysis(kb, chain_id)
