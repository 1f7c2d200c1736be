"""Use cases: a fund as a portfolio (phases, statements, dated snapshots by sector) and a supply chain stage by
stage (metrics, components, domestic and foreign firms, market shares), as the JSON the API returns and the
pages render, with the analyses beside them.

A sector's share of its snapshot's total is the one `analysis.portfolio.summarize` computes (not computed
again here); the only other arithmetic is a balance sheet's gap, rounded to the cent.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sinoscope.analysis.portfolio import summarize
from sinoscope.app.analyses import chain_analysis, fund_analysis
from sinoscope.app.charts import snapshot_spec
from sinoscope.app.knowledge import cites, entry_of, ref_json, summary_json
from sinoscope.knowledge import Fund, KnowledgeBase, PortfolioSnapshot, SupplyChain, display_name


def _with_sources(items: Any) -> list[dict[str, Any]]:
    return [{**x.model_dump(mode="json"), "sources": cites(x.sources)} for x in items]


def _snapshot(kb: KnowledgeBase, fund: Fund, snap: PortfolioSnapshot) -> dict[str, Any]:
    share = {(line.sector, line.amount): line.share for line in summarize(snap).sectors}
    phase = fund.phase(snap.phase)
    return {
        **summary_json(kb, snap),
        "phase": snap.phase,
        "phase_name": display_name(phase) if phase is not None else snap.phase,
        "label": f"{snap.as_of} · {snap.compiled_by or 'snapshot'}",
        "basis": snap.basis,
        "as_of": snap.as_of,
        "as_of_note": snap.as_of_note,
        "compiled_by": snap.compiled_by,
        "currency": snap.currency,
        "scale": snap.scale,
        "complete": snap.complete,
        "total_companies": snap.total_companies,
        "total_amount": snap.total_amount,
        "sectors": [
            {
                "sector": h.sector,
                "companies": h.companies,
                "amount": h.amount,
                "share_of_total": share.get((h.sector or "", h.amount)),
                "sources": cites(h.sources),
            }
            for h in snap.sectors()
        ],
        "investees": [
            {
                "investee": ref_json(kb, h.investee),
                "amount": h.amount,
                "share": h.share,
                "note": h.note,
                "sources": cites(h.sources),
            }
            for h in snap.investees()
        ],
        "sources": cites(snap.sources),
    }


def fund_view(kb: KnowledgeBase, fund: Fund) -> dict[str, Any]:
    """`/api/v1/funds/{id}`: the fund as curated, phases and statements in order, snapshots by phase and date."""
    phases = [
        {
            **summary_json(kb, p),
            "launched": p.launched,
            "investors": p.investors,
            "status": p.status,
            "summary": p.summary,
            "capital": _with_sources(p.capital),
        }
        for p in fund.phases
    ]
    statements = []
    for st in sorted(fund.statements, key=lambda s: (s.phase, s.period)):
        phase = fund.phase(st.phase)
        statements.append(
            {
                **st.model_dump(mode="json"),
                "phase_name": display_name(phase) if phase is not None else st.phase,
                "balance_gap": _rounded(st.balance_gap()),
                "sources": cites(st.sources),
            }
        )
    return {
        **summary_json(kb, fund),
        "summary": fund.summary,
        "kind": fund.kind,
        "established_by": ref_json(kb, fund.established_by),
        "sponsors": [ref_json(kb, s) for s in fund.sponsors],
        "capital": _with_sources(fund.capital),
        "phases": phases,
        "statements": statements,
        "snapshots": [_snapshot(kb, fund, s) for s in sorted(fund.snapshots, key=lambda s: (s.phase, s.as_of))],
        "sources": cites(fund.sources),
    }


def fund(kb: KnowledgeBase, fund_id: str) -> dict[str, Any]:
    return fund_view(kb, entry_of(kb, fund_id, Fund, "a fund"))


def funds(kb: KnowledgeBase) -> list[dict[str, Any]]:
    return [fund_view(kb, f) for f in kb.funds()]


def fund_rows(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """The /funds listing, one row a fund: what a reader compares funds by (kind, phases, capital raised),
    the holdings themselves being the fund page's."""
    rows = []
    for f in funds(kb):
        capital = [
            {"phase": p["name"], "kind": c["kind"], "value": c["value"], "currency": c["currency"], "as_of": c["as_of"]}
            for p in [f, *f["phases"]]
            for c in p.get("capital", [])
        ]
        rows.append(
            {
                "id": f["id"], "name": f["name"], "name_zh": f["name_zh"], "url": f"/funds/{f['id']}",
                "kind": f["kind"], "summary": f["summary"], "phases": len(f["phases"]),
                "snapshots": len(f["snapshots"]), "capital": capital,
            }
        )  # fmt: skip
    return rows


