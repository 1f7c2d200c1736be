"""Analyses over the knowledge base and stored tables: target tracking, derived indicators, fund portfolios,
supply-chain dependence, and consistency findings; every result cites the passages it rests on."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from sinoscope.analysis.checks import Severity, run_checks
from sinoscope.analysis.derive import DERIVATIONS, derive
from sinoscope.analysis.portfolio import analyse_fund
from sinoscope.analysis.supply_chain import analyse_chain
from sinoscope.analysis.targets import Status, track_all
from sinoscope.app.targets import learned_findings
from sinoscope.errors import NotFoundError
from sinoscope.interfaces.api.analysis_view import (
    chain_analysis_json,
    derivation_json,
    finding_json,
    fund_analysis_json,
    track_json,
)
from sinoscope.interfaces.api.context import KnowledgeDep, StoreDep
from sinoscope.interfaces.api.schemas import error_responses
from sinoscope.knowledge import Fund, Policy, SupplyChain, display_name, type_name

router = APIRouter(tags=["analyses"])
ERRORS = error_responses(404, 422)


@router.get("/analyses/targets", responses=ERRORS)
def targets(
    kb: KnowledgeDep,
    status: Annotated[Status | None, Query(description="met, on track, off track, no data or not evaluable.")] = None,
    policy: Annotated[str | None, Query(description="Policy id (its roadmaps and revisions included).")] = None,
) -> list[dict[str, Any]]:
    """Every target with its status, the observation it is assessed on, the gap, and a stated projection."""
    family: set[str] | None = None
    if policy is not None:
        entry = kb.get(policy)
        if not isinstance(entry, Policy):
            raise NotFoundError(f"{policy}: not a policy (it is a {type_name(entry)})")
        family = {p.id for p in kb.policy_family(policy)}
    return [
        track_json(kb, t)
        for t in track_all(kb)
        if (status is None or t.status is status) and (family is None or t.target.policy in family)
    ]


@router.get("/analyses/derived")
def derivations() -> list[dict[str, Any]]:
    """The derived indicators that can be recomputed from stored inputs."""
    return [
        {"id": d.id, "name": d.name, "unit": d.unit, "method": d.method, "inputs": list(d.inputs)}
        for d in DERIVATIONS.values()
    ]


@router.get("/analyses/derived/{derivation_id}", responses=ERRORS)
def derived(
    derivation_id: str,
    kb: KnowledgeDep,
    entity: Annotated[str, Query(description="Whose inputs (a country id).")] = "cn",
) -> dict[str, Any]:
    """The indicator recomputed per period from its inputs, beside the report's own printed figure."""
    return derivation_json(derivation_id, derive(kb, derivation_id, entity=entity))


@router.get("/findings", responses=ERRORS)
def findings(
    kb: KnowledgeDep,
    store: StoreDep,
    severity: Annotated[Severity | None, Query(description="warning or info.")] = None,
    check: Annotated[str | None, Query(description="Only one check (e.g. table-total, balance-sheet).")] = None,
) -> list[dict[str, Any]]:
    """Consistency findings: table totals, balance sheets, a table against its own text, sources and dated
    snapshots that differ. Warnings first."""
    found = run_checks(kb, store.table_records()) + learned_findings(store)
    return [
        finding_json(f)
        for f in found
        if (severity is None or f.severity is severity) and (check is None or f.check == check)
    ]


@router.get("/analyses/funds/{fund_id}", responses=ERRORS)
def fund(fund_id: str, kb: KnowledgeDep) -> dict[str, Any]:
    """Allocation by sector, top recipients, averages per investee, and changes between dated snapshots."""
    entry = kb.get(fund_id)
    if not isinstance(entry, Fund):
        raise NotFoundError(f"{fund_id}: not a fund (it is a {type_name(entry)})")
    return fund_analysis_json(analyse_fund(entry, lambda i: display_name(kb.get(i)) if i in kb else i))


@router.get("/analyses/supply-chains/{chain_id}", responses=ERRORS)
def supply_chain(chain_id: str, kb: KnowledgeDep) -> dict[str, Any]:
    """Per component: domestic vs foreign share, supplier concentration (HHI), chokepoint rank; per stage:
    R&D, subsidy and profit intensity, and whether profits make a smile curve."""
    entry = kb.get(chain_id)
    if not isinstance(entry, SupplyChain):
        raise NotFoundError(f"{chain_id}: not a supply chain (it is a {type_name(entry)})")
    return chain_analysis_json(analyse_chain(entry))
