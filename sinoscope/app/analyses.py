"""Use cases of the reports' analyses, rerun: target tracking, derived indicators, consistency findings,
fund portfolios and supply-chain dependence (the pure functions of `sinoscope.analysis`, fed from the store).

Each result is JSON-ready in one place, so `sinoscope targets --json`, `/api/v1/analyses/...` and the pages
carry the same figures. Analyses cite plain strings: a report anchor ("000#table-4-4") or, for curated
figures from outside the reports, the source's name; `evidence()` tells them apart so a page links only
what can be opened.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from sinoscope.analysis.checks import run_checks
from sinoscope.analysis.derive import DERIVATIONS, Derivation, DerivedRow, derive
from sinoscope.analysis.findings import Finding, Severity
from sinoscope.analysis.portfolio import FundAnalysis, analyse_fund
from sinoscope.analysis.supply_chain import SupplyChainAnalysis, analyse_chain
from sinoscope.analysis.targets import Status, TargetTrack, track_all
from sinoscope.app.charts import indicator_spec
from sinoscope.app.knowledge import (
    entry_of,
    indicator_detail,
    policy_family,
    reader_url,
    ref_json,
    summary_json,
    target_json,
)
from sinoscope.app.targets import learned_findings, learned_targets
from sinoscope.documents.anchors import split_anchor
from sinoscope.errors import NotFoundError, require_choice
from sinoscope.knowledge import Fund, Indicator, KnowledgeBase, SupplyChain, display_name
from sinoscope.store.base import Store

__all__ = [
    "DERIVATIONS",
    "Derivation",
    "DerivedRow",
    "Finding",
    "FundAnalysis",
    "Severity",
    "Status",
    "SupplyChainAnalysis",
    "TargetTrack",
]


def evidence(anchors: Iterable[str]) -> list[dict[str, Any]]:
    """[{"anchor": "000#4.4¶5", "url": "/documents/000#4.4%C2%B65"}, {"anchor": "NBS yearbook", "url": None}]"""
    return [{"anchor": a, "url": reader_url(a) if split_anchor(a) else None} for a in anchors]


def with_evidence(obj: Any) -> Any:
    """A dataclass tree as JSON-ready data, with an `evidence` list beside every `anchors` tuple."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {f.name: with_evidence(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        for key in ("anchors", "printed_anchors"):
            if key in out:
                out[key.replace("anchors", "evidence")] = evidence(getattr(obj, key))
        return out
    if isinstance(obj, tuple | list):
        return [with_evidence(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): with_evidence(v) for k, v in obj.items()}
    return obj


def name_of(kb: KnowledgeBase, entry_id: str) -> str:
    found = kb.find(entry_id)
    return display_name(found) if found is not None else entry_id


# -- targets ---------------------------------------------------------------------------------------------


def track_json(kb: KnowledgeBase, t: TargetTrack) -> dict[str, Any]:
    return {
        "target": target_json(kb, t.target),
        "indicator": ref_json(kb, t.target.indicator),
        "status": t.status.value,
        "basis": t.basis,
        "assessed": with_evidence(t.assessed),
        "latest": with_evidence(t.latest),
        "gap": t.gap,
        "projection": with_evidence(t.projection),
        "note": t.note,
        "evidence": evidence(t.evidence),
    }


def target_tracks(kb: KnowledgeBase, status: Status | None = None, policy: str | None = None) -> list[dict[str, Any]]:
    """Every curated target with its status, the observation it is assessed on, the gap and a stated
    projection; optionally of one status, or set by one policy (its roadmaps and revisions included)."""
    family = policy_family(kb, policy) if policy is not None else None
    return [
        track_json(kb, t)
        for t in track_all(kb)
        if (status is None or t.status is status) and (family is None or t.target.policy in family)
    ]


def all_tracks(store: Store, kb: KnowledgeBase) -> tuple[list[TargetTrack], list[dict[str, Any]]]:
    """The curated targets tracked, and the learned ones in the `targets --json` shape."""
    return track_all(kb), learned_targets(store)


def targets_page(kb: KnowledgeBase, store: Store, status: str = "") -> dict[str, Any]:
    """The tracker: curated targets grouped by the policy that set them (by name), a count per status, and
    the learned targets; `status` keeps only the targets of that status (the counts stay whole)."""
    require_choice("status", status, [s.value for s in Status])
    groups: dict[str, dict[str, Any]] = {}
    counts: dict[str, int] = dict.fromkeys((s.value for s in Status), 0)
    for track in track_all(kb):
        counts[track.status.value] += 1
        if status and track.status.value != status:
            continue
        row = track_json(kb, track)
        owner = row["target"]["policy_ref"] or {"id": "none", "name": "—", "url": None}
        groups.setdefault(owner["id"], {**owner, "rows": []})["rows"].append(row)
    learned = [
        {**t, "evidence": evidence(t["evidence"])}
        for t in learned_targets(store)
        if not status or t["status"] == status
    ]
    ordered = sorted(groups.values(), key=lambda g: str(g["name"]).casefold())
    return {"groups": ordered, "counts": counts, "status": status, "learned": learned}


# -- derived indicators ----------------------------------------------------------------------------------


def derivations() -> list[Derivation]:
    return list(DERIVATIONS.values())