def fund_page(kb: KnowledgeBase, fund_id: str) -> dict[str, Any]:
    """The fund's JSON with its analysis and one chart per phase whose snapshots give amounts by sector."""
    view = fund(kb, fund_id)
    by_phase: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for snap in view["snapshots"]:
        by_phase[snap["phase"]].append(snap)
    charts = [
        {
            "id": f"chart-{i}",
            "phase": phase,
            "name": snaps[0]["phase_name"],
            "spec": snapshot_spec(snaps[0]["phase_name"], snaps, snaps[0]["currency"]),
        }
        for i, (phase, snaps) in enumerate(by_phase.items())
        if any(h["amount"] is not None for s in snaps for h in s["sectors"])
    ]
    return {"f": view, "charts": charts, "analysis": fund_analysis(kb, fund_id), "title": view["name"]}


def chain_view(kb: KnowledgeBase, chain: SupplyChain) -> dict[str, Any]:
    """`/api/v1/supply-chains/{id}`: stages in order, metrics by name and period, shares by year and rank."""
    stages = []
    for stage in chain.stages:
        components = [
            {
                **summary_json(kb, comp),
                "summary": comp.summary,
                "domestic_firms": [ref_json(kb, f.company) for f in comp.firms if f.origin == "domestic"],
                "foreign_firms": [ref_json(kb, f.company) for f in comp.firms if f.origin == "foreign"],
                "domestic_share": _with_sources(sorted(comp.domestic_share, key=lambda s: s.year)),
                "shares": [
                    {
                        **s.model_dump(mode="json"),
                        "holder_ref": ref_json(kb, s.holder),
                        "firm_ref": ref_json(kb, s.firm),
                        "sources": cites(s.sources),
                    }
                    for s in sorted(comp.shares, key=lambda s: (s.year, s.rank or 0))
                ],
            }
            for comp in stage.components
        ]
        metrics = _with_sources(sorted(stage.metrics, key=lambda m: (m.metric, m.period)))
        stages.append(
            {
                **summary_json(kb, stage),
                "position": stage.position,
                "summary": stage.summary,
                "metrics": metrics,
                "components": components,
            }
        )
    return {
        **summary_json(kb, chain),
        "summary": chain.summary,
        "note": chain.note,
        "industry": ref_json(kb, chain.industry),
        "country": ref_json(kb, chain.country),
        "stages": stages,
        "sources": cites(chain.sources),
    }


def supply_chain(kb: KnowledgeBase, chain_id: str) -> dict[str, Any]:
    return chain_view(kb, entry_of(kb, chain_id, SupplyChain, "a supply chain"))


def supply_chains(kb: KnowledgeBase) -> list[dict[str, Any]]:
    return [chain_view(kb, c) for c in kb.supply_chains()]


def chain_rows(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """The /supply-chains listing, one row a chain; its stages' figures are the chain page's."""
    return [
        {
            "id": c["id"], "name": c["name"], "name_zh": c["name_zh"], "url": f"/supply-chains/{c['id']}",
            "summary": c["summary"], "stages": len(c["stages"]),
            "components": sum(len(s["components"]) for s in c["stages"]),
        }
        for c in supply_chains(kb)
    ]  # fmt: skip


def chain_page(kb: KnowledgeBase, chain_id: str) -> dict[str, Any]:
    """The chain's JSON with its analysis and the components' names by id (the analysis names them by id)."""
    view = supply_chain(kb, chain_id)
    names = {c["id"]: c["name"] for s in view["stages"] for c in s["components"]}
    return {"c": view, "analysis": chain_analysis(kb, chain_id), "names": names, "title": view["name"]}


def _rounded(gap: float | None) -> float | None:
    """To the cent: what is left below that is floating-point noise from applying the printed scale."""
    return None if gap is None else round(gap, 2) + 0.0