def derivation(kb: KnowledgeBase, derivation_id: str, entity: str | None) -> tuple[Derivation, list[DerivedRow]]:
    """A derived indicator recomputed per period from its stored inputs (NotFoundError for an unknown id)."""
    rows = derive(kb, derivation_id, entity=entity)
    return DERIVATIONS[derivation_id], rows


def derivation_json(derivation_id: str, rows: list[DerivedRow]) -> dict[str, Any]:
    d = DERIVATIONS[derivation_id]
    return {
        "id": d.id,
        "name": d.name,
        "indicator": d.indicator,
        "inputs": list(d.inputs),
        "unit": d.unit,
        "method": d.method,
        "rows": [{**with_evidence(r), "difference": r.difference} for r in rows],
    }


def derived(kb: KnowledgeBase, derivation_id: str, entity: str | None) -> dict[str, Any]:
    return derivation_json(derivation_id, derive(kb, derivation_id, entity=entity))


def indicator_page(kb: KnowledgeBase, indicator_id: str) -> dict[str, Any]:
    """The indicator's JSON (`indicator_detail`) with what its page adds: observations by entity and period,
    the chart, the derivations that compute it and the indicators it is computed from."""
    detail = indicator_detail(kb, indicator_id)
    entry = entry_of(kb, indicator_id, Indicator, "an indicator")
    return {
        **detail,
        "ind": detail["indicator"],
        "observations": sorted(detail["observations"], key=lambda o: (o["entity_ref"]["name"], o["period"])),
        "spec": indicator_spec(kb, entry),
        "derivations": [derived(kb, d.id, "cn") for d in DERIVATIONS.values() if d.indicator == entry.id],
        "inputs": [summary_json(kb, kb.get(i)) for i in entry.inputs if i in kb],
        "comparison": comparison(detail["observations"]),
    }


def comparison(observations: list[dict[str, Any]]) -> dict[str, Any]:
    """One indicator across sources and countries, side by side: a column per series (entity, breakdown,
    publisher and definition: what a chart must not join with one line) and a row per period, each cell
    the figure with its anchor. Series are ordered by how many periods they cover."""
    columns: dict[str, dict[str, Any]] = {}
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for o in observations:
        key = " · ".join(
            p for p in (o["entity_ref"]["name"], o.get("dimension"), o.get("publisher"), o.get("method")) if p
        )
        column = columns.setdefault(key, {"series": key, "entity": o["entity_ref"]["name"],
                                          "publisher": o.get("publisher"), "definition": o.get("method") or "",
                                          "periods": 0})  # fmt: skip
        column["periods"] += 1
        cells[(o["period"], key)] = {
            "value": o["value"],
            "unit": o["unit"],
            "per": o.get("per"),
            "anchor": o.get("anchor"),
        }
    order = sorted(columns.values(), key=lambda c: (-c["periods"], c["series"]))
    periods = sorted({p for p, _ in cells})
    rows = [{"period": p, "cells": [cells.get((p, c["series"])) for c in order]} for p in periods]
    return {"series": order, "rows": rows}


# -- findings --------------------------------------------------------------------------------------------


def findings(
    kb: KnowledgeBase, store: Store, severity: Severity | None = None, check: str | None = None
) -> list[Finding]:
    """Consistency findings (table totals, balance sheets, a table against its own text, sources and dated
    snapshots that differ, documents that disagree on an actual value), warnings first."""
    found = run_checks(kb, store.table_records()) + learned_findings(store)
    return [f for f in found if (severity is None or f.severity is severity) and (check is None or f.check == check)]


def finding_json(f: Finding) -> dict[str, Any]:
    return {
        "check": f.check,
        "severity": f.severity.value,
        "message": f.message,
        "anchors": list(f.anchors),
        "evidence": evidence(f.anchors),
    }


# -- funds and supply chains -----------------------------------------------------------------------------


def fund_analysis(kb: KnowledgeBase, fund_id: str) -> dict[str, Any]:
    """Allocation by sector, top recipients, averages per investee, and changes between dated snapshots."""
    fund = entry_of(kb, fund_id, Fund, "a fund")
    data: dict[str, Any] = with_evidence(analyse_fund(fund, lambda i: display_name(kb.get(i)) if i in kb else i))
    return data


def chain_analysis(kb: KnowledgeBase, chain_id: str) -> dict[str, Any]:
    """Per component: domestic vs foreign share, supplier concentration, chokepoint rank; per stage: R&D,
    subsidy and profit intensity, and whether profits make a smile curve."""
    data: dict[str, Any] = with_evidence(analyse_chain(entry_of(kb, chain_id, SupplyChain, "a supply chain")))
    return data


def fund_analyses(kb: KnowledgeBase, fund_id: str | None = None) -> list[FundAnalysis]:
    """Every fund with portfolio snapshots (or the one named), analysed."""
    funds = [f for f in kb.funds() if f.snapshots and (fund_id is None or f.id == fund_id)]
    if fund_id is not None and not funds:
        raise NotFoundError(f"{fund_id}: no fund with portfolio snapshots by that id")
    return [analyse_fund(f, lambda i: name_of(kb, i)) for f in funds]


def chain_analyses(kb: KnowledgeBase, chain_id: str | None = None) -> list[SupplyChainAnalysis]:
    chains = [c for c in kb.supply_chains() if chain_id is None or c.id == chain_id]
    if chain_id is not None and not chains:
        raise NotFoundError(f"{chain_id}: no supply chain by that id")
    return [analyse_chain(c) for c in chains]
